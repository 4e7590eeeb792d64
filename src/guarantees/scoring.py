"""Scoring: evaluate a proposal once (criteria and rules), then aggregate it under a policy.

The two steps are separate on purpose. :func:`evaluate` reads the proposal and the policy's
parameters, never its weights; :func:`aggregate` reads weights, never the proposal. Re-weighing
(sensitivity analysis) therefore re-runs only the arithmetic.
"""

from __future__ import annotations

import gc
import itertools
import marshal
import weakref
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from operator import attrgetter
from typing import Any, NamedTuple

import attrs

from ._version import __version__
from .criteria import CRITERIA, CriterionResult, evaluate_criteria
from .errors import UnknownRule
from .facts import Facts
from .levels import Pillar, Severity, Status, Verdict
from .model import Proposal
from .parameters import Parameters
from .policy import Policy
from .rules import Catalog, Context, default_catalog
from .rules._rule import _close_match
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
    return _unpack(_weigh(evaluation, policy or Policy.bundled()))


class _PillarRow(NamedTuple):
    """A pillar's score with its criteria as rows of :class:`CriterionScore` fields, in order
    (the status as its string value when made for a worker process's reply)."""

    pillar: Pillar
    score: float
    weight: float
    criteria: tuple[tuple[Any, ...], ...]


# A scorecard before its pillars and criteria become objects: what aggregation computes; worker
# processes send it back as plain values (:func:`_plain`). Profiled with workers=2: building the
# ~35 result objects in a worker, then pickling and unpickling them one by one, cost more than
# scoring; as plain values they cross in ``marshal`` form, and the objects are built once.
_Packed = tuple[
    ProposalRef, float, float, Verdict, float, tuple[_PillarRow, ...], tuple[Finding, ...],
    tuple[Limit, ...], PolicyRef, str,
]  # fmt: skip


def _unpack(packed: _Packed) -> Scorecard:
    ref, overall, uncapped, verdict, completeness, rows, findings, limits, policy, version = packed
    return Scorecard(
        ref,
        overall,
        uncapped,
        verdict,
        completeness,
        tuple(
            [
                PillarScore(p, score, weight, tuple([CriterionScore(*c) for c in criteria]))
                for p, score, weight, criteria in rows
            ]
        ),
        findings,
        limits,
        policy,
        version,
    )


_STATUS = {s.value: s for s in Status}
_VERDICT = {v.value: v for v in Verdict}
_PILLAR = {p.value: p for p in Pillar}
_SEVERITY = {s.value: s for s in Severity}


def _plain(packed: _Packed, memo: dict[tuple[Any, ...], Any]) -> tuple[Any, ...]:
    """``packed`` as str, float, int and tuple only: what ``marshal`` can send. ``memo`` makes
    equal criterion and finding rows one object, which ``marshal`` then writes once a chunk
    (equal rows are interchangeable: see :func:`_from_plain`)."""
    ref, overall, uncapped, verdict, completeness, rows, findings, limits, policy, version = packed
    same = memo.setdefault
    return (
        ref.id,
        ref.title,
        overall,
        uncapped,
        verdict.value,
        completeness,
        tuple(
            [
                (p.value, score, weight, tuple([same(c, c) for c in criteria]))
                for p, score, weight, criteria in rows
            ]
        ),
        tuple([same(row, row) for row in map(_finding_row, findings)]),
        tuple([(limit.kind, limit.detail) for limit in limits]),
        policy.id,
        policy.hash,
        version,
    )


def _finding_row(f: Finding) -> tuple[str | tuple[str, ...], ...]:
    return f.code, f.title, f.severity.value, f.pillar.value, f.message, f.evidence, f.remedy


def _from_plain(plain: tuple[Any, ...], memo: dict[tuple[Any, ...], Any]) -> Scorecard:
    """The scorecard :func:`_plain` was given (equal to it, field for field).

    ``memo`` maps criterion rows and finding rows already seen to the objects built for them:
    they are frozen values, and most recur (profiled on generated proposals: 1 criterion row in
    20 and 1 finding in 30 was new), so sharing one object per row cuts what the caller's
    process spends building results. Rows compare equal only when identical down to the sign
    of a zero: their floats are the policy's weights (the same for a criterion in one call),
    whole cents and products of non-negative shares.
    """
    pid, title, overall, uncapped, verdict, completeness, rows, findings, limits = plain[:9]
    policy_id, policy_hash, version = plain[9:]
    get = memo.get
    pillars: list[PillarScore] = []
    for p, score, weight, criteria in rows:
        scores: list[CriterionScore] = []
        for row in criteria:
            made = get(row)
            if made is None:
                cid, name, status, w, points, possible, evidence, reason = row
                made = memo[row] = CriterionScore(
                    cid, name, _STATUS[status], w, points, possible, evidence, reason
                )
            scores.append(made)
        pillars.append(PillarScore(_PILLAR[p], score, weight, tuple(scores)))
    found: list[Finding] = []
    for row in findings:  # 7 fields where a criterion row has 8: the two kinds never collide
        made = get(row)
        if made is None:
            code, rule_title, severity, pillar, message, evidence, remedy = row
            made = memo[row] = Finding(
                code, rule_title, _SEVERITY[severity], _PILLAR[pillar], message, evidence, remedy
            )
        found.append(made)
    return Scorecard(
        ProposalRef(pid, title),
        overall,
        uncapped,
        _VERDICT[verdict],
        completeness,
        tuple(pillars),
        tuple(found),
        tuple([Limit(kind, detail) for kind, detail in limits]),
        PolicyRef(policy_id, policy_hash),
        version,
    )


