"""The last pass: proposals, one row per value read, each set beside the accepted claims.

Each value goes to the system the sentence is about: the mention before it in its clause (the
subject), else the nearest; a sentence that only leans on its topic gives its values to the topic,
with the lower confidence and the reason that says so. A sentence about a part ("Line D") gives
nothing to the parent, and a part not in corridors.csv gets nothing at all: it is listed as
"mentioned, not mapped", with the row a curator would add.

Each row is kept and set beside the accepted claims of like and like by proposals.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from ...store import rawdata
from . import consortia, discourse, headlines, labels, measures, phrases, ports, respective, stages
from .fields import Value
from .known import HEADS, System
from .mention import Mention
from .mentions import find_mentions
from .names import FACILITY_KINDS, chain_beyond, operator_named
from .neighbours import figure_of_neighbour
from .owners import (
    actors,
    event_of_other,
    expecting,
    facilities,
    is_change,
    on_the_way,
    other_named,
    owned_by,
    port_takes,
    stake_in,
)
from .parts import after_part, named_route, of_part
from .proposals import Proposals
from .scopes import clause_of
from .sentences import Sentence, sentences
from .values import Context, read_values

#: The fields a curator records from reporting; name, route, role and context are descriptions.
COUNTRY_NAME = re.compile(r"^[A-Z][\w ]+(?:\s*[-–—]\s*[A-Z][\w ]+)+$")


@dataclass
class Options:
    """How the article is read (the comparison benchmark swaps the readers)."""

    sentences: str = "rules"
    quantities: str = "rules"
    dates: str = "rules"


def _target(candidates: list[Mention], sentence: Sentence, value: Value) -> Mention:
    """The mention a value is about: the last one before it in its clause, else before it in the
    sentence, else the nearest after it."""
    offset = sentence.start + value.at
    a, _ = clause_of(sentence.text, value.at)
    before = [m for m in candidates if m.end <= offset or m.start == m.end]
    in_clause = [m for m in before if m.start >= sentence.start + a]
    if in_clause:
        return in_clause[-1]
    if before:
        return before[-1]
    return min(candidates, key=lambda m: (abs(m.start - offset), -m.confidence))


def _subjects(here: list[Mention], by_id: dict[str, System]) -> list[Mention]:
    """The mentions values can go to: systems and parts, but no parent of a part named here."""
    about = [m for m in here if m.system or m.how in ("part", "some", "back", "topic", "article")]
    parts = {by_id[m.system].part_of for m in about if m.system and by_id[m.system].part_of}
    parts |= {m.parent for m in about if m.parent}
    labelled = {m.system for m in about if m.feature}
    return [
        m
        for m in about
        if not (m.system in parts and not m.feature and m.how not in ("part", "lines"))
        and not (m.system in labelled and not m.feature and m.named and len(about) > 1)
    ]


def _adjust(value: Value, mention: Mention, by_id: dict[str, System], ctx: Context) -> Value | None:
    """A value as its system takes it: a network's length is a trip's (a section with its ends),
    a capacity a part adds is the part's, not its parent's."""
    system = by_id.get(mention.system or "")
    if system is None:
        return None
    if value.hints.get("part") and not system.part_of:
        return None
    if value.hints.get("whole") and system.part_of:
        return None  # the whole's capacity (before a new line adds to it) is never the line's
    if value.hints.get("of") and not set(value.hints["of"].split(";")) & system.kinds:
        return None  # a port's own traffic is not the route's, gas flowing no railway's stage
    if system.kinds == {"port"} and not port_takes(value.field, value.scope, system):
        return None  # "the cargo will cover 9,000 km from China to Turkey": the trip's
    letters = value.value.split(";")
    parts = {s.label for s in by_id.values() if s.part_of == system.id}
    if value.field == "lines" and (
        mention.feature
        or system.part_of
        or labels.some_lines(letters, system.features)
        or any(f"Line {x}" in parts for x in letters)
    ):
        return None  # "Lines A and B" beside a drawn Line C, or said of one line: not its list
    if value.field == "countries" and mention.feature and not _a_line(mention.feature, system):
        return None  # "the Baku-Tbilisi-Kars railway, which joins A, B and C": a component's
    if value.field == "length" and system.kinds <= {"corridor"}:
        where = value.scope or ctx.last_stretch
        if not where:
            return None
        return replace(
            value,
            field="section_length",
            scope=where,
            reason=value.reason + f", a trip on the network ({where})",
        )
    return value


def _a_line(feature: str, system: System) -> bool:
    """Is the drawn feature one of the system's lettered lines ("Line C"), a whole route of its
    own, rather than a component (a railway on part of the way)?"""
    return any(
        f == feature and re.fullmatch(r"Line [A-Z]", label) for label, f in system.features.items()
    )


def _name_countries(m: Mention, countries: list[str], system: System) -> Value | None:
    """ "China-Kyrgyzstan-Uzbekistan railway": a name made of countries states them, in order
    (a name matched fuzzily only when they are all the system's countries: "China-Uzbekistan
    railway" names the railway, not where it runs)."""
    head = re.sub(rf"\s+(?:{'|'.join(HEADS)}|rail link|gas|line)\b.*$", "", m.phrase, flags=re.I)
    if not COUNTRY_NAME.match(head):
        return None
    parts = [p.strip() for p in re.split(r"\s*[-–—]\s*", head)]
    if len(parts) < 2 or not all(p in countries for p in parts):
        return None
    if len(parts) < 3:
        return None  # "Turkmenistan-China gas pipeline" names its ends, not every country
    route = system.kinds <= {"corridor"} and chain_beyond(parts, system)
    if m.how != "name" and set(parts) != set(system.countries) and not route:
        return None  # a route's reports list its countries each their own way; a line's do not
    return Value("countries", ";".join(parts), reason=f"the countries its name {m.phrase!r} lists")


def _sentence_extras(props: Proposals, here: list[Mention], sent: Sentence, text: str) -> None:
    """What only named mentions say: their appositive role, where they are, what they are for."""
    for m in here:
        if not m.system or m.how in ("back", "topic", "article"):
            continue
        rest = text[m.end : sent.end]
        a = phrases.APPOSITIVE.match(rest)
        if (
            m.named
            and a
            and re.search(r"\b(route|link|corridor|artery|hub|line|gateway)\b", a.group("v"))
        ):
            props.add(m, Value("role", phrases.cap(a.group("v"))), sent)
        if not m.named and m.phrase.lower() in HEADS:
            purpose = phrases.PURPOSE.search(rest)
            if purpose:
                value = f"{phrases.cap(m.phrase)} for {purpose.group('v')}"
                props.add(
                    m,
                    Value("role", value, reason=f"{m.phrase!r} {purpose.group().strip()!r}"),
                    sent,
                )


def _where_named(
    props: Proposals, m: Mention, sent: Sentence, text: str, system: System, countries: list[str]
) -> None:
    """ "the new North-South Highway in Kyrgyzstan": where it is, when that is all it is known by."""
    where = re.match(
        r"^\s+in\s+(?:the\s+)?(?P<w>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)", text[m.end : sent.end]
    )
    country = where.group("w") if where else ""
    if system.kinds and system.kinds <= FACILITY_KINDS:
        return  # "the dry port in Kazakhstan": where a facility stands, not countries it joins
    if country in countries and set(system.countries) <= {country}:
        props.add(
            m, Value("countries", country, reason=f"{where.group().strip()!r} after its name"), sent
        )  # type: ignore[union-attr]


def _officer(props: Proposals, mapped: list[Mention], sent: Sentence) -> None:
    """ "Malabayev, General Manager of <the port's company>, expressed ...": its context."""
    said = phrases.OFFICER_SAYS.match(sent.text)
    if not said:
        return
    org_start, org_end = sent.start + said.start("org"), sent.start + said.end("org")
    for m in mapped:
        if m.kind == "corridor" or not (org_start <= m.start < org_end):
            continue
        more = [
            r
            for r in props.rows
            if r["corridor"] == m.system
            and r["quote"] == sent.text
            and r["field"] not in ("name", "operator", "countries")
        ]
        if not more:
            title = said.group("title").lower()
            value = Value(
                "context",
                f"Its {title} {said.group('said').strip()}",
                reason=f"what the {title} of {said.group('org')} said",
            )
            props.add(m, value, sent)
        return


def _port_links(props: Proposals, mapped: list[Mention], sent: Sentence, text: str) -> None:
    """A port named as part of a corridor ("a key hub in the X Corridor"): the port linked to it;
    a corridor merely named in the same sentence is no link."""
    ports = [m for m in mapped if m.kind == "port" and m.how not in ("back", "topic", "article")]
    corridors = [m for m in mapped if m.kind == "corridor" and m.named]
    for p in ports:
        for c in corridors:
            if (
                c.system != p.system
                and c.start > p.end
                and phrases.LINKED.search(text[p.end : c.start])
            ):
                half = replace(
                    p,
                    confidence=round(p.confidence * 0.5, 2),
                    reason=p.reason + f"; the same sentence names {c.phrase!r}",
                )
                props.add(half, Value("corridor", c.phrase), sent)


def _operator_target(value: Value, mapped: list[Mention], sent: Sentence) -> Mention | None:
    """An officer's organisation is the system named inside it; a group's members operate the
    system being read about."""
    if (
        value.reason.startswith("a member")
        or "company that" in value.reason
        or "operated by" in value.reason
        or "operator" in value.reason
    ):
        return _target(mapped, sent, value)
    inside = [m for m in mapped if m.start >= sent.start + value.at and m.kind != "corridor"]
    return inside[0] if inside else None


#: What a sentence that names no system gives the article's topic (when its paragraph has none): figures and dates of events, and a
#: status only where it names the kind of thing ("a gas pipeline"). Roles, contexts, routes and
#: operators need the system named or pointed back to.
_FROM_TOPIC = {
    "cost",
    "length",
    "section_length",
    "capacity",
    "traffic",
    "transit_time",
    "target",
    "stake",
    "tunnels",
    "bridges",
    "start_date",
    "completion_date",
    "opening_date",
    "proposed_date",
}


#: A line of a project profile ("Status: under construction", "Location: A, B and C"): a field
#: of the page's subject, said as plainly as a name would.
PROFILE_KEY = re.compile(
    r"^(?:Project\s+)?(?:status|stage|location|countries|route|length|capacity|cost|operator)"
    r"\s*:\s*\S",
    re.I,
)

#: A stage said as an adjective: "the planned X", "the operational Line A".
_STAGE_ADJECTIVE = re.compile(r"(?:planned|proposed|operational|existing)\s+(?:[a-z]+\s+)?", re.I)


def _modified(value: Value, here: list[Mention], sent: Sentence) -> Mention | None:
    """The mention a stage adjective qualifies ("the planned Trans-Afghan corridor"), named or
    not: the stage is that thing's, not the sentence's subject's."""
    m = _STAGE_ADJECTIVE.match(sent.text, value.at)
    if m is None:
        return None
    after = sent.start + m.end()
    return next((x for x in here if x.start == after and x.how not in ("back", "topic")), None)


def _a_trip(value: Value) -> bool:
    """A time or distance between two named places ("Istanbul–Xi'an in 12 days")."""
    return value.field in ("transit_time", "section_length") and "–" in value.scope


#: Mentions a sentence leans on without naming them itself.
_LEANING = ("back", "topic", "article")
#: What a trip told before its route is named gives the route: its time, length and countries.
_TRIP_FIELDS = {"transit_time", "section_length", "length", "countries"}


def _leans_enough(value: Value, subjects: list[Mention], sent: Sentence, by_id: dict) -> bool:
    """Whether a sentence that only inherits its topic may give this value to it."""
    if subjects and all(discourse.LATE_TOPIC in m.reason for m in subjects):
        return value.field in _TRIP_FIELDS  # a trip told before the route it took is named
    if not subjects or any(m.how != "article" for m in subjects):
        return True  # named, pointed back to, or the topic of its own paragraph
    if value.field in _FROM_TOPIC or PROFILE_KEY.match(sent.text):
        return True  # a figure, or a field of a profile page ("Status: under construction")
    system = by_id.get(subjects[0].system or subjects[0].parent)
    if value.field == "countries" and system is not None and system.countries:
        # "the network ties the rail systems of A, B, C, D and E": a list that covers every
        # country the topic is known to cross is the topic's list
        return set(system.countries) <= set(value.value.split(";"))
    if value.field != "status":
        return False
    if value.hints.get("topic"):
        return True  # a sign about whatever the article is on: "trains are transshipped here"
    kinds = system.kinds if system is not None else set()
    heads = [h for h, k in HEADS.items() if k in kinds]
    return any(re.search(rf"\b{re.escape(h)}\b", sent.text, re.I) for h in heads)


def _on_the_way(text: str, sent: Sentence, m: Mention) -> bool:
    """Is the mention a trip's end or a place passed ("to Lianyungang"), not a subject?"""
    return on_the_way(text[sent.start : m.start], m.kind)


def _sentence(props: Proposals, si: int, sent: Sentence, here: list[Mention], state: dict) -> None:
    """Every proposal one sentence gives."""
    by_id, ctx = state["by_id"], state["ctx"]
    for m in here:
        if m.system and m.named:
            props.add(m, Value("name", m.phrase), sent)
            named = _name_countries(m, ctx.countries, by_id[m.system])
            if named is not None:
                props.add(m, named, sent)
            _where_named(props, m, sent, props.text, by_id[m.system], ctx.countries)
            initials = [a for system in by_id.values() for a in system.acronyms]
            around = props.text[sent.start : m.start], props.text[m.end : sent.end]
            company = operator_named(around[0], m.phrase, initials, around[1])
            if company:
                props.add(m, Value("operator", company, reason=f"{company!r}: its operator"), sent)
        elif m.system and m.route:  # a new line named by the countries it crosses
            crossed = ";".join(re.split(r"\s*[-–—]\s*", m.route.strip()))
            why = f"the countries {m.route!r}, the name it is called by, lists"
            props.add(m, Value("countries", crossed, reason=why), sent)
    for member, value in consortia.operators(si, sent, list(by_id.values())):
        props.add(member, value, sent)  # "members of the X Consortium: A, B": X's operators
    values = read_values(sent.text, ctx)
    if headlines.is_headline(sent.text, si) and not any(v.field == "status" for v in values):
        values += headlines.headline_stages(sent.text)  # "Leaders open a gas pipeline"
    for line, value in respective.paired(here, values, sent, by_id):
        props.add(line, value, sent)  # "Lines A and B opened in 2009 and 2010": one each
        values = [v for v in values if v is not value]
    for whole, value in respective.lines_made_of(here, sent, by_id):
        props.add(whole, value, sent)  # "it is laid as two lines, A and B": A and B
    for whole, value in respective.lines_with_parts(here, by_id):
        props.add(whole, value, sent)  # "Lines A, B, C and D", Line D a part: A, B and C
    for whole, value in respective.lines_beside(here, sent, by_id):
        props.add(whole, value, sent)  # "Line C, laid alongside Lines A and B": A, B and C
        values = [v for v in values if v.field != "lines"]
    subjects = _subjects(here, by_id)
    ways = [m for m in subjects if m.start < m.end and _on_the_way(props.text, sent, m)]
    if len(ways) < len(subjects):  # "from this land port, goods travel to Lianyungang in ..."
        subjects = [m for m in subjects if m not in ways]
    mapped = [m for m in subjects if m.system]
    if not mapped:
        return
    others = [m for m in here if other_named(m, sent) and not _on_the_way(props.text, sent, m)]
    others += facilities(sent, here) + actors(sent, here)
    for m in here:  # "along the A-B-C-D route": its countries, for the subject that runs on it
        route = named_route(m.phrase, m.start - sent.start, set(ctx.countries))
        if m.how == "route" and route is not None:
            values.append(route)
    for value in values:
        if not _leans_enough(value, subjects, sent, by_id):
            continue
        if event_of_other(sent.text, value.at, value.field):
            continue  # "after the war began in 2022", "since the rail service began"
        modified = _modified(value, here, sent) if value.field == "status" else None
        if value.field == "operator":
            target = _operator_target(value, mapped, sent)
        elif modified is not None:
            target = modified  # "the planned Trans-Afghan corridor": that corridor's stage
        else:  # a company named after a system ("... Port Company") owns no figure of it
            things = [m for m in subjects if m.how != "company"]
            mine = others + expecting(sent, here, value.field)
            cands = owned_by(things, mine, sent, value.at) if things else []
            target = _target(cands, sent, value) if cands else None
            if value.field == "stake":  # "a 49% stake in the dry port": the port's
                target = stake_in(value.at, things, sent) or target
        if target is None or not target.system:
            continue
        if value.unit and figure_of_neighbour(sent, here, value.at):
            continue  # "a 51% stake in the Khorgos SEZ": the zone's, beside the port
        if is_change(sent.text, value.at, value.field) and not (
            by_id[target.system].part_of and value.field == "capacity"
        ):
            continue  # "cut the trip by seven days"; what a new line adds is its own capacity
        after = after_part(value, target, here, sent.text, sent.start, by_id)
        if after is None:
            continue  # "When Line D is working, the pipeline will carry 85 bcm": no year
        target, value = after
        target = respective.lines_of_whole(value, target, by_id)  # "after Lines A, B and C"
        value = _adjust(value, target, by_id, ctx)
        if value is not None:
            value = of_part(value, target, by_id, sent.text, set(ctx.countries))
        if value is not None and ports.takes(value, by_id[target.system], sent.text):
            system, text = by_id[target.system], props.text
            if target.named and ports.elsewhere(
                system, text[sent.start : target.start], text[target.end : sent.end], ctx.countries
            ):
                continue  # the port of the same name across the border
            if _a_trip(value) and target.feature and target.how in _LEANING:
                value.hints["whole"] = "yes"  # a trip leaning on a leg named before: the route's
            props.add(target, value, sent)
    _sentence_extras(props, here, sent, props.text)
    _officer(props, mapped, sent)
    _port_links(props, mapped, sent, props.text)


def propose(
    name: str,
    text: str,
    known: list[System],
    raw: rawdata.RawData,
    article_date: str = "",
    country_list: list[str] | tuple[str, ...] = (),
    options: Options | None = None,
) -> list[dict[str, str]]:
    """Proposed claims (rows of PROPOSAL_COLUMNS) for the article ``name`` with this text."""
    options = options or Options()
    countries = list(country_list)
    sents = sentences(text, options.sentences)
    mentions = discourse.read(sents, find_mentions(text, sents, known, countries), known, countries)
    places = sorted({p for s in known for p in s.places})
    ctx = Context(
        article_date, countries, places, quantities=options.quantities, dates=options.dates
    )
    state = {"by_id": {s.id: s for s in known}, "ctx": ctx}
    props = Proposals(name, text, raw.claims.rows)
    for si, sent in enumerate(sents):
        _sentence(props, si, sent, [m for m in mentions if m.sentence == si], state)
    routes = frozenset(s.id for s in known if s.kinds == {"corridor"})
    for base, status, why in stages.implied(list(props.rows), article_date, routes):
        props.add_implied(base, status, why)
    for base, field, value, why in stages.reported(list(props.rows), article_date):
        props.add_reported(base, field, value, why)
    later = stages.later_openings(props.rows)
    props.rows[:] = [r for r in props.rows if not any(r is x for x in later)]
    for m in mentions:
        if m.system is None and m.how in ("unmapped", "part") and not m.within:
            props.unmapped(m, sents[m.sentence])
    kept = measures.joint_only(props.rows)
    rows = [r for r in kept if r["corridor"]] + [r for r in kept if not r["corridor"]]
    assign_ids(rows, name, raw.claims.rows)
    return rows


def _id_prefix(corridor: str, claims: list[rawdata.Row]) -> str:
    """The prefix the corridor's claim ids use (cku, cacgp, lyg ...), else the corridor id."""
    counts: dict[str, int] = {}
    for c in claims:
        if c["corridor"] == corridor and "-" in c["id"]:
            counts[c["id"].split("-")[0]] = counts.get(c["id"].split("-")[0], 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else corridor


_FIELD_TAG = {
    "start_date": "start",
    "completion_date": "completion",
    "proposed_date": "proposed",
    "opening_date": "opening",
    "section_length": "section",
    "transit_time": "transit",
}


def assign_ids(rows: list[dict[str, str]], name: str, claims: list[rawdata.Row]) -> None:
    """Ids as curators write them: <corridor prefix>-<field>-<article number>, then b, c, ..."""
    stem = Path(name).stem
    tag = re.match(r"^(\d+)", stem)
    source_tag = tag.group(1) if tag else re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    used = {c["id"] for c in claims}
    for row in rows:
        if row["corridor"]:
            prefix = _id_prefix(row["corridor"], claims)
            base = f"{prefix}-{_FIELD_TAG.get(row['field'], row['field'])}-{source_tag}"
        else:
            base = f"unmapped-{source_tag}"
        ident, n = base, 0
        while ident in used:
            n += 1
            ident = base + (chr(ord("a") + n) if n < 26 else f"-{n}")
        used.add(ident)
        row["id"] = ident
