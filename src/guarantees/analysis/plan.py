"""What it would take: the fewest candidate changes that bring a proposal to a target.

Candidates are the remedies of the proposal's findings and the changes that raise its unmet
criteria (:mod:`.changes`). Every candidate is an improvement: applied to any proposal it lowers
no pillar and no overall score. Two consequences shape the search:

- Applying *every* candidate gives the best score the candidates can reach; when that misses the
  target, the target is unreachable and the plan says so, showing the best it found.
- **Greedy** (always run): from the current proposal, take the candidate whose result is best
  (target reached, then verdict, overall score, fewer critical and high findings, uncapped
  score, pillar total), re-score, repeat until the target is reached or nothing improves. After
  each step the candidates of the new proposal join the pool. If it stalls short of the target,
  the untried candidates are applied in turn (each kept if it improves the result), which
  reaches what applying all of them reaches. Its length ``U`` bounds the answer.
- **Exact** (when it is small): every subset of fewer than ``U`` initial candidates is tried,
  smallest first, building each from its parent subset (one change and one score per subset).
  It runs when that is at most :data:`EXACT_BUDGET` subsets; then the plan is provably the
  fewest changes, otherwise it is greedy's (``Plan.method`` says which).

The chosen changes are then ordered greedily, best result first, so the score never falls and
rises wherever some order lets it (removing one of two critical findings leaves the cap in
place: that step keeps the score and removes a finding). Every step is the re-scored proposal.
"""

from __future__ import annotations

import os
from itertools import combinations
from math import comb
from typing import Any, Literal

import attrs

from .._version import __version__
from ..io import dump, save
from ..levels import Severity, Verdict
from ..model import Proposal
from ..policy import Policy
from ..scorecard import SCHEMA_VERSION, PolicyRef, ProposalRef, Scorecard
from ._common import Report, Scorer, pillar_dict, pillar_scores, scorer
from .changes import Change, candidates

__all__ = ["EXACT_BUDGET", "Plan", "Step", "Target", "plan"]

EXACT_BUDGET = 256
"""Most subsets the exact search tries; beyond it the greedy plan stands (about 256 scores)."""

Target = Verdict | float


@attrs.frozen
class Step:
    """One change applied, and the proposal's score, verdict and findings right after it."""

    change: Change
    proposal: Proposal = attrs.field(repr=False, eq=False)
    """The proposal after this step (and every step before it)."""
    card: Scorecard = attrs.field(repr=False)
    """``score(proposal)`` under the plan's policy: every step is re-scored, never estimated."""
    resolved: tuple[str, ...]
    """Finding codes this step removed."""
    added: tuple[str, ...]
    """Finding codes this step brought in (medium or low ones can appear beside a first force)."""

    @property
    def overall(self) -> float:
        return self.card.overall

    @property
    def verdict(self) -> Verdict:
        return self.card.verdict

    def to_dict(self) -> dict[str, Any]:
        return {
            "change": self.change.to_dict(),
            "overall": self.card.overall,
            "verdict": self.card.verdict.value,
            "pillars": pillar_dict(pillar_scores(self.card)),
            "resolved": list(self.resolved),
            "added": list(self.added),
        }


