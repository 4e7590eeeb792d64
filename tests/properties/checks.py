"""The properties as plain functions of a scorer, shared by the property tests and the mutants.

Every check takes the scorer to test as its first argument, so ``test_mutations`` can show that a
deliberately broken scorer fails the very same assertions the real one passes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from guarantees import Pillar, Policy, Proposal, Scorecard, Severity, Verdict, rules
from guarantees.strategies import Change

Scorer = Callable[[Proposal, Policy], Scorecard]

ADVERSARY_CODES = {"add-adversary-as-guarantor": "COM001", "give-adversary-a-veto": "COM002"}
"""The critical rule each adversary-role degradation must trigger."""


def pillar_scores(card: Scorecard) -> dict[Pillar, float]:
    return {p.pillar: p.score for p in card.pillars}


def outcome(card: Scorecard) -> tuple[Any, ...]:
    """What a score says, without evidence paths (they hold list indices)."""
    return (pillar_scores(card), card.overall, card.verdict, card.codes(), card.completeness)


def improvement_never_lowers(score: Scorer, policy: Policy, p: Proposal, change: Change) -> None:
    before, after = score(p, policy), score(change(p), policy)
    for pillar, value in pillar_scores(before).items():
        assert pillar_scores(after)[pillar] >= value, (change, pillar)
    assert after.overall >= before.overall, change
    assert after.verdict.rank <= before.verdict.rank, change
    added = set(after.codes()) - set(before.codes())
    severities = {f.severity for f in after.findings if f.code in added}
    assert not severities & {Severity.CRITICAL, Severity.HIGH}, (change, added)


def degradation_never_raises(score: Scorer, policy: Policy, p: Proposal, change: Change) -> None:
    before, after = score(p, policy), score(change(p), policy)
    for pillar, value in pillar_scores(before).items():
        assert pillar_scores(after)[pillar] <= value, (change, pillar)
    assert after.overall <= before.overall, change
    assert after.verdict.rank >= before.verdict.rank, change


def adversary_role_is_a_trap(score: Scorer, policy: Policy, p: Proposal, change: Change) -> None:
    after = score(change(p), policy)
    assert ADVERSARY_CODES[change.name] in after.codes(), change
    assert after.verdict is Verdict.TRAP, change


def critical_caps_and_traps(score: Scorer, policy: Policy, p: Proposal) -> None:
    card = score(p, policy)
    effect = policy.severity.critical
    assert any(f.severity is Severity.CRITICAL for f in card.findings)
    assert effect.overall_cap is not None
    assert card.overall <= effect.overall_cap
    assert card.verdict is Verdict.TRAP


def findings_are_in_the_catalog_and_sorted(score: Scorer, policy: Policy, p: Proposal) -> None:
    card = score(p, policy)
    catalog = rules()
    for finding in card.findings:
        assert finding.code in catalog
        assert finding.severity is catalog[finding.code].severity
    keys = [(f.severity.rank, f.code) for f in card.findings]
    assert keys == sorted(set(keys))
