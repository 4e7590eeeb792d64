"""The input model: a proposal as pydantic v2 values, frozen and strict about unknown keys."""

from __future__ import annotations

from typing import Any

from .capabilities import (
    CORE_CATEGORIES,
    Capabilities,
    CapabilityCategory,
    FieldedBy,
    Funding,
    Pledge,
)
from .commitments import (
    SUBSTANTIVE_RESPONSES,
    AdversaryDeadline,
    Commitments,
    DecisionRule,
    Response,
    ResponseKind,
    Trigger,
    TriggerEvent,
)
from .parties import Party, PartyKind
from .presence import ON_TERRITORY, Deployment, DeploymentKind, Location, Presence, Timing
from .proposal import Note, Outcome, OutcomeKind, Proposal, Source, Status
from .terms import Legal, LegalForm, Terms

__all__ = [
    "CORE_CATEGORIES",
    "ON_TERRITORY",
    "SUBSTANTIVE_RESPONSES",
    "AdversaryDeadline",
    "Capabilities",
    "CapabilityCategory",
    "Commitments",
    "DecisionRule",
    "Deployment",
    "DeploymentKind",
    "FieldedBy",
    "Funding",
    "Legal",
    "LegalForm",
    "Location",
    "Note",
    "Outcome",
    "OutcomeKind",
    "Party",
    "PartyKind",
    "Pledge",
    "Presence",
    "Proposal",
    "Response",
    "ResponseKind",
    "Source",
    "Status",
    "Terms",
    "Timing",
    "Trigger",
    "TriggerEvent",
    "json_schema",
]


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a proposal file, with every field described."""
    schema = Proposal.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }
