"""Which part of a system a sentence is about when it never names the part: where it says the
thing runs.

A system whose drawn lines are lettered (Lines A, B and C of a gas pipeline) grows by new lines,
and reporting on a new line often calls it by the whole system's name or "the pipeline": "the
pipeline will run from Turkmenistan through Tajikistan and Kyrgyzstan to China", "its longest
section will cross Tajikistan", "the Tajik section alone needs 42 tunnels", "the new pipeline being
built across Tajikistan". Where none of the drawn lines cross that country, the sentence is about
the next line (Line D), never the whole: its figures are that line's, and no disagreement with the
whole can arise from them. A system without lettered lines (a railway, a corridor) is left alone:
a country it is said to cross is a new fact about it, not another line.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .crossings import crossed
from .fields import Value
from .known import System, fold
from .mention import Mention
from .names import next_line
from .scopes import DEMONYMS, sections_named

#: Verbs that put a line in a country: "runs through", "being built across", "will cross".
_RUNS = re.compile(
    r"\b(?:cross(?:es|ed|ing)?|travers(?:e|es|ing)|"
    r"(?:run|runs|running|ran|pass|passes|passing|built|laid|go|goes|going|extend|extends|"
    r"extending|stretch|stretches|stretching)\s+(?:across|through|via|in|into))\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|northern|southern|eastern|western)\w*\s+)?"
    r"(?P<w>[A-Z][\w’'-]+)"
)

#: "through Tajik territory", "across Kyrgyz soil", "on Tajik land": a country by its adjective.
_TERRITORY = re.compile(
    r"\b(?:across|through|via|on|in|over)\s+(?:the\s+)?(?P<w>[A-Z][\w’'-]+)\s+"
    r"(?:territory|soil|land|lands)\b"
)


def lettered(system: System) -> bool:
    """Does the system have drawn lines lettered A, B, ... (so a new one is the next letter)?"""
    return any(re.fullmatch(r"Line [A-Z]", f) for f in system.features)


def foreign_country(sentence: str, system: System, countries: set[str]) -> str:
    """The first country the sentence puts the system (or a section of it) in that none of its
    drawn lines cross; '' when there is none or the system has no lettered lines."""
    own = set(system.countries)
    if not lettered(system) or system.part_of or len(own) < 3:
        return ""  # known only by its ends, any middle country is news of it, not of a new line
    listed = crossed(sentence, sorted(countries))
    found = listed.value.split(";") if listed is not None else []
    found += sections_named(sentence, countries)
    for m in [*_RUNS.finditer(sentence), *_TERRITORY.finditer(sentence)]:
        word = m.group("w")
        country = word if word in countries else DEMONYMS.get(word, "")
        if country:
            found.append(country)
    return next((c for c in found if c not in own), "")


def elsewhere(
    sentence: str, about: list[Mention], by_id: dict[str, System], countries: set[str]
) -> dict[int, tuple[Mention, str]]:
    """For each mention (by ``id``) of a whole that the sentence puts in a country none of its
    lines cross ("the pipeline will run through Tajikistan", "the Tajik section"), a label probe
    of its next line ("Line D") for discourse to resolve, and the phrase it was read from.
    Lines named by their letters ("Lines A, B and C") stay what they are."""
    if any(m.how in ("part", "lines", "some") or m.feature for m in about):
        return {}
    out = {}
    for m in about:
        system = by_id.get(m.system or "")
        if system is None:
            continue
        country = foreign_country(sentence, system, countries)
        label = next_line(system) if country else ""
        if not label:
            continue
        said = repr(m.phrase) if m.phrase else "the sentence"
        why = f"{said} put in {country}, which none of {system.id}'s lines cross: its next line, "
        probe = replace(
            m, phrase=label, how="label", parent=system.id, route="", reason=why + label
        )
        out[id(m)] = (probe, m.phrase or label)
    return out


#: A name made of countries: "Uzbekistan-China", "Turkmenistan–China" (before its head noun).
_CHAIN = re.compile(
    r"^(?:the\s+)?(?:[\d.,]+\s*-?\s*(?:km|kilometres?|kilometers?)\s+)?"
    r"(?P<chain>[A-Z][\w ]*?(?:\s*[-–—]\s*[A-Z][\w ]*?)+)(?=\s+[a-z]|\s*$)"
)


def _chain(phrase: str, countries: set[str]) -> list[str]:
    m = _CHAIN.match(phrase.strip())
    if m is None:
        return []
    items = [p.strip() for p in re.split(r"\s*[-–—]\s*", m.group("chain"))]
    return items if len(items) >= 2 and all(i in countries for i in items) else []


def chain_section(phrase: str, system: System, countries: set[str]) -> str:
    """ "the Uzbekistan-China gas pipeline" read as a system known as the "Turkmenistan-China gas
    pipeline": a name by countries with the whole's end but a later start is the whole's stretch
    from that country on, its section there (the country it starts in); '' when the phrase is one
    of the whole's own names or not such a chain."""
    chain = _chain(phrase, countries)
    if not chain or any(fold(phrase) == fold(n) for n, _ in system.names):
        return ""
    if not set(chain) <= set(system.countries):
        return ""
    wholes = [c for n, _ in system.names if (c := _chain(n, countries))]
    for whole in wholes:
        if (
            whole[-1] == chain[-1]
            and chain[0] != whole[0]
            and chain[0] in whole[1:] + list(system.countries)
        ):
            return chain[0]
    return ""