@attrs.frozen
class Plan(Report):
    """The changes that would bring a proposal to its target, step by step, or the best found.

    ``to_dict()`` shape (``schema_version`` 1): ``schema_version, library_version, proposal {id,
    title}, target {verdict|score}, reached, method, start {overall, verdict, pillars, findings},
    steps [{change {id, title, rationale, resolves, raises}, overall, verdict, pillars, resolved,
    added}], final {overall, verdict, pillars, findings}, candidates [change], policy {id, hash}``.
    """

    proposal: ProposalRef
    target: Target
    reached: bool
    """Whether the final proposal meets the target (always true when the start already does)."""
    method: Literal["exact", "greedy"]
    start: Scorecard = attrs.field(repr=False)
    steps: tuple[Step, ...]
    candidates: tuple[Change, ...] = attrs.field(repr=False)
    final: Proposal = attrs.field(repr=False, eq=False)
    """The changed proposal; ``dump()`` or ``save(path)`` writes it."""
    policy: PolicyRef
    library_version: str = __version__
    schema_version: int = SCHEMA_VERSION

    @property
    def result(self) -> Scorecard:
        """The scorecard of the final proposal (the start's when there is no step)."""
        return self.steps[-1].card if self.steps else self.start

    def dump(self, format: Literal["yaml", "json"] = "yaml") -> str:
        """The final proposal as YAML (or JSON), ready to load again."""
        return dump(self.final, format)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the final proposal to ``path`` (YAML, or JSON for a ``.json`` suffix)."""
        save(self.final, path)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "library_version": self.library_version,
            "proposal": {"id": self.proposal.id, "title": self.proposal.title},
            "target": _target_dict(self.target),
            "reached": self.reached,
            "method": self.method,
            "start": _outcome(self.start),
            "steps": [s.to_dict() for s in self.steps],
            "final": _outcome(self.result),
            "candidates": [c.to_dict() for c in self.candidates],
            "policy": {"id": self.policy.id, "hash": self.policy.hash},
        }

    def __repr__(self) -> str:
        return (
            f"<Plan {self.proposal.id!r} target={_target_text(self.target)} "
            f"reached={self.reached} steps={len(self.steps)}>"
        )


def plan(
    proposal: Proposal,
    target: Target | str = Verdict.CREDIBLE,
    policy: Policy | None = None,
) -> Plan:
    """The fewest candidate changes that bring ``proposal`` to ``target``, step by step.

    ``target`` is a verdict (``Verdict.PARTIAL`` or ``"partial"``: that verdict or better) or an
    overall score (``60``: at least 60). When the candidates cannot reach it, ``reached`` is
    false and the steps lead to the best result found. See the module docstring for the search.
    """
    policy = policy or Policy.bundled()
    goal = _parse_target(target)
    score = scorer(policy)
    start = score(proposal)
    pool = candidates(proposal, start, policy.parameters)
    ref = ProposalRef(proposal.id, proposal.title)
    policy_ref = start.policy
    if _reached(start, goal):
        return Plan(ref, goal, True, "exact", start, (), pool, proposal, policy_ref)

    greedy, rest = _greedy(proposal, start, pool, goal, score, policy)
    if not (greedy and _reached(greedy[-1].card, goal)):
        greedy = _complete(proposal, start, greedy, rest, goal, score)
    chosen: list[Change] = [s.change for s in greedy]
    method: Literal["exact", "greedy"] = "greedy"
    reached = bool(greedy) and _reached(greedy[-1].card, goal)
    if reached:
        subsets = sum(comb(len(pool), k) for k in range(1, len(chosen)))
        if subsets <= EXACT_BUDGET:
            method = "exact"
            smaller = _exact(proposal, pool, goal, score, len(chosen) - 1)
            if smaller is not None:
                ordered = _order(proposal, start, smaller, goal, score)
                if _reached(ordered[-1].card, goal):
                    greedy = ordered
                else:  # the greedy order of the subset missed: keep the order that was found
                    greedy = _steps(proposal, start, smaller, score)
    final = greedy[-1].proposal if greedy else proposal
    return Plan(ref, goal, reached, method, start, tuple(greedy), pool, final, policy_ref)


# -- search ------------------------------------------------------------------------------------


def _parse_target(target: Target | str) -> Target:
    if isinstance(target, Verdict):
        return target
    if isinstance(target, str):
        if target.lower() in {v.value for v in Verdict}:
            return Verdict(target.lower())
        try:
            target = float(target)
        except ValueError:
            names = ", ".join(v.value for v in Verdict)
            raise ValueError(
                f"target {target!r} is neither a verdict ({names}) nor a score"
            ) from None
    value = float(target)
    if not 0 <= value <= 100:
        raise ValueError(f"a target score lies in [0, 100] (got {value})")
    return value


def _reached(card: Scorecard, target: Target) -> bool:
    if isinstance(target, Verdict):
        return card.verdict.rank <= target.rank
    return card.overall >= target


def _count(card: Scorecard, severity: Severity) -> int:
    return sum(1 for f in card.findings if f.severity is severity)


def _key(card: Scorecard, target: Target) -> tuple[float, ...]:
    """How good a result is, for the search: larger is better."""
    return (
        float(_reached(card, target)),
        -float(card.verdict.rank),
        card.overall,
        -float(_count(card, Severity.CRITICAL)),
        -float(_count(card, Severity.HIGH)),
        card.overall_uncapped,
        sum(p.score for p in card.pillars),
        -float(_count(card, Severity.MEDIUM)),
        -float(_count(card, Severity.LOW)),
    )


def _step(before: Scorecard, change: Change, proposal: Proposal, card: Scorecard) -> Step:
    old, new = set(before.codes()), set(card.codes())
    return Step(
        change,
        proposal,
        card,
        tuple(c for c in before.codes() if c not in new),
        tuple(c for c in card.codes() if c not in old),
    )


def _greedy(
    proposal: Proposal,
    start: Scorecard,
    pool: tuple[Change, ...],
    target: Target,
    score: Scorer,
    policy: Policy,
) -> tuple[list[Step], list[Change]]:
    """Greedy steps until the target is reached or no candidate improves the result; also the
    candidates left untried."""
    steps: list[Step] = []
    current, card = proposal, start
    available = {c.id: c for c in pool}
    while not _reached(card, target) and available:
        best: tuple[tuple[float, ...], Change, Proposal, Scorecard] | None = None
        for change in available.values():
            changed = change(current)
            result = score(changed)
            key = _key(result, target)
            if best is None or key > best[0]:
                best = (key, change, changed, result)
        assert best is not None
        if best[0] <= _key(card, target):
            break
        _, change, current, result = best
        steps.append(_step(card, change, current, result))
        card = result
        del available[change.id]
        taken = {s.change.id for s in steps}
        for extra in candidates(current, card, policy.parameters):
            if extra.id not in taken and extra.id not in available:
                available[extra.id] = extra
    return steps, list(available.values())


def _complete(
    proposal: Proposal,
    start: Scorecard,
    steps: list[Step],
    rest: list[Change],
    target: Target,
    score: Scorer,
) -> list[Step]:
    """When greedy stalls short of the target, the remaining candidates applied in order (each
    kept only if it improves the result): every candidate is an improvement, so this reaches what
    applying all of them reaches, and the target is unreachable only if that misses it too."""
    steps = list(steps)
    current, card = (steps[-1].proposal, steps[-1].card) if steps else (proposal, start)
    for change in rest:
        changed = change(current)
        result = score(changed)
        if _key(result, target) > _key(card, target):
            steps.append(_step(card, change, changed, result))
            current, card = changed, result
            if _reached(card, target):
                break
    return steps


def _exact(
    proposal: Proposal,
    pool: tuple[Change, ...],
    target: Target,
    score: Scorer,
    largest: int,
) -> tuple[Change, ...] | None:
    """The best subset of fewer than ``largest + 1`` changes reaching the target, smallest first;
    each subset is its parent (without its last change) plus one change, scored once."""
    built: dict[tuple[int, ...], Proposal] = {(): proposal}
    for size in range(1, largest + 1):
        found: list[tuple[tuple[float, ...], tuple[int, ...]]] = []
        level: dict[tuple[int, ...], Proposal] = {}
        for subset in combinations(range(len(pool)), size):
            parent = built[subset[:-1]]
            changed = pool[subset[-1]](parent)
            level[subset] = changed
            card = score(changed)
            if _reached(card, target):
                found.append((_key(card, target), tuple(-i for i in subset)))
        if found:
            _, best = max(found)
            return tuple(pool[-i] for i in best)
        built = level
    return None


def _order(
    proposal: Proposal,
    start: Scorecard,
    chosen: tuple[Change, ...],
    target: Target,
    score: Scorer,
) -> list[Step]:
    """The chosen changes in greedy order: at each step the one whose result is best."""
    steps: list[Step] = []
    current, card = proposal, start
    left = list(chosen)
    while left:
        options = []
        for i, change in enumerate(left):
            changed = change(current)
            result = score(changed)
            options.append((_key(result, target), -i, changed, result))
        _, neg, changed, result = max(options, key=lambda o: (o[0], o[1]))
        change = left.pop(-neg)
        steps.append(_step(card, change, changed, result))
        current, card = changed, result
    return steps


def _steps(
    proposal: Proposal, start: Scorecard, chosen: tuple[Change, ...], score: Scorer
) -> list[Step]:
    steps: list[Step] = []
    current, card = proposal, start
    for change in chosen:
        current = change(current)
        result = score(current)
        steps.append(_step(card, change, current, result))
        card = result
    return steps


# -- plain data --------------------------------------------------------------------------------


def _target_dict(target: Target) -> dict[str, Any]:
    if isinstance(target, Verdict):
        return {"verdict": target.value}
    return {"score": target}


def _target_text(target: Target) -> str:
    return target.value if isinstance(target, Verdict) else f"{target:g}"


def _outcome(card: Scorecard) -> dict[str, Any]:
    return {
        "overall": card.overall,
        "verdict": card.verdict.value,
        "pillars": pillar_dict(pillar_scores(card)),
        "findings": list(card.codes()),
    }
