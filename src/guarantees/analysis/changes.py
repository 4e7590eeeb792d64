"""Candidate changes: concrete, typed transformations of a proposal that act on a finding's remedy.

Every rule of the bundled catalog has a remedy change (:data:`REMEDIES`), and every criterion a
change that raises it (:data:`RAISES`), so a plan can be built from what the score says. Each
change is an *improvement* in the sense of the README's monotonicity rule: applied to any valid
proposal it lowers no pillar and no overall score, and its remedy removes the finding it answers
(``tests/test_analysis_changes.py`` checks both with Hypothesis).

A change is computed against the proposal it is applied to (``the first substantive response``
is found again each time), so it can be applied after other changes in any order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import attrs

from ..levels import Status
from ..model import (
    CORE_CATEGORIES,
    ON_TERRITORY,
    SUBSTANTIVE_RESPONSES,
    DecisionRule,
    Deployment,
    DeploymentKind,
    Funding,
    LegalForm,
    Location,
    Party,
    Pledge,
    Proposal,
    Response,
    ResponseKind,
    Timing,
    Trigger,
    TriggerEvent,
)
from ..parameters import Parameters
from ..scorecard import Scorecard

__all__ = ["CHANGES", "RAISES", "REMEDIES", "Change", "candidates", "change", "remedy_for"]

Apply = Callable[[Proposal], Proposal]


@attrs.frozen(repr=False)
class Change:
    """One concrete change to a proposal, with what it answers and why.

    ``id`` is the stable kind of change (``take-away-adversary-veto``), ``title`` says what it
    does to this proposal in its own parties' names, ``rationale`` why it matters. ``resolves``
    lists the rule codes it is the remedy for, ``raises`` the criteria it lifts.
    """

    id: str
    title: str
    rationale: str
    resolves: tuple[str, ...] = ()
    raises: tuple[str, ...] = ()
    apply: Apply = attrs.field(default=lambda p: p, eq=False)

    def __call__(self, proposal: Proposal) -> Proposal:
        """The changed proposal (validated again); ``proposal`` itself is left unchanged."""
        return self.apply(proposal)

    def __repr__(self) -> str:
        return f"<Change {self.id!r}: {self.title}>"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "rationale": self.rationale,
            "resolves": list(self.resolves),
            "raises": list(self.raises),
        }


# -- editing helpers ---------------------------------------------------------------------------


def _rebuild(p: Proposal, **fields: Any) -> Proposal:
    """``p`` with some top-level fields replaced, validated again (references and all)."""
    return Proposal.model_validate({**dict(p), **fields})


def _section(p: Proposal, name: str, **fields: Any) -> Proposal:
    return _rebuild(p, **{name: getattr(p, name).model_copy(update=fields)})


def _friendly(p: Proposal) -> list[str]:
    return [g for g in p.guarantors if g not in p.adversaries]


def _with_friend(p: Proposal) -> tuple[Proposal, str]:
    """A guarantor that is not an adversary, declaring a new one when there is none."""
    friends = _friendly(p)
    if friends:
        return p, friends[0]
    ids = {party.id for party in p.parties}
    new = next(i for i in ("guarantor", *(f"guarantor-{n}" for n in range(2, 999))) if i not in ids)
    party = Party(id=new, name="A new guarantor")
    return _rebuild(p, parties=(*p.parties, party), guarantors=(*p.guarantors, new)), new


def _friendly_lead(p: Proposal) -> str | None:
    lead = p.lead_guarantor
    return lead if lead is not None and lead not in p.adversaries else None


def _names(p: Proposal, ids: Iterable[str]) -> str:
    items = [p.name_of(i) for i in ids]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _adversary(p: Proposal) -> str:
    return _names(p, p.adversaries)


def _substantive(p: Proposal) -> list[int]:
    return [i for i, r in enumerate(p.commitments.responses) if r.kind in SUBSTANTIVE_RESPONSES]


def _main_response(p: Proposal) -> int | None:
    """The substantive response a change works on: the sanctions escalator first, if any."""
    found = _substantive(p)
    responses = p.commitments.responses
    for i in found:
        if responses[i].kind is ResponseKind.SANCTIONS_ESCALATOR:
            return i
    return found[0] if found else None


def _edit_response(p: Proposal, index: int, **update: Any) -> Proposal:
    responses = tuple(
        r.model_copy(update=update) if i == index else r
        for i, r in enumerate(p.commitments.responses)
    )
    return _section(p, "commitments", responses=responses)


def _full_response(kind: ResponseKind, params: Parameters) -> Response:
    return Response(
        kind=kind,
        automatic=True,
        deadline_days=params.max_response_days,
        size_predefined=True,
    )


def _edit_friendly_pledges(p: Proposal, **update: Any) -> Proposal:
    pledges = tuple(
        x.model_copy(update=update) if any(i not in p.adversaries for i in x.providers) else x
        for x in p.capabilities.pledges
    )
    return _section(p, "capabilities", pledges=pledges)


def _set_terms(**values: Any) -> Apply:
    return lambda p: _section(p, "terms", **values)


# -- commitments -------------------------------------------------------------------------------


def _remove_adversary_from_guarantors(p: Proposal) -> Proposal:
    """Adversaries leave the guarantors and every guarantor role; an adversary lead is replaced
    by a friendly guarantor, who takes its place in the friendly deployments it was part of (so
    ``presence.lead_contributes`` does not fall)."""
    leaving = {g for g in p.guarantors if g in p.adversaries}
    if not leaving:
        return p
    lead = p.lead_guarantor
    new_lead = lead
    if lead in leaving:
        p, new_lead = _with_friend(p)

    def keep(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(i for i in ids if i not in leaving)

    def contributors(d: Deployment) -> tuple[str, ...]:
        kept = keep(d.contributors)
        if lead in leaving and lead in d.contributors and kept and new_lead not in kept:
            assert new_lead is not None
            kept = (*kept, new_lead)
        return kept

    pledges = tuple(
        x.model_copy(update={"providers": keep(x.providers)})
        for x in p.capabilities.pledges
        if keep(x.providers)
    )
    responses = tuple(
        x.model_copy(update={"responders": keep(x.responders)}) for x in p.commitments.responses
    )
    deployments = tuple(
        x.model_copy(update={"contributors": contributors(x)})
        for x in p.presence.deployments
        if keep(x.contributors)
    )
    return _rebuild(
        p,
        guarantors=keep(p.guarantors),
        lead_guarantor=new_lead,
        capabilities=p.capabilities.model_copy(update={"pledges": pledges}),
        commitments=p.commitments.model_copy(update={"responses": responses}),
        presence=p.presence.model_copy(update={"deployments": deployments}),
    )


_VETO_PRONE = frozenset({DecisionRule.UNANIMITY, DecisionRule.UN_SECURITY_COUNCIL})


def _take_away_the_veto(p: Proposal) -> Proposal:
    """Adversaries leave the veto list, a unanimity or Security Council decision becomes each
    guarantor's own, and referrals to the Council go when an adversary sits on it."""
    c = p.commitments
    holders = tuple(h for h in c.veto_holders if h not in p.adversaries)
    rule = DecisionRule.EACH_GUARANTOR if c.decision_rule in _VETO_PRONE else c.decision_rule
    permanent = any(p.party(a).un_security_council_permanent for a in p.adversaries)
    responses = tuple(
        r
        for r in c.responses
        if not (permanent and r.kind is ResponseKind.UN_SECURITY_COUNCIL_REFERRAL)
    )
    return _section(p, "commitments", veto_holders=holders, decision_rule=rule, responses=responses)


