"""The panel, the filters, the notices and the downloads in a real Chromium, at desktop and phone sizes.

Network blocked (every non-loopback request is aborted and recorded by the ``page`` fixture). What a
reader must get: on opening the railway, its disputed status and the two quotes on the first screen
(at 1280×800; on a phone, within one screen of the panel's title, as the panel sits below the map);
a source filter that filters the quotes; one notice for a bad link; downloads that parse; and a
phone layout with the sidebar collapsed and nothing wider than the screen.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import stat
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from devtools import browser as e2e
from devtools.pagejs import MAP_FRAME

from .conftest import IN_CI, Dashboard
from fixtures import FIXTURE_ROOT

try:
    import bibtexparser
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - depends on the environment
    if IN_CI:
        raise
    pytest.skip("browser tests need Playwright and bibtexparser", allow_module_level=True)

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SRC_004 = "004_dc699da55f7d4812.txt"


def _rows(rel: str) -> list[dict[str, str]]:
    with (FIXTURE_ROOT / rel).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


CLAIMS = _rows("geodata/claims.csv")
CORRIDOR_NAMES = {row["id"]: row["name"] for row in _rows("geodata/corridors.csv")}


def _open(dash: Dashboard, query: str, size: dict[str, int], routes: int = 1) -> None:
    dash.page.set_viewport_size(size)
    dash.open(query, routes=routes)
    expect(dash.page.get_by_test_id("stSidebar")).to_be_attached()


def _claims_of(corridor: str, source: str | None = None) -> set[str]:
    return {
        c["id"]
        for c in CLAIMS
        if c["corridor"] == corridor and (source is None or c["source"] == source)
    }


def _box(locator) -> dict[str, float]:
    return locator.evaluate(
        "e => { const r = e.getBoundingClientRect();"
        " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; }"
    )


def _no_error_on_page(page) -> None:
    assert page.get_by_test_id("stException").count() == 0
    assert "Traceback" not in page.locator("body").inner_text()


# --- 1. disagreements first -------------------------------------------------------------------------


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_railway_conflict_on_the_first_screen(dashboard: Dashboard, size: dict[str, int]) -> None:
    """What is it, is it built, who says so: the name, the disputed status with both quotes and
    their sources, and the count of sources, without scrolling (desktop) or within one screen of
    the panel's title (phone, where the panel sits below the map)."""
    _open(dashboard, "?corridor=cku-railway", size)
    page = dashboard.page
    panel = dashboard.panel()
    expect(panel.locator("h3")).to_have_text(CORRIDOR_NAMES["cku-railway"])
    if size is PHONE:
        panel.locator("h3").evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(200)
    top = _box(panel.locator("h3"))["top"]
    assert top >= -1

    status = panel.get_by_test_id("panel-summary").locator("dd").first
    expect(status).to_contain_text("sources disagree")
    expect(status).to_contain_text(
        "Planned (2 sources: 004, 005) vs Under construction (2 sources: 001, 006)"
    )
    who = panel.get_by_test_id("panel-summary").locator("dd").last
    articles = {c["source"][:3] for c in CLAIMS if c["corridor"] == "cku-railway"}
    expect(who).to_contain_text(f"from {len(articles)} articles")

    block = panel.get_by_test_id("disagreements")
    expect(block.locator("h4")).to_have_text("Where the sources disagree")
    for claim, words in (
        ("cku-status-004", "a planned $8 billion railway project"),
        ("cku-status-001", "The construction of the China-Kyrgyzstan-Uzbekistan railway"),
    ):
        quote = block.locator(f"[data-conflict-claim='{claim}'] blockquote")
        expect(quote).to_contain_text(words)
        box = _box(quote)
        assert box["bottom"] <= size["height"], f"{claim}'s quote ends at {box['bottom']:.0f} px"
        assert box["right"] <= size["width"]
    for element in (status, who):
        assert _box(element)["bottom"] <= size["height"]
    _no_error_on_page(page)


def test_headings_larger_than_values(dashboard: Dashboard) -> None:
    _open(dashboard, "?corridor=cacgp", DESKTOP)
    sizes = dashboard.panel().evaluate(
        """p => Object.fromEntries(['h3', 'h4', 'h5', '.value', 'dl.facts dd', 'blockquote']
            .map(s => [s, parseFloat(getComputedStyle(p.querySelector(s)).fontSize)]))"""
    )
    values = max(sizes[".value"], sizes["dl.facts dd"], sizes["blockquote"])
    assert sizes["h3"] > sizes["h4"] > sizes["h5"] > values, sizes


