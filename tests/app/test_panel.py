"""The corridor panel: every claim once, each quote inside its own sentence, and nothing unescaped.

``corridor_panel`` is checked against the curated CSV files read directly (not through the
dataset), and ``render_html`` against hostile strings planted in every field it prints.
"""

from __future__ import annotations

import csv
import html
import re

import pytest

from corridors.model import dataset
from corridors.quotes import anchors
from corridors.quotes.textmatch import normalise_text
from corridors.schema import FIELDS, format_value
from corridors.view import panel, panelmodel

from fixtures import FIXTURE, FIXTURE_ROOT


def _rows(rel: str) -> list[dict[str, str]]:
    with (FIXTURE_ROOT / rel).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


CORRIDOR_IDS = [row["id"] for row in _rows("geodata/corridors.csv") if row["mapped"] == "yes"]
CLAIMS = _rows("geodata/claims.csv")
SOURCES = {row["file"]: row for row in _rows("seeds/sources.csv")}

#: Countries each corridor's drawn features cross, as measured on the boundaries, in drawing order.
MEASURED_COUNTRIES = {
    "cku-railway": ["China", "Kyrgyzstan", "Uzbekistan"],
    "cacgp": ["Turkmenistan", "Uzbekistan", "Kazakhstan", "China"],
    "titr": ["Kazakhstan", "Azerbaijan", "Georgia", "Turkey"],
    "khorgos-dry-port": ["China", "Kazakhstan"],
    "lianyungang-port": ["China"],
}
#: Corridors drawn as lines have a measured length; ports are points.
LINES = {"cku-railway", "cacgp", "titr"}


@pytest.fixture(scope="module")
def ds() -> dataset.Dataset:
    return dataset.load(FIXTURE)


@pytest.fixture(scope="module")
def panels(ds: dataset.Dataset) -> dict[str, panelmodel.CorridorPanel]:
    return {c: panelmodel.corridor_panel(ds, c) for c in CORRIDOR_IDS}


def _claims_of(corridor: str) -> list[dict[str, str]]:
    return [c for c in CLAIMS if c["corridor"] == corridor]


# A sentence ends after '.', '!' or '?' (and any closing quote) before white space, or at a line break.
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’]?\s+|\n+")


def _sentence_parts(text: str, quote: str) -> tuple[str, str]:
    """(text before, text after) the quote within the sentence(s) holding it, normalised.

    Worked out here on the raw article, independently of the panel, from the rule above.
    """
    hay = normalise_text(text)
    needle = normalise_text(quote)
    assert needle in hay, f"quote not in its article: {quote!r}"
    # Map the normalised position back to raw offsets by counting non-space characters.
    solid = [i for i, ch in enumerate(text) if not ch.isspace()]
    start = solid[len(hay[: hay.index(needle)].replace(" ", ""))]
    end = solid[len(hay[: hay.index(needle) + len(needle)].replace(" ", "")) - 1] + 1
    sentence_start = max((m.end() for m in _BOUNDARY.finditer(text, 0, start)), default=0)
    tail = _BOUNDARY.search(text, end)
    sentence_end = max(tail.start() if tail else len(text), end)
    return normalise_text(text[sentence_start:start]), normalise_text(text[end:sentence_end])


@pytest.mark.parametrize("corridor", CORRIDOR_IDS)
def test_claims_grouped_by_field_each_once(
    panels: dict[str, panelmodel.CorridorPanel], corridor: str
) -> None:
    """Every claim of the corridor appears exactly once, under the label of its own field."""
    view = panels[corridor]
    expected = _claims_of(corridor)
    assert expected, "every corridor has claims"
    shown = [claim.id for _, claims in view.groups for claim in claims]
    assert sorted(shown) == sorted(c["id"] for c in expected)
    fields = {c["id"]: c["field"] for c in expected}
    labels = [label for label, _ in view.groups]
    assert len(labels) == len(set(labels)), "one group per field"
    for label, claims in view.groups:
        assert {FIELDS[fields[c.id]].label for c in claims} == {label}
    # in the schema's order, which is the display order
    present = {c["field"] for c in expected}
    assert labels == [entry.label for name, entry in FIELDS.items() if name in present]


@pytest.mark.parametrize("corridor", CORRIDOR_IDS)
def test_each_quote_stands_in_its_sentence(
    ds: dataset.Dataset, panels: dict[str, panelmodel.CorridorPanel], corridor: str
) -> None:
    """The panel shows each quote inside its whole sentence: the words before and after it too."""
    rows = {c["id"]: c for c in _claims_of(corridor)}
    for _, claims in panels[corridor].groups:
        for claim in claims:
            row = rows[claim.id]
            ctx = claim.context
            assert ctx.found, claim.id
            assert ctx.quote == normalise_text(row["quote"]), claim.id
            if row["source"] not in SOURCES:  # a reference: its page is not kept, no context
                assert (ctx.before, ctx.after) == ("", ""), claim.id
                continue
            before, after = _sentence_parts(ds.texts[row["source"]], row["quote"])
            assert normalise_text(ctx.before) == before, claim.id
            assert normalise_text(ctx.after) == after, claim.id
            assert bool(ctx.before.strip()) == bool(before), claim.id
            assert bool(ctx.after.strip()) == bool(after), claim.id


