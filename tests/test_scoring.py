"""The scoring engine: pillars from criteria, overall and verdict under the policy's caps."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import guarantees
from guarantees import Pillar, Policy, Proposal, Status, Verdict, score
from guarantees.policy import PillarWeights
from guarantees.rules import BASELINE, apply_patch

CATALOG_DIR = Path(guarantees.__file__).parent / "catalog"


def example(patch: dict[str, Any] | None = None) -> Proposal:
    return Proposal.model_validate(apply_patch(BASELINE, patch or {}))


def pillars(card: guarantees.Scorecard) -> dict[str, float]:
    return {p.pillar.value: p.score for p in card.pillars}


def test_seed_article_5_like_offer_is_a_trap_with_the_critical_findings() -> None:
    card = score(guarantees.load(CATALOG_DIR / "article-5-like-offer-2025.yaml"))
    assert card.verdict is Verdict.TRAP
    assert {"COM001", "COM002", "COM003", "PRE001"} <= set(card.codes())
    assert card.overall <= 20
    veto = next(f for f in card.findings if f.code == "COM002")
    assert "Russia" in veto.message
    assert "Ukraine" in veto.message


def test_seed_three_pillar_architecture_is_credible() -> None:
    card = score(guarantees.load(CATALOG_DIR / "three-pillar-architecture.yaml"))
    assert card.verdict is Verdict.CREDIBLE
    assert not [f for f in card.findings if f.severity.rank <= 1]


def test_every_point_of_a_pillar_traces_to_one_criterion() -> None:
    card = score(example({"presence": {"prepositioned_stocks": None}}))
    for pillar in card.pillars:
        assert sum(c.possible for c in pillar.criteria) == pytest.approx(100.0)
        assert sum(c.points for c in pillar.criteria) == pytest.approx(pillar.score)
        assert all(c.points <= c.possible for c in pillar.criteria)


def test_fully_met_pillar_scores_exactly_100() -> None:
    card = score(example())
    assert pillars(card)["capabilities"] == pillars(card)["commitments"] == 100.0
    # size has diminishing returns: 20,000 personnel earn 1 - exp(-2) of its points
    size = {c.id: c for c in card.pillar("presence").criteria}["presence.size"]
    assert pillars(card)["presence"] == pytest.approx(100.0 - size.possible + size.points)


def test_strong_pillars_cannot_buy_back_a_missing_one() -> None:
    card = score(
        example(
            {
                "presence": {
                    "deployments": [],
                    "prepositioned_stocks": False,
                    "contingency_plans": False,
                    "integrated_command": False,
                }
            }
        )
    )
    assert pillars(card)["presence"] == 0.0
    assert card.overall == Policy().compensation_limit
    assert card.overall_uncapped > card.overall
    assert next(lim.kind for lim in card.limits) == "compensation"


def _no_presence() -> Proposal:
    return example(
        {
            "presence": {
                "deployments": [],
                "prepositioned_stocks": False,
                "contingency_plans": False,
                "integrated_command": False,
            }
        }
    )


def test_pillar_below_floor_forbids_the_top_verdict() -> None:
    # Presence weighs little here, so the score alone would be credible.
    policy = Policy(
        compensation_limit=100.0,
        disabled_rules=("PRE001",),
        pillars=PillarWeights(capabilities=2.0, commitments=2.0, presence=1.0),
    )
    card = score(_no_presence(), policy)
    assert card.overall >= policy.thresholds.credible
    assert card.verdict is Verdict.PARTIAL
    assert [lim.kind for lim in card.limits] == ["floor"]


def test_a_limit_is_listed_only_where_it_lowers_the_verdict() -> None:
    policy = Policy(compensation_limit=100.0, disabled_rules=("PRE001",))
    card = score(_no_presence(), policy)
    assert policy.thresholds.partial <= card.overall < policy.thresholds.credible
    assert card.verdict is Verdict.PARTIAL
    assert card.limits == ()  # the floor forbids credible, which the score does not reach


def test_critical_finding_caps_the_overall_and_forces_trap() -> None:
    card = score(example({"guarantors": ["freedonia", "sylvania", "borduria"]}))
    assert card.overall_uncapped > 20
    assert card.overall == 20.0
    assert card.verdict is Verdict.TRAP


def test_high_finding_forbids_the_top_verdict() -> None:
    card = score(example({"terms": {"foreign_troop_ban": True}}))
    assert card.overall >= Policy().thresholds.credible
    assert card.verdict is Verdict.PARTIAL


def test_medium_and_low_findings_change_no_point() -> None:
    base = score(example())
    flagged = score(
        example({"terms": {"alliance_ban": True}, "legal": {"withdrawal_notice_months": 1}})
    )
    assert flagged.codes() == ("TRM004", "COM010")
    assert (flagged.overall, flagged.verdict) == (base.overall, base.verdict)


def test_scaling_all_weights_changes_nothing() -> None:
    proposal = guarantees.load(CATALOG_DIR / "article-5-like-offer-2025.yaml")
    base = Policy()
    data = base.model_dump()
    for section in ("capabilities", "commitments", "presence"):
        data["criteria"][section] = {k: v * 7.5 for k, v in data["criteria"][section].items()}
    data["pillars"] = {k: v * 3 for k, v in data["pillars"].items()}
    scaled = Policy.model_validate(data)
    a, b = score(proposal, base), score(proposal, scaled)
    assert (pillars(a), a.overall, a.verdict) == (pillars(b), b.overall, b.verdict)


def test_adding_a_funded_pledge_never_lowers_a_score() -> None:
    weak = example(
        {
            "capabilities": {
                "pledges": [
                    {"category": "air_defence", "providers": ["freedonia"], "funding": "promised"}
                ]
            }
        }
    )
    stronger = weak.model_copy(
        update={
            "capabilities": weak.capabilities.model_copy(
                update={
                    "pledges": (
                        *weak.capabilities.pledges,
                        guarantees.model.Pledge(
                            category=guarantees.model.CapabilityCategory.ARMOUR,
                            providers=("sylvania",),
                            funding=guarantees.model.Funding.APPROPRIATED,
                            years=10,
                            annual_approval=False,
                        ),
                    )
                }
            )
        }
    )
    a, b = score(weak), score(stronger)
    assert all(pillars(b)[k] >= v for k, v in pillars(a).items())
    assert b.overall >= a.overall


def test_adversary_as_guarantor_or_veto_never_raises_a_score() -> None:
    base = score(example())
    for patch in (
        {"guarantors": ["freedonia", "sylvania", "borduria"]},
        {"commitments": {"veto_holders": ["borduria"]}},
    ):
        worse = score(example(patch))
        assert worse.overall <= base.overall
        assert worse.verdict is Verdict.TRAP


def test_unknown_is_not_unmet_and_is_counted_in_completeness() -> None:
    known_no = score(example({"presence": {"prepositioned_stocks": False}}))
    unknown = score(example({"presence": {"prepositioned_stocks": None}}))
    crit = {c.id: c for c in unknown.pillar(Pillar.PRESENCE).criteria}
    assert crit["presence.prepositioned_stocks"].status is Status.UNKNOWN
    no = {c.id: c for c in known_no.pillar(Pillar.PRESENCE).criteria}
    assert no["presence.prepositioned_stocks"].status is Status.UNMET
    assert known_no.completeness == 1.0 > unknown.completeness
    # conservative by default: unknown earns what unmet earns
    assert unknown.pillar("presence").score == known_no.pillar("presence").score
    generous = score(
        example({"presence": {"prepositioned_stocks": None}}), Policy(unknown_credit=1.0)
    )
    assert generous.pillar("presence").score > unknown.pillar("presence").score


def test_not_applicable_never_outscores_the_thing_present_and_good() -> None:
    without_lead = score(example({"lead_guarantor": None}))
    crit = {c.id: c for c in without_lead.pillar("presence").criteria}
    assert crit["presence.lead_contributes"].status is Status.NOT_APPLICABLE
    assert crit["presence.lead_contributes"].possible == 0.0
    assert score(example()).pillar("presence").score >= without_lead.pillar("presence").score


def test_scoring_is_deterministic_and_leaves_its_input_unchanged() -> None:
    proposal = guarantees.load(CATALOG_DIR / "article-5-like-offer-2025.yaml")
    before = proposal.model_dump()
    first, second = score(proposal), score(proposal)
    assert first == second
    assert first.to_json() == second.to_json()
    assert proposal.model_dump() == before


def test_to_json_round_trips_to_to_dict_with_the_documented_keys() -> None:
    card = score(guarantees.load(CATALOG_DIR / "article-5-like-offer-2025.yaml"))
    data = json.loads(card.to_json())
    assert data == card.to_dict()
    assert list(data)[:2] == ["schema_version", "library_version"]
    assert {"proposal", "overall", "verdict", "pillars", "findings", "policy"} <= set(data)
    assert set(data["pillars"]) == {"capabilities", "commitments", "presence"}
    assert set(data["findings"][0]) == {
        "code",
        "severity",
        "pillar",
        "title",
        "message",
        "evidence",
        "remedy",
    }
    assert data["policy"] == {"id": "default", "hash": Policy().hash}


def test_evidence_paths_resolve_inside_the_proposal() -> None:
    proposal = guarantees.load(CATALOG_DIR / "article-5-like-offer-2025.yaml")
    data = proposal.model_dump(mode="json")
    card = score(proposal)
    paths = [p for f in card.findings for p in f.evidence]
    paths += [p for pl in card.pillars for c in pl.criteria for p in c.evidence]
    for path in paths:
        node: Any = data
        for part in path.split("/")[1:]:
            node = node[int(part)] if isinstance(node, list) else node[part]


def test_score_many_streams_in_input_order() -> None:
    proposals = [example({"id": f"p{i}"}) for i in range(3)]
    stream = guarantees.score_many(iter(proposals))
    assert not isinstance(stream, list)
    assert [c.proposal.id for c in stream] == ["p0", "p1", "p2"]


def test_disabled_rule_removes_exactly_its_findings() -> None:
    proposal = guarantees.load(CATALOG_DIR / "article-5-like-offer-2025.yaml")
    all_codes = score(proposal).codes()
    fewer = score(proposal, Policy(disabled_rules=("TRM005",))).codes()
    assert fewer == tuple(c for c in all_codes if c != "TRM005")


def test_unknown_disabled_rule_is_an_error_with_a_suggestion() -> None:
    with pytest.raises(guarantees.UnknownRule, match="did you mean 'TRM005'"):
        score(example(), Policy(disabled_rules=("TRM05",)))


def test_custom_rule_registered_in_code_is_applied() -> None:
    @guarantees.define_rule(
        "XYZ001",
        "no-nuclear-guarantor",
        title="No nuclear-armed guarantor",
        pillar=Pillar.COMMITMENTS,
        severity=guarantees.Severity.LOW,
        rationale="Extended nuclear deterrence needs a nuclear-armed guarantor.",
        remedy="Add a nuclear-armed guarantor.",
        triggers={},
    )
    def no_nuclear(ctx: guarantees.Context) -> guarantees.Hit | None:
        if any(ctx.proposal.party(g).nuclear_armed for g in ctx.proposal.guarantors):
            return None
        return guarantees.Hit(
            f"No guarantor of {ctx.facts.beneficiary} is nuclear-armed.", ("/guarantors",)
        )

    with pytest.raises(guarantees.InvalidCatalog, match="no triggering example"):
        guarantees.rules().with_rules(no_nuclear)
    rule = attrs.evolve(no_nuclear, triggering_example={"id": "x"})
    card = score(example(), catalog=guarantees.rules().with_rules(rule))
    assert card.codes() == ("XYZ001",)
    assert card.findings[0].message == "No guarantor of Ruritania is nuclear-armed."


def test_rule_plugins_are_loaded_only_when_the_policy_names_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from importlib.metadata import EntryPoint

    from guarantees.rules import _rule

    plugin = attrs.evolve(guarantees.rule("TRM004"), code="PLG001")
    module = type(_rule)("fake_plugin")
    module.RULE = plugin  # type: ignore[attr-defined]
    monkeypatch.setitem(__import__("sys").modules, "fake_plugin", module)
    eps = [EntryPoint("fake", "fake_plugin:RULE", "guarantees.rules")]
    monkeypatch.setattr(_rule, "entry_points", lambda group: eps)
    proposal = example({"terms": {"alliance_ban": True}})
    assert "PLG001" not in score(proposal).codes()
    assert "PLG001" in score(proposal, Policy(rule_plugins=("fake",))).codes()
    with pytest.raises(guarantees.InvalidCatalog, match="did you mean 'fake'"):
        score(proposal, Policy(rule_plugins=("fak",)))


def test_scoring_is_thread_safe() -> None:
    from concurrent.futures import ThreadPoolExecutor

    proposals = [guarantees.catalog.load(n) for n in guarantees.catalog.names()] * 20
    policies = [Policy(), Policy.bundled("denial")]
    expected = [[score(p, pol).to_json() for p in proposals] for pol in policies]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = [
            list(pool.map(lambda p, pol=pol: score(p, pol).to_json(), proposals))
            for pol in policies
        ]
    assert got == expected


def test_score_many_with_workers_keeps_input_order_and_results() -> None:
    proposals = [guarantees.catalog.load(n) for n in guarantees.catalog.names()] * 5
    single = list(guarantees.score_many(proposals))
    parallel = list(guarantees.score_many(iter(proposals), workers=2, chunk_size=3))
    assert parallel == single


def test_score_many_with_workers_refuses_a_custom_catalog() -> None:
    with pytest.raises(ValueError, match="workers=1"):
        next(guarantees.score_many([example()], catalog=guarantees.rules(), workers=2))


def test_import_is_lazy_and_every_public_name_resolves() -> None:
    import subprocess
    import sys

    code = (
        "import sys, guarantees\n"
        "heavy = [m for m in ('pydantic', 'yaml', 'guarantees.model', 'guarantees.scoring')"
        " if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "import guarantees.scoring\n"
        "assert callable(guarantees.rules), guarantees.rules\n"
        "assert [n for n in guarantees.__all__ if getattr(guarantees, n, None) is None] == []\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert sorted(dir(guarantees)) == sorted(guarantees.__all__)
    lazy = set(guarantees._LAZY)  # type: ignore[attr-defined]
    assert lazy | {"rule", "rules"} == set(guarantees.__all__)


def test_scorecards_pickle_compactly_and_round_trip() -> None:
    import marshal
    import pickle

    from guarantees.scoring import _from_chunk, _score_chunk

    proposals = [guarantees.catalog.load(n) for n in guarantees.catalog.names()]
    cards = [score(p) for p in proposals]
    assert pickle.loads(pickle.dumps(cards)) == cards
    sent = _score_chunk(Policy.bundled(), proposals * 2)  # what a worker returns
    received = list(_from_chunk(sent, cards[0].policy))
    assert received == cards * 2
    assert [card.to_json() for card in received] == [card.to_json() for card in cards * 2]
    # Each distinct criterion, finding and limit row crosses once: the repeats add none.
    table, _ = marshal.loads(sent)
    once, _ = marshal.loads(_score_chunk(Policy.bundled(), proposals))
    assert table == once


@pytest.mark.parametrize("container", [list, tuple])
def test_score_many_with_workers_reads_a_list_in_place_and_restores_the_collector(
    container: type,
) -> None:
    import gc

    proposals = container(guarantees.catalog.load(n) for n in guarantees.catalog.names()) * 3
    policy = Policy.bundled("denial")
    single = list(guarantees.score_many(proposals, policy))
    assert list(guarantees.score_many(proposals, policy, workers=2, chunk_size=4)) == single
    assert gc.get_freeze_count() == 0