def _name_a_specific_trigger(p: Proposal) -> Proposal:
    """The first trigger (an armed attack when there is none) becomes specific and verifiable,
    attested by a party that is not an adversary."""
    independent = [x.id for x in p.parties if x.id not in p.adversaries and x.id != p.beneficiary]
    update = {
        "specific": True,
        "verifiable": True,
        "verified_by": ((independent or [p.beneficiary])[0],),
    }
    triggers = p.commitments.triggers
    if not triggers:
        return _section(
            p, "commitments", triggers=(Trigger(event=TriggerEvent.ARMED_ATTACK, **update),)
        )
    edited = (triggers[0].model_copy(update=update), *triggers[1:])
    return _section(p, "commitments", triggers=edited)


def _add_sanctions_escalator(params: Parameters) -> Apply:
    def apply(p: Proposal) -> Proposal:
        full = _full_response(ResponseKind.SANCTIONS_ESCALATOR, params)
        return _section(p, "commitments", responses=(*p.commitments.responses, full))

    return apply


def _make_automatic(params: Parameters) -> Apply:
    """The main substantive response becomes automatic, with the policy's deadline when it has
    none or a longer one (a full sanctions escalator is added when nothing substantive exists)."""

    def apply(p: Proposal) -> Proposal:
        i = _main_response(p)
        if i is None:
            return _add_sanctions_escalator(params)(p)
        days = p.commitments.responses[i].deadline_days
        if days is None or days > params.max_response_days:
            days = params.max_response_days
        return _edit_response(p, i, automatic=True, deadline_days=days)

    return apply


