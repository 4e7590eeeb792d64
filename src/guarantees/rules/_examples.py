"""The baseline every rule example starts from: a credible guarantee that triggers no rule.

Examples are patches merged onto it (mappings merge key by key; lists and values replace), so each
rule's example shows only what it changes. The parties are fictional on purpose.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

__all__ = ["BASELINE", "apply_patch"]

BASELINE: Mapping[str, Any] = {
    "id": "example",
    "title": "Example guarantee for Ruritania",
    "status": "proposed",
    "parties": [
        {"id": "ruritania", "name": "Ruritania"},
        {"id": "borduria", "name": "Borduria", "un_security_council_permanent": True},
        {"id": "freedonia", "name": "Freedonia"},
        {"id": "sylvania", "name": "Sylvania"},
        {"id": "monitors", "name": "Monitoring mission", "kind": "organization"},
    ],
    "beneficiary": "ruritania",
    "adversaries": ["borduria"],
    "guarantors": ["freedonia", "sylvania"],
    "lead_guarantor": "freedonia",
    "legal": {"form": "treaty_ratified", "indefinite": True, "withdrawal_notice_months": 24},
    "capabilities": {
        "pledges": [
            {
                "category": category,
                "providers": ["freedonia"],
                "value_per_year": 1_000_000_000,
                "currency": "USD",
                "years": 10,
                "funding": "appropriated",
                "annual_approval": False,
            }
            for category in (
                "air_defence",
                "long_range_strike",
                "armour",
                "isr",
                "industrial_support",
            )
        ]
    },
    "commitments": {
        "triggers": [
            {
                "event": "armed_attack",
                "specific": True,
                "verifiable": True,
                "verified_by": ["monitors"],
            }
        ],
        "responses": [
            {
                "kind": kind,
                "automatic": True,
                "deadline_days": 14,
                "size_predefined": True,
            }
            for kind in (
                "sanctions_escalator",
                "energy_cutoff",
                "military_aid_tranche",
                "military_action",
            )
        ],
        "decision_rule": "each_guarantor",
    },
    "presence": {
        "deployments": [
            {
                "contributors": ["freedonia", "sylvania"],
                "kind": "tripwire",
                "combat_capable": True,
                "personnel": 20_000,
                "location": "interior",
                "timing": "now",
            }
        ],
        "prepositioned_stocks": True,
        "contingency_plans": True,
        "integrated_command": True,
    },
    "terms": {"ceasefire_first": True},
}


def apply_patch(base: Mapping[str, Any], patch: Mapping[str, Any]) -> dict[str, Any]:
    """A deep copy of ``base`` with ``patch`` merged in (mappings merge, the rest replaces)."""
    out = copy.deepcopy(dict(base))
    for key, value in patch.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = apply_patch(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out
