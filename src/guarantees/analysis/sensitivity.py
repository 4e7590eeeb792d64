"""Sensitivity: does a ranking survive a different weighing of the pillars and criteria?

Each proposal is evaluated once (criteria and rules read no weight). Then ``samples`` weighings
are drawn around the policy's weights and every proposal is re-aggregated under all of them at
once with numpy arrays, never through a :class:`~guarantees.Scorecard`. Each sample is exactly
the overall (and verdict) :func:`guarantees.aggregate` gives under a policy carrying that
sample's weights: the same float operations in the same order, rounded to cents the same way.

- A pillar's 100 points are split among its applicable criteria in whole cents (largest
  remainder, as ``scoring._apportion``); a criterion earns
  ``round(possible * (earned + unknown * unknown_credit), 2)``; a pillar scores
  ``round(min(100, sum of its criteria), 2)``.
- The overall is the pillar-weighted mean (rounded to cents as ``scoring._cents``), capped at
  ``round(weakest pillar + compensation_limit, 2)`` and at the ``overall_cap`` of the proposal's
  findings (as ``scoring._overall``); the verdict follows from the thresholds, the findings'
  ``max_verdict`` and the pillar floor.

So with ``spread=0`` every sample is ``guarantees.score(p).overall``. Weights that are 0 in the
policy stay 0 (the criterion is switched off), so only the weighing varies.

Sampling (``numpy.random.default_rng(seed)``, weights drawn in a fixed order, so a seed
reproduces a result exactly with a given numpy version):

- ``"dirichlet"``: within each group (the three pillars; each pillar's criteria) the shares are
  Dirichlet with ``alpha_i = (w_i / mean w) / spread**2``: centred on the policy's shares, and a
  weight of average size varies by about ``spread`` (its coefficient of variation). The shares
  are scaled back to the group's total weight in the policy.
- ``"uniform"``: every weight is multiplied by an independent factor uniform in
  ``[1 - spread, 1 + spread]`` (``spread < 1``, so no weight reaches 0).

numpy is imported when :func:`sensitivity` runs, not with this module, so ``import guarantees``
stays light.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import attrs

from .._version import __version__
from ..criteria import CRITERIA
from ..levels import Pillar, Severity, Verdict
from ..model import Proposal
from ..policy import Policy
from ..scorecard import SCHEMA_VERSION, PolicyRef, ProposalRef
from ..scoring import Evaluation, _catalog_for, _cents_at_most, aggregate, evaluate
from ..scoring import _cents as _score_cents
from ._common import Report

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Floats = NDArray[np.float64]
    Ints = NDArray[np.int64]

__all__ = ["Method", "PairFlip", "ProposalSensitivity", "Sensitivity", "sensitivity"]

Method = Literal["dirichlet", "uniform"]


@attrs.frozen
class ProposalSensitivity:
    """One proposal's overall score across the sampled weighings, and where it ranked."""

    proposal: ProposalRef
    nominal: float
    """The overall score under the policy itself."""
    nominal_rank: int
    low: float
    """5th percentile of the sampled overall scores."""
    median: float
    high: float
    """95th percentile."""
    minimum: float
    maximum: float
    ranks: tuple[int, ...]
    """``ranks[r]``: the number of samples in which the proposal ranked ``r + 1``."""
    first: float
    """Share of samples in which it ranked first (ties: better verdict, then nominal order)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "proposal": {"id": self.proposal.id, "title": self.proposal.title},
            "nominal": self.nominal,
            "nominal_rank": self.nominal_rank,
            "low": self.low,
            "median": self.median,
            "high": self.high,
            "minimum": self.minimum,
            "maximum": self.maximum,
            "ranks": list(self.ranks),
            "first": self.first,
        }


@attrs.frozen
class PairFlip:
    """For two proposals, the share of samples in which the nominally lower one scores higher."""

    ahead: ProposalRef
    """The proposal ranked higher under the policy itself."""
    behind: ProposalRef
    share: float

    def to_dict(self) -> dict[str, Any]:
        return {"ahead": self.ahead.id, "behind": self.behind.id, "share": self.share}


@attrs.frozen
class Sensitivity(Report):
    """Score intervals, rank distributions and order flips under perturbed weights.

    ``to_dict()`` shape (``schema_version`` 1): ``schema_version, library_version, samples,
    spread, seed, method, proposals [{proposal {id, title}, nominal, nominal_rank, low, median,
    high, minimum, maximum, ranks [count per rank], first}] (in nominal rank order), pairs
    [{ahead, behind, share}], policy {id, hash}``.
    """

    samples: int
    spread: float
    seed: int
    method: Method
    proposals: tuple[ProposalSensitivity, ...]
    """In nominal rank order."""
    pairs: tuple[PairFlip, ...]
    policy: PolicyRef
    library_version: str = __version__
    schema_version: int = SCHEMA_VERSION

    def flip(self, a: str, b: str) -> float:
        """The flip share of the pair of proposals with ids ``a`` and ``b`` (either order)."""
        for pair in self.pairs:
            if {pair.ahead.id, pair.behind.id} == {a, b}:
                return pair.share
        raise KeyError((a, b))

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "library_version": self.library_version,
            "samples": self.samples,
            "spread": self.spread,
            "seed": self.seed,
            "method": self.method,
            "proposals": [p.to_dict() for p in self.proposals],
            "pairs": [p.to_dict() for p in self.pairs],
            "policy": {"id": self.policy.id, "hash": self.policy.hash},
        }

    def __repr__(self) -> str:
        return (
            f"<Sensitivity proposals={len(self.proposals)} samples={self.samples} "
            f"method={self.method} spread={self.spread:g}>"
        )


def sensitivity(
    proposals: Iterable[Proposal],
    policy: Policy | None = None,
    *,
    samples: int = 1000,
    spread: float = 0.25,
    seed: int = 0,
    method: Method = "dirichlet",
) -> Sensitivity:
    """Perturb the policy's pillar and criterion weights ``samples`` times and report, for each
    proposal, its score interval, rank distribution and chance of ranking first, and for each
    pair the share of samples in which their order flips. Reproducible: same seed, same result.
    """
    if samples < 1:
        raise ValueError(f"samples must be at least 1 (got {samples})")
    if not 0 <= spread <= 1 or (method == "uniform" and spread == 1):
        raise ValueError(f"spread lies in [0, 1], below 1 for 'uniform' (got {spread})")
    if method not in ("dirichlet", "uniform"):
        raise ValueError(f"method is 'dirichlet' or 'uniform' (got {method!r})")
    import numpy as np

    policy = policy or Policy.bundled()
    items = list(proposals)
    rules = _catalog_for(policy, None)
    evaluations = [evaluate(p, policy.parameters, rules) for p in items]
    nominal = [aggregate(e, policy) for e in evaluations]
    refs = [card.proposal for card in nominal]
    order = sorted(
        range(len(items)),
        key=lambda i: (-nominal[i].overall, nominal[i].verdict.rank, refs[i].id, i),
    )

    weights = _Weights.draw(policy, samples, spread, method, np.random.default_rng(seed))
    # Row x of every array below is the proposal ranked x + 1 under the policy itself.
    overall, verdicts = _overall([evaluations[i] for i in order], policy, weights)
    ranks = _rank_counts(overall, verdicts)
    flips = _flips(overall)
    ordered = np.sort(overall, axis=1)
    results = []
    for x, i in enumerate(order):
        values = ordered[x]
        counts = tuple(int(c) for c in ranks[x])
        results.append(
            ProposalSensitivity(
                proposal=refs[i],
                nominal=nominal[i].overall,
                nominal_rank=x + 1,
                low=_cents(_quantile(values, 0.05)),
                median=_cents(_quantile(values, 0.5)),
                high=_cents(_quantile(values, 0.95)),
                minimum=_cents(float(values[0])),
                maximum=_cents(float(values[-1])),
                ranks=counts,
                first=counts[0] / samples,
            )
        )
    pairs = tuple(
        PairFlip(refs[order[x]], refs[order[y]], int(flips[x, y]) / samples)
        for x in range(len(order))
        for y in range(x + 1, len(order))
    )
    return Sensitivity(
        samples,
        spread,
        seed,
        method,
        tuple(results),
        pairs,
        nominal[0].policy if nominal else PolicyRef(policy.id, policy.hash),
    )


# -- sampling ----------------------------------------------------------------------------------


@attrs.frozen(eq=False)
class _Weights:
    """Sampled weights, one column per sample: column ``s`` is the weights of one policy.

    ``pillars[k, s]`` is pillar ``k``'s weight (in :class:`Pillar` order) in sample ``s``;
    ``criteria[i, s]`` is criterion ``CRITERIA[i]``'s (0 in every sample for a criterion the
    policy weighs 0). Not normalised: aggregation normalises, as :func:`aggregate` does.
    """

    pillars: Floats
    criteria: Floats

    @property
    def samples(self) -> int:
        return int(self.pillars.shape[1])

    @classmethod
    def draw(
        cls, policy: Policy, samples: int, spread: float, method: Method, rng: np.random.Generator
    ) -> _Weights:
        import numpy as np

        # One vector of every weight: the three pillars, then the criteria in CRITERIA order;
        # ``groups`` lists the rows drawn together as one Dirichlet (the pillars; each pillar's
        # criteria).
        base = np.array(
            [policy.pillars.of(p) for p in Pillar] + [policy.criteria.of(c.id) for c in CRITERIA]
        )
        groups = [list(range(len(Pillar)))] + [
            [len(Pillar) + i for i, c in enumerate(CRITERIA) if c.pillar is pillar]
            for pillar in Pillar
        ]
        if spread == 0:
            drawn = np.repeat(base[:, None], samples, axis=1)
        elif method == "uniform":
            drawn = base[:, None] * rng.uniform(1.0 - spread, 1.0 + spread, (len(base), samples))
        else:
            # Gamma(alpha_i) draws normalised within a group are Dirichlet(alpha), here scaled to
            # the group's total in the policy; a weight the policy switches off stays 0.
            drawn = np.zeros((len(base), samples))
            for rows in groups:
                live = [r for r in rows if base[r] > 0]
                mean = base[live].mean()
                for r in live:
                    drawn[r] = rng.standard_gamma((base[r] / mean) / (spread * spread), samples)
                total = drawn[rows].sum(axis=0)
                drawn[rows] *= base[rows].sum() / np.where(total > 0, total, np.inf)
        return cls(drawn[: len(Pillar)], drawn[len(Pillar) :])


# -- re-aggregation ----------------------------------------------------------------------------


def _overall(
    evaluations: Sequence[Evaluation], policy: Policy, weights: _Weights
) -> tuple[Floats, Ints]:
    """The overall score and verdict rank of each evaluation (rows) under each sampled weighing
    (columns): exactly what :func:`aggregate` gives under a policy with that column's weights.

    Sums run term by term in criterion (pillar) order, as Python's ``sum`` does in
    :func:`aggregate`, rather than as matrix products: float addition is not associative, and a
    different order would move a score by a cent now and then.
    """
    import numpy as np

    n, samples = len(evaluations), weights.samples
    credit = policy.unknown_credit
    # ``tables[v][c]``: the cents a criterion earning ``v`` scores when it is worth ``c`` cents of
    # its pillar's 100 points, ``round(c / 100 * v, 2)`` times 100, for every c from 0 to 10,000:
    # one lookup per sample then replaces the exact rounding of ``possible * v`` to cents.
    tables: dict[float, NDArray[np.int32]] = {}
    # Pillar scores in whole cents, (pillar, row, sample). aggregate adds the criteria's points
    # as floats (each the float nearest a whole cent) and rounds the sum to cents: with at most
    # a few dozen terms the float error stays far below half a cent, so that is exactly the sum
    # of the cents, and min(100.0, sum) is min(10,000, cents). Integers add faster and need no
    # rounding.
    pillar_cents = np.zeros((len(Pillar), n, samples), dtype=np.int32)
    for k, pillar in enumerate(Pillar):
        members = [i for i, c in enumerate(CRITERIA) if c.pillar is pillar]
        # The split of the 100 points in cents, (criterion, sample), by which criteria do not
        # apply: proposals with the same pattern share it.
        splits: dict[tuple[bool, ...], Ints] = {}
        for row, evaluation in enumerate(evaluations):
            results = [evaluation.criteria[i] for i in members]
            na = tuple(r.not_applicable for r in results)
            split = splits.get(na)
            if split is None:
                sampled = np.where(np.array(na)[:, None], 0.0, weights.criteria[members])
                split = splits[na] = _apportion(sampled)
            total: NDArray[np.int32] | None = None
            for r, cents in zip(results, split, strict=True):
                value = r.earned + r.unknown * credit
                if r.not_applicable or value == 0:  # earns 0.0 in every sample; adds nothing
                    continue
                table = tables.get(value)
                if table is None:
                    table = _rounded(np.arange(10_001) / 100 * value, 2).astype(np.int32)
                    tables[value] = table
                term = table.take(cents)
                total = term if total is None else total + term
            if total is not None:
                pillar_cents[k, row] = np.minimum(total, 10_000)
    pillar_scores = pillar_cents / 100  # the float nearest each whole cent, as round(x, 2)

    # scoring._overall: the weighted mean of the pillars, rounded as scoring._cents.
    pillar_weights = weights.pillars
    weighted = pillar_weights[0] * pillar_scores[0]
    weight_sum = pillar_weights[0]
    for k in range(1, len(Pillar)):
        weighted = weighted + pillar_weights[k] * pillar_scores[k]
        weight_sum = weight_sum + pillar_weights[k]
    mean = _round(_round(weighted / weight_sum, 9), 2)
    weakest = pillar_cents.min(axis=0) / 100
    ceiling = _round(weakest + policy.compensation_limit, 2)
    overall = np.where(ceiling < mean, ceiling, mean)

    credible, partial = policy.thresholds.credible, policy.thresholds.partial
    below_floor = weakest < policy.pillar_floor  # some pillar is below the floor
    disabled = {code.upper() for code in policy.disabled_rules}
    verdicts = np.empty((n, samples), dtype=np.int64)
    for row, evaluation in enumerate(evaluations):
        present = {f.severity for f in evaluation.findings if f.code not in disabled}
        worst = Verdict.CREDIBLE.rank
        line = overall[row]
        for severity in Severity:  # the caps apply in severity order, as in scoring._overall
            if severity not in present:
                continue
            effect = policy.severity.of(severity)
            if effect.overall_cap is not None:
                line = np.where(effect.overall_cap < line, _cents_at_most(effect.overall_cap), line)
            if effect.max_verdict is not None:
                worst = max(worst, effect.max_verdict.rank)
        overall[row] = line
        by_score = np.where(line >= credible, 0, np.where(line >= partial, 1, 2))
        floored = np.where(below_floor[row], max(worst, Verdict.PARTIAL.rank), worst)
        verdicts[row] = np.maximum(by_score, floored)
    # scoring._overall ends with round(overall, 2): every value here is already the float
    # nearest a whole number of cents (from _round or _cents_at_most), which it leaves as is.
    return overall, verdicts


def _apportion(weights: Floats) -> Ints:
    """``scoring._apportion`` for every sample: ``weights[i, s]`` split 10,000 cents in sample
    ``s``; returns the cents of each criterion (rows) in each sample (columns)."""
    import numpy as np

    total = weights[0]
    for row in weights[1:]:  # Python's sum: left to right
        total = total + row
    with np.errstate(divide="ignore", invalid="ignore"):
        exact = _round(10_000 * weights / np.where(total > 0, total, 1.0), 6)
    cents = np.floor(exact)  # int() of a non-negative number
    remainder = cents - exact
    # sorted(range(n), key=lambda i: (cents[i] - exact[i], i))[:short] get a cent each: the
    # criteria whose rank in that order is below ``short``. The rank of row i is how many rows
    # sort before it, counted pairwise (cheaper than sorting a handful of rows per sample).
    # (Booleans viewed as int8 add without a conversion; a rank is below the row count.)
    rank = np.zeros(remainder.shape, dtype=np.int8)
    for j, other in enumerate(remainder):
        rank += (other < remainder).view(np.int8)
        rank[j + 1 :] += (other == remainder[j + 1 :]).view(np.int8)
    short = 10_000 - cents.sum(axis=0)  # sums of whole numbers: exact in any order
    cents = cents + (rank < short)
    return np.where(total > 0, cents, 0.0).astype(np.int64)


def _round(values: Floats, digits: int) -> Floats:
    """Python's ``round(v, digits)`` of each value: correctly rounded, ties to even."""
    # A whole number over a power of ten, divided once: the float nearest the decimal, as Python.
    result: Floats = _rounded(values, digits) / float(10**digits)
    return result


