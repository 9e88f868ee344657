"""Who runs a system, in the words reporting on joint ventures uses (convention 4 of
benchmarks/reporting/CONVENTIONS.md: a company set up for the system is its operator).

phrases.OPERATOR reads the plain shapes ("operated by X", "X operates the ...", "the dry port
operator X"). Reporting on the gas pipeline, the railways and the dry port names the company
that runs a system mostly through the venture that was set up for it:
- the role said first: "the pipeline's operator will be X", "its operator is the joint venture
  X", "the operator is a CNPC subsidiary, X";
- the venture and what it was set up for: "X, a joint venture set up by A and B to build the
  link", "A and B set up X in 2008 to carry out the project", "formed a joint venture, to be
  called X, to build and operate the section", "X, the joint venture the three railways set up
  to work on the route";
- what the company does: "X, which is engaged in the design, construction and operation of the
  pipeline", "X, which designs, builds and operates it", "the joint venture X ... will operate it";
- the project carried out by a joint company: "will be carried out by the X Railway Company";
- the agreement that a joint company signs "on designing, building, financing and running" it.
A contractor ("built by", "the general contractors are ...") or a shareholder is no operator.
"""

from __future__ import annotations

import re

from .fields import Value

#: A company's name: capitalised words (a dash or "and" between them allowed), ending on a word,
#: with a trailing legal form ("LLP", "Ltd.") that company_name drops.
_NAME = (
    r"[A-Z][\w’'-]*(?:[ \t]*[-–][ \t]*[A-Z][\w’'-]*|[ \t]+(?:of[ \t]+|and[ \t]+)?[A-Z][\w’'-]*)"
    r"{0,7}"
)
#: What a venture is set up to do, in the verbs of building and running.
_FOR = (
    r"(?:design|build|construct|finance|run|operate|manage|implement|develop|coordinate|carry\s+out|"
    r"work(?:\s+together)?\s+on)"
)
_TO_DO = rf"to\s+(?:jointly\s+)?{_FOR}\b"
_SET_UP = r"(?:set\s+up|established|formed|created|founded|launched|registered)"
_VENTURE = r"(?:joint\s+venture|venture|JV|joint\s+company|joint\s+enterprise|consortium)"
#: Words that describe a company before its name: "the Uzbek-Chinese joint venture", "a CNPC
#: subsidiary,", "CNPC's subsidiary,", "a subsidiary of the state oil firm,".
_DESCRIBED = (
    rf"(?:(?:the|a|an)\s+)?(?:[\w’'-]+\s+){{0,3}}?(?:{_VENTURE}|subsidiary|company|firm|unit|arm)"
    r"(?:\s+of\s+[^,.;]{1,40},)?,?\s+"
)
#: The shapes, each with the company in group "org".
SHAPES = (
    # "the pipeline's operator will be X", "its operator is the joint venture X"
    re.compile(
        r"\b(?:[Tt]he|[Ii]ts)\s+(?:[\w’'-]+\s+){0,2}?operator\s+(?:is|was|will\s+be|would\s+be|"
        rf"became|is\s+to\s+be)\s+(?:{_DESCRIBED})?[«\"“]?(?P<org>{_NAME})"
    ),
    # "X, a joint venture set up by A and B to build the link"; "X, the joint venture the
    # railways set up to work together on the route"
    re.compile(
        rf"(?P<org>{_NAME})\.?,\s+(?:a|an|the)\s+(?:[\w’'-]+\s+){{0,3}}?{_VENTURE}\b[^.;]{{0,90}}?"
        rf"\b{_SET_UP}\b[^.;]{{0,60}}?\b{_TO_DO}"
    ),
    # "the X Company, registered in Astana, was set up in 2023 to coordinate ... on the route"
    re.compile(
        rf"(?P<org>{_NAME})\.?(?:,[^,;.]{{0,60}},)?\s+(?:was|were|has\s+been|had\s+been)\s+"
        rf"{_SET_UP}\b[^.;]{{0,30}}?\b{_TO_DO}"
    ),
    # "A and B set up X in February 2008 to carry out the project"; "formed a joint venture, to
    # be called X, to build and operate ..."
    re.compile(
        rf"\b{_SET_UP}\s+(?:an?\s+(?:[\w-]+\s+){{0,2}}?{_VENTURE},?\s+(?:to\s+be\s+)?"
        rf"(?:called|named)\s+)?[«\"“]?(?P<org>{_NAME})[»\"”]?,?(?:\s+(?:in|on)\s+[\w\s]{{1,20}}?)?"
        rf",?\s+{_TO_DO}"
    ),
    # "X, which is engaged in the design, construction and operation of the pipeline", "X,
    # which designs, builds and operates it"
    re.compile(
        rf"(?P<org>{_NAME}),\s+(?:which|that)\s+(?:(?:is|was|will\s+be)\s+)?(?:(?:engaged|involved)"
        r"\s+in|responsible\s+for|in\s+charge\s+of)\s+(?:the\s+)?(?:[a-z]+,?\s+(?:and\s+)?){0,4}?"
        r"(?:operation|running|management)\b"
        rf"|(?P<org2>{_NAME}),\s+(?:which|that)\s+(?:(?:designs|builds|built|finances|owns),?\s+"
        r"(?:and\s+)?){1,3}(?:operates|runs|manages)\b"
    ),
    # "the joint venture X ... will build and then operate it"
    re.compile(
        rf"\b{_VENTURE}\s+[«\"“]?(?P<org>{_NAME})\b[^.]{{0,120}}?\b(?:operate|operates|run|runs|"
        r"manage|manages)\s+(?:it|the|them)\b"
    ),
)
#: A joint company by its name's last word: what "carried out by" and a signed agreement need
#: to tell the company set up for the system from a contractor or a government.
_JOINT_COMPANY = re.compile(
    r"(?:Company|Joint\s+Venture|JV|Consortium|LLP|LLC|Ltd\.?|Limited)$", re.I
)
#: "The project will be carried out by the X Railway Company".
_CARRIED_OUT = re.compile(
    rf"\b(?:carried\s+out|implemented|built\s+and\s+(?:run|operated))\s+by\s+(?:the\s+)?"
    rf"(?P<org>{_NAME})"
)
#: "A and the X Company have signed an agreement on designing, building, financing and running
#: the line": the parties, then an agreement on building and running.
_SIGNED = re.compile(
    r"^(?P<parties>[^.;]{3,160}?)\s+(?:have\s+|has\s+)?(?:signed|put\s+their\s+names\s+to|"
    r"inked|concluded)\s+an?\s+(?:[\w-]+\s+){0,2}?agreement\b[^.;]{0,40}?\b(?:on|covering|for)\s+"
    r"(?:the\s+)?(?:design\w*|build\w*|construct\w*|financ\w*)\b[^.;]{0,60}?\b(?:operat\w*|"
    r"run\w*|manag\w*)\b"
)


