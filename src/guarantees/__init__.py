"""Score international security guarantees on capabilities, commitments and presence.

The flow runs one way: :func:`load` a file into a validated :class:`Proposal`, :func:`score` it
under a :class:`Policy` into a :class:`Scorecard`, and render that as text, JSON, Markdown or HTML.
"""

# Every public name is imported on first use (PEP 562), so that ``import guarantees`` costs about
# what ``import pydantic`` does: the models, YAML, the rules and the package metadata load only
# when a program touches them. Type checkers and IDEs see the eager imports below.

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import install

if TYPE_CHECKING:
    from . import catalog
    from ._version import __version__
    from .analysis import (
        Comparison,
        Diff,
        Plan,
        Sensitivity,
        compare,
        diff,
        plan,
        sensitivity,
    )
    from .errors import (
        ErrorDetail,
        GuaranteesError,
        InputTooLarge,
        InvalidCatalog,
        InvalidPolicy,
        InvalidProposal,
        UnknownEntry,
        UnknownRule,
    )
    from .io import MAX_BYTES, dump, load, save
    from .levels import Pillar, Severity, Status, Verdict
    from .model import Proposal, json_schema
    from .policy import Policy
    from .rules import Catalog, Context, Hit, Rule, define_rule
    from .scorecard import CriterionScore, Finding, Limit, PillarScore, Scorecard
    from .scoring import Evaluation, aggregate, evaluate, score, score_many

__all__ = [
    "MAX_BYTES",
    "Catalog",
    "Comparison",
    "Context",
    "CriterionScore",
    "Diff",
    "ErrorDetail",
    "Evaluation",
    "Finding",
    "GuaranteesError",
    "Hit",
    "InputTooLarge",
    "InvalidCatalog",
    "InvalidPolicy",
    "InvalidProposal",
    "Limit",
    "Pillar",
    "PillarScore",
    "Plan",
    "Policy",
    "Proposal",
    "Rule",
    "Scorecard",
    "Sensitivity",
    "Severity",
    "Status",
    "UnknownEntry",
    "UnknownRule",
    "Verdict",
    "__version__",
    "aggregate",
    "catalog",
    "compare",
    "define_rule",
    "diff",
    "dump",
    "evaluate",
    "json_schema",
    "load",
    "plan",
    "rule",
    "rules",
    "save",
    "score",
    "score_many",
    "sensitivity",
]

# Public name -> the submodule (relative to this package) that defines it. To export a new name,
# add it here, to ``__all__`` and to the ``TYPE_CHECKING`` imports above
# (tests/test_scoring.py checks the first two agree). A name mapped to ``None`` is a submodule.
_LAZY: dict[str, str | None] = {
    "__version__": "._version",
    "catalog": None,
    **dict.fromkeys(
        ("Comparison", "Diff", "Plan", "Sensitivity", "compare", "diff", "plan", "sensitivity"),
        ".analysis",
    ),
    **dict.fromkeys(
        (
            "ErrorDetail",
            "GuaranteesError",
            "InputTooLarge",
            "InvalidCatalog",
            "InvalidPolicy",
            "InvalidProposal",
            "UnknownEntry",
            "UnknownRule",
        ),
        ".errors",
    ),
    **dict.fromkeys(("MAX_BYTES", "dump", "load", "save"), ".io"),
    **dict.fromkeys(("Pillar", "Severity", "Status", "Verdict"), ".levels"),
    **dict.fromkeys(("Proposal", "json_schema"), ".model"),
    "Policy": ".policy",
    **dict.fromkeys(("Catalog", "Context", "Hit", "Rule", "define_rule"), ".rules"),
    **dict.fromkeys(
        ("CriterionScore", "Finding", "Limit", "PillarScore", "Scorecard"), ".scorecard"
    ),
    **dict.fromkeys(("Evaluation", "aggregate", "evaluate", "score", "score_many"), ".scoring"),
}


install(__name__, _LAZY, keep=["rules"])


def __dir__() -> list[str]:
    return list(__all__)


def rules() -> Catalog:
    """The bundled rule catalog; ``.with_rules(...)`` adds your own."""
    from .rules import default_catalog

    return default_catalog()


def rule(code: str) -> Rule:
    """One bundled rule by code (``UnknownRule``, with a suggestion, when there is none)."""
    from .rules import default_catalog

    return default_catalog()[code]
