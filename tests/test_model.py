"""The proposal model states every concept and refuses every inconsistency, by field path."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from guarantees import Proposal
from guarantees.model import CapabilityCategory, DeploymentKind, ResponseKind, TriggerEvent


def errors_of(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    with pytest.raises(ValidationError) as info:
        Proposal.model_validate(data)
    return [(tuple(e["loc"]), e["type"]) for e in info.value.errors()]


def test_full_proposal_validates_and_keeps_every_value(full_data: dict[str, Any]) -> None:
    p = Proposal.model_validate(full_data)
    assert p.party("russia").un_security_council_permanent is True
    assert p.capabilities.pledges[0].value_per_year == 2_500_000_000.0
    assert p.commitments.triggers[0].verified_by == ("osce",)
    assert p.presence.deployments[0].personnel == 10000
    assert p.terms.alliance_ban is True
    assert p.model_dump(mode="json")["date"] == "2025-08-20"


def test_proposal_is_frozen(full_data: dict[str, Any]) -> None:
    p = Proposal.model_validate(full_data)
    with pytest.raises(ValidationError):
        p.title = "changed"  # type: ignore[misc]


def test_unknown_field_is_an_error_not_dropped(full_data: dict[str, Any]) -> None:
    full_data["comitments"] = full_data.pop("commitments")
    assert (("comitments",), "extra_forbidden") in errors_of(full_data)


def test_unknown_party_reference_is_an_error_with_its_path(full_data: dict[str, Any]) -> None:
    full_data["presence"]["deployments"][0]["contributors"] = ["uk", "germany"]
    assert (("presence", "deployments", 0, "contributors", 1), "unknown_party") in errors_of(
        full_data
    )


def test_every_reference_kind_is_checked(full_data: dict[str, Any]) -> None:
    full_data["beneficiary"] = "ukrain"
    full_data["adversaries"] = ["rusia"]
    full_data["guarantors"] = ["uk", "france", "usa"]
    full_data["commitments"]["veto_holders"] = ["china"]
    full_data["commitments"]["triggers"][0]["verified_by"] = ["un"]
    found = errors_of(full_data)
    for loc in [
        ("beneficiary",),
        ("adversaries", 0),
        ("guarantors", 2),
        ("commitments", "veto_holders", 0),
        ("commitments", "triggers", 0, "verified_by", 0),
    ]:
        assert (loc, "unknown_party") in found


def test_duplicate_party_ids_are_an_error(full_data: dict[str, Any]) -> None:
    full_data["parties"].append({"id": "uk", "name": "Britain"})
    assert (("parties", 6, "id"), "duplicate_party") in errors_of(full_data)


def test_contributor_that_is_not_a_guarantor_is_an_error(full_data: dict[str, Any]) -> None:
    full_data["presence"]["deployments"][0]["contributors"] = ["nato"]
    assert (("presence", "deployments", 0, "contributors", 0), "not_a_guarantor") in errors_of(
        full_data
    )


def test_pledge_provider_must_be_a_guarantor(full_data: dict[str, Any]) -> None:
    full_data["capabilities"]["pledges"][0]["providers"] = ["osce"]
    assert (("capabilities", "pledges", 0, "providers", 0), "not_a_guarantor") in errors_of(
        full_data
    )


def test_negative_personnel_is_an_error(full_data: dict[str, Any]) -> None:
    full_data["presence"]["deployments"][0]["personnel"] = -5
    assert (("presence", "deployments", 0, "personnel"), "greater_than_equal") in errors_of(
        full_data
    )


def test_lead_guarantor_must_be_a_guarantor(full_data: dict[str, Any]) -> None:
    full_data["lead_guarantor"] = "osce"
    assert (("lead_guarantor",), "lead_not_guarantor") in errors_of(full_data)


def test_beneficiary_cannot_be_adversary_or_guarantor(full_data: dict[str, Any]) -> None:
    full_data["adversaries"] = ["russia", "ukraine"]
    full_data["guarantors"] = ["uk", "france", "ukraine"]
    found = errors_of(full_data)
    assert (("adversaries", 1), "beneficiary_is_adversary") in found
    assert (("guarantors", 2), "beneficiary_is_guarantor") in found


def test_adversary_may_be_listed_as_guarantor_so_rules_can_flag_it(
    full_data: dict[str, Any],
) -> None:
    full_data["guarantors"] = ["uk", "france", "russia"]
    assert Proposal.model_validate(full_data).guarantors[-1] == "russia"


def test_duplicate_reference_is_an_error(full_data: dict[str, Any]) -> None:
    full_data["guarantors"] = ["uk", "uk"]
    assert (("guarantors", 1), "duplicate_reference") in errors_of(full_data)


def test_duration_and_indefinite_conflict(full_data: dict[str, Any]) -> None:
    full_data["legal"]["indefinite"] = True
    assert (("legal", "duration_years"), "duration_conflict") in errors_of(full_data)


def test_at_least_one_adversary_is_required(full_data: dict[str, Any]) -> None:
    full_data["adversaries"] = []
    assert (("adversaries",), "too_short") in errors_of(full_data)


def test_enums_cover_the_analysis_vocabulary() -> None:
    assert {"air_defence", "long_range_strike", "armour", "isr", "industrial_support"} <= {
        c.value for c in CapabilityCategory
    }
    assert {"sanctions_escalator", "energy_cutoff", "financial_cutoff"} <= {
        r.value for r in ResponseKind
    }
    assert {"air_policing", "missile_defence", "logistics", "training"} <= {
        d.value for d in DeploymentKind
    }
    assert "any_aggression" in {t.value for t in TriggerEvent}


def test_every_field_has_a_description() -> None:
    from guarantees import json_schema

    schema = json_schema()
    missing = [
        f"{name}.{field}"
        for name, definition in [("Proposal", schema), *schema["$defs"].items()]
        for field, spec in definition.get("properties", {}).items()
        if not spec.get("description")
    ]
    assert missing == []
