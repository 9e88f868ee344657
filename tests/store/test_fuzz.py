"""Property-based fuzzing (Hypothesis): every reader, on generated and mutated input, records a
problem or returns a value; none raises. A sample of commands on mutated copies of the data ends
with exit 0 or 1, one line per failure, never a traceback, and changes no file outside its target.

Each reader gets at least ``READER_EXAMPLES`` inputs: half generated from scratch, half mutations
(characters inserted, deleted, replaced; lines doubled or cut) of the fixture's own files, so that
most inputs get past the first check. Failures found while writing this are kept as labelled cases
(``FOUND``) that run on every ``make check``. Slow (about two minutes): ``make test`` runs it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corridors import cli
from corridors.geo import boundaries
from corridors.problems import Problem
from corridors.publish import citations
from corridors.quotes import textmatch
from corridors.schema import (
    CLAIM_COLUMNS,
    FIELDS,
    SOURCE_COLUMNS,
    WAYPOINT_COLUMNS,
    period_problem,
    scope_problem,
)
from corridors.store import geojsonio, rawdata, reading
from corridors.store.datadir import REPO_ROOT
from corridors.validate.sources import date_parts
from corridors.view import mapcomponent, panel, viewstate

from fixtures import FIXTURE

READER_EXAMPLES = int(os.environ.get("CORRIDORS_FUZZ_EXAMPLES", 10_000))
CLI_EXAMPLES = max(1, READER_EXAMPLES // 500)
#: The CSV reader's inputs, split over its three tables, generated and mutated.
PER_TABLE = -(-READER_EXAMPLES // 6)
FUZZ = settings(
    max_examples=READER_EXAMPLES // 2,  # most readers: one generated and one mutated property
    deadline=None,
    database=None,  # nothing written into the checkout (.hypothesis/)
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- strategies ----------------------------------------------------------------------------------
#
# Inputs are drawn as bytes and spelled with TOKENS: one draw per input keeps Hypothesis's own
# work to a fraction of a millisecond (drawing nested lists of text cost ~40 ms an input, which
# would not fit 10,000 inputs a reader into minutes), and it still shrinks a failure to its
# shortest byte string. The tokens are what the readers' decisions turn on: separators, quotes,
# line ends, control characters, a BOM, typographic dashes, astral characters, numbers that do
# not parse or overflow, dates that do not exist, markup, and the JSON and GeoJSON words.

TOKENS = [
    *"abcxyzABC0123456789 .-:/_%&;=+@#'<>{}[]\\",
    ",",
    '"',
    "\n",
    "\r",
    "\r\n",
    "\t",
    "\x00",
    "\x1b",
    "\x7f",
    "\ufeff",
    "\u2028",
    "–",
    "—",
    "é",
    "😀",
    "\u0085",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    "1e999",
    "-1",
    "0",
    "3.5",
    "2025",
    "2025-06",
    "2025-06-18",
    "2025-13-01",
    "2025-00-10",
    "2025-02-30",
    "1990s",
    "2025-01/2025-06",
    "km",
    "USD",
    "planned",
    "operating",
    "railway",
    "pipeline",
    "cku-railway",
    "titr",
    "length",
    "status",
    "cost",
    "https://",
    "http://",
    "javascript:",
    "<script>",
    "</a>",
    "&amp;",
    '""',
    '{"type":"Feature","properties":',
    '{"type":"FeatureCollection","features":[',
    "]}",
    "null",
    "true",
    '"geometry":',
    '{"type":"LineString","coordinates":[[',
    '{"type":"Point","coordinates":[',
    '{"type":"Polygon","coordinates":[[[',
    "]]",
    "]]]}",
    '"name":',
    '"id":',
    ":",
    "\\u0000",
]


def spell(data: bytes) -> str:
    return "".join(TOKENS[b % len(TOKENS)] for b in data)


def _n(data: bytes) -> int:
    return int.from_bytes(data or b"\0", "big")


def STREAM(max_size: int) -> st.SearchStrategy[str]:
    return st.binary(max_size=max_size).map(spell)


#: Up to eight edits as one byte string, six bytes each: what, where (two bytes, scaled to the
#: text), how much, and two tokens of payload.
EDITS = st.binary(min_size=6, max_size=48).map(
    lambda data: [
        (data[i] % 5, _n(data[i + 1 : i + 3]), data[i + 3] % 40, spell(data[i + 4 : i + 6]))
        for i in range(0, len(data) - 5, 6)
    ]
)


def _mutate(base: str, edits: list[tuple[int, int, int, str]]) -> str:
    """Apply edits (op, position, length, text): 0 insert, 1 delete, 2 replace, 3 double a line,
    4 cut everything after. Positions are scaled to the text, so every part of it is reached."""
    text = base
    for op, pos, length, payload in edits:
        at = pos * (len(text) + 1) // 65536
        if op == 0:
            text = text[:at] + payload + text[at:]
        elif op == 1:
            text = text[:at] + text[at + length :]
        elif op == 2:
            text = text[:at] + payload + text[at + len(payload) :]
        elif op == 3:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            line = text[start : end if end >= 0 else len(text)]
            text = text[:start] + line + "\n" + text[start:]
        else:
            text = text[:at]
    return text


def _fixture_text(rel: str) -> str:
    return (FIXTURE.root / rel).read_text(encoding="utf-8")


TABLES = {
    "geodata/claims.csv": CLAIM_COLUMNS,
    "seeds/sources.csv": SOURCE_COLUMNS,
    "geodata/waypoints.csv": WAYPOINT_COLUMNS,
}
TABLE_TEXTS = {rel: _fixture_text(rel) for rel in TABLES}
FEATURE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(FIXTURE.features.glob("*.geojson"))]
ARTICLES = [p.read_text(encoding="utf-8") for p in sorted(FIXTURE.seeds.glob("*.txt"))]

# --- the readers, each with its property ----------------------------------------------------------


def read_table(rel: str, text: str) -> None:
    """A table's text parsed and every row's cells checked as `validate` checks them."""
    problems: list[Problem] = []
    decoded = reading.decode_text(text.encode("utf-8", "surrogatepass"), rel, problems, csv=True)
    if decoded is None:
        return
    table = rawdata.parse_table(rel, decoded, TABLES[rel], problems)
    for row in table.rows:
        for column in TABLES[rel]:
            assert isinstance(row[column], str)
        if rel.endswith("claims.csv"):
            field = FIELDS.get(row["field"])
            if field is not None:
                field.check(row["value"])
            if row["period"]:
                period_problem(row["period"])
            if row["scope"]:
                scope_problem(row["scope"])
        elif rel.endswith("sources.csv"):
            parts = date_parts(row["date"])
            assert parts is None or all(isinstance(p, int) for p in parts)
            citations.bibtex_entry(citations.Entry(id="x.txt", kind="article", date=row["date"]))


def read_geojson(text: str) -> None:
    """A feature file parsed by the reading layer; what parses is checked for members the
    canonical form would drop, written canonically (as fmt does), and read as boundaries."""
    problems: list[Problem] = []
    data = reading.parse_json(text, "geodata/features/x.geojson", problems)
    if problems or not isinstance(data, dict):  # refused with its reason, or JSON null, [], 5
        return
    features = data.get("features")
    if isinstance(features, list) and all(isinstance(f, dict) for f in features):
        geojsonio.unknown(data)
        with contextlib.suppress(ValueError, TypeError):  # fmt: one line, the file unchanged
            geojsonio.dumps(features, bbox=data.get("bbox"))
    boundaries.frame(rawdata.GeoFile(Path("b.geojson"), "geodata/boundaries.geojson", data))


def read_article(text: str, quote: str) -> None:
    """An article decoded by the reading layer and a quote looked for in it (verbatim, then the
    closest passage `validate` reports)."""
    problems: list[Problem] = []
    decoded = reading.decode_text(text.encode("utf-8", "surrogatepass"), "seeds/x.txt", problems)
    if decoded is None:
        return
    match = textmatch.find_quote(quote, decoded)
    if match is not None:
        textmatch.sentence_around(decoded, match)
    elif quote.strip():
        textmatch.near_miss_text(quote, decoded)


def read_url(url: str, text: str) -> None:
    """A source's address as the panel links it and BibTeX cites it: escaped, never markup."""
    html = panel._link(url, text)
    if html.startswith("<a "):
        href = html.split("href='", 1)[1].split("'", 1)[0]
        assert "<" not in href and '"' not in href and "'" not in href
    else:
        assert "<" not in html.replace("&lt;", "")
    bib = citations._bib_url(url)
    assert "{" not in bib and "}" not in bib


