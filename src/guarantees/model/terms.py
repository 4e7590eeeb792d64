"""Terms: what the package demands of the beneficiary, or concedes to the adversary."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from ._base import Model

__all__ = ["Legal", "LegalForm", "Terms"]


class LegalForm(StrEnum):
    """How binding the instrument is, from a statement to a ratified treaty."""

    UNILATERAL_STATEMENT = "unilateral_statement"
    POLITICAL_DECLARATION = "political_declaration"
    MEMORANDUM = "memorandum"
    EXECUTIVE_AGREEMENT = "executive_agreement"
    TREATY_SIGNED = "treaty_signed"
    TREATY_RATIFIED = "treaty_ratified"


class Legal(Model):
    """The legal form and life of the instrument."""

    form: LegalForm | None = Field(default=None, description="Legal form; omit when undecided.")
    duration_years: int | None = Field(
        default=None,
        ge=0,
        description="Years the instrument runs; omit when indefinite or unknown.",
    )
    indefinite: bool = Field(default=False, description="True when the instrument has no end date.")
    withdrawal_notice_months: int | None = Field(
        default=None,
        ge=0,
        description="Months of notice a party must give to withdraw; 0 when it may leave at "
        "once; omit when not stated.",
    )


class Terms(Model):
    """Conditions imposed on the beneficiary or granted to the adversary by the package."""

    territorial_concessions: bool = Field(
        default=False, description="The beneficiary gives up territory it holds or claims."
    )
    recognition_of_annexations: bool = Field(
        default=False, description="Annexations by the adversary are recognised in law."
    )
    alliance_ban: bool = Field(
        default=False, description="The beneficiary may not join a defensive alliance."
    )
    foreign_troop_ban: bool = Field(
        default=False, description="Foreign (guarantor) troops may not be stationed on its soil."
    )
    force_caps: bool = Field(
        default=False, description="Caps on the beneficiary's armed forces or mobilisation."
    )
    aid_limits: bool = Field(
        default=False, description="Limits on military aid to the beneficiary."
    )
    ceasefire_first: bool | None = Field(
        default=None,
        description="Whether a ceasefire comes before talks on the end state; omit when the "
        "sequence is not stated.",
    )
    sanctions_relief_upfront: bool = Field(
        default=False, description="The adversary gets sanctions relief before it complies."
    )
