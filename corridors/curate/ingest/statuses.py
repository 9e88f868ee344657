"""Statuses as reporting says them: a vocabulary of stage phrases, read with the mood of their clause.

Reports seldom write "under construction". They say works "are under way" or "kicked off", that a
line "is due to begin" next autumn, "has yet to break ground", "has been running since 2009",
"should be commissioned next year", or that a project "was put on hold". So a stage is read in two
steps:

1. a phrase from one of five families: a stage named outright ("in service", "under construction",
   "planned", "at the design stage"); a start of works ("construction began", "work is set to
   start", "broke ground", "will start being built"); a start that never came ("has yet to begin",
   "was never built"); a halt ("stalled", "frozen", "on hold", "postponed", "delayed", "to resume");
2. the mood of the words before it in its clause: what is still to come or only possible ("will",
   "is due to", "could", "should"), denied ("not", "never"), or a condition ("once", "until",
   "if", "when").

A start of works already made says works are going on (under construction); one still to come, or
denied, says nothing has begun (planned). A stage named outright counts only as a fact of today: in
the future, denied or in a condition it says nothing ("should be commissioned next year" is no
opening, "once Line C is in service" no stage). A halt names no stage the schema has (suspended is
none): its clause gives no status at all, so that "construction ... has been put on hold" is not
read as under construction. A stage said of something new beside the system ("a second track is
in service", "a new terminal is being built") is that thing's, and is not read.
"""

from __future__ import annotations

import re

from . import preparation, scopes
from .fields import Value

#: What is to come or only possible: "will", "is due to", "is expected to", "could", "should".
FUTURE = re.compile(
    r"\b(?:will|shall|would|could|can|(?-i:may|might)|should|must|ought\s+to|going\s+to|"
    r"(?:is|are|was|were|be|been|being)\s+(?:\w+\s+)?(?:due|set|expected|scheduled|slated|"
    r"planned|poised|likely|unlikely|supposed|meant|hoped|intended|projected|envisaged|"
    r"forecast|estimated|anticipated|about)\s+to|(?:is|are|was|were)\s+to|"
    r"(?:plans?|planning|aims?|aiming|hopes?|hoping|intends?|intending|expects?|expecting|"
    r"wants?|seeks?|seeking|proposes?|promised|promises|pledged|pledges|vowed|vows|agreed|"
    r"decided|ready|prepared|preparing|looking|"
    r"waiting|hope|push(?:es|ing)?\s+for)\s+to|"
    r"'ll|’ll|to\s+be)\b",
    re.I,
)
#: A denial: "has not started", "never began", "has yet to", "no longer".
NEGATION = re.compile(
    r"\b(?:not|never|no\s+longer|yet\s+to|without|nor|neither|hardly|barely)\b|n[’']t\b", re.I
)
#: A condition or a time to come: "once", "until", "if", "when", "as soon as" (not "when it was
#: opened", a time past).
CONDITION = re.compile(
    r"\b(?:once|until|till|unless|if|when|whenever|as\s+soon\s+as|provided|assuming)\s",
    re.I,
)
#: An aim in the infinitive, straight before the phrase: "(is designed) to stay in service for
#: 35 years", "to remain in operation": what it is meant to do, not what it does today.
_AIM = re.compile(r"\bto\s+(?:stay|remain|keep|continue|go|come|enter|be\s+put)\s+$", re.I)
_PAST = re.compile(r"\b(?:was|were|had|did)\b", re.I)
#: Where the words that set a phrase's mood stop, going back from it: a clause's edge.
_EDGE = re.compile(
    r"[;:()—–]\s|,|\.\s|\b(?:but|and|while|whereas|although|though|which|who|that|because)\s+",
    re.I,
)

