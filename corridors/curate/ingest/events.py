"""Dates of events: the start, completion, opening or first proposal a date belongs to.

Dates (dates.py) fill the event the words next to them name: start ("will get under way in
October", "the groundbreaking ceremony on September 13"), completion ("will be completed within
the next five years"), opening ("began operating in July"), first proposed ("first surfaced in
1996"); a date a statement was made on ("said on Tuesday") fills nothing. An opening still to come
("is planned to go into service in 2030") is when the works are due: a completion date, as
curators record it. A plan that was not kept ("was supposed to start last autumn"), a step
("began moving cargo"), something new beside the system ("the second track") and a date an
undated article cannot resolve ("in October") date nothing.
"""

from __future__ import annotations

import re

from . import dates, organisations, scopes, stages, statuses
from .context import Context
from .fields import Value

EVENTS = (
    (
        "opening_date",
        r"opened|opening|entered\s+service|commissioning|(?:become|becomes|became|becoming)\s+"
        r"operational|commencement\s+of\s+(?:\w+\s+)?(?:operations?|service)|"
        # "the first gas flowed on", "first deliveries on 14 December": the service's start
        r"first\s+(?:deliver(?:y|ies)|gas|suppl(?:y|ies)|oil|flows?)|"
        r"(?<!trial\s)(?:operations?|services?)\s+(?:began|begun|started|starts|begins|will\s+(?:start|"
        r"begin)|(?:is|are)\s+(?:due|set|expected|scheduled)\s+to\s+(?:start|begin))|"
        # "Set up in 2015, it ...", "was founded on": passive, straight before its date (not
        # "established diplomatic relations in 1992")
        r"(?:set\s+up|established|founded)(?=\s+(?:in|on|back\s+in)\b)|commissioned|"
        r"put\s+into\s+(?:full\s+|commercial\s+|regular\s+|permanent\s+)?(?:operation|service)|"
        # "started commercial operations", "began regular service", "commenced full operation"
        r"(?:began|begun|started|start|starts|begin|begins|commenced|commence|launched)\s+"
        r"(?:(?:commercial|regular|full|full-scale|scheduled|normal|trial-free)\s+)?"
        # "started working in 2015", "began to operate": a facility at work ("started work on"
        # is a start of works)
        r"(?:operating|operations?|pumping|flowing|running|service|supplying|delivering|working|"
        r"sending|carrying|shipping|transporting|functioning|handling|to\s+(?:work|operate|"
        r"function|flow|run|pump|supply|carry|deliver|send))|"
        # "it is to be started up in 2014": put into operation (a phrasal verb, not a start)
        r"(?:start|starts|started|starting)\s+up|"
        r"(?:came|come|comes|coming)\s+(?:online|on\s+stream|on\s+line)|inaugurated|"
        r"launched\s+(?:operations|services?)|"
        # "has been working since 2009": in operation from then on
        r"(?:been|in\s+use|in\s+operation|in\s+service)\s+(?:working|operating|running|in\s+"
        r"(?:operation|service)|)\s*(?=since\b)|"
        r"began\s+operating|(?:went|go|goes|gone|came)\s+into\s+(?:operation|service)|(?:will|would|to|could|should|shall)\s+open",
    ),
    (
        "completion_date",
        r"completed|complete|completion|finished|finish|ready|due\s+for\s+completion|"
        r"built\s+by",
    ),
    (
        "proposed_date",
        # not "discussed" alone: talks held on a date are no first proposal ("first discussed" is,
        # and so is talk that has gone on since a date: "has been debated since the 1990s")
        r"proposed|conceived|mooted|envisaged|envisioned|first\s+(?:surfaced|put\s+"
        r"forward|hatched|floated|raised|suggested|discussed)|surfaced|"
        r"(?:discussed|debated|talked\s+about|on\s+the\s+table)(?=\s+(?:ever\s+)?since\b)",
    ),
    (
        "start_date",
        r"start|starts|started|starting|begin|begins|began|begun|commence|commences|commenced|"
        r"commencing|kickstart|"
        # "the commencement ceremony", "the foundation stone ... was laid on"
        r"commencement|(?:foundation|first|corner)\s*stone|"
        r"kick\s+start|kick\s+off|kicks\s+off|kicked\s+off|get\s+under\s*way|got\s+under\s*way|"
        r"ground-?breaking|foundation-laying|break\s+ground|breaks\s+ground|broke\s+ground|ground\s+(?:was|is|will\s+be)"
        r"\s+broken|set\s+(?:work|construction)\s+going|laid\s+the\s+(?:first|foundation)\s+stone|"
        r"launch|launched|"
        # "construction of the line is scheduled for autumn 2023": the works put in the calendar
        r"(?:construction|building)(?=(?:\s+(?:of|on)\s+[^.;]{0,80}?)?\s+(?:is|are)\s+(?:now\s+|"
        r"tentatively\s+)?(?:scheduled|slated|planned|set|due|earmarked|pencill?ed\s+in)\s+for\b)",
    ),
)
_EVENT_RE = re.compile("|".join(f"(?P<{name}>\\b(?:{words})\\b)" for name, words in EVENTS), re.I)
#: A ceremony that starts works, and the words that say when it was held: the date may stand far
#: after the noun ("the groundbreaking for the Tajik section of Line D ... took place on ...").
CEREMONY = re.compile(r"ground-?breaking|foundation-laying", re.I)
HELD = re.compile(
    r"\b(?:took\s+place|was\s+held|were\s+held|is\s+to\s+be\s+held|will\s+be\s+held)\s+(?:on|in)\s*$",
    re.I,
)
#: A plan of the past that did not come to pass: "was supposed to start in 2023", "plans were for
#: construction to begin in 2016": its date is no start, no opening.
UNMET = re.compile(
    r"\b(?:was|were|had\s+been)\s+(?:originally\s+|initially\s+|first\s+)?(?:supposed|due|"
    r"scheduled|slated|set|expected|meant|planned|intended)\s+to\b|\b(?:was|were)\s+to\s+"
    r"(?:have\s+)?(?:begin|start|open|be)\b|\bplans?\s+(?:was|were|had\s+been)\s+(?:for|to)\b",
    re.I,
)
#: A date after one of these is when something was said, not when the thing happened.
SAID = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|noted|added|urged|wrote|declared|"
    r"confirmed)\b",
    re.I,
)