def test_some_quotes_have_words_around_them(panels: dict[str, panelmodel.CorridorPanel]) -> None:
    """The data has quotes cut from inside sentences, so the context checks above are not idle."""
    contexts = [c.context for p in panels.values() for _, cs in p.groups for c in cs]
    assert sum(bool(c.before.strip()) for c in contexts) >= 5
    assert sum(bool(c.after.strip()) for c in contexts) >= 5


@pytest.mark.parametrize("corridor", CORRIDOR_IDS)
def test_measured_beside_claimed(
    ds: dataset.Dataset, panels: dict[str, panelmodel.CorridorPanel], corridor: str
) -> None:
    """The panel sets the measured length and countries beside what the articles claim."""
    view = panels[corridor]
    assert view.measured_countries == MEASURED_COUNTRIES[corridor]
    rendered = panel.render_html(view)
    assert f"measured: {html.escape(', '.join(MEASURED_COUNTRIES[corridor]))}" in rendered
    if corridor in LINES:
        drawn = ds.features.loc[ds.features["corridor"] == corridor, "measured_length_km"]
        assert view.measured_km == round(float(drawn.sum()), 1)
        assert view.measured_km > 50
        if len(drawn) == 1:
            assert f"{view.measured_km:,.0f} km measured on the drawn line" in rendered
        else:
            assert f"measured {view.measured_km:,.0f} km over {len(drawn)} legs" in rendered
        for name, km in ds.features.loc[drawn.index, ["name", "measured_length_km"]].values:
            assert f"<h5>{html.escape(name)}</h5><p>" in rendered  # each leg, with its length
            assert f" {km:,.0f} km; crosses " in rendered
    else:
        assert view.measured_km is None
        assert "a point on the map; claimed:" in rendered
    claimed = [c for c in _claims_of(corridor) if c["field"] == "countries"]
    expected: list[str] = []
    for claim in claimed:
        expected += [c for c in claim["value"].split(";") if c not in expected]
    assert view.claimed_countries == expected


@pytest.mark.parametrize("corridor", CORRIDOR_IDS)
def test_sources_listed_with_their_details(
    panels: dict[str, panelmodel.CorridorPanel], corridor: str
) -> None:
    """Each cited article is listed once with headline, outlet and date, or says they are not stated."""
    view = panels[corridor]
    files = list(dict.fromkeys(c["source"] for c in _claims_of(corridor)))
    assert [s.file for s in view.sources] == files
    rendered = panel.render_html(view)
    sources_part = rendered[rendered.index("<h4>Sources</h4>") :]
    for file in (f for f in files if f in SOURCES):
        row = SOURCES[file]
        headline = html.escape(row["headline"]) if row["headline"] else "<i>no headline stated</i>"
        outlet = html.escape(row["outlet"] or "outlet not stated")
        date = html.escape(row["date"] or "undated")
        assert f"<li>{headline} — {outlet} · {date}" in sources_part, file
        assert f"[{file}]" in sources_part


def test_cku_panel_exact_figures(panels: dict[str, panelmodel.CorridorPanel]) -> None:
    """The CKU railway's figures read as the article puts them (one corridor checked word for word)."""
    values = {c.id: c.value for _, cs in panels["cku-railway"].groups for c in cs}
    assert values["cku-cost-004"] == "US$8 billion"
    assert values["cku-start-004"] == "July 2025"
    assert values["cku-completion-004"] == "by 2030"
    assert values["cku-proposed-002"] == "since the 1990s"
    assert values["cku-proposed-003"] == "the 1990s"
    assert values["cku-status-004"] == "Planned"
    assert values["cku-countries-004"] == "China, Kyrgyzstan, Uzbekistan"


@pytest.mark.parametrize(
    ("field", "value", "unit", "qualifier", "expected"),
    [
        pytest.param("cost", "8000000000", "USD", "", "US$8 billion", id="cost-billions"),
        pytest.param("cost", "1500000000", "USD", "", "US$1.5 billion", id="cost-fraction"),
        pytest.param("cost", "1250000", "CNY", "", "¥1.25 million", id="cost-yuan-millions"),
        pytest.param("cost", "1999999999", "USD", "", "US$2 billion", id="cost-rounds-up"),
        pytest.param("cost", "500000", "USD", "", "US$500,000", id="cost-small"),
        pytest.param("length", "3666", "km", "over", "over 3,666 km", id="length-qualified"),
        pytest.param("length", "64.3", "km", "", "64.3 km", id="length-decimal"),
        pytest.param("capacity", "55", "bcm/year", "", "55 bcm/year", id="capacity"),
        pytest.param("start_date", "2025-07", "", "", "July 2025", id="month"),
        pytest.param("completion_date", "2030", "", "by", "by 2030", id="year-qualified"),
        pytest.param("proposed_date", "1990s", "", "since", "since the 1990s", id="decade"),
        pytest.param("lines", "A;B;C", "", "", "A, B, C", id="lines"),
        pytest.param("countries", "China; Kyrgyzstan", "", "", "China, Kyrgyzstan", id="countries"),
        pytest.param("status", "planned", "", "", "Planned", id="status"),
        pytest.param("status", "under_construction", "", "", "Under construction", id="status-2"),
        pytest.param(
            "route", "Xinjiang to Uzbekistan", "", "", "Xinjiang to Uzbekistan", id="text"
        ),
    ],
)
def test_format_value(field: str, value: str, unit: str, qualifier: str, expected: str) -> None:
    """Normalised values are shown as a reader writes them, never as stored."""
    assert format_value(field, value, unit, qualifier) == expected


