"""Capabilities: what the guarantors pledge to supply, for how long, and how surely it is funded."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from ._base import Model, PartyId

__all__ = [
    "CORE_CATEGORIES",
    "Capabilities",
    "CapabilityCategory",
    "FieldedBy",
    "Funding",
    "Pledge",
]


class CapabilityCategory(StrEnum):
    """The kind of military capability a pledge supplies."""

    AIR_DEFENCE = "air_defence"
    LONG_RANGE_STRIKE = "long_range_strike"
    ARMOUR = "armour"
    ARTILLERY = "artillery"
    MUNITIONS = "munitions"
    ISR = "isr"
    INTELLIGENCE_SHARING = "intelligence_sharing"
    TRAINING = "training"
    INDUSTRIAL_SUPPORT = "industrial_support"
    AIR_POWER = "air_power"
    NAVAL = "naval"
    CYBER = "cyber"
    FINANCIAL = "financial"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The name for messages: ``long range strike``, ``ISR``."""
        return "ISR" if self is CapabilityCategory.ISR else self.value.replace("_", " ")


CORE_CATEGORIES: tuple[CapabilityCategory, ...] = (
    CapabilityCategory.AIR_DEFENCE,
    CapabilityCategory.LONG_RANGE_STRIKE,
    CapabilityCategory.ARMOUR,
    CapabilityCategory.ISR,
    CapabilityCategory.INDUSTRIAL_SUPPORT,
)
"""The categories the analysis names for sustained supply (its "Capabilities" pillar)."""


class Funding(StrEnum):
    """How surely a pledge is paid for."""

    APPROPRIATED = "appropriated"
    PROMISED = "promised"


class FieldedBy(StrEnum):
    """Whose forces operate a pledged capability.

    An alliance defends its member partly with the allies' own kit on its soil (air-defence
    batteries, armoured battlegroups); that is capability committed to the beneficiary's defence
    as surely as kit handed over, and a model that could only state the latter scored every
    alliance's capabilities at zero.
    """

    BENEFICIARY = "beneficiary"
    """Supplied to the beneficiary's own forces (the default)."""
    PROVIDERS = "providers"
    """Fielded by the providers' own forces for the beneficiary's defence, on or over its soil."""


class Pledge(Model):
    """One pledge of military or industrial support for the beneficiary's defence."""

    category: CapabilityCategory = Field(description="What the pledge supplies.")
    providers: tuple[PartyId, ...] = Field(
        min_length=1, description="Ids of the guarantors that provide it."
    )
    description: str = Field(default="", description="What the text says, in a line.")
    value_per_year: float | None = Field(
        default=None, ge=0, description="Value per year, in `currency`; omit when not stated."
    )
    currency: str | None = Field(
        default=None,
        pattern=r"^[A-Z]{3}$",
        description="ISO 4217 code of `value_per_year`, e.g. `USD`, `EUR`, `GBP`.",
    )
    years: int | None = Field(
        default=None, ge=0, le=100, description="Years the pledge covers; omit when not stated."
    )
    funding: Funding | None = Field(
        default=None,
        description="`appropriated` (money voted or set aside) or `promised` (intent only); "
        "omit when not stated.",
    )
    annual_approval: bool | None = Field(
        default=None,
        description="Whether each year's delivery needs a new approval (budget vote, "
        "executive decision); omit when not stated.",
    )
    fielded_by: FieldedBy = Field(
        default=FieldedBy.BENEFICIARY,
        description="`beneficiary` when the capability is handed to its forces; `providers` when "
        "the providers' own forces field it for the beneficiary's defence (an ally's air-defence "
        "batteries stationed on its soil).",
    )


class Capabilities(Model):
    """The capabilities pillar: sustained supply for the beneficiary's defence."""

    pledges: tuple[Pledge, ...] = Field(default=(), description="Pledges of support.")