#: Things whose opening or start is not the system's: "An office ... opened in January 2023".
OTHER_THING = re.compile(
    r"\b(?:office|centre|center|agreement|talks|summit|conference|exhibition|zone|factory|plant|"
    r"school|hospital|company|venture|consortium|study|studies|survey|assessment|report|"
    r"review|audit)\b",
    re.I,
)
#: A firm named as the subject of a founding: "the ... Transport Company, registered in Astana,
#: was set up in 2023".
_FIRM = re.compile(
    r"\b(?:Company|Corporation|Ltd|LLP|JSC|Inc|Group|Holding|Venture|Consortium|Association|"
    r"joint\s+venture|company|firm|consortium|association)\b"
)
#: Events of the world, not of the works: "after the war began in 2022", "since the pandemic
#: started": their start dates nothing of the system.
WORLD_EVENT = re.compile(
    r"\b(?:war|conflict|crisis|pandemic|outbreak|sanctions|hostilities|invasion|embargo|"
    r"blockade|recession)\s+(?:[\w’']+\s+)?$",
    re.I,
)


#: A clause about something new beside the system: "a second yard", "a new terminal", "another
#: branch".
NEW_THING = re.compile(
    r"\s*(?:(?:and|but|while)\s+)?(?:(?:work|works|construction|building)\s+(?:on|of)\s+)?"
    r"(?:an?\s+(?:second|third|fourth|new|additional|further|"
    r"extra)|another)\s+\w+",
    re.I,
)


#: "since the start of this year": the start of a span of the calendar, no start of works.
CALENDAR_START = re.compile(
    r"\s+of\s+(?:the\s+|this\s+|last\s+|next\s+)?(?:year|month|quarter|season|(?:19|20)\d\d)\b",
    re.I,
)