#: Fields a section has of its own; the countries, names, roles and lines stay the whole's words.
_SECTION_FIELDS = {
    "capacity", "cost", "start_date", "completion_date", "opening_date", "status", "operator",
    "tunnels", "bridges", "traffic",
}  # fmt: skip


def as_section(value: Value, mention: Mention, system: System, countries: set[str]) -> Value:
    """A value said of a stretch named by countries ("the 525km Uzbekistan-China gas pipeline",
    or "the pipeline" pointing back to it): the section's, with its country as scope; a length is
    the section's length. Anything else is returned as it is."""
    country = chain_section(mention.root or mention.phrase, system, countries)
    if not country or value.scope or value.field not in _SECTION_FIELDS | {"length"}:
        return value
    why = f", of the stretch {mention.root or mention.phrase!r}: its section in {country}"
    field = "section_length" if value.field == "length" else value.field
    return replace(value, field=field, scope=country, reason=value.reason + why)


#: A start of works on a stretch: "started building the longest stretch of ...", "work on a key
#: segment of ...": the stage is that stretch's, not the whole system's.
_ON_A_STRETCH = re.compile(
    r"^[^.;]{0,40}?\b(?:the|a|an|its|one)\s+(?:[\w-]+\s+){0,2}"
    r"(?:stretch|section|segment|leg|portion|part)\s+(?:of|in|across|through)\b"
)


def _ends(system: System, countries: set[str]) -> set[str]:
    """The end countries of a system's names by countries ("Turkmenistan-China gas pipeline":
    Turkmenistan and China), either way round."""
    chains = [c for n, _ in system.names if (c := _chain(n, countries))]
    return {c[-1] for c in chains} | {c[0] for c in chains}


#: A length of a portion of what was just measured: "840 km of it outside China", "of which
#: 520 km lie in Kazakhstan", "600 km of its length run through the steppe".
_PORTION_AFTER = re.compile(
    r"^[\d.,]+\s*-?\s*(?:km|kilomet(?:re|er)s?|miles?)\s+of\s+(?:it|them|this|its\s+length)\b"
    r"(?P<rest>[^.;]*)"
)
_PORTION_BEFORE = re.compile(r"\bof\s+which\s+(?:about\s+|some\s+|nearly\s+)?$")
_WHERE = re.compile(
    r"^\s*(?:(?:is|are|lies?|runs?|goes|pass(?:es)?)\s+)?(?:in|through|across|on|inside)\s+"
    r"(?:the\s+)?(?P<w>[A-Z][\w’'-]+)"
)


