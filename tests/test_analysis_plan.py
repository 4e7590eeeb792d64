"""Plans: the fewest changes to a target, every step re-scored, the result savable."""

from __future__ import annotations

import importlib
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import guarantees
from guarantees import Policy, Proposal, Verdict, catalog, score
from guarantees.analysis.changes import candidates
from guarantees.analysis.plan import Plan, plan
from guarantees.strategies import proposals

# The package exports the function `plan`, which hides the module of the same name.
plan_module = importlib.import_module("guarantees.analysis.plan")

TARGETS: list[Verdict | float] = [Verdict.CREDIBLE, Verdict.PARTIAL, 60.0]


def check_steps(result: Plan, policy: Policy | None = None) -> None:
    """Each step is the re-scored proposal and the score never falls from one to the next."""
    previous = result.start
    for step in result.steps:
        card = score(step.proposal, policy)
        assert (step.overall, step.verdict) == (card.overall, card.verdict)
        assert step.card == card
        assert step.overall >= previous.overall, step.change
        assert step.verdict.rank <= previous.verdict.rank, step.change
        previous = card


@pytest.mark.parametrize("target", TARGETS, ids=str)
@pytest.mark.parametrize("name", catalog.names())
def test_plan_for_every_catalog_entry_reaches_the_target_or_says_it_cannot(
    name: str, target: Verdict | float
) -> None:
    p = catalog.load(name)
    result = plan(p, target)
    check_steps(result)
    final = score(result.final)
    assert final == result.result
    if isinstance(target, Verdict):
        met = final.verdict.rank <= target.rank
    else:
        met = final.overall >= target
    assert result.reached == met
    if not result.reached:
        assert result.steps, "an unreachable plan still shows the best it found"


def test_a_proposal_that_meets_the_target_needs_no_step() -> None:
    result = plan(catalog.load("three-pillar-architecture"), Verdict.CREDIBLE)
    assert (result.reached, result.steps) == (True, ())
    assert result.final == catalog.load("three-pillar-architecture")


def test_an_unreachable_target_is_reported_with_the_best_result_found() -> None:
    p = catalog.load("kremlin-demands-2025")
    result = plan(p, 100.0)
    assert not result.reached
    check_steps(result)
    assert result.result.overall > result.start.overall
    # Every candidate applied at once is the most the candidates can give: the plan gets there.
    everything = p
    for change in result.candidates:
        everything = change(everything)
    assert result.result.overall >= score(everything).overall


def test_exact_plan_is_the_fewest_changes() -> None:
    p = catalog.load("uk-ukraine-agreement-2024")
    result = plan(p, Verdict.CREDIBLE)
    assert (result.reached, result.method) == (True, "exact")
    for size in range(1, len(result.steps)):
        for subset in combinations(result.candidates, size):
            changed = p
            for change in subset:
                changed = change(changed)
            assert score(changed).verdict is not Verdict.CREDIBLE, subset


def test_greedy_fallback_reaches_the_target_when_exact_search_is_too_large(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Beyond EXACT_BUDGET subsets the greedy plan stands; it still reaches the target and is
    never shorter than the exact one."""
    p = catalog.load("us-ukraine-agreement-2024")
    exact = plan(p, Verdict.CREDIBLE)
    monkeypatch.setattr(plan_module, "EXACT_BUDGET", 0)
    greedy = plan(p, Verdict.CREDIBLE)
    assert (exact.method, greedy.method) == ("exact", "greedy")
    assert greedy.reached
    assert len(greedy.steps) >= len(exact.steps)
    check_steps(greedy)


def test_worst_catalog_entry_plan_removes_the_adversarys_roles() -> None:
    result = plan(catalog.load("kremlin-demands-2025"), Verdict.PARTIAL)
    done = {s.change.id for s in result.steps}
    assert {"remove-adversary-from-guarantors", "take-away-adversary-veto"} <= done
    assert result.result.verdict is Verdict.PARTIAL


def test_target_may_be_a_verdict_name_or_a_score() -> None:
    p = catalog.load("reassurance-force-2025")
    assert plan(p, "partial").target is Verdict.PARTIAL
    assert plan(p, "50").target == 50.0
    assert plan(p, 50).result.overall >= 50


@pytest.mark.parametrize("bad", ["excellent", "101", -1])
def test_a_bad_target_is_refused(bad: str | int) -> None:
    with pytest.raises(ValueError, match=r"target|score"):
        plan(catalog.load("reassurance-force-2025"), bad)


def test_final_proposal_saves_as_yaml_and_loads_back_equal(tmp_path: Path) -> None:
    result = plan(catalog.load("kremlin-demands-2025"), Verdict.PARTIAL)
    path = tmp_path / "fixed.yaml"
    result.save(path)
    assert guarantees.load(path) == result.final
    assert guarantees.load(result.dump()) == result.final


def test_plan_under_another_policy_is_verified_under_that_policy() -> None:
    policy = Policy.bundled("denial")
    result = plan(catalog.load("us-ukraine-agreement-2024"), Verdict.CREDIBLE, policy)
    check_steps(result, policy)
    assert result.policy.id == "denial"


def test_plan_to_dict_matches_its_json_and_is_deterministic() -> None:
    import json

    p = catalog.load("kremlin-demands-2025")
    a, b = plan(p), plan(p)
    assert a.to_json() == b.to_json()
    data = json.loads(a.to_json())
    assert data == a.to_dict()
    assert data["schema_version"] == 1
    assert [s["overall"] for s in data["steps"]] == [s.overall for s in a.steps]
    assert repr(a) == (
        f"<Plan 'kremlin-demands-2025' target=credible reached=True steps={len(a.steps)}>"
    )


@settings(max_examples=max(10, settings.default.max_examples // 2))  # a plan scores ~100 times
@given(proposals(), st.sampled_from([Verdict.CREDIBLE, Verdict.PARTIAL, 50.0]))
def test_plan_for_any_proposal_is_verified_and_unreachable_only_if_all_changes_miss(
    p: Proposal, target: Verdict | float
) -> None:
    """Every step is re-scored and the score never falls; a plan reports the target unreachable
    only when applying every candidate change at once misses it too."""
    result = plan(p, target)
    check_steps(result)
    everything = p
    for change in candidates(p, score(p)):
        everything = change(everything)
    best = score(everything)
    if isinstance(target, Verdict):
        can = best.verdict.rank <= target.rank
    else:
        can = best.overall >= target
    if can:
        assert result.reached
    if not result.reached:
        assert result.result.overall >= best.overall
