"""The rules of scoring, one test each, over generated proposals and policies.

Each docstring quotes the rule as the README states it (see "Guarantees to users"). Evidence paths
hold list indices, so tests that reorder lists compare what a score says, not where it points.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import event, example, given, note, settings
from hypothesis import strategies as st

import guarantees
from guarantees import Pillar, Policy, Proposal, Severity, Verdict, score
from guarantees.rules import BASELINE
from guarantees.strategies import (
    DEGRADATIONS,
    IMPROVEMENTS,
    degradations,
    improvements,
    policies,
    proposals,
    rewrites,
    strong_proposals,
)

from . import checks

DEFAULT = Policy()

# The parametrised properties (one case per change family or pillar, 32 in all) share the
# profile's budget three ways, so the suite's time does not grow with the number of families:
# 83 examples per case under `ci`, 20 under `default`.
PER_CASE = settings(max_examples=max(10, settings.default.max_examples // 3))

# Proposals across the range: mostly weak ones, and strong ones with one thing made worse.
SPREAD = st.one_of(
    proposals(),
    strong_proposals(),
    st.tuples(strong_proposals(), degradations()).map(lambda pc: pc[1](pc[0])),
)


def real_score(p: Proposal, policy: Policy) -> guarantees.Scorecard:
    return score(p, policy)


# -- 1. bounds -------------------------------------------------------------------------------


@given(SPREAD, policies(vary_severity=True, disable_rules=True))
def test_scores_lie_in_0_to_100_and_the_verdict_is_one_of_four(p: Proposal, policy: Policy) -> None:
    """Every pillar score and the overall lie in [0, 100]; the verdict is one of the four levels;
    completeness lies in [0, 1] and no criterion earns more than its possible points."""
    card = score(p, policy)
    event(f"verdict: {card.verdict.value}")
    assert [pl.pillar for pl in card.pillars] == list(Pillar)
    for pillar in card.pillars:
        assert 0.0 <= pillar.score <= 100.0
        for c in pillar.criteria:
            assert 0.0 <= c.points <= c.possible <= 100.0
    assert 0.0 <= card.overall <= 100.0
    assert card.verdict in set(Verdict)
    assert 0.0 <= card.completeness <= 1.0


# -- 2. determinism and purity ---------------------------------------------------------------


@given(SPREAD, policies())
def test_scoring_twice_gives_equal_scorecards_and_leaves_the_input_unchanged(
    p: Proposal, policy: Policy
) -> None:
    """Scoring twice gives equal scorecards and identical JSON; the input is unchanged."""
    before = p.model_dump(mode="json")
    first, second = score(p, policy), score(p, policy)
    assert first == second
    assert first.to_json() == second.to_json()
    assert p.model_dump(mode="json") == before


# -- 3. order invariance ---------------------------------------------------------------------


@st.composite
def reordered(draw: st.DrawFn, p: Proposal) -> Proposal:
    def shuffle(items: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(draw(st.permutations(items)))

    data: dict[str, Any] = {**dict(p)}
    data["parties"] = shuffle(p.parties)
    data["guarantors"] = shuffle(p.guarantors)
    data["capabilities"] = p.capabilities.model_copy(
        update={"pledges": shuffle(p.capabilities.pledges)}
    )
    data["commitments"] = p.commitments.model_copy(
        update={
            "triggers": shuffle(p.commitments.triggers),
            "responses": shuffle(p.commitments.responses),
        }
    )
    data["presence"] = p.presence.model_copy(
        update={"deployments": shuffle(p.presence.deployments)}
    )
    return Proposal.model_validate(data)


@given(SPREAD, policies(), st.data())
def test_permuting_parties_guarantors_pledges_triggers_responses_deployments_changes_nothing(
    p: Proposal, policy: Policy, data: st.DataObject
) -> None:
    """Permuting parties, guarantors, pledges, triggers, responses or deployments changes
    nothing: the same pillar scores, overall, verdict, finding codes and completeness."""
    shuffled = data.draw(reordered(p), label="shuffled")
    assert checks.outcome(score(shuffled, policy)) == checks.outcome(score(p, policy))


# -- 4. pillar independence ------------------------------------------------------------------


@pytest.mark.parametrize("pillar", list(Pillar), ids=lambda p: p.value)
@PER_CASE
@given(p=SPREAD, policy=policies(), data=st.data())
def test_changing_one_pillars_section_leaves_the_other_pillar_scores_unchanged(
    pillar: Pillar, p: Proposal, policy: Policy, data: st.DataObject
) -> None:
    """Changing only capabilities leaves the commitments and presence scores unchanged, and
    likewise for each pillar (commitments read `commitments` and `legal`)."""
    changed = data.draw(rewrites(p, pillar), label="changed")
    before, after = (
        checks.pillar_scores(score(p, policy)),
        checks.pillar_scores(score(changed, policy)),
    )
    event(f"own pillar {'moved' if before[pillar] != after[pillar] else 'kept'}")
    for other in Pillar:
        if other is not pillar:
            assert after[other] == before[other], other


# -- 5. monotonicity -------------------------------------------------------------------------


@pytest.mark.parametrize("name", IMPROVEMENTS)
@PER_CASE
@given(p=SPREAD, policy=policies(), data=st.data())
def test_an_improvement_never_lowers_a_pillar_the_overall_or_the_verdict(
    name: str, p: Proposal, policy: Policy, data: st.DataObject
) -> None:
    """Each improvement never lowers any pillar, the overall or the verdict, and adds no critical
    or high finding."""
    change = data.draw(improvements(name, parameters=policy.parameters), label="change")
    checks.improvement_never_lowers(real_score, policy, p, change)


# -- 6. anti-monotonicity --------------------------------------------------------------------


@pytest.mark.parametrize("name", DEGRADATIONS)
@PER_CASE
@given(p=SPREAD, policy=policies(), data=st.data())
def test_a_degradation_never_raises_a_pillar_the_overall_or_the_verdict(
    name: str, p: Proposal, policy: Policy, data: st.DataObject
) -> None:
    """Each degradation never raises any pillar, the overall or the verdict."""
    change = data.draw(degradations(name), label="change")
    checks.degradation_never_raises(real_score, policy, p, change)


@given(SPREAD, policies(), degradations("add-adversary-as-guarantor", "give-adversary-a-veto"))
def test_adversary_as_guarantor_or_veto_holder_yields_the_critical_finding_and_trap(
    p: Proposal, policy: Policy, change: Any
) -> None:
    """Adding the adversary as guarantor or veto holder always yields the critical finding
    (COM001, COM002) and the lowest verdict, trap."""
    checks.adversary_role_is_a_trap(real_score, policy, p, change)


# -- 7. caps ---------------------------------------------------------------------------------

WITH_CRITICAL = st.one_of(
    proposals(adversary_is_guarantor=True),
    proposals(adversary_holds_veto=True),
    st.tuples(
        strong_proposals(), degradations("add-adversary-as-guarantor", "give-adversary-a-veto")
    ).map(lambda pc: pc[1](pc[0])),
)


@given(WITH_CRITICAL, policies())
def test_a_critical_finding_caps_the_overall_and_forces_trap(p: Proposal, policy: Policy) -> None:
    """A critical finding caps the overall at the policy's cap (20 by default) and forces the
    lowest verdict, trap."""
    card = score(p, policy)
    event(f"cap {'bit' if card.overall_uncapped > 20 else 'idle'}")
    checks.critical_caps_and_traps(real_score, policy, p)


@given(SPREAD, policies(disable_rules=True))
def test_a_high_finding_forbids_the_top_verdict(p: Proposal, policy: Policy) -> None:
    """Any high finding forbids the top verdict, credible."""
    card = score(p, policy)
    high = [f.code for f in card.findings if f.severity is Severity.HIGH]
    event(f"high finding: {bool(high)}; credible by score: {card.overall >= 70}")
    if high:
        assert card.verdict is not Verdict.CREDIBLE, high


@given(SPREAD, policies(disable_rules=True))
def test_a_pillar_under_the_floor_forbids_the_top_verdict(p: Proposal, policy: Policy) -> None:
    """A pillar under `pillar_floor` forbids the top verdict, credible."""
    card = score(p, policy)
    below = [pl.pillar for pl in card.pillars if pl.score < policy.pillar_floor]
    event(f"pillar under the floor: {bool(below)}")
    if below:
        assert card.verdict is not Verdict.CREDIBLE, below


@given(SPREAD, policies(vary_severity=True))
def test_every_severity_effect_of_the_policy_is_honoured(p: Proposal, policy: Policy) -> None:
    """Findings never add or remove points, they cap: for each severity found, the overall is at
    most its `overall_cap` and the verdict no better than its `max_verdict`."""
    card = score(p, policy)
    assert card.overall <= card.overall_uncapped
    for severity in {f.severity for f in card.findings}:
        effect = policy.severity.of(severity)
        if effect.overall_cap is not None:
            assert card.overall <= effect.overall_cap, severity
        if effect.max_verdict is not None:
            assert card.verdict.rank >= effect.max_verdict.rank, severity


# -- 8. consistency --------------------------------------------------------------------------


def resolve(data: Any, pointer: str) -> Any:
    node = data
    for part in pointer.split("/")[1:]:
        key = part.replace("~1", "/").replace("~0", "~")
        node = node[int(key)] if isinstance(node, list) else node[key]
    return node


@given(SPREAD, policies())
def test_every_evidence_path_resolves_inside_the_proposal(p: Proposal, policy: Policy) -> None:
    """A finding's (and a criterion's) evidence paths are JSON Pointers that resolve inside the
    proposal's dumped form."""
    data = p.model_dump(mode="json")
    card = score(p, policy)
    paths = [path for f in card.findings for path in f.evidence]
    paths += [path for pl in card.pillars for c in pl.criteria for path in c.evidence]
    for f in card.findings:
        assert f.evidence, f.code
    for path in paths:
        assert path.startswith("/"), path
        resolve(data, path)