@pytest.mark.parametrize(
    ("field", "value", "unit", "qualifier", "period", "scope", "expected"),
    [
        pytest.param(
            "traffic",
            "1200000",
            "tonnes",
            "",
            "2025-01/2025-06",
            "",
            "1.2 million tonnes in January–June 2025",
            id="traffic-half-year",
        ),
        pytest.param(
            "traffic", "150000", "TEU", "over", "2024", "", "over 150,000 TEU in 2024", id="teu"
        ),
        pytest.param(
            "traffic",
            "20",
            "bcm",
            "",
            "2024-07/2025-06",
            "",
            "20 bcm in July 2024–June 2025",
            id="across-years",
        ),
        pytest.param(
            "traffic", "3", "trains", "", "2025-06-18", "", "3 trains on 18 June 2025", id="day"
        ),
        pytest.param(
            "target",
            "300000",
            "TEU/year",
            "",
            "2027",
            "",
            "300,000 TEU/year by 2027",
            id="target-by-its-year",
        ),
        pytest.param(
            "section_length", "520", "km", "", "", "Kazakhstan", "520 km (Kazakhstan)", id="section"
        ),
        pytest.param(
            "transit_time",
            "8",
            "days",
            "",
            "",
            "Dostyk–Aktau",
            "8 days (Dostyk–Aktau)",
            id="transit",
        ),
        pytest.param("transit_time", "1", "days", "about", "", "", "about 1 day", id="one-day"),
        pytest.param("stake", "30", "%", "", "", "CNPC", "30 % (CNPC)", id="stake"),
        pytest.param("tunnels", "12", "", "", "", "Kyrgyzstan", "12 (Kyrgyzstan)", id="count"),
        pytest.param("start_date", "2019-05-05", "", "", "", "", "5 May 2019", id="full-day"),
        pytest.param(
            "gauge",
            "1520",
            "mm",
            "",
            "2024",
            "Kyrgyzstan",
            "1520 (Kyrgyzstan) in 2024",
            id="unknown",
        ),
    ],
)
def test_format_value_with_period_and_scope(
    field: str, value: str, unit: str, qualifier: str, period: str, scope: str, expected: str
) -> None:
    """A figure reads with the part it is about and the time it refers to, as a reader says it."""
    assert format_value(field, value, unit, qualifier, period, scope) == expected


# --- escaping -----------------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_URL = "javascript:alert(1)"


def _hostile_panel(url: str) -> panelmodel.CorridorPanel:
    """A panel with markup planted in every string render_html prints."""
    src = panel.Source(
        file=f"00{IMG}.txt",
        headline=f"Head {SCRIPT}",
        outlet=f"Outlet {IMG}",
        date=f"2025 {SCRIPT}",
        dateline="",
        syndicated=True,
        note=f"Source note {IMG}",
    )
    found = panelmodel.ClaimView(
        id=f"c1'{IMG}",
        field="cost",
        value=f"US$ {SCRIPT}",
        quote=f"quote {IMG}",
        context=panelmodel.QuoteInContext(
            f"before {SCRIPT} ", f"quote {IMG}", f" after {IMG}", True
        ),
        source=src,
        note=f"Curator note {SCRIPT}",
        feature="",
    )
    missing = panelmodel.ClaimView(
        id="c2",
        field="name",
        value="x",
        quote=f"lost {SCRIPT}",
        context=panelmodel.QuoteInContext("", f"lost {SCRIPT}", "", False),
        source=panel.Source("f", "", "", "", "", False, ""),
        note="",
        feature="",
    )
    waypoint = panelmodel.WaypointView(
        id="w",
        name=f"Town {IMG}",
        lat=f"1{IMG}",
        lon="2",
        kind="place",
        source_url=url,
        note=f"Waypoint note {SCRIPT}",
    )
    feature = panelmodel.FeatureView(
        id="f",
        name=f"Line {SCRIPT}",
        kind="railway",
        mode="rail",
        status=f"Planned {IMG}",
        measured_km=12.0,
        countries=[f"Land {IMG}"],
        drawing=f"Drawn {SCRIPT}",
        waypoints=[waypoint],
    )
    reference = panel.Source(
        f"ref {IMG}", f"Ref title {SCRIPT}", f"Publisher {IMG}", "", "", False, "", url, True
    )
    by_ref = panelmodel.ClaimView(
        id="c3",
        field="length",
        value=f"9 km {SCRIPT}",
        quote=f"ref quote {IMG}",
        context=panelmodel.QuoteInContext("", f"ref quote {IMG}", "", True),
        source=reference,
        note="",
        feature="",
    )
    whole = ("x", "", "length", "", "")
    leg = ("x", f"Leg {SCRIPT}", "length", "", "")
    lengths = [
        panelmodel.Reading("length", f"9 km {SCRIPT}", "", (by_ref,), whole),
        panelmodel.Reading("length", f"7 km {IMG}", f"Leg {SCRIPT}", (found,), leg),
    ]
    return panelmodel.CorridorPanel(
        id=f"x'{IMG}",
        name=f"Name {SCRIPT}",
        summary=f"Summary {IMG}",
        features=[feature],
        groups=[(f"Cost {IMG}", [found]), ("Name", [missing]), ("Length", [by_ref])],
        measured_km=12.0,
        measured_countries=[f"Land {IMG}"],
        claimed_lengths=[f"9 km {SCRIPT}"],
        claimed_countries=[f"Claimed {IMG}"],
        sources=[src, reference],
        kinds=[f"Kind {IMG}"],
        readings={
            "length": lengths,
            "status": [panelmodel.Reading("status", f"S {IMG}", "", (found,))],
        },
        disagreements=[
            panelmodel.Disagreement("length", f"Length {IMG}", f"Leg {SCRIPT}", tuple(lengths), leg)
        ],
        drawn_statuses=[f"Drawn {IMG}"],
        source_filter=[src],
        hidden_claims=2,
        part_of=(f"w'{IMG}", f"Whole {SCRIPT}"),
        parts=[(f"p'{IMG}", f"Part {SCRIPT}", False)],
    )


