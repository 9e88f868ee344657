"""A system with thousands of claims: its panel opens on a first page, every claim and quote is
reachable by asking for more, and its popup names each figure once.

Run on a copy of the frozen fixture grown by devtools/corpus.py (synthetic articles restating
the fixture's claims, so the railway has hundreds of claims), never on the live data.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from corridors.model import dataset
from corridors.model.sources import source, sources_by_file
from corridors.quotes import textmatch
from corridors.schema import FIELDS, format_claim
from corridors.store.datadir import ENV_VAR, DataDir
from corridors.view import figures, mapbuild, panel, panelmodel, timeline
from devtools import corpus

from .support import SECTION_OPEN, dashboard_app
from fixtures import FIXTURE

BIG = corpus.BIG_SYSTEM
CLAIM_ID = re.compile(r"data-claim='([^']+)'")


@pytest.fixture(scope="module")
def grown_dir(tmp_path_factory) -> DataDir:
    return corpus.generate(4, tmp_path_factory.mktemp("paging") / "data", real=FIXTURE)


@pytest.fixture(scope="module")
def grown(grown_dir: DataDir) -> dataset.Dataset:
    return dataset.load(grown_dir)


@pytest.fixture(scope="module")
def big(grown: dataset.Dataset) -> panelmodel.CorridorPanel:
    view = panelmodel.corridor_panel(grown, BIG)
    assert sum(len(claims) for _, claims in view.groups) >= 150  # the test is about a big one
    return view


def _claim_ids(html: str) -> list[str]:
    return CLAIM_ID.findall(html)


def test_first_page_shows_the_first_claims_of_each_field(big: panelmodel.CorridorPanel) -> None:
    rendered = panel.render_html(big)
    shown = set(_claim_ids(rendered))
    cut = 0
    for _, claims in big.groups:
        first = {c.id for c in claims[: panel.PAGE]}
        assert first <= shown
        assert not {c.id for c in claims[panel.PAGE :]} & shown
        if len(claims) > panel.PAGE:
            cut += 1
            assert f"data-more='{claims[0].field}'" in rendered
    assert cut >= 3
    assert len(shown) <= panel.PAGE * len(big.groups)


def test_summary_and_disagreements_cover_every_claim_on_the_first_page(
    big: panelmodel.CorridorPanel,
) -> None:
    """The first page still sets every reading against the others, and says how many sources
    give each (naming the first few): nothing is dropped from the summary."""
    rendered = panel.render_html(big)
    assert big.disagreements
    for dis in big.disagreements:
        assert f"data-field='{dis.field}'" in rendered
    summary = rendered[rendered.index("data-testid='panel-summary'") :]
    summary = summary[: summary.index("</dl>")]
    n_claims = sum(len(claims) for _, claims in big.groups)
    assert f"{n_claims} claims from " in summary
    assert re.search(r"and [\d,]+ more", summary)


def test_every_claim_and_quote_is_reachable_by_asking_for_more(
    big: panelmodel.CorridorPanel,
) -> None:
    """Following "show more" until nothing is left shows every claim once, each quote found in
    its sentence, and lists every source."""
    shown: dict[str, int] = {}
    asked = 0
    while left := panel.more_left(big, shown):
        for key, _, _ in left:
            panel.show_more(shown, key)
        asked += 1
        assert asked < 1000
    rendered = panel.render_html(big, shown)
    ids = _claim_ids(rendered)
    every = [c for _, claims in big.groups for c in claims]
    assert sorted(ids) == sorted(c.id for c in every)
    for claim in every:
        assert claim.context.found, claim.id
        assert panel.e(claim.context.quote) in rendered, claim.id
    assert "data-more=" not in rendered
    for src in big.sources:
        assert panel.e(src.file) in rendered


def test_only_the_quotes_shown_are_looked_for(grown: dataset.Dataset) -> None:
    """Opening the panel does not search a thousand articles: a quote is found when shown."""
    view = panelmodel.corridor_panel(grown, BIG)
    panel.render_html(view)
    every = [c for _, claims in view.groups for c in claims]
    searched = [c for c in every if "found_in" in vars(c.context)]
    assert 0 < len(searched) < len(every) // 2


def test_the_quote_found_later_is_the_one_in_the_article(grown: dataset.Dataset) -> None:
    view = panelmodel.corridor_panel(grown, BIG)
    for claim in [c for _, claims in view.groups for c in claims][::37]:
        assert claim.context.quote == textmatch.normalise_text(claim.quote)


def test_sources_looked_up_at_once_name_them_as_one_at_a_time(grown: dataset.Dataset) -> None:
    ids = [*grown.sources.index, *grown.references.index, "not-a-source.txt"]
    assert sources_by_file(grown, ids) == {i: source(grown, i) for i in ids}


def test_show_more_in_the_dashboard_adds_a_page(
    grown_dir: DataDir, big: panelmodel.CorridorPanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dashboard's "Show more" button reruns the panel with the next claims of its field."""
    monkeypatch.setenv(ENV_VAR, str(grown_dir.root))
    app: AppTest = dashboard_app()
    app.query_params["corridor"] = BIG
    app.run()
    assert not app.exception

    def panel_ids() -> list[str]:
        bodies = [e.proto.body for e in app.get("html")]
        return _claim_ids(next(b for b in bodies if "data-testid='corridor-panel'" in b))

    before = panel_ids()
    buttons = [b for b in app.button if b.label.startswith("Show more: Role")]
    assert len(buttons) == 1
    buttons[0].click().run()
    assert not app.exception
    after = panel_ids()
    roles = len(dict(big.groups)["Role"])
    assert len(after) == len(before) + min(panel.MORE, roles - panel.PAGE)
    assert set(before) < set(after)


