"""Analysis on top of scoring: what it would take (plan), compare, diff, sensitivity to weights.

Every tool re-uses :func:`guarantees.evaluate` and :func:`guarantees.aggregate` (sensitivity
evaluates each proposal once and re-weighs only the arithmetic); nothing here renders for a
terminal except :mod:`._render` and :mod:`.cli`, which the command line uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import install

# Imported on first use, like the package's own names: the command line registers the analysis
# commands (``guarantees.analysis.cli``) without loading the tools until one runs.
if TYPE_CHECKING:
    from .changes import Change, candidates, remedy_for
    from .compare import Comparison, Row, compare
    from .diff import Diff, FieldEffect, diff
    from .plan import Plan, Step, plan
    from .sensitivity import PairFlip, ProposalSensitivity, Sensitivity, sensitivity

__all__ = [
    "Change",
    "Comparison",
    "Diff",
    "FieldEffect",
    "PairFlip",
    "Plan",
    "ProposalSensitivity",
    "Row",
    "Sensitivity",
    "Step",
    "candidates",
    "compare",
    "diff",
    "plan",
    "remedy_for",
    "sensitivity",
]


_LAZY: dict[str, str | None] = {
    **dict.fromkeys(("Change", "candidates", "remedy_for"), ".changes"),
    **dict.fromkeys(("Comparison", "Row", "compare"), ".compare"),
    **dict.fromkeys(("Diff", "FieldEffect", "diff"), ".diff"),
    **dict.fromkeys(("Plan", "Step", "plan"), ".plan"),
    **dict.fromkeys(
        ("PairFlip", "ProposalSensitivity", "Sensitivity", "sensitivity"), ".sensitivity"
    ),
}
install(__name__, _LAZY)


def __dir__() -> list[str]:
    return list(__all__)