def _rounded(values: Floats, digits: int) -> Floats:
    """``round(v, digits) * 10**digits`` of each value, exactly, as whole-number floats.

    ``numpy.round`` scales, rounds and unscales in floats, which differs from Python when the
    scaled value lands exactly on a half (16.665 * 100 is 1666.5 in floats, while the double
    16.665 is below it and Python rounds it down). Rounding the product to a float can land on
    a half but never cross one, so only those values need the exact product: its rounding error
    by Dekker's two-product (Veltkamp split at 2**27 + 1; the scales have at most 21 significant
    bits, so they need no split) says on which side of the half the true value lies.
    """
    import numpy as np

    scale = float(10**digits)
    scaled = values * scale
    rounded = np.rint(scaled)  # ties to even, as Python for exact halves
    half = np.abs(scaled - rounded) == 0.5
    if half.any():
        split = values * 134_217_729.0
        hi = split - (split - values)
        lo = values - hi
        error = (hi * scale - scaled) + lo * scale  # exactly values * scale - scaled
        rounded = np.where(half & (error > 0), scaled + 0.5, rounded)
        rounded = np.where(half & (error < 0), scaled - 0.5, rounded)
    return rounded


# -- statistics --------------------------------------------------------------------------------


def _rank_counts(overall: Floats, verdicts: Ints) -> Ints:
    """``counts[x, r]``: in how many samples row ``x`` ranked ``r + 1``. In a sample, a higher
    score ranks higher, then a better verdict, then the lower row (nominally better)."""
    import numpy as np

    n = len(overall)
    cents = np.rint(overall * 100).astype(np.int64)  # exact: each score is a whole cent
    # One integer key per row and sample, smaller ranking higher (verdict ranks are 0-3).
    key = ((10_000 - cents) * 4 + verdicts) * n + np.arange(n)[:, None]
    ranked = np.argsort(key, axis=0)  # ranked[r, s]: the row ranked r + 1 in sample s
    slots = ranked * n + np.arange(n)[:, None]  # row * n + rank
    counts: Ints = np.bincount(slots.ravel(), minlength=n * n).reshape(n, n)
    return counts


def _flips(overall: Floats) -> Ints:
    """``flips[x, y]`` for rows ``x < y``: in how many samples row ``y`` (nominally lower)
    scores strictly higher than row ``x``."""
    import numpy as np

    n = len(overall)
    flips = np.zeros((n, n), dtype=np.int64)
    for x in range(n - 1):
        flips[x, x + 1 :] = np.count_nonzero(overall[x + 1 :] > overall[x], axis=1)
    return flips


def _quantile(values: Floats, q: float) -> float:
    """Linear interpolation between the closest ranks of sorted ``values``."""
    position = q * (len(values) - 1)
    lo = math.floor(position)
    hi = min(lo + 1, len(values) - 1)
    a, b = float(values[lo]), float(values[hi])
    return a + (b - a) * (position - lo)


def _cents(value: float) -> float:
    return _score_cents(value) + 0.0  # + 0.0: no "-0.0" in the JSON