def test_a_part_opens_from_its_system(dashboard: Dashboard) -> None:
    """The pipeline's panel lists its Line D (mentioned, not mapped); the link opens Line D's own
    panel, which names the system it is part of and shows each section with its scope."""
    _open(dashboard, "?corridor=cacgp", DESKTOP)
    page = dashboard.page
    parts = dashboard.panel().get_by_test_id("parts")
    expect(parts).to_contain_text(f"{CORRIDOR_NAMES['cacgp-line-d']} (mentioned, not mapped)")
    parts.locator("a[data-corridor-link='cacgp-line-d']").click()
    dashboard.wait_query("corridor", "cacgp-line-d", timeout=30)
    panel = dashboard.panel()
    expect(panel.locator("h3")).to_have_text(CORRIDOR_NAMES["cacgp-line-d"], timeout=30_000)
    expect(panel.get_by_test_id("part-of")).to_contain_text(CORRIDOR_NAMES["cacgp"])
    summary = panel.get_by_test_id("panel-summary")
    expect(summary).to_contain_text("400 km (Tajikistan)")
    expect(summary).to_contain_text("215 km (Kyrgyzstan)")
    expect(panel.get_by_test_id("disagreements")).to_contain_text("No two sources give")
    _no_error_on_page(page)


# --- 2. filters that mean what they say ------------------------------------------------------------


def test_source_filter_filters_the_quotes(dashboard: Dashboard) -> None:
    """Choosing article 004 in the sidebar: the map keeps what it cites, the panel only its quotes
    (and says how many it hid), and the link records the choice."""
    _open(dashboard, "?corridor=cku-railway", DESKTOP)
    page = dashboard.page
    panel = dashboard.panel()
    expect(panel.locator("[data-claim]")).to_have_count(len(_claims_of("cku-railway")))

    box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect")
    box = box.filter(has_text="Cited by article")
    options = page.get_by_role("option")
    # On a loaded machine a rerun that lands just after the click can close the list before it
    # shows (seen 2 runs in 3 under load ~13, never when idle): open it again, up to 3 times.
    for _ in range(3):
        box.locator("input").click()
        try:
            expect(options.first).to_be_visible(timeout=5_000)
            break
        except AssertionError:
            page.keyboard.press("Escape")
    expect(options.first).to_be_visible()
    texts = options.all_inner_texts()
    assert not any(t.startswith("article 000") for t in texts), texts  # cites nothing mapped
    options.filter(has_text=re.compile(r"^article 004")).first.click()
    page.keyboard.press("Escape")

    own = _claims_of("cku-railway", SRC_004)
    expect(panel.locator("[data-claim]")).to_have_count(len(own))
    shown = panel.locator("[data-claim]").evaluate_all("els => els.map(e => e.dataset.claim)")
    assert set(shown) == own
    hidden = len(_claims_of("cku-railway")) - len(own)
    expect(panel.get_by_test_id("source-filter-note")).to_contain_text(
        f"{hidden} claims from other sources are hidden"
    )
    expect(panel.get_by_test_id("disagreements")).not_to_contain_text("Under construction")
    dashboard.wait_query("source", SRC_004)
    dashboard.wait_drawn({"cku-railway"})
    _no_error_on_page(page)


def test_one_notice_for_a_bad_link(dashboard: Dashboard, guard) -> None:
    """Eight things a link asked for that the data does not have: one box listing them all, as
    text (a value that looks like a web address is not a link)."""
    query = (
        "?corridor=www.evil.example&layers=bogus&status=closed&country=Atlantis"
        "&source=999.txt,000_9433e71b893593d6.txt&zoom=9&evil=%3Cscript%3E"
    )
    _open(dashboard, query, DESKTOP)
    page = dashboard.page
    notices = page.get_by_test_id("stAlertContentInfo")
    expect(notices).to_have_count(1)
    text = notices.first.inner_text().replace("\u200b", "")  # the space that stops autolinks
    for needle in (
        "corridor 'www.evil.example'",
        "layers 'bogus'",
        "status 'closed'",
        "country 'Atlantis'",
        "source '999.txt'",
        "parameter 'zoom'",
        "parameter 'evil'",
        "source '000_9433e71b893593d6.txt': it cites no mapped system",
    ):
        assert needle in text, f"{needle!r} not in {text!r}"
    assert notices.first.locator("a, img, script").count() == 0
    assert page.get_by_test_id("corridor-panel").count() == 0
    assert guard.blocked == []


def test_empty_status_says_what_it_means(dashboard: Dashboard) -> None:
    _open(dashboard, "?status=none", DESKTOP, routes=0)
    page = dashboard.page
    expect(page.get_by_test_id("stAlertContentWarning")).to_contain_text(
        "No status is selected: the map shows nothing."
    )
    dashboard.wait_drawn(set())


# --- 3. downloads ----------------------------------------------------------------------------------


