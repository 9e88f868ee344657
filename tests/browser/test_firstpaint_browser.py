"""The first answer first (corridors.view.firstpaint), in a real Chromium with real mouse clicks.

A reader who clicks a route the moment the map is drawn, before the rest of the page (sidebar,
charts) has arrived, gets that corridor's quotes in the panel: the click is never swallowed by the
runs that write the rest. Five fresh pages, a different system first each time; no timing asserts.
"""

from __future__ import annotations

import pytest

from devtools import browser as e2e
from devtools.pagejs import MAP_FRAME

from .conftest import IN_CI, Dashboard

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - depends on the environment
    if IN_CI:
        raise
    pytest.skip("browser tests need Playwright", allow_module_level=True)

ALL = 8  # features in the fixture
#: The system clicked in each round: the features a pointer may land on (top one first) and one
#: claim only that system's panel shows (tests/fixtures/data/geodata/claims.csv).
ROUNDS = [
    (["cku-railway"], "cku-name-001"),
    (["cacgp-lines-abc"], "cacgp-name-001"),
    (["khorgos-dry-port"], "khorgos-operator-001"),
    (["cku-railway"], "cku-name-001"),
    (["cacgp-lines-abc"], "cacgp-name-001"),
]
#: An element of the rest of the page: not there yet when the early click is made.
REST = e2e.PAGE_COMPLETE


@pytest.mark.browser
@pytest.mark.parametrize(
    ("features", "claim"),
    [pytest.param(f, c, id=f"round {i + 1}: {f[0]}") for i, (f, c) in enumerate(ROUNDS)],
)
def test_an_early_click_is_answered_with_its_quotes(
    dashboard: Dashboard, features: list[str], claim: str
) -> None:
    page = dashboard.page
    page.goto(dashboard.url, wait_until="commit")
    e2e.wait_for_routes(page, ALL)
    rest_before = page.locator(REST).count()
    clicked, _ = e2e.click_at_once(page, features, MAP_FRAME)
    assert rest_before == 0, "the rest of the page had arrived before the click: not an early one"
    quote = page.locator(f'[data-testid=corridor-panel] [data-claim="{claim}"]').first
    expect(quote).to_be_visible(timeout=20_000)
    assert clicked in features
    e2e.wait_for_page(page)  # and the rest still follows
    expect(quote).to_be_visible()