_MEMO_LIMIT = 50_000
"""Rows :func:`_from_plain` remembers before starting afresh, so memory stays flat."""


def _weigh(evaluation: Evaluation, policy: Policy, plain: bool = False) -> _Packed:
    """:func:`aggregate`, with the pillars left as rows (``plain``: statuses as strings)."""
    table = _table(policy)
    findings = evaluation.findings
    if table.disabled:
        findings = tuple(f for f in findings if f.code not in table.disabled)

    pillars: list[_PillarRow] = []
    known_weight = total_weight = 0.0
    unknown_credit = policy.unknown_credit
    results = evaluation.criteria
    for pillar, pillar_weight, indices, members, shares_by_na in table.pillars:
        rs = [results[i] for i in indices]
        # Which criteria do not apply picks the split of the 100 points; the split for each
        # pattern is computed once per policy (usually only "all apply" ever occurs).
        na = tuple([r.not_applicable for r in rs])
        shares = shares_by_na.get(na)
        if shares is None:
            weights = zip(na, (weight for weight, _, _ in members), strict=True)
            shares = _apportion(tuple(0.0 if skip else weight for skip, weight in weights))
            shares_by_na[na] = shares
        rows: list[tuple[Any, ...]] = []
        points: list[float] = []
        for r, (weight, cid, name), possible in zip(rs, members, shares, strict=True):
            unknown = r.unknown
            earned = round(possible * (r.earned + unknown * unknown_credit), 2)
            points.append(earned)
            status = r.status.value if plain else r.status
            rows.append((cid, name, status, weight, earned, possible, r.evidence, r.reason))
            if not r.not_applicable:
                total_weight += weight
                known_weight += weight * (1.0 - unknown)
        pillar_score = round(min(100.0, sum(points)), 2)
        pillars.append(_PillarRow(pillar, pillar_score, pillar_weight, tuple(rows)))

    overall, uncapped, verdict, limits = _overall(pillars, findings, policy)
    return (
        evaluation.proposal,
        overall,
        uncapped,
        verdict,
        round(known_weight / total_weight, 4) if total_weight else 1.0,
        tuple(pillars),
        findings,
        limits,
        table.ref,
        __version__,
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
    process boundaries: a custom ``catalog`` requires ``workers=1``. Give a list or tuple where you
    have one: where processes start by ``fork`` (Linux), the workers read it from their copy of
    this process's memory instead of receiving each proposal pickled (do not change it while the
    scorecards stream). Until the stream ends, objects that existed when it started are left out
    of garbage collection (``gc.freeze``), unless the program already froze some.
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


def _score_chunk(policy: Policy, chunk: Sequence[Proposal]) -> bytes:
    """A chunk's scorecards as ``marshal`` bytes of :func:`_plain` values (version 4 writes a
    string or tuple that recurs in the chunk once)."""
    rules = _catalog_for(policy, None)
    params = policy.parameters
    memo: dict[tuple[Any, ...], Any] = {}
    return marshal.dumps(
        [_plain(_weigh(evaluate(p, params, rules), policy, plain=True), memo) for p in chunk], 4
    )


# Lists and tuples given to ``score_many(workers=...)``, by call. Worker processes forked after a
# list is registered here read its proposals from their copy of this process's memory, so only
# (start, stop) crosses the pipe: pickling a proposal there and back cost ~70 µs, about half as
# much as scoring it, and on 2 cores that overhead alone kept the workers below 1.6x.
_SHARED: dict[int, Sequence[Proposal]] = {}
_calls = itertools.count()


def _score_shared(policy: Policy, key: int, start: int, stop: int) -> bytes:
    return _score_chunk(policy, _SHARED[key][start:stop])


