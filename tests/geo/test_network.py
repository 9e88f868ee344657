"""A corridor's network length: lines drawn over each other count once, and a line measured
already is not measured again when its union leaves it as it is."""

import pytest
import shapely
from shapely.geometry import LineString, Point

from corridors.geo import compare, measure

SIMPLE = LineString([(60.0, 40.0), (61.0, 40.5), (62.0, 40.2)])
# crosses itself: its union splits it at the crossing, so it is measured again
LOOP = LineString([(60.0, 40.0), (62.0, 41.0), (62.0, 40.0), (60.0, 41.0)])
TWIN = LineString([(60.0, 40.0), (61.0, 40.5), (62.0, 40.2)])


@pytest.mark.parametrize(
    ("group", "known", "expected"),
    [
        pytest.param([SIMPLE], [123.0], 123.0, id="one simple line: its known length"),
        pytest.param(
            [LOOP],
            [123.0],
            measure.length_km(shapely.union_all([LOOP])),
            id="a line that crosses itself: its union measured",
        ),
        pytest.param(
            [SIMPLE, TWIN], [1.0, 1.0], measure.length_km(SIMPLE), id="two lines on one: once"
        ),
        pytest.param(
            [SIMPLE, Point(60, 40)], [123.0, 0.0], measure.length_km(SIMPLE), id="with a point"
        ),
    ],
)
def test_known_length_is_reused_only_for_a_line_its_union_keeps(group, known, expected):
    assert compare.networks_km([group], [known]) == [pytest.approx(expected)]


def test_known_lengths_change_nothing_for_measured_lines():
    groups = [[SIMPLE], [LOOP], [SIMPLE, TWIN]]
    known = [[measure.length_km(g) for g in group] for group in groups]
    assert compare.networks_km(groups, known) == compare.networks_km(groups)