def joint_operators(sentence: str) -> list[tuple[str, int, str]]:
    """(company, offset, why) for each company the sentence says was set up for a system, or
    runs it, in the shapes above; the caller drops legal forms and non-companies."""
    out = []
    for pattern in SHAPES:
        for m in pattern.finditer(sentence):
            org = m.group("org") or (m.groupdict().get("org2") or "")
            if org:
                why = f"{m.group().strip()[:60]!r}: a company set up for it or running it, its operator"
                out.append((org, m.start(), why))
    for m in _CARRIED_OUT.finditer(sentence):
        if _JOINT_COMPANY.search(m.group("org")):
            out.append((m.group("org"), m.start(), f"{m.group()[:60]!r}: operator, carried out by"))
    m = _SIGNED.match(sentence)
    if m:
        for org in re.findall(_NAME, m.group("parties")):
            if _JOINT_COMPANY.search(org):
                why = "a joint company signing the agreement to build and run it: its operator"
                out.append((org, m.start(), why))
    return out


def values(sentence: str, company_name, company_like) -> list[Value]:
    """The operators joint_operators finds, as values (``company_name`` drops the legal form;
    ``company_like`` refuses a place or a pronoun)."""
    out = []
    for org, at, why in joint_operators(sentence):
        name = company_name(org)
        if name and company_like(name):
            out.append(Value("operator", name, at=at, reason=why))
    return out
