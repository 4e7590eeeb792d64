"""Commitments: specific triggers, automatic and time-bound responses, no veto, a binding text."""

from __future__ import annotations

from ..facts import Facts
from ..levels import Pillar
from ..model import DecisionRule, LegalForm, ResponseKind
from ..parameters import Parameters
from ._base import Criterion, CriterionResult, best, tri

__all__ = ["CRITERIA", "DECISION_RULE_CREDIT", "LEGAL_FORM_CREDIT", "LADDER"]

_NO_SUBSTANTIVE = "no response that imposes a cost or adds force"

LADDER: tuple[tuple[str, frozenset[ResponseKind]], ...] = (
    ("sanctions", frozenset({ResponseKind.SANCTIONS_ESCALATOR})),
    (
        "energy or financial cut-off",
        frozenset({ResponseKind.ENERGY_CUTOFF, ResponseKind.FINANCIAL_CUTOFF}),
    ),
    (
        "military aid",
        frozenset({ResponseKind.MILITARY_AID_TRANCHE, ResponseKind.DIRECT_MILITARY_SUPPORT}),
    ),
    ("military action", frozenset({ResponseKind.MILITARY_ACTION})),
)
"""The escalation ladder of the analysis, one rung per entry."""

DECISION_RULE_CREDIT: dict[DecisionRule, float] = {
    DecisionRule.AUTOMATIC: 1.0,
    DecisionRule.EACH_GUARANTOR: 1.0,
    DecisionRule.MAJORITY: 0.6,
    DecisionRule.UNANIMITY: 0.3,
    DecisionRule.UN_SECURITY_COUNCIL: 0.0,
}
"""How little a decision rule lets one party block the response; 1 means nobody can."""

LEGAL_FORM_CREDIT: dict[LegalForm, float] = {
    LegalForm.TREATY_RATIFIED: 1.0,
    LegalForm.TREATY_SIGNED: 0.7,
    LegalForm.EXECUTIVE_AGREEMENT: 0.5,
    LegalForm.MEMORANDUM: 0.25,
    LegalForm.POLITICAL_DECLARATION: 0.15,
    LegalForm.UNILATERAL_STATEMENT: 0.0,
}
"""How binding each legal form is, from a statement (0) to a ratified treaty (1)."""


def specific_triggers(f: Facts, _: Parameters) -> CriterionResult:
    def credit(specific: bool | None, verifiable: bool | None) -> tuple[float, float]:
        s_lo, s_hi = tri(specific)
        v_lo, v_hi = tri(verifiable)
        # specific alone earns half; specific and verifiable earn all
        return s_lo * (0.5 + 0.5 * v_lo), s_hi * (0.5 + 0.5 * v_hi)

    return best(
        "commitments.specific_triggers",
        (
            (f"/commitments/triggers/{i}", credit(t.specific, t.verifiable))
            for i, t in enumerate(f.proposal.commitments.triggers)
        ),
        none="no trigger is stated",
        reason=lambda e: (
            "a specific, verifiable trigger"
            if e >= 1
            # "not shown": the trigger may be unverifiable or simply silent on it (unknown)
            else (
                "a specific trigger, not shown to be verifiable" if e > 0 else "no specific trigger"
            )
        ),
    )


def independent_verification(f: Facts, _: Parameters) -> CriterionResult:
    def credit(verifiers: tuple[str, ...], specific: bool | None) -> tuple[float, float]:
        if any(v in f.adversaries for v in verifiers):
            return 0.0, 0.0
        lo, hi = (1.0, 1.0) if verifiers else (0.0, 1.0)
        s_lo, s_hi = tri(specific)
        return lo * s_lo, hi * s_hi

    return best(
        "commitments.independent_verification",
        (
            (f"/commitments/triggers/{i}", credit(t.verified_by, t.specific))
            for i, t in enumerate(f.proposal.commitments.triggers)
        ),
        none="no trigger is stated",
        reason=lambda e: (
            "a specific trigger verified by parties other than the adversary"
            if e >= 1
            else "no specific trigger with a named verifier independent of the adversary"
        ),
    )


def _substantive(f: Facts) -> list[tuple[str, int]]:
    return [(f"/commitments/responses/{i}", i) for i in f.substantive_responses]


def _blocked(f: Facts, criterion: str) -> CriterionResult | None:
    """Nothing, when the adversary can block the response: how fast, how automatic, how large
    or how graduated a response is means nothing if the aggressor decides whether it happens.
    (COM002 flags the veto itself; this keeps the commitments pillar from reading as strong.)"""
    if not f.vetoes:
        return None
    return CriterionResult(
        criterion,
        evidence=tuple(dict.fromkeys(p for v in f.vetoes for p in v.evidence)),
        reason=f"{f.vetoes[0].reason}: the adversary can block the response",
    )


def automatic_response(f: Facts, _: Parameters) -> CriterionResult:
    if (blocked := _blocked(f, "commitments.automatic_response")) is not None:
        return blocked
    responses = f.proposal.commitments.responses
    return best(
        "commitments.automatic_response",
        ((path, tri(responses[i].automatic)) for path, i in _substantive(f)),
        none=_NO_SUBSTANTIVE,
        reason=lambda e: (
            "a substantive response follows without a new decision"
            if e
            else "no substantive response is stated to follow without a new decision"
        ),
    )