@pytest.mark.parametrize(
    "url",
    [
        pytest.param(JS_URL, id="javascript-url"),
        pytest.param(f"JavaScript:{IMG}", id="javascript-url-mixed-case"),
        pytest.param("https://example.org/'onmouseover='alert(1)", id="attribute-breakout"),
        pytest.param(f"https://example.org/{IMG}", id="markup-in-url"),
    ],
)
def test_render_html_escapes_every_data_string(url: str) -> None:
    """Articles and notes are untrusted text: none of it may become markup in the page."""
    out = panel.render_html(_hostile_panel(url))
    assert "<script" not in out.lower()
    assert "<img" not in out.lower()
    assert "href='javascript:" not in out.lower()
    assert "'onmouseover=" not in out
    escaped_script = html.escape(SCRIPT)
    escaped_img = html.escape(IMG)
    for planted in (
        f"<h3>Name {escaped_script}</h3>",
        f"Summary {escaped_img}",
        f"before {escaped_script} <mark>quote {escaped_img}</mark> after {escaped_img}",
        f"<mark>lost {escaped_script}</mark> <b>(not found in the source)</b>",
        f"Note: Curator note {escaped_script}",
        f"Head {escaped_script} — Outlet {escaped_img} · 2025 {escaped_script} · syndicated",
        f"Source note {escaped_img}",
        f"<h5>Line {escaped_script}</h5><p>Planned {escaped_img}",
        f"Drawn {escaped_script}",
        f"<td>Town {escaped_img}</td>",
        f"Waypoint note {escaped_script}",
        f"<h5>Cost {escaped_img}</h5>",
        f"claimed: <span class='value'>9 km {escaped_script}</span>",
        f"data-claim='c1&#x27;{escaped_img}'",
        f"data-corridor='x&#x27;{escaped_img}'",
        f"<p class='what'>Kind {escaped_img} · Summary {escaped_img}</p>",
        f"<h5>Length {escaped_img} — Leg {escaped_script}</h5>",
        f"Leg {escaped_script}: <span class='value'>7 km {escaped_img}</span>",
        f"<span class='value'>S {escaped_img}</span>",
        f"draws it as drawn {escaped_img}",
        f"Ref title {escaped_script}",
        f"Publisher {escaped_img}",
        f"only (article 00{escaped_img}).",
        f"data-conflict-claim='c3'><blockquote><mark>ref quote {escaped_img}</mark>",
        f"<a href='?corridor=w&#x27;{escaped_img}' target='_self' "
        f"data-corridor-link='w&#x27;{escaped_img}'>Whole {escaped_script}</a>",
        f"<a href='?corridor=p&#x27;{escaped_img}' target='_self' "
        f"data-corridor-link='p&#x27;{escaped_img}'>Part {escaped_script}</a> (mentioned, not "
        "mapped)",
    ):
        assert planted in out, planted


@pytest.mark.parametrize(
    ("url", "link"),
    [
        pytest.param(JS_URL, None, id="javascript-not-linked"),
        pytest.param("data:text/html,x", None, id="data-not-linked"),
        pytest.param(
            "https://example.org/a?b=1&c='x'",
            "<a href='https://example.org/a?b=1&amp;c=&#x27;x&#x27;' rel='noopener noreferrer'",
            id="https-linked-escaped",
        ),
    ],
)
def test_waypoint_links_only_web_urls(url: str, link: str | None) -> None:
    """Only http(s) references become links, and their URL is escaped inside the attribute."""
    out = panel.render_html(_hostile_panel(url))
    if link is None:  # the only links left are those to other corridors' panels (parts)
        assert re.findall(r"<a href='([^']*)'", out) == [
            "?corridor=w&#x27;&lt;img src=x onerror=alert(1)&gt;",
            "?corridor=p&#x27;&lt;img src=x onerror=alert(1)&gt;",
        ]
    else:
        assert link in out


# --- summary and disagreements --------------------------------------------------------------------

SRC_001 = "001_6257ba8c1d36bd59.txt"
SRC_004 = "004_dc699da55f7d4812.txt"