#: A clause about a structure of the line: "four more tunnels are to be started this year" dates
#: the tunnels, not the line.
STRUCTURE = re.compile(
    r"\s*(?:(?:and|but|while)\s+)?(?:(?:work|works|construction|building|digging|boring)\s+"
    r"(?:on|of)\s+)?(?:an?|the|its|\w+)\s+(?:more\s+|further\s+|other\s+)?"
    r"(?:\w+\s+)?(?:tunnels?|bridges?|viaducts?|culverts?|stations?)\b",
    re.I,
)
#: "Work on the section was launched on ...": launching is a start of works only when works are
#: what was launched (a service launched is an opening, a plan launched no event).
WORKS_LAUNCHED = re.compile(
    r"\b(?:work|works|construction|building|digging|excavation|laying|project)\b", re.I
)


#: Infrastructure itself as what was launched: "launched the land port", "launched the new
#: pipeline" (its service begun, not its works).
LAUNCHED_THING = re.compile(
    r"\s+(?:the\s+|a\s+|its\s+)?(?:[\w’'-]+\s+){0,3}?(?:port|dry\s+port|land\s+port|pipeline|"
    r"railway|rail\s+line|line|terminal|link|hub|gas\s+pipeline)\b(?!\s+(?:project|construction|"
    r"building|works?)\b)",
    re.I,
)


def works_launched(sentence: str, a: int, cue: re.Match) -> bool:
    """ "Work on the section was launched", "formally launched construction of the link": works
    are what was launched, named before the cue in its clause or right after it."""
    return bool(
        WORKS_LAUNCHED.search(sentence, a, cue.start()) or OPENED_WORKS.match(sentence, cue.end())
    )


def _launched_into_service(sentence: str, at: int) -> bool:
    """ "X, launched in 2009" or "X was launched in 2009", X no company, plan or talk."""
    before = sentence[max(0, at - 60) : at]
    # "was launched", ", launched in", "since its launch in 2009": the thing itself launched
    passive = re.search(
        r"(?:\b(?:was|were|be|been|being)\s+(?:\w+\s+)?|,\s*|\b(?:its|their)\s+)$", before
    )
    return (
        bool(passive)
        and not OTHER_THING.search(before)
        and not re.search(
            r"\b(?:plan|programme|program|initiative|campaign|talks|platform|tender|bid|service|"
            r"website|site|app|portal|brand|fund|index|bond|forum|exhibition|contest)s?\b",
            before,
            re.I,
        )
    )