_WORKS = (
    r"(?:construction|building|works?|groundwork|earthworks?|track-?laying|excavation|tunnell?ing|"
    r"laying|installation|assembly|welding|pipe-?laying)"
)
_BEGIN = (
    r"(?:begin|begins|began|begun|beginning|start|starts|started|starting|commence|commences|"
    r"commenced|commencing|get\s+(?:under\s*way|going|started)|gets\s+(?:under\s*way|going)|"
    r"got\s+(?:under\s*way|going)|getting\s+under\s*way|kick\s+off|kicks\s+off|kicked\s+off|"
    r"kicking\s+off|launch|launches|launched|launching|resume|resumes|resumed|initiated)"
)
#: A start of works, in any tense: its mood says whether it has happened.
START = re.compile(
    # "construction of the railway is due to begin", "work on the Tajik section started"
    # ("the construction phase of the line has kicked off": the works' phase is the works)
    rf"\b(?<!design\s)(?<!survey\s)(?<!planning\s)(?<!feasibility\s){_WORKS}\b"
    rf"(?:\s+(?:phase|stage|activit(?:y|ies)))?"
    # (not across "and to": "speed up building of X and to start building Y" starts Y)
    rf"(?:\s+(?:on|of|at|for)\s+(?:(?!\band\s+(?:to|will|then)\b)[^.;:]){{0,90}}?)?"
    rf"\s+(?:(?!and\s)[\w’']+\s+){{0,4}}?{_BEGIN}\b"
    # "a ceremony that opened construction of the link", "the opening of works on the section"
    r"|\b(?:open|opens|opened|opening)\s+(?:of\s+)?(?:the\s+)?(?:construction|building|works)\b"
    # "began construction", "will start work on", "to launch building"
    rf"|\b{_BEGIN}\s+(?:the\s+|full-scale\s+|actual\s+|physical\s+|main\s+)?{_WORKS}\b"
    # "will start being built", "started building", "began laying the pipe"
    rf"|\b{_BEGIN}\s+(?:being\s+built|to\s+be\s+built|building|constructing|laying|to\s+build)\b"
    # "broke ground", "ground was broken", "groundbreaking ceremony", "laid the first stone"
    r"|\b(?:break|breaks|broke|breaking|broken)\s+ground\b|\bground\s+(?:was|is|will\s+be|has\s+"
    r"been)\s+broken\b|\bground-?breaking\b|\b(?:lay|laid|laying)\s+(?:the\s+)?(?:first|"
    r"foundation|corner)\s*stone\b|\bfoundation-laying\b",
    re.I,
)
#: A halt, a delay or a restart to come: the works' stage is none the schema names.
HALT = re.compile(
    r"\b(?:stall|stalls|stalled|stalling|froze|frozen|freeze|freezing|on\s+hold|on\s+ice|"
    r"shelved|shelve|mothballed|suspended|suspend|suspension|halted|halt|halting|"
    r"postponed|postpone|postponement|delayed|delays?|held\s+up|holding\s+up|put\s+off|"
    r"deferred|in\s+limbo|abandoned|scrapped|cancell?ed|resum(?:e|es|ed|ption)|restart(?:s|ed)?|"
    r"set\s*backs?|setbacks?|came\s+to\s+a\s+standstill|at\s+a\s+standstill|"
    r"(?:pushed|put|set)\s+back|slipped|slips)\b",
    re.I,
)
#: A start that never came, said with the start's own words: planned.
NEVER = re.compile(
    r"\b(?:no\b[^.;]{0,60}?\b(?:has|have)\s+(?:yet\s+)?(?:started|begun)\s+(?:building|"
    r"construction|work|laying)|(?:has|have|had)\s+(?:yet|still)\s+to\s+(?:start|begin|be\s+"
    r"built|break\s+ground|get\s+under\s*way|materiali[sz]e)|"
    r"(?:has|have|had)\s+never\s+(?:got|gotten|gone)\s+(?:off\s+the\s+ground|beyond)|"
    r"(?:was|were|has\s+been|have\s+been|had\s+been)\s+never\s+built|"
    r"(?:has|have|had)\s+not\s+(?:yet\s+)?been\s+(?:launched|started|begun|built|implemented|"
    r"reali[sz]ed)|(?:has|have|had)\s+never\s+been\s+built|never\s+(?:got|went)\s+(?:off\s+the\s+ground|"
    r"beyond)|"
    r"(?:remains?|remained|still|is|are|was)\s+(?:only\s+|largely\s+|just\s+)?(?:on\s+paper|on\s+"
    r"the\s+drawing\s+board)|"
    r"(?:at|in)\s+the\s+(?:design|planning|feasibility|study|survey|pre-?feasibility|"
    r"negotiation|discussion|concept)\s+stage|"
    # a study of whether to build it still going on: "the feasibility study is under way"
    r"(?:(?:feasibility|design|survey)\s+(?:study|studies|work|works)|(?:field\s+)?surveys?)"
    r"(?:\s+(?:of|for|on)\s+"
    r"[^.;,]{0,60}?)?\s+(?:is|are|has\s+been)\s+"
    r"(?:now\s+|still\s+)?(?:under\s*way|underway|in\s+progress|ongoing|being\s+(?:prepared|"
    r"drafted|carried\s+out|conducted|done))|"
    # a start named as a noun and put in the calendar: "the start of construction is scheduled
    # for 2026", "a start to the project is planned for the autumn", "construction start is set
    # for May" (not "was planned for", a plan of the past)
    r"(?:(?:start|beginning|launch|commencement)\s+(?:of|to|for)\s+[^.;]{0,80}?|(?:construction|"
    r"building|works?)\s+(?:start|launch))\s+(?:is|are|has\s+been|have\s+been)\s+(?:now\s+|"
    r"tentatively\s+|provisionally\s+)?(?:planned|scheduled|slated|set|expected|due|envisaged|"
    r"earmarked|pencill?ed\s+in)\s+(?:for|in|on|at)\b|"
    # the works themselves put in the calendar: "construction of the line is scheduled for the
    # autumn", "building is slated for 2026" (a time to come, not works going on)
    r"(?:construction|building|works?)(?:\s+(?:of|on)\s+[^.;]{0,80}?)?\s+(?:is|are)\s+(?:now\s+|"
    r"tentatively\s+)?(?:planned|scheduled|slated|set|due|envisaged|earmarked|pencill?ed\s+in)"
    r"\s+for\b|"
    # "to prepare the launch of the project", "preparing for the start of construction"
    r"prepar\w*\s+(?:for\s+)?the\s+(?:launch|start|beginning)\s+of|"
    # "talks on building X", "a meeting today on the construction of X": still discussed
    r"(?:talks|meetings?|negotiations|discussions|consultations)\s+(?:\w+\s+){0,2}?"
    r"(?:on|about|over)\s+(?:the\s+)?(?:building|construction|constructing|laying))\b",
    re.I,
)
#: A stage named outright, true only of today: the mood of its clause decides whether it counts.
NAMED = (
    (
        # the pace of works says they are going on: "ahead of schedule", "faster than planned",
        # "excavation has got going", "work on the line is being pushed ahead", "building of the
        # line moves ahead fast"
        "under_construction",
        re.compile(
            r"\b(ahead\s+of\s+schedule|behind\s+schedule|(?:faster|quicker|slower)\s+than\s+"
            r"(?:planned|expected|scheduled|envisaged)|(?:excavation|digging|tunnell?ing|drilling|"
            r"track-?laying|earthworks?|works?|building|construction)\s+(?:(?:on|of)\s+[^.;]{0,80}?"
            r"\s+|(?:[\w’'–-]+\s+){0,4}?)"
            r"(?:(?:has|have)\s+)?(?:got\s+going|(?:is|are)\s+(?:being\s+)?(?:pushed|moving|"
            r"progressing|going(?!\s+to\b))|(?:is|are)\s+(?:now\s+)?(?:under\s*way|underway|in\s+"
            r"(?:full\s+)?(?:progress|swing))|in\s+(?:full\s+)?(?:progress|swing)|(?:moves?|"
            r"progress(?:es)?|proceeds?|advances?|goes\s+on)\s+(?:ahead\s+|forward\s+)?(?:fast|"
            r"quickly|rapidly|apace|well|smoothly|steadily|on\s+schedule|ahead|forward))|"
            # "construction is proceeding according to schedule", "works go on as planned"
            r"(?:works?|building|construction)\s+(?:(?:on|of)\s+[^.;]{0,80}?\s+)?(?:is|are)\s+"
            r"(?:now\s+|still\s+)?(?:proceeding|progressing|advancing|moving|continuing|going)\s+"
            r"(?:(?:according\s+to|in\s+line\s+with)\s+(?:the\s+)?(?:plan|schedule|timetable)|"
            r"as\s+(?:planned|scheduled)|on\s+(?:schedule|track|time)))",
            re.I,
        ),
    ),
    (
        # "in its ten years of operation": counting its time in service
        "operating",
        re.compile(
            r"\b(operational|in\s+operation|entered\s+service|in\s+service|in\s+use|came\s+online|"
            r"came\s+on\s+stream|on\s+stream|up\s+and\s+running|(?:was|were|been|be|being|is|are|"
            r"newly|recently|fully|already|officially|formally)\s+commissioned|"
            r"(?:works|operates|functions)\s+as\s+(?:an?|the|one)\s+(?:[\w-]+\s+){0,3}?(?:hub|"
            r"port|gateway|terminal|link|corridor|route|node|cent(?:re|er)|junction|bridge)|"
            r"(?:its|their)\s+(?:first\s+)?(?:[\w-]+\s+)?(?:years?|decades?|months?)\s+of\s+"
            r"(?:operation|service)|"
            # "the dry port, which works round the clock": at work day and night
            r"(?:works|operates|runs)\s+(?:round|around)\s+the\s+clock|"
            r"(?:works|operates|runs)\s+(?:24|twenty-four)\s+hours\s+a\s+day|"
            # "has been pumping gas to China since 2009": at work from a time on, to today
            r"(?:has|have)\s+been\s+(?:pumping|supplying|delivering|carrying|transporting|"
            r"handling|shipping|serving)\b(?=[^.;]{0,80}\bsince\b)|"
            r"(?:is|are|has\s+been|have\s+been|was|were|now|already)\s+(?:\w+\s+)?(?:operating|"
            r"running|functioning|working)(?!\s+(?:on|towards?|with|to|out)\b))\b",
            re.I,
        ),
    ),
    (
        # "a pipeline being built across Tajikistan": a reduced clause says the same as "is"
        "under_construction",
        re.compile(
            # "is finishing the first tunnel", "are digging its bridges": works on its structures
            r"\b((?:is|are)\s+(?:now\s+)?(?:finishing|completing|digging|boring|building)\s+"
            r"(?:the\s+|its\s+)?(?:first|last|final|main|longest)?\s*(?:tunnels?|bridges?|"
            r"viaducts?)\b|under\s+construction|(?<!\bstart\s)(?<!\bstarts\s)(?<!\bstarted\s)(?<!\bbegin\s)"
            r"(?<!\bbegan\s)(?<!\bbefore\s)(?<!\bafter\s)(?<!\bof\s)being\s+(?:built|laid|"
            r"constructed)|"
            r"(?:have|has|had)\s+(?:already\s+)?started\s+building|"
            r"(?:construction|building|works?)\s+(?:on\s+[^.;]{0,60}?\s+)?(?:is|are|has\s+been|"
            r"have\s+been)\s+(?:now\s+|already\s+|well\s+|fully\s+)?(?:under\s*way|underway|"
            r"in\s+progress|ongoing|going\s+on))",
            re.I,
        ),
    ),
    (
        # a plan to extend or widen it is not the thing's own stage ("plans to extend its part");
        # a figure "planned at 4 mn tonnes" is an aim for the volume, not a stage
        "planned",
        re.compile(
            # ("it is planned," said aside, and "as planned" name no stage)
            r"\b((?<!\bit\sis\s)(?<!\bas\s)planned(?!\s+to\b)(?!\s+at\s+(?:\w+\s+)?[$€£¥\d])|"
            # "the company that is to build the railway" (not "will build it faster": a pace)
            r"(?:is|are)\s+to\s+(?:jointly\s+)?(?:build|construct)\b(?![^.;]*\b(?:faster|"
            r"quicker|sooner)\b)|"
            r"to\s+be\s+built(?!\s+(?:within|by|in|over)\b)|plans?\s+"
            r"(?:\w+\s+){0,3}?(?:to|for)\s+(?:build|construct|develop|lay)\w*|plans\s+for)\b",
            re.I,
        ),
    ),
)
#: Works over: "was completed (ahead of schedule)", "was launched two years ahead of schedule".
DONE = re.compile(
    r"\b(?:completed|finished|launched|opened|commissioned|delivered|inaugurated|handed\s+over|"
    r"put\s+into\s+(?:operation|service))\b",
    re.I,
)
#: "The construction of the X railway is a prime example": building is going on, unless its
#: clause is about preparing for it, or its start, halt or end (read by the families above).
CONSTRUCTION_OF = re.compile(
    r"(?<!\bfor )(?<!\bfor the )(?<!\bbefore )(?<!\bbefore the )(?<!\bcoordinating )"
    r"\b(?:the |its )?construction of\b",
    re.I,
)
#: Something new beside the system, or a partner's plan, is the subject: "a second track",
#: "a new terminal", "another branch", "a transshipment station ... is planned".
NEW_THING = re.compile(
    r"\ban?\s+(?:[\w-]+\s+)?(?:second|third|fourth|fifth|new|additional|further|extra)\s+[\w-]+|"
    r"\bthe\s+next\s+(?:one|line|string|strand|branch|stage|phase|section|track|pipeline|"
    r"railway)\b|"
    r"\banother\s+[\w-]+|"
    r"\b(?:second|third|fourth|new|additional|further|extra|parallel)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:tracks?|terminals?|(?:sea)?ports|stations?|hubs?|depots?|warehouses?|yards?|berths?|piers?|"
    r"cranes?|spurs?|sidings?|loops?|"
    r"wings?|facilit(?:y|ies)|complex|zones?|phases?|stages?|lanes?|platforms?)\b",
    re.I,
)
#: Rolling stock and ships built or bought say nothing of the line's or port's stage.
VEHICLES = re.compile(
    r"\b(?:ships?|vessels?|ferr(?:y|ies)|barges?|tankers?|wagons?|locomotives?|railcars?|"
    r"carriages?|containers?|trucks?)\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
#: Work that is no building: "launched work on digitalisation", "work on the tariffs".
NOT_WORKS = re.compile(
    r"\bworks?\s+on\s+(?:the\s+|a\s+|its\s+|new\s+)*(?:digital\w*|prepar\w*|tariffs?|agreements?|"
    r"documents?|documentation|stud(?:y|ies)|plans?|feasibility|design|surveys?|logistics|"
    r"customs|procedures?|harmoni\w*|protocols?|memorand\w*|legal|regulat\w*|road\s*maps?|"
    r"schedules?|timetables?|financ\w*|funding|deals?|contracts?|strateg\w*|programmes?|"
    r"programs?|visas?|rules?|standards?|formalities|paperwork)\b",
    re.I,
)
OTHER_SUBJECT = re.compile(
    r"\b(?:an?|\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"(?:thir|four|fif|six|seven|eigh|nine)teen|"
    r"(?:twen|thir|for|fif|six|seven|eigh|nine)ty|hundreds|dozens|more|several|other)\s+"
    r"[^.;:]{0,70}?\b(?:is|are)\s+"
    r"(?:also\s+)?(?:being\s+|now\s+being\s+)?$",
    re.I,
)


#: "... are being built at the terminal of the port": something built at a facility that stands
#: (a pace, a rate or a cost says how, not where).
BUILT_AT = re.compile(
    r"\s+at\s+(?:the|its)\s+(?!(?:\w+\s+)?(?:pace|rate|speed|cost|time|moment|expense|"
    r"same)\b)",
    re.I,
)


def lead(sentence: str, at: int) -> str:
    """The words before ``at`` in its clause: where a phrase's mood is said."""
    edges = [m.end() for m in _EDGE.finditer(sentence, 0, at)]
    return sentence[edges[-1] if edges else 0 : at]


def mood(sentence: str, at: int, end: int | None = None) -> str:
    """ "condition", "denied", "future" or "" (a fact of its time) for the phrase at ``at``: read in
    the words before it in its clause, and in the phrase itself up to ``end``."""
    before = lead(sentence, at)
    own = sentence[at:end] if end is not None else ""
    opener = re.search(r"\b(?:while|as)\s+$", sentence[: at - len(before)], re.I)
    if opener and FUTURE.search(sentence, 0, at - len(before)):
        return "future"  # "the line would create jobs while it was being built": a time to come
    cond = CONDITION.search(before)
    if cond and not _PAST.search(before, cond.end()):
        return "condition"
    if NEGATION.search(before) or NEGATION.search(own):
        return "denied"
    if FUTURE.search(before) or FUTURE.search(own) or _AIM.search(before):
        return "future"
    return ""


def _other_thing(sentence: str, at: int, end: int | None = None) -> bool:
    """A second track, a new terminal, another branch, ships being built, work on digitalisation:
    the clause (up to ``end``, for "work on a new seaport is to start") is about something beside
    it."""
    a, b = scopes.clause_of(sentence, at)
    if NEW_THING.search(sentence, a, end or at) or NOT_WORKS.search(sentence, a, b):
        return True
    after = end + len(sentence[end:]) - len(sentence[end:].lstrip()) if end is not None else -1
    if end is not None and NEW_THING.match(sentence, after):
        return True  # "to start building a fourth one", "will build a second track": the new thing
    return bool(VEHICLES.search(sentence[max(a, at - 40) : at]))


def _clause(sentence: str, at: int) -> tuple[int, int]:
    start = at - len(lead(sentence, at))
    nxt = _EDGE.search(sentence, at)
    return start, nxt.start() if nxt else len(sentence)


_PERFECT = re.compile(
    r"\b(?:has|have)\s+(?:\w+\s+){0,2}?(?:begun|started|"
    r"commenced|got(?:ten)?\s+(?:under\s*way|going)|kicked\s+off|been\s+(?:launched|initiated))\b",
    re.I,
)
BUILDING, RUNNING = "under_construction", "operating"
#: An opening told as done, in the present perfect or the simple past: "has been commissioned",
#: "have opened a pipeline", "went into operation" (not "has opened new markets", nor a talk or an
#: office opened).
OPENED = re.compile(
    r"\b(?:has|have)\s+(?:\w+\s+)?been\s+(?:opened|inaugurated|commissioned|launched|put\s+into\s+"
    r"(?:service|operation))\b(?!\s+(?:up|for|to\s+(?:investors|bids|the\s+public)))|"
    r"\b(?:has|have)\s+(?:\w+\s+)?(?:opened|inaugurated|commissioned|launched)\s+(?:an?|the|its|"
    r"their)\s+(?:[\w-]+\s+){0,3}?(?:pipeline|railway|rail\s+line|line|port|link|corridor)\b|"
    # "went into operation", "was put into service", "came into operation", "was brought into
    # service", "was completed and put into operation" in the simple past
    r"\b(?:went|came|entered|(?:was|were)\s+(?:\w+\s+and\s+)?(?:put|brought|placed))\s+(?:into\s+)?"
    r"(?:commercial\s+|full\s+|regular\s+)?(?:operation|service|exploitation)\b|"
    # "started commercial operations", "began regular service" (not "began service talks")
    r"\b(?:started|began|commenced)\s+(?:commercial|regular|full)\s+(?:operations?|"
    r"service)\b|"
    # "took part in the ceremony opening the X gas pipeline" (not one opening construction)
    r"\bceremony\s+(?:that\s+opened|which\s+opened|opening|to\s+open|marking\s+the\s+opening\s+"
    r"of)\s+(?:the\s+)?(?!(?:construction|building|works?)\b)(?=[\w“\"'-]+(?:\s+[\w“”\"'–-]+){0,6}?\s+"
    r"(?:pipeline|railway|line|port|terminal|link)\b)",
    re.I,
)
_MADE = re.compile(
    r"\b(?:began|begun|started|commenced|kicked|got|gotten|launched|broke|broken|laid|opened|"
    r"initiated)\b",
    re.I,
)
#: A step of the works, not the works as a whole: its start or end dates the step only.
STEP = re.compile(
    r"\b(?:groundwork|earthworks?|track-?laying|excavation|tunnell?ing|laying|installation|"
    r"assembly|welding|pipe-?laying|tunnels?|bridges?|viaducts?)\b|tracklaying",
    re.I,
)


def _start_stage(sentence: str, m: re.Match) -> str | None:
    """A start of works: going on ("has begun": under construction), to come or denied (planned,
    implied), made ("began", implied under construction when no year dates it), in a condition
    or told in the present ("work starts in October", as often a plan as a fact): nothing."""
    said = mood(sentence, m.start(), m.end())
    if said == "condition" or re.search(r"\b(?:resum|restart)", m.group(), re.I):
        return None  # works to resume were begun, then stopped: no stage the schema names
    if said:
        # a step still to come ("tracklaying will begin next month") is no sign that nothing has
        # begun: only the works as a whole, or the first ground broken, say so
        return None if STEP.search(m.group()) else "planned"
    if _PERFECT.search(lead(sentence, m.start())[-40:] + m.group()):
        return "under_construction"  # "work has begun": going on now, as the words say
    ceremony = re.search(r"ground-?breaking|foundation-laying", m.group(), re.I)
    if ceremony and FUTURE.search(sentence, m.end(), _clause(sentence, m.start())[1]):
        return "planned"  # "a groundbreaking ceremony will be held in May"
    # a start told in the past with its year ("began in 2012") is dated, and its date against
    # the article's says the stage (stages.py): the line may have opened since; with no year
    # ("began on December 27" in an undated copy) the words alone imply works going on
    a, b = _clause(sentence, m.start())
    if _MADE.search(m.group()) and not re.search(r"\b(?:19|20)\d\d\b", sentence[a:b]):
        return "made"
    return None


def statuses(sentence: str) -> list[Value]:
    """Each stage the sentence says, where it stands (spans never read twice)."""
    out: list[Value] = []
    taken: list[tuple[int, int]] = []
    halted = [_clause(sentence, m.start()) for m in HALT.finditer(sentence)]

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in taken)

    def add(status: str, m: re.Match, why: str) -> None:
        taken.append(m.span())
        out.append(Value("status", status, at=m.start(), reason=f"{why} {m.group()!r}"))

    for m in NEVER.finditer(sentence):
        if mood(sentence, m.start()) != "condition" and not _other_thing(sentence, m.start()):
            add("planned", m, "a start still to come:")
    for m in START.finditer(sentence):
        if not free(*m.span()) or _other_thing(sentence, m.start(), m.end()):
            continue
        if any(a <= m.start() < b for a, b in halted):
            taken.append(m.span())
            continue
        stage = _start_stage(sentence, m)
        taken.append(m.span())
        if stage == "under_construction":  # "work has begun": stated
            out.append(Value("status", stage, at=m.start(), reason=f"says {m.group()!r}"))
        elif stage is not None:  # read from a start of works and its tense: implied, not stated
            how = "made, no year given" if stage == "made" else "still to come"
            stage = BUILDING if stage == "made" else stage
            why = f"a start of works {how} ({m.group()!r})"
            out.append(Value("status", stage, at=m.start(), reason=why, hints={"implied": why}))
    for m in OPENED.finditer(sentence):
        if free(*m.span()) and not mood(sentence, m.start(), m.end()):
            if not _other_thing(sentence, m.start(), m.end()):
                why = f"an opening told as done ({m.group()!r})"
                out.append(
                    Value("status", RUNNING, at=m.start(), reason=why, hints={"implied": why})
                )
            taken.append(m.span())
    for status, pattern in NAMED:
        for m in pattern.finditer(sentence):
            if not free(*m.span()) or any(a <= m.start() < b for a, b in halted):
                continue
            if status == "under_construction" and DONE.search(lead(sentence, m.start())):
                continue  # "was completed ahead of schedule": the works are over
            if (
                status == "under_construction"
                and BUILT_AT.match(sentence, m.end())
                and re.search(r"\bare\s+(?:now\s+|also\s+)?(?:being\s+)?$", sentence[: m.start()])
            ):
                continue  # "new tracks are being built at the terminal": works at it, not on it
            if status == "planned" and OTHER_SUBJECT.search(sentence[: m.start()]):
                continue  # "a transshipment station is planned at Makmal": another thing's plan
            said = mood(sentence, m.start(), m.end())
            end = m.end() if status == "planned" else None  # "will build the next one"
            if _other_thing(sentence, m.start(), end) or (
                said and (status, said) != ("planned", "future")
            ):
                continue  # "should be commissioned next year", "once it is in service"
            taken.append(m.span())
            out.append(Value("status", status, at=m.start(), reason=f"says {m.group()!r}"))
    for m in CONSTRUCTION_OF.finditer(sentence):
        a, b = _clause(sentence, m.start())
        rest = sentence[m.end() : b]
        if not free(a, b) or any(x <= m.start() < y for x, y in halted):
            continue
        if not re.fullmatch(
            r"\s*(?:(?:and|but|while|now|so\s+far|meanwhile)\s+)?", lead(sentence, m.start())
        ):
            continue  # the object of a verb ("discussed how to speed up construction of"): no stage
        if mood(sentence, m.start()) or FUTURE.search(rest) or NEGATION.search(rest):
            continue  # "the construction of the line will create jobs": no stage of today
        if re.search(r"\b(?:complet|finish|end|done|start|begin|launch)", rest, re.I):
            continue
        taken.append(m.span())
        out.append(
            Value("status", "under_construction", at=m.start(), reason=f"says {m.group()!r}")
        )
    if not out and not any(p.search(sentence) for p in (START, OPENED, HALT, NEVER)):
        out = preparation.signs(sentence)  # a study done, works to last: unless it says more
    out = [v for v in out if not (v.value != BUILDING and _of_a_part(sentence, v.at))]
    out.sort(key=lambda v: v.at)
    return out


#: A part of the system: "the Kyrgyz section", "its Uzbek leg", "one stretch".
PART = re.compile(r"\b(?:section|stretch|leg|segment|portion|sector)s?\b", re.I)


def _of_a_part(sentence: str, at: int) -> bool:
    """A stage not begun or in service, said of a part ("the Kyrgyz section has yet to be
    built"), is not the whole's: other parts may be further on. Works going on in a part are
    (the whole is being built)."""
    a, b = scopes.clause_of(sentence, at)
    return bool(PART.search(sentence, a, min(b, at + 60)))
