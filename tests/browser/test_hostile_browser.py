"""Hostile data and hostile links in a real browser: every payload is shown as text, none runs.

A copy of the data gets script payloads in every kind of text the reader sees (feature names and
drawing notes, corridor names and summaries, claim values and notes, source headlines, outlets and
notes, waypoint names and references, and a quote: a sentence appended to an article, its sha256
updated so the copy still validates). The app runs on that copy with its own server; the test
hovers and clicks every feature, opens every corridor's panel, and checks that ``window.__pwned``
was never set, in the page or in the map frame, and that the payloads can be read as text.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from corridors.quotes import anchors
from corridors.store import geojsonio
from corridors.store.datadir import REPO_ROOT, DataDir
from devtools import browser as e2e
from devtools.pagejs import MAP_FRAME

from .conftest import IN_CI, Dashboard, normalise
from fixtures import FIXTURE_ROOT

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - depends on the environment
    if IN_CI:
        raise
    pytest.skip("browser tests need Playwright (pip install playwright)", allow_module_level=True)

RUN = "window.parent.__pwned=1;window.__pwned=1"
IMG = f'<img src=x onerror="{RUN}">'
SCRIPT = f"<script>{RUN}</script>"
TEMPLATE = "${window.__pwned=1}`${window.parent.__pwned=1}`"
BREAKOUT = f'\'"><svg onload="{RUN}">'
JS_URL = f"javascript:{RUN}"
LONG = "long:" + "x" * 4995
assert len(LONG) == 5000
PAYLOAD = f"{IMG} {SCRIPT} {TEMPLATE} {BREAKOUT}"
#: A place's reference is a web address, so it is rendered as a link: try to leave the attribute.
HOSTILE_HREF = f'https://example.org/x\'" onmouseover="{RUN}" data-x=\''

SEED = "004_dc699da55f7d4812.txt"  # cited by the railway
QUOTE = f"Hostile sentence: {PAYLOAD} ends here."
HOSTILE_CLAIM = "cku-hostile-004"

#: What the reader should be able to read, as text, in each corridor's panel.
PANEL_TEXT: dict[str, list[str]] = {
    "cku-railway": [
        f"China–Kyrgyzstan–Uzbekistan railway {PAYLOAD}",  # feature name
        f"Cut transportation times and costs {PAYLOAD}",  # claim value (role)
        QUOTE,  # a quote
        LONG,  # claim note
        f"Xi Jinping’s Central Asia Trip: Fostering Regional Cooperation {PAYLOAD}",  # headline
        f"Kashgar {PAYLOAD}",  # waypoint name
    ],
    "cacgp": [LONG, PAYLOAD],  # summary, drawing
    "titr": [f"Trans-Caspian route {PAYLOAD}", f"east of the Absheron archipelago {PAYLOAD}"],
    "khorgos-dry-port": [f"Khorgos dry port {PAYLOAD}"],
    "lianyungang-port": [PAYLOAD],  # the source's outlet and note
}


# --- the hostile copy ------------------------------------------------------------------------------


def _edit_rows(path: Path, edit: Callable[[list[dict[str, str]]], None]) -> None:
    text = path.read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    before = [dict(r) for r in rows]
    edit(rows)
    assert rows != before, f"the edit left {path.name} unchanged"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=reader.fieldnames or [], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _row(rows: list[dict[str, str]], key: str, ident: str) -> dict[str, str]:
    matches = [r for r in rows if r[key] == ident]
    assert len(matches) == 1, f"no single row {ident!r}: the real data moved, update this test"
    return matches[0]


def _edit_feature(path: Path, feature_id: str, **changes: Callable[[str], str]) -> None:
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    (feature,) = [f for f in features if f["properties"]["id"] == feature_id]
    for key, change in changes.items():
        feature["properties"][key] = change(feature["properties"][key])
    path.write_text(geojsonio.dumps(features), encoding="utf-8")


def plant(root: Path) -> None:
    """Put the payloads into a copy of geodata/ and seeds/ at ``root``."""
    geo, seeds = root / "geodata", root / "seeds"
    features = geo / "features"
    _edit_feature(features / "cku-railway.geojson", "cku-railway", name=lambda v: f"{v} {PAYLOAD}")
    _edit_feature(
        features / "khorgos-dry-port.geojson",
        "khorgos-dry-port",
        name=lambda v: f"Khorgos dry port {PAYLOAD}",
    )
    _edit_feature(
        features / "cacgp.geojson", "cacgp-lines-abc", drawing=lambda v: f"{v} {PAYLOAD} {LONG}"
    )

    def corridors(rows):
        _row(rows, "id", "titr")["name"] = f"Trans-Caspian route {PAYLOAD}"
        cacgp = _row(rows, "id", "cacgp")
        cacgp["summary"] = f"{cacgp['summary']} {PAYLOAD} {LONG}"

    _edit_rows(geo / "corridors.csv", corridors)

    # a quote: the payload sentence appended to an article, the article's hash brought up to date
    article = seeds / SEED
    article.write_text(article.read_text(encoding="utf-8") + f"\n\n{QUOTE}\n", encoding="utf-8")
    digest = hashlib.sha256(article.read_bytes()).hexdigest()

    def claims(rows):
        _row(rows, "id", "cku-name-001")["note"] = f"{PAYLOAD} {LONG}"
        role = _row(rows, "id", "cku-role-001")
        role["value"] = f"{role['value']} {PAYLOAD}"
        rows.append(
            {
                **{k: "" for k in rows[0]},
                "id": HOSTILE_CLAIM,
                "corridor": "cku-railway",
                "field": "context",
                "value": f"Hostile value {PAYLOAD}",
                "source": SEED,
                "quote": QUOTE,
            }
        )

    _edit_rows(geo / "claims.csv", claims)

    def sources(rows):
        _row(rows, "file", SEED)["sha256"] = digest
        first = _row(rows, "file", "001_6257ba8c1d36bd59.txt")
        first["headline"] = f"{first['headline']} {PAYLOAD}"
        first["outlet"] = PAYLOAD
        first["note"] = f"{first['note']} {PAYLOAD} {LONG}"

    _edit_rows(seeds / "sources.csv", sources)

    def waypoints(rows):
        shape = _row(rows, "id", "caspian-east-of-absheron")
        assert shape["kind"] == "shape"
        shape["source_url"] = JS_URL
        shape["name"] = f"{shape['name']} {PAYLOAD}"
        kashgar = _row(rows, "id", "kashgar")
        kashgar["name"] = f"Kashgar {PAYLOAD}"
        kashgar["source_url"] = HOSTILE_HREF

    _edit_rows(geo / "waypoints.csv", waypoints)


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(FIXTURE_ROOT / "geodata", root / "geodata")
    shutil.copytree(FIXTURE_ROOT / "seeds", root / "seeds")
    for dirpath, _, filenames in os.walk(root):  # the seeds are read-only in the repository
        for name in filenames:
            path = Path(dirpath) / name
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
    plant(root)
    anchors.rewrite(DataDir(root))  # as `python -m corridors fmt` does after an edit
    result = subprocess.run(
        [sys.executable, "-m", "corridors", "--data-dir", str(root), "validate"],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
    )
    assert result.returncode == 0, (
        f"the hostile copy must still validate:\n{result.stdout}\n{result.stderr}"
    )
    return root


@pytest.fixture(scope="module")
def hostile_server(hostile_data: Path, app_env, tmp_path_factory: pytest.TempPathFactory):
    env = {**app_env, "CORRIDORS_DATA_DIR": str(hostile_data)}
    with e2e.serve(env=env, log_dir=tmp_path_factory.mktemp("hostile-logs")) as server:
        yield server


@pytest.fixture
def hostile(make_dashboard, hostile_server) -> Iterator[Dashboard]:
    dash = make_dashboard(hostile_server)
    yield dash


def _features(root: Path) -> dict[str, dict]:
    out = {}
    for path in sorted((root / "geodata" / "features").glob("*.geojson")):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            out[feature["properties"]["id"]] = feature["properties"]
    return out


def _corridor_names(root: Path) -> dict[str, str]:
    """The drawn corridors (the ones a click on the map can open), by id."""
    with (root / "geodata" / "corridors.csv").open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row["name"] for row in csv.DictReader(handle) if row["mapped"] == "yes"}


# --- checks ----------------------------------------------------------------------------------------

_INJECTED_JS = """([sel, run]) => {
    const docs = [document];
    const f = document.querySelector(sel);
    if (f && f.contentDocument) docs.push(f.contentDocument);
    const found = [];
    for (const d of docs) {
        const where = d === document ? 'page' : 'map frame';
        if (d.querySelector('img[src="x"]')) found.push(where + ': <img src=x>');
        if (d.querySelector('svg[onload]')) found.push(where + ': <svg onload>');
        if (d.querySelector('[onmouseover], [onerror]')) found.push(where + ': on* attribute');
        if (d.querySelector('a[href^="javascript:" i]')) found.push(where + ': javascript: link');
        for (const s of d.scripts) if (s.textContent.trim() === run) found.push(where + ': script');
    }
    return found;
}"""


def assert_not_run(dash: Dashboard, when: str) -> None:
    assert dash.pwned() == {"page": "undefined", "map frame": "undefined"}, f"payload ran {when}"
    injected = dash.page.evaluate(_INJECTED_JS, [MAP_FRAME, RUN])
    assert not injected, f"markup from the data reached the DOM {when}: {injected}"


def assert_readable(haystack: str, needle: str, where: str) -> None:
    assert normalise(needle) in normalise(haystack), (
        f"{where}: cannot read {needle[:80]!r}… as text"
    )


# --- the tests -------------------------------------------------------------------------------------


def test_hostile_data_is_shown_as_text_and_never_runs(
    hostile: Dashboard, hostile_data: Path, guard
) -> None:
    features = _features(hostile_data)
    names = _corridor_names(hostile_data)
    page = hostile.page
    hostile.open(routes=len(features))
    assert page.get_by_test_id("stAlertContentError").count() == 0, "the copy has data errors"
    assert_not_run(hostile, "on load")

    opened = set()
    for fid, props in features.items():
        hostile.close_popup()
        hostile.hover(fid)
        tip = hostile.map.locator(".leaflet-tooltip").last
        expect(tip).to_be_visible()
        assert normalise(tip.inner_text()) == normalise(props["name"]), fid
        assert_not_run(hostile, f"hovering {fid}")

        hostile.click(fid)
        popup = hostile.popup()
        expect(popup).to_contain_text(props["name"])
        assert_readable(popup.inner_text(), props["name"], f"popup of {fid}")
        assert_readable(popup.inner_text(), names[props["corridor"]], f"popup of {fid}")
        panel = hostile.panel()
        expect(panel.locator("h3")).to_have_text(names[props["corridor"]], timeout=15_000)
        hostile.wait_query("corridor", props["corridor"])
        assert_not_run(hostile, f"after clicking {fid}")

        if props["corridor"] not in opened:
            opened.add(props["corridor"])
            text = panel.inner_text()
            for needle in PANEL_TEXT.get(props["corridor"], []):
                assert_readable(text, needle, f"panel of {props['corridor']}")
            if props["corridor"] == "cku-railway":
                claim = panel.locator(f"[data-claim='{HOSTILE_CLAIM}'] mark").first
                assert normalise(claim.inner_text()) == normalise(QUOTE)
                hrefs = panel.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
                assert HOSTILE_HREF in hrefs, "the hostile reference is not one intact href"
            if props["corridor"] == "titr":
                assert JS_URL not in panel.evaluate("e => e.innerHTML"), "javascript: URL rendered"

    assert opened == set(names), f"panels never opened: {set(names) - opened}"

    # the list of corridors: hostile names are options as text; one panel opened from the list
    hostile.close_popup()
    box = hostile.corridor_box()
    box.click()
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    assert_readable("\n".join(options.all_inner_texts()), names["titr"], "corridor list")
    options.filter(has_text=names["lianyungang-port"]).first.click()
    expect(hostile.panel().locator("h3")).to_have_text(names["lianyungang-port"])
    hostile.wait_query("corridor", "lianyungang-port")
    for needle in PANEL_TEXT["lianyungang-port"]:
        assert_readable(hostile.panel().inner_text(), needle, "panel of lianyungang-port")

    page.wait_for_timeout(500)  # an <img onerror> would fire asynchronously
    assert_not_run(hostile, "at the end")
    body = page.locator("body").inner_text()
    assert "Traceback" not in body
    assert page.get_by_test_id("stException").count() == 0
    assert guard.blocked == [], f"requests tried to leave the machine: {guard.blocked}"


HOSTILE_QUERIES = {
    "corridor-img": "?corridor=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E",
    "layers-script": "?layers=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E&status=%24%7Bwindow.__pwned%3D1%7D",
    "key-img": "?%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E=1",
    "source-5000": "?source=" + "x" * 5000,
}


@pytest.mark.parametrize("query", HOSTILE_QUERIES.values(), ids=HOSTILE_QUERIES.keys())
def test_hostile_link_opens_the_default_view(
    hostile: Dashboard, hostile_data: Path, query: str
) -> None:
    features = _features(hostile_data)
    page = hostile.page
    hostile.open(query, routes=len(features))
    notices = page.get_by_test_id("stAlertContentInfo")
    expect(notices.first).to_be_visible()
    text = "\n".join(notices.all_inner_texts())
    assert "Ignored" in text
    assert "<" not in text and ">" not in text, f"markup echoed in a notice: {text!r}"
    hostile.wait_drawn(set(features))
    assert page.get_by_test_id("corridor-panel").count() == 0
    assert page.get_by_test_id("stException").count() == 0
    assert "Traceback" not in page.locator("body").inner_text()
    page.wait_for_timeout(300)
    assert_not_run(hostile, f"opening {query[:60]}")