def _predefine_size(params: Parameters) -> Apply:
    def apply(p: Proposal) -> Proposal:
        i = _main_response(p)
        if i is None:
            return _add_sanctions_escalator(params)(p)
        return _edit_response(p, i, size_predefined=True)

    return apply


def _set_deadline(params: Parameters) -> Apply:
    def apply(p: Proposal) -> Proposal:
        i = _main_response(p)
        if i is None:
            return _add_sanctions_escalator(params)(p)
        days = p.commitments.responses[i].deadline_days
        if days is not None and days <= params.max_response_days:
            return p
        return _edit_response(p, i, deadline_days=params.max_response_days)

    return apply


_RUNGS: tuple[tuple[ResponseKind, frozenset[ResponseKind]], ...] = (
    (ResponseKind.SANCTIONS_ESCALATOR, frozenset({ResponseKind.SANCTIONS_ESCALATOR})),
    (
        ResponseKind.FINANCIAL_CUTOFF,
        frozenset({ResponseKind.ENERGY_CUTOFF, ResponseKind.FINANCIAL_CUTOFF}),
    ),
    (
        ResponseKind.MILITARY_AID_TRANCHE,
        frozenset({ResponseKind.MILITARY_AID_TRANCHE, ResponseKind.DIRECT_MILITARY_SUPPORT}),
    ),
    (ResponseKind.MILITARY_ACTION, frozenset({ResponseKind.MILITARY_ACTION})),
)


def _add_escalation_rungs(params: Parameters) -> Apply:
    def apply(p: Proposal) -> Proposal:
        kinds = {r.kind for r in p.commitments.responses}
        extra = tuple(_full_response(k, params) for k, rung in _RUNGS if not kinds & rung)
        if not extra:
            return p
        return _section(p, "commitments", responses=(*p.commitments.responses, *extra))

    return apply


def _each_guarantor_decides(p: Proposal) -> Proposal:
    if p.commitments.decision_rule in {DecisionRule.EACH_GUARANTOR, DecisionRule.AUTOMATIC}:
        return p
    return _section(p, "commitments", decision_rule=DecisionRule.EACH_GUARANTOR)


def _predefine_consequences(p: Proposal) -> Proposal:
    deadlines = tuple(
        d.model_copy(update={"consequence_predefined": True})
        for d in p.commitments.adversary_deadlines
    )
    return _section(p, "commitments", adversary_deadlines=deadlines)


def _ratify(p: Proposal) -> Proposal:
    return _section(p, "legal", form=LegalForm.TREATY_RATIFIED)


