"""Rules on commitments: who decides, what triggers, what follows, and how binding it is."""

from __future__ import annotations

from ..levels import Pillar, Severity
from ..model import LegalForm
from ._rule import Context, Hit, define_rule

_NON_BINDING = frozenset(
    {LegalForm.UNILATERAL_STATEMENT, LegalForm.POLITICAL_DECLARATION, LegalForm.MEMORANDUM}
)


@define_rule(
    "COM001",
    "adversary-among-guarantors",
    title="The adversary is one of the guarantors",
    pillar=Pillar.COMMITMENTS,
    severity=Severity.CRITICAL,
    rationale="""A guarantee exists to deter one party. Seating that party among the guarantors
    lets it decide whether its own aggression is answered: the fox guards the henhouse, and the
    guarantee becomes a procedural trap rather than deterrence.""",
    remedy="""Remove {adversary} from the guarantors. If it must sign, bind it by the terms as a
    party, never as one that decides on the response.""",
    triggers={"guarantors": ["freedonia", "sylvania", "borduria"]},
)
def adversary_among_guarantors(ctx: Context) -> Hit | None:
    f = ctx.facts
    if not f.adversary_guarantors:
        return None
    who = f.names(ctx.proposal.guarantors[i] for i in f.adversary_guarantors)
    return Hit(
        f"{who}, the party {f.beneficiary}'s guarantee must deter, is listed among its guarantors.",
        tuple(f"/guarantors/{i}" for i in f.adversary_guarantors),
    )


@define_rule(
    "COM002",
    "adversary-holds-veto",
    title="The adversary can veto the response",
    pillar=Pillar.COMMITMENTS,
    severity=Severity.CRITICAL,
    rationale="""If the aggressor can block the guarantors' response, by a listed veto, by
    unanimity among guarantors that include it, or through its permanent seat on the UN Security
    Council, the guarantee cannot be invoked against it when it matters.""",
    remedy="""Let each guarantor act on its own decision (decision rule `each_guarantor` or
    `automatic`), take {adversary} off any veto list, and route no response through a body
    where {adversary} holds a veto.""",
    triggers={"commitments": {"veto_holders": ["borduria"]}},
    passes={"commitments": {"veto_holders": ["freedonia"]}},
)
def adversary_holds_veto(ctx: Context) -> Hit | None:
    vetoes = ctx.facts.vetoes
    if not vetoes:
        return None
    reasons = "; ".join(v.reason for v in vetoes)
    evidence = tuple(dict.fromkeys(path for v in vetoes for path in v.evidence))
    return Hit(
        f"{ctx.facts.adversary} can block the response to an attack on "
        f"{ctx.facts.beneficiary}: {reasons}.",
        evidence,
    )


@define_rule(
    "COM003",
    "no-specific-trigger",
    title="No specific trigger",
    pillar=Pillar.COMMITMENTS,
    severity=Severity.HIGH,
    rationale="""Vague triggers ("any aggression", undefined threats) let guarantors argue that
    the case has not arisen. Deterrence needs the adversary to know exactly what sets the
    response off.""",
    remedy="""Name specific, verifiable triggers (an armed attack across the agreed line, a
    missile or drone strike on {beneficiary}'s territory, a verified ceasefire violation) and who
    attests them.""",
    triggers={"commitments": {"triggers": [{"event": "any_aggression", "specific": False}]}},
)
def no_specific_trigger(ctx: Context) -> Hit | None:
    triggers = ctx.proposal.commitments.triggers
    if any(t.specific for t in triggers):
        return None
    if not triggers:
        return Hit(
            f"No event is named that would set off the guarantee for {ctx.facts.beneficiary}.",
            ("/commitments/triggers",),
        )
    which = "The one trigger" if len(triggers) == 1 else f"None of the {len(triggers)} triggers"
    return Hit(
        f"{which} for {ctx.facts.beneficiary}'s guarantee is "
        + ("not " if len(triggers) == 1 else "")
        + "defined specifically.",
        tuple(f"/commitments/triggers/{i}" for i in range(len(triggers))),
    )


