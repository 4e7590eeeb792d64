"""The small ordered vocabularies shared by criteria, rules, policy and scorecard."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Pillar", "Severity", "Status", "Verdict"]


class Pillar(StrEnum):
    """The three pillars of a credible guarantee, in the order the analysis names them."""

    CAPABILITIES = "capabilities"
    COMMITMENTS = "commitments"
    PRESENCE = "presence"


class Severity(StrEnum):
    """How much a finding weakens a guarantee; ``rank`` orders them, most severe first."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.CRITICAL: 0, Severity.HIGH: 1, Severity.MEDIUM: 2, Severity.LOW: 3}


class Verdict(StrEnum):
    """Four ordered levels, best first: what a reader should conclude from the score."""

    CREDIBLE = "credible"
    """All three pillars stand and nothing grave is flagged."""
    PARTIAL = "partial"
    """Real elements, but at least one pillar or one high-severity weakness leaves a gap."""
    HOLLOW = "hollow"
    """Words without the means or the mechanism to make them bite."""
    TRAP = "trap"
    """Worse than nothing: the adversary can decide whether the guarantee is honoured."""

    @property
    def rank(self) -> int:
        """0 for the best level, 3 for the worst."""
        return _VERDICT_RANK[self]


_VERDICT_RANK = {Verdict.CREDIBLE: 0, Verdict.PARTIAL: 1, Verdict.HOLLOW: 2, Verdict.TRAP: 3}


class Status(StrEnum):
    """What a criterion saw. Unknown and not-applicable are never the same as unmet."""

    MET = "met"
    PARTLY_MET = "partly_met"
    UNMET = "unmet"
    NOT_APPLICABLE = "not_applicable"
    UNKNOWN = "unknown"
