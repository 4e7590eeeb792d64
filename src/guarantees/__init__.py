"""Score international security guarantees on capabilities, commitments and presence.

The flow runs one way: :func:`load` a file into a validated :class:`Proposal`, :func:`score` it
under a :class:`Policy` into a :class:`Scorecard`, and render that as text, JSON, Markdown or HTML.
"""

from __future__ import annotations

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
from .rules import Catalog, Context, Hit, Rule, default_catalog, define_rule
from .scorecard import CriterionScore, Finding, Limit, PillarScore, Scorecard
from .scoring import Evaluation, aggregate, evaluate, score, score_many

__all__ = [
    "Comparison",
    "Diff",
    "Plan",
    "Sensitivity",
    "compare",
    "diff",
    "plan",
    "sensitivity",
    "MAX_BYTES",
    "Catalog",
    "Context",
    "CriterionScore",
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
    "Policy",
    "Proposal",
    "Rule",
    "Scorecard",
    "Severity",
    "Status",
    "UnknownEntry",
    "UnknownRule",
    "Verdict",
    "__version__",
    "aggregate",
    "catalog",
    "define_rule",
    "dump",
    "evaluate",
    "json_schema",
    "load",
    "rule",
    "rules",
    "save",
    "score",
    "score_many",
]


def rules() -> Catalog:
    """The bundled rule catalog; ``.with_rules(...)`` adds your own."""
    return default_catalog()


def rule(code: str) -> Rule:
    """One bundled rule by code (``UnknownRule``, with a suggestion, when there is none)."""
    return default_catalog()[code]


def __dir__() -> list[str]:
    return list(__all__)