@define_rule(
    "COM004",
    "consultation-only",
    title="Responses are consultation or diplomacy only",
    pillar=Pillar.COMMITMENTS,
    severity=Severity.HIGH,
    rationale="""Consultation, referral and statements impose no cost on the aggressor. A
    guarantee whose only response is talk is "a hot dog without the hot dog".""",
    remedy="""Commit {guarantors} to responses that bite: a sanctions escalator, energy and
    financial cut-offs, predefined military-aid tranches, and where credible military action.""",
    triggers={"commitments": {"responses": [{"kind": "consultation", "automatic": True}]}},
)
def consultation_only(ctx: Context) -> Hit | None:
    if ctx.facts.substantive_responses:
        return None
    responses = ctx.proposal.commitments.responses
    kinds = sorted({r.kind.value.replace("_", " ").replace("un ", "UN ") for r in responses}) or [
        "nothing"
    ]
    return Hit(
        f"If {ctx.facts.beneficiary} is attacked, the guarantors commit to "
        f"{', '.join(kinds)}: nothing that imposes a cost on {ctx.facts.adversary}.",
        tuple(f"/commitments/responses/{i}" for i in range(len(responses)))
        or ("/commitments/responses",),
    )


@define_rule(
    "COM005",
    "no-automatic-response",
    title="No automatic response",
    pillar=Pillar.COMMITMENTS,
    severity=Severity.MEDIUM,
    rationale="""When every response needs a new political decision, the adversary can bet on
    delay and division. Automatic mechanisms remove that bet.""",
    remedy="""Make at least one substantive response automatic on a verified trigger, e.g. a
    sanctions escalator that enters into force without a new decision.""",
    triggers={
        "commitments": {
            "responses": [
                {"kind": "sanctions_escalator", "automatic": False, "deadline_days": 14},
            ]
        }
    },
)
def no_automatic_response(ctx: Context) -> Hit | None:
    responses = ctx.proposal.commitments.responses
    substantive = ctx.facts.substantive_responses
    if not substantive or any(responses[i].automatic for i in substantive):
        return None
    who = ctx.facts.names(_guarantors(ctx))
    unstated = any(responses[i].automatic is None for i in substantive)
    return Hit(
        f"No response {who} commit to is stated to be automatic: as written, each may need a "
        "new decision before it starts."
        if unstated
        else f"Every response {who} commit to needs a new decision before it starts.",
        tuple(f"/commitments/responses/{i}" for i in substantive),
    )


@define_rule(
    "COM006",
    "response-size-undefined",
    title="Response size undefined",
    pillar=Pillar.COMMITMENTS,
    severity=Severity.MEDIUM,
    rationale="""A response of unstated size can be made token when the moment comes. Fixing the
    size in advance (the sanctions package, the aid tranche) makes the cost predictable to the
    adversary.""",
    remedy="""Fix the size of at least one substantive response in advance, e.g. a military-aid
    tranche of a stated value released on a verified violation.""",
    triggers={
        "commitments": {
            "responses": [{"kind": "sanctions_escalator", "automatic": True, "deadline_days": 7}]
        }
    },
)
def response_size_undefined(ctx: Context) -> Hit | None:
    responses = ctx.proposal.commitments.responses
    substantive = ctx.facts.substantive_responses
    if not substantive or any(responses[i].size_predefined for i in substantive):
        return None
    return Hit(
        f"No response to an attack on {ctx.facts.beneficiary} has a size fixed in advance.",
        tuple(f"/commitments/responses/{i}" for i in substantive),
    )


@define_rule(
    "COM007",
    "no-response-deadline",
    title="No response deadline",
    pillar=Pillar.COMMITMENTS,
    severity=Severity.MEDIUM,
    rationale="""A response with no deadline can be deferred indefinitely; time-bound mechanisms
    are what the analysis asks for.""",
    remedy="""Set a deadline for at least one substantive response, e.g. sanctions in force
    within 14 days of a verified violation.""",
    triggers={
        "commitments": {
            "responses": [
                {"kind": "sanctions_escalator", "automatic": True, "size_predefined": True}
            ]
        }
    },
)
def no_response_deadline(ctx: Context) -> Hit | None:
    responses = ctx.proposal.commitments.responses
    substantive = ctx.facts.substantive_responses
    if not substantive or any(responses[i].deadline_days is not None for i in substantive):
        return None
    return Hit(
        f"No response to an attack on {ctx.facts.beneficiary} has a deadline.",
        tuple(f"/commitments/responses/{i}" for i in substantive),
    )


