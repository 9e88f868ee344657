"""A value read from a sentence, with the claim field it fills: what every reading pass returns."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Value:
    field: str
    value: str
    unit: str = ""
    qualifier: str = ""
    at: int = 0  # offset in the sentence, to pick the nearest system
    note: str = ""
    reason: str = ""
    countries: str = ""  # a route's countries in route order, ';'-separated
    period: str = ""
    scope: str = ""
    #: what the proposal pass should know: "whole" (a capacity the whole reached, not a line's),
    #: "part" (a capacity a part adds), "of" (the kinds of system it can be said of,
    #: ";"-separated), "topic" (a sign about the article's subject even where no name is said)
    hints: dict[str, str] = field(default_factory=dict)
