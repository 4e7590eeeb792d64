"""Scoring: evaluate a proposal once (criteria and rules), then aggregate it under a policy.

The two steps are separate on purpose. :func:`evaluate` reads the proposal and the policy's
parameters, never its weights; :func:`aggregate` reads weights, never the proposal. Re-weighing
(sensitivity analysis) therefore re-runs only the arithmetic.
"""

from __future__ import annotations

import difflib
import weakref
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache

import attrs

from ._version import __version__
from .criteria import CRITERIA, CriterionResult, evaluate_criteria
from .errors import UnknownRule
from .facts import Facts
from .levels import Pillar, Severity, Verdict
from .model import Proposal
from .parameters import Parameters
from .policy import Policy
from .rules import Catalog, Context, default_catalog
from .scorecard import (
    CriterionScore,
    Finding,
    Limit,
    PillarScore,
    PolicyRef,
    ProposalRef,
    Scorecard,
)

__all__ = ["Evaluation", "aggregate", "evaluate", "score", "score_many"]


@attrs.frozen
class Evaluation:
    """What a proposal is, judged without weights: criterion results and every rule's findings."""

    proposal: ProposalRef
    criteria: tuple[CriterionResult, ...]
    findings: tuple[Finding, ...]


def evaluate(
    proposal: Proposal, parameters: Parameters | None = None, catalog: Catalog | None = None
) -> Evaluation:
    """Run every criterion and rule on one proposal (pure; reads no weight)."""
    facts = Facts.of(proposal)
    params = parameters or Parameters()
    rules = catalog if catalog is not None else default_catalog()
    return Evaluation(
        proposal=ProposalRef(proposal.id, proposal.title),
        criteria=evaluate_criteria(facts, params),
        findings=rules.run(Context(proposal, facts, params)),
    )


def aggregate(evaluation: Evaluation, policy: Policy | None = None) -> Scorecard:
    """Weigh an evaluation under a policy into a scorecard (pure arithmetic)."""
    policy = policy or Policy.bundled()
    table = _table(policy)
    findings = evaluation.findings
    if table.disabled:
        findings = tuple(f for f in findings if f.code not in table.disabled)

    pillars: list[PillarScore] = []
    known_weight = total_weight = 0.0
    unknown_credit = policy.unknown_credit
    results = evaluation.criteria
    for pillar, pillar_weight, members in table.pillars:
        shares = _apportion(
            tuple(0.0 if results[i].not_applicable else weight for i, weight in members)
        )
        scores: list[CriterionScore] = []
        for (i, weight), possible in zip(members, shares, strict=True):
            r = results[i]
            c = CRITERIA[i]
            scores.append(
                CriterionScore(
                    id=c.id,
                    name=c.name,
                    status=r.status,
                    weight=weight,
                    points=round(possible * (r.earned + r.unknown * unknown_credit), 2),
                    possible=possible,
                    evidence=r.evidence,
                    reason=r.reason,
                )
            )
            if not r.not_applicable:
                total_weight += weight
                known_weight += weight * (1.0 - r.unknown)
        pillar_score = round(min(100.0, sum(s.points for s in scores)), 2)
        pillars.append(PillarScore(pillar, pillar_score, pillar_weight, tuple(scores)))

    overall, uncapped, verdict, limits = _overall(pillars, findings, policy)
    return Scorecard(
        proposal=evaluation.proposal,
        overall=overall,
        overall_uncapped=uncapped,
        verdict=verdict,
        completeness=round(known_weight / total_weight, 4) if total_weight else 1.0,
        pillars=tuple(pillars),
        findings=findings,
        limits=limits,
        policy=table.ref,
        library_version=__version__,
    )


def score(
    proposal: Proposal, policy: Policy | None = None, *, catalog: Catalog | None = None
) -> Scorecard:
    """Score one proposal: pure, deterministic, thread-safe; the proposal is never changed.

    ``policy=None`` is the default policy (the seed analysis). ``catalog`` replaces the bundled
    rules (e.g. ``guarantees.rules().with_rules(my_rule)``); the policy's ``rule_plugins`` are
    added to it and its ``disabled_rules`` removed.
    """
    policy = policy or Policy.bundled()
    rules = _catalog_for(policy, catalog)
    return aggregate(evaluate(proposal, policy.parameters, rules), policy)


def score_many(
    proposals: Iterable[Proposal],
    policy: Policy | None = None,
    *,
    catalog: Catalog | None = None,
    workers: int = 1,
    chunk_size: int = 256,
) -> Iterator[Scorecard]:
    """Score proposals as they come, in input order; memory stays flat however many there are.

    With ``workers > 1`` the proposals are scored in that many processes (standard library
    ``concurrent.futures``), ``chunk_size`` at a time, with at most ``2 * workers`` chunks in
    flight, so a large batch still streams. Only the bundled rules plus the policy's plugins cross
    process boundaries: a custom ``catalog`` requires ``workers=1``.
    """
    policy = policy or Policy.bundled()
    if workers > 1:
        if catalog is not None:
            raise ValueError("a custom catalog cannot be sent to worker processes; use workers=1")
        yield from _score_in_processes(proposals, policy, workers, chunk_size)
        return
    rules = _catalog_for(policy, catalog)
    for proposal in proposals:
        yield aggregate(evaluate(proposal, policy.parameters, rules), policy)


def _score_chunk(policy: Policy, chunk: list[Proposal]) -> list[Scorecard]:
    return list(score_many(chunk, policy))