#: Per corridor: (field, scope, the values the sources disagree on, the claims behind each value).
DISAGREEMENTS = {
    "cku-railway": [
        (
            "status",
            "",
            ["Planned", "Under construction"],
            [["cku-status-004", "cku-status-005"], ["cku-status-001", "cku-status-006"]],
        ),
        ("length", "", ["454 km", "523 km"], [["cku-length-005"], ["cku-length-006"]]),
    ],
    "cacgp": [
        (
            "length",
            "",
            ["over 3,666 km", "1,833 km"],
            [["cacgp-length-001"], ["cacgp-length-ref-a"]],
        )
    ],
    "titr": [],
    "khorgos-dry-port": [],
    "lianyungang-port": [],
}


@pytest.mark.parametrize("corridor", CORRIDOR_IDS)
def test_disagreements(panels: dict[str, panelmodel.CorridorPanel], corridor: str) -> None:
    """The fixture's conflicts: the railway's status (004 and 005 vs 001 and 006) and length (the
    dated fixture articles 005 and 006: 454 vs 523 km), the pipeline's length (the
    article's 3,666 km vs a reference's 1,833 km for one line); elsewhere the sources agree."""
    found = [
        (
            d.field,
            d.scope,
            [r.value for r in d.readings],
            [[c.id for c in r.claims] for r in d.readings],
        )
        for d in panels[corridor].disagreements
    ]
    assert found == DISAGREEMENTS[corridor]


def test_railway_status_summary(panels: dict[str, panelmodel.CorridorPanel]) -> None:
    """The summary says the status is disputed, each reading with its count, and how it is drawn."""
    rendered = panel.render_html(panels["cku-railway"])
    summary = rendered[rendered.index("data-testid='panel-summary'") :]
    summary = summary[: summary.index("</dl>")]
    assert (
        "<dt>Status</dt><dd><span class='flag'>sources disagree</span> "
        "<span class='value'>Planned</span> <span class='src'>(2 sources: 004, 005)</span> <b>vs</b> "
        "<span class='value'>Under construction</span> <span class='src'>(2 sources: 001, 006)</span>"
        " <span class='src'>— the map draws it as planned</span></dd>"
    ) in summary
    assert "<dt>Cost</dt><dd><span class='value'>US$8 billion</span>" in summary
    assert "First proposed <span class='value'>the 1990s</span> " in summary
    assert "(2 sources: 002, 003)" in summary  # "since the 1990s" and "the 1990s": one reading
    claims = _claims_of("cku-railway")
    articles = sorted({c["source"][:3] for c in claims})
    assert (
        f"<dt>Who says so</dt><dd>{len(claims)} claims from {len(articles)} articles: " in summary
    )
    assert ", ".join(articles) in summary


def test_pipeline_length_measured_beside_both_claims(
    panels: dict[str, panelmodel.CorridorPanel],
) -> None:
    """Length: the measured line beside the article's figure and the reference's, the reference
    marked as not one of the articles."""
    view = panels["cacgp"]
    rendered = panel.render_html(view)
    summary = rendered[rendered.index("<dt>Length</dt>") :]
    summary = summary[: summary.index("</dd>")]
    assert f"{view.measured_km:,.0f} km measured on the drawn line; claimed: " in summary
    assert (
        "<span class='value'>over 3,666 km</span> <span class='src'>(1 source: 001)</span>"
        in summary
    )
    assert (
        "<span class='value'>1,833 km</span> "
        "<span class='src'>(1 source: a reference, not the articles)</span>"
    ) in summary


def test_first_screen_order(panels: dict[str, panelmodel.CorridorPanel]) -> None:
    """Name, what it is, summary, disagreements, then the claims, the drawing and the sources."""
    rendered = panel.render_html(panels["cku-railway"])
    marks = [
        "<h3>",
        "<p class='what'>",
        "data-testid='panel-summary'",
        "<h4>Where the sources disagree</h4>",
        "data-conflict-claim='cku-status-004'",
        "data-conflict-claim='cku-status-001'",
        "<h4>What the sources say</h4>",
        "<h4>How it was drawn</h4>",
        "<h4>Sources</h4>",
    ]
    positions = [rendered.index(m) for m in marks]
    assert positions == sorted(positions)
    assert rendered.count("<h3>") == 1


def test_no_disagreement_said_in_one_line(panels: dict[str, panelmodel.CorridorPanel]) -> None:
    rendered = panel.render_html(panels["titr"])
    assert "<h4>Where the sources disagree</h4>" not in rendered
    assert "No two sources give different values for the same figure." in rendered


def _claim(ident: str, field: str, value: str, src: str, **kw: str) -> panelmodel.ClaimView:
    source = panel.Source(src, "", "", "", "", False, "", reference=not src.endswith(".txt"))
    return panelmodel.ClaimView(
        id=ident,
        field=field,
        value=format_value(
            field,
            value,
            kw.get("unit", ""),
            kw.get("qualifier", ""),
            kw.get("period", ""),
            kw.get("scope", ""),
        ),
        quote="q",
        context=panelmodel.QuoteInContext("", "q", "", True),
        source=source,
        note="",
        feature=kw.get("feature", ""),
        raw=value,
        unit=kw.get("unit", ""),
        qualifier=kw.get("qualifier", ""),
        period=kw.get("period", ""),
        scope=kw.get("scope", ""),
        corridor=kw.get("corridor", "c"),
    )


