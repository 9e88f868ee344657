"""The shareable view: URL query to view and back, and plain-text notices for whatever is ignored.

Options here are fixed by hand (not read from the data) so each row states its whole expectation.
"""

from __future__ import annotations

import datetime as dt

import pytest

from corridors.view import viewstate
from corridors.view.viewstate import Options, ViewState

OPTIONS = Options(
    layers=("railway", "pipeline", "corridor", "port"),
    statuses=("planned", "under_construction", "operating", "unstated"),
    countries=("China", "Georgia", "Kazakhstan", "Turkey"),
    sources=("001_a.txt", "004_b.txt"),
    corridors=("cku-railway", "titr"),
    mentioned=("kg-highway",),
    uncited=("000_c.txt",),
)
ALL_LAYERS = list(OPTIONS.layers)
ALL_STATUSES = list(OPTIONS.statuses)


def _view(**changes: object) -> ViewState:
    state = viewstate.default(OPTIONS)
    for key, value in changes.items():
        setattr(state, key, value)
    return state


@pytest.mark.parametrize(
    ("state", "query"),
    [
        pytest.param(_view(), {}, id="default-is-empty"),
        pytest.param(_view(corridor="titr"), {"corridor": "titr"}, id="corridor"),
        pytest.param(_view(layers=["railway", "port"]), {"layers": "railway,port"}, id="layers"),
        pytest.param(_view(layers=[]), {"layers": "none"}, id="no-layers"),
        pytest.param(_view(statuses=[]), {"status": "none"}, id="no-status"),
        pytest.param(_view(corridor="kg-highway"), {"corridor": "kg-highway"}, id="mentioned"),
        pytest.param(
            _view(statuses=["planned", "operating"]), {"status": "planned,operating"}, id="status"
        ),
        pytest.param(_view(countries=["Turkey"]), {"country": "Turkey"}, id="country"),
        pytest.param(
            _view(sources=["001_a.txt", "004_b.txt"]),
            {"source": "001_a.txt,004_b.txt"},
            id="sources",
        ),
        pytest.param(
            _view(
                layers=["corridor"],
                statuses=["operating"],
                countries=["Georgia", "Turkey"],
                sources=["004_b.txt"],
                corridor="cku-railway",
            ),
            {
                "corridor": "cku-railway",
                "layers": "corridor",
                "status": "operating",
                "country": "Georgia,Turkey",
                "source": "004_b.txt",
            },
            id="everything",
        ),
    ],
)
def test_round_trip(state: ViewState, query: dict[str, str]) -> None:
    """A view writes the shortest query, and that query reopens the same view with no notice."""
    assert viewstate.to_query(state, OPTIONS) == query
    assert list(viewstate.to_query(state, OPTIONS)) == [k for k in viewstate.KEYS if k in query]
    parsed, notices = viewstate.parse(query, OPTIONS)
    assert parsed == state
    assert notices == []


@pytest.mark.parametrize(
    ("query", "expected", "notices"),
    [
        pytest.param({"layers": "none"}, _view(layers=[]), [], id="layers-none"),
        pytest.param({"layers": ["none"]}, _view(layers=[]), [], id="layers-none-list"),
        pytest.param(
            {"layers": "port,railway"}, _view(layers=["railway", "port"]), [], id="data-order"
        ),
        pytest.param(
            {"layers": " railway , ,port "}, _view(layers=["railway", "port"]), [], id="spaces"
        ),
        pytest.param({"layers": ""}, _view(), [], id="layers-empty-is-default"),
        pytest.param(
            {"layers": ["railway", "port"]},
            _view(layers=["railway", "port"]),
            [],
            id="layers-list",
        ),
        pytest.param(
            {"country": ["Turkey", "China,Georgia"]},
            _view(countries=["China", "Georgia", "Turkey"]),
            [],
            id="country-list-mixed",
        ),
        pytest.param({"corridor": ["titr"]}, _view(corridor="titr"), [], id="corridor-list"),
        pytest.param(
            {"layers": "bogus"},
            _view(),
            ["Ignored unknown layers 'bogus'."],
            id="layers-unknown-keeps-default",
        ),
        pytest.param(
            {"layers": "railway,bogus"},
            _view(layers=["railway"]),
            ["Ignored unknown layers 'bogus'."],
            id="layers-partly-unknown",
        ),
        pytest.param(
            {"status": "closed"}, _view(), ["Ignored unknown status 'closed'."], id="status"
        ),
        pytest.param(
            {"country": "Atlantis,Turkey"},
            _view(countries=["Turkey"]),
            ["Ignored unknown country 'Atlantis'."],
            id="country",
        ),
        pytest.param(
            {"source": "999.txt"}, _view(), ["Ignored unknown source '999.txt'."], id="source"
        ),
        pytest.param(
            {"source": "000_c.txt,004_b.txt"},
            _view(sources=["004_b.txt"]),
            ["Ignored source '000_c.txt': it cites no mapped system."],
            id="source-citing-nothing",
        ),
        pytest.param({"status": ""}, _view(), [], id="status-empty-is-default"),
        pytest.param({"status": ["none"]}, _view(statuses=[]), [], id="status-none-list"),
        pytest.param(
            {"corridor": "x:smile:"},
            _view(),
            ["Ignored unknown corridor 'x?smile?'."],
            id="colon-emoji-code",
        ),
        pytest.param(
            {"corridor": "nope"}, _view(), ["Ignored unknown corridor 'nope'."], id="corridor"
        ),
        pytest.param(
            {"zoom": "5", "corridor": "titr"},
            _view(corridor="titr"),
            ["Ignored unknown parameter 'zoom'."],
            id="unknown-key",
        ),
        pytest.param(
            {"country": "China," * 400},
            _view(),
            ["Ignored 'country': the value is too long."],
            id="overlong-country",
        ),
        pytest.param(
            {"layers": ["railway"] * 300},
            _view(),
            ["Ignored 'layers': the value is too long."],
            id="overlong-list",
        ),
        pytest.param(
            {"corridor": "x" * 5000},
            _view(),
            ["Ignored 'corridor': the value is too long."],
            id="overlong-corridor",
        ),
    ],
)
def test_parse(query: dict, expected: ViewState, notices: list[str]) -> None:
    """Known values are kept in the data's order; the rest is dropped with a notice, never an error."""
    assert viewstate.parse(query, OPTIONS) == (expected, notices)