OPTIONS = viewstate.Options(
    layers=("railway", "pipeline", "corridor", "port"),
    statuses=("planned", "operating"),
    countries=("China", "Kazakhstan"),
    sources=("001_x.txt",),
    corridors=("cku-railway", "titr"),
    mentioned=("kg-north-south-highway",),
    uncited=("000_y.txt",),
)
#: A query as one byte string: pairs of (key, value) where a value may be a list (repeated key).
QUERY_KEYS = [*viewstate.KEYS, "view", "", "x", "corridor\x00", "layers "]
QUERY_VALUES = [
    *OPTIONS.layers,
    *OPTIONS.corridors,
    *OPTIONS.mentioned,
    *OPTIONS.sources,
    *OPTIONS.uncited,
    "none",
    "yes",
    "no",
    "planned",
    "China",
    "2025-06-18",
    "2025-13-01",
    "1999-01-01",
    "9999-12-31",
    "41.2,75.5,6",
    "nan,nan,1",
    "91,0,3",
    "1,2",
    "1e999,0,0",
    "",
]


def _query(data: bytes) -> dict:
    query: dict = {}
    for i in range(0, len(data) - 2, 3):
        key = QUERY_KEYS[data[i] % len(QUERY_KEYS)]
        value = (
            spell(data[i + 2 : i + 3])
            if data[i + 1] % 4 == 0
            else QUERY_VALUES[data[i + 2] % len(QUERY_VALUES)]
        )
        if key in query and data[i + 1] % 3 == 0:  # a repeated key: the value becomes a list
            before = query[key]
            query[key] = [*(before if isinstance(before, list) else [before]), value]
        else:
            query[key] = value
    return query


