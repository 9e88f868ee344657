"""One policy for bad data, and one line for every failure, across the command line.

Every command that reads the data refuses data with errors in the same words and with exit 1
unless --allow-errors; a write that fails is one line with exit 1, never "internal error" (exit 3).
Each case is labelled and asserted with its exact message.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from corridors import cli
from corridors.store import geojsonio

from fixtures import INGEST_ROOT

pytestmark = pytest.mark.usefixtures("fixture_env")

#: The policy's words, with the command's name and the data's first error filled in.
REFUSED = (
    "{command} refused: the data has {count} error(s) (first: {first}); nothing was done (run "
    "`python -m corridors validate` to see them all, or pass --allow-errors to use what is valid)"
)
MISQUOTE = (
    "geodata/claims.csv:16 [cku-role-001]: quote not found verbatim in 001_6257ba8c1d36bd59.txt; "
    "closest passage (33% alike): 'projects like the': source has 'projects' where the quote has "
    "'Nothing'; source has 'the' where the quote has 'this.'"
)
ARTICLE = "An article about nothing the map knows, written for this test.\n"


def _data_files(data_copy) -> dict[Path, bytes]:
    """Every file of the data folders (the write lock's file lives beside them, not in them)."""
    folders = (data_copy.path("geodata"), data_copy.path("seeds"))
    return {p: p.read_bytes() for f in folders for p in f.rglob("*") if p.is_file()}


def _misquote(data_copy) -> None:
    """One error a curator could make: a quote that is not in its article."""
    data_copy.edit_row("geodata/claims.csv", "id", "cku-role-001", quote="Nothing like this.")


def _article(tmp_path: Path) -> str:
    path = tmp_path / "999_refusal_test.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return os.fspath(path)


#: Every command that reads the data, with the arguments it needs (``{tmp}``: a scratch folder).
READERS = [
    pytest.param("measure", [], id="measure"),
    pytest.param("export", ["--format", "csv", "--output", "{tmp}/out.csv"], id="export"),
    pytest.param("cite", ["--format", "bibtex"], id="cite"),
    pytest.param("annotations", ["--output", "{tmp}/a.jsonld"], id="annotations"),
    pytest.param("changes", ["--since", "2024-01-01"], id="changes"),
    pytest.param("ingest", ["{article}"], id="ingest"),
    pytest.param("review", ["--reject", "x"], id="review"),
]


def _args(data_copy, tmp_path: Path, command: str, extra: list[str]) -> list[str]:
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    filled = [
        a.replace("{tmp}", os.fspath(out)).replace(
            "{article}", _article(tmp_path) if "{article}" in a else ""
        )
        for a in extra
    ]
    return ["--data-dir", os.fspath(data_copy.root), command, *filled]


@pytest.mark.parametrize(("command", "extra"), READERS)
def test_every_reader_refuses_data_with_errors_alike(
    command: str, extra: list[str], data_copy, tmp_path: Path, capsysbinary
) -> None:
    """The same words and exit 1 from every command; nothing printed, nothing written."""
    _misquote(data_copy)
    before = _data_files(data_copy)
    assert cli.main(_args(data_copy, tmp_path, command, extra)) == 1
    captured = capsysbinary.readouterr()
    assert captured.out == b""
    assert captured.err.decode().splitlines() == [
        REFUSED.format(command=command, count=1, first=MISQUOTE)
    ]
    assert not any((tmp_path / "out").iterdir())
    after = _data_files(data_copy)
    assert after == before


@pytest.mark.parametrize(
    ("command", "extra", "code"),
    [
        pytest.param("measure", [], 0, id="measure"),
        pytest.param("export", ["--format", "csv", "--output", "{tmp}/out.csv"], 0, id="export"),
        pytest.param("cite", ["--format", "ris"], 0, id="cite"),
        pytest.param("annotations", ["--output", "{tmp}/a.jsonld"], 0, id="annotations"),
        pytest.param("changes", ["--since", "2024-01-01"], 0, id="changes"),
    ],
)
def test_allow_errors_uses_what_is_valid(
    command: str, extra: list[str], code: int, data_copy, tmp_path: Path, capsysbinary
) -> None:
    """--allow-errors: the command runs on what is valid; the claim in error is left out."""
    _misquote(data_copy)
    args = _args(data_copy, tmp_path, command, extra)
    assert cli.main([*args, "--allow-errors"]) == code
    captured = capsysbinary.readouterr()
    written = b"".join(p.read_bytes() for p in (tmp_path / "out").iterdir())
    assert b"refused" not in captured.err
    assert b"cku-role-001" not in captured.out + written


@pytest.mark.parametrize(
    ("lat", "lon"),
    [
        pytest.param("nan", "75.9833", id="nan latitude"),
        pytest.param("39.4667", "inf", id="inf longitude"),
        pytest.param("-inf", "nan", id="both"),
    ],
)
def test_measure_prints_no_figures_from_non_finite_waypoints(
    lat: str, lon: str, data_copy, capsys
) -> None:
    """`validate` refuses a nan/inf waypoint; `measure` now refuses it too, printing no figure."""
    data_copy.edit_row("geodata/waypoints.csv", "id", "kashgar", lat=lat, lon=lon)
    assert cli.main(["--data-dir", os.fspath(data_copy.root), "measure"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("measure refused: the data has 2 error(s) (first: ")
    assert len(err.splitlines()) == 1


S004 = "004_dc699da55f7d4812.txt"


@pytest.mark.parametrize(
    "date",
    [
        pytest.param("2025-13-18", id="month 13 (once a crash, exit 3)"),
        pytest.param("2025-00-18", id="month 00 (once cited as 'dec')"),
        pytest.param("2025-02-30", id="30 February"),
    ],
)
@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csl-json"])
def test_cite_refuses_an_impossible_source_date(date: str, fmt: str, data_copy, capsysbinary):
    """An impossible date in sources.csv is an error every reader refuses alike; with
    --allow-errors the citation is written without that source, never with a made-up month."""
    data_copy.edit_row("seeds/sources.csv", "file", S004, date=date)
    args = ["--data-dir", os.fspath(data_copy.root), "cite", "--format", fmt]
    assert cli.main(args) == 1
    first = (
        f"seeds/sources.csv:6 [{S004}]: date '{date}' is not a calendar date (YYYY, YYYY-MM or "
        "YYYY-MM-DD)"
    )
    assert capsysbinary.readouterr().err.decode().splitlines() == [
        REFUSED.format(command="cite", count=1, first=first)
    ]
    assert cli.main([*args, "--allow-errors"]) == 0
    out = capsysbinary.readouterr().out.decode()
    assert S004.removesuffix(".txt") not in out
    assert date not in out


# --- every write failure: one line, exit 1 ------------------------------------------------------

INGEST_ARTICLE = INGEST_ROOT / "900_fictional_tracklaying.txt"


def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every atomic write fails as on a full disk (the old file stays: atomicfile's promise)."""
    from corridors.store import atomicfile

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomicfile.os, "fsync", full)


def _unanchored(data_copy) -> None:
    """anchors.csv out of date, so `fmt` must rewrite it."""
    data_copy.write_text("geodata/anchors.csv", data_copy.read_text("geodata/anchors.csv")[:-200])


#: (command arguments, how to break the write, the one line on stderr). ``{data}`` is the copy,
#: ``{tmp}`` a scratch folder holding a plain file named ``blocker``.
WRITES = [
    pytest.param(
        ["annotations", "--output", "{tmp}/blocker/a.jsonld"],
        None,
        "annotations failed: cannot write {tmp}/blocker/a.jsonld: Not a directory",
        id="annotations under a file",
    ),
    pytest.param(
        ["annotations", "--output", "{tmp}"],
        None,
        "annotations failed: cannot write {tmp}: it is a folder; name a file inside it",
        id="annotations into a folder",
    ),
    pytest.param(
        ["annotations", "--output", "{tmp}/a.jsonld"],
        _full_disk,
        "annotations failed: cannot write {tmp}/a.jsonld: No space left on device; the previous "
        "file is unchanged",
        id="annotations on a full disk",
    ),
    pytest.param(
        ["changes", "--since", "2024-01-01", "--output", "{tmp}/blocker/c.csv"],
        None,
        "changes failed: cannot write {tmp}/blocker/c.csv: Not a directory",
        id="changes under a file",
    ),
    pytest.param(
        ["export", "--format", "geojson", "--output", "{tmp}/blocker/e.geojson"],
        None,
        "export failed: cannot write {tmp}/blocker/e.geojson: Not a directory",
        id="export under a file",
    ),
    pytest.param(
        ["export", "--format", "kml", "--output", "{tmp}/e.kml"],
        _full_disk,
        "export failed: cannot write {tmp}/e.kml: No space left on device; the previous file is "
        "unchanged",
        id="export on a full disk",
    ),
    pytest.param(
        ["ingest", os.fspath(INGEST_ARTICLE)],
        _full_disk,
        "not ingested: cannot write {data}/seeds/sources.csv: No space left on device; the "
        "previous file is unchanged",
        id="ingest on a full disk",
    ),
]


@pytest.mark.parametrize(("args", "break_it", "line"), WRITES)
def test_a_failed_write_is_one_line(
    args: list[str], break_it, line: str, data_copy, tmp_path: Path, monkeypatch, capsysbinary
) -> None:
    """Exit 1 and exactly one line on stderr, never "internal error" (exit 3)."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    (scratch / "blocker").write_text("a file where a folder is expected")
    fill = {"{tmp}": os.fspath(scratch), "{data}": os.fspath(data_copy.root)}

    def filled(text: str) -> str:
        for key, value in fill.items():
            text = text.replace(key, value)
        return text

    if break_it is not None:
        break_it(monkeypatch)
    assert cli.main(["--data-dir", os.fspath(data_copy.root), *map(filled, args)]) == 1
    assert capsysbinary.readouterr().err.decode().splitlines() == [filled(line)]


def test_fmt_says_when_it_cannot_rewrite_the_anchors(data_copy, monkeypatch, capsys) -> None:
    """fmt's anchor rewrite on a full disk: one problem line, exit 1, anchors.csv unchanged."""
    _unanchored(data_copy)
    before = data_copy.path("geodata/anchors.csv").read_bytes()
    _full_disk(monkeypatch)
    assert cli.main(["--data-dir", os.fspath(data_copy.root), "fmt"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"ERROR geodata/anchors.csv: cannot write {data_copy.root}/geodata/anchors.csv: No space "
        "left on device; the previous file is unchanged (fix: check the folder's permissions and "
        "free space)"
    ]
    assert data_copy.path("geodata/anchors.csv").read_bytes() == before


def test_review_on_a_full_disk_is_one_line(data_copy, monkeypatch, capsys) -> None:
    """Accepting a proposal when claims.csv cannot be written: one line, exit 1, nothing lost."""
    root = os.fspath(data_copy.root)
    assert cli.main(["--data-dir", root, "ingest", os.fspath(INGEST_ARTICLE)]) == 0
    capsys.readouterr()
    before = _data_files(data_copy)
    _full_disk(monkeypatch)
    args = ["--data-dir", root, "review", INGEST_ARTICLE.stem, "--accept", "cku-length-900"]
    assert cli.main(args) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"review failed: cannot write {root}/geodata/claims.csv: No space left on device; the "
        "previous file is unchanged"
    ]
    assert _data_files(data_copy) == before


def _nameless_country(data_copy) -> None:
    data_copy.edit_json(
        "geodata/boundaries.geojson", lambda d: d["features"][0]["properties"].pop("name")
    )


def test_ingest_reports_a_country_without_a_name(data_copy, capsys) -> None:
    """ingest reads the boundaries through the reading layer: a country without a name is the
    validator's problem, refused like any other (once a KeyError, exit 3); with --allow-errors the
    article is ingested, the nameless country ignored."""
    _nameless_country(data_copy)
    args = ["--data-dir", os.fspath(data_copy.root), "ingest", os.fspath(INGEST_ARTICLE)]
    assert cli.main(args) == 1
    first = "geodata/boundaries.geojson [#0]: country has no 'name'"
    assert capsys.readouterr().err.splitlines() == [
        REFUSED.format(command="ingest", count=1, first=first)
    ]
    assert cli.main([*args, "--allow-errors"]) == 0
    assert "9 proposed claim(s)" in capsys.readouterr().out


@pytest.mark.parametrize(
    "properties",
    [
        pytest.param(
            "[null]", id="an array (the fuzzer made geojsonio.dumps raise AttributeError)"
        ),
        pytest.param('"text"', id="a string"),
        pytest.param("0", id="zero"),
    ],
)
def test_fmt_leaves_a_file_whose_properties_are_not_an_object(
    properties: str, data_copy, capsys
) -> None:
    """fmt names the feature and leaves the file; the canonical writer itself refuses it too
    (TypeError, never a silent {}), for every other caller."""
    rel = "geodata/features/cku-railway.geojson"
    text = (
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        f'{properties}, "geometry": null}}]}}'
    )
    data_copy.write_text(rel, text)
    assert cli.main(["--data-dir", os.fspath(data_copy.root), "fmt"]) == 1
    assert (
        f"ERROR {rel}: holds what the canonical form does not keep: the properties of feature "
        "#0, which are not an object; left unchanged"
    ) in capsys.readouterr().err
    assert data_copy.read_text(rel) == text
    feature = json.loads(text)["features"][0]
    with pytest.raises(TypeError, match=r"properties are a JSON \w+, not an object"):
        geojsonio.dumps([feature])