def time_bound(f: Facts, params: Parameters) -> CriterionResult:
    if (blocked := _blocked(f, "commitments.time_bound")) is not None:
        return blocked
    responses = f.proposal.commitments.responses

    def credit(days: int | None) -> tuple[float, float]:
        if days is None:
            return 0.0, 0.0
        value = 1.0 if days <= params.max_response_days else 0.5
        return value, value

    return best(
        "commitments.time_bound",
        ((path, credit(responses[i].deadline_days)) for path, i in _substantive(f)),
        none=_NO_SUBSTANTIVE,
        reason=lambda e: (
            f"a substantive response has a deadline within {params.max_response_days} days"
            if e >= 1
            else ("a substantive response has a longer deadline" if e else "no response deadline")
        ),
    )


def predefined_size(f: Facts, _: Parameters) -> CriterionResult:
    if (blocked := _blocked(f, "commitments.predefined_size")) is not None:
        return blocked
    responses = f.proposal.commitments.responses
    return best(
        "commitments.predefined_size",
        ((path, tri(responses[i].size_predefined)) for path, i in _substantive(f)),
        none=_NO_SUBSTANTIVE,
        reason=lambda e: (
            "a substantive response has a predefined size"
            if e
            else "no substantive response has a predefined size"
        ),
    )


def escalation_ladder(f: Facts, _: Parameters) -> CriterionResult:
    """Half for how high the ladder reaches, half for how many rungs it has.

    A commitment to armed force reaches the top rung even with no sanctions below it; the rungs
    below still count, because a graduated response answers the small violations that the top
    rung is too heavy for.
    """
    if (blocked := _blocked(f, "commitments.escalation_ladder")) is not None:
        return blocked
    responses = f.proposal.commitments.responses
    present = [
        n for n, (name, kinds) in enumerate(LADDER) if any(r.kind in kinds for r in responses)
    ]
    missing = [name for n, (name, _) in enumerate(LADDER) if n not in present]
    reach = max(present) + 1 if present else 0
    kinds = frozenset().union(*(k for _, k in LADDER))
    return CriterionResult(
        "commitments.escalation_ladder",
        earned=(reach + len(present)) / (2 * len(LADDER)),
        evidence=tuple(
            f"/commitments/responses/{i}" for i, r in enumerate(responses) if r.kind in kinds
        ),
        reason=(f"reaches {LADDER[reach - 1][0]}; " if reach else "")
        + f"{len(present)} of {len(LADDER)} rungs"
        + (f"; missing: {', '.join(missing)}" if missing else ""),
    )


def decision_rule(f: Facts, _: Parameters) -> CriterionResult:
    # No rule earns points, stated or not, while the adversary can block the response.
    if (blocked := _blocked(f, "commitments.decision_rule")) is not None:
        return blocked
    rule = f.proposal.commitments.decision_rule
    if rule is None:
        return CriterionResult(
            "commitments.decision_rule", unknown=1.0, reason="the decision rule is not stated"
        )
    return CriterionResult(
        "commitments.decision_rule",
        earned=DECISION_RULE_CREDIT[rule],
        evidence=("/commitments/decision_rule",),
        reason=f"decision rule: {rule.value.replace('_', ' ')}",
    )


def legal_bindingness(f: Facts, _: Parameters) -> CriterionResult:
    form = f.proposal.legal.form
    if form is None:
        return CriterionResult(
            "commitments.legal_bindingness", unknown=1.0, reason="the legal form is not stated"
        )
    return CriterionResult(
        "commitments.legal_bindingness",
        earned=LEGAL_FORM_CREDIT[form],
        evidence=("/legal/form",),
        reason=f"legal form: {form.value.replace('_', ' ')}",
    )


CRITERIA = (
    Criterion(
        "commitments.specific_triggers",
        Pillar.COMMITMENTS,
        "Specific, verifiable triggers",
        "A trigger defined precisely enough that nobody can argue it away (half), and "
        "verifiable (full).",
        specific_triggers,
    ),
    Criterion(
        "commitments.independent_verification",
        Pillar.COMMITMENTS,
        "Verified by parties other than the adversary",
        "A specific trigger whose occurrence is attested by named parties, none of them the "
        "adversary.",
        independent_verification,
    ),
    Criterion(
        "commitments.automatic_response",
        Pillar.COMMITMENTS,
        "Automatic response",
        "A response that imposes a cost or adds force and follows the trigger without a new "
        "political decision.",
        automatic_response,
    ),
    Criterion(
        "commitments.time_bound",
        Pillar.COMMITMENTS,
        "Time-bound response",
        "A substantive response with a deadline (full credit within the policy's maximum days, "
        "half beyond).",
        time_bound,
    ),
    Criterion(
        "commitments.predefined_size",
        Pillar.COMMITMENTS,
        "Predefined size",
        "A substantive response whose size (sanctions package, aid tranche, force) is fixed in "
        "advance.",
        predefined_size,
    ),
    Criterion(
        "commitments.escalation_ladder",
        Pillar.COMMITMENTS,
        "Escalation ladder",
        "Rungs present among the responses: sanctions, energy or financial cut-off, military "
        "aid, military action.",
        escalation_ladder,
    ),
    Criterion(
        "commitments.decision_rule",
        Pillar.COMMITMENTS,
        "Nobody can block the response",
        "Automatic or individual decisions earn full credit, majority 0.6, unanimity 0.3, the "
        "UN Security Council none.",
        decision_rule,
    ),
    Criterion(
        "commitments.legal_bindingness",
        Pillar.COMMITMENTS,
        "Legally binding",
        "A ratified treaty earns full credit, a signed one 0.7, an executive agreement 0.5, a "
        "memorandum 0.25, a political declaration 0.15, a unilateral statement none.",
        legal_bindingness,
    ),
)
