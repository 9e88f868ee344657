"""The review page, run headless with AppTest on a copy of the fixture with one article ingested.

It lists each proposal with its quote and its disagreement beside the accepted claim; Accept writes
the claim through the same code as ``python -m corridors review`` (validated first), Reject removes
the proposal, and nothing is written before a button is pressed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from streamlit.testing.v1 import AppTest

from corridors.curate import ingest
from corridors.store.datadir import ENV_VAR
from corridors.view import proposals

from .support import dashboard_app
from fixtures import FIXTURE

if TYPE_CHECKING:
    from conftest import DataCopy

ARTICLE = Path(__file__).parents[1] / "fixtures" / "ingest" / "900_fictional_tracklaying.txt"


@pytest.fixture
def review_app(data_copy: DataCopy) -> tuple[DataCopy, AppTest]:
    ingest.ingest(data_copy.datadir, ARTICLE)
    data_copy.monkeypatch.setenv(ENV_VAR, str(data_copy.root))
    at = dashboard_app()
    at.query_params["view"] = "review"
    at.run()
    assert not at.exception, at.exception
    return data_copy, at


def _cards_html(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html") if "data-testid='review-card'" in h.proto.body]


def test_the_page_lists_every_proposal_and_writes_nothing(review_app) -> None:
    copy, at = review_app
    pending = ingest.read_rows(ingest.proposals_path(copy.datadir, ARTICLE.stem))
    cards = _cards_html(at)
    assert len(cards) == len(pending)
    assert at.title[0].value == "Review proposed claims"
    assert copy.read_text("geodata/claims.csv") == FIXTURE.claims.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("ident", "words"),
    [
        pytest.param("cku-cost-900", "US$8 billion", id="the accepted reading beside it"),
        pytest.param("cku-cost-900", "<mark>The project will cost $4.7 billion", id="quote marked"),
        pytest.param("unmapped-900", "Mentioned, not mapped", id="unmapped said so"),
    ],
)
def test_a_card_shows_what_the_curator_needs(review_app, ident: str, words: str) -> None:
    _, at = review_app
    card = next(c for c in _cards_html(at) if f"data-id='{ident}'" in c)
    assert words in card


@pytest.mark.parametrize(
    ("button", "ident", "in_claims"),
    [
        pytest.param("accept", "cku-length-900", True, id="accept writes the claim"),
        pytest.param("reject", "cku-cost-900", False, id="reject only removes the proposal"),
    ],
)
def test_buttons_decide_as_the_command_does(
    review_app, button: str, ident: str, in_claims: bool
) -> None:
    copy, at = review_app
    at.button(key=f"{button}_{ident}").click().run()
    assert not at.exception, at.exception
    left = {r["id"] for r in ingest.read_rows(ingest.proposals_path(copy.datadir, ARTICLE.stem))}
    assert ident not in left
    assert (f"\n{ident}," in copy.read_text("geodata/claims.csv")) is in_claims
    message = next(h.proto.body for h in at.get("html") if "review-message" in h.proto.body)
    assert "data-kind='success'" in message


def test_an_unmapped_row_cannot_be_accepted(review_app) -> None:
    _, at = review_app
    assert at.button(key="accept_unmapped-900").disabled


def test_card_html_escapes_the_data() -> None:
    card = proposals.Card(
        "x-1", "s", "<b>t</b>", "<i>v</i>", "", "<script>", "q&a", "", "<r>", "0.9", True
    )
    out = proposals.card_html(card)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<i>v</i>" not in out
