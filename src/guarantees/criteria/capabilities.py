"""Capabilities: sustained, multi-year, funded supply of what the beneficiary needs."""

from __future__ import annotations

from ..facts import Facts, join_names
from ..levels import Pillar
from ..model import CORE_CATEGORIES, Funding
from ..parameters import Parameters
from ._base import Criterion, CriterionResult

__all__ = ["CRITERIA"]

_NO_PLEDGES = "no pledge of support from a guarantor"


def _pledges(f: Facts) -> list[tuple[str, int]]:
    return [(f"/capabilities/pledges/{i}", i) for i in f.friendly_pledges]


def core_coverage(f: Facts, _: Parameters) -> CriterionResult:
    pledges = f.proposal.capabilities.pledges
    covered = {pledges[i].category for i in f.friendly_pledges} & set(CORE_CATEGORIES)
    missing = [c.label for c in CORE_CATEGORIES if c not in covered]
    return CriterionResult(
        "capabilities.core_coverage",
        earned=len(covered) / len(CORE_CATEGORIES),
        evidence=tuple(p for p, i in _pledges(f) if pledges[i].category in covered),
        reason=f"{len(covered)} of {len(CORE_CATEGORIES)} core categories pledged"
        + (f"; missing {join_names(missing)}" if missing else ""),
    )


def funded_share(f: Facts, _: Parameters) -> CriterionResult:
    """Weighted by yearly value where any pledge states one, else by count."""
    items = _pledges(f)
    if not items:
        return CriterionResult("capabilities.funded_share", reason=_NO_PLEDGES)
    pledges = f.proposal.capabilities.pledges
    valued = [(p, i) for p, i in items if pledges[i].value_per_year]
    basis = valued or items

    def weight(i: int) -> float:
        return (pledges[i].value_per_year or 0.0) if valued else 1.0

    total = sum(weight(i) for _, i in basis)
    funded = sum(weight(i) for _, i in basis if pledges[i].funding is Funding.APPROPRIATED)
    unknown = sum(weight(i) for _, i in basis if pledges[i].funding is None)
    by = "value" if valued else "count"
    return CriterionResult(
        "capabilities.funded_share",
        earned=funded / total,
        unknown=unknown / total,
        evidence=tuple(p for p, _ in basis),
        reason=f"{funded / total:.0%} of pledges (by {by}) appropriated"
        + (f", {unknown / total:.0%} not stated" if unknown else ""),
    )


def horizon(f: Facts, params: Parameters) -> CriterionResult:
    items = _pledges(f)
    if not items:
        return CriterionResult("capabilities.horizon", reason=_NO_PLEDGES)
    pledges = f.proposal.capabilities.pledges
    stated = [(p, pledges[i].years or 0) for p, i in items if pledges[i].years is not None]
    if not stated:
        return CriterionResult(
            "capabilities.horizon",
            unknown=1.0,
            evidence=tuple(p for p, _ in items),
            reason="no pledge states how many years it covers",
        )
    path, years = max(stated, key=lambda item: item[1])
    earned = min(1.0, years / params.horizon_years)
    # A pledge that states no years may be the longest: what it could add stays unknown, as in
    # every best-of criterion (otherwise stating a short pledge beside it lowers the score).
    unstated = tuple(p for p, i in items if pledges[i].years is None) if earned < 1 else ()
    return CriterionResult(
        "capabilities.horizon",
        earned=earned,
        unknown=1.0 - earned if unstated else 0.0,
        evidence=(path, *unstated),
        reason=f"longest pledge covers {years} year(s) of the {params.horizon_years} that count "
        "as a full horizon" + (f" ({len(unstated)} pledge(s) state no years)" if unstated else ""),
    )


def delivery_assured(f: Facts, _: Parameters) -> CriterionResult:
    items = _pledges(f)
    if not items:
        return CriterionResult("capabilities.delivery_assured", reason=_NO_PLEDGES)
    pledges = f.proposal.capabilities.pledges
    free = sum(1 for _, i in items if pledges[i].annual_approval is False)
    unknown = sum(1 for _, i in items if pledges[i].annual_approval is None)
    return CriterionResult(
        "capabilities.delivery_assured",
        earned=free / len(items),
        unknown=unknown / len(items),
        evidence=tuple(p for p, _ in items),
        reason=f"{free} of {len(items)} pledges delivered without a yearly approval"
        + (f", {unknown} not stated" if unknown else ""),
    )


CRITERIA = (
    Criterion(
        "capabilities.core_coverage",
        Pillar.CAPABILITIES,
        "Core capabilities covered",
        "Share of the core categories the analysis names (air defence, long-range strike, "
        "armour, ISR, industrial support) that at least one guarantor pledges.",
        core_coverage,
    ),
    Criterion(
        "capabilities.funded_share",
        Pillar.CAPABILITIES,
        "Pledges funded, not only promised",
        "Share of pledged value (or of pledges, when none states a value) whose money is "
        "appropriated rather than promised.",
        funded_share,
    ),
    Criterion(
        "capabilities.horizon",
        Pillar.CAPABILITIES,
        "Multi-year horizon",
        "Years covered by the longest pledge, against the policy's full horizon.",
        horizon,
    ),
    Criterion(
        "capabilities.delivery_assured",
        Pillar.CAPABILITIES,
        "Delivery not subject to yearly approval",
        "Share of pledges whose delivery does not wait on a new budget vote or decision each year.",
        delivery_assured,
    ),
)
