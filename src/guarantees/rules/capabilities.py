"""Rules on capabilities: is the supply funded, sustained, and of the kinds that matter?"""

from __future__ import annotations

from ..facts import join_names
from ..levels import Pillar, Severity
from ..model import CORE_CATEGORIES, Funding
from ._rule import Context, Hit, define_rule


@define_rule(
    "CAP001",
    "pledges-unfunded",
    title="Pledges are promised, not funded",
    pillar=Pillar.CAPABILITIES,
    severity=Severity.HIGH,
    rationale="""Promises without appropriated money are the first thing cut when politics
    shift: "don't promise what you won't fund".""",
    remedy="""Appropriate the money for the pledges (a multi-year budget line or a fund), not a
    statement of intent.""",
    triggers={
        "capabilities": {
            "pledges": [
                {"category": "air_defence", "providers": ["freedonia"], "funding": "promised"}
            ]
        }
    },
)
def pledges_unfunded(ctx: Context) -> Hit | None:
    pledges = ctx.proposal.capabilities.pledges
    items = ctx.facts.friendly_pledges
    if not items:
        return None
    valued = [i for i in items if pledges[i].value_per_year]
    basis = valued or list(items)

    def weight(i: int) -> float:
        return (pledges[i].value_per_year or 0.0) if valued else 1.0

    total = sum(weight(i) for i in basis)
    funded = sum(weight(i) for i in basis if pledges[i].funding is Funding.APPROPRIATED)
    if total and funded / total >= ctx.params.funded_share:
        return None
    unfunded = [i for i in basis if pledges[i].funding is not Funding.APPROPRIATED]
    return Hit(
        f"Only {funded / total:.0%} of what is pledged to {ctx.facts.beneficiary} is "
        f"appropriated; the rest is promised or unstated.",
        tuple(f"/capabilities/pledges/{i}" for i in unfunded),
    )


@define_rule(
    "CAP002",
    "short-horizon",
    title="Support horizon too short",
    pillar=Pillar.CAPABILITIES,
    severity=Severity.MEDIUM,
    rationale="""The adversary's strategy is attritional and time-based. Support that runs out
    within a budget cycle or two invites it to wait.""",
    remedy="""Extend the pledges to a multi-year horizon (at least the policy's horizon years)
    with money set aside for each year.""",
    triggers={
        "capabilities": {
            "pledges": [
                {
                    "category": "air_defence",
                    "providers": ["freedonia"],
                    "years": 1,
                    "funding": "appropriated",
                }
            ]
        }
    },
)
def short_horizon(ctx: Context) -> Hit | None:
    pledges = ctx.proposal.capabilities.pledges
    items = ctx.facts.friendly_pledges
    if not items:
        return None
    years = [y for i in items if (y := pledges[i].years) is not None]
    longest = max(years, default=None)
    if longest is not None and longest >= ctx.params.horizon_years:
        return None
    said = (
        f"the longest covers {longest} year(s)" if longest is not None else "none states its years"
    )
    return Hit(
        f"Support for {ctx.facts.beneficiary} falls short of a {ctx.params.horizon_years}-year "
        f"horizon: {said}.",
        tuple(f"/capabilities/pledges/{i}" for i in items),
    )


@define_rule(
    "CAP003",
    "core-capability-missing",
    title="A core capability is missing",
    pillar=Pillar.CAPABILITIES,
    severity=Severity.MEDIUM,
    rationale="""The analysis names the capabilities that decide the war: air defence,
    long-range strike, armour, ISR and industrial support for the beneficiary's own production.
    A package without one leaves a gap the adversary will use.""",
    remedy="""Add funded, multi-year pledges for each missing core category.""",
    triggers={
        "capabilities": {
            "pledges": [
                {
                    "category": "armour",
                    "providers": ["freedonia"],
                    "funding": "appropriated",
                    "years": 10,
                }
            ]
        }
    },
)
def core_capability_missing(ctx: Context) -> Hit | None:
    if not ctx.facts.friendly_pledges:
        return None  # nothing pledged at all is CAP005's finding
    pledges = ctx.proposal.capabilities.pledges
    covered = {pledges[i].category for i in ctx.facts.friendly_pledges}
    missing = [c.label for c in CORE_CATEGORIES if c not in covered]
    if not missing:
        return None
    return Hit(
        f"No guarantor pledges {join_names(missing)} to {ctx.facts.beneficiary}.",
        ("/capabilities/pledges",),
    )


@define_rule(
    "CAP004",
    "annual-approval",
    title="Deliveries subject to yearly approval",
    pillar=Pillar.CAPABILITIES,
    severity=Severity.LOW,
    rationale="""Support that needs a new vote each year can stop at any budget fight; the
    adversary can wait for one.""",
    remedy="""Fund deliveries for the whole period up front, or through a standing fund that
    needs no yearly vote.""",
    triggers={
        "capabilities": {
            "pledges": [
                {"category": "air_defence", "providers": ["freedonia"], "annual_approval": True}
            ]
        }
    },
)
def annual_approval(ctx: Context) -> Hit | None:
    pledges = ctx.proposal.capabilities.pledges
    subject = [i for i in ctx.facts.friendly_pledges if pledges[i].annual_approval]
    if not subject:
        return None
    return Hit(
        f"{len(subject)} pledge(s) to {ctx.facts.beneficiary} need a new approval every year.",
        tuple(f"/capabilities/pledges/{i}" for i in subject),
    )


@define_rule(
    "CAP005",
    "no-capability-pledged",
    title="No capability pledged",
    pillar=Pillar.CAPABILITIES,
    severity=Severity.HIGH,
    rationale="""The analysis makes the beneficiary's own defence the first guarantee: without
    sustained supply, every other promise rests on an army the adversary can outlast. A package
    that pledges nothing is weaker than one whose pledges are merely promised (CAP001).""",
    remedy="""Pledge funded, multi-year support in the core categories (air defence, long-range
    strike, armour, ISR, industrial support), or state the capabilities the guarantors' own
    forces field for its defence (`fielded_by: providers`).""",
    triggers={"capabilities": {"pledges": []}},
)
def no_capability_pledged(ctx: Context) -> Hit | None:
    if ctx.facts.friendly_pledges:
        return None
    adversary_only = bool(ctx.proposal.capabilities.pledges)
    return Hit(
        f"No guarantor pledges any capability for {ctx.facts.beneficiary}'s defence"
        + (" (only the adversary pledges any)." if adversary_only else "."),
        ("/capabilities/pledges",),
    )
