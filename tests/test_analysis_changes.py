"""Remedy changes: every rule and criterion has one, and a remedy fixes its finding safely."""

from __future__ import annotations

import pytest
from hypothesis import given, note
from hypothesis import strategies as st

import guarantees
from guarantees import Policy, Proposal, Severity, catalog, score
from guarantees.analysis.changes import CHANGES, RAISES, REMEDIES, candidates, change, remedy_for
from guarantees.criteria import CRITERIA
from guarantees.strategies import policies, proposals, strong_proposals

DEFAULT = Policy()

# Weak proposals (many findings) and strong ones (few), so every remedy gets exercised.
ANY = st.one_of(proposals(), proposals(adversary_is_guarantor=True), strong_proposals())


def test_every_rule_in_the_catalog_has_a_remedy_change() -> None:
    assert set(guarantees.rules().codes()) <= set(REMEDIES)
    assert set(REMEDIES.values()) <= set(CHANGES)


def test_every_criterion_has_a_change_that_raises_it() -> None:
    assert {c.id for c in CRITERIA} == set(RAISES)
    assert set(RAISES.values()) <= set(CHANGES)


def test_a_remedy_names_the_rule_it_resolves() -> None:
    p = catalog.load("kremlin-demands-2025")
    for code, change_id in REMEDIES.items():
        found = remedy_for(code, p)
        assert found is not None
        assert (found.id, code in found.resolves) == (change_id, True)
        assert found.title
        assert found.rationale


def test_a_rule_without_a_remedy_change_has_none() -> None:
    assert remedy_for("XYZ999", catalog.load("kremlin-demands-2025")) is None


def test_change_titles_use_the_proposals_own_parties() -> None:
    p = catalog.load("kremlin-demands-2025")
    assert "Russia" in change("remove-adversary-from-guarantors", p).title


def test_candidates_start_with_the_remedies_of_the_findings_worst_first() -> None:
    p = catalog.load("kremlin-demands-2025")
    card = score(p)
    ids = [c.id for c in candidates(p, card)]
    remedies = list(dict.fromkeys(REMEDIES[f.code] for f in card.findings))
    assert ids[: len(remedies)] == remedies
    assert len(ids) == len(set(ids))


def test_a_change_leaves_the_original_proposal_unchanged() -> None:
    p = catalog.load("kremlin-demands-2025")
    before = p.model_dump()
    for c in candidates(p, score(p)):
        c(p)
    assert p.model_dump() == before


@given(ANY, st.one_of(st.just(DEFAULT), policies()))
def test_applying_a_findings_remedy_removes_it_and_lowers_no_score(
    p: Proposal, policy: Policy
) -> None:
    """For every finding, applying its remedy change removes that finding and lowers no pillar
    and not the overall score (issue 8's remedy property), and adds no critical or high one;
    under any weights and parameters, with the bundled effects of each severity."""
    before = score(p, policy)
    for finding in before.findings:
        remedy = remedy_for(finding.code, p, policy.parameters)
        assert remedy is not None, finding.code
        after = score(remedy(p), policy)
        note(f"{finding.code} -> {remedy.id}: {after.codes()}")
        assert finding.code not in after.codes(), remedy
        for old, new in zip(before.pillars, after.pillars, strict=True):
            assert new.score >= old.score, (remedy, old.pillar)
        assert after.overall >= before.overall, remedy
        assert after.verdict.rank <= before.verdict.rank, remedy
        grave = {Severity.CRITICAL, Severity.HIGH}
        added = {f.code for f in after.findings if f.severity in grave} - set(before.codes())
        assert not added, (remedy, added)


@given(ANY, st.sampled_from(CHANGES))
def test_every_change_lowers_no_pillar_and_not_the_overall(p: Proposal, change_id: str) -> None:
    """Every candidate change is an improvement: applied to any proposal it lowers no pillar,
    not the overall and not the verdict (what lets the plan search treat "apply all" as best)."""
    before = score(p, DEFAULT)
    after = score(change(change_id, p)(p), DEFAULT)
    for old, new in zip(before.pillars, after.pillars, strict=True):
        assert new.score >= old.score, old.pillar
    assert after.overall >= before.overall
    assert after.verdict.rank <= before.verdict.rank


@pytest.mark.parametrize("name", catalog.names())
def test_every_catalog_finding_is_removed_by_its_remedy(name: str) -> None:
    p = catalog.load(name)
    card = score(p)
    for finding in card.findings:
        remedy = remedy_for(finding.code, p)
        assert remedy is not None
        assert finding.code not in score(remedy(p)).codes(), remedy