def test_popup_names_each_figure_once_with_how_many_sources_repeat_it(
    grown: dataset.Dataset,
) -> None:
    """A figure a hundred articles repeat is one line of the popup (its first quote, and how many
    more sources give it), so a popup stays small however many articles there are."""
    feature = str(grown.features.index[grown.features["corridor"] == BIG][0])
    popup = mapbuild.popup_html(grown, feature)
    claims = grown.claims_for(feature)
    figures = claims[[FIELDS[f].figure for f in claims["field"]]]
    read = {(r["field"], format_claim(r)) for r in figures.to_dict("records")}
    shown = re.findall(r"<div style='margin-top:4px'><b>([^<]*)</b>", popup)
    assert len([s for s in shown if not s.startswith("Status:")]) == len(read)
    assert re.search(r"and [\d,]+ more sources</div>", popup)
    assert len(popup) < 20_000


def test_what_changed_lists_the_newest_and_says_how_many_more(
    grown_dir: DataDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every claim of a dated article is a change: the page lists the newest hundred and says how
    many earlier ones the downloads hold, rather than writing them all on every run."""
    monkeypatch.setenv(ENV_VAR, str(grown_dir.root))
    app: AppTest = dashboard_app()
    app.session_state[SECTION_OPEN["changes"]] = True
    app.run()
    assert not app.exception
    bodies = [e.proto.body for e in app.get("html")]
    listed = next(b for b in bodies if "data-testid='changes'" in b)
    count = int(re.search(r"data-count='(\d+)'", listed)[1])
    shown = listed.count("<li data-change=")
    assert count > shown == 100
    assert f"… and {count - shown:,} earlier changes" in listed


def test_charts_draw_a_date_many_sources_repeat_once(grown: dataset.Dataset) -> None:
    """The timeline draws one bar per date a lane is given (with how many sources give it), and
    the figures one mark per figure, date and value: a repeated date is not a thousand bars."""
    rows = timeline.milestones(grown)
    bars = timeline.one_mark_per_date(rows)
    assert len(bars) * 5 < len(rows)
    assert set(bars["claim"]) <= set(rows["claim"])
    assert bars.duplicated(timeline.SAME_MARK).sum() == 0
    repeated = bars[bars["sources"] > 1].iloc[0]
    assert f"(and {repeated['sources'] - 1:,} more sources)" in repeated["source_label"]
    marks = figures.one_mark_per_figure(figures.rows(grown)[0])
    assert marks.duplicated(figures.SAME_MARK).sum() == 0
