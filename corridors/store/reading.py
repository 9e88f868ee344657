"""Reading one file of the data folder safely: loading and validation read every file through here.

Everything the dashboard, the validator and the exports know comes through here, so the rules are
in one place and each refusal is one precise Problem (file, what is wrong, how to fix it):

- only regular files inside the data folders (geodata/, seeds/) are read: a symlink that leads
  outside them (to /etc/passwd, to /dev/zero), a FIFO, a device, a socket or a folder named like a
  data file is refused on its ``stat``, before anything is opened; a FIFO is never opened;
- no file is read past the limit of its kind (below); a larger file is refused on its size alone,
  so a 60 MB article costs one ``stat``, and a file that grows while it is read is cut off;
- text is UTF-8 without byte-order mark, with no control characters but tab and newline (and CR in
  a CRLF line ending; in a CSV file also inside a quoted cell, where RFC 4180 allows it);
- JSON has no duplicate keys, no NaN or Infinity (nor a number too large to be finite), and is
  nested no deeper than GeoJSON needs (MAX_JSON_DEPTH), so nothing downstream can recurse away.

Nothing here raises on bad data: each function returns None and appends the Problem instead.

Not the only place a data file is opened: ``datadir.fingerprint`` opens them too, but only to hash
their bytes (the cache key), never to parse them; and the ``ingest`` and ``review`` commands read
a few files directly (the tables they append to, the proposals, the countries' names).
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import orjson

from ..problems import Problem, error
from .datadir import DataDir

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    """How large a file of one kind may be, and what to do about a larger one."""

    what: str  # the kind of file, as messages name it
    max_bytes: int
    hint: str


#: One GeoJSON file of features (a corridor or a hundred): today's are under 5 KiB; a 10,000-
#: corridor synthetic set is 100 files of 0.7 MiB.
FEATURE_FILE = Limit(
    "feature file", 32 * MIB, "split it into one file per corridor, or simplify its lines"
)
#: A CSV table (claims, sources, corridors, waypoints, references): 100,000 claims are 15 MiB.
TABLE = Limit("table", 64 * MIB, "split the data or remove rows that are not needed")
#: One article in seeds/: today's are 2 to 15 KiB; a long feature article is 100 KiB.
ARTICLE = Limit("article", 1 * MIB, "keep only the article's own text (no pages, no markup)")
#: geodata/boundaries.geojson: 0.5 MiB at Natural Earth's 1:50m.
BOUNDARIES = Limit("boundaries file", 32 * MIB, "rebuild it with `python -m corridors boundaries`")

#: GeoJSON needs 8 levels (collection, features, feature, geometry, MultiPolygon rings, position);
#: twice that leaves room for nested properties and refuses anything built to exhaust a parser.
MAX_JSON_DEPTH = 16

_BOM = b"\xef\xbb\xbf"
#: Control characters (C0 but tab, LF and CR; DEL; C1): invisible, and not representable in KML.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LONE_CR = re.compile(r"\r(?!\n)")
_NUMBER_BYTES = re.compile(rb"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
#: A run of this many digits is no coordinate or figure: a number built to overflow a float.
MAX_DIGITS = 100
#: +1 for an opening bracket or brace, -1 for a closing one, 0 for any other byte.
_BRACKET_STEPS = np.zeros(256, dtype=np.int8)
_BRACKET_STEPS[[0x5B, 0x7B]] = 1
_BRACKET_STEPS[[0x5D, 0x7D]] = -1


def size_text(n: int) -> str:
    """A byte count as people read it (64 MiB, 16 KiB, 900 bytes)."""
    for unit, scale in (("MiB", 2**20), ("KiB", 2**10)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def _inside(path: str, roots: list[str]) -> bool:
    return any(path == root or path.startswith(root + os.sep) for root in roots)


def _kind_of(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a regular file"
    return "not a regular file"


def read_bytes(
    datadir: DataDir,
    path: Path,
    limit: Limit,
    problems: list[Problem],
    missing_hint: str = "restore it from git",
) -> bytes | None:
    """The bytes of one data file, or None with the one problem that stopped it.

    The checks run on ``lstat``/``stat`` before the file is opened; the file is then opened with
    O_NONBLOCK and O_NOFOLLOW and checked again on its descriptor, so a file swapped for a FIFO or
    a link in between is still refused, and at most ``limit.max_bytes + 1`` bytes are ever read.
    """
    real, refusal = _openable(datadir, path, limit, missing_hint)
    if refusal is None:
        data, refusal = _read_capped(real, limit)
        if refusal is None:
            return data
    problems.append(error(datadir.rel(path), "", *refusal))
    return None


#: Why a file was not read: the problem's message and its fix hint.
Refusal = tuple[str, str]


def _openable(
    datadir: DataDir, path: Path, limit: Limit, missing_hint: str
) -> tuple[str, Refusal | None]:
    """The file's real path, or why it must not be opened: checked on ``lstat``/``stat`` first,
    so a link out of the data folders, a FIFO or an oversized file is refused unopened."""
    try:
        lst = os.lstat(path)
    except FileNotFoundError:
        return "", ("file is missing", missing_hint)
    except OSError as exc:
        return "", (f"cannot read the file: {exc.strerror}", "check the file's permissions")
    real = os.path.realpath(path)
    roots = [os.path.realpath(folder) for folder in datadir.folders()]
    if not _inside(real, roots):
        shown = Path(real).name or real
        if stat.S_ISLNK(lst.st_mode):
            return real, (
                f"is a symbolic link to {shown!r}, outside the data folders; not read",
                "copy the file into the data folder instead of linking to it",
            )
        return real, (
            "lies outside the data folders (through a linked folder); not read",
            "copy the file into the data folder instead of linking to it",
        )
    try:
        st = os.stat(real)
    except OSError:
        return real, (
            "is a broken symbolic link",
            "point the link at a file, or replace it by the file",
        )
    kind = _kind_of(st.st_mode)
    if kind:
        return real, (
            f"is {kind}; not read",
            f"replace it by the {limit.what} itself, or remove it",
        )
    if st.st_size > limit.max_bytes:
        return real, (
            f"{limit.what} is {size_text(st.st_size)}, over the {size_text(limit.max_bytes)} "
            f"limit for {limit.what}s; not read",
            limit.hint,
        )
    return real, None


def _read_capped(real: str, limit: Limit) -> tuple[bytes, Refusal | None]:
    """The file's bytes, reading at most ``limit.max_bytes + 1``.

    Opened with O_NONBLOCK and O_NOFOLLOW and checked again on its descriptor, so a file swapped
    for a FIFO or a link since ``_openable`` looked is still refused, and one that grew is cut off.
    """
    try:
        fd = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as exc:
        return b"", (f"cannot read the file: {exc.strerror}", "check the file's permissions")
    try:
        if _kind_of(os.fstat(fd).st_mode):
            return b"", (
                "changed into something other than a regular file while read; not read",
                "",
            )
        chunks: list[bytes] = []
        left = limit.max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        return b"", (f"cannot read the file: {exc.strerror}", "check the file and the disk")
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit.max_bytes:
        return b"", (
            f"{limit.what} grew past the {size_text(limit.max_bytes)} limit while read; not read",
            limit.hint,
        )
    return data, None


def _line_col(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def decode_text(data: bytes, rel: str, problems: list[Problem], csv: bool = False) -> str | None:
    """Strict UTF-8 text with no BOM and no control characters, or None with the problem."""
    if not data.strip():
        problems.append(error(rel, "", "file is empty", "write its content, or delete it"))
        return None
    if data.startswith(_BOM):
        problems.append(
            error(
                rel, "", "file starts with a UTF-8 byte-order mark", "save it as UTF-8 without BOM"
            )
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(
            error(
                rel,
                "",
                f"not UTF-8: byte 0x{data[exc.start]:02x} at byte {exc.start}",
                "save the file as UTF-8",
                line,
            )
        )
        return None
    found = CONTROL.search(text)
    if found:
        line, col = _line_col(text, found.start())
        count = len(CONTROL.findall(text))
        problems.append(
            error(
                rel,
                "",
                f"control character U+{ord(found.group()):04X} at line {line}, column {col}"
                + (f" ({count} in the file)" if count > 1 else ""),
                "remove it: only tab and newline may appear in the text",
                line,
            )
        )
        return None
    if not csv:
        lone = _LONE_CR.search(text)
        if lone:
            line, col = _line_col(text, lone.start())
            problems.append(
                error(
                    rel,
                    "",
                    f"carriage return (CR) without a newline at line {line}, column {col}",
                    "save the file with LF (or CRLF) line endings",
                    line,
                )
            )
            return None
    return text


class DuplicateKeyError(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    seen: dict[str, object] = {}
    for key, value in pairs:
        if key in seen:
            raise DuplicateKeyError(key)
        seen[key] = value
    return seen


def _refuse_constant(name: str) -> object:
    raise ValueError(f"non-finite number {name}")


def _blank_strings(encoded: bytes) -> np.ndarray:
    """The bytes of a JSON text with every string (quotes included) turned into spaces.

    Linear and regex-free (an unterminated string full of escaped quotes made a regex quadratic):
    a quote is escaped when an odd run of backslashes precedes it; a byte is inside a string when
    an odd number of unescaped quotes precede it. Newlines stay, so line numbers still hold.
    """
    codes = np.frombuffer(encoded, dtype=np.uint8).copy()
    quote = codes == 0x22
    if not quote.any():
        return codes
    backslash = codes == 0x5C
    if backslash.any():
        position = np.arange(len(codes), dtype=np.int64)
        last_other = np.maximum.accumulate(np.where(backslash, -1, position))
        run = np.zeros(len(codes), dtype=np.int64)
        run[1:] = position[:-1] - last_other[:-1]  # backslashes right before each byte
        quote &= run % 2 == 0
    # the strings run from each odd quote to the next one, both included (the last to the end
    # when it is not closed): spans of bytes laid out in one pass, not a running count per byte
    quotes = np.flatnonzero(quote)
    edges = np.empty(len(quotes), dtype=np.int64)
    edges[0::2] = quotes[0::2]
    edges[1::2] = quotes[1::2] + 1
    spans = np.diff(np.concatenate(([0], edges, [len(codes)])))
    inside = np.repeat(np.arange(len(spans)) % 2 == 1, spans)
    codes[inside & (codes != 0x0A)] = 0x20
    return codes


_IS_DIGIT = np.zeros(256, dtype=bool)
_IS_DIGIT[0x30:0x3A] = True


def _digit_runs(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where each digit is, and where each run of digits starts and how long it is."""
    digit = _IS_DIGIT[codes]
    padded = np.zeros(len(codes) + 2, dtype=bool)
    padded[1:-1] = digit
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return digit, edges[0::2], edges[1::2] - edges[0::2]


