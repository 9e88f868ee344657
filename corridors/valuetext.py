"""A claim's value checked and written for a reader: numbers, money, amounts, dates, periods and
scopes, each field's check and formatter (``corridors.fields`` picks them per field).

Kept apart from the field table so that the table reads as data; re-exported by
``corridors.schema``.
"""

from __future__ import annotations

import calendar
import functools
import math
import re

from . import dates


def _stored_date(value: str) -> dates.Span | None:
    """A claim's date as the checks accept it (dates.parse, within dates.PLAUSIBLE_YEARS)."""
    found = dates.parse(value)
    return found if found is not None and found.plausible else None


def finite(value: str) -> float | None:
    """The value as a finite number, or None (not a number, NaN, an infinity): a figure is written
    as a number only when it is one; otherwise the text stays as the source has it."""
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _positive_number(value: str) -> str | None:
    try:
        number = float(value)
    except ValueError:
        return f"{value!r} is not a number"
    if not math.isfinite(number) or not number > 0:
        return f"{value!r} is not a positive finite number"
    return None


def _date(value: str) -> str | None:
    if _stored_date(value) is not None:
        return None
    return (
        f"{value!r} is not a year (2030), a month (2025-07), a day (2019-05-05) or a decade (1990s)"
    )


def _count(value: str) -> str | None:
    """A count of things (tunnels, bridges): a positive whole number, written without a point."""
    if not re.fullmatch(r"[1-9]\d*", value):
        return f"{value!r} is not a positive whole number"
    return None


def _percent(value: str) -> str | None:
    """A share: more than 0 and at most 100 (per cent)."""
    if problem := _positive_number(value):
        return problem
    if float(value) > 100:
        return f"{value!r} is over 100 %"
    return None


def _text(value: str) -> str | None:
    return None if value.strip() else "the value is empty"


def _list(value: str) -> str | None:
    items = value.split(";")
    if any(not item.strip() for item in items):
        return f"{value!r} has an empty item; separate items with ';'"
    return None


def _plain(value: str, unit: str) -> str:
    return value


def _money(value: str, unit: str) -> str:
    """'8000000000', 'USD' -> 'US$8 billion'; a value that is not a finite number is shown as is."""
    try:
        amount = float(value)
    except ValueError:
        return value
    if not math.isfinite(amount):
        return value
    symbol = {"USD": "US$", "CNY": "¥"}.get(unit, f"{unit} ")
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if amount >= size:
            shown = f"{amount / size:,.2f}".rstrip("0").rstrip(".")
            return f"{symbol}{shown} {word}"
    return f"{symbol}{amount:,.0f}"


def _quantity(value: str, unit: str) -> str:
    """'3666', 'km' -> '3,666 km'."""
    number = finite(value)
    if number is None:
        return value
    text = f"{number:,.0f}" if number.is_integer() else f"{number:,}"
    return f"{text} {unit}".strip()


def _items(value: str, unit: str) -> str:
    return ", ".join(part.strip() for part in value.split(";"))


def _span_words(span: dates.Span) -> str:
    """A date in words: '5 May 2019', 'July 2025', '2030', 'the 1990s'."""
    first = span.first
    if span.precision == "day":
        return f"{first.day} {calendar.month_name[first.month]} {first.year}"
    if span.precision == "month":
        return f"{calendar.month_name[first.month]} {first.year}"
    if span.precision == "decade":
        return f"the {first.year}s"
    return str(first.year)


def _date_text(value: str, unit: str = "") -> str:
    """'2025-07' -> 'July 2025', '2019-05-05' -> '5 May 2019', '1990s' -> 'the 1990s', '2030' ->
    '2030'; a value that is no date is shown as stored."""
    span = _stored_date(value)
    return value if span is None else _span_words(span)


def _number_text(number: float) -> str:
    return f"{number:,.0f}" if number.is_integer() else f"{number:,}"


