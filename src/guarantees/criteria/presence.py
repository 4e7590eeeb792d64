"""Presence: guarantor forces on the beneficiary's soil, able to fight, reinforceable, there now."""

from __future__ import annotations

import math

from ..facts import Facts
from ..levels import Pillar
from ..model import DeploymentKind, Location, Timing
from ..parameters import Parameters
from ._base import Criterion, CriterionResult, best, tri

__all__ = ["CRITERIA", "LOCATION_CREDIT", "TIMING_CREDIT"]

LOCATION_CREDIT: dict[Location, float] = {
    Location.FRONT_LINE: 1.0,
    Location.INTERIOR: 1.0,
    Location.REAR: 1.0,
    Location.OFFSHORE: 0.25,
    Location.OUTSIDE: 0.0,
}
"""Forces on the soil count in full; offshore forces a quarter; forces outside nothing."""

TIMING_CREDIT: dict[Timing, float] = {
    Timing.NOW: 1.0,
    Timing.AFTER_CEASEFIRE: 0.6,
    Timing.AFTER_SETTLEMENT: 0.2,
}
"""A force there now deters now; one promised after a final settlement deters little."""

_DEFENCE_KINDS = frozenset({DeploymentKind.AIR_POLICING, DeploymentKind.MISSILE_DEFENCE})
_NO_FORCES = "no guarantor deployment"


def _deployments(f: Facts) -> list[tuple[str, int]]:
    return [(f"/presence/deployments/{i}", i) for i in f.friendly_deployments]


def forces_on_soil(f: Facts, _: Parameters) -> CriterionResult:
    deps = f.proposal.presence.deployments
    return best(
        "presence.forces_on_soil",
        ((p, (LOCATION_CREDIT[deps[i].location],) * 2) for p, i in _deployments(f)),
        none=_NO_FORCES,
        reason=lambda e: (
            "guarantor forces on the beneficiary's soil"
            if e >= 1
            else ("guarantor forces offshore only" if e else "no guarantor forces on its soil")
        ),
    )


def mandate(f: Facts, _: Parameters) -> CriterionResult:
    deps = f.proposal.presence.deployments

    def credit(i: int) -> tuple[float, float]:
        d = deps[i]
        if d.location is Location.OUTSIDE:
            return 0.0, 0.0
        if d.combat_capable or d.kind in _DEFENCE_KINDS:
            return 1.0, 1.0
        return tri(d.combat_capable)

    return best(
        "presence.mandate",
        ((p, credit(i)) for p, i in _deployments(f)),
        none=_NO_FORCES,
        reason=lambda e: (
            "a combat-capable or air/missile-defence mandate"
            if e
            else "no deployment may fight or defend the sky"
        ),
    )


def size(f: Facts, params: Parameters) -> CriterionResult:
    deps = f.proposal.presence.deployments
    on_soil = f.on_soil_deployments
    if not on_soil:
        return CriterionResult("presence.size", reason="no guarantor forces on its soil")
    personnel = sum(deps[i].personnel or 0 for i in on_soil)
    earned = 1.0 - math.exp(-personnel / params.presence_scale)
    unstated = sum(1 for i in on_soil if deps[i].personnel is None)
    return CriterionResult(
        "presence.size",
        earned=earned,
        unknown=(1.0 - earned) if unstated else 0.0,
        evidence=tuple(f"/presence/deployments/{i}" for i in on_soil),
        reason=f"{personnel:,} personnel on its soil"
        + (f" ({unstated} deployment(s) state no number)" if unstated else ""),
    )