def _number_problem(
    codes: np.ndarray, bare: bytes, runs: tuple[np.ndarray, np.ndarray, np.ndarray]
) -> tuple[str, int] | None:
    """A number Python's JSON reader would read as non-finite or too long, and its byte offset.

    ``codes``/``bare``: the text's bytes with strings blanked; ``runs``: ``_digit_runs(codes)``.
    NaN and Infinity are found with bytes.find; digit runs and exponents with numpy, so a clean
    file costs a few vectorised passes; only exponents that could overflow a float are looked at
    one by one.
    """
    for literal in (b"NaN", b"Infinity"):
        at = bare.find(literal)
        if at >= 0:
            sign = "-" if bare[at - 1 : at] == b"-" else ""
            return f"non-finite number {sign}{literal.decode()}", at
    digit, starts, lengths = runs
    if not len(lengths):
        return None
    if lengths.max() > MAX_DIGITS:
        return f"a number of {int(lengths.max())} digits", int(starts[np.argmax(lengths)])
    # An exponent that could overflow: after a digit or '.', no '-' sign, three digits or more
    # worth 200 or more (a mantissa has at most MAX_DIGITS digits; 1.8e308 is the largest float).
    n = len(codes)
    e = np.flatnonzero((codes == 0x65) | (codes == 0x45))
    e = e[(e > 0) & (e + 3 < n)]
    e = e[digit[e - 1] | (codes[e - 1] == 0x2E)]
    e = e[codes[e + 1] != 0x2D]
    first = e + 1 + (codes[e + 1] == 0x2B)
    first = first[first + 2 < n]
    four = digit[np.minimum(first + 3, n - 1)] & (first + 3 < n)
    three = digit[first] & digit[first + 1] & digit[first + 2] & ((codes[first] >= 0x32) | four)
    for at in first[three]:
        start = int(at) - 1
        while start > 0 and (digit[start - 1] or codes[start - 1] in (0x2E, 0x2D, 0x65, 0x45)):
            start -= 1  # back over this number only: a few hundred bytes at most
        number = _NUMBER_BYTES.match(bare, start)
        if number and not math.isfinite(float(number.group())):
            return f"non-finite number {number.group().decode('ascii')}", start
    return None