def _amount(value: str, unit: str) -> str:
    """'1200000', 'tonnes' -> '1.2 million tonnes'; '150000', 'TEU' -> '150,000 TEU'."""
    number = finite(value)
    if number is None:
        return value
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if number >= size:
            shown = f"{number / size:,.2f}".rstrip("0").rstrip(".")
            return f"{shown} {word} {unit}".strip()
    return f"{_number_text(number)} {unit}".strip()


def _duration(value: str, unit: str) -> str:
    """'8', 'days' -> '8 days'; '1', 'days' -> '1 day'."""
    number = finite(value)
    if number is None:
        return value
    word = unit[:-1] if number == 1 and unit.endswith("s") else unit
    return f"{_number_text(number)} {word}".strip()


def _share(value: str, unit: str) -> str:
    """'30', '%' -> '30 %'."""
    number = finite(value)
    if number is None:
        return value
    return f"{_number_text(number)} %"


# --- period and scope: what a value refers to, in time and in part ---------------------------


def _period(value: str) -> tuple[dates.Span, dates.Span] | None:
    """A period's start and end as the checks accept them: a year, month or day each (no decade),
    within dates.PLAUSIBLE_YEARS ('2024' is '2024' twice)."""
    bounds = dates.interval(value)
    if bounds is None or not all(s.plausible and s.precision != "decade" for s in bounds):
        return None
    return bounds


def period_problem(value: str) -> str | None:
    """What is wrong with a stated period, or None: a year (2024), a month (2025-06), a day
    (2025-06-18), or an interval start/end (2025-01/2025-06) that does not end before it starts."""
    bounds = _period(value)
    if bounds is None:
        return (
            f"{value!r} is not a year (2024), a month (2025-06), a day (2025-06-18) or an "
            "interval (2025-01/2025-06)"
        )
    if dates.backwards(*bounds):
        return f"{value!r} starts after it ends"
    return None


def period_text(value: str, word: str = "in") -> str:
    """A period as a reader writes it after a value: '2024' -> 'in 2024', '2025-01/2025-06' ->
    'in January–June 2025', '2025-06-18' -> 'on 18 June 2025'; ``word`` 'by' for a target year.
    A period that does not parse is shown as stored."""
    bounds = _period(value)
    if bounds is None:
        return f"{word} {value}"
    start, end = bounds
    if start == end:
        if word == "in" and start.precision == "day":
            word = "on"
        return f"{word} {_span_words(start)}"
    same_year = start.first.year == end.first.year
    if same_year and start.precision == end.precision == "month":
        return f"{word} {calendar.month_name[start.first.month]}–{_span_words(end)}"
    if same_year and start.precision == end.precision == "day":
        return f"{word} {_span_words(start)[: -len(' 2025')]}–{_span_words(end)}"
    return f"{word} {_span_words(start)}–{_span_words(end)}"


#: Dashes a scope may be typed with; a stretch is written From–To with an en dash.
_DASHES = "‐‑‒–—―-"


def scope_problem(value: str) -> str | None:
    """What is wrong with a stated scope, or None: one country, holder or stretch 'From–To'
    (an en dash between two named places), written without stray spaces."""
    if value != value.strip() or not value.strip():
        return f"{value!r} has spaces around it"
    if ";" in value:
        return f"{value!r} names more than one scope; give one per claim"
    if "—" in value or " - " in value or "--" in value:
        return f"{value!r} separates a stretch with another dash; write From–To with an en dash"
    if value.count("–") > 1 or any(not side.strip() for side in value.split("–")):
        return f"{value!r} is not a stretch From–To between two named places"
    return None


_DASH_RUN = re.compile(rf"\s*[{_DASHES}]\s*")


@functools.lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    """Case, spaces and dashes folded: 'Dostyk - Aktau' and 'dostyk–aktau' name the same stretch.

    Remembered: every claim's scope and text value is folded when claims are compared (a panel of
    5,000 claims), and most are alike (an empty scope, the same few stretches)."""
    text = " ".join(text.casefold().split())
    return _DASH_RUN.sub("-", text)