@given(SPREAD, policies())
def test_every_finding_code_is_in_the_catalog_and_findings_are_sorted(
    p: Proposal, policy: Policy
) -> None:
    """Every finding's code is in the catalog, with the catalog's severity; findings are sorted by
    (severity rank, code), one per rule."""
    checks.findings_are_in_the_catalog_and_sorted(real_score, policy, p)


# -- 9. round trips --------------------------------------------------------------------------


# A NEL (U+0085) was folded into a space by PyYAML's single-quoted style until `dump` quoted it.
NEL = Proposal.model_validate({**BASELINE, "title": "Ruritania\x85Borduria", "tags": ["a\x85"]})


@example(NEL)
@given(SPREAD)
def test_a_proposal_reads_back_equal_from_yaml_and_json(p: Proposal) -> None:
    """`load(dump(p)) == p` through YAML and through JSON: nothing lost, nothing invented."""
    for fmt in ("yaml", "json"):
        text = guarantees.dump(p, fmt)
        assert guarantees.load(text, format=fmt) == p, fmt


@given(SPREAD, policies(vary_severity=True))
def test_scorecard_json_reads_back_as_to_dict(p: Proposal, policy: Policy) -> None:
    """`json.loads(card.to_json()) == card.to_dict()`."""
    card = score(p, policy)
    assert json.loads(card.to_json()) == card.to_dict()
    assert json.loads(card.to_json(indent=None)) == card.to_dict()


