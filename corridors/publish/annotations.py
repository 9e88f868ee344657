"""Every claim as a W3C Web Annotation (JSON-LD): the quote it rests on, pointed at in its source.

One annotation per claim (https://www.w3.org/TR/annotation-model/):

- target: the article, named by its content hash (``urn:sha256:<hex>``, stable across renames; its
  file name under seeds/ as ``schema:name``), with a TextQuoteSelector (exact, prefix, suffix) and a
  TextPositionSelector (start, end: code points into the article's text). A claim whose source is a
  reference targets the reference's web address with the quote as read there (TextQuoteSelector
  with ``exact`` only: this project has no copy of the page to take offsets from);
- body: a TextualBody a person reads ("China–Kyrgyzstan–Uzbekistan railway — Cost: US$8 billion")
  and a ``schema:PropertyValue`` a program reads (field, value, unit, qualifier, corridor; the
  period as ``schema:temporalCoverage``, the scope as a ``schema:valueReference``).

The anchors are the ones `validate` checks (corridors/anchors.py), so an exported selector points
at one passage only. The export is an AnnotationCollection with one AnnotationPage; each item also
carries its own ``@context``, so it can be taken out and loaded on its own.
"""

from __future__ import annotations

import json

from ..model.dataset import Dataset
from ..model.sources import source
from ..quotes import anchors
from ..schema import FIELDS, format_claim

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CLAIM_IRI = "urn:corridors:claim:"
CORRIDOR_IRI = "urn:corridors:corridor:"


def article_iri(sha256: str) -> str:
    return f"urn:sha256:{sha256}"


def _body(ds: Dataset, claim: dict) -> list[dict]:
    field = FIELDS.get(claim["field"])
    label = field.label if field else claim["field"]
    shown = format_claim(claim)
    value: dict[str, object] = {
        "type": "schema:PropertyValue",
        "schema:propertyID": claim["field"],
        "schema:value": claim["value"],
    }
    if claim["unit"]:
        value["schema:unitText"] = claim["unit"]
    if claim["qualifier"]:
        value["schema:description"] = claim["qualifier"]
    if claim["period"]:  # the time the value refers to: ISO 8601, a date or an interval
        value["schema:temporalCoverage"] = claim["period"]
    if claim["scope"]:  # the part or party the value is about: a country, a stretch, a holder
        value["schema:valueReference"] = {
            "type": "schema:PropertyValue",
            "schema:propertyID": "scope",
            "schema:value": claim["scope"],
        }
    about: dict[str, object] = {
        "id": CORRIDOR_IRI + claim["corridor"],
        "schema:name": ds.corridor_name(claim["corridor"]),
    }
    if claim["feature"]:
        about["schema:identifier"] = claim["feature"]
    value["schema:about"] = about
    return [
        {
            "type": "TextualBody",
            "purpose": "describing",
            "format": "text/plain",
            "language": "en",
            "value": f"{ds.corridor_name(claim['corridor'])} — {label}: {shown}",
        },
        value,
    ]


def _target(ds: Dataset, claim: dict) -> dict | None:
    src = source(ds, claim["source"])
    text = ds.texts.get(src.file)
    if text is not None:
        found = anchors.occurrences(claim["quote"], text)
        if len(found) != 1:
            return None  # not found or ambiguous: `validate` reports it
        anchor = anchors.anchor_at(claim["id"], src.file, text, found[0])
        return {
            "source": article_iri(src.sha256),
            "schema:name": f"seeds/{src.file}",
            "selector": anchor.selectors(),
        }
    if src.reference:
        return {
            "source": src.url,
            "schema:name": src.headline,
            "selector": {"type": "TextQuoteSelector", "exact": claim["quote"]},
        }
    return None


def annotation(ds: Dataset, claim: dict) -> dict | None:
    """One claim as a Web Annotation, or None when its quote cannot be pointed at."""
    target = _target(ds, claim)
    if target is None:
        return None
    return {
        "@context": CONTEXT,
        "id": CLAIM_IRI + claim["id"],
        "type": "Annotation",
        "motivation": "describing",
        "body": _body(ds, claim),
        "target": target,
    }


def annotations(ds: Dataset) -> list[dict]:
    """Every loaded claim that can be anchored, in claims order."""
    out = []
    for claim in ds.claims.to_dict("records"):
        item = annotation(ds, claim)
        if item is not None:
            out.append(item)
    return out


def collection(ds: Dataset) -> dict:
    items = annotations(ds)
    return {
        "@context": CONTEXT,
        "id": "urn:corridors:annotations",
        "type": "AnnotationCollection",
        "label": "Claims of the corridors dataset, anchored in their sources",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def to_jsonld(ds: Dataset) -> str:
    return json.dumps(collection(ds), ensure_ascii=False, indent=1) + "\n"
