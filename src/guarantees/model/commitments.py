"""Commitments: what triggers the guarantee, what the guarantors then do, and who can block it."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from ._base import Model, PartyId

__all__ = [
    "SUBSTANTIVE_RESPONSES",
    "AdversaryDeadline",
    "Commitments",
    "DecisionRule",
    "Response",
    "ResponseKind",
    "Trigger",
    "TriggerEvent",
]


class TriggerEvent(StrEnum):
    """The event that sets the guarantee in motion."""

    ARMED_ATTACK = "armed_attack"
    MISSILE_OR_DRONE_STRIKE = "missile_or_drone_strike"
    CEASEFIRE_VIOLATION = "ceasefire_violation"
    TERRITORIAL_ADVANCE = "territorial_advance"
    HYBRID_OR_CYBER = "hybrid_or_cyber"
    NUCLEAR_THREAT = "nuclear_threat"
    ANY_AGGRESSION = "any_aggression"


class Trigger(Model):
    """One event the guarantee answers."""

    event: TriggerEvent = Field(description="The kind of event.")
    description: str = Field(default="", description="What the text says, in a line.")
    specific: bool | None = Field(
        default=None,
        description="Whether the event is defined precisely enough that parties cannot argue "
        "about whether it happened; omit when the text is silent.",
    )
    verifiable: bool | None = Field(
        default=None,
        description="Whether the event can be observed and attested (e.g. by monitors or "
        "sensors); omit when the text is silent.",
    )
    verified_by: tuple[PartyId, ...] = Field(
        default=(),
        description="Ids of the parties that decide whether the event happened; empty when "
        "the text names none.",
    )


class ResponseKind(StrEnum):
    """What the guarantors do when a trigger fires, from talk to force."""

    CONSULTATION = "consultation"
    UN_SECURITY_COUNCIL_REFERRAL = "un_security_council_referral"
    DIPLOMATIC = "diplomatic"
    SANCTIONS_ESCALATOR = "sanctions_escalator"
    ENERGY_CUTOFF = "energy_cutoff"
    FINANCIAL_CUTOFF = "financial_cutoff"
    MILITARY_AID_TRANCHE = "military_aid_tranche"
    DIRECT_MILITARY_SUPPORT = "direct_military_support"
    MILITARY_ACTION = "military_action"


SUBSTANTIVE_RESPONSES: frozenset[ResponseKind] = frozenset(
    {
        ResponseKind.SANCTIONS_ESCALATOR,
        ResponseKind.ENERGY_CUTOFF,
        ResponseKind.FINANCIAL_CUTOFF,
        ResponseKind.MILITARY_AID_TRANCHE,
        ResponseKind.DIRECT_MILITARY_SUPPORT,
        ResponseKind.MILITARY_ACTION,
    }
)
"""Responses that impose a cost or add force; consultation, referral and diplomacy do not."""


class Response(Model):
    """One thing the guarantors commit to do when a trigger fires."""

    kind: ResponseKind = Field(description="What is done.")
    description: str = Field(default="", description="What the text says, in a line.")
    automatic: bool | None = Field(
        default=None,
        description="True when the response follows the trigger without a new political "
        "decision; false when it needs one; omit when the text is silent.",
    )
    deadline_days: int | None = Field(
        default=None, ge=0, description="Days within which the response must start, if stated."
    )
    size_predefined: bool | None = Field(
        default=None,
        description="Whether the size of the response (amount, tranche, force) is fixed in "
        "advance; omit when the text is silent.",
    )
    responders: tuple[PartyId, ...] = Field(
        default=(), description="Ids of the parties that respond; empty means all guarantors."
    )


class DecisionRule(StrEnum):
    """How the decision to respond is taken."""

    AUTOMATIC = "automatic"
    EACH_GUARANTOR = "each_guarantor"
    MAJORITY = "majority"
    UNANIMITY = "unanimity"
    UN_SECURITY_COUNCIL = "un_security_council"


class AdversaryDeadline(Model):
    """A deadline set for the adversary (e.g. "two weeks to show it is serious")."""

    description: str = Field(default="", description="What was said, in a line.")
    days: int | None = Field(default=None, ge=0, description="Length of the deadline in days.")
    consequence_predefined: bool = Field(
        description="Whether what happens when the deadline passes is fixed in advance."
    )


class Commitments(Model):
    """The commitments pillar: triggers, responses, and the decision that links them."""

    triggers: tuple[Trigger, ...] = Field(default=(), description="Events the guarantee answers.")
    responses: tuple[Response, ...] = Field(
        default=(), description="What the guarantors commit to do."
    )
    decision_rule: DecisionRule | None = Field(
        default=None, description="How the decision to respond is taken; omit when not stated."
    )
    veto_holders: tuple[PartyId, ...] = Field(
        default=(), description="Ids of parties the text gives a veto over the response."
    )
    adversary_deadlines: tuple[AdversaryDeadline, ...] = Field(
        default=(), description="Deadlines set for the adversary."
    )