def portion(value: Value, sent_text: str, countries: set[str]) -> Value | None:
    """A length told as a portion of another ("1,000 km in all, 840 km of it outside China"):
    the length of a section when it names the one country it lies in, else no field's (a part
    "outside China" is no section a curator records). Any other value is returned as it is."""
    if value.field != "length":
        return value
    after = _PORTION_AFTER.match(sent_text[value.at :])
    rest = after.group("rest") if after else ""
    if after is None:
        before = _PORTION_BEFORE.search(sent_text[: value.at])
        if before is None:
            return value
        rest = re.sub(
            r"^[\d.,]+\s*-?\s*(?:km|kilomet(?:re|er)s?|miles?)", "", sent_text[value.at :]
        )
    where = _WHERE.match(rest)
    country = where.group("w") if where else ""
    country = country if country in countries else DEMONYMS.get(country, "")
    if not country or re.match(r"\s*(?:outside|beyond|out\s+of)\b", rest):
        return None
    why = f", a portion of the length told before it: its section in {country}"
    return replace(value, field="section_length", scope=country, reason=value.reason + why)


def of_part(
    value: Value, mention: Mention, by_id: dict[str, System], sent_text: str, countries: set[str]
) -> Value | None:
    """A value as a whole or a part takes it: a stretch named by countries gives its section's
    figures (``as_section``); a stage of works on "the longest stretch of" a whole is no stage of
    the whole; a country list that stops short of where the system (or the parent of a line)
    ends ("will cross A, B and C" of a line to China) is partial, and not proposed."""
    system = by_id[mention.system or ""]
    value = portion(value, sent_text, countries)  # type: ignore[assignment]
    if value is None:
        return None
    whole = not system.part_of and not value.scope
    if value.field == "status" and whole and _ON_A_STRETCH.match(sent_text[value.at :]):
        return None
    if (
        value.field == "countries"
        and mention.feature
        and system.countries
        and not set(system.countries) <= set(value.value.split(";"))
    ):
        return None  # "the Baku-Tbilisi-Kars railway joins A, B and C": a drawn leg's own
    if value.field == "countries":
        ends = _ends(by_id.get(system.part_of, system), countries)
        if ends and value.value.split(";")[-1] not in ends:
            return None
        listed = value.value.split(";")
        if value.hints.get("start") == value.hints.get("end") == "unsaid" and not (
            {listed[0], listed[-1]} <= ends and listed[0] != listed[-1]
        ):
            # "passes through A, B and C": neither end said, nor the list from one end of its
            # name to the other ("runs through Turkmenistan, A, B and China") (convention 3)
            return None
        if value.hints.get("start") == "unsaid" and ends and not ends <= set(listed):
            # "Line D goes through A, B and C to China": where it starts is not printed, nor is
            # the other end its name gives (convention 3: not recorded)
            return None
        if system.part_of:
            return _from_parent_start(value, by_id.get(system.part_of, system), countries)
        lines = lettered(system) or any(s.part_of == system.id for s in by_id.values())
        if lines and not set(system.countries) <= set(value.value.split(";")):
            # "on to China through A, B and C" leaving out a country its lines are known to
            # cross: another line's list, not the whole's
            return None
    return as_section(value, mention, system, countries)


