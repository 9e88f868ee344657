"""Organisations: the railways, holdings, ministries and companies a report names as its source
or as who runs a system. They are never infrastructure, never "mentioned, not mapped", and a
company named after a system ("Middle Corridor Multimodal Ltd") is that company, not the system.
A body that speaks for a route ("the TITR association") is left to it: its plans are the route's.
"""

from __future__ import annotations

import re

#: Words after a head that make the phrase an organisation: "... Railways Company", "... Group".
ORG_TAIL = (
    r"Holdings|Company|Group|Corporation|Corp|JSC|LLC|LLP|Ltd|PLC|Administration|Authority|Agency|"
    # "... Pipeline Engineering", "... Railway Express" (a train service's brand), "a joint
    # railway venture": who builds, runs or sells the line, not the line
    r"Engineering|Bureau|Express|Consortium|(?i:venture|consortium)"
)
#: Organisations named without a head noun of infrastructure, or by what they are.
ORGANISATION = re.compile(
    r"\b(?:the\s+)?(?:(?:state|national|Kazakh|Uzbek|Kyrgyz|Chinese|Turkmen|Azerbaijani|Georgian)"
    r"\s+)?(?:railway|rail|transport|gas|oil|energy|pipeline|port|logistics)\s+"
    r"(?:company|companies|holding|operator|operators|monopoly|corporation|group|administration|"
    r"authority|agency|firm|giant|ministry)\b"
    # "the company expects to carry ...": a company called by what it is
    r"|\bthe\s+(?:company|firm|joint\s+venture|consortium)\b"
    r"|\b(?:CNPC|KTZ|KTZE|ADY|UTY|PetroChina|Sinopec|KazTransGas|QazaqGaz|Uzbekneftegaz|"
    r"Turkmengaz|KazMunayGas|COSCO|DP World|PipeChina|Tajiktransgaz|Tojiktransgaz|Uztransgaz|"
    r"KazStroiService|Intergas\s+Central\s+Asia|Amu\s+Darya\s+River\s+Gas)\b"
    # the gas pipeline's own companies, named like it ("Trans-Asia Gas Pipeline", "Asian Gas
    # Pipeline", "Trans-Tajik Gas Pipeline Company", "Sino-pipeline International"): who builds
    # and runs its lines, never the pipeline ("the Central Asian Gas Pipeline" is the pipeline)
    r"|\b(?<!Central\s)(?:Trans-Asia|Asian?|Trans-Tajik)\s+Gas\s+Pipeline"
    r"(?=\s+(?:Company|Co\b|Ltd|LLP|Limited|JSC)|,\s+(?:a|an|the|which)\b|\s+\(|\s+(?:said|says|"
    r"signed|will|has|had|is|was|owns|holds|operates|runs)\b)"
    r"|\bTrans-Asia\s+Gas\s+Pipeline\b|\bAsia\s*Trans\s*Gas\b|\bSino-?[Pp]ipeline\s+International\b"
    r"|\b(?:Ministry|Ministries|Minister)\s+of\b[^,.;]*"
    r"|\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?:Railways|Temir\s+Zho?l[uy]|Temir\s+Yo[l']+ari|"
    r"Railroads)\b(?:\s+(?:CJSC|JSC|Company|Corporation|Express))?"
    # "China Railway International", "China Railway", "Kazakhstan Railway Company": a capital R
    # after a single country's name is a company, not a line
    r"|\b(?:China|Kazakhstan|Kyrgyzstan|Uzbekistan|Azerbaijan|Georgia|Turkey|Russia|Tajikistan|"
    r"Turkmenistan|Kyrgyz|Uzbek|Kazakh)\s+Railway\b(?:\s+(?:International|Corporation|"
    r"Construction|Group|Express|Company|Engineering))*"
    # "the Kyrgyz and Uzbek railways", "the national railways": each country's railway company
    r"|\b(?:(?:Kazakh|Uzbek|Kyrgyz|Chinese|Turkmen|Azerbaijani|Georgian|Tajik|Turkish|national|"
    r"state)\s+(?:and\s+|,\s*)?)+railways\b"
    # who runs or owns it is a company, whatever its name says: "operated by Trans-Asia Gas
    # Pipeline", "Eastern Gas Pipeline, a CNPC subsidiary"
    r"|(?:(?<=operated\sby\s)|(?<=managed\sby\s)|(?<=owned\sby\s)|(?<=run\sby\s)"
    # "the Georgian operator X Railway", "who heads X Gas Pipeline": a company by what it is
    r"|(?<=operator\s)|(?<=heads\s)|(?<=chairs\s))"
    r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)+"
    r"|\b[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)+(?=,\s+(?:an?|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:subsidiary|affiliate|unit|arm|joint\s+venture|venture|consortium)\b)"
    # strategies and initiatives are no infrastructure either
    r"|\b(?:(?:New|Beijing['’]s(?:\s+New)?)\s+)?Silk\s+Road(?:\s+Economic\s+Belt)?\b"
    r"|\b(?:Eurasian\s+)?Land\s+Bridge\b|\bBelt\s+and\s+Road\b",
)
#: What follows a system's name when the phrase is a company named after it: "... Multimodal
#: Ltd", "... JSC", "... Joint Venture".
_AFTER_NAME = re.compile(
    r"^(?:\s+[A-Z][a-z]+){0,2}\s+(?:Ltd|LLC|LLP|JSC|CJSC|PLC|Inc|GmbH|Company|Corporation|"
    r"Consortium|Joint\s+Venture)\b"
)


def named_after(after: str) -> int:
    """How much of the text after a system's name makes the whole a company or a body named after
    it ("Middle Corridor" + " Multimodal Ltd"); 0 when the name is the system's."""
    m = _AFTER_NAME.match(after)
    return m.end() if m else 0
