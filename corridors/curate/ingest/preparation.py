"""A project still being prepared: the signs reporting gives that nothing has been built yet.

Reports on a line that is not begun seldom say "planned". They say its feasibility study "has
been completed", that the sides "finished drafting" the design or that an expert review of it
"is to follow"; or they give how long the works will last ("building the line will take three
years", "construction is expected to last six years"), which is said of works still to come.
Curators record such a project as planned. Each sign is an inference, not a stage said in words,
so the value is marked implied (lower confidence, a reason that says so); and it yields to any
other stage the same sentence states ("the study was finished in 2019 and construction began in
2021" is under construction). A study or works of something new beside the system ("a study of
a second track") are that thing's, and are not read.
"""

from __future__ import annotations

import re

from .fields import Value

_STUDY = (
    r"(?:(?:pre-?)?feasibility|design|technical|engineering|project)\s+(?:and\s+[\w-]+\s+)?"
    r"(?:stud(?:y|ies)|documentation|documents|designs?)"
)
#: A study of the project done, drafted, approved or under review: "the feasibility study has
#: been completed", "the sides finished drafting the feasibility study", "the design
#: documentation was approved", "the feasibility studies are finished".
STUDY_DONE = re.compile(
    rf"\b{_STUDY}\b[^.;]{{0,40}}?\b(?:is|are|was|were|(?:has|have)\s+(?:now\s+|already\s+)?been)\s+(?:now\s+|"
    r"already\s+|fully\s+)?(?:completed|complete|finished|done|ready|drafted|approved|"
    r"under\s+review|being\s+reviewed)\b"
    rf"|\b(?:completed|finished|drafted|approved|prepared|signed\s+off)\s+(?:drafting\s+|"
    rf"work\s+on\s+|preparing\s+)?(?:the\s+|a\s+|its\s+|their\s+)?{_STUDY}\b",
    re.I,
)
#: How long the works will last, said of works to come: "building the line will take three
#: years", "construction is expected to last about six years" (not "three more years", the rest
#: of works going on).
WORKS_LAST = re.compile(
    r"\b(?:construction|building|works?|laying)\b[^.;]{0,80}?\b(?:will|would|should|could|is\s+"
    r"(?:expected|set|due|planned|scheduled|projected|estimated)\s+to|are\s+(?:expected|set|"
    r"due|planned|scheduled)\s+to)\s+(?:take|last)\s+(?:about\s+|around\s+|some\s+|roughly\s+|"
    r"up\s+to\s+|for\s+)?(?:\w+\s+)?(?:years?|months?)\b(?!\s+(?:more|longer))",
    re.I,
)
_BUILD = r"(?:build|building|construct|construction|constructing|lay|laying|creat\w+)"
#: A deal or a decision to build it, made: "signed an agreement to build the line", "the
#: intergovernmental agreement on laying the pipeline was signed", "the government has approved
#: the plan for the pipeline". What is agreed or approved is still to be built.
AGREED = re.compile(
    rf"\b(?:agreements?|deals?|accords?|memorand\w+|contracts?)\s+(?:(?:on|for)\s+)?(?:the\s+)?"
    rf"(?:to\s+|on\s+)?(?:jointly\s+)?{_BUILD}\b[^.;]{{0,120}}?\b(?:was|were|has\s+been|have\s+been|"
    r"is|are)\s+(?:\w+\s+)?signed\b"
    rf"|\b(?:signed|concluded|inked|reached)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){{0,3}}?"
    rf"(?:agreements?|deals?|accords?|memorand\w+)\s+(?:on|for|to)\s+(?:the\s+)?(?:jointly\s+)?"
    rf"{_BUILD}\b"
    r"|\b(?:has|have|had)\s+approved\s+(?:the\s+|a\s+)?(?:plans?|project|proposal|construction|"
    r"building)\s+(?:for|of|to\s+build)\b",
    re.I,
)
#: Talks on building it under way or held: "negotiations have begun on carrying out the
#: project to build the line", "consultations on the construction of the railway".
TALKS = re.compile(
    r"\b(?:talks|negotiations|consultations|discussions)\b[^.;]{0,60}?\b(?:on|about|over)\s+"
    rf"(?:[\w-]+\s+){{0,5}}?{_BUILD}\b",
    re.I,
)
#: Something beyond the system as it is: its next phase, a new string, an expansion.
_BEYOND = re.compile(
    r"\bnew\s+(?:[\w-]+\s+)?(?:terminals?|tracks?|berths?|ports?|stations?|facilit\w+|warehouses?|"
    r"hubs?|yards?)\b|"
    r"\b(?:second|third|fourth|fifth|next|another|additional|extension|expansion|expand\w*|"
    r"upgrad\w*|modernis\w*|moderniz\w*|widen\w*|phase|stage|branch|spur)\b",
    re.I,
)
#: The rest of works going on, or something new beside the system.
_NOT_THE_PROJECT = re.compile(
    r"\b(?:more|another|further|remaining|rest\s+of|second|third|new|additional|extension|"
    r"expansion|upgrade|modernis\w*|moderniz\w*|reconstruction)\b",
    re.I,
)


def signs(sentence: str) -> list[Value]:
    """Planned, implied by a study done, the length of works to come, a deal or decision to build
    it, or talks on building it."""
    out: list[Value] = []
    for pattern, what in ((STUDY_DONE, "a study of it done"), (WORKS_LAST, "works still to last")):
        for m in pattern.finditer(sentence):
            if _NOT_THE_PROJECT.search(m.group()):
                continue  # a study of its expansion, or the rest of works going on
            why = f"{what} ({m.group()!r}): nothing built yet"
            hints = {"implied": why, "topic": "a study or works of the project reported on"}
            out.append(Value("status", "planned", at=m.start(), reason=why, hints=hints))
            break
    for pattern, what in ((AGREED, "a deal or decision to build it"), (TALKS, "talks on it")):
        for m in pattern.finditer(sentence):
            if _BEYOND.search(sentence, m.start(), m.end() + 60):
                continue  # a deal on its next phase, a new string, an expansion: not its stage
            if re.search(r"\b(?:19|20)\d\d\b", sentence):
                continue  # a dated deal is history: the works may have begun since
            why = f"{what} ({m.group()!r}): nothing built yet"
            hints = {"implied": why, "topic": "a deal or talks on building the system"}
            out.append(Value("status", "planned", at=m.start(), reason=why, hints=hints))
            break
    return out[:1]
