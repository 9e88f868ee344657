"""The review page's decisions and words (corridors.view.reviewpage); the page itself is run with
AppTest in tests/app/test_review_app.py."""

from __future__ import annotations

import pytest

from corridors.curate import review
from corridors.problems import Problem
from corridors.view import reviewpage


@pytest.mark.parametrize(
    ("view", "page"),
    [
        pytest.param(None, "Map", id="no view: the map"),
        pytest.param("review", "Review proposals", id="view=review"),
        pytest.param("other", "Map", id="another view: the map"),
    ],
)
def test_first_page(view, page: str) -> None:
    assert reviewpage.first_page(view) == page


class _Outcome:
    remaining = 2


@pytest.mark.parametrize(
    ("accept", "raised", "message"),
    [
        pytest.param(
            True,
            None,
            (
                "success",
                "Accepted into geodata/claims.csv: p1. 2 proposal(s) of this article still pending.",
            ),
            id="accepted",
        ),
        pytest.param(
            False,
            None,
            ("success", "Rejected: p1. 2 proposal(s) of this article still pending."),
            id="rejected",
        ),
        pytest.param(
            True,
            review.ReviewError("not reviewed: busy"),
            ("error", "not reviewed: busy"),
            id="refused, no problems",
        ),
        pytest.param(
            True,
            review.ReviewError(
                "refused", [Problem("error", "claims.csv", "p1", "bad value", "fix it")]
            ),
            ("error", "refused bad value"),
            id="refused, problems named",
        ),
    ],
)
def test_decide(monkeypatch, accept: bool, raised, message) -> None:
    calls = []

    def decide(datadir, accepted, rejected, stem):
        calls.append((accepted, rejected, stem))
        if raised:
            raise raised
        return _Outcome()

    monkeypatch.setattr(review, "decide", decide)
    assert reviewpage.decide("DATADIR", "900_x", "p1", accept) == message
    assert calls == [(["p1"], [], "900_x") if accept else ([], ["p1"], "900_x")]


@pytest.mark.parametrize(
    ("mapped", "label"),
    [pytest.param(True, "Reject", id="mapped"), pytest.param(False, "Dismiss", id="not mapped")],
)
def test_reject_label(mapped: bool, label: str) -> None:
    assert reviewpage.reject_label(mapped) == label
