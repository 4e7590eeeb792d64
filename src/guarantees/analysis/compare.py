"""Compare: proposals (or their scorecards) side by side, ranked best first.

The ranking is by overall score, then verdict, then fewer findings of each severity from
critical down, then proposal id, then input position, so equal scores always come out in the
same order.
"""

from __future__ import annotations

from typing import Any

import attrs

from .._version import __version__
from ..levels import Pillar, Severity, Verdict
from ..model import Proposal
from ..policy import Policy
from ..scorecard import SCHEMA_VERSION, PolicyRef, ProposalRef, Scorecard
from ._common import Report, pillar_dict, pillar_scores, scorer

__all__ = ["Comparison", "Row", "compare"]


@attrs.frozen
class Row:
    """One proposal's line in the ranking table."""

    rank: int
    """1 for the best; ranks are distinct (ties broken as the module docstring says)."""
    proposal: ProposalRef
    overall: float
    verdict: Verdict
    pillars: tuple[tuple[Pillar, float], ...]
    findings: tuple[tuple[Severity, int], ...]
    """Number of findings of each severity, critical first."""
    tied: bool
    """True when another row has the same overall score and verdict."""
    card: Scorecard = attrs.field(repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "proposal": {"id": self.proposal.id, "title": self.proposal.title},
            "overall": self.overall,
            "verdict": self.verdict.value,
            "pillars": pillar_dict(self.pillars),
            "findings": {s.value: n for s, n in self.findings},
            "tied": self.tied,
        }


@attrs.frozen
class Comparison(Report):
    """A ranking table.

    ``to_dict()`` shape (``schema_version`` 1): ``schema_version, library_version, rows [{rank,
    proposal {id, title}, overall, verdict, pillars {capabilities, commitments, presence},
    findings {critical, high, medium, low}, tied}], policies [{id, hash}]``.
    """

    rows: tuple[Row, ...]
    policies: tuple[PolicyRef, ...]
    """Every policy the scorecards were made under (one, unless scorecards were passed in)."""
    library_version: str = __version__
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "library_version": self.library_version,
            "rows": [r.to_dict() for r in self.rows],
            "policies": [{"id": p.id, "hash": p.hash} for p in self.policies],
        }

    def __repr__(self) -> str:
        order = ", ".join(r.proposal.id for r in self.rows)
        return f"<Comparison [{order}]>"


def compare(*items: Proposal | Scorecard, policy: Policy | None = None) -> Comparison:
    """Rank proposals (scored under ``policy``) or ready scorecards (taken as they are)."""
    score = scorer(policy or Policy.bundled())
    cards = [item if isinstance(item, Scorecard) else score(item) for item in items]

    def counts(card: Scorecard) -> tuple[tuple[Severity, int], ...]:
        return tuple((s, sum(1 for f in card.findings if f.severity is s)) for s in Severity)

    def key(i: int) -> tuple[Any, ...]:
        card = cards[i]
        return (
            -card.overall,
            card.verdict.rank,
            tuple(n for _, n in counts(card)),
            card.proposal.id,
            i,
        )

    order = sorted(range(len(cards)), key=key)
    level = [(c.overall, c.verdict) for c in cards]
    rows = tuple(
        Row(
            rank=rank,
            proposal=cards[i].proposal,
            overall=cards[i].overall,
            verdict=cards[i].verdict,
            pillars=pillar_scores(cards[i]),
            findings=counts(cards[i]),
            tied=level.count(level[i]) > 1,
            card=cards[i],
        )
        for rank, i in enumerate(order, start=1)
    )
    policies = tuple(dict.fromkeys(c.policy for c in cards))
    return Comparison(rows, policies)
