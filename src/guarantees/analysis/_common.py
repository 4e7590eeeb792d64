"""What the analysis tools share: a scorer bound to one policy, and small value helpers."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, Protocol, cast

from ..levels import Pillar
from ..model import Proposal
from ..policy import Policy
from ..scorecard import Scorecard
from ..scoring import _catalog_for, aggregate, evaluate

if TYPE_CHECKING:
    from ._render import Result

__all__ = ["Report", "Scorer", "pillar_dict", "pillar_scores", "scorer"]

Scorer = Callable[[Proposal], Scorecard]


def scorer(policy: Policy) -> Scorer:
    """``guarantees.score`` under ``policy`` with the rule catalog resolved once, not per call."""
    rules = _catalog_for(policy, None)
    params = policy.parameters

    def score(proposal: Proposal) -> Scorecard:
        return aggregate(evaluate(proposal, params, rules), policy)

    return score


def pillar_scores(card: Scorecard) -> tuple[tuple[Pillar, float], ...]:
    """(pillar, score) in pillar order."""
    return tuple((p.pillar, p.score) for p in card.pillars)


def pillar_dict(pairs: tuple[tuple[Pillar, float], ...]) -> dict[str, Any]:
    """Pillar scores as plain data, keyed by pillar name."""
    return {pillar.value: value for pillar, value in pairs}


class _Plain(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


class Report:
    """What every analysis result offers beside its own ``to_dict()``: JSON, text, Markdown."""

    __slots__ = ()

    def to_json(self: _Plain, *, indent: int | None = 2) -> str:
        """``to_dict()`` as JSON, keys in the documented order."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_text(self) -> str:
        """The report as plain text."""
        return self._render("text")

    def to_markdown(self) -> str:
        """The report as Markdown, for a document or an issue."""
        return self._render("markdown")

    def _render(self, format: Literal["text", "markdown"]) -> str:
        from ._render import render  # the renderer imports the result classes

        return render(cast("Result", self), format)
