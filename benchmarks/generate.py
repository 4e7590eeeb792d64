"""Deterministic generated proposals for the benchmark: varied, valid, and cheap to make.

Plain ``random`` rather than Hypothesis: a benchmark needs the same 100,000 inputs every run,
fast, and streamed (a generator), so that memory measured is the scorer's, not the input's.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

from guarantees.model import (
    CapabilityCategory,
    DecisionRule,
    DeploymentKind,
    LegalForm,
    Location,
    ResponseKind,
    Timing,
    TriggerEvent,
)


def _maybe(rng: random.Random, value: Any) -> Any:
    return rng.choice([value, None])


def proposal_data(rng: random.Random, index: int) -> dict[str, Any]:
    """One valid proposal as plain data."""
    n_guarantors = rng.randint(0, 5)
    guarantors = [f"g{i}" for i in range(n_guarantors)]
    if rng.random() < 0.15:
        guarantors.append("adversary")
    friendly = [g for g in guarantors if g != "adversary"]
    parties = [
        {"id": "beneficiary", "name": "Beneficiary"},
        {"id": "adversary", "name": "Adversary", "un_security_council_permanent": True},
        *({"id": g, "name": f"Guarantor {g}"} for g in friendly),
        {"id": "monitors", "name": "Monitors", "kind": "organization"},
    ]

    def some(k: int) -> list[str]:
        return rng.sample(friendly, min(len(friendly), k)) if friendly else []

    pledges = [
        {
            "category": rng.choice(list(CapabilityCategory)).value,
            "providers": some(rng.randint(1, 2)),
            "value_per_year": _maybe(rng, float(rng.randint(1, 50) * 100_000_000)),
            "years": _maybe(rng, rng.randint(1, 12)),
            "funding": rng.choice(["appropriated", "promised", None]),
            "annual_approval": _maybe(rng, rng.random() < 0.5),
        }
        for _ in range(rng.randint(0, 6) if friendly else 0)
    ]
    responses = [
        {
            "kind": rng.choice(list(ResponseKind)).value,
            "automatic": _maybe(rng, rng.random() < 0.5),
            "deadline_days": _maybe(rng, rng.randint(1, 90)),
            "size_predefined": _maybe(rng, rng.random() < 0.5),
        }
        for _ in range(rng.randint(0, 5))
    ]
    deployments = [
        {
            "contributors": some(rng.randint(1, 3)),
            "kind": rng.choice(list(DeploymentKind)).value,
            "combat_capable": _maybe(rng, rng.random() < 0.5),
            "personnel": _maybe(rng, rng.randint(0, 40_000)),
            "location": rng.choice(list(Location)).value,
            "timing": rng.choice(list(Timing)).value,
        }
        for _ in range(rng.randint(0, 3) if friendly else 0)
    ]
    return {
        "id": f"generated-{index}",
        "title": f"Generated proposal {index}",
        "status": "draft",
        "parties": parties,
        "beneficiary": "beneficiary",
        "adversaries": ["adversary"],
        "guarantors": guarantors,
        "lead_guarantor": friendly[0] if friendly and rng.random() < 0.7 else None,
        "legal": {
            "form": rng.choice([*(f.value for f in LegalForm), None]),
            "duration_years": _maybe(rng, rng.randint(1, 30)),
            "withdrawal_notice_months": _maybe(rng, rng.randint(0, 24)),
        },
        "capabilities": {"pledges": pledges},
        "commitments": {
            "triggers": [
                {
                    "event": rng.choice(list(TriggerEvent)).value,
                    "specific": _maybe(rng, rng.random() < 0.6),
                    "verifiable": _maybe(rng, rng.random() < 0.6),
                    "verified_by": rng.choice([[], ["monitors"], ["adversary"]]),
                }
                for _ in range(rng.randint(0, 3))
            ],
            "responses": responses,
            "decision_rule": rng.choice([*(d.value for d in DecisionRule), None]),
            "veto_holders": ["adversary"] if rng.random() < 0.1 else [],
        },
        "presence": {
            "deployments": deployments,
            "prepositioned_stocks": _maybe(rng, rng.random() < 0.5),
            "contingency_plans": _maybe(rng, rng.random() < 0.5),
            "integrated_command": _maybe(rng, rng.random() < 0.5),
        },
        "terms": {
            "foreign_troop_ban": rng.random() < 0.1,
            "territorial_concessions": rng.random() < 0.2,
            "ceasefire_first": _maybe(rng, rng.random() < 0.5),
        },
    }


def generated_data(count: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """``count`` proposals as plain data, streamed."""
    rng = random.Random(seed)
    for index in range(count):
        yield proposal_data(rng, index)
