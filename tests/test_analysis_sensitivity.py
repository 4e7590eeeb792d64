"""Sensitivity: reproducible with a seed, re-aggregation equal to aggregate's, known answers."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import guarantees
from guarantees import Pillar, Policy, Proposal, aggregate, catalog, evaluate
from guarantees.analysis.sensitivity import (
    Method,
    _flips,
    _overall,
    _rank_counts,
    _round,
    _Weights,
    sensitivity,
)
from guarantees.criteria import CRITERIA
from guarantees.strategies import improvements, policies, proposals

METHODS: list[Method] = ["dirichlet", "uniform"]
CATALOG = [catalog.load(n) for n in catalog.names()]
HALF = settings(max_examples=max(10, settings.default.max_examples // 2))  # they are slower


@pytest.mark.parametrize("method", METHODS)
def test_same_seed_gives_the_same_result_byte_for_byte(method: Method) -> None:
    a = sensitivity(CATALOG, samples=300, seed=7, method=method)
    b = sensitivity(CATALOG, samples=300, seed=7, method=method)
    assert a.to_json() == b.to_json()


def test_another_seed_gives_other_samples() -> None:
    a = sensitivity(CATALOG, samples=300, seed=1)
    b = sensitivity(CATALOG, samples=300, seed=2)
    assert a.to_dict()["proposals"] != b.to_dict()["proposals"]


def test_results_do_not_depend_on_the_order_of_the_proposals() -> None:
    a = sensitivity(CATALOG, samples=200, seed=3)
    b = sensitivity(list(reversed(CATALOG)), samples=200, seed=3)
    assert a.to_json() == b.to_json()


def strong() -> Proposal:
    return catalog.load("three-pillar-architecture")


def weakened(p: Proposal) -> Proposal:
    """The same proposal with lower credit on several criteria and no new finding."""
    data = p.model_dump(mode="json")
    data["presence"]["integrated_command"] = False
    for d in data["presence"]["deployments"]:
        d["personnel"] = (d["personnel"] or 0) // 4
    data["legal"]["form"] = "treaty_signed"
    data["id"] = "weakened"
    return Proposal.model_validate(data)


@pytest.mark.parametrize("method", METHODS)
def test_a_proposal_dominating_another_on_every_criterion_never_flips(method: Method) -> None:
    a, b = strong(), weakened(strong())
    result = sensitivity([b, a], samples=2000, spread=0.9, seed=11, method=method)
    assert result.flip(a.id, b.id) == 0.0
    top, second = result.proposals
    assert (top.proposal.id, top.first, second.first) == (a.id, 1.0, 0.0)
    assert top.minimum >= second.maximum or top.low >= second.low


@HALF
@given(proposals(), st.lists(improvements(), min_size=1, max_size=3), st.sampled_from(METHODS))
def test_dominance_on_every_criterion_never_flips_for_any_proposal(
    p: Proposal, changes: list[Any], method: Method
) -> None:
    """If q earns at least as much as p on every criterion (same applicability) and its findings
    cap it no lower, no weighing puts p above q."""
    q = p
    for change in changes:
        q = change(q)
    policy = Policy()
    ep, eq = evaluate(p, policy.parameters), evaluate(q, policy.parameters)
    pairs = list(zip(ep.criteria, eq.criteria, strict=True))
    assume(all(x.not_applicable == y.not_applicable for x, y in pairs))
    assume(all(y.earned >= x.earned for x, y in pairs))
    assume({f.severity for f in eq.findings} <= {f.severity for f in ep.findings})
    q = q.model_copy(update={"id": "better"})
    p = p.model_copy(update={"id": "worse"})
    result = sensitivity([p, q], samples=200, spread=0.9, method=method)
    assert result.flip("better", "worse") == 0.0


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("policy", ["default", "denial"])
def test_zero_spread_gives_exactly_the_scores_of_score(method: Method, policy: str) -> None:
    """Every sample at the policy's own weights is ``guarantees.score(p).overall`` to the cent,
    so each proposal keeps its nominal rank in every sample and no pair flips."""
    chosen = Policy.bundled(policy)
    result = sensitivity(CATALOG, chosen, samples=5, spread=0, method=method)
    scores = {p.id: guarantees.score(p, chosen).overall for p in CATALOG}
    for p in result.proposals:
        assert p.nominal == p.minimum == p.low == p.median == p.high == p.maximum
        assert p.nominal == scores[p.proposal.id]
        assert p.ranks[p.nominal_rank - 1] == 5
    assert all(pair.share == 0 for pair in result.pairs)


@HALF
@given(proposals(), policies(vary_severity=True, disable_rules=True))
def test_a_sample_at_the_policys_own_weights_is_the_score(p: Proposal, policy: Policy) -> None:
    weights = _Weights.draw(policy, 1, 0.0, "dirichlet", np.random.default_rng(0))
    overall, verdicts = _overall([evaluate(p, policy.parameters)], policy, weights)
    card = guarantees.score(p, policy)
    assert (float(overall[0, 0]), int(verdicts[0, 0])) == (card.overall, card.verdict.rank)


@HALF
@given(
    proposals(),
    policies(vary_severity=True, disable_rules=True),
    st.sampled_from(METHODS),
    st.sampled_from([0.1, 0.5, 0.9]),
    st.integers(0, 2**32),
)
def test_each_sample_is_exactly_aggregate_under_the_sampled_weights(
    p: Proposal, policy: Policy, method: Method, spread: float, seed: int
) -> None:
    """A sample's overall and verdict are aggregate's under a policy carrying that sample's
    weights: same arithmetic, same rounding to cents."""
    weights = _Weights.draw(policy, 3, spread, method, np.random.default_rng(seed))
    evaluation = evaluate(p, policy.parameters)
    overall, verdicts = _overall([evaluation], policy, weights)
    for s in range(3):
        criteria: dict[str, dict[str, float]] = {pillar.value: {} for pillar in Pillar}
        for i, c in enumerate(CRITERIA):
            criteria[c.pillar.value][c.key] = float(weights.criteria[i, s])
        pillars = {pillar.value: float(weights.pillars[k, s]) for k, pillar in enumerate(Pillar)}
        values = [*pillars.values()] + [v for group in criteria.values() for v in group.values()]
        assume(all(v <= 1000 for v in values))  # a policy's weights are at most 1000
        assume(all(v > 0 for v in pillars.values()))
        assume(all(any(v > 0 for v in group.values()) for group in criteria.values()))
        sampled = policy.model_copy(
            update={
                "criteria": type(policy.criteria).model_validate(criteria),
                "pillars": type(policy.pillars).model_validate(pillars),
            }
        )
        card = aggregate(evaluation, sampled)
        assert float(overall[0, s]) == card.overall, (s, overall[0, s], card.overall)
        assert int(verdicts[0, s]) == card.verdict.rank


@given(
    st.one_of(
        st.floats(min_value=0, max_value=10_000),
        st.builds(lambda c, v: c / 100 * v, st.integers(0, 10_000), st.sampled_from([0.5, 0.25])),
        st.builds(lambda k: k / 200, st.integers(0, 2_000_000)),
    ),
    st.sampled_from([2, 6, 9]),
)
def test_round_is_pythons_round(value: float, digits: int) -> None:
    """Including values whose scaled float lands on a half (numpy.round gets those wrong)."""
    assert float(_round(np.array([value]), digits)[0]) == round(value, digits)


def test_rank_counts_add_up_to_the_samples_and_first_sums_to_one() -> None:
    result = sensitivity(CATALOG, samples=500, seed=5)
    n = len(result.proposals)
    for p in result.proposals:
        assert sum(p.ranks) == 500
        assert len(p.ranks) == n
        assert p.low <= p.median <= p.high
        assert p.minimum <= p.low
        assert p.high <= p.maximum
    assert abs(sum(p.first for p in result.proposals) - 1.0) < 1e-9
    for r in range(n):
        assert sum(p.ranks[r] for p in result.proposals) == 500
    assert len(result.pairs) == n * (n - 1) // 2


def test_proposals_come_in_nominal_rank_order() -> None:
    result = sensitivity(CATALOG, samples=50)
    assert [p.nominal_rank for p in result.proposals] == list(range(1, len(CATALOG) + 1))
    nominal = [p.nominal for p in result.proposals]
    assert nominal == sorted(nominal, reverse=True)


def test_close_proposals_flip_and_distant_ones_do_not() -> None:
    result = sensitivity(CATALOG, samples=2000, seed=0)
    assert result.flip("three-pillar-architecture", "kremlin-demands-2025") == 0.0
    assert any(0 < pair.share < 0.5 for pair in result.pairs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"samples": 0}, "samples"),
        ({"spread": 1.5}, "spread"),
        ({"method": "normal"}, "method"),
    ],
)
def test_bad_arguments_are_refused(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        sensitivity(CATALOG, **kwargs)


def test_sensitivity_json_is_its_dict_with_a_schema_version() -> None:
    result = sensitivity(CATALOG[:3], samples=20)
    assert json.loads(result.to_json()) == result.to_dict()
    assert result.to_dict()["schema_version"] == 1
    assert repr(result) == "<Sensitivity proposals=3 samples=20 method=dirichlet spread=0.25>"


def test_flips_and_ranks_agree_with_counting_sample_by_sample() -> None:
    """Rows are in nominal order; in a sample a higher score ranks higher, then a better
    verdict, then the nominally better row; a flip needs a strictly higher score."""
    rng = random.Random(12)
    n, samples = 4, 500
    overall = np.array([[rng.randint(0, 3) * 0.5 for _ in range(samples)] for _ in range(n)])
    verdicts = np.array([[rng.randint(0, 3) for _ in range(samples)] for _ in range(n)])
    flips = _flips(overall)
    for x in range(n):
        for y in range(x + 1, n):
            assert flips[x, y] == sum(1 for s in range(samples) if overall[y, s] > overall[x, s])
    counts = _rank_counts(overall, verdicts)
    expected = [[0] * n for _ in range(n)]
    for s in range(samples):
        ranking = sorted(range(n), key=lambda x: (-overall[x, s], verdicts[x, s], x))
        for rank, x in enumerate(ranking):
            expected[x][rank] += 1
    assert counts.tolist() == expected


def test_importing_the_library_and_the_module_does_not_import_numpy() -> None:
    code = (
        "import sys, guarantees, guarantees.analysis.sensitivity; "
        "assert 'numpy' not in sys.modules, 'numpy imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
