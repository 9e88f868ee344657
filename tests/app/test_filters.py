"""Which features a view shows, on the real data: layers, status, country crossed, citing article.

Each row names the exact features expected, in data order, so a filter that lets one too many
through (or drops one) fails with the feature's id.
"""

from __future__ import annotations

import json

import pytest

from corridors.model import dataset
from corridors.schema import STATUSES
from corridors.view import filters, viewstate

from fixtures import FIXTURE, FIXTURE_ROOT

CACGP = "cacgp-lines-abc"
CKU = "cku-railway"
KHORGOS = "khorgos-dry-port"
LYG = "lianyungang-port"
TITR_KZ = ["titr-kz-khorgos-aktau", "titr-kz-dostyk-moiynty", "titr-kz-aktau-kuryk"]
TITR_WEST = ["titr-caspian-crossing", "titr-az-ge-alat-poti", "titr-ge-tr-tbilisi-kars"]
TITR = TITR_KZ + TITR_WEST
ALL = [CACGP, CKU, KHORGOS, LYG, *TITR]
SRC_001 = "001_6257ba8c1d36bd59.txt"
SRC_002 = "002_62146168733e0f86.txt"
SRC_004 = "004_dc699da55f7d4812.txt"
SRC_000 = "000_9433e71b893593d6.txt"


def _statuses() -> dict[str, str]:
    """Feature id -> status, read from the curated GeoJSON (curators revise statuses as news comes)."""
    found = {}
    for path in sorted((FIXTURE_ROOT / "geodata" / "features").glob("*.geojson")):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            found[feature["properties"]["id"]] = feature["properties"]["status"]
    return found


STATUS = _statuses()


def _with_status(status: str, ids: list[str] = ALL) -> list[str]:
    return [fid for fid in ids if STATUS[fid] == status]


@pytest.fixture(scope="module")
def ds() -> dataset.Dataset:
    return dataset.load(FIXTURE)


@pytest.fixture(scope="module")
def options(ds: dataset.Dataset) -> viewstate.Options:
    return filters.options(ds)


def test_options_offer_what_the_data_has(options: viewstate.Options, ds: dataset.Dataset) -> None:
    """Only choices that select something on some day: every status a feature is drawn with
    today, or as of an earlier day (a status a claim states, 'unstated' before any did); no article
    that cites no mapped system (000 would give an empty map; it is listed apart, as is the
    corridor that is only mentioned)."""
    assert STATUS[CKU] == "planned"  # the rows below need one of each, and CKU is not yet built
    claimed = set(ds.claims.loc[ds.claims["field"] == "status", "value"])
    assert options == viewstate.Options(
        layers=("railway", "pipeline", "corridor", "port"),
        statuses=tuple(s for s in STATUSES if s in {*STATUS.values(), *claimed, "unstated"}),
        countries=(
            "Azerbaijan",
            "China",
            "Georgia",
            "Kazakhstan",
            "Kyrgyzstan",
            "Turkey",
            "Turkmenistan",
            "Uzbekistan",
        ),
        sources=(
            SRC_001,
            SRC_002,
            "003_4791317c2548c535.txt",
            SRC_004,
            "901_fictional_line_d.txt",  # cites the pipeline's traffic (and its Line D)
            "005_fixture_railway_2024.txt",
            "006_fixture_railway_2025.txt",
        ),
        corridors=("cku-railway", "cacgp", "titr", "khorgos-dry-port", "lianyungang-port"),
        mentioned=("kg-north-south-highway", "cacgp-line-d"),
        uncited=(SRC_000,),
    )


