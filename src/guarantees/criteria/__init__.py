"""Criteria: pure functions that say how much of each pillar a proposal earns, before weights."""

from __future__ import annotations

from ..facts import Facts
from ..levels import Pillar
from ..parameters import Parameters
from . import capabilities, commitments, presence
from ._base import Criterion, CriterionResult

__all__ = ["CRITERIA", "Criterion", "CriterionResult", "by_pillar", "evaluate_criteria"]

CRITERIA: tuple[Criterion, ...] = capabilities.CRITERIA + commitments.CRITERIA + presence.CRITERIA
"""Every criterion, pillar by pillar, in report order."""


def by_pillar(pillar: Pillar) -> tuple[Criterion, ...]:
    return tuple(c for c in CRITERIA if c.pillar is pillar)


_EVALUATORS = tuple(c.evaluate for c in CRITERIA)


def evaluate_criteria(facts: Facts, params: Parameters) -> tuple[CriterionResult, ...]:
    """Every criterion's result for one proposal, in :data:`CRITERIA` order."""
    return tuple([evaluate(facts, params) for evaluate in _EVALUATORS])
