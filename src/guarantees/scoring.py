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
from collections.abc import Callable, Iterable, Iterator, Sequence
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
# The other way, for worker replies: ``marshal`` sends only exact ``str``, and a member's
# ``.value`` (a descriptor in Python code) was 50 calls and ~3 µs per scorecard there.
_TEXT: dict[Status | Verdict | Pillar | Severity, str] = {
    m: m.value for levels in (Status, Verdict, Pillar, Severity) for m in levels
}

_Row = tuple[Any, ...]
"""A criterion row (8 fields, as :class:`CriterionScore`), a finding row (7, as
:class:`Finding`) or a limit row (2, as :class:`Limit`) in plain values."""


def _plain(packed: _Packed, index_of: Callable[[_Row], int]) -> tuple[Any, ...]:
    """``packed`` as str, float, int and tuple only, what ``marshal`` can send, with each
    criterion, finding and limit row replaced by its position in the chunk's table."""
    ref, overall, uncapped, verdict, completeness, rows, findings, limits, _, _ = packed
    return (
        ref.id,
        ref.title,
        overall,
        uncapped,
        _TEXT[verdict],
        completeness,
        tuple(
            [
                (_TEXT[p], score, weight, tuple(map(index_of, criteria)))
                for p, score, weight, criteria in rows
            ]
        ),
        tuple([index_of(_finding_row(f)) for f in findings]),
        tuple([index_of((limit.kind, limit.detail)) for limit in limits]),
    )


def _finding_row(f: Finding) -> _Row:
    return f.code, f.title, _TEXT[f.severity], _TEXT[f.pillar], f.message, f.evidence, f.remedy


def _row_object(row: _Row) -> CriterionScore | Finding | Limit:
    if len(row) == 8:
        cid, name, status, weight, points, possible, evidence, reason = row
        return CriterionScore(
            cid, name, _STATUS[status], weight, points, possible, evidence, reason
        )
    if len(row) == 2:
        return Limit(*row)
    code, title, severity, pillar, message, evidence, remedy = row
    return Finding(code, title, _SEVERITY[severity], _PILLAR[pillar], message, evidence, remedy)


def _from_chunk(data: bytes, policy: PolicyRef) -> Iterator[Scorecard]:
    """The scorecards of a worker's reply (:func:`_score_chunk`), equal field for field to what
    :func:`score` gives.

    Most rows recur from proposal to proposal (profiled on 1,000 generated proposals: about
    2,400 distinct criterion and finding rows of 28,000, 60 distinct limits of 950), so each
    distinct row crosses the pipe once and becomes one shared object here: they are frozen
    values, equal rows are interchangeable, and building them was most of what the caller's
    process spent per scorecard. Rows are told apart by equality, which is safe because they are
    equal only when identical down to the sign of a zero: their floats are the policy's weights
    (the same for a criterion in one call), whole cents and products of non-negative shares.
    """
    table, cards = marshal.loads(data)
    # Which kind each row is follows from where a scorecard points to it.
    objects: list[Any] = [_row_object(row) for row in table]
    for pid, title, overall, uncapped, verdict, completeness, pillars, findings, limits in cards:
        yield Scorecard(
            ProposalRef(pid, title),
            overall,
            uncapped,
            _VERDICT[verdict],
            completeness,
            tuple(
                [
                    PillarScore(_PILLAR[p], score, weight, tuple([objects[i] for i in criteria]))
                    for p, score, weight, criteria in pillars
                ]
            ),
            tuple([objects[i] for i in findings]),
            tuple([objects[i] for i in limits]),
            policy,
            __version__,
        )


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
            status = _TEXT[r.status] if plain else r.status
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
    """A chunk's scorecards as ``marshal`` bytes: the table of distinct criterion and finding
    rows, then each scorecard's plain values pointing into it (:func:`_from_chunk` reads them)."""
    rules = _catalog_for(policy, None)
    params = policy.parameters
    index: dict[_Row, int] = {}
    table: list[_Row] = []

    def index_of(row: _Row) -> int:
        at = index.get(row)
        if at is None:
            at = index[row] = len(table)
            table.append(row)
        return at

    cards = [
        _plain(_weigh(evaluate(p, params, rules), policy, plain=True), index_of) for p in chunk
    ]
    return marshal.dumps((table, cards), 4)


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
            ref = _table(policy).ref
            for start, chunk in _chunks(proposals, size, shared):
                if chunk is None:
                    pending.append(pool.submit(_score_shared, policy, key, start, start + size))
                else:
                    pending.append(pool.submit(_score_chunk, policy, chunk))
                if len(pending) >= 2 * workers:
                    yield from _from_chunk(pending.popleft().result(), ref)
            while pending:
                yield from _from_chunk(pending.popleft().result(), ref)
    finally:
        _SHARED.pop(key, None)
        if freeze:
            gc.unfreeze()


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