def _lengthen(params: Parameters) -> Apply:
    def apply(p: Proposal) -> Proposal:
        notice = max(p.legal.withdrawal_notice_months or 0, params.min_withdrawal_notice_months)
        return _section(
            p, "legal", indefinite=True, duration_years=None, withdrawal_notice_months=notice
        )

    return apply


# -- capabilities ------------------------------------------------------------------------------


def _fund_the_pledges(p: Proposal) -> Proposal:
    return _edit_friendly_pledges(p, funding=Funding.APPROPRIATED)


def _lengthen_the_pledges(params: Parameters) -> Apply:
    def apply(p: Proposal) -> Proposal:
        pledges = tuple(
            x.model_copy(update={"years": max(x.years or 0, params.horizon_years)})
            if any(i not in p.adversaries for i in x.providers)
            else x
            for x in p.capabilities.pledges
        )
        return _section(p, "capabilities", pledges=pledges)

    return apply


def _pledge_years(params: Parameters) -> int:
    return max(params.horizon_years, 10)


def _missing_core(p: Proposal) -> list[str]:
    covered = {
        x.category
        for x in p.capabilities.pledges
        if any(i not in p.adversaries for i in x.providers)
    }
    return [c.label for c in CORE_CATEGORIES if c not in covered]


def _pledge_missing_core(params: Parameters) -> Apply:
    """A funded, multi-year pledge free of yearly approval for each missing core category."""

    def apply(p: Proposal) -> Proposal:
        missing = [c for c in CORE_CATEGORIES if c.label in _missing_core(p)]
        if not missing:
            return p
        p, friend = _with_friend(p)
        extra = tuple(
            Pledge(
                category=c,
                providers=(friend,),
                years=_pledge_years(params),
                funding=Funding.APPROPRIATED,
                annual_approval=False,
            )
            for c in missing
        )
        return _section(p, "capabilities", pledges=(*p.capabilities.pledges, *extra))

    return apply


def _end_yearly_approval(p: Proposal) -> Proposal:
    return _edit_friendly_pledges(p, annual_approval=False)


# -- presence ----------------------------------------------------------------------------------


def _add_reassurance_force(params: Parameters) -> Apply:
    """A combat-capable reassurance force on the soil now, with the lead when it is a friend,
    backed by prepositioned stocks and contingency plans."""

    def apply(p: Proposal) -> Proposal:
        p, friend = _with_friend(p)
        lead = _friendly_lead(p)
        extra = (lead,) if lead is not None and lead != friend else ()
        force = Deployment(
            contributors=(friend, *extra),
            kind=DeploymentKind.REASSURANCE_FORCE,
            description="Multinational reassurance force",
            combat_capable=True,
            personnel=params.presence_scale,
            location=Location.INTERIOR,
            timing=Timing.NOW,
        )
        presence = p.presence.model_copy(
            update={
                "deployments": (*p.presence.deployments, force),
                "prepositioned_stocks": True,
                "contingency_plans": True,
            }
        )
        return _rebuild(p, presence=presence)

    return apply


def _lead_sends_forces(p: Proposal) -> Proposal:
    """The lead joins the friendly deployment that stands best (on the soil first); with none, it
    sends an air- and missile-defence unit onto the soil now."""
    lead = _friendly_lead(p)
    if lead is None:
        return p
    deps = p.presence.deployments
    friendly = [
        i for i, d in enumerate(deps) if any(c not in p.adversaries for c in d.contributors)
    ]
    if any(lead in deps[i].contributors for i in friendly):
        return p
    if friendly:
        best = min(friendly, key=lambda i: (deps[i].location not in ON_TERRITORY, i))
        edited = tuple(
            d.model_copy(update={"contributors": (*d.contributors, lead)}) if i == best else d
            for i, d in enumerate(deps)
        )
        return _section(p, "presence", deployments=edited)
    unit = Deployment(
        contributors=(lead,),
        kind=DeploymentKind.MISSILE_DEFENCE,
        description="Air- and missile-defence unit of the lead guarantor",
        combat_capable=True,
        personnel=1_000,
        location=Location.INTERIOR,
        timing=Timing.NOW,
    )
    return _section(p, "presence", deployments=(*deps, unit))