def _score_in_processes(
    proposals: Iterable[Proposal], policy: Policy, workers: int, chunk_size: int
) -> Iterator[Scorecard]:
    from concurrent.futures import Future, ProcessPoolExecutor

    _catalog_for(policy, None)  # fail here, not in a worker, on a bad plugin or disabled code
    chunks = _chunked(proposals, max(1, chunk_size))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[list[Scorecard]]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_score_chunk, policy, chunk))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _chunked(items: Iterable[Proposal], size: int) -> Iterator[list[Proposal]]:
    chunk: list[Proposal] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _catalog_for(policy: Policy, catalog: Catalog | None) -> Catalog:
    rules = (catalog if catalog is not None else default_catalog()).with_plugins(
        policy.rule_plugins
    )
    for code in policy.disabled_rules:
        if code.upper() not in rules:
            close = difflib.get_close_matches(code.upper(), list(rules.codes()), n=1)
            raise UnknownRule(code, close[0] if close else None)
    return rules


@attrs.frozen
class _Table:
    """What aggregation needs from a policy, laid out once per policy object."""

    pillars: tuple[tuple[Pillar, float, tuple[tuple[int, float], ...]], ...]
    """Per pillar: its weight, and (index into CRITERIA, weight) of each of its criteria."""
    disabled: frozenset[str]
    ref: PolicyRef


# Keyed by id() and checked against a weak reference: hashing a whole policy on every call would
# cost more than the lookup saves.
_TABLES: dict[int, tuple[weakref.ref[Policy], _Table]] = {}


def _table(policy: Policy) -> _Table:
    key = id(policy)
    cached = _TABLES.get(key)
    if cached is not None and cached[0]() is policy:
        return cached[1]
    table = _Table(
        pillars=tuple(
            (
                pillar,
                policy.pillars.of(pillar),
                tuple(
                    (i, policy.criteria.of(c.id))
                    for i, c in enumerate(CRITERIA)
                    if c.pillar is pillar
                ),
            )
            for pillar in Pillar
        ),
        disabled=frozenset(code.upper() for code in policy.disabled_rules),
        ref=PolicyRef(policy.id, policy.hash),
    )

    def forget(_: weakref.ref[Policy]) -> None:
        _TABLES.pop(key, None)

    _TABLES[key] = (weakref.ref(policy, forget), table)
    return table


@lru_cache(maxsize=1024)
def _apportion(weights: tuple[float, ...]) -> tuple[float, ...]:
    """Split 100 points in proportion to ``weights``, in whole cents that add up to exactly 100.

    Largest-remainder rounding, so a pillar whose criteria are all met shows 100.0, not 99.99.
    """
    total = sum(weights)
    if total <= 0:
        return (0.0,) * len(weights)
    # Rounded at 1e-6 cent so that float noise (weights scaled by 3 or 0.1) moves no cent.
    exact = [round(10_000 * w / total, 6) for w in weights]
    cents = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (cents[i] - exact[i], i))
    for i in by_remainder[: 10_000 - sum(cents)]:
        cents[i] += 1
    return tuple(c / 100 for c in cents)


def _cents(value: float) -> float:
    """``value`` rounded to cents, float noise first rounded away: a mean that is exactly on a
    half cent (369.86 / 4) must round the same way whatever the scale of the weights."""
    return round(round(value, 9), 2)


def _cents_at_most(cap: float) -> float:
    """The largest whole-cent score not above ``cap``: rounding the overall to cents must not lift
    it over a cap that has more decimals (a cap of 1.6875 gave 1.69)."""
    cents = round(cap, 2)
    return cents if cents <= cap else round(cents - 0.01, 2)


def _overall(
    pillars: list[PillarScore], findings: tuple[Finding, ...], policy: Policy
) -> tuple[float, float, Verdict, tuple[Limit, ...]]:
    limits: list[Limit] = []
    weights = sum(p.weight for p in pillars)
    mean = _cents(sum(p.weight * p.score for p in pillars) / weights)
    weakest = min(pillars, key=lambda p: (p.score, list(Pillar).index(p.pillar)))
    overall = mean
    ceiling = round(weakest.score + policy.compensation_limit, 2)
    if ceiling < overall:
        overall = ceiling
        limits.append(
            Limit(
                "compensation",
                f"at most the weakest pillar ({weakest.pillar.value}, {weakest.score}) plus "
                f"{policy.compensation_limit}",
            )
        )
    worst = Verdict.CREDIBLE
    for severity in Severity:
        hits = [f.code for f in findings if f.severity is severity]
        effect = policy.severity.of(severity)
        if not hits:
            continue
        if effect.overall_cap is not None and effect.overall_cap < overall:
            overall = _cents_at_most(effect.overall_cap)
            limits.append(
                Limit(
                    "finding",
                    f"{', '.join(hits)} ({severity.value}) cap the score at {effect.overall_cap}",
                )
            )
        if effect.max_verdict is not None and effect.max_verdict.rank > worst.rank:
            worst = effect.max_verdict
            limits.append(
                Limit(
                    "finding",
                    f"{', '.join(hits)} ({severity.value}) allow no better than "
                    f"{effect.max_verdict.value}",
                )
            )
    below = [p for p in pillars if p.score < policy.pillar_floor]
    if below and worst.rank < Verdict.PARTIAL.rank:
        worst = Verdict.PARTIAL
        names = ", ".join(f"{p.pillar.value} {p.score}" for p in below)
        limits.append(Limit("floor", f"{names} below the floor of {policy.pillar_floor}"))
    if overall >= policy.thresholds.credible:
        verdict = Verdict.CREDIBLE
    elif overall >= policy.thresholds.partial:
        verdict = Verdict.PARTIAL
    else:
        verdict = Verdict.HOLLOW
    if worst.rank > verdict.rank:
        verdict = worst
    return round(overall, 2), mean, verdict, tuple(limits)