def _another_things(sentence: str, a: int, before: list[re.Match]) -> bool:
    """The clause dates something else: another thing ("An office ... opened"), a condition
    ("once the ports finish"), a new thing ("a second yard"), a structure ("four more tunnels"),
    a step ("start boring the tunnels"), or a launch of something other than works."""
    if before and statuses.NEW_THING.search(sentence, a, before[-1].start()):
        return True  # "the corridor's second track was put into service": the track's date
    if before:  # the subject of the cue's own conjunct: "The study was completed in 2023 and
        # construction started in 2024" dates the construction with the second
        joins = list(re.finditer(r"\s(?:and|but)\s", sentence[a : before[-1].start()]))
        a = a + joins[-1].end() if joins else a
    if (
        before
        and re.match(  # "the zone's dry port opened": the port's, not the zone's
            rf"\s*(?:an?|the)\s+(?:\w+\s+){{0,2}}?{OTHER_THING.pattern}(?![’']s\b)",
            sentence[a:],
            re.I,
        )
    ):
        return True
    if before and re.search(r"\b(?:once|until|as soon as)\b", sentence[a : before[-1].start()]):
        return True  # "... once the ports finish their upgrades next year": a condition's date
    if STUDY_WORK.match(sentence, a):
        return True  # "Design work on the line began in 2011": a study, not the works
    if (
        before
        and before[-1].lastgroup == "opening_date"
        and re.match(r"(?:set\s+up|established|founded)\b", before[-1].group(), re.I)
        and (
            organisations.ORGANISATION.search(sentence, 0, before[-1].start())
            or _FIRM.search(sentence, 0, before[-1].start())
        )
    ):
        return True  # "CNPC, founded in 1999": a company's founding, not a line's opening
    if before and WORLD_EVENT.search(sentence, a, before[-1].start()):
        return True  # "after the war began in 2022": the world's event, not the works
    if re.match(r"\s*(?:(?:an?|the)\s+)?(?:trial|test|pilot)\b", sentence[a:], re.I):
        return True  # "Trial operation began in October": a trial, no start nor opening
    if NEW_THING.match(sentence[a:]) or STRUCTURE.match(sentence[a:]):
        return True  # "a second container yard is due to open next year": not the system's date
    if (
        before
        and before[-1].lastgroup == "completion_date"
        and statuses.STEP.search(sentence, a, before[-1].start())
    ):
        return (
            True  # "welding of the whole line was completed in 2013": a step's end, not the line's
        )
    if not before or before[-1].lastgroup != "start_date":
        return False
    cue = before[-1]
    if cue.group().lower().startswith("launch") and LAUNCHED_THING.match(sentence, cue.end()):
        return False  # "the president launched the land port at the end of 2014": put in service
    if cue.group().lower().startswith("launch") and not works_launched(sentence, a, cue):
        # a thing itself launched ("the pipeline, launched in December 2009", "Line A was
        # launched in 2009") is put into service; a company, a plan or a talk launched is not
        return not _launched_into_service(sentence, cue.start())
    # "will start boring the first tunnels in 2026": a step, not the start of works ("will start
    # being built" is the works)
    return bool(
        re.match(
            r"\s+(?!build|construct|work|lay|operat|runn|being\s+(?:built|laid|constructed))\w+ing\b",
            sentence[cue.end() :],
        )
    )


def _words(text: str) -> int:
    """How many words stand between a cue and its date, a name counting as one: "the opening of
    the first phase of the Central Asia–China gas pipeline (CACGP) in late 2009" is near."""
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"[A-Z][\w’'–-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'–-]*)*", "N", text)
    return len(text.split())


#: A date that heads a clause of what happened then: "on Friday, when the segment was finished".
WHEN_CLAUSE = re.compile(r"\s*,?\s*when\s+(?!\w+\s+(?:will|would|is|are)\b)", re.I)
#: What joins the two ends of a span: "from its opening in 2009 to the end of 2022", "... and
#: the end of July 2016" (not "since 2009 and 2010", two dates of two things).
_SPAN_JOIN = re.compile(
    r"\s*,?\s*(?:to|until|till|through|up\s+to|and\s+the\s+(?:end|close|start|beginning)\s+of)\s",
    re.I,
)


def _span_end(sentence: str, cue: re.Match, when: dates.When) -> bool:
    """Another date stands between the cue and this one, joined to it as the two ends of a span
    ("from its opening in 2009 to the end of 2022", "between the first deliveries on 14 December
    2009 and the end of July 2016"): the cue dates the first, and the second ends a running
    total's span, no event."""
    for m in dates.DATE.finditer(sentence, cue.end(), when.start):
        if m.group("month") and m.group().strip().lower() == "may" and not m.group("myear"):
            continue  # "may" the verb
        if _SPAN_JOIN.match(sentence, m.end()):
            return True
    return False