def _back_the_presence(p: Proposal) -> Proposal:
    return _section(p, "presence", prepositioned_stocks=True, contingency_plans=True)


def _integrate_command(p: Proposal) -> Proposal:
    return _section(p, "presence", integrated_command=True)


def _deploy_after_ceasefire(p: Proposal) -> Proposal:
    deps = tuple(
        d.model_copy(update={"timing": Timing.AFTER_CEASEFIRE})
        if d.timing is Timing.AFTER_SETTLEMENT
        and any(c not in p.adversaries for c in d.contributors)
        else d
        for d in p.presence.deployments
    )
    return _section(p, "presence", deployments=deps)


# -- the tables --------------------------------------------------------------------------------


@attrs.frozen
class _Spec:
    """How to build one kind of change for a given proposal and parameters."""

    id: str
    title: Callable[[Proposal, Parameters], str] = attrs.field(eq=False)
    rationale: str
    apply: Callable[[Parameters], Apply] = attrs.field(eq=False)
    resolves: tuple[str, ...] = ()
    raises: tuple[str, ...] = ()

    def __call__(self, p: Proposal, params: Parameters) -> Change:
        return Change(
            self.id,
            self.title(p, params),
            self.rationale,
            self.resolves,
            self.raises,
            self.apply(params),
        )


def _factory(
    id: str,
    title: Callable[[Proposal, Parameters], str],
    rationale: str,
    apply: Callable[[Parameters], Apply],
    *,
    resolves: tuple[str, ...] = (),
    raises: tuple[str, ...] = (),
) -> _Spec:
    return _Spec(id, title, rationale, apply, resolves, raises)


def _fixed(fn: Apply) -> Callable[[Parameters], Apply]:
    return lambda _: fn


def _friends_or(p: Proposal) -> str:
    return _names(p, _friendly(p)) or "a new guarantor"


def _lead_name(p: Proposal) -> str:
    lead = _friendly_lead(p)
    return p.name_of(lead) if lead else "the lead guarantor"


def _response_label(p: Proposal) -> str:
    i = _main_response(p)
    if i is None:
        return "a new sanctions escalator"
    return "the " + p.commitments.responses[i].kind.value.replace("_", " ")