def _state(options: viewstate.Options, **changes: object) -> viewstate.ViewState:
    state = viewstate.default(options)
    for key, value in changes.items():
        setattr(state, key, value)
    return state


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param({}, ALL, id="default-everything"),
        pytest.param({"layers": []}, [], id="no-layers"),
        pytest.param({"layers": ["port"]}, [KHORGOS, LYG], id="ports"),
        pytest.param({"layers": ["railway", "pipeline"]}, [CACGP, CKU], id="rail-and-pipe"),
        pytest.param({"statuses": ["planned"]}, _with_status("planned"), id="planned"),
        pytest.param({"statuses": ["unstated"]}, _with_status("unstated"), id="unstated"),
        pytest.param({"statuses": ["operating"]}, _with_status("operating"), id="operating"),
        pytest.param(
            {"statuses": ["planned", "operating"]},
            [f for f in ALL if STATUS[f] in ("planned", "operating")],
            id="planned-or-operating",
        ),
        pytest.param({"statuses": []}, [], id="no-status"),
        pytest.param({"countries": ["Turkey"]}, ["titr-ge-tr-tbilisi-kars"], id="turkey"),
        pytest.param(
            {"countries": ["Georgia"]},
            ["titr-az-ge-alat-poti", "titr-ge-tr-tbilisi-kars"],
            id="georgia",
        ),
        pytest.param({"countries": ["Kyrgyzstan"]}, [CKU], id="kyrgyzstan"),
        pytest.param({"countries": ["Turkmenistan"]}, [CACGP], id="turkmenistan"),
        pytest.param({"countries": ["Kazakhstan"]}, [CACGP, KHORGOS, *TITR_KZ], id="kazakhstan"),
        pytest.param(
            {"countries": ["Kyrgyzstan", "Turkey"]},
            [CKU, "titr-ge-tr-tbilisi-kars"],
            id="either-country",
        ),
        pytest.param({"sources": [SRC_004]}, [CKU], id="source-004"),
        pytest.param({"sources": [SRC_002]}, [CKU], id="source-002"),
        pytest.param({"sources": [SRC_000]}, [], id="source-never-cited"),
        pytest.param({"sources": [SRC_001]}, ALL, id="source-001-cites-all"),
        pytest.param(
            {"layers": ["corridor"], "countries": ["Kazakhstan"]}, TITR_KZ, id="layer-and-country"
        ),
        pytest.param(
            {"statuses": ["planned"], "countries": ["Turkey"]}, [], id="status-and-country"
        ),
        pytest.param({"layers": ["port"], "sources": [SRC_004]}, [], id="layer-and-source"),
    ],
)
def test_visible(
    ds: dataset.Dataset, options: viewstate.Options, changes: dict, expected: list[str]
) -> None:
    """Filters combine with AND; the values within one filter combine with OR."""
    assert filters.visible(ds, _state(options, **changes)) == expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        pytest.param("railway", [CKU], id="railway"),
        pytest.param("pipeline", [CACGP], id="pipeline"),
        pytest.param("corridor", TITR, id="corridor"),
        pytest.param("port", [KHORGOS, LYG], id="port"),
    ],
)
def test_visible_by_kind(
    ds: dataset.Dataset, options: viewstate.Options, kind: str, expected: list[str]
) -> None:
    """The dashboard builds one layer per kind from this: each kind gets exactly its features."""
    assert filters.visible(ds, viewstate.default(options), kind) == expected


def test_visible_kind_respects_layer_toggle(
    ds: dataset.Dataset, options: viewstate.Options
) -> None:
    """Asking for a kind whose layer is off gives nothing, not the kind's features."""
    state = _state(options, layers=["railway"])
    assert filters.visible(ds, state, "port") == []
    assert filters.visible(ds, state, "railway") == [CKU]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        pytest.param(
            {},
            {"railway": (1, 1), "pipeline": (1, 1), "corridor": (6, 6), "port": (2, 2)},
            id="default",
        ),
        pytest.param(
            {"countries": ["Turkey"]},
            {"railway": (0, 1), "pipeline": (0, 1), "corridor": (1, 6), "port": (0, 2)},
            id="turkey",
        ),
        pytest.param(
            {"statuses": ["operating"]},
            {
                "railway": (len(_with_status("operating", [CKU])), 1),
                "pipeline": (len(_with_status("operating", [CACGP])), 1),
                "corridor": (len(_with_status("operating", TITR)), 6),
                "port": (len(_with_status("operating", [KHORGOS, LYG])), 2),
            },
            id="operating",
        ),
        pytest.param(
            {"statuses": ["planned"]},
            {"railway": (1, 1), "pipeline": (0, 1), "corridor": (0, 6), "port": (0, 2)},
            id="planned",
        ),
        pytest.param(
            {"sources": [SRC_004]},
            {"railway": (1, 1), "pipeline": (0, 1), "corridor": (0, 6), "port": (0, 2)},
            id="source-004",
        ),
        pytest.param(
            {"layers": []},
            {"railway": (1, 1), "pipeline": (1, 1), "corridor": (6, 6), "port": (2, 2)},
            id="layers-off-still-counted",
        ),
    ],
)
def test_counts(
    ds: dataset.Dataset,
    options: viewstate.Options,
    changes: dict,
    expected: dict[str, tuple[int, int]],
) -> None:
    """The toggle labels say how many features each layer would show under the filters, of how many.

    Counted as if the layer were on, so a reader sees what turning it back on would bring.
    """
    assert filters.counts(ds, _state(options, **changes)) == expected