def _download(page, label: str) -> tuple[str, bytes]:
    button = page.get_by_test_id("stSidebar").get_by_role("button", name=label, exact=True)
    with page.expect_download(timeout=30_000) as info:
        button.click()
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def test_downloads_of_what_is_shown_parse(dashboard: Dashboard) -> None:
    """With only planned systems shown (the railway), every file holds the railway and its sources,
    and parses as its format says."""
    _open(dashboard, "?status=planned", DESKTOP)
    page = dashboard.page
    dashboard.wait_drawn({"cku-railway"})

    name, data = _download(page, "GeoJSON")
    assert name == "corridors-shown.geojson"
    collection = json.loads(data)
    assert collection["type"] == "FeatureCollection"
    assert [f["properties"]["id"] for f in collection["features"]] == ["cku-railway"]

    name, data = _download(page, "CSV (claims)")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert {r["id"] for r in rows} == _claims_of("cku-railway")

    name, data = _download(page, "GeoPackage")
    assert name == "corridors-shown.gpkg"
    assert data[:16] == b"SQLite format 3\x00"

    name, data = _download(page, "KML")
    root = ET.fromstring(data)
    assert root.tag.endswith("kml")
    placemarks = [e for e in root.iter() if e.tag.endswith("Placemark")]
    assert len(placemarks) == 1

    name, data = _download(page, "CSL-JSON")
    assert name == "corridors-sources.json"
    items = json.loads(data)
    articles = {c["source"] for c in CLAIMS if c["corridor"] == "cku-railway"}
    assert articles <= {i["id"] for i in items}
    assert all(i["type"] in ("article-newspaper", "webpage") for i in items)

    name, data = _download(page, "BibTeX")
    library = bibtexparser.parse_string(data.decode("utf-8"))
    assert library.failed_blocks == []
    assert len(library.entries) == len(items)

    name, data = _download(page, "RIS")
    text = data.decode("utf-8")
    assert text.count("TY  - ") == text.count("ER  - ") == len(items)

    how = page.get_by_test_id("stSidebar").get_by_text("How to cite this map")
    how.click()
    expect(page.get_by_test_id("how-to-cite")).to_contain_text("Cite the map: Corridors")
    _no_error_on_page(page)


# --- 4. phone --------------------------------------------------------------------------------------

#: Every element wider than the screen, outside boxes that scroll on their own (tables).
_OVERFLOW_JS = """(sel) => {
    const limit = window.innerWidth + 1;
    const out = [];
    for (const root of document.querySelectorAll(sel)) {
        if (root.scrollWidth > root.clientWidth + 1) out.push('root ' + root.scrollWidth);
        for (const el of root.querySelectorAll('*')) {
            if (el.closest('.scroll') && !el.classList.contains('scroll')) continue;
            const r = el.getBoundingClientRect();
            if (r.width && r.right > limit) out.push(el.tagName + '.' + el.className + ' ' + r.right);
        }
    }
    return out;
}"""


@pytest.mark.parametrize(
    "query",
    [
        "?corridor=cku-railway",
        "?corridor=cacgp",
        "?corridor=titr",
        "?corridor=kg-north-south-highway",
        "",
    ],
    ids=["railway", "pipeline", "middle-corridor", "mentioned-only", "overview"],
)
def test_phone_layout(dashboard: Dashboard, query: str) -> None:
    """390×844: the sidebar starts collapsed, the panel sits below the map, headings are readable,
    and nothing is wider than the screen (tables scroll inside their own box)."""
    _open(dashboard, query, PHONE)
    page = dashboard.page
    sidebar = page.get_by_test_id("stSidebar")
    assert sidebar.get_attribute("data-collapsed") == "true"
    assert _box(sidebar)["right"] <= 0
    target = "[data-testid=corridor-panel]" if query else "[data-testid=overview]"
    expect(page.locator(target).first).to_be_attached()
    frame = _box(page.locator(MAP_FRAME).first)
    assert _box(page.locator(target).first)["top"] >= frame["bottom"], "panel not below the map"
    selectors = "[data-testid=corridor-panel], [data-testid=overview], [data-testid=sources-list]"
    assert page.evaluate(_OVERFLOW_JS, selectors) == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    if query:
        h3 = dashboard.panel().locator("h3")
        assert float(h3.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 20
    _no_error_on_page(page)


# --- 5. the problem box with a hostile file name ------------------------------------------------------

HOSTILE_NAME = "[x](javascript:alert(1))![i](https:__e.example_i.png) www.evil.example :smile: :red[r] $x$.geojson"


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[e2e.Server]:
    root = tmp_path_factory.mktemp("hostile-name") / "data"
    shutil.copytree(FIXTURE_ROOT / "geodata", root / "geodata")
    shutil.copytree(FIXTURE_ROOT / "seeds", root / "seeds")
    for path in root.rglob("*"):
        path.chmod(path.stat().st_mode | stat.S_IWUSR)
    (root / "geodata" / "features" / HOSTILE_NAME).write_text("{", encoding="utf-8")
    logs = tmp_path_factory.mktemp("hostile-name-logs")
    with e2e.serve(env={"CORRIDORS_DATA_DIR": str(root)}, log_dir=logs) as server:
        server.root = root  # type: ignore[attr-defined]
        yield server


def test_problem_box_shows_a_markdown_file_name_as_text(make_dashboard, hostile_server) -> None:
    dash = make_dashboard(hostile_server)
    _open(dash, "", DESKTOP)
    page = dash.page
    box = page.get_by_test_id("stAlertContentError")
    expect(box).to_have_count(1)
    assert f"geodata/features/{HOSTILE_NAME}" in box.inner_text()
    assert box.locator("a, img").count() == 0, box.inner_html()
    body = page.locator("body").inner_text()
    assert str(hostile_server.root) not in body
    assert str(Path(hostile_server.root).resolve()) not in body
    dash.wait_drawn(dash.drawn_ids() | {"cku-railway"})  # the rest is drawn