_FACTORIES: dict[str, _Spec] = {
    "remove-adversary-from-guarantors": _factory(
        "remove-adversary-from-guarantors",
        lambda p, _: f"Remove {_adversary(p)} from the guarantors and from every guarantor role",
        "The party the guarantee must deter cannot decide whether its own aggression is answered.",
        _fixed(_remove_adversary_from_guarantors),
        resolves=("COM001",),
    ),
    "take-away-adversary-veto": _factory(
        "take-away-adversary-veto",
        lambda p, _: (
            f"Take away {_adversary(p)}'s veto: off the veto list, each guarantor "
            "decides for itself, nothing routed through the UN Security Council"
        ),
        "A guarantee the aggressor can block cannot be invoked against it.",
        _fixed(_take_away_the_veto),
        resolves=("COM002",),
        raises=("commitments.decision_rule",),
    ),
    "name-a-specific-trigger": _factory(
        "name-a-specific-trigger",
        lambda p, _: (
            "Name a specific, verifiable trigger (an armed attack) attested by a party "
            f"other than {_adversary(p)}"
        ),
        "A precise trigger leaves the guarantors no room to argue the case has not arisen.",
        _fixed(_name_a_specific_trigger),
        resolves=("COM003",),
        raises=("commitments.specific_triggers", "commitments.independent_verification"),
    ),
    "add-a-sanctions-escalator": _factory(
        "add-a-sanctions-escalator",
        lambda p, params: (
            "Add an automatic sanctions escalator of predefined size, in force "
            f"within {params.max_response_days} days"
        ),
        "A response that imposes a cost is what turns a promise to consult into deterrence.",
        _add_sanctions_escalator,
        resolves=("COM004",),
    ),
    "make-a-response-automatic": _factory(
        "make-a-response-automatic",
        lambda p, params: (
            f"Make {_response_label(p)} automatic with a {params.max_response_days}-day deadline"
        ),
        "An automatic response removes the adversary's bet on delay and division.",
        _make_automatic,
        resolves=("COM005",),
        raises=("commitments.automatic_response",),
    ),
    "predefine-response-size": _factory(
        "predefine-response-size",
        lambda p, _: f"Fix the size of {_response_label(p)} in advance",
        "A response of known size makes the cost predictable to the adversary.",
        _predefine_size,
        resolves=("COM006",),
        raises=("commitments.predefined_size",),
    ),
    "set-a-response-deadline": _factory(
        "set-a-response-deadline",
        lambda p, params: (
            f"Put {_response_label(p)} in force within "
            f"{params.max_response_days} days of a verified violation"
        ),
        "A response with no deadline can be deferred indefinitely.",
        _set_deadline,
        resolves=("COM007",),
        raises=("commitments.time_bound",),
    ),
    "predefine-deadline-consequences": _factory(
        "predefine-deadline-consequences",
        lambda p, _: (
            f"Fix in advance what happens when each deadline set for {_adversary(p)} passes"
        ),
        "Deadlines without consequences teach the adversary that they cost nothing to ignore.",
        _fixed(_predefine_consequences),
        resolves=("COM008",),
    ),
    "ratify-as-treaty": _factory(
        "ratify-as-treaty",
        lambda p, _: f"Put the guarantee into a treaty ratified by {_friends_or(p)}",
        "A ratified treaty binds in law and outlives a change of government.",
        _fixed(_ratify),
        resolves=("COM009",),
        raises=("commitments.legal_bindingness",),
    ),
    "lengthen-the-instrument": _factory(
        "lengthen-the-instrument",
        lambda p, params: (
            "Make the instrument indefinite with at least "
            f"{params.min_withdrawal_notice_months} months' notice of withdrawal"
        ),
        "A guarantee that can lapse soon invites the adversary to wait it out.",
        _lengthen,
        resolves=("COM010",),
    ),
    "add-escalation-rungs": _factory(
        "add-escalation-rungs",
        lambda p, _: (
            "Complete the escalation ladder with automatic, sized responses (sanctions, "
            "financial cut-off, military-aid tranche, military action) where a rung is missing"
        ),
        "Each rung the adversary can foresee raises the cost of going on.",
        _add_escalation_rungs,
        raises=("commitments.escalation_ladder",),
    ),
    "let-each-guarantor-decide": _factory(
        "let-each-guarantor-decide",
        lambda p, _: "Let each guarantor decide on its own response (no unanimity, no Council)",
        "When each guarantor acts on its own decision, nobody can block the response.",
        _fixed(_each_guarantor_decides),
        raises=("commitments.decision_rule",),
    ),
    "fund-the-pledges": _factory(
        "fund-the-pledges",
        lambda p, _: (
            "Appropriate the money for every pledge of "
            + (_friends_or(p) if _friendly(p) else "the guarantors")
        ),
        "Promises without appropriated money are the first thing cut when politics shift.",
        _fixed(_fund_the_pledges),
        resolves=("CAP001",),
        raises=("capabilities.funded_share",),
    ),
    "lengthen-the-pledges": _factory(
        "lengthen-the-pledges",
        lambda p, params: f"Extend every pledge to at least {params.horizon_years} years",
        "Support that runs out within a budget cycle invites the adversary to wait.",
        _lengthen_the_pledges,
        resolves=("CAP002",),
        raises=("capabilities.horizon",),
    ),
    "pledge-missing-core-capabilities": _factory(
        "pledge-missing-core-capabilities",
        lambda p, params: (
            "Fund "
            + (", ".join(_missing_core(p)) or "the core")
            + f" pledges for {_pledge_years(params)} years, with no yearly approval"
        ),
        "The core capabilities decide the war; a gap is one the adversary will use.",
        _pledge_missing_core,
        resolves=("CAP003", "CAP005"),
        raises=("capabilities.core_coverage",),
    ),
    "end-yearly-approval": _factory(
        "end-yearly-approval",
        lambda p, _: "Fund deliveries for the whole period so no yearly approval is needed",
        "Support that needs a new vote each year can stop at any budget fight.",
        _fixed(_end_yearly_approval),
        resolves=("CAP004",),
        raises=("capabilities.delivery_assured",),
    ),
    "add-a-reassurance-force": _factory(
        "add-a-reassurance-force",
        lambda p, params: (
            f"Deploy a combat-capable reassurance force of {params.presence_scale:,} "
            f"from {_friends_or(p)} on the soil now, with prepositioned stocks and "
            "contingency plans"
        ),
        "Forces on the ground put guarantor soldiers in the way of an attack: deterrence by "
        "footprint, not fiction.",
        _add_reassurance_force,
        resolves=("PRE001",),
        raises=(
            "presence.forces_on_soil",
            "presence.mandate",
            "presence.size",
            "presence.timing",
            "presence.prepositioned_stocks",
            "presence.contingency_plans",
        ),
    ),
    "lead-guarantor-sends-forces": _factory(
        "lead-guarantor-sends-forces",
        lambda p, _: f"Have {_lead_name(p)} contribute forces to the deployment",
        "When the strongest guarantor keeps its troops out, the adversary reads the limits.",
        _fixed(_lead_sends_forces),
        resolves=("PRE002",),
        raises=("presence.lead_contributes",),
    ),
    "back-the-presence": _factory(
        "back-the-presence",
        lambda p, _: "Preposition equipment and munitions and adopt exercised reinforcement plans",
        "A force that cannot be reinforced quickly is a symbol.",
        _fixed(_back_the_presence),
        resolves=("PRE003",),
        raises=("presence.prepositioned_stocks", "presence.contingency_plans"),
    ),
    "deploy-after-ceasefire": _factory(
        "deploy-after-ceasefire",
        lambda p, _: "Deploy the force when a ceasefire takes hold, not after a final settlement",
        "Forces promised only after a settlement give the adversary a veto over their timing.",
        _fixed(_deploy_after_ceasefire),
        resolves=("PRE004",),
        raises=("presence.timing",),
    ),
    "integrate-command": _factory(
        "integrate-command",
        lambda p, _: "Put guarantor and beneficiary forces under an integrated command",
        "One command makes reinforcement and defence plans real.",
        _fixed(_integrate_command),
        raises=("presence.integrated_command",),
    ),
    "drop-caps-on-the-beneficiary": _factory(
        "drop-caps-on-the-beneficiary",
        lambda p, _: (
            f"Drop the caps on {p.name_of(p.beneficiary)}'s forces and the limits on aid to it"
        ),
        "Caps take away the beneficiary's own first line of defence.",
        _fixed(_set_terms(force_caps=False, aid_limits=False)),
        resolves=("TRM001",),
    ),
    "drop-foreign-troop-ban": _factory(
        "drop-foreign-troop-ban",
        lambda p, _: "Remove the ban on foreign troops",
        "A ban on foreign troops rules out the presence pillar by design.",
        _fixed(_set_terms(foreign_troop_ban=False)),
        resolves=("TRM002",),
    ),
    "drop-territorial-concessions": _factory(
        "drop-territorial-concessions",
        lambda p, _: (
            "Make no territorial concession until automatic responses and guarantor "
            "forces are in place"
        ),
        "Land given up without enforceable guarantees buys a pause, not peace.",
        _fixed(_set_terms(territorial_concessions=False)),
        resolves=("TRM003",),
    ),
    "drop-alliance-ban": _factory(
        "drop-alliance-ban",
        lambda p, _: "Drop the ban on alliance membership",
        "A ban on joining an alliance hands the adversary a say over the beneficiary's policy.",
        _fixed(_set_terms(alliance_ban=False)),
        resolves=("TRM004",),
    ),
    "put-a-ceasefire-first": _factory(
        "put-a-ceasefire-first",
        lambda p, _: "Sequence the package: a verified ceasefire first, then the guarantees",
        "Talks under fire let the adversary create facts and negotiate over them.",
        _fixed(_set_terms(ceasefire_first=True)),
        resolves=("TRM005",),
    ),
    "drop-recognition-of-annexations": _factory(
        "drop-recognition-of-annexations",
        lambda p, _: "Replace legal recognition of annexations with at most a de facto line",
        "Recognising conquest in law rewards aggression.",
        _fixed(_set_terms(recognition_of_annexations=False)),
        resolves=("TRM006",),
    ),
    "tie-sanctions-relief-to-compliance": _factory(
        "tie-sanctions-relief-to-compliance",
        lambda p, _: (
            f"Tie sanctions relief for {_adversary(p)} to verified compliance, with snap-back"
        ),
        "Relief before compliance spends the leverage the guarantee depends on.",
        _fixed(_set_terms(sanctions_relief_upfront=False)),
        resolves=("TRM007",),
    ),
}

