"""What every renderer shares: one-or-several scorecards, number formats, counts and wording.

Kept free of any third-party import so that ``import guarantees.render`` stays as light as the
library itself; only :mod:`guarantees.render.html` pulls in Jinja2.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from ..levels import Pillar, Severity, Verdict
from ..scorecard import Scorecard

if TYPE_CHECKING:
    from ..model import Proposal
    from ..rules import Catalog

__all__ = [
    "PILLAR_LABELS",
    "VERDICT_MEANING",
    "Cards",
    "as_cards",
    "fmt_percent",
    "fmt_score",
    "matching_proposals",
    "rationale_of",
    "severity_counts",
]

Cards = Scorecard | Iterable[Scorecard]
"""What a renderer accepts: one scorecard, or several to show side by side."""

PILLAR_LABELS: Mapping[Pillar, str] = {
    Pillar.CAPABILITIES: "capabilities",
    Pillar.COMMITMENTS: "commitments",
    Pillar.PRESENCE: "presence",
}

VERDICT_MEANING: Mapping[Verdict, str] = {
    Verdict.CREDIBLE: "All three pillars stand and nothing grave is flagged.",
    Verdict.PARTIAL: "Real elements, but a pillar or a high-severity weakness leaves a gap.",
    Verdict.HOLLOW: "Words without the means or the mechanism to make them bite.",
    Verdict.TRAP: "Worse than nothing: the adversary can decide whether it is honoured.",
}
"""One line per verdict, the same words as the docstrings of :class:`~guarantees.Verdict`."""


def as_cards(cards: Cards) -> tuple[Scorecard, ...]:
    """One scorecard or several, as a tuple (an empty input is a caller's mistake)."""
    result = (cards,) if isinstance(cards, Scorecard) else tuple(cards)
    if not result:
        raise ValueError("nothing to render: give at least one scorecard")
    return result


def matching_proposals(
    cards: Sequence[Scorecard], proposals: Iterable[Proposal | None] | None
) -> tuple[Proposal | None, ...]:
    """The proposals behind the cards, position by position (``None`` where not given).

    A scorecard carries only the proposal's id and title; sources and summary come from the
    proposal itself, so renderers take it alongside when the caller has it.
    """
    given = tuple(proposals) if proposals is not None else ()
    if given and len(given) != len(cards):
        raise ValueError(f"{len(given)} proposals for {len(cards)} scorecards")
    return given or (None,) * len(cards)


def fmt_score(value: float) -> str:
    """A score with at most two decimals and no trailing zeros: ``98.43``, ``95.3``, ``100``."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def fmt_percent(share: float) -> str:
    """A share in [0, 1] as a whole percentage: ``0.857`` gives ``86%``."""
    return f"{round(share * 100)}%"


def severity_counts(card: Scorecard) -> dict[Severity, int]:
    """How many findings of each severity, every severity present (worst first)."""
    counts = dict.fromkeys(Severity, 0)
    for finding in card.findings:
        counts[finding.severity] += 1
    return counts


def rationale_of(code: str, catalog: Catalog | None) -> str | None:
    """The rationale of a finding's rule, or ``None`` for a code the catalog does not hold
    (a scorecard made with a custom catalog rendered against the bundled one)."""
    if catalog is None:
        from ..rules import default_catalog

        catalog = default_catalog()
    return catalog[code].rationale if code in catalog else None
