"""The whole proposal: identity, parties, the three pillars, legal form and terms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import StrEnum
from typing import Any, Self

from pydantic import Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from ._base import Model, PartyId, Slug
from .capabilities import Capabilities
from .commitments import Commitments
from .parties import Party
from .presence import Presence
from .terms import Legal, Terms

__all__ = ["Note", "Outcome", "OutcomeKind", "Proposal", "Source", "Status"]


class Status(StrEnum):
    """Where the proposal stands in its life."""

    IDEA = "idea"
    PROPOSED = "proposed"
    DRAFT = "draft"
    SIGNED = "signed"
    RATIFIED = "ratified"
    IN_FORCE = "in_force"
    LAPSED = "lapsed"
    BREACHED = "breached"


class Source(Model):
    """A document the proposal was coded from."""

    title: str = Field(min_length=1, description="Title of the document.")
    url: str | None = Field(
        default=None,
        pattern=r"^https?://\S+$",
        description="Where to read it; omit only for a source with no public address.",
    )


class Note(Model):
    """A coder's note on a non-obvious reading of the source text."""

    path: str = Field(
        default="",
        pattern=r"^(/[^/]*)*$",
        description="JSON Pointer to the field the note explains, e.g. `/terms/alliance_ban`; "
        "empty for the whole proposal.",
    )
    text: str = Field(min_length=1, description="The reading and why it was made.")


class OutcomeKind(StrEnum):
    """What history did to a guarantee."""

    HELD = "held"
    FAILED = "failed"
    VIOLATED = "violated"
    UNTESTED = "untested"


class Outcome(Model):
    """The documented outcome of a real instrument, for calibration against history."""

    result: OutcomeKind = Field(description="Held (deterred), failed, violated, or untested.")
    summary: str = Field(min_length=1, description="What happened, in a sentence.")
    source: Source | None = Field(default=None, description="Where the outcome is documented.")


class Proposal(Model):
    """A security guarantee as proposed, negotiated or signed, stated once and validated whole."""

    id: Slug = Field(description="Stable slug, e.g. `budapest-memorandum-1994`.")
    title: str = Field(min_length=1, description="Human-readable title.")
    summary: str = Field(default="", description="A few sentences on what the proposal is.")
    date: dt.date | None = Field(default=None, description="Date proposed, signed or published.")
    status: Status = Field(description="Where the proposal stands.")
    sources: tuple[Source, ...] = Field(default=(), description="Documents it was coded from.")
    tags: tuple[str, ...] = Field(default=(), description="Free tags for filtering.")
    notes: tuple[Note, ...] = Field(default=(), description="Notes on non-obvious readings.")
    outcome: Outcome | None = Field(
        default=None, description="The documented outcome, for real instruments."
    )
    parties: tuple[Party, ...] = Field(min_length=2, description="Every party, declared once.")
    beneficiary: PartyId = Field(description="Id of the party whose security is guaranteed.")
    adversaries: tuple[PartyId, ...] = Field(
        min_length=1, description="Ids of the parties the guarantee must deter."
    )
    guarantors: tuple[PartyId, ...] = Field(
        default=(), description="Ids of the parties that give the guarantee."
    )
    lead_guarantor: PartyId | None = Field(
        default=None, description="Id of the guarantor that leads, if one does."
    )
    legal: Legal = Field(default_factory=Legal, description="Legal form and duration.")
    capabilities: Capabilities = Field(
        default_factory=Capabilities, description="The capabilities pillar."
    )
    commitments: Commitments = Field(
        default_factory=Commitments, description="The commitments pillar."
    )
    presence: Presence = Field(default_factory=Presence, description="The presence pillar.")
    terms: Terms = Field(default_factory=Terms, description="Terms imposed by the package.")

    def party(self, party_id: str) -> Party:
        """The declared party with this id (``KeyError`` when there is none)."""
        for p in self.parties:
            if p.id == party_id:
                return p
        raise KeyError(party_id)

    def name_of(self, party_id: str) -> str:
        """The display name of a party id, or the id itself when it is not declared."""
        for p in self.parties:
            if p.id == party_id:
                return p.name
        return party_id

    @model_validator(mode="after")
    def _check_references(self) -> Self:
        errors = list(_cross_field_errors(self))
        if errors:
            raise ValidationError.from_exception_data(type(self).__name__, errors)
        return self


