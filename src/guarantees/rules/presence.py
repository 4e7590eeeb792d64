"""Rules on presence: are guarantor forces there, led by the lead guarantor, reinforceable, now?"""

from __future__ import annotations

from ..levels import Pillar, Severity
from ..model import Timing
from ._rule import Context, Hit, define_rule


@define_rule(
    "PRE001",
    "no-forces-on-the-ground",
    title="No guarantor forces on the ground",
    pillar=Pillar.PRESENCE,
    severity=Severity.HIGH,
    rationale="""Deterrence by footprint, not fiction: without guarantor forces on the
    beneficiary's soil, an attack on it risks no guarantor's soldiers, and the adversary can
    doubt that guarantors will fight for it.""",
    remedy="""Deploy a multinational force of {guarantors} on {beneficiary}'s soil (a
    reassurance force for training, logistics, air policing and missile defence at the least),
    backed by prepositioned stocks and contingency plans.""",
    triggers={"presence": {"deployments": []}},
    passes={
        "presence": {
            "deployments": [
                {
                    "contributors": ["sylvania"],
                    "kind": "training",
                    "combat_capable": False,
                    "personnel": 500,
                    "location": "rear",
                    "timing": "now",
                }
            ]
        }
    },
)
def no_forces_on_the_ground(ctx: Context) -> Hit | None:
    if ctx.facts.on_soil_deployments:
        return None
    elsewhere = ctx.facts.friendly_deployments
    where = " (deployments stay offshore or outside)" if elsewhere else ""
    return Hit(
        f"No guarantor of {ctx.facts.beneficiary} puts forces on its soil{where}.",
        tuple(f"/presence/deployments/{i}" for i in elsewhere) or ("/presence/deployments",),
    )


@define_rule(
    "PRE002",
    "lead-guarantor-absent",
    title="The lead guarantor sends no forces",
    pillar=Pillar.PRESENCE,
    severity=Severity.MEDIUM,
    rationale="""When the strongest guarantor keeps its own troops out, the adversary reads
    where the limits of its commitment lie, and the others' resolve is weaker for it.""",
    remedy="""Have {lead} contribute forces to the deployment itself, if only air and
    missile-defence units or enablers.""",
    triggers={
        "presence": {
            "deployments": [
                {
                    "contributors": ["sylvania"],
                    "kind": "tripwire",
                    "combat_capable": True,
                    "personnel": 20000,
                    "location": "interior",
                    "timing": "now",
                }
            ]
        }
    },
)
def lead_guarantor_absent(ctx: Context) -> Hit | None:
    p = ctx.proposal
    lead = p.lead_guarantor
    if lead is None or lead in ctx.facts.adversaries:
        return None
    deps = p.presence.deployments
    if any(lead in deps[i].contributors for i in ctx.facts.friendly_deployments):
        return None
    return Hit(
        f"{p.name_of(lead)}, the lead guarantor of {ctx.facts.beneficiary}, sends no forces.",
        ("/lead_guarantor",),
    )


@define_rule(
    "PRE003",
    "presence-without-backing",
    title="Presence without prepositioned stocks or contingency plans",
    pillar=Pillar.PRESENCE,
    severity=Severity.LOW,
    rationale="""A force that cannot be reinforced quickly is a symbol. The analysis asks for
    presence "backed by prepositioned stocks and real contingency plans".""",
    remedy="""Preposition equipment and munitions and adopt exercised reinforcement plans for
    the force in {beneficiary}.""",
    triggers={"presence": {"prepositioned_stocks": None, "contingency_plans": False}},
)
def presence_without_backing(ctx: Context) -> Hit | None:
    presence = ctx.proposal.presence
    if not ctx.facts.friendly_deployments:
        return None
    missing = [
        (label, field)
        for label, field, value in (
            ("prepositioned stocks", "prepositioned_stocks", presence.prepositioned_stocks),
            ("contingency plans", "contingency_plans", presence.contingency_plans),
        )
        if value is not True
    ]
    if not missing:
        return None
    return Hit(
        f"The guarantor force for {ctx.facts.beneficiary} has no "
        + " or ".join(label for label, _ in missing)
        + " (stated as absent or not stated).",
        tuple(f"/presence/{field}" for _, field in missing),
    )


@define_rule(
    "PRE004",
    "presence-after-settlement",
    title="Presence only after a final settlement",
    pillar=Pillar.PRESENCE,
    severity=Severity.LOW,
    rationale="""Forces promised only after a final settlement deter nothing until the
    adversary chooses to settle, which gives it a veto over the timing.""",
    remedy="""Deploy at least part of the force when a ceasefire takes hold, not after a final
    settlement.""",
    triggers={
        "presence": {
            "deployments": [
                {
                    "contributors": ["freedonia"],
                    "kind": "reassurance_force",
                    "combat_capable": True,
                    "personnel": 20000,
                    "location": "rear",
                    "timing": "after_settlement",
                }
            ]
        }
    },
)
def presence_after_settlement(ctx: Context) -> Hit | None:
    deps = ctx.proposal.presence.deployments
    friendly = ctx.facts.friendly_deployments
    if not friendly or any(deps[i].timing is not Timing.AFTER_SETTLEMENT for i in friendly):
        return None
    return Hit(
        f"Guarantor forces reach {ctx.facts.beneficiary} only after a final settlement.",
        tuple(f"/presence/deployments/{i}" for i in friendly),
    )
