"""Presence: guarantor forces, stocks and plans on or near the beneficiary's territory."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from ._base import Model, PartyId

__all__ = ["ON_TERRITORY", "Deployment", "DeploymentKind", "Location", "Presence", "Timing"]


class DeploymentKind(StrEnum):
    """What a deployment is for."""

    COMBAT_FORCES = "combat_forces"
    TRIPWIRE = "tripwire"
    REASSURANCE_FORCE = "reassurance_force"
    TRAINING = "training"
    LOGISTICS = "logistics"
    AIR_POLICING = "air_policing"
    MISSILE_DEFENCE = "missile_defence"
    NAVAL_PATROL = "naval_patrol"
    OBSERVERS = "observers"


class Location(StrEnum):
    """Where a deployment stands relative to the beneficiary's territory."""

    FRONT_LINE = "front_line"
    INTERIOR = "interior"
    REAR = "rear"
    OFFSHORE = "offshore"
    OUTSIDE = "outside"


ON_TERRITORY: frozenset[Location] = frozenset(
    {Location.FRONT_LINE, Location.INTERIOR, Location.REAR}
)
"""Locations on the beneficiary's soil."""


class Timing(StrEnum):
    """When a deployment arrives."""

    NOW = "now"
    AFTER_CEASEFIRE = "after_ceasefire"
    AFTER_SETTLEMENT = "after_settlement"


class Deployment(Model):
    """One deployment of guarantor personnel."""

    contributors: tuple[PartyId, ...] = Field(
        min_length=1, description="Ids of the guarantors that send forces."
    )
    kind: DeploymentKind = Field(description="What the deployment is for.")
    description: str = Field(default="", description="What the text says, in a line.")
    combat_capable: bool | None = Field(
        default=None,
        description="Whether its mandate and equipment allow it to fight; omit when not stated.",
    )
    personnel: int | None = Field(
        default=None, ge=0, description="Number of personnel; omit when not stated."
    )
    location: Location = Field(description="Where it stands.")
    timing: Timing = Field(description="When it arrives.")


class Presence(Model):
    """The presence pillar: forces and the things that let them be reinforced."""

    deployments: tuple[Deployment, ...] = Field(default=(), description="Guarantor deployments.")
    prepositioned_stocks: bool | None = Field(
        default=None, description="Whether equipment and munitions are stored in place."
    )
    contingency_plans: bool | None = Field(
        default=None, description="Whether reinforcement and defence plans exist and are exercised."
    )
    integrated_command: bool | None = Field(
        default=None,
        description="Whether guarantor and beneficiary forces fall under an integrated command.",
    )