QUERY = st.binary(max_size=30).map(_query)


def read_query(query: dict, today: dt.date) -> None:
    """A URL's query as the dashboard reads it: what is unknown is a notice, never an error; what
    is kept is one of the data's own choices, and writing it back reads back the same."""
    state, notices = viewstate.parse(query, OPTIONS, today)
    assert all(isinstance(n, str) for n in notices)
    assert set(state.layers) <= set(OPTIONS.layers)
    assert state.corridor is None or state.corridor in OPTIONS.panels
    written = viewstate.to_query(state, OPTIONS, today)
    again, more = viewstate.parse(written, OPTIONS, today)
    assert more == [] and viewstate.to_query(again, OPTIONS, today) == written
    view = mapcomponent.parse_view(query.get("view"))
    if view is not None:
        assert mapcomponent.parse_view(mapcomponent.view_text(view)) == view


# --- labelled cases: inputs that once failed, and the nastiest by hand ----------------------------

FOUND = [
    pytest.param(
        read_table,
        (
            "seeds/sources.csv",
            TABLE_TEXTS["seeds/sources.csv"].replace(",2025-06-18,", ",2025-13-18,", 1),
        ),
        id="sources date month 13 (cite crashed)",
    ),
    pytest.param(
        read_table,
        (
            "seeds/sources.csv",
            TABLE_TEXTS["seeds/sources.csv"].replace(",2025-06-18,", ",2025-00-18,", 1),
        ),
        id="sources date month 00 (became 'dec')",
    ),
    pytest.param(read_geojson, ('{"type":"FeatureCollection","features":[' * 40,), id="deep"),
    pytest.param(read_geojson, ('{"a":1e999}',), id="overflowing number"),
    pytest.param(read_geojson, ("null",), id="JSON null (parses, with no problem, to None)"),
    pytest.param(
        read_geojson,
        (
            '{"type":"FeatureCollection","features":[{"type":"Feature","properties":[null],'
            '"geometry":null}]}',
        ),
        id="properties an array (geojsonio.dumps raised AttributeError)",
    ),
    pytest.param(read_article, ("a\x00b\r\nc", "b"), id="NUL and CRLF in an article"),
    pytest.param(read_url, ("javascript:alert(1)", "<b>x</b>"), id="script address"),
    pytest.param(read_url, ("https://e.org/'><script>", "x"), id="quote in an address"),
    pytest.param(
        read_query,
        ({"view": "nan,nan,1", "asof": "9999-99-99"}, dt.date(2026, 1, 1)),
        id="nan view, impossible day",
    ),
    pytest.param(
        read_query,
        ({"layers": [], "corridor": ["titr", "titr"]}, dt.date(2026, 1, 1)),
        id="empty list, repeated corridor",
    ),
]