def lead_contributes(f: Facts, _: Parameters) -> CriterionResult:
    lead = f.proposal.lead_guarantor
    if lead is None:
        return CriterionResult(
            "presence.lead_contributes", not_applicable=True, reason="no lead guarantor is named"
        )
    deps = f.proposal.presence.deployments
    return best(
        "presence.lead_contributes",
        (
            (p, (LOCATION_CREDIT[deps[i].location],) * 2)
            for p, i in _deployments(f)
            if lead in deps[i].contributors
        ),
        none=f"the lead guarantor, {f.proposal.name_of(lead)}, sends no forces",
        reason=lambda e: (
            f"the lead guarantor, {f.proposal.name_of(lead)}, sends forces"
            + ("" if e >= 1 else " but not onto the beneficiary's soil")
        ),
    )


def _stated(criterion: str, field: str, value: bool | None, label: str) -> CriterionResult:
    lo, hi = tri(value)
    said = {True: label, False: f"no {label}", None: f"{label} not stated"}[value]
    return CriterionResult(
        criterion, earned=lo, unknown=hi - lo, evidence=(f"/presence/{field}",), reason=said
    )


def prepositioned_stocks(f: Facts, _: Parameters) -> CriterionResult:
    return _stated(
        "presence.prepositioned_stocks",
        "prepositioned_stocks",
        f.proposal.presence.prepositioned_stocks,
        "prepositioned stocks",
    )


def contingency_plans(f: Facts, _: Parameters) -> CriterionResult:
    return _stated(
        "presence.contingency_plans",
        "contingency_plans",
        f.proposal.presence.contingency_plans,
        "contingency plans",
    )


def integrated_command(f: Facts, _: Parameters) -> CriterionResult:
    return _stated(
        "presence.integrated_command",
        "integrated_command",
        f.proposal.presence.integrated_command,
        "integrated command",
    )


def timing(f: Facts, _: Parameters) -> CriterionResult:
    deps = f.proposal.presence.deployments
    return best(
        "presence.timing",
        (
            (f"/presence/deployments/{i}", (TIMING_CREDIT[deps[i].timing],) * 2)
            for i in f.on_soil_deployments
        ),
        none="no guarantor forces on its soil",
        reason=lambda e: (
            "forces there now"
            if e >= 1
            else ("forces only after a ceasefire" if e > 0.5 else "forces only after a settlement")
        ),
    )


CRITERIA = (
    Criterion(
        "presence.forces_on_soil",
        Pillar.PRESENCE,
        "Guarantor forces on the ground",
        "Guarantor forces on the beneficiary's soil (offshore earns a quarter, outside nothing).",
        forces_on_soil,
    ),
    Criterion(
        "presence.mandate",
        Pillar.PRESENCE,
        "Combat-capable or air-defence mandate",
        "A deployment on the soil or offshore that may fight, or that polices the air or "
        "defends against missiles.",
        mandate,
    ),
    Criterion(
        "presence.size",
        Pillar.PRESENCE,
        "Size of the force",
        "Personnel on the soil with diminishing returns: 1 - exp(-personnel / presence_scale).",
        size,
    ),
    Criterion(
        "presence.lead_contributes",
        Pillar.PRESENCE,
        "Lead guarantor among the contributors",
        "The lead guarantor sends forces itself (not applicable when no lead is named).",
        lead_contributes,
    ),
    Criterion(
        "presence.prepositioned_stocks",
        Pillar.PRESENCE,
        "Prepositioned stocks",
        "Equipment and munitions stored in place so reinforcement is fast.",
        prepositioned_stocks,
    ),
    Criterion(
        "presence.contingency_plans",
        Pillar.PRESENCE,
        "Contingency plans",
        "Real, exercised plans to reinforce and defend.",
        contingency_plans,
    ),
    Criterion(
        "presence.integrated_command",
        Pillar.PRESENCE,
        "Integrated command",
        "Guarantor and beneficiary forces under one command.",
        integrated_command,
    ),
    Criterion(
        "presence.timing",
        Pillar.PRESENCE,
        "Deployed now",
        "Forces on the soil now earn full credit, after a ceasefire 0.6, after a final "
        "settlement 0.2.",
        timing,
    ),
)