def _event_for(sentence: str, when: dates.When) -> tuple[str, re.Match] | None:
    """The event a date belongs to: the nearest cue before it in its clause, else right after;
    none when the clause opens with another thing ("An office ... opened in ...")."""
    a, b = scopes.clause_of(sentence, when.start)
    before = [
        m
        for m in _EVENT_RE.finditer(sentence, a, when.start)
        if not (m.lastgroup == "start_date" and CALENDAR_START.match(sentence, m.end()))
    ]
    if _another_things(sentence, a, before):
        return None
    if before and statuses.NEW_THING.search(sentence, a, b):
        return None  # "plans to complete the second tracks this year": the tracks' date
    if UNMET.search(sentence, a, when.start):
        return None  # "was supposed to start in the fall": a plan that was not kept
    if before:
        cue = before[-1]
        # far from its cue, a date is some other clause's; counted in words, so that a long
        # name between them ("finish the Turkmenistan–Uzbekistan–China pipeline by 2014") is one
        gap = sentence[cue.end() : when.start]
        # "... ceremony for X took place on": a ceremony's date may stand far from its noun
        held = CEREMONY.search(cue.group()) and HELD.search(gap)
        if SAID.search(gap) or (_words(gap) > 10 and not held) or _span_end(sentence, cue, when):
            return None
        return cue.lastgroup, cue  # type: ignore[return-value]
    # "On September 13, the day after the summit, the two presidents broke ground ...": a date
    # that opens the sentence is its main clause's, however far the verb
    opens = re.fullmatch(
        r"\s*(?:(?:On|In|At)\s+(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?)?",
        sentence[: when.start],
        re.I,
    )
    reach = b if opens and not dates.DATE.search(sentence, when.end, b) else when.end + 45
    during = WHEN_CLAUSE.match(sentence, when.end)
    if during:  # "on Friday, when Kazakhstan completed its segment": the clause the date heads
        b = reach = scopes.clause_of(sentence, during.end())[1]
    after = _EVENT_RE.search(sentence, when.end, min(b, reach))
    if after and _another_things(sentence, a, [after]):
        return None  # "On Friday they began moving cargo": a step, not the works
    if after and not SAID.search(sentence, when.end, after.start()):
        return after.lastgroup, after  # type: ignore[return-value]
    return None


#: A verb joined to the cue: "to be commissioned and opened", "built or put into service".
_JOINED = re.compile(r"\b\w+(?:ed|en)\s+(?:and|or)\s+$", re.I)


def _told_done(sentence: str, cue: re.Match) -> bool:
    """The cue is a verb in the simple past ("when the line opened", "once it went into
    service"), not a time to come ("when it is opened", "once it opens")."""
    if not re.match(
        r"(?:opened|went|came|began|started|entered|commissioned|inaugurated|launched)\b",
        cue.group(),
        re.I,
    ):
        return False
    return not re.search(
        r"\b(?:is|are|be|been|being|will|shall|to|has|have)\s+(?:\w+\s+)?$",
        sentence[: cue.start()],
        re.I,
    )


def _due(sentence: str, cue: re.Match, value: str, reference: str) -> str:
    """What an opening cue dates, by the mood of its clause. An opening still to come ("should be
    commissioned next year", "is planned to go into service in 2030", "is due to start supplying
    gas in January 2014", "opens in 2027" in a 2025 report) is when the works are due to be done:
    a completion date, as curators record it (an opening date is when it entered service). One
    denied ("did not open in 2016") dates nothing; else it is the opening that happened."""
    said = statuses.mood(sentence, cue.start(), cue.end())
    joined = _JOINED.search(sentence, 0, cue.start())
    if not said and joined:  # "is to be commissioned and opened by 2012": the first verb's mood
        said = statuses.mood(sentence, joined.start(), cue.end())
    if said == "condition" and _told_done(sentence, cue):
        said = ""  # "in 2009, when the pipeline opened": a time past, no condition
    if said == "denied":
        return ""
    if said in ("future", "condition") or re.search(r"\bto\s+$", sentence[: cue.start()]):
        return "completion_date"  # "and the second line to go into service by 2012"
    later = stages.compare(value, reference) == 1
    if later and not re.search(r"\b(?:was|were|had|did)\b", statuses.lead(sentence, cue.start())):
        return "completion_date"
    return "opening_date"


