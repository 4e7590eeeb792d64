"""The properties catch broken scorers: each mutant fails a property the real scorer passes.

A property suite that would pass for any scorer proves nothing. Each test here runs one property
(from :mod:`.checks`) under ``@given`` twice: with the real scorer it passes, with a deliberately
broken one Hypothesis finds a counterexample.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

import guarantees
from guarantees import Catalog, Policy, Proposal, Scorecard, score
from guarantees.criteria import commitments as commitment_criteria
from guarantees.model import DecisionRule
from guarantees.strategies import Change, degradations, improvements, proposals, strong_proposals

from . import checks
from .checks import Scorer

# A counterexample is all we need: no shrinking, no database, one error rather than a group.
HUNT = settings(
    max_examples=300,
    database=None,
    phases=[Phase.generate],
    report_multiple_bugs=False,
    deadline=None,
)
DEFAULT = Policy()
BASES = st.one_of(proposals(), strong_proposals())


def real(p: Proposal, policy: Policy) -> Scorecard:
    return score(p, policy)


def rewards_the_veto(p: Proposal, policy: Policy) -> Scorecard:
    """Mutant: 30 points more when the adversary can veto the response."""
    card = score(p, policy)
    if "COM002" in card.codes():
        return attrs.evolve(card, overall=min(100.0, card.overall + 30.0))
    return card


def without_com002(p: Proposal, policy: Policy) -> Scorecard:
    """Mutant: a catalog that lost the rule on the adversary's veto."""
    catalog = Catalog(tuple(r for r in guarantees.rules() if r.code != "COM002"))
    return score(p, policy, catalog=catalog)


def ignores_caps(p: Proposal, policy: Policy) -> Scorecard:
    """Mutant: findings no longer cap the overall."""
    card = score(p, policy)
    return attrs.evolve(card, overall=card.overall_uncapped)


Check = Callable[[Scorer, Policy, Proposal, Change], None]


def run_change_property(
    check: Check,
    scorer: Scorer,
    changes: st.SearchStrategy[Change],
    bases: st.SearchStrategy[Proposal] = BASES,
) -> None:
    @HUNT
    @given(bases, changes)
    def prop(p: Proposal, change: Change) -> None:
        check(scorer, DEFAULT, p, change)

    prop()


@pytest.mark.parametrize(
    ("check", "changes"),
    [
        (checks.degradation_never_raises, degradations("give-adversary-a-veto")),
        (checks.improvement_never_lowers, improvements("take-away-adversary-veto")),
    ],
    ids=["anti-monotonicity", "monotonicity"],
)
def test_a_scorer_that_rewards_the_adversary_veto_is_caught(
    check: Check, changes: st.SearchStrategy[Change]
) -> None:
    run_change_property(check, real, changes)
    with pytest.raises(AssertionError):
        run_change_property(check, rewards_the_veto, changes)


def test_a_catalog_without_COM002_is_caught() -> None:
    changes = degradations("give-adversary-a-veto")
    run_change_property(checks.adversary_role_is_a_trap, real, changes)
    with pytest.raises(AssertionError):
        run_change_property(checks.adversary_role_is_a_trap, without_com002, changes)


def test_a_criterion_that_prefers_unanimity_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    changes = improvements("let-each-guarantor-decide")
    # The decision rule earns nothing while the adversary holds a veto, so the mutant shows only
    # where it holds none: hunt there, or 300 examples may all miss it.
    bases = proposals(adversary_is_guarantor=False, adversary_holds_veto=False)
    run_change_property(checks.improvement_never_lowers, real, changes, bases)
    credit = commitment_criteria.DECISION_RULE_CREDIT
    monkeypatch.setitem(credit, DecisionRule.UNANIMITY, 1.0)
    monkeypatch.setitem(credit, DecisionRule.EACH_GUARANTOR, 0.3)
    monkeypatch.setitem(credit, DecisionRule.AUTOMATIC, 0.3)
    with pytest.raises(AssertionError):
        run_change_property(checks.improvement_never_lowers, real, changes, bases)


def test_a_scorer_that_ignores_the_critical_cap_is_caught() -> None:
    def run(scorer: Scorer) -> None:
        @HUNT
        @given(strong_proposals(), degradations("add-adversary-as-guarantor"))
        def prop(p: Proposal, change: Change) -> None:
            checks.critical_caps_and_traps(scorer, DEFAULT, change(p))

        prop()

    run(real)
    with pytest.raises(AssertionError):
        run(ignores_caps)
