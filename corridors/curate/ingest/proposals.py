"""The rows proposed for one article, each set beside the accepted claims of like and like.

Split from propose.py, which decides which system each value read goes to; this module keeps the
rows themselves: one per distinct value, its quote checked verbatim against the article, its
confidence and reason, and the comparison. A proposal is compared only with like: the same
corridor, feature, field, scope and period (schema's "like and like"); a different value there is
flagged ("DISAGREES with ..."), the same value noted. A section's length, a line's figures, last
year's traffic are never set against the whole, another line or another year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ...quotes import textmatch
from ...schema import FIELDS, IMPLIED_NOTE, disagree, field_label, readings_key
from ...store import rawdata
from . import labels, stages
from .fields import Value
from .flags import IMPLIED_STAGE, bounds_overlap, inferred
from .known import fold
from .mention import Mention
from .sentences import Sentence


@dataclass
class Proposals:
    """The rows proposed so far for one article, and what they were compared with."""

    name: str
    text: str
    claims: list[rawdata.Row]
    rows: list[dict[str, str]] = field(default_factory=list)
    seen: set[tuple[str, ...]] = field(default_factory=set)
    covered: dict[tuple[str, str], list[set[str]]] = field(default_factory=dict)
    #: The claims by (corridor, feature, field), built on the first comparison: each proposal is
    #: set beside its own few, not beside every claim (20,000 in a grown corpus, per proposal).
    _by_subject: dict[tuple[str, str, str], list[rawdata.Row]] | None = None

    def _restated(self, system: str, value: Value) -> bool:
        """A shorter restatement of a route already proposed ("Transports gas from A to B")."""
        if value.field not in ("route", "countries"):
            return False
        items = set(re.split(r";|\s+(?:and|to|via|through)\s+|^From\s+", value.countries))
        earlier = self.covered.setdefault((system, value.field), [])
        if any(items <= seen for seen in earlier):
            return True
        earlier.append(items)
        return False

    def _in_route_order(self, system: str, value: Value) -> Value:
        """A list of the same countries as an accepted one, in another order ("across
        Uzbekistan, Kazakhstan and Turkmenistan to China"): the same list, written in the
        accepted route order; a reporter's order is no news of the route."""
        if value.field != "countries":
            return value
        mine = value.value.split(";")
        for claim in self.claims:
            if claim["corridor"] != system or claim["field"] != "countries":
                continue
            theirs = claim["value"].split(";")
            if theirs != mine and sorted(theirs) == sorted(mine):
                why = f"{value.reason}, in the route order of accepted {claim['id']}"
                return replace(value, value=claim["value"], reason=why.lstrip(", "))
        return value

    def add(self, mention: Mention, value: Value, sent: Sentence) -> None:
        system = mention.system or ""
        value = self._in_route_order(system, value)
        feature = "" if value.hints.get("whole") else mention.feature
        key = (system, feature, value.field, fold(value.value), value.unit, value.scope)
        if key in self.seen or self._restated(system, value):
            return
        self.seen.add(key)
        quote = sent.text
        if textmatch.find_quote(quote, self.text) is None:  # cut from the text: cannot happen
            raise RuntimeError(f"sentence not found verbatim in its article: {quote!r}")
        row = {
            "id": "",
            "corridor": system,
            "feature": feature,
            "field": value.field,
            "value": value.value,
            "unit": value.unit,
            "qualifier": value.qualifier,
            "period": value.period,
            "scope": value.scope,
            "source": self.name,
            "quote": quote,
            "note": value.note,
        }
        reason = [mention.reason]
        if value.reason:
            reason.append(f"{field_label(value.field).lower()} from {value.reason}")
        weight = 0.8 if value.field in ("role", "context") else 1.0
        if value.hints.get("implied"):  # a stage read from a start of works and its tense
            why = value.hints["implied"]
            reason, weight = [f"status implied by {why}", mention.reason], stages.WEIGHT
            row["note"] = f"{IMPLIED_NOTE}: {why}."
        reason += self._compare(row, inferred(mention, value, sent))
        row["confidence"] = f"{mention.confidence * weight:.2f}"
        row["reason"] = "; ".join(reason)
        self.rows.append(row)

    def _compare(self, row: dict[str, str], inferred: str = "") -> list[str]:
        """Set the row beside the accepted claims of like and like; the note keeps a disagreement.
        An ``inferred`` reading (why it is one) is never flagged: a curator sees the accepted
        value it differs from in the reason, but no disagreement is recorded on a guess."""
        field = FIELDS.get(row["field"])
        if field is None or not field.single:
            return []
        if self._by_subject is None:
            self._by_subject = {}
            for c in self.claims:
                self._by_subject.setdefault((c["corridor"], c["feature"], c["field"]), []).append(c)
        key = readings_key(row)
        subject = (row["corridor"], row["feature"], row["field"])  # the key's first three parts
        like = [c for c in self._by_subject.get(subject, ()) if readings_key(c) == key]
        differ = [c for c in like if disagree(c, row) and not bounds_overlap(c, row)]
        agree = [c for c in like if c not in differ]
        out = []
        if differ and inferred:
            said = ", ".join(f"{c['id']} ({c['value']!r})" for c in differ)
            out.append(f"differs from accepted {said}, not flagged: {inferred}")
        elif differ:
            said = "; ".join(f"{c['id']} ({c['value']!r}, {c['source']})" for c in differ)
            out.append(f"DISAGREES with accepted {said}")
            row["note"] = (row["note"] + " " if row["note"] else "") + f"Disagrees with {said}."
        if agree:
            out.append("agrees with accepted " + ", ".join(c["id"] for c in agree))
        return out

    def add_implied(self, base: dict[str, str], status: str, why: str) -> None:
        """A status implied by a row already proposed (stages.py): its quote, a lower confidence,
        and a reason and note that say it is implied, not stated."""
        row = {k: base[k] for k in (*_COLUMNS, "confidence")}
        row |= {"field": "status", "value": status, "unit": "", "qualifier": "", "period": ""}
        row["scope"] = ""  # the stage of the line or system, not of the section it was read from
        row["note"] = f"{IMPLIED_NOTE}: {why}."
        row["confidence"] = f"{float(base['confidence']) * stages.WEIGHT:.2f}"
        row["reason"] = "; ".join([f"status implied by {why}", *self._compare(row, IMPLIED_STAGE)])
        self.rows.append(row)

    def add_reported(self, base: dict[str, str], field: str, value: str, why: str) -> None:
        """A date read from the report's own date (stages.reported): the quote of the status it
        goes with, a lower confidence, and a reason and note that say how it was read."""
        row = {k: base[k] for k in (*_COLUMNS, "confidence")}
        row |= {"field": field, "value": value, "unit": "", "qualifier": "", "period": ""}
        row["note"] = f"Read from the report's date: {why}."
        row["confidence"] = f"{float(base['confidence']) * stages.WEIGHT:.2f}"
        row["reason"] = "; ".join([f"date from {why}", *self._compare(row, why)])
        self.rows.append(row)

    def unmapped(self, m: Mention, sent: Sentence) -> None:
        key = ("", "", "", fold(m.phrase), "")
        if key in self.seen:
            return
        self.seen.add(key)
        note = ""
        if m.parent:
            note = f"A part of {m.parent}: add the corridors.csv row {labels.suggested_part(m.parent, m.phrase)} (mapped no, part_of {m.parent})."
        row = dict.fromkeys((*_COLUMNS, "confidence"), "")
        row |= {"value": m.phrase, "source": self.name, "quote": sent.text, "note": note}
        row["reason"] = m.reason
        self.rows.append(row)


_COLUMNS = ("id", "corridor", "feature", "field", "value", "unit", "qualifier", "period", "scope")
_COLUMNS += ("source", "quote", "note")