@pytest.mark.parametrize(
    ("claims", "readings", "conflicts"),
    [
        pytest.param(
            [
                _claim("a", "status", "planned", "001_a.txt"),
                _claim("b", "status", "planned", "002_b.txt"),
            ],
            {"status": [("Planned", "", ["a", "b"])]},
            [],
            id="two-sources-agree",
        ),
        pytest.param(
            [
                _claim("a", "completion_date", "2030", "001_a.txt", qualifier="by"),
                _claim("b", "completion_date", "2027", "002_b.txt"),
            ],
            {"completion_date": [("by 2030", "", ["a"]), ("2027", "", ["b"])]},
            [("completion_date", "", ["by 2030", "2027"])],
            id="dates-of-one-milestone-conflict",
        ),
        pytest.param(
            [
                _claim("a", "proposed_date", "1990s", "001_a.txt", qualifier="since"),
                _claim("b", "proposed_date", "1990s", "002_b.txt"),
            ],
            {"proposed_date": [("the 1990s", "", ["a", "b"])]},
            [],
            id="qualifiers-differ-same-value",
        ),
        pytest.param(
            [
                _claim("a", "length", "3666", "001_a.txt", unit="km"),
                _claim("b", "length", "3666.0", "ref-x", unit="km"),
            ],
            {"length": [("3,666 km", "", ["a", "b"])]},
            [],
            id="numbers-compared-as-numbers",
        ),
        pytest.param(
            [
                _claim("a", "length", "500", "001_a.txt", unit="km", feature="leg-1"),
                _claim("b", "length", "700", "002_b.txt", unit="km", feature="leg-2"),
            ],
            {"length": [("500 km", "Leg one", ["a"]), ("700 km", "Leg two", ["b"])]},
            [],
            id="different-legs-do-not-conflict",
        ),
        pytest.param(
            [
                _claim("a", "status", "operating", "001_a.txt", feature="leg-1"),
                _claim("b", "status", "planned", "002_b.txt", feature="leg-1"),
            ],
            {"status": [("Operating", "Leg one", ["a"]), ("Planned", "Leg one", ["b"])]},
            [("status", "Leg one", ["Operating", "Planned"])],
            id="same-leg-conflicts",
        ),
        pytest.param(
            [
                _claim("a", "name", "Line X", "001_a.txt"),
                _claim("b", "name", "Line Y", "002_b.txt"),
            ],
            {"name": [("Line X", "", ["a"]), ("Line Y", "", ["b"])]},
            [],
            id="two-names-are-not-a-conflict",
        ),
        pytest.param(
            [
                _claim("a", "section_length", "520", "001_a.txt", unit="km", scope="Kazakhstan"),
                _claim("b", "section_length", "490", "002_b.txt", unit="km", scope="Uzbekistan"),
                _claim("c", "length", "1070", "002_b.txt", unit="km"),
            ],
            {
                "section_length": [
                    ("520 km (Kazakhstan)", "", ["a"]),
                    ("490 km (Uzbekistan)", "", ["b"]),
                ],
                "length": [("1,070 km", "", ["c"])],
            },
            [],
            id="sections-of-other-scopes-and-the-whole-do-not-conflict",
        ),
        pytest.param(
            [
                _claim("a", "section_length", "520", "001_a.txt", unit="km", scope="Kazakhstan"),
                _claim("b", "section_length", "530", "002_b.txt", unit="km", scope="kazakhstan"),
            ],
            {
                "section_length": [
                    ("520 km (Kazakhstan)", "", ["a"]),
                    ("530 km (kazakhstan)", "", ["b"]),
                ],
            },
            [("section_length", "", ["520 km (Kazakhstan)", "530 km (kazakhstan)"])],
            id="one-section-two-lengths-conflict",
        ),
        pytest.param(
            [
                _claim("a", "transit_time", "8", "001_a.txt", unit="days", scope="Dostyk–Aktau"),
                _claim("b", "transit_time", "8", "002_b.txt", unit="days", scope="Dostyk - Aktau"),
            ],
            {"transit_time": [("8 days (Dostyk–Aktau)", "", ["a", "b"])]},
            [],
            id="a-stretch-typed-with-another-dash-is-the-same",
        ),
        pytest.param(
            [
                _claim("a", "traffic", "1200000", "001_a.txt", unit="tonnes", period="2024"),
                _claim(
                    "b", "traffic", "700000", "002_b.txt", unit="tonnes", period="2025-01/2025-06"
                ),
            ],
            {
                "traffic": [
                    ("1.2 million tonnes in 2024", "", ["a"]),
                    ("700,000 tonnes in January–June 2025", "", ["b"]),
                ]
            },
            [],
            id="traffic-of-two-periods-does-not-conflict",
        ),
        pytest.param(
            [
                _claim("a", "traffic", "1200000", "001_a.txt", unit="tonnes", period="2024"),
                _claim("b", "traffic", "1500000", "002_b.txt", unit="tonnes", period="2024"),
            ],
            {
                "traffic": [
                    ("1.2 million tonnes in 2024", "", ["a"]),
                    ("1.5 million tonnes in 2024", "", ["b"]),
                ]
            },
            [("traffic", "", ["1.2 million tonnes in 2024", "1.5 million tonnes in 2024"])],
            id="traffic-of-one-period-conflicts",
        ),
        pytest.param(
            [
                _claim("a", "length", "3666", "001_a.txt", unit="km"),
                _claim("b", "length", "1000", "002_b.txt", unit="km", corridor="c-line-d"),
            ],
            {"length": [("3,666 km", "", ["a"]), ("1,000 km", "", ["b"])]},
            [],
            id="a-part-never-conflicts-with-its-parent",
        ),
    ],
)
def test_readings_and_disagreements(
    claims: list[panelmodel.ClaimView], readings: dict, conflicts: list
) -> None:
    """One reading per value (and leg); a disagreement is two values of a one-value field for the
    same thing."""
    scope_of = {"leg-1": "Leg one", "leg-2": "Leg two"}
    found = panelmodel.readings(claims, scope_of)
    assert {
        f: [(r.value, r.scope, [c.id for c in r.claims]) for r in rs] for f, rs in found.items()
    } == readings
    assert [
        (d.field, d.scope, [r.value for r in d.readings]) for d in panelmodel.disagreements(found)
    ] == conflicts


