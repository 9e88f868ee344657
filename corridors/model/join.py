"""The join of drawn features to the claims made about them, with nothing dropped silently."""

from __future__ import annotations

from dataclasses import dataclass

from .dataset import Dataset

CITATION_KEYS = (
    "claim",
    "field",
    "value",
    "unit",
    "qualifier",
    "period",
    "scope",
    "source",
    "quote",
    "note",
)


def citations(ds: Dataset, feature_id: str) -> list[dict[str, str]]:
    """Every claim that applies to a feature (its corridor's and its own), as citation objects."""
    rows = ds.claims_for(feature_id)
    return [
        {
            "claim": row["id"],
            "field": row["field"],
            "value": row["value"],
            "unit": row["unit"],
            "qualifier": row["qualifier"],
            "period": row["period"],
            "scope": row["scope"],
            "source": row["source"],
            "quote": row["quote"],
            "note": row["note"],
        }
        for _, row in rows.iterrows()
    ]


@dataclass(frozen=True)
class JoinReport:
    features_without_claims: list[str]
    claims_without_features: list[str]

    @property
    def clean(self) -> bool:
        return not self.features_without_claims and not self.claims_without_features


def report(ds: Dataset) -> JoinReport:
    """Unmatched ids both ways: features no claim cites, and claims whose corridor is not drawn.

    A corridor marked as only mentioned (``mapped`` no) has claims and, rightly, no feature.
    """
    drawn = set(ds.features["corridor"]) | set(ds.unmapped())
    claimed = set(ds.claims["corridor"])
    return JoinReport(
        sorted(ds.features.loc[~ds.features["corridor"].isin(claimed), "id"]),
        sorted(ds.claims.loc[~ds.claims["corridor"].isin(drawn), "id"]),
    )