@pytest.mark.parametrize(("reader", "args"), FOUND)
def test_found_cases(reader, args) -> None:
    reader(*args)


# --- the fuzzing --------------------------------------------------------------------------------

slow = pytest.mark.slow


@slow
@pytest.mark.parametrize("rel", list(TABLES))
def test_tables_generated(rel: str) -> None:
    """The right header, then rows spelled from tokens (commas, quotes and line ends likely)."""
    header = ",".join(TABLES[rel]) + "\n"

    @settings(FUZZ, max_examples=PER_TABLE)
    @given(STREAM(160))
    def run(body: str) -> None:
        read_table(rel, header + body)

    run()


@slow
@pytest.mark.parametrize("rel", list(TABLES))
def test_tables_mutated(rel: str) -> None:
    @settings(FUZZ, max_examples=PER_TABLE)
    @given(EDITS)
    def run(edits) -> None:
        read_table(rel, _mutate(TABLE_TEXTS[rel], edits))

    run()


#: Parts of a well-formed collection, picked by bytes: the shapes a reader must survive once the
#: JSON itself parses (properties that are not an object, geometries of the wrong shape).
PROPERTIES = [{}, None, [None], "text", 0, {"id": "x", "corridor": 5}, {"name": ""}, {"id": []}]
GEOMETRIES = [
    None,
    {"type": "Point", "coordinates": [75.5, 41.2]},
    {"type": "Point", "coordinates": []},
    {"type": "LineString", "coordinates": [[75, 41], [76, 42]]},
    {"type": "LineString", "coordinates": [[75, 41]]},
    {"type": "LineString", "coordinates": [[1e308, 1e308], ["a", None]]},
    {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]},
    {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]},
    {"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [0, 0]]]]},
    {"type": "GeometryCollection", "geometries": []},
    {"type": "X", "coordinates": 5},
    "LineString",
]


def _collection(data: bytes) -> str:
    features = [
        {
            "type": "Feature" if data[i] % 7 else "feature",
            "properties": PROPERTIES[data[i + 1] % len(PROPERTIES)],
            "geometry": GEOMETRIES[data[i + 2] % len(GEOMETRIES)],
        }
        for i in range(0, len(data) - 2, 3)
    ]
    return json.dumps({"type": "FeatureCollection", "features": features})


@slow
def test_geojson_generated() -> None:
    """Collections spelled from JSON and GeoJSON tokens (mostly broken, often deep) and
    well-formed ones built of odd parts."""

    @FUZZ
    @given(st.one_of(STREAM(200), st.binary(max_size=18).map(_collection)))
    def run(text: str) -> None:
        read_geojson(text)

    run()


@slow
def test_geojson_mutated() -> None:
    @FUZZ
    @given(st.sampled_from(FEATURE_TEXTS), EDITS)
    def run(text, edits) -> None:
        read_geojson(_mutate(text, edits))

    run()


@slow
def test_articles_generated() -> None:
    @FUZZ
    @given(STREAM(400), STREAM(30))
    def run(text: str, quote: str) -> None:
        read_article(text, quote)

    run()


@slow
def test_articles_mutated() -> None:
    @FUZZ
    @given(st.sampled_from(ARTICLES), EDITS, st.integers(0, 1 << 16), st.integers(1, 120))
    def run(text, edits, at, length) -> None:
        start = at % max(1, len(text))
        quote = text[start : start + length]  # a quote from the article before the edit
        read_article(_mutate(text, edits), quote)

    run()