def _error(loc: tuple[str | int, ...], code: str, message: str, **ctx: Any) -> InitErrorDetails:
    value = ctx.get("value")
    return InitErrorDetails(
        type=PydanticCustomError(code, message, ctx), loc=loc, input=value, ctx=ctx
    )


def _cross_field_errors(p: Proposal) -> Iterator[InitErrorDetails]:
    """Every reference must name a declared party, and the roles must not contradict."""
    ids: set[str] = set()
    for i, party in enumerate(p.parties):
        if party.id in ids:
            yield _error(
                ("parties", i, "id"),
                "duplicate_party",
                "party id {value!r} is declared twice",
                value=party.id,
            )
        ids.add(party.id)
    known = sorted(ids)

    def ref(loc: tuple[str | int, ...], value: str) -> Iterator[InitErrorDetails]:
        if value not in ids:
            yield _error(
                loc,
                "unknown_party",
                "{value!r} is not a declared party (declared: {known})",
                value=value,
                known=", ".join(known),
            )

    def refs(loc: tuple[str | int, ...], values: tuple[str, ...]) -> Iterator[InitErrorDetails]:
        seen: set[str] = set()
        for i, value in enumerate(values):
            yield from ref((*loc, i), value)
            if value in seen:
                yield _error(
                    (*loc, i), "duplicate_reference", "{value!r} is listed twice", value=value
                )
            seen.add(value)

    yield from ref(("beneficiary",), p.beneficiary)
    yield from refs(("adversaries",), p.adversaries)
    yield from refs(("guarantors",), p.guarantors)
    if p.beneficiary in p.adversaries:
        yield _error(
            ("adversaries", p.adversaries.index(p.beneficiary)),
            "beneficiary_is_adversary",
            "the beneficiary {value!r} cannot also be an adversary",
            value=p.beneficiary,
        )
    if p.beneficiary in p.guarantors:
        yield _error(
            ("guarantors", p.guarantors.index(p.beneficiary)),
            "beneficiary_is_guarantor",
            "the beneficiary {value!r} cannot guarantee itself",
            value=p.beneficiary,
        )
    if p.lead_guarantor is not None and p.lead_guarantor not in p.guarantors:
        yield _error(
            ("lead_guarantor",),
            "lead_not_guarantor",
            "the lead guarantor {value!r} is not among the guarantors",
            value=p.lead_guarantor,
        )
    guarantors = set(p.guarantors)

    def among_guarantors(
        loc: tuple[str | int, ...], values: tuple[str, ...], role: str
    ) -> Iterator[InitErrorDetails]:
        yield from refs(loc, values)
        for i, value in enumerate(values):
            if value in ids and value not in guarantors:
                yield _error(
                    (*loc, i),
                    "not_a_guarantor",
                    "{value!r} is a {role} but not a guarantor; add it to `guarantors`",
                    value=value,
                    role=role,
                )

    for i, pledge in enumerate(p.capabilities.pledges):
        yield from among_guarantors(
            ("capabilities", "pledges", i, "providers"), pledge.providers, "provider"
        )
    for i, trigger in enumerate(p.commitments.triggers):
        yield from refs(("commitments", "triggers", i, "verified_by"), trigger.verified_by)
    for i, response in enumerate(p.commitments.responses):
        yield from among_guarantors(
            ("commitments", "responses", i, "responders"), response.responders, "responder"
        )
    yield from refs(("commitments", "veto_holders"), p.commitments.veto_holders)
    for i, dep in enumerate(p.presence.deployments):
        yield from among_guarantors(
            ("presence", "deployments", i, "contributors"), dep.contributors, "contributor"
        )
    if p.legal.indefinite and p.legal.duration_years is not None:
        yield _error(
            ("legal", "duration_years"),
            "duration_conflict",
            "set either `duration_years` or `indefinite: true`, not both",
            value=p.legal.duration_years,
        )