@define_rule(
    "COM008",
    "deadline-without-consequence",
    title="Deadline for the adversary without a predefined consequence",
    pillar=Pillar.COMMITMENTS,
    severity=Severity.MEDIUM,
    rationale="""Deadlines whose consequence is not fixed teach the adversary that deadlines are
    cost-free to ignore ("don't threaten what you won't do").""",
    remedy="""Attach a predefined consequence to every deadline set for {adversary} (e.g. a
    named sanctions package that enters into force when it passes), or set no deadline.""",
    triggers={
        "commitments": {
            "adversary_deadlines": [{"days": 14, "consequence_predefined": False}],
        }
    },
    passes={
        "commitments": {
            "adversary_deadlines": [{"days": 14, "consequence_predefined": True}],
        }
    },
)
def deadline_without_consequence(ctx: Context) -> Hit | None:
    deadlines = ctx.proposal.commitments.adversary_deadlines
    empty = [i for i, d in enumerate(deadlines) if not d.consequence_predefined]
    if not empty:
        return None
    return Hit(
        f"{len(empty)} deadline(s) set for {ctx.facts.adversary} carry no predefined consequence.",
        tuple(f"/commitments/adversary_deadlines/{i}" for i in empty),
    )


@define_rule(
    "COM009",
    "non-binding-form",
    title="Non-binding legal form",
    pillar=Pillar.COMMITMENTS,
    severity=Severity.MEDIUM,
    rationale="""A memorandum, declaration or statement binds no one in law and can be
    reinterpreted by the next government; the Budapest Memorandum's "assurances" showed how
    little such a form holds.""",
    remedy="""Put the guarantee into a treaty ratified by {guarantors}, or at least a
    legally binding executive agreement.""",
    triggers={"legal": {"form": "memorandum"}},
    passes={"legal": {"form": "executive_agreement"}},
)
def non_binding_form(ctx: Context) -> Hit | None:
    form = ctx.proposal.legal.form
    if form not in _NON_BINDING:
        return None
    assert form is not None
    return Hit(
        f"The guarantee for {ctx.facts.beneficiary} takes the form of a "
        f"{form.value.replace('_', ' ')}, which is not legally binding.",
        ("/legal/form",),
    )


@define_rule(
    "COM010",
    "short-life",
    title="Short duration or short withdrawal notice",
    pillar=Pillar.COMMITMENTS,
    severity=Severity.LOW,
    rationale="""A guarantee that expires soon, or that a guarantor can leave at short notice,
    invites the adversary to wait it out.""",
    remedy="""Make the instrument indefinite or long (at least the policy's minimum years) and
    require long notice of withdrawal.""",
    triggers={"legal": {"withdrawal_notice_months": 3}},
    passes={"legal": {"withdrawal_notice_months": 12}},
)
def short_life(ctx: Context) -> Hit | None:
    legal, params = ctx.proposal.legal, ctx.params
    problems: list[str] = []
    evidence: list[str] = []
    if (
        not legal.indefinite
        and legal.duration_years is not None
        and legal.duration_years < params.min_duration_years
    ):
        problems.append(f"it runs {legal.duration_years} year(s)")
        evidence.append("/legal/duration_years")
    notice = legal.withdrawal_notice_months
    if notice is not None and notice < params.min_withdrawal_notice_months:
        problems.append(f"a guarantor may withdraw on {notice} month(s)' notice")
        evidence.append("/legal/withdrawal_notice_months")
    if not problems:
        return None
    return Hit(
        f"The guarantee for {ctx.facts.beneficiary} is short-lived: "
        + " and ".join(problems)
        + ".",
        tuple(evidence),
    )


def _guarantors(ctx: Context) -> list[str]:
    return [g for g in ctx.proposal.guarantors if g not in ctx.facts.adversaries] or [
        "the guarantors"
    ]