HOSTILE = [
    pytest.param("<script>alert(1)</script>", id="script"),
    pytest.param("<img src=x onerror=alert(1)>", id="img"),
    pytest.param("[click](javascript:alert(1))", id="markdown-link"),
    pytest.param("![x](https://evil.example/x.png)", id="markdown-image"),
    pytest.param("`code` **bold** $x$", id="markdown-code-math"),
    pytest.param("line\nbreak\r\n# heading", id="newlines"),
    pytest.param("<" * 100, id="long"),
]
MARKUP = ("<", ">", "[", "]", "(javascript", "`", "*", "$", "\n", "\r", "#", ":")


@pytest.mark.parametrize("key", ["corridor", "layers", "status", "country", "source"])
@pytest.mark.parametrize("value", HOSTILE)
def test_notices_carry_no_markup_from_values(key: str, value: str) -> None:
    """Notices are shown as Markdown: a hostile value must not bring links, HTML or formatting."""
    state, notices = viewstate.parse({key: value}, OPTIONS)
    assert notices, "a hostile value is reported"
    assert state == viewstate.default(OPTIONS)
    for notice in notices:
        for char in MARKUP:
            assert char not in notice, (char, notice)
        assert len(notice) <= len(f"Ignored unknown {key} ''.") + viewstate.NOTICE_VALUE_CHARS + 1


@pytest.mark.parametrize("key", HOSTILE)
def test_notices_carry_no_markup_from_keys(key: str) -> None:
    """An unknown parameter name is shown the same careful way as an unknown value."""
    state, notices = viewstate.parse({key: "1"}, OPTIONS)
    assert state == viewstate.default(OPTIONS)
    assert len(notices) == 1
    assert notices[0].startswith("Ignored unknown parameter '")
    for char in MARKUP:
        assert char not in notices[0], (char, notices[0])


def test_long_value_is_shortened_in_notice() -> None:
    """A notice quotes at most NOTICE_VALUE_CHARS characters of a value, then an ellipsis."""
    _, notices = viewstate.parse({"corridor": "a" * 100}, OPTIONS)
    assert notices == [f"Ignored unknown corridor '{'a' * viewstate.NOTICE_VALUE_CHARS}…'."]


# --- the moment: asof and undated ----------------------------------------------------------------

TODAY = dt.date(2026, 6, 1)
DAY = dt.date(2025, 3, 1)


@pytest.mark.parametrize(
    ("query", "as_of", "undated", "notices"),
    [
        pytest.param({}, None, True, [], id="today-with-undated"),
        pytest.param({"asof": "2025-03-01"}, DAY, False, [], id="a-day-without-undated"),
        pytest.param(
            {"asof": "2025-03-01", "undated": "yes"}, DAY, True, [], id="a-day-with-undated"
        ),
        pytest.param({"undated": "no"}, None, False, [], id="today-without-undated"),
        pytest.param({"asof": "2026-06-01"}, None, True, [], id="today-by-its-date"),
        pytest.param({"asof": "2030-01-01"}, None, True, [], id="a-day-to-come-is-today"),
        pytest.param(
            {"asof": "2025-02-30"},
            None,
            True,
            ["Ignored asof '2025-02-30': expected a day, YYYY-MM-DD."],
            id="no-such-day",
        ),
        pytest.param(
            {"undated": "maybe"},
            None,
            True,
            ["Ignored undated 'maybe': expected yes or no."],
            id="undated-neither-yes-nor-no",
        ),
    ],
)
def test_the_moment_from_a_link(query, as_of, undated: bool, notices: list[str]) -> None:
    state, found = viewstate.parse(query, OPTIONS, today=TODAY)
    moment = state.moment(TODAY)
    assert (moment.day, moment.undated) == (as_of, undated)
    assert found == notices


@pytest.mark.parametrize(
    "query",
    [
        pytest.param({}, id="today"),
        pytest.param({"asof": "2025-03-01"}, id="a-day"),
        pytest.param({"asof": "2025-03-01", "undated": "yes"}, id="a-day-with-undated"),
        pytest.param({"undated": "no"}, id="today-without-undated"),
        pytest.param({"corridor": "titr", "asof": "2025-03-01"}, id="with-a-corridor"),
    ],
)
def test_the_moment_round_trips(query: dict[str, str]) -> None:
    state, _ = viewstate.parse(query, OPTIONS, today=TODAY)
    assert viewstate.to_query(state, OPTIONS, today=TODAY) == query