def _from_parent_start(value: Value, parent: System, countries: set[str]) -> Value:
    """ "From Galkynysh Line D goes through A, B and C to China": a line of a system named from
    its source to its end ("Turkmenistan-China gas pipeline") that is said to arrive at that end,
    starting at a place the text gives no country for, starts at the source its system is named
    from (the lines of a pipeline share where the gas comes from); said in the reason, for the
    curator to check."""
    listed = value.value.split(";")
    if value.hints.get("start") not in ("unsaid", "place"):
        return value
    for chain in (c for n, _ in parent.names if (c := _chain(n, countries))):
        if chain[-1] == listed[-1] and chain[0] not in listed:
            why = f"; it starts where {parent.id} is named from ({chain[0]}), no start being said"
            return replace(value, value=";".join([chain[0], *listed]), reason=value.reason + why)
    return value


def named_route(phrase: str, at: int, countries: set[str]) -> Value | None:
    """ "along the A-B-C-D route": the countries a route's name lists (three or more)."""
    chain = _chain(phrase, countries)
    if len(chain) < 3:
        return None
    why = f"the countries the route it runs along, {phrase!r}, lists"
    return Value("countries", ";".join(chain), at=at, reason=why)


#: A condition on a part being done, before a figure: "When Line D is working, ...", "once all
#: of Line C's facilities are done by 2015, ...", "... and once the work is done capacity will".
_ONCE_DONE = re.compile(
    r"\b(?:once|when|after|upon|with)\b[^,.;]{0,80}?\b(?:done|complete|completed|finished|"
    r"working|in\s+service|in\s+operation|operational|built|launched|commissioned|ready|"
    r"(?:put\s+)?into\s+(?:service|operation))\b",
    re.I,
)
#: What the figure after such a condition is said of: the whole ("the pipeline as a whole",
#: "overall capacity", a bare "capacity will reach"), not the part the condition names.
_WHOLE_SAID = re.compile(
    r"\b(?:as\s+a\s+whole|overall|total|combined|whole\s+(?:system|pipeline|network|route))\b"
    r"|^[\s,]*(?:and\s+)?(?:the\s+)?(?:capacity|throughput|deliver(?:y|ies))\s+will\b",
    re.I,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def after_part(
    value: Value, target: Mention, here: list[Mention], sent_text: str, sent_start: int,
    by_id: dict[str, System],
) -> tuple[Mention, Value] | None:  # fmt: skip
    """A figure told of the whole once a part is done ("When Line D is working, the pipeline will
    deliver 85 bcm"; "once Line C's facilities are done by 2015, the pipeline as a whole will
    carry 55 bcm"): the whole's future figure, not the part's. It is the whole's target when
    the sentence gives its year, else no field's (a figure to come with no year is recorded by
    no curator, and set against today's capacity it would be a false disagreement). Any other
    figure is left as it is: "When Line D is working, it will carry 30 bcm" is Line D's."""
    system = by_id.get(target.system or "")
    part = system is not None and (bool(system.part_of) or bool(target.feature))
    if not part or value.field not in ("capacity", "target", "traffic"):
        return target, value
    cond = None
    for m in _ONCE_DONE.finditer(sent_text[: value.at]):
        cond = m
    if cond is None:
        return target, value
    whole_id = system.part_of or system.id  # type: ignore[union-attr]
    main = sent_text[cond.end() : value.at]
    named = [
        m for m in here
        if m.system == whole_id and not m.feature and m.start >= sent_start + cond.end()
        and m.start < sent_start + value.at
    ]  # fmt: skip
    if re.match(r"^[^,]*,\s*(?:it|its|the\s+(?:line|branch|string|part))\b", main):
        return target, value  # "Once built, it will lift the whole network's capacity by 30"
    if not named and not _WHOLE_SAID.search(main):
        return target, value
    year = _YEAR.search(sent_text)
    if not year:
        return None  # a year read from an earlier sentence is no year of this figure
    whole = replace(target, system=whole_id, feature="", parent="", how=target.how)
    why = f", the whole's figure once a part is done ({cond.group()!r})"
    if value.field == "capacity":
        value = replace(value, field="target", period=value.period or year.group())  # type: ignore[union-attr]
    return whole, replace(value, reason=value.reason + why)
