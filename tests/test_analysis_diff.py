"""Diff: changed fields as JSON Pointers, each with its effect; the attribution adds up."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guarantees import Pillar, Proposal, catalog, score
from guarantees.analysis.diff import diff
from guarantees.analysis.plan import plan
from guarantees.strategies import Change, improvements, proposals


def assert_adds_up(a: Proposal, b: Proposal) -> None:
    result = diff(a, b)
    total = round(score(b).overall - score(a).overall, 2)
    assert result.change == total
    assert round(sum(f.overall for f in result.fields) + result.interaction, 2) == total
    for pillar, change in result.pillar_change:
        fields = sum(dict(f.pillars)[pillar] for f in result.fields)
        assert round(fields + dict(result.pillar_interaction)[pillar], 2) == change


@pytest.mark.parametrize("name", catalog.names())
def test_field_effects_plus_interaction_add_up_to_the_overall_change(name: str) -> None:
    p = catalog.load(name)
    assert_adds_up(p, plan(p).final)


@given(proposals(), st.lists(improvements(), min_size=1, max_size=3))
def test_attribution_adds_up_for_any_changes(p: Proposal, changes: list[Change]) -> None:
    """sum(field effects) + interaction == score(b) - score(a), overall and per pillar."""
    q = p
    for change in changes:
        q = change(q)
    assert_adds_up(p, q)


def test_identical_proposals_have_no_changed_field() -> None:
    p = catalog.load("reassurance-force-2025")
    result = diff(p, p)
    assert (result.fields, result.change, result.interaction) == ((), 0.0, 0.0)


def test_a_single_changed_field_carries_the_whole_change() -> None:
    p = catalog.load("uk-ukraine-agreement-2024")
    data = p.model_dump(mode="json")
    data["legal"]["form"] = "treaty_ratified"
    q = Proposal.model_validate(data)
    result = diff(p, q)
    (field,) = result.fields
    assert field.pointer == "/legal/form"
    assert field.after == "treaty_ratified"
    assert field.overall == result.change
    assert result.interaction == 0.0
    assert dict(field.criteria).keys() == {"commitments.legal_bindingness"}
    assert "COM009" in field.resolved or "COM009" not in score(p).codes()


def test_field_effects_name_criteria_findings_and_verdict() -> None:
    p = catalog.load("uk-ukraine-agreement-2024")
    result = diff(p, plan(p).final)
    deployments = next(f for f in result.fields if f.pointer == "/presence/deployments")
    assert deployments.applies_alone
    assert "PRE001" in deployments.resolved
    assert dict(deployments.pillars)[Pillar.PRESENCE] > 0
    assert "presence.forces_on_soil" in dict(deployments.criteria)
    assert deployments.verdict is score(p).verdict or deployments.verdict is not None


def test_a_field_that_is_invalid_alone_goes_to_the_interaction_term() -> None:
    """b declares a new party and makes it a guarantor: neither change is valid alone."""
    p = catalog.load("uk-ukraine-agreement-2024")
    data = p.model_dump(mode="json")
    data["parties"].append({"id": "newcomer", "name": "Newcomer"})
    data["guarantors"].append("newcomer")
    data["legal"]["form"] = "treaty_ratified"
    q = Proposal.model_validate(data)
    result = diff(p, q)
    alone = {f.pointer: f.applies_alone for f in result.fields}
    assert alone["/guarantors"] is False
    assert alone["/legal/form"] is True
    assert_adds_up(p, q)


def test_pointers_escape_slash_and_tilde() -> None:
    from guarantees.analysis.diff import _pointer

    assert _pointer(("a/b", "c~d", 0)) == "/a~1b/c~0d/0"


def test_diff_json_is_its_dict_with_a_schema_version() -> None:
    p = catalog.load("kremlin-demands-2025")
    result = diff(p, plan(p).final)
    assert json.loads(result.to_json()) == result.to_dict()
    assert result.to_dict()["schema_version"] == 1
