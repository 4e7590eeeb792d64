"""A policy: how much each pillar and criterion weighs, where the verdicts fall, what findings cost.

Policies are data (TOML), validated like proposals. The policy never reads a proposal; criteria
and rules never read weights. That split is what lets a score be re-weighed cheaply.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from importlib import resources
from typing import Any, Self

from pydantic import Field, model_validator

from .errors import ErrorDetail, InvalidPolicy
from .levels import Pillar, Severity, Verdict
from .model._base import Model, Slug
from .parameters import Parameters
from .policies import BUNDLED

__all__ = [
    "BUNDLED",
    "CapabilitiesWeights",
    "CommitmentsWeights",
    "CriterionWeights",
    "Policy",
    "PillarWeights",
    "PresenceWeights",
    "SeverityEffect",
    "SeverityEffects",
    "Thresholds",
]


def _w(default: float, description: str) -> Any:
    """A criterion weight: non-negative, 0 switches the criterion off."""
    return Field(default=default, ge=0, le=1000, description=description)


class PillarWeights(Model):
    """Relative weight of each pillar in the overall score."""

    capabilities: float = Field(default=1.0, gt=0, le=1000, description="Capabilities weight.")
    commitments: float = Field(default=1.0, gt=0, le=1000, description="Commitments weight.")
    presence: float = Field(default=1.0, gt=0, le=1000, description="Presence weight.")

    def of(self, pillar: Pillar) -> float:
        return float(getattr(self, pillar.value))


class CapabilitiesWeights(Model):
    """Relative weights of the capabilities criteria (0 switches one off)."""

    core_coverage: float = _w(3.0, "Core categories covered.")
    funded_share: float = _w(3.0, "Share of pledges funded.")
    horizon: float = _w(2.0, "Multi-year horizon.")
    delivery_assured: float = _w(2.0, "No yearly approval.")


class CommitmentsWeights(Model):
    """Relative weights of the commitments criteria (0 switches one off)."""

    specific_triggers: float = _w(2.0, "Specific triggers.")
    independent_verification: float = _w(1.0, "Verified by non-adversaries.")
    automatic_response: float = _w(3.0, "Automatic response.")
    time_bound: float = _w(2.0, "Response deadline.")
    predefined_size: float = _w(1.0, "Predefined size.")
    escalation_ladder: float = _w(2.0, "Escalation ladder.")
    decision_rule: float = _w(2.0, "Nobody can block it.")
    legal_bindingness: float = _w(2.0, "Legally binding.")


class PresenceWeights(Model):
    """Relative weights of the presence criteria (0 switches one off)."""

    forces_on_soil: float = _w(3.0, "Forces on the ground.")
    mandate: float = _w(2.0, "Combat or air-defence mandate.")
    size: float = _w(2.0, "Size of the force.")
    lead_contributes: float = _w(1.0, "Lead guarantor sends forces.")
    prepositioned_stocks: float = _w(1.0, "Prepositioned stocks.")
    contingency_plans: float = _w(1.0, "Contingency plans.")
    integrated_command: float = _w(1.0, "Integrated command.")
    timing: float = _w(1.0, "Deployed now.")


class CriterionWeights(Model):
    """Criterion weights, pillar by pillar; only their ratios within a pillar matter."""

    capabilities: CapabilitiesWeights = Field(
        default_factory=CapabilitiesWeights, description="Capabilities criteria."
    )
    commitments: CommitmentsWeights = Field(
        default_factory=CommitmentsWeights, description="Commitments criteria."
    )
    presence: PresenceWeights = Field(
        default_factory=PresenceWeights, description="Presence criteria."
    )

    def of(self, criterion_id: str) -> float:
        pillar, key = criterion_id.split(".", 1)
        return float(getattr(getattr(self, pillar), key))

    @model_validator(mode="after")
    def _some_weight_per_pillar(self) -> Self:
        for pillar in Pillar:
            if not any(getattr(self, pillar.value).model_dump().values()):
                raise ValueError(f"every {pillar.value} criterion weighs 0: give one a weight")
        return self


class Thresholds(Model):
    """Overall scores at which the two upper verdicts begin."""

    credible: float = Field(default=70.0, gt=0, le=100, description="Lowest credible score.")
    partial: float = Field(default=45.0, gt=0, le=100, description="Lowest partial score.")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.partial >= self.credible:
            raise ValueError("`partial` must be below `credible`")
        return self


class SeverityEffect(Model):
    """What one finding of a severity does to the result."""

    overall_cap: float | None = Field(
        default=None, ge=0, le=100, description="The overall score cannot exceed this."
    )
    max_verdict: Verdict | None = Field(
        default=None, description="The verdict can be no better than this."
    )


class SeverityEffects(Model):
    """Effects of findings by severity; findings never add or remove points, only cap."""

    critical: SeverityEffect = Field(
        default_factory=lambda: SeverityEffect(overall_cap=20.0, max_verdict=Verdict.TRAP),
        description="Effect of a critical finding.",
    )
    high: SeverityEffect = Field(
        default_factory=lambda: SeverityEffect(max_verdict=Verdict.PARTIAL),
        description="Effect of a high finding.",
    )
    medium: SeverityEffect = Field(
        default_factory=SeverityEffect, description="Effect of a medium finding."
    )
    low: SeverityEffect = Field(default_factory=SeverityEffect, description="Effect of a low one.")

    def of(self, severity: Severity) -> SeverityEffect:
        effect: SeverityEffect = getattr(self, severity.value)
        return effect


class Policy(Model):
    """Weights, thresholds and switches: a point of view on what makes a guarantee credible."""

    id: Slug = Field(default="default", description="Short name shown on every scorecard.")
    title: str = Field(default="", description="One line on the point of view.")
    description: str = Field(default="", description="What the policy weighs and why.")
    pillars: PillarWeights = Field(
        default_factory=PillarWeights, description="Pillar weights in the overall score."
    )
    criteria: CriterionWeights = Field(
        default_factory=CriterionWeights, description="Criterion weights within each pillar."
    )
    thresholds: Thresholds = Field(default_factory=Thresholds, description="Verdict thresholds.")
    pillar_floor: float = Field(
        default=40.0,
        ge=0,
        le=100,
        description="A proposal with any pillar below this cannot be rated credible.",
    )
    compensation_limit: float = Field(
        default=25.0,
        ge=0,
        le=100,
        description="The overall score is at most the weakest pillar plus this: a strong pillar "
        "cannot buy back a missing one.",
    )
    unknown_credit: float = Field(
        default=0.0,
        ge=0,
        le=1,
        description="Share of a criterion's points granted for facts the proposal does not "
        "state (0: unknown counts as unmet).",
    )
    severity: SeverityEffects = Field(
        default_factory=SeverityEffects, description="What findings of each severity do."
    )
    parameters: Parameters = Field(
        default_factory=Parameters, description="Lines the criteria and rules draw."
    )
    disabled_rules: tuple[str, ...] = Field(
        default=(), description="Codes of rules switched off, e.g. `TRM005`."
    )
    rule_plugins: tuple[str, ...] = Field(
        default=(),
        description="Entry-point names (group `guarantees.rules`) whose rules are added; "
        "installed plugins are never used unless named here.",
    )

    @classmethod
    def load(cls, source: str | os.PathLike[str]) -> Policy:
        """Read a policy from TOML (or YAML/JSON), with the same error quality as proposals."""
        from .io import load_model

        return load_model(cls, source)

    @classmethod
    def bundled(cls, name: str = "default") -> Policy:
        """One of the policies shipped with the library (see :data:`BUNDLED`)."""
        return _bundled(name)

    @property
    def hash(self) -> str:
        """12 hex digits of SHA-256 over the policy's canonical JSON, title and description
        left out: the same arithmetic gives the same hash."""
        return _hash(self)


@cache
def _hash(policy: Policy) -> str:
    content = policy.model_dump(mode="json", exclude={"title", "description"})
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:12]


@cache
def _bundled(name: str) -> Policy:
    if name not in BUNDLED:
        import difflib

        close = difflib.get_close_matches(name, BUNDLED, n=1)
        raise InvalidPolicy(
            [
                ErrorDetail(
                    "", f"no bundled policy named {name!r}", None, close[0] if close else None
                )
            ]
        )
    text = resources.files("guarantees").joinpath(f"policies/{name}.toml").read_text("utf-8")
    from .io import load_model

    return load_model(Policy, text, format="toml")