def test_reference_claims_marked_with_title_and_link(
    panels: dict[str, panelmodel.CorridorPanel],
) -> None:
    """A figure taken from a reference says so, with the reference's title as a link."""
    rendered = panel.render_html(panels["cacgp"])
    claim = rendered[rendered.index("data-claim='cacgp-length-ref-a'") :]
    claim = claim[: claim.index("</div></div>")]
    assert "<span class='refmark'>from a reference, not the articles</span>" in claim
    assert (
        "<a href='https://example.org/fixture/pipeline-length' rel='noopener noreferrer' "
        "target='_blank'>Fixture reference: pipeline length (test data)</a>"
    ) in claim


def test_mentioned_corridor_panel(ds: dataset.Dataset) -> None:
    """A corridor only mentioned has its own panel: said to be unmapped, with its quotes."""
    view = panelmodel.corridor_panel(ds, "kg-north-south-highway")
    assert not view.mapped
    assert view.features == []
    assert [c.id for _, cs in view.groups for c in cs] == ["kg-highway-name-001"]
    rendered = panel.render_html(view)
    assert "data-mapped='no'" in rendered
    assert "<b>Mentioned, not mapped:</b> the articles give no route to draw." in rendered
    assert "<mark>the new North-South Highway in Kyrgyzstan, which will streamline" in rendered
    assert "<h4>How it was drawn</h4>" not in rendered
    assert "<dt>Length</dt><dd>not drawn;" in rendered


def test_a_part_has_its_own_panel_and_figures(ds: dataset.Dataset) -> None:
    """Line D (a part of the pipeline, not drawn): its own panel says whose part it is; its
    section lengths read with their scope and disagree neither with each other nor with its
    length; the pipeline's panel lists it, and Line D's length is no reading of the pipeline's."""
    view = panelmodel.corridor_panel(ds, "cacgp-line-d")
    assert not view.mapped
    assert view.part_of == ("cacgp", "Central Asia–China gas pipeline (Lines A/B/C)")
    assert view.disagreements == []
    assert [r.value for r in view.readings["section_length"]] == [
        "400 km (Tajikistan)",
        "215 km (Kyrgyzstan)",
    ]
    rendered = panel.render_html(view)
    assert (
        "<dt>Part of</dt><dd><span data-testid='part-of'><a href='?corridor=cacgp' "
        "target='_self' data-corridor-link='cacgp'>Central Asia–China gas pipeline (Lines A/B/C)"
        "</a>"
    ) in rendered
    assert "<dt>Section length</dt><dd><span class='value'>400 km (Tajikistan)</span>" in rendered
    assert "<span class='value'>1,000 km</span>" in rendered

    whole = panelmodel.corridor_panel(ds, "cacgp")
    assert whole.parts == [("cacgp-line-d", "Central Asia–China gas pipeline, Line D", False)]
    assert "1,000 km" not in [r.value for r in whole.readings["length"]]
    assert [d.field for d in whole.disagreements] == ["length"]  # 3,666 against 1,833 km only
    assert [r.value for r in whole.disagreements[0].readings] == ["over 3,666 km", "1,833 km"]
    rendered = panel.render_html(whole)
    assert (
        "<dt>Parts</dt><dd><span data-testid='parts'><a href='?corridor=cacgp-line-d' "
        "target='_self' data-corridor-link='cacgp-line-d'>Central Asia–China gas pipeline, Line D"
        "</a> (mentioned, not mapped)"
    ) in rendered
    assert "<dt>Traffic</dt><dd><span class='value'>20 bcm in January–June 2025</span>" in rendered
    claim = rendered[rendered.index("data-claim='cacgp-traffic-901'") :]
    assert claim.startswith(
        "data-claim='cacgp-traffic-901'><span class='value'>20 bcm in January–June 2025</span>"
    )