def _score_in_processes(
    proposals: Iterable[Proposal], policy: Policy, workers: int, chunk_size: int
) -> Iterator[Scorecard]:
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    _catalog_for(policy, None)  # fail here, not in a worker, on a bad plugin or disabled code
    size = max(1, chunk_size)
    context = multiprocessing.get_context()  # what ProcessPoolExecutor would use anyway
    key = next(_calls)
    shared = isinstance(proposals, list | tuple) and context.get_start_method() == "fork"
    if shared:
        _SHARED[key] = proposals  # type: ignore[assignment]
    # While chunks of scorecards arrive, the collector's full passes walk every object the
    # caller holds (the proposals among them) and, after a fork, copy each page they touch.
    # Profiled on 10,000 proposals, four such passes took longer than all the scoring. So the
    # objects that exist now are frozen (left out of collections, gc.freeze) until the stream
    # ends, unless the caller already froze some (then their freeze is left alone).
    freeze = gc.isenabled() and gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    try:
        # A forked worker starts with a copy of this process's heap (the caller's proposals
        # among it); freezing it keeps the collector from walking those objects again and again
        # while each chunk's scorecards pile up (profiled: that tripled the workers' CPU time).
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=gc.freeze
        ) as pool:
            pending: deque[Future[bytes]] = deque()
            memo: dict[tuple[Any, ...], Any] = {}
            for start, chunk in _chunks(proposals, size, shared):
                if chunk is None:
                    pending.append(pool.submit(_score_shared, policy, key, start, start + size))
                else:
                    pending.append(pool.submit(_score_chunk, policy, chunk))
                if len(pending) >= 2 * workers:
                    yield from _received(pending.popleft().result(), memo)
            while pending:
                yield from _received(pending.popleft().result(), memo)
    finally:
        _SHARED.pop(key, None)
        if freeze:
            gc.unfreeze()


def _received(data: bytes, memo: dict[tuple[Any, ...], Any]) -> Iterator[Scorecard]:
    for plain in marshal.loads(data):
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
        yield _from_plain(plain, memo)


def _chunks(
    proposals: Iterable[Proposal], size: int, shared: bool
) -> Iterator[tuple[int, list[Proposal] | None]]:
    """(start, chunk) pairs; the chunk is ``None`` when the workers read it from ``_SHARED``."""
    if shared:
        assert isinstance(proposals, list | tuple)
        for start in range(0, len(proposals), size):
            yield start, None
    else:
        for i, chunk in enumerate(_chunked(proposals, size)):
            yield i * size, chunk


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
            raise UnknownRule(code, _close_match(code.upper(), rules.codes()))
    return rules


@attrs.frozen
class _Table:
    """What aggregation needs from a policy, laid out once per policy object."""

    pillars: tuple[
        tuple[
            Pillar,
            float,
            tuple[int, ...],
            tuple[tuple[float, str, str], ...],
            dict[tuple[bool, ...], tuple[float, ...]],
        ],
        ...,
    ]
    """Per pillar: its weight; the indices into CRITERIA of its criteria and (weight, id, name)
    of each; and a cache of the 100-point split by which criteria do not apply."""
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
                tuple(i for i, c in enumerate(CRITERIA) if c.pillar is pillar),
                tuple(
                    (policy.criteria.of(c.id), c.id, c.name) for c in CRITERIA if c.pillar is pillar
                ),
                {},
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


_pillar_score = attrgetter("score")


def _overall(
    pillars: list[_PillarRow], findings: tuple[Finding, ...], policy: Policy
) -> tuple[float, float, Verdict, tuple[Limit, ...]]:
    limits: list[Limit] = []
    weights = sum(p.weight for p in pillars)
    mean = _cents(sum(p.weight * p.score for p in pillars) / weights)
    # ``pillars`` is in Pillar order and ``min`` keeps the first of equals: ties go to the
    # earlier pillar.
    weakest = min(pillars, key=_pillar_score)
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
    codes_by_severity: dict[Severity, list[str]] = {}
    for f in findings:
        codes_by_severity.setdefault(f.severity, []).append(f.code)
    held = [
        (s, codes, policy.severity.of(s)) for s in Severity if (codes := codes_by_severity.get(s))
    ]
    for severity, hits, effect in held:
        if effect.overall_cap is not None and effect.overall_cap < overall:
            overall = _cents_at_most(effect.overall_cap)
            limits.append(
                Limit(
                    "finding",
                    f"{', '.join(hits)} ({severity.value}) cap the score at {effect.overall_cap}",
                )
            )
    if overall >= policy.thresholds.credible:
        verdict = Verdict.CREDIBLE
    elif overall >= policy.thresholds.partial:
        verdict = Verdict.PARTIAL
    else:
        verdict = Verdict.HOLLOW
    # A verdict limit is listed only where it lowers the verdict the score gives: a reader asks
    # "what holds this down?", and a limit the score already satisfies holds nothing down.
    for severity, hits, effect in held:
        if effect.max_verdict is not None and effect.max_verdict.rank > verdict.rank:
            verdict = effect.max_verdict
            limits.append(
                Limit(
                    "finding",
                    f"{', '.join(hits)} ({severity.value}) allow no better than "
                    f"{effect.max_verdict.value}",
                )
            )
    below = [p for p in pillars if p.score < policy.pillar_floor]
    if below and verdict.rank < Verdict.PARTIAL.rank:
        verdict = Verdict.PARTIAL
        names = ", ".join(f"{p.pillar.value} {p.score}" for p in below)
        limits.append(Limit("floor", f"{names} below the floor of {policy.pillar_floor}"))
    return round(overall, 2), mean, verdict, tuple(limits)
