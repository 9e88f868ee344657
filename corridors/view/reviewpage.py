"""The review page's words and decisions: which page a link opens, what a button's decision did.

The cards themselves are ``corridors.view.proposals``; a decision goes through the same code as
``python -m corridors review`` (``corridors.curate.review``), and its outcome or refusal becomes
one message here, so the dashboard only draws the buttons and shows the message.
"""

from __future__ import annotations

from ..store.datadir import DataDir

#: ``?view=review`` opens the review page.
REVIEW_VIEW = "review"
#: The page switch's choices: the map first.
PAGES = ("Map", "Review proposals")

TITLE = "Review proposed claims"
CAPTION = (
    "What `python -m corridors ingest` proposed, each with its quote in its paragraph. "
    "Accepting validates the data with the claim added before anything is written; "
    "rejecting removes the proposal. The same as `python -m corridors review`."
)
NOTHING = "Nothing to review: ingest an article first (python -m corridors ingest)."
UNMAPPED_HELP = "No system to claim it for: add it to corridors.csv"


def first_page(view: str | None) -> str:
    """The page a session opens on: the review page when the link asks for it."""
    return PAGES[1] if view == REVIEW_VIEW else PAGES[0]


def decide(datadir: DataDir, stem: str, ident: str, accept: bool) -> tuple[str, str]:
    """Accept or reject one proposal; what it did as (outcome, text) for
    ``proposals.message_html``: ``success``, or ``error`` with every problem named."""
    from ..curate import review  # here: the ingest package it imports is not for the map's page

    try:
        outcome = review.decide(datadir, [ident] if accept else [], [] if accept else [ident], stem)
    except review.ReviewError as exc:
        details = "; ".join(p.message for p in exc.problems)
        return "error", f"{exc} {details}".strip()
    done = "Accepted into geodata/claims.csv" if accept else "Rejected"
    return (
        "success",
        f"{done}: {ident}. {outcome.remaining} proposal(s) of this article still pending.",
    )


def reject_label(mapped: bool) -> str:
    """A proposal naming no mapped system can only be dismissed."""
    return "Reject" if mapped else "Dismiss"