CHANGES: tuple[str, ...] = tuple(_FACTORIES)
"""The ids of every kind of change, in the order candidates are tried."""

REMEDIES: dict[str, str] = {code: spec.id for spec in _FACTORIES.values() for code in spec.resolves}
"""Rule code → id of the change that is its remedy; every bundled rule has one."""

RAISES: dict[str, str] = {
    "capabilities.core_coverage": "pledge-missing-core-capabilities",
    "capabilities.funded_share": "fund-the-pledges",
    "capabilities.horizon": "lengthen-the-pledges",
    "capabilities.delivery_assured": "end-yearly-approval",
    "commitments.specific_triggers": "name-a-specific-trigger",
    "commitments.independent_verification": "name-a-specific-trigger",
    "commitments.automatic_response": "make-a-response-automatic",
    "commitments.time_bound": "set-a-response-deadline",
    "commitments.predefined_size": "predefine-response-size",
    "commitments.escalation_ladder": "add-escalation-rungs",
    "commitments.decision_rule": "let-each-guarantor-decide",
    "commitments.legal_bindingness": "ratify-as-treaty",
    "presence.forces_on_soil": "add-a-reassurance-force",
    "presence.mandate": "add-a-reassurance-force",
    "presence.size": "add-a-reassurance-force",
    "presence.lead_contributes": "lead-guarantor-sends-forces",
    "presence.prepositioned_stocks": "back-the-presence",
    "presence.contingency_plans": "back-the-presence",
    "presence.integrated_command": "integrate-command",
    "presence.timing": "add-a-reassurance-force",
}
"""Criterion id → id of the change that raises it; every criterion has one."""


def change(change_id: str, proposal: Proposal, params: Parameters | None = None) -> Change:
    """The change ``change_id`` as it reads for ``proposal`` (``KeyError`` for an unknown id)."""
    return _FACTORIES[change_id](proposal, params or Parameters())


def remedy_for(code: str, proposal: Proposal, params: Parameters | None = None) -> Change | None:
    """The change that answers rule ``code`` (``None`` for a rule with no known remedy change,
    such as a plugin's)."""
    change_id = REMEDIES.get(code.upper())
    return None if change_id is None else change(change_id, proposal, params)


def candidates(
    proposal: Proposal, card: Scorecard, params: Parameters | None = None
) -> tuple[Change, ...]:
    """The changes worth trying: the remedy of every finding (worst first), then a change for
    every criterion that is not fully met; each kind of change once, in that order."""
    params = params or Parameters()
    ids: list[str] = [REMEDIES[f.code] for f in card.findings if f.code in REMEDIES]
    for pillar in card.pillars:
        for c in pillar.criteria:
            if c.status is not Status.MET and c.status is not Status.NOT_APPLICABLE:
                ids.append(RAISES[c.id])
    return tuple(change(i, proposal, params) for i in dict.fromkeys(ids))
