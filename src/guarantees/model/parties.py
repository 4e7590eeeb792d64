"""The parties of a proposal, each declared once and referred to everywhere else by id."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from ._base import Model, Slug

__all__ = ["Party", "PartyKind"]


class PartyKind(StrEnum):
    """What kind of actor a party is."""

    STATE = "state"
    ORGANIZATION = "organization"
    ALLIANCE = "alliance"


class Party(Model):
    """A state, alliance or organization taking part in or named by the proposal."""

    id: Slug = Field(description="Stable id used by every other reference, e.g. `ukraine`.")
    name: str = Field(min_length=1, description="The name used in messages, e.g. `Ukraine`.")
    kind: PartyKind = Field(default=PartyKind.STATE, description="State, alliance or organization.")
    aliases: tuple[str, ...] = Field(
        default=(), description="Other names for the party, e.g. `Russian Federation`."
    )
    nuclear_armed: bool = Field(default=False, description="Whether the party has nuclear weapons.")
    un_security_council_permanent: bool = Field(
        default=False,
        description="Whether the party is a permanent member of the UN Security Council "
        "(and so holds a veto there).",
    )