# --- what is shown, for downloads ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("ids", "sources", "claims"),
    [
        pytest.param(
            [CKU],
            [],
            lambda rows: [r["id"] for r in rows if r["corridor"] == "cku-railway"],
            id="railway-all-claims",
        ),
        pytest.param(
            [CKU],
            [SRC_004],
            lambda rows: [
                r["id"] for r in rows if r["corridor"] == "cku-railway" and r["source"] == SRC_004
            ],
            id="railway-claims-of-004",
        ),
        pytest.param(
            [CACGP, KHORGOS],
            [],
            lambda rows: [r["id"] for r in rows if r["corridor"] in ("cacgp", "khorgos-dry-port")],
            id="pipeline-with-its-reference-claim-and-port",
        ),
        pytest.param(
            ["titr-caspian-crossing"],
            [],
            lambda rows: [
                r["id"]
                for r in rows
                if r["corridor"] == "titr" and r["feature"] in ("", "titr-caspian-crossing")
            ],
            id="one-leg-keeps-corridor-claims",
        ),
        pytest.param([], [], lambda rows: [], id="nothing"),
    ],
)
def test_subset(ds: dataset.Dataset, ids: list[str], sources: list[str], claims) -> None:
    """Downloads hold the features shown and the claims about them (the chosen sources' only)."""
    shown = filters.subset(ds, ids, sources)
    assert list(shown.features.index) == ids
    assert list(shown.claims["id"]) == claims(_claim_rows())
    assert len(ds.features) == len(ALL) and shown is not ds  # the loaded dataset is untouched


def _claim_rows() -> list[dict[str, str]]:
    import csv

    with (FIXTURE_ROOT / "geodata" / "claims.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        pytest.param({}, None, id="default"),
        pytest.param(
            {"statuses": []}, "No status is selected: the map shows nothing.", id="status"
        ),
        pytest.param({"layers": []}, "Every layer is off: the map shows nothing.", id="layers"),
        pytest.param({"countries": ["Turkey"], "statuses": ["planned"]}, None, id="no-match"),
    ],
)
def test_empty_reason(options: viewstate.Options, changes: dict, reason: str | None) -> None:
    """An empty layer or status selection is said in a sentence; it never means 'everything'."""
    found = filters.empty_reason(_state(options, **changes), options)
    if reason is None:
        assert found is None
    else:
        assert found is not None and found.startswith(reason)


@pytest.mark.parametrize(
    ("layers", "statuses", "expected"),
    [
        pytest.param(None, None, lambda ls: dict.fromkeys(ls), id="all shown: each layer whole"),
        pytest.param(["railway"], None, lambda ls: {"railway": None}, id="one layer on: only it"),
        pytest.param([], None, lambda ls: {}, id="every layer off: nothing"),
        pytest.param(None, [], lambda ls: {k: [] for k in ls}, id="no status: no ids in any layer"),
    ],
)
def test_map_layers_whole_or_by_id(ds, options, layers, statuses, expected) -> None:
    """The map component's argument: a layer shown whole is None (small), else its ids."""
    state = viewstate.default(options)
    if layers is not None:
        state.layers = layers
    if statuses is not None:
        state.statuses = statuses
    got = filters.visible_by_kind(ds, state, filters.visible(ds, state), options.layers)
    assert got == expected(options.layers)


def test_visible_by_kind_names_the_ids_of_a_part(ds, options) -> None:
    state = viewstate.default(options)
    got = filters.visible_by_kind(ds, state, [CKU, *TITR_KZ], options.layers)
    assert got == {"railway": None, "pipeline": [], "corridor": TITR_KZ, "port": []}


@pytest.mark.parametrize(
    ("change", "shown", "warning"),
    [
        pytest.param({}, [CKU], None, id="something shown: no warning"),
        pytest.param({"layers": []}, [], "Every layer is off", id="layers off"),
        pytest.param({"statuses": []}, [], "No status is selected", id="no status"),
        pytest.param({}, [], filters.NOTHING_MATCHES, id="filters each allow, none together"),
    ],
)
def test_panel_warning(options, change: dict, shown: list[str], warning: str | None) -> None:
    state = viewstate.default(options)
    for name, value in change.items():
        setattr(state, name, value)
    got = filters.panel_warning(state, options, shown)
    assert (got is None) if warning is None else got.startswith(warning)
