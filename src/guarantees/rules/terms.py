"""Rules on terms: what the package takes from the beneficiary or gives the adversary up front."""

from __future__ import annotations

from ..levels import Pillar, Severity
from ._rule import Context, Hit, define_rule


@define_rule(
    "TRM001",
    "caps-on-the-beneficiary",
    title="Caps on the beneficiary's forces or limits on aid to it",
    pillar=Pillar.CAPABILITIES,
    severity=Severity.HIGH,
    rationale="""Caps on the beneficiary's army or mobilisation, or limits on Western aid, take
    away the first line of its own defence and make any guarantee the only thing standing.""",
    remedy="""Drop the caps on {beneficiary}'s forces and the limits on aid to it; if limits
    must stay, tie them to equal limits on {adversary}'s forces near the line.""",
    triggers={"terms": {"force_caps": True}},
)
def caps_on_the_beneficiary(ctx: Context) -> Hit | None:
    t = ctx.proposal.terms
    found = [
        (label, path)
        for label, path, value in (
            ("caps on its forces", "/terms/force_caps", t.force_caps),
            ("limits on aid to it", "/terms/aid_limits", t.aid_limits),
        )
        if value
    ]
    if not found:
        return None
    return Hit(
        f"The package imposes {' and '.join(label for label, _ in found)} on "
        f"{ctx.facts.beneficiary}.",
        tuple(path for _, path in found),
    )


@define_rule(
    "TRM002",
    "foreign-troop-ban",
    title="Ban on foreign troops",
    pillar=Pillar.PRESENCE,
    severity=Severity.HIGH,
    rationale="""A ban on foreign troops rules out the presence pillar by design: no
    reassurance force, no tripwire, no air-defence units on the ground.""",
    remedy="""Remove the ban on foreign troops from the terms; guarantor forces on
    {beneficiary}'s soil are a matter for {beneficiary} and its guarantors.""",
    triggers={"terms": {"foreign_troop_ban": True}},
)
def foreign_troop_ban(ctx: Context) -> Hit | None:
    if not ctx.proposal.terms.foreign_troop_ban:
        return None
    return Hit(
        f"The package bans foreign troops from {ctx.facts.beneficiary}'s soil.",
        ("/terms/foreign_troop_ban",),
    )


@define_rule(
    "TRM003",
    "land-for-a-pause",
    title="Territory given up while commitments or presence stay weak",
    pillar=Pillar.COMMITMENTS,
    severity=Severity.HIGH,
    rationale="""Ceding defensible ground without ironclad, enforceable guarantees merely resets
    the clock for the next offensive from stronger positions: land for a pause, not for peace.""",
    remedy="""Make no territorial concession before automatic, substantive responses and
    guarantor forces on {beneficiary}'s soil are in place.""",
    triggers={"terms": {"territorial_concessions": True}, "presence": {"deployments": []}},
    passes={"terms": {"territorial_concessions": True}},
)
def land_for_a_pause(ctx: Context) -> Hit | None:
    p, f = ctx.proposal, ctx.facts
    if not p.terms.territorial_concessions:
        return None
    responses = p.commitments.responses
    weak: list[str] = []
    if not any(responses[i].automatic for i in f.substantive_responses):
        weak.append("no substantive response is automatic")
    if not f.on_soil_deployments:
        weak.append("no guarantor forces stand on its soil")
    if not weak:
        return None
    return Hit(
        f"{f.beneficiary} gives up territory while {' and '.join(weak)}.",
        ("/terms/territorial_concessions",),
    )


@define_rule(
    "TRM004",
    "alliance-ban",
    title="Ban on alliance membership",
    pillar=Pillar.COMMITMENTS,
    severity=Severity.MEDIUM,
    rationale="""A ban on joining a defensive alliance closes the most credible guarantee there
    is and hands the adversary a say over the beneficiary's foreign policy.""",
    remedy="""Drop the alliance-membership ban, or pair it with guarantees equivalent in
    substance (automatic responses, forces on the ground).""",
    triggers={"terms": {"alliance_ban": True}},
)
def alliance_ban(ctx: Context) -> Hit | None:
    if not ctx.proposal.terms.alliance_ban:
        return None
    return Hit(
        f"The package bars {ctx.facts.beneficiary} from joining a defensive alliance.",
        ("/terms/alliance_ban",),
    )


@define_rule(
    "TRM005",
    "no-ceasefire-first",
    title="No ceasefire first",
    pillar=Pillar.COMMITMENTS,
    severity=Severity.MEDIUM,
    rationale="""Talks on the end state while fighting goes on let the adversary use force to
    create facts and negotiate over them: ceasefire first, then guarantees, then the
    end-state.""",
    remedy="""Sequence the package: a verified ceasefire first, then the guarantee framework,
    then talks on the end state.""",
    triggers={"terms": {"ceasefire_first": False}},
    passes={"terms": {"ceasefire_first": None}},
)
def no_ceasefire_first(ctx: Context) -> Hit | None:
    if ctx.proposal.terms.ceasefire_first is not False:
        return None
    return Hit(
        f"The package does not put a ceasefire first: {ctx.facts.adversary} can keep "
        "fighting while the end state is negotiated.",
        ("/terms/ceasefire_first",),
    )


@define_rule(
    "TRM006",
    "recognition-of-annexations",
    title="Annexations recognised in law",
    pillar=Pillar.COMMITMENTS,
    severity=Severity.MEDIUM,
    rationale="""Recognising conquest in law rewards aggression and tells the adversary that
    the next seizure can be made permanent too.""",
    remedy="""Replace legal recognition with, at most, a de facto line that leaves the legal
    claim of {beneficiary} intact.""",
    triggers={"terms": {"recognition_of_annexations": True}},
)
def recognition_of_annexations(ctx: Context) -> Hit | None:
    if not ctx.proposal.terms.recognition_of_annexations:
        return None
    return Hit(
        f"The package recognises {ctx.facts.adversary}'s annexations of "
        f"{ctx.facts.beneficiary}'s territory in law.",
        ("/terms/recognition_of_annexations",),
    )


@define_rule(
    "TRM007",
    "sanctions-relief-up-front",
    title="Sanctions relief for the adversary up front",
    pillar=Pillar.COMMITMENTS,
    severity=Severity.MEDIUM,
    rationale="""Lifting sanctions before compliance spends the leverage the guarantee depends
    on: economic pain that bites is what changes the adversary's calculus.""",
    remedy="""Tie any sanctions relief for {adversary} to verified compliance, in steps, with
    automatic snap-back.""",
    triggers={"terms": {"sanctions_relief_upfront": True}},
)
def sanctions_relief_up_front(ctx: Context) -> Hit | None:
    if not ctx.proposal.terms.sanctions_relief_upfront:
        return None
    return Hit(
        f"{ctx.facts.adversary} gets sanctions relief before it complies.",
        ("/terms/sanctions_relief_upfront",),
    )