URL = st.builds(
    lambda scheme, rest: scheme + rest,
    st.sampled_from(
        ["https://", "http://", "HTTPS://", "javascript:", "data:text/html,", "//", ""]
    ),
    STREAM(60),
)


@slow
def test_urls() -> None:
    @settings(FUZZ, max_examples=READER_EXAMPLES)
    @given(URL, STREAM(20))
    def run(url, text) -> None:
        read_url(url, text)

    run()


@slow
def test_query_parameters() -> None:
    @settings(FUZZ, max_examples=READER_EXAMPLES)
    @given(QUERY, st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)))
    def run(query, today) -> None:
        read_query(query, today)

    run()


# --- commands on mutated data copies --------------------------------------------------------------

#: (arguments, writes into the data folder): read-only commands must leave the copy as it was.
COMMANDS = [
    (["validate"], False),
    (["measure", "--allow-errors"], False),
    (["export", "--format", "csv", "--output", "{out}/e.csv", "--allow-errors"], False),
    (["export", "--format", "kml", "--output", "{out}/e.kml"], False),
    (["cite", "--format", "bibtex", "--allow-errors"], False),
    (["annotations", "--output", "{out}/a.jsonld", "--allow-errors"], False),
    (["changes", "--since", "2020-01-01", "--allow-errors"], False),
    (["fmt"], True),
]
MUTABLE = [
    "geodata/claims.csv",
    "seeds/sources.csv",
    "geodata/waypoints.csv",
    "geodata/corridors.csv",
    "geodata/features/cku-railway.geojson",
    "geodata/boundaries.geojson",
    "seeds/004_dc699da55f7d4812.txt",
]


def _tree(root: Path) -> dict[str, str]:
    return {
        os.fspath(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".corridors-write.lock" not in p.name
    }


def _outside() -> dict[str, str]:
    """What must never change: the fixture and the live data of the checkout."""
    return {
        **{f"fixture/{k}": v for k, v in _tree(FIXTURE.root).items()},
        **{f"geodata/{k}": v for k, v in _tree(REPO_ROOT / "geodata").items()},
        **{f"seeds/{k}": v for k, v in _tree(REPO_ROOT / "seeds").items()},
    }


@slow
def test_commands_on_mutated_copies() -> None:
    outside = _outside()
    work = Path(tempfile.mkdtemp(prefix="corridors-fuzz-"))
    pristine = work / "pristine"
    shutil.copytree(FIXTURE.geodata, pristine / "geodata")
    shutil.copytree(FIXTURE.seeds, pristine / "seeds")
    for p in pristine.rglob("*"):
        p.chmod(p.stat().st_mode | 0o200)
    count = [0]

    @settings(FUZZ, max_examples=CLI_EXAMPLES)
    @given(st.sampled_from(COMMANDS), st.sampled_from(MUTABLE), EDITS)
    def run(command, rel, edits) -> None:
        count[0] += 1
        target = work / f"case-{count[0]}"
        data, out = target / "data", target / "out"
        shutil.copytree(pristine, data)
        out.mkdir()
        path = data / rel
        path.write_text(_mutate(path.read_text(encoding="utf-8"), edits), encoding="utf-8")
        before = _tree(data)
        args, writes = command
        argv = ["--data-dir", os.fspath(data), *(a.replace("{out}", os.fspath(out)) for a in args)]
        stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")  # cite writes bytes to .buffer
        stderr = io.StringIO()
        with redirect_stdout(stdout), redirect_stderr(stderr):
            try:
                code = cli.main(argv)
            except SystemExit as exc:  # argparse only
                code = exc.code
        err = stderr.getvalue()
        assert code in (0, 1), (argv, code, err)
        assert "Traceback" not in err and "internal error" not in err, err
        if not writes:
            assert _tree(data) == before, argv
        shutil.rmtree(target, ignore_errors=True)

    os.environ.pop(cli.DEBUG_VAR, None)
    try:
        run()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    assert _outside() == outside, "a command changed a file outside its target"