@pytest.mark.parametrize(
    ("corridor", "sources", "shown"),
    [
        pytest.param("cku-railway", [SRC_004], SRC_004, id="railway-004"),
        pytest.param("cku-railway", [SRC_001], SRC_001, id="railway-001"),
        pytest.param("cacgp", [SRC_001], SRC_001, id="pipeline-001-hides-the-reference"),
        pytest.param("titr", [SRC_004], None, id="titr-004-nothing"),
    ],
)
def test_source_filter_filters_the_quotes(
    ds: dataset.Dataset, corridor: str, sources: list[str], shown: str | None
) -> None:
    """With a source filter the panel shows that source's claims only, and says what it hid."""
    view = panelmodel.corridor_panel(ds, corridor, sources)
    ids = [c.id for _, cs in view.groups for c in cs]
    expected = [c["id"] for c in _claims_of(corridor) if c["source"] == shown]
    assert sorted(ids) == sorted(expected)
    assert view.hidden_claims == len(_claims_of(corridor)) - len(expected)
    assert view.disagreements == []  # one source does not disagree with itself here
    rendered = panel.render_html(view)
    note = f"Quotes from the selected sources only (article {sources[0][:3]})."
    assert note in rendered
    hidden = (
        "1 claim from other sources is hidden"
        if view.hidden_claims == 1
        else f"{view.hidden_claims} claims from other sources are hidden"
    )
    assert hidden in rendered
    if shown is None:
        assert "<p>The selected sources state nothing about it.</p>" in rendered
    assert all(c.source.file in sources for _, cs in view.groups for c in cs)


def test_sources_list_explains_an_article_that_cites_nothing(ds: dataset.Dataset) -> None:
    """Article 000 cites no mapped system: the list says so (it is not offered as a filter)."""
    rendered = panel.sources_html(ds)
    assert rendered.count("<li data-source=") == len(SOURCES)
    uncited = rendered[rendered.index("<li data-source='000_9433e71b893593d6.txt'") :]
    uncited = uncited[: uncited.index("</li>")]
    assert "data-uncited='yes'" in uncited
    assert "Cites no mapped system, so it is not offered in the source filter." in uncited
    cited = rendered[rendered.index(f"<li data-source='{SRC_004}'") :]
    assert "Cites: China–Kyrgyzstan–Uzbekistan railway." in cited[: cited.index("</li>")]
    assert rendered.count("data-uncited") == 1


def test_overview_lists_the_mentioned_corridor(ds: dataset.Dataset) -> None:
    rendered = panel.overview_html(ds, CORRIDOR_IDS)
    assert (
        "<td>North–South Highway (Kyrgyzstan) (mentioned, not mapped)</td><td>1</td><td>1</td>"
        in rendered
    )


def test_conflicting_dates_and_lengths_from_the_data(data_copy) -> None:
    """Claims added to a copy of the data: a second completion date for the railway and a second
    length for one Middle Corridor leg become disagreements, side by side with their quotes."""
    sentence = "This railway is designed to cut transportation times and costs."

    def add(rows: list[dict[str, str]]) -> None:
        base = {k: "" for k in rows[0]}
        rows += [
            base
            | {
                "id": "cku-completion-001",
                "corridor": "cku-railway",
                "field": "completion_date",
                "value": "2027",
                "source": SRC_001,
                "quote": sentence,
            },
            base
            | {
                "id": "titr-length-a",
                "corridor": "titr",
                "feature": "titr-caspian-crossing",
                "field": "length",
                "value": "470",
                "unit": "km",
                "source": SRC_001,
                "quote": sentence,
            },
            base
            | {
                "id": "titr-length-b",
                "corridor": "titr",
                "feature": "titr-caspian-crossing",
                "field": "length",
                "value": "500",
                "unit": "km",
                "source": SRC_004,
                "quote": "The project will kickstart next month and will be completed by 2030.",
            },
            base
            | {
                "id": "titr-length-c",
                "corridor": "titr",
                "feature": "titr-az-ge-alat-poti",
                "field": "length",
                "value": "800",
                "unit": "km",
                "source": SRC_004,
                "quote": "The project will kickstart next month and will be completed by 2030.",
            },
        ]

    data_copy.edit_rows("geodata/claims.csv", add)
    anchors.rewrite(data_copy.datadir)  # as `python -m corridors fmt` does after an edit
    ds = dataset.load(data_copy.datadir)
    assert ds.errors == []
    railway = panelmodel.corridor_panel(ds, "cku-railway")
    assert [(d.field, [r.value for r in d.readings]) for d in railway.disagreements] == [
        ("status", ["Planned", "Under construction"]),
        ("length", ["454 km", "523 km"]),
        ("completion_date", ["by 2030", "2027"]),
    ]
    titr = panelmodel.corridor_panel(ds, "titr")
    leg = ds.features.at["titr-caspian-crossing", "name"]
    assert [(d.field, d.scope, [r.value for r in d.readings]) for d in titr.disagreements] == [
        ("length", leg, ["470 km", "500 km"])  # the Alat–Poti leg's 800 km is another leg
    ]
    rendered = panel.render_html(titr)
    assert f"<h5>Length — {html.escape(leg)}</h5>" in rendered
    assert "data-conflict-claim='titr-length-a'" in rendered
    assert "data-conflict-claim='titr-length-b'" in rendered
    assert "data-conflict-claim='titr-length-c'" not in rendered


@pytest.mark.parametrize(
    ("shown", "after"),
    [
        pytest.param({}, panel.PAGE + panel.MORE, id="first page, then MORE beyond it"),
        pytest.param({"length": panel.PAGE + panel.MORE}, panel.PAGE + 2 * panel.MORE, id="again"),
        pytest.param({"other": 99}, panel.PAGE + panel.MORE, id="another section untouched"),
    ],
)
def test_show_more(shown: dict[str, int], after: int) -> None:
    before = dict(shown)
    panel.show_more(shown, "length")
    assert shown["length"] == after
    assert {k: v for k, v in shown.items() if k != "length"} == {
        k: v for k, v in before.items() if k != "length"
    }
