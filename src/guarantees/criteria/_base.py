"""What a criterion is and what it returns: a share earned, a share unknown, the evidence."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs

from ..facts import Facts
from ..levels import Pillar, Status
from ..parameters import Parameters

__all__ = ["Criterion", "CriterionResult", "best", "tri"]


@attrs.frozen
class CriterionResult:
    """What one criterion saw in one proposal, before any weight is applied.

    ``earned`` is the share of the criterion met on known facts, ``unknown`` the share that rests
    on facts the proposal does not state (``earned + unknown <= 1``). A policy decides how much
    credit unknown facts get; the default gives none.
    """

    criterion: str
    not_applicable: bool = False
    earned: float = 0.0
    unknown: float = 0.0
    evidence: tuple[str, ...] = ()
    reason: str = ""

    @property
    def status(self) -> Status:
        if self.not_applicable:
            return Status.NOT_APPLICABLE
        if self.unknown > 0:
            return Status.UNKNOWN
        if self.earned >= 1:
            return Status.MET
        return Status.PARTLY_MET if self.earned > 0 else Status.UNMET


@attrs.frozen
class Criterion:
    """A named, documented way to earn points in one pillar."""

    id: str
    """Stable id, ``pillar.name``, e.g. ``capabilities.core_coverage``; the policy weighs it."""
    pillar: Pillar
    name: str
    description: str
    evaluate: Callable[[Facts, Parameters], CriterionResult] = attrs.field(eq=False, repr=False)

    @property
    def key(self) -> str:
        """The name within its pillar, as the policy file spells it."""
        return self.id.split(".", 1)[1]


def tri(value: bool | None) -> tuple[float, float]:
    """A stated fact as (earned, earned if every unknown turned out well)."""
    if value is None:
        return 0.0, 1.0
    return (1.0, 1.0) if value else (0.0, 0.0)


def best(
    criterion: str,
    items: Iterable[tuple[str, tuple[float, float]]],
    *,
    none: str,
    reason: Callable[[float], str],
) -> CriterionResult:
    """The best of several candidates (any one suffices), keeping their evidence.

    Each item is (evidence path, (earned, possible)); the result earns the best known value and
    marks as unknown what the best optimistic reading could add.
    """
    # One pass instead of four (this runs nine times per proposal scored).
    paths: list[str] = []
    hopeful: list[str] = []
    earned = possible = 0.0
    for path, (lo, hi) in items:
        if not paths or lo > earned:
            earned = lo
        if not paths or hi > possible:
            possible = hi
        paths.append(path)
        if hi > 0:
            hopeful.append(path)
    if not paths:
        return CriterionResult(criterion, reason=none)
    return CriterionResult(
        criterion,
        earned=earned,
        unknown=max(0.0, possible - earned),
        evidence=tuple(hopeful or paths),
        reason=reason(earned),
    )
