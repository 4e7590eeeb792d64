"""Shared fixtures: a proposal that states every concept of the model at least once."""

from __future__ import annotations

import copy
import os
from typing import Any

import pytest
from hypothesis import settings

# Both profiles print a `@reproduce_failure` blob with a failing example, so it can be replayed.
settings.register_profile("default", max_examples=60, deadline=None, print_blob=True)
settings.register_profile("ci", max_examples=250, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

FULL: dict[str, Any] = {
    "id": "full-example",
    "title": "A proposal that states everything",
    "summary": "Touches every field of the model once.",
    "date": "2025-08-20",
    "status": "draft",
    "sources": [{"title": "The text", "url": "https://example.org/text"}],
    "tags": ["test", "complete"],
    "notes": [{"path": "/terms/ceasefire_first", "text": "Read from the preamble."}],
    "outcome": {
        "result": "untested",
        "summary": "Not yet in force.",
        "source": {"title": "News", "url": "https://example.org/news"},
    },
    "parties": [
        {"id": "ukraine", "name": "Ukraine"},
        {
            "id": "russia",
            "name": "Russia",
            "aliases": ["Russian Federation"],
            "nuclear_armed": True,
            "un_security_council_permanent": True,
        },
        {"id": "uk", "name": "United Kingdom", "nuclear_armed": True},
        {"id": "france", "name": "France", "nuclear_armed": True},
        {"id": "osce", "name": "OSCE", "kind": "organization"},
        {"id": "nato", "name": "NATO", "kind": "alliance"},
    ],
    "beneficiary": "ukraine",
    "adversaries": ["russia"],
    "guarantors": ["uk", "france"],
    "lead_guarantor": "uk",
    "legal": {"form": "treaty_ratified", "duration_years": 10, "withdrawal_notice_months": 12},
    "capabilities": {
        "pledges": [
            {
                "category": "air_defence",
                "providers": ["uk", "france"],
                "description": "Layered air defence.",
                "value_per_year": 2500000000.0,
                "currency": "EUR",
                "years": 10,
                "funding": "appropriated",
                "annual_approval": False,
            },
            {"category": "industrial_support", "providers": ["france"], "funding": "promised"},
        ]
    },
    "commitments": {
        "triggers": [
            {
                "event": "ceasefire_violation",
                "description": "Fire across the contact line.",
                "specific": True,
                "verifiable": True,
                "verified_by": ["osce"],
            }
        ],
        "responses": [
            {
                "kind": "sanctions_escalator",
                "automatic": True,
                "deadline_days": 14,
                "size_predefined": True,
                "responders": ["uk"],
            },
            {"kind": "consultation", "automatic": False},
        ],
        "decision_rule": "each_guarantor",
        "veto_holders": [],
        "adversary_deadlines": [
            {"description": "Two weeks.", "days": 14, "consequence_predefined": False}
        ],
    },
    "presence": {
        "deployments": [
            {
                "contributors": ["uk", "france"],
                "kind": "reassurance_force",
                "description": "West of the Dnipro.",
                "combat_capable": True,
                "personnel": 10000,
                "location": "rear",
                "timing": "after_ceasefire",
            }
        ],
        "prepositioned_stocks": True,
        "contingency_plans": True,
        "integrated_command": False,
    },
    "terms": {
        "territorial_concessions": False,
        "recognition_of_annexations": False,
        "alliance_ban": True,
        "foreign_troop_ban": False,
        "force_caps": False,
        "aid_limits": False,
        "ceasefire_first": True,
        "sanctions_relief_upfront": False,
    },
}


@pytest.fixture
def full_data() -> dict[str, Any]:
    """A fresh deep copy of :data:`FULL`, safe to edit in a test."""
    return copy.deepcopy(FULL)