#: orjson reads an integer past 64 bits as a float (Python's reader keeps it whole): a text with
#: a run of this many digits or more is read by Python's reader.
_FAST_DIGITS = 19
_NOT_FAST = object()


def _keys_written(compact: bytes) -> int:
    """How many keys a JSON text holds: its colons outside strings. Counting '":' instead was
    wrong for a string that starts with a colon (``[":"]``), which hid a duplicate key."""
    return _blank_strings(compact).tobytes().count(b":")


def _fast_loads(text: str, bare: bytes, longest: int) -> object:
    """``json.loads`` with the duplicate-key rule, read by orjson (three to four times faster:
    most of reading 10,000 corridors' files), or ``_NOT_FAST`` when only Python's reader can say.

    orjson keeps one of two duplicate keys without a word, so what it read must hold as many keys
    as the text has colons outside its strings (``bare``); any other difference (a text orjson
    refuses, an integer past 64 bits) leaves the text to Python's reader, which then gives the
    value, or the problem, exactly as before."""
    if longest >= _FAST_DIGITS:
        return _NOT_FAST
    try:
        data = orjson.loads(text)
        keys = _keys_written(orjson.dumps(data))
    except (orjson.JSONDecodeError, orjson.JSONEncodeError, TypeError, ValueError):
        return _NOT_FAST
    return data if keys == bare.count(b":") else _NOT_FAST


def parse_json(text: str, rel: str, problems: list[Problem]) -> object | None:
    """Parsed JSON, or None with the problem: syntax, duplicate keys, non-finite numbers, depth.

    Strings are blanked out first (their brackets and words are data, not structure); the nesting
    depth is then a running sum over the brackets, computed in numpy, so no parser ever recurses
    past MAX_JSON_DEPTH and a file built to exhaust one is refused in linear time.
    """

    def refuse(message: str, hint: str, line: int | None = None) -> None:
        problems.append(error(rel, "", message, hint, line))

    encoded = text.encode("utf-8")
    codes = _blank_strings(encoded)
    bare = codes.tobytes()
    steps = _BRACKET_STEPS[codes]
    brackets = np.flatnonzero(steps)
    depth = np.cumsum(steps[brackets], dtype=np.int64)
    if len(depth) and depth.max() > MAX_JSON_DEPTH:
        at = int(brackets[np.argmax(depth > MAX_JSON_DEPTH)])
        line = bare.count(b"\n", 0, at) + 1
        refuse(
            f"JSON nested more than {MAX_JSON_DEPTH} levels deep (at line {line}); not read",
            "GeoJSON needs at most 8 levels: remove the extra brackets",
            line,
        )
        return None
    runs = _digit_runs(codes)
    number = _number_problem(codes, bare, runs)
    if number is not None:
        message, at = number
        line = bare.count(b"\n", 0, at) + 1
        refuse(
            f"{message} at line {line}",
            "write a finite decimal number (JSON has no NaN or Infinity)",
            line,
        )
        return None
    longest = int(runs[2].max()) if len(runs[2]) else 0
    fast = _fast_loads(text, bare, longest)
    if fast is not _NOT_FAST:
        return fast
    try:
        return json.loads(
            text, object_pairs_hook=_no_duplicate_keys, parse_constant=_refuse_constant
        )
    except DuplicateKeyError as exc:
        refuse(f"duplicate JSON key {exc.args[0]!r}", "keep one of the two keys")
    except json.JSONDecodeError as exc:
        refuse(
            f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            "fix the JSON syntax there (a missing comma or bracket is the usual cause)",
            exc.lineno,
        )
    except (ValueError, RecursionError) as exc:  # defensive: the checks above refuse these first
        refuse(f"cannot parse the JSON: {exc}", "fix the JSON")
    return None


def list_folder(datadir: DataDir, folder: Path, suffix: str, problems: list[Problem]) -> list[Path]:
    """The entries of a data folder whose names end in ``suffix``, sorted; nothing is opened.

    Hidden names (an editor's lock or swap file, '.#claims.csv') are not data and are skipped.

    Entries that are not regular files are listed too: ``read_bytes`` refuses each with its own
    message, so a FIFO or a folder named like a data file is reported rather than skipped.
    """
    try:
        with os.scandir(folder) as entries:
            names = sorted(
                e.name for e in entries if e.name.endswith(suffix) and not e.name.startswith(".")
            )
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        problems.append(
            error(datadir.rel(folder), "", "is not a folder", "make it a folder of data files")
        )
        return []
    except OSError as exc:
        problems.append(
            error(datadir.rel(folder), "", f"cannot list the folder: {exc.strerror}", "")
        )
        return []
    return [folder / name for name in names]