#: What a service start is said of: "gas deliveries will begin in 2010" is an opening, not works.
SERVICE = re.compile(
    r"\b(?:deliver(?:y|ies)|suppl(?:y|ies)|operations?|services?|traffic|flows?|exports?|"
    r"shipments?|pumping|transit|trains?|freight|imports?)\s+(?:[\w’']+\s+){0,3}?$",
    re.I,
)
#: A service with a name of its own, between two places ("the China-Europe rail service", "the
#: Xi'an–Duisburg container trains"): its start dates that service, not the infrastructure it uses.
ROUTE_SERVICE = re.compile(
    r"\b[A-Z][\w’']*(?:\s*[-–—]\s*[A-Z][\w’']*)+\s+(?:(?:rail|railway|train|freight|container|"
    r"cargo|express|block)\s+)*(?:services?|trains?|express|trips?|runs?)\b(?:\s+[\w’']+){0,3}$"
)
#: What an opening cue opens when it is works, not a service: "opened construction", "the
#: opening of works on the Tajik section".
OPENED_WORKS = re.compile(r"\s+(?:of\s+)?(?:the\s+)?(?:construction|building|works?)\b", re.I)
#: "Design work on the line started": a study before building, whose start dates no works.
STUDY_WORK = re.compile(
    r"\s*(?:(?:the|its)\s+)?(?:design|survey|surveying|feasibility|planning|preparatory|"
    r"exploration)\s+(?:work|works|studies|study)\b",
    re.I,
)


def _launched_thing(cue: re.Match, sentence: str) -> bool:
    return cue.group().lower().startswith("launch") and bool(
        LAUNCHED_THING.match(sentence, cue.end())
    )


def _project_opened(sentence: str, cue: re.Match) -> bool:
    """ "The project was opened at a ceremony on ...": a project is the undertaking to build, so
    its opening (as its launch, WORKS_LAUNCHED) starts the works; "opened to traffic" is service."""
    if not re.match(r"open", cue.group(), re.I) or re.match(
        r"\s+(?:to|for)\b", sentence[cue.end() :]
    ):
        return False
    a, _ = scopes.clause_of(sentence, cue.start())
    return bool(re.search(r"\bproject\b", sentence[a : cue.start()], re.I))


#: A date as claims.csv stores it: a day, a month, a year or a decade.
STORED = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?)?$|^\d{3}0s$")


def event_dates(sentence: str, ctx: Context) -> list[Value]:
    """Start, completion, opening and proposed dates: each date with the event it is of."""
    out = []
    for when in dates.READERS[ctx.dates](sentence, ctx.article_date):
        if not STORED.match(when.value):
            continue  # "in October" with no dateline to read it against: no date to record
        found = _event_for(sentence, when)
        if found is None:
            continue
        name, cue = found
        # "by 2027", "by the end of next year", "since 2009"
        word = re.search(
            r"\b(by|since|before)\s+(?:the\s+)?(?:(?:end|close|middle)\s+of\s+(?:the\s+)?)?$",
            sentence[: when.start],
            re.I,
        )
        qualifier = when.qualifier or {"by": "by", "before": "by", "since": "since"}.get(
            word.group(1).lower() if word else "", ""
        )
        if qualifier == "by the end of" and not re.search(r"\bby\s+$", sentence[: when.start]):
            qualifier = "by the end of"
        launched = cue.group().lower().startswith("launch") and not works_launched(
            sentence, scopes.clause_of(sentence, cue.start())[0], cue
        )
        if name == "start_date" and (launched or _launched_thing(cue, sentence)):
            name = "opening_date"  # "the pipeline, launched in December 2009": put into service
        lead = statuses.lead(sentence, cue.start())
        if name in ("start_date", "opening_date") and ROUTE_SERVICE.search(lead + cue.group()):
            continue  # "since the China-Europe rail service began in 2016": that service's start
        if name == "start_date" and SERVICE.search(lead):
            name = "opening_date"  # "gas deliveries will begin in 2010": the service's start
        if name == "opening_date" and (
            OPENED_WORKS.match(sentence, cue.end()) or _project_opened(sentence, cue)
        ):
            name = "start_date"  # "the ceremony that opened construction": works begun, no service
        if name == "opening_date":
            name = _due(sentence, cue, when.value, ctx.article_date)
            if not name:
                continue
        text = sentence[min(cue.start(), when.start) : max(cue.end(), when.end)]
        # "Ground was broken for the Uzbek section on 5 May": the section's date, not the whole's
        scope = scopes.section_country(sentence, when.start, when.end, set(ctx.countries))
        out.append(
            Value(name, when.value, "", qualifier, when.start, when.note, f"{text!r}", scope=scope)
        )
    return out