# -- 10. policy ------------------------------------------------------------------------------


def scaled(policy: Policy, factor: float) -> Policy:
    data = policy.model_dump()
    data["pillars"] = {k: v * factor for k, v in data["pillars"].items()}
    data["criteria"] = {
        pillar: {k: v * factor for k, v in weights.items()}
        for pillar, weights in data["criteria"].items()
    }
    return Policy.model_validate(data)


@given(SPREAD, policies(), st.floats(min_value=0.01, max_value=100))
def test_scaling_all_weights_by_a_positive_factor_changes_no_score(
    p: Proposal, policy: Policy, factor: float
) -> None:
    """Scaling all weights (pillars and criteria) by a positive factor changes no score."""
    weights = [*policy.pillars.model_dump().values()]
    weights += [w for section in policy.criteria.model_dump().values() for w in section.values()]
    factor = min(factor, 999 / max(weights))  # weights stay within the policy's bounds
    note(f"factor={factor!r}")
    a, b = score(p, policy), score(p, scaled(policy, factor))
    assert (checks.pillar_scores(a), a.overall, a.verdict) == (
        checks.pillar_scores(b),
        b.overall,
        b.verdict,
    )


@given(SPREAD, st.sampled_from(guarantees.rules().codes()))
def test_switching_a_rule_off_removes_exactly_its_findings(p: Proposal, code: str) -> None:
    """Switching a rule off (`disabled_rules`) removes exactly its findings and changes no pillar
    score."""
    on, off = score(p, DEFAULT), score(p, Policy(disabled_rules=(code,)))
    event(f"rule fired: {code in on.codes()}")
    assert off.codes() == tuple(c for c in on.codes() if c != code)
    assert [f for f in on.findings if f.code != code] == list(off.findings)
    assert checks.pillar_scores(off) == checks.pillar_scores(on)
