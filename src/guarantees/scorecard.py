"""The result of scoring: attrs values, frozen and slotted, with a stable plain-data form.

``Scorecard.to_dict()`` has this shape (``schema_version`` 1)::

    schema_version, library_version,
    proposal {id, title},
    overall, overall_uncapped, verdict, completeness,
    limits [{kind, detail}],
    pillars {capabilities|commitments|presence: {score, weight, criteria [
        {id, name, status, weight, points, possible, evidence [], reason}]}},
    findings [{code, severity, pillar, title, message, evidence [], remedy}],
    policy {id, hash}
"""

from __future__ import annotations

import json
from operator import attrgetter
from typing import Any

import attrs

from .levels import Pillar, Severity, Status, Verdict

__all__ = [
    "SCHEMA_VERSION",
    "CriterionScore",
    "Finding",
    "Limit",
    "PillarScore",
    "PolicyRef",
    "ProposalRef",
    "Scorecard",
]

SCHEMA_VERSION = 1
"""Version of the ``to_dict()`` shape; raised whenever a key is renamed or removed."""

_FIELD_GETTERS: dict[type, attrgetter[Any]] = {}


def _reduce(self: Any) -> tuple[type, tuple[Any, ...]]:
    """Pickle as the class and its field values, rebuilt by ``__init__`` when loaded.

    attrs' default pickles each object as a dict of its state restored field by field; a
    scorecard holds some 35 objects, and sending one to or from a worker process cost about as
    much as scoring it (``score_many(workers=...)``). This form takes less than half as long.
    """
    cls = type(self)
    get = _FIELD_GETTERS.get(cls)
    if get is None:
        get = _FIELD_GETTERS[cls] = attrgetter(*(a.name for a in attrs.fields(cls)))
    return cls, get(self)


@attrs.frozen
class Finding:
    """A weakness a rule found: what, how grave, where in the proposal, and what would fix it."""

    code: str
    title: str
    severity: Severity
    pillar: Pillar
    message: str
    evidence: tuple[str, ...]
    remedy: str

    __reduce__ = _reduce

    @property
    def sort_key(self) -> tuple[int, str, tuple[str, ...]]:
        return self.severity.rank, self.code, self.evidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "pillar": self.pillar.value,
            "title": self.title,
            "message": self.message,
            "evidence": list(self.evidence),
            "remedy": self.remedy,
        }


@attrs.frozen
class CriterionScore:
    """One criterion's share of its pillar: the points it earned of the points it could."""

    id: str
    name: str
    status: Status
    weight: float
    points: float
    possible: float
    evidence: tuple[str, ...]
    reason: str

    __reduce__ = _reduce

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "status": self.status.value,
            "weight": self.weight,
            "points": self.points,
            "possible": self.possible,
            "evidence": list(self.evidence),
            "reason": self.reason,
        }


@attrs.frozen
class PillarScore:
    """A pillar's 0-100 score: the sum of its criteria's points."""

    pillar: Pillar
    score: float
    weight: float
    criteria: tuple[CriterionScore, ...]

    __reduce__ = _reduce

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "weight": self.weight,
            "criteria": [c.to_dict() for c in self.criteria],
        }


@attrs.frozen
class Limit:
    """Why the overall score or verdict is lower than the pillar scores alone would give."""

    kind: str
    """``compensation`` (weakest pillar), ``finding`` (a severity cap) or ``floor``."""
    detail: str

    __reduce__ = _reduce

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "detail": self.detail}


@attrs.frozen
class ProposalRef:
    id: str
    title: str

    __reduce__ = _reduce


@attrs.frozen
class PolicyRef:
    id: str
    hash: str

    __reduce__ = _reduce


@attrs.frozen
class Scorecard:
    """Everything an analyst needs to defend a score, line by line."""

    proposal: ProposalRef
    overall: float
    overall_uncapped: float
    verdict: Verdict
    completeness: float
    """Share of applicable criterion weight resting on stated facts (1.0: nothing unknown)."""
    pillars: tuple[PillarScore, ...]
    findings: tuple[Finding, ...]
    limits: tuple[Limit, ...]
    policy: PolicyRef
    library_version: str
    schema_version: int = SCHEMA_VERSION

    __reduce__ = _reduce

    def pillar(self, pillar: Pillar | str) -> PillarScore:
        """The score of one pillar."""
        wanted = Pillar(pillar)
        return next(p for p in self.pillars if p.pillar is wanted)

    def codes(self) -> tuple[str, ...]:
        """The codes of the findings, in report order."""
        return tuple(f.code for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """Plain data with a stable key order; the shape is documented in this module."""
        return {
            "schema_version": self.schema_version,
            "library_version": self.library_version,
            "proposal": {"id": self.proposal.id, "title": self.proposal.title},
            "overall": self.overall,
            "overall_uncapped": self.overall_uncapped,
            "verdict": self.verdict.value,
            "completeness": self.completeness,
            "limits": [limit.to_dict() for limit in self.limits],
            "pillars": {p.pillar.value: p.to_dict() for p in self.pillars},
            "findings": [f.to_dict() for f in self.findings],
            "policy": {"id": self.policy.id, "hash": self.policy.hash},
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """``to_dict()`` as JSON; byte for byte the same for the same input and policy."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def _repr_html_(self) -> str:
        """What Jupyter shows: the HTML report as a fragment with scoped styles.

        The renderer (and Jinja2) is imported here, on first display, so that
        ``import guarantees`` stays light.
        """
        from .render import html

        return html.report(self, fragment=True)

    def _repr_markdown_(self) -> str:
        """The Markdown report, for notebook front ends that prefer Markdown."""
        from .render import markdown

        return markdown.report(self)

    def __repr__(self) -> str:
        return (
            f"<Scorecard {self.proposal.id!r} overall={self.overall} verdict={self.verdict.value}"
            f" findings={len(self.findings)}>"
        )
