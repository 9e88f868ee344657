"""The small pieces of HTML the dashboard writes around the panel, built outside it: every string
from the data or a message is escaped, and each piece says what the page shows."""

from __future__ import annotations

import datetime as dt

import pytest

from corridors.model import asof
from corridors.model.dataset import Dataset
from corridors.publish import changes
from corridors.view import notices, proposals

HOSTILE = "<script>alert(1)</script> & 'quoted'"


@pytest.mark.parametrize(
    ("moment", "says"),
    [
        pytest.param(asof.Moment(None, True), None, id="today: no note"),
        pytest.param(
            asof.Moment(None, False), "As of today. Undated sources are left out", id="undated off"
        ),
        pytest.param(
            asof.Moment(dt.date(2024, 5, 1), True),
            "As of 2024-05-01: only what sources dated up to that day said",
            id="a day, undated in",
        ),
    ],
)
def test_asof_note(moment: asof.Moment, says: str | None) -> None:
    note = notices.asof_note_html(moment)
    if says is None:
        assert note is None
        return
    assert note is not None and says.replace("'", "&#x27;") in note
    assert f"data-asof='{moment.key()}'" in note


def test_how_to_cite_escapes_each_paragraph() -> None:
    out = notices.how_to_cite_html(f"First.\n\n{HOSTILE}")
    assert out.startswith("<div data-testid='how-to-cite'><p>First.</p><p>&lt;script&gt;")
    assert "<script>" not in out


@pytest.mark.parametrize("outcome", ["success", "error"])
def test_review_message_is_escaped(outcome: str) -> None:
    out = proposals.message_html(outcome, HOSTILE)
    assert f"data-kind='{outcome}'" in out and "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#x27;quoted&#x27;" in out


def test_changes_list_shows_the_newest_and_counts_the_rest(fixture_dataset: Dataset) -> None:
    found = changes.changes(fixture_dataset, dt.date(1990, 1, 1), None, True, None)
    assert len(found) > 2, "the fixture has changes to list"
    out = changes.list_html(fixture_dataset, found, shown=2)
    assert out.count("<li data-change=") == 2
    newest = sorted(c.day for c in found)[-1].isoformat()
    assert f"<b>{newest}</b>" in out.split("<li")[1]
    assert f"… and {len(found) - 2:,} earlier change" in out
    assert "changes-more" not in changes.list_html(fixture_dataset, found)


def test_no_changes_says_so(fixture_dataset: Dataset) -> None:
    assert "data-count='0'" in changes.list_html(fixture_dataset, [])
