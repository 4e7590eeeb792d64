"""Hypothesis strategies for proposals, policies and one-step changes to a proposal.

Tools that embed the library can property-test their own integration with these, the way the
library tests itself (``tests/properties``). Hypothesis is imported only here; install it with the
``testing`` extra (``pip install "guarantees[testing]"``).

- :func:`proposals` builds valid :class:`~guarantees.Proposal` values that reach every field and
  every enum value of the model, with knobs to force or forbid features, and shrinks towards a
  small, readable proposal (two parties, empty sections, facts left unstated).
- :func:`strong_proposals` builds proposals that every improvement has been applied to: with the
  default policy they score *credible*, so one degradation shows what it costs.
- :func:`policies` builds valid :class:`~guarantees.Policy` values.
- :func:`improvements` and :func:`degradations` build named :class:`Change` values, each a
  ``Proposal -> Proposal`` transformation that makes one thing better (or worse), so monotonicity
  can be stated directly: ``score(change(p))`` against ``score(p)``.
- :func:`rewrites` redraws the sections one pillar reads and keeps everything else.

Party ids come from a small fictional roster (``ruritania`` the beneficiary, ``borduria`` the
adversary, ``freedonia`` and others the guarantors) so that failing examples read easily::

    from hypothesis import given
    from guarantees import score
    from guarantees.strategies import degradations, proposals

    @given(proposals(), degradations("give-adversary-a-veto"))
    def test_a_veto_for_the_adversary_is_a_trap(p, change):
        assert score(change(p)).verdict == "trap"
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any, Literal

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .levels import Pillar, Verdict
from .model import (
    CORE_CATEGORIES,
    ON_TERRITORY,
    SUBSTANTIVE_RESPONSES,
    AdversaryDeadline,
    Capabilities,
    CapabilityCategory,
    Commitments,
    DecisionRule,
    Deployment,
    DeploymentKind,
    FieldedBy,
    Funding,
    Legal,
    LegalForm,
    Location,
    Note,
    Outcome,
    OutcomeKind,
    Party,
    PartyKind,
    Pledge,
    Presence,
    Proposal,
    Response,
    ResponseKind,
    Source,
    Status,
    Terms,
    Timing,
    Trigger,
    TriggerEvent,
)
from .parameters import Parameters
from .policy import (
    CapabilitiesWeights,
    CommitmentsWeights,
    CriterionWeights,
    PillarWeights,
    Policy,
    PresenceWeights,
    SeverityEffect,
    SeverityEffects,
    Thresholds,
)

__all__ = [
    "BENEFICIARY",
    "DEGRADATIONS",
    "IMPROVEMENTS",
    "Change",
    "degradations",
    "improvements",
    "policies",
    "proposals",
    "rewrites",
    "strong_proposals",
]

BENEFICIARY = "ruritania"
"""The id of the beneficiary in every generated proposal."""

_ADVERSARIES = ("borduria", "zubrowka")
_GUARANTORS = ("freedonia", "sylvania", "genovia", "florin", "elbonia", "carpania")
_OTHERS = ("monitors", "contact-group")

# Fields of `Terms` that hurt the beneficiary when true (`ceasefire_first` hurts when false).
_HARMFUL_TERMS = (
    "territorial_concessions",
    "recognition_of_annexations",
    "alliance_ban",
    "foreign_troop_ban",
    "force_caps",
    "aid_limits",
    "sanctions_relief_upfront",
    "ceasefire_first",
)
_PRESENCE_FLAGS = ("prepositioned_stocks", "contingency_plans", "integrated_command")


def __dir__() -> list[str]:
    return list(__all__)


# -- text ------------------------------------------------------------------------------------


def _stripped(text: str) -> str:
    # The model strips whitespace; generating stripped text keeps `Proposal(...)` == what it holds.
    return text.strip()


_ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=24).map(_stripped)
# Starts with a character that is neither space nor control, so it is never blank once stripped.
_NONBLANK_TEXT = st.builds(
    lambda first, rest: _stripped(first + rest),
    st.characters(codec="utf-8", exclude_categories=("Zs", "Zl", "Zp", "Cc")),
    st.text(st.characters(codec="utf-8"), max_size=23),
)
_PHRASES = (
    "As stated in the text.",
    "Read from the joint statement.",
    "Reported, not yet published.",
)


@cache
def _text(readable: str = "") -> st.SearchStrategy[str]:
    """Free text: shrinks to ``readable``, usually a plain phrase, sometimes any Unicode."""
    return st.one_of(st.just(readable), st.sampled_from(_PHRASES), _ANY_TEXT)


@cache
def _label(readable: str) -> st.SearchStrategy[str]:
    """Non-blank text (names, titles): shrinks to ``readable``."""
    return st.one_of(st.just(readable), _NONBLANK_TEXT)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``None`` (the text is silent) or a stated value; shrinks to ``None``."""
    return st.none() | strategy


_MAYBE_BOOL: st.SearchStrategy[bool | None] = _maybe(st.booleans())
# Whole millions: sums of them are exact in floating point, so no score depends on list order.
_VALUES: st.SearchStrategy[float] = st.integers(0, 20_000).map(lambda m: float(m * 1_000_000))


@cache
def _unique(
    items: tuple[str, ...], *, min_size: int = 0, max_size: int | None = None
) -> st.SearchStrategy[tuple[str, ...]]:
    """Distinct items in drawn order; shrinks to the fewest, in the order given."""
    if not items:
        return st.just(())
    top = len(items) if max_size is None else min(max_size, len(items))
    return st.lists(
        st.sampled_from(items), min_size=min_size, max_size=max(top, min_size), unique=True
    ).map(tuple)


# -- parties ---------------------------------------------------------------------------------


@attrs.frozen
class _Roster:
    """Who is who in a proposal: what every section's references are drawn from."""

    parties: tuple[Party, ...]
    beneficiary: str
    adversaries: tuple[str, ...]
    guarantors: tuple[str, ...]
    lead: str | None

    @classmethod
    def of(cls, p: Proposal) -> _Roster:
        return cls(p.parties, p.beneficiary, p.adversaries, p.guarantors, p.lead_guarantor)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(party.id for party in self.parties)

    @property
    def friendly(self) -> tuple[str, ...]:
        return tuple(g for g in self.guarantors if g not in self.adversaries)

    @property
    def not_adversaries(self) -> tuple[str, ...]:
        return tuple(i for i in self.ids if i not in self.adversaries)

    @property
    def permanent_adversary(self) -> bool:
        return any(
            p.un_security_council_permanent for p in self.parties if p.id in self.adversaries
        )


@cache
def _party(party_id: str) -> st.SearchStrategy[Party]:
    return st.builds(
        Party,
        id=st.just(party_id),
        name=_label(party_id.replace("-", " ").title()),
        kind=st.sampled_from(PartyKind),
        aliases=st.lists(_label("Alias"), max_size=2).map(tuple),
        nuclear_armed=st.booleans(),
        un_security_council_permanent=st.booleans(),
    )


@st.composite
def _rosters(
    draw: st.DrawFn,
    *,
    min_friendly: int,
    max_items: int,
    adversary_is_guarantor: bool | None,
) -> _Roster:
    adversaries = _ADVERSARIES[: draw(st.integers(1, len(_ADVERSARIES)))]
    top = min(len(_GUARANTORS), max(min_friendly, max_items))
    friendly = _GUARANTORS[: draw(st.integers(min_friendly, top))]
    others = _OTHERS[: draw(st.integers(0, len(_OTHERS)))]
    if adversary_is_guarantor is None:
        inside = tuple(a for a in adversaries if draw(st.booleans()))
    elif adversary_is_guarantor:
        inside = draw(_unique(adversaries, min_size=1))
    else:
        inside = ()
    guarantors = tuple(draw(st.permutations((*friendly, *inside))))
    lead = draw(_maybe(st.sampled_from(guarantors))) if guarantors else None
    ids = (BENEFICIARY, *adversaries, *friendly, *others)
    parties = tuple(draw(_party(i)) for i in ids)
    return _Roster(parties, BENEFICIARY, adversaries, guarantors, lead)


# -- sections --------------------------------------------------------------------------------


@cache
def _pledge(providers: tuple[str, ...]) -> st.SearchStrategy[Pledge]:
    return st.builds(
        Pledge,
        category=st.sampled_from(CapabilityCategory),
        providers=_unique(providers, min_size=1),
        description=_text(),
        value_per_year=_maybe(_VALUES),
        currency=_maybe(st.sampled_from(("EUR", "USD", "GBP"))),
        years=_maybe(st.integers(0, 100)),
        funding=_maybe(st.sampled_from(Funding)),
        annual_approval=_MAYBE_BOOL,
        fielded_by=st.sampled_from(FieldedBy),
    )


@st.composite
def _capabilities(
    draw: st.DrawFn, r: _Roster, *, required: bool | None, max_items: int
) -> Capabilities:
    if required is False or not r.guarantors:
        return Capabilities()
    first = [draw(_pledge(r.friendly))] if required else []
    rest = draw(st.lists(_pledge(r.guarantors), max_size=max_items - len(first)))
    return Capabilities(pledges=(*first, *rest))


@cache
def _trigger(ids: tuple[str, ...]) -> st.SearchStrategy[Trigger]:
    return st.builds(
        Trigger,
        event=st.sampled_from(TriggerEvent),
        description=_text(),
        specific=_MAYBE_BOOL,
        verifiable=_MAYBE_BOOL,
        verified_by=_unique(ids, max_size=2),
    )


@cache
def _response(guarantors: tuple[str, ...]) -> st.SearchStrategy[Response]:
    return st.builds(
        Response,
        kind=st.sampled_from(ResponseKind),
        description=_text(),
        automatic=_MAYBE_BOOL,
        deadline_days=_maybe(st.integers(0, 365)),
        size_predefined=_MAYBE_BOOL,
        responders=_unique(guarantors, max_size=2),
    )


_DEADLINES = st.builds(
    AdversaryDeadline,
    description=_text(),
    days=_maybe(st.integers(0, 365)),
    consequence_predefined=st.booleans(),
)


@st.composite
def _commitments(
    draw: st.DrawFn,
    r: _Roster,
    *,
    required: bool | None,
    adversary_holds_veto: bool | None,
    max_items: int,
) -> Commitments:
    if required is False:
        return Commitments()
    least = 1 if required else 0
    triggers = draw(st.lists(_trigger(r.ids), min_size=least, max_size=max(least, max_items)))
    responses = draw(
        st.lists(_response(r.guarantors), min_size=least, max_size=max(least, max_items))
    )
    rules = list(DecisionRule)
    if adversary_holds_veto is None:
        vetoes = draw(_unique(r.ids, max_size=2))
    elif adversary_holds_veto:
        friends = draw(_unique(r.not_adversaries, max_size=1))
        vetoes = tuple(draw(st.permutations((*friends, draw(st.sampled_from(r.adversaries))))))
    else:
        # No route to a veto: no listed adversary, no unanimity with the adversary inside, and
        # nothing that runs only through a Security Council where the adversary sits.
        vetoes = draw(_unique(r.not_adversaries, max_size=2))
        if any(g in r.adversaries for g in r.guarantors):
            rules.remove(DecisionRule.UNANIMITY)
        if r.permanent_adversary:
            rules.remove(DecisionRule.UN_SECURITY_COUNCIL)
            if not any(x.kind in SUBSTANTIVE_RESPONSES for x in responses):
                responses = [_talk_not_referral(x) for x in responses]
    return Commitments(
        triggers=tuple(triggers),
        responses=tuple(responses),
        decision_rule=draw(_maybe(st.sampled_from(rules))),
        veto_holders=vetoes,
        adversary_deadlines=tuple(draw(st.lists(_DEADLINES, max_size=max_items))),
    )


def _talk_not_referral(response: Response) -> Response:
    if response.kind is ResponseKind.UN_SECURITY_COUNCIL_REFERRAL:
        return response.model_copy(update={"kind": ResponseKind.CONSULTATION})
    return response


@cache
def _deployment(
    contributors: tuple[str, ...], locations: tuple[Location, ...] = tuple(Location)
) -> st.SearchStrategy[Deployment]:
    return st.builds(
        Deployment,
        contributors=_unique(contributors, min_size=1),
        kind=st.sampled_from(DeploymentKind),
        description=_text(),
        combat_capable=_MAYBE_BOOL,
        personnel=_maybe(st.integers(0, 60_000)),
        location=st.sampled_from(locations),
        timing=st.sampled_from(Timing),
    )


@st.composite
def _presence(draw: st.DrawFn, r: _Roster, *, required: bool | None, max_items: int) -> Presence:
    if required is False:
        return Presence()
    first = [draw(_deployment(r.friendly))] if required else []
    rest = (
        draw(st.lists(_deployment(r.guarantors), max_size=max_items - len(first)))
        if r.guarantors
        else []
    )
    return Presence(
        deployments=(*first, *rest),
        prepositioned_stocks=draw(_MAYBE_BOOL),
        contingency_plans=draw(_MAYBE_BOOL),
        integrated_command=draw(_MAYBE_BOOL),
    )


@st.composite
def _legal(draw: st.DrawFn) -> Legal:
    indefinite = draw(st.booleans())
    return Legal(
        form=draw(_maybe(st.sampled_from(LegalForm))),
        duration_years=None if indefinite else draw(_maybe(st.integers(0, 100))),
        indefinite=indefinite,
        withdrawal_notice_months=draw(_maybe(st.integers(0, 120))),
    )


_TERMS = st.builds(
    Terms,
    territorial_concessions=st.booleans(),
    recognition_of_annexations=st.booleans(),
    alliance_ban=st.booleans(),
    foreign_troop_ban=st.booleans(),
    force_caps=st.booleans(),
    aid_limits=st.booleans(),
    ceasefire_first=_MAYBE_BOOL,
    sanctions_relief_upfront=st.booleans(),
)

_SOURCES = st.builds(
    Source,
    title=_label("The text"),
    url=_maybe(st.sampled_from(("https://example.org/text", "http://example.org/news?id=1"))),
)
_NOTES = st.builds(
    Note,
    path=st.sampled_from(("", "/terms/ceasefire_first", "/guarantors/0", "/legal/form")),
    text=_label("Read from the preamble."),
)
_OUTCOMES = st.builds(
    Outcome,
    result=st.sampled_from(OutcomeKind),
    summary=_label("Not yet in force."),
    source=_maybe(_SOURCES),
)
_IDS = st.one_of(st.just("proposal"), st.from_regex(r"\A[a-z0-9][a-z0-9_-]{0,30}\Z"))


# -- proposals -------------------------------------------------------------------------------


def proposals(
    *,
    adversary_is_guarantor: bool | None = None,
    adversary_holds_veto: bool | None = None,
    with_capabilities: bool | None = None,
    with_commitments: bool | None = None,
    with_presence: bool | None = None,
    min_guarantors: int = 0,
    max_items: int = 3,
) -> st.SearchStrategy[Proposal]:
    """Valid proposals reaching every field and enum value of the model.

    Each knob is ``None`` (either way), ``True`` (always) or ``False`` (never):

    - ``adversary_is_guarantor``: an adversary is among the guarantors (and may lead them).
    - ``adversary_holds_veto``: ``True`` lists an adversary among ``veto_holders``; ``False``
      leaves the adversary no veto by any route (veto list, unanimity among guarantors that
      include it, a Security Council where it holds a permanent seat), so ``COM002`` never fires.
    - ``with_capabilities``: at least one pledge by a guarantor that is not an adversary / none.
    - ``with_commitments``: at least one trigger and one response / an empty section.
    - ``with_presence``: at least one deployment by a guarantor that is not an adversary / an
      empty section (no deployments, nothing stated).

    ``min_guarantors`` is the least number of guarantors that are not adversaries; ``max_items``
    bounds every list (pledges, triggers, responses, deployments, deadlines, sources, notes, tags)
    and the number of such guarantors beyond ``min_guarantors``.
    """
    if not 0 <= min_guarantors <= len(_GUARANTORS):
        raise InvalidArgument(f"min_guarantors must be in 0..{len(_GUARANTORS)}")
    if max_items < 1:
        raise InvalidArgument("max_items must be at least 1")
    if with_commitments is False and adversary_holds_veto:
        raise InvalidArgument("with_commitments=False leaves no veto to give the adversary")
    needs_friend = bool(with_capabilities or with_presence)
    return _proposals(
        adversary_is_guarantor=adversary_is_guarantor,
        adversary_holds_veto=adversary_holds_veto,
        with_capabilities=with_capabilities,
        with_commitments=with_commitments,
        with_presence=with_presence,
        min_friendly=max(min_guarantors, int(needs_friend)),
        max_items=max_items,
    )


@st.composite
def _proposals(
    draw: st.DrawFn,
    *,
    adversary_is_guarantor: bool | None,
    adversary_holds_veto: bool | None,
    with_capabilities: bool | None,
    with_commitments: bool | None,
    with_presence: bool | None,
    min_friendly: int,
    max_items: int,
) -> Proposal:
    r = draw(
        _rosters(
            min_friendly=min_friendly,
            max_items=max_items,
            adversary_is_guarantor=adversary_is_guarantor,
        )
    )
    return Proposal(
        id=draw(_IDS),
        title=draw(_label("A guarantee for Ruritania")),
        summary=draw(_text()),
        date=draw(_maybe(st.dates())),
        status=draw(st.sampled_from(Status)),
        sources=tuple(draw(st.lists(_SOURCES, max_size=max_items))),
        tags=tuple(draw(st.lists(_text("tag"), max_size=max_items))),
        notes=tuple(draw(st.lists(_NOTES, max_size=max_items))),
        outcome=draw(_maybe(_OUTCOMES)),
        parties=r.parties,
        beneficiary=r.beneficiary,
        adversaries=r.adversaries,
        guarantors=r.guarantors,
        lead_guarantor=r.lead,
        legal=draw(_legal()),
        capabilities=draw(_capabilities(r, required=with_capabilities, max_items=max_items)),
        commitments=draw(
            _commitments(
                r,
                required=with_commitments,
                adversary_holds_veto=adversary_holds_veto,
                max_items=max_items,
            )
        ),
        presence=draw(_presence(r, required=with_presence, max_items=max_items)),
        terms=draw(_TERMS),
    )


def rewrites(
    proposal: Proposal, pillar: Pillar | str, *, max_items: int = 3
) -> st.SearchStrategy[Proposal]:
    """Proposals equal to ``proposal`` except for the sections ``pillar``'s criteria read.

    Capabilities read ``capabilities``; commitments read ``commitments`` and ``legal``; presence
    reads ``presence``. Parties and roles are kept, so every reference stays valid.
    """
    wanted = Pillar(pillar)
    r = _Roster.of(proposal)
    if wanted is Pillar.CAPABILITIES:
        sections: dict[str, Any] = {
            "capabilities": _capabilities(r, required=None, max_items=max_items)
        }
    elif wanted is Pillar.COMMITMENTS:
        sections = {
            "commitments": _commitments(
                r, required=None, adversary_holds_veto=None, max_items=max_items
            ),
            "legal": _legal(),
        }
    else:
        sections = {"presence": _presence(r, required=None, max_items=max_items)}
    return st.fixed_dictionaries(sections).map(lambda new: _rebuild(proposal, **new))


# -- policies --------------------------------------------------------------------------------


def _weights(model: type[Any]) -> st.SearchStrategy[Any]:
    """Non-negative criterion weights, at least one positive; shrinks to the defaults."""
    defaults = model().model_dump()

    def one(default: float) -> st.SearchStrategy[float]:
        return st.one_of(
            st.just(default),
            st.sampled_from((0.0, 1.0, 2.0)),
            st.floats(min_value=0.001, max_value=1000),
        )

    def some_positive(values: dict[str, float]) -> Any:
        if not any(values.values()):
            values = {**values, next(iter(values)): 1.0}
        return model(**values)

    return st.fixed_dictionaries({k: one(v) for k, v in defaults.items()}).map(some_positive)


_PILLAR_WEIGHT = st.one_of(
    st.just(1.0), st.sampled_from((0.5, 2.0, 4.0)), st.floats(min_value=0.001, max_value=1000)
)


@st.composite
def _thresholds(draw: st.DrawFn) -> Thresholds:
    if draw(st.booleans()):
        return Thresholds()
    scores = st.floats(min_value=0.01, max_value=100)
    low, high = sorted((draw(scores), draw(scores)))
    return Thresholds(partial=low if low < high else low / 2, credible=high)


_PARAMETERS = st.builds(
    Parameters,
    horizon_years=st.integers(1, 50),
    max_response_days=st.integers(0, 365),
    presence_scale=st.integers(1, 100_000),
    min_duration_years=st.integers(0, 50),
    min_withdrawal_notice_months=st.integers(0, 60),
    funded_share=st.floats(min_value=0, max_value=1),
)
_EFFECT = st.builds(
    SeverityEffect,
    overall_cap=_maybe(st.floats(min_value=0, max_value=100)),
    max_verdict=_maybe(st.sampled_from(Verdict)),
)


def policies(
    *,
    vary_parameters: bool = True,
    vary_severity: bool = False,
    disable_rules: bool = False,
) -> st.SearchStrategy[Policy]:
    """Valid policies: positive pillar weights, non-negative criterion weights with at least one
    positive per pillar, ordered thresholds, any floor, compensation limit and unknown credit.

    ``vary_parameters`` draws the lines criteria and rules draw (horizon years, response days…);
    ``vary_severity`` draws what findings of each severity do (by default the bundled effects:
    critical caps at 20 and forces *trap*, high forbids *credible*); ``disable_rules`` switches
    off a random set of bundled rules. Shrinks towards the default policy.
    """
    from .rules import default_catalog

    codes = default_catalog().codes()
    severity: st.SearchStrategy[SeverityEffects] = (
        st.builds(SeverityEffects, critical=_EFFECT, high=_EFFECT, medium=_EFFECT, low=_EFFECT)
        if vary_severity
        else st.just(SeverityEffects())
    )
    return st.builds(
        Policy,
        id=st.one_of(st.just("generated"), st.from_regex(r"\A[a-z0-9][a-z0-9_-]{0,20}\Z")),
        title=_text(),
        description=_text(),
        pillars=st.builds(
            PillarWeights,
            capabilities=_PILLAR_WEIGHT,
            commitments=_PILLAR_WEIGHT,
            presence=_PILLAR_WEIGHT,
        ),
        criteria=st.builds(
            CriterionWeights,
            capabilities=_weights(CapabilitiesWeights),
            commitments=_weights(CommitmentsWeights),
            presence=_weights(PresenceWeights),
        ),
        thresholds=_thresholds(),
        pillar_floor=st.one_of(st.just(40.0), st.floats(min_value=0, max_value=100)),
        compensation_limit=st.one_of(st.just(25.0), st.floats(min_value=0, max_value=100)),
        unknown_credit=st.one_of(st.just(0.0), st.floats(min_value=0, max_value=1)),
        severity=severity,
        parameters=_PARAMETERS if vary_parameters else st.just(Parameters()),
        disabled_rules=_unique(codes) if disable_rules else st.just(()),
    )


# -- changes ---------------------------------------------------------------------------------


@attrs.frozen(repr=False)
class Change:
    """One named improvement or degradation: a ``Proposal -> Proposal`` transformation.

    ``name`` is the family (``add-core-pledge``), ``detail`` what was drawn for it
    (``category=armour``). The result is validated like any proposal.
    """

    name: str
    kind: Literal["improvement", "degradation"]
    detail: str
    apply: Callable[[Proposal], Proposal] = attrs.field(eq=False)

    def __call__(self, proposal: Proposal) -> Proposal:
        return self.apply(proposal)

    def __repr__(self) -> str:
        detail = f", {self.detail}" if self.detail else ""
        return f"{self.kind}({self.name!r}{detail})"


def _rebuild(p: Proposal, **fields: Any) -> Proposal:
    """``p`` with some fields replaced, validated again (references and all)."""
    return Proposal.model_validate({**dict(p), **fields})


def _section(p: Proposal, name: str, **fields: Any) -> Proposal:
    current = getattr(p, name)
    return _rebuild(p, **{name: current.model_copy(update=fields)})


def _friendly_guarantor(p: Proposal) -> tuple[Proposal, str]:
    """A guarantor that is not an adversary, adding a new one when there is none."""
    for g in p.guarantors:
        if g not in p.adversaries:
            return p, g
    ids = {party.id for party in p.parties}
    new = next(g for g in (*_GUARANTORS, *(f"guarantor-{i}" for i in range(99))) if g not in ids)
    party = Party(id=new, name=new.replace("-", " ").title())
    return _rebuild(p, parties=(*p.parties, party), guarantors=(*p.guarantors, new)), new


def _edit_item(p: Proposal, section: str, field: str, index: int, **update: Any) -> Proposal:
    items = getattr(getattr(p, section), field)
    edited = tuple(x.model_copy(update=update) if i == index else x for i, x in enumerate(items))
    return _section(p, section, **{field: edited})


def _edit_all(p: Proposal, section: str, field: str, **update: Any) -> Proposal:
    items = getattr(getattr(p, section), field)
    return _section(p, section, **{field: tuple(x.model_copy(update=update) for x in items)})


# Improvements. Each one can only raise criteria (they are maxima or shares that it adds to) and
# can only resolve rules that cap the verdict; see the notes for what it must hold to do so.


def _add_core_pledge(category: CapabilityCategory, value: float | None, years: int) -> Change:
    # Appropriated and free of yearly approval, so the shares can only rise; its years can only
    # raise the longest stated horizon (CAP002 may appear beside a first, short pledge: medium).
    def apply(p: Proposal) -> Proposal:
        p, provider = _friendly_guarantor(p)
        pledge = Pledge(
            category=category,
            providers=(provider,),
            value_per_year=value,
            years=years,
            funding=Funding.APPROPRIATED,
            annual_approval=False,
        )
        return _section(p, "capabilities", pledges=(*p.capabilities.pledges, pledge))

    detail = f"category={category.value}, years={years}" + (f", value={value:g}" if value else "")
    return Change("add-core-pledge", "improvement", detail, apply)


def _fund_a_pledge(index: int) -> Change:
    def apply(p: Proposal) -> Proposal:
        pledges = p.capabilities.pledges
        if not pledges:
            return p
        return _edit_item(
            p, "capabilities", "pledges", index % len(pledges), funding=Funding.APPROPRIATED
        )

    return Change("fund-a-pledge", "improvement", f"index={index}", apply)


def _full_response(kind: ResponseKind, params: Parameters) -> Response:
    # Automatic, sized and within the policy's deadline: adding it can resolve COM004-COM007 and
    # the Security Council veto that comes from referral-only responses, and never adds one.
    return Response(
        kind=kind,
        automatic=True,
        deadline_days=min(14, params.max_response_days),
        size_predefined=True,
    )


def _add_full_response(kind: ResponseKind, params: Parameters) -> Change:
    def apply(p: Proposal) -> Proposal:
        responses = (*p.commitments.responses, _full_response(kind, params))
        return _section(p, "commitments", responses=responses)

    return Change("add-a-full-response", "improvement", f"kind={kind.value}", apply)


def _make_a_response_automatic(index: int, params: Parameters) -> Change:
    def apply(p: Proposal) -> Proposal:
        responses = p.commitments.responses
        substantive = [i for i, x in enumerate(responses) if x.kind in SUBSTANTIVE_RESPONSES]
        if not substantive:
            full = _full_response(ResponseKind.SANCTIONS_ESCALATOR, params)
            return _section(p, "commitments", responses=(*responses, full))
        i = substantive[index % len(substantive)]
        return _edit_item(p, "commitments", "responses", i, automatic=True)

    return Change("make-a-response-automatic", "improvement", f"index={index}", apply)


def _make_a_trigger_specific(index: int, event: TriggerEvent) -> Change:
    def apply(p: Proposal) -> Proposal:
        independent = [
            x.id for x in p.parties if x.id not in p.adversaries and x.id != p.beneficiary
        ]
        verifier = (independent or [p.beneficiary])[0]
        update = {"specific": True, "verifiable": True, "verified_by": (verifier,)}
        triggers = p.commitments.triggers
        if not triggers:
            return _section(p, "commitments", triggers=(Trigger(event=event, **update),))
        return _edit_item(p, "commitments", "triggers", index % len(triggers), **update)

    return Change("make-a-trigger-specific", "improvement", f"index={index}", apply)


def _let_each_guarantor_decide(rule: DecisionRule) -> Change:
    return Change(
        "let-each-guarantor-decide",
        "improvement",
        f"decision_rule={rule.value}",
        lambda p: _section(p, "commitments", decision_rule=rule),
    )


def _ratify() -> Change:
    return Change(
        "ratify-as-treaty",
        "improvement",
        "",
        lambda p: _section(p, "legal", form=LegalForm.TREATY_RATIFIED),
    )


def _take_away_the_veto() -> Change:
    def apply(p: Proposal) -> Proposal:
        holders = tuple(h for h in p.commitments.veto_holders if h not in p.adversaries)
        return _section(p, "commitments", veto_holders=holders)

    return Change("take-away-adversary-veto", "improvement", "", apply)


def _remove_adversary_from_guarantors() -> Change:
    # The plan's own change: adversaries leave every guarantor role, and an adversary lead is
    # replaced by a friendly guarantor (tests/test_analysis_changes.py pins it as an improvement).
    from .analysis.changes import _remove_adversary_from_guarantors as apply

    return Change("remove-adversary-from-guarantors", "improvement", "", apply)


def _predefine_consequences() -> Change:
    return Change(
        "predefine-deadline-consequences",
        "improvement",
        "",
        lambda p: _edit_all(p, "commitments", "adversary_deadlines", consequence_predefined=True),
    )


def _lengthen(params: Parameters) -> Change:
    def apply(p: Proposal) -> Proposal:
        notice = max(p.legal.withdrawal_notice_months or 0, params.min_withdrawal_notice_months)
        return _section(
            p, "legal", indefinite=True, duration_years=None, withdrawal_notice_months=notice
        )

    return Change("lengthen-the-instrument", "improvement", "", apply)


def _add_forces(kind: DeploymentKind, location: Location, personnel: int | None) -> Change:
    # Combat-capable, on the soil, there now, with the lead when the lead is a friend.
    def apply(p: Proposal) -> Proposal:
        p, friend = _friendly_guarantor(p)
        lead = p.lead_guarantor
        extra = (lead,) if lead is not None and lead not in p.adversaries and lead != friend else ()
        deployment = Deployment(
            contributors=(friend, *extra),
            kind=kind,
            combat_capable=True,
            personnel=personnel,
            location=location,
            timing=Timing.NOW,
        )
        return _section(p, "presence", deployments=(*p.presence.deployments, deployment))

    detail = f"kind={kind.value}, location={location.value}, personnel={personnel}"
    return Change("add-forces-on-the-ground", "improvement", detail, apply)


def _back_the_presence(flag: str) -> Change:
    return Change(
        "back-the-presence",
        "improvement",
        f"{flag}=True",
        lambda p: _section(p, "presence", **{flag: True}),
    )


def _drop_a_term(term: str) -> Change:
    value = term == "ceasefire_first"
    return Change(
        "drop-a-harmful-term",
        "improvement",
        f"{term}={value}",
        lambda p: _section(p, "terms", **{term: value}),
    )


def _improvement_families(params: Parameters) -> dict[str, st.SearchStrategy[Change]]:
    index = st.integers(0, 7)
    return {
        "add-core-pledge": st.builds(
            _add_core_pledge,
            st.sampled_from(CORE_CATEGORIES),
            _maybe(_VALUES.filter(bool)),
            st.integers(2, max(params.horizon_years, 10)),
        ),
        "fund-a-pledge": st.builds(_fund_a_pledge, index),
        "make-a-response-automatic": st.builds(_make_a_response_automatic, index, st.just(params)),
        "add-a-full-response": st.builds(
            _add_full_response,
            st.sampled_from(sorted(SUBSTANTIVE_RESPONSES)),
            st.just(params),
        ),
        "make-a-trigger-specific": st.builds(
            _make_a_trigger_specific, index, st.sampled_from(TriggerEvent)
        ),
        "let-each-guarantor-decide": st.builds(
            _let_each_guarantor_decide,
            st.sampled_from((DecisionRule.EACH_GUARANTOR, DecisionRule.AUTOMATIC)),
        ),
        "ratify-as-treaty": st.builds(_ratify),
        "take-away-adversary-veto": st.builds(_take_away_the_veto),
        "remove-adversary-from-guarantors": st.builds(_remove_adversary_from_guarantors),
        "predefine-deadline-consequences": st.builds(_predefine_consequences),
        "lengthen-the-instrument": st.builds(_lengthen, st.just(params)),
        "add-forces-on-the-ground": st.builds(
            _add_forces,
            st.sampled_from(DeploymentKind),
            st.sampled_from(sorted(ON_TERRITORY)),
            _maybe(st.integers(1, 60_000)),
        ),
        "back-the-presence": st.builds(_back_the_presence, st.sampled_from(_PRESENCE_FLAGS)),
        "drop-a-harmful-term": st.builds(_drop_a_term, st.sampled_from(_HARMFUL_TERMS)),
    }


# Degradations. Each one can only lower criteria (a maximum over fewer or worse candidates, a
# share with less in it, a credit of 0) and can only add rules that cap the verdict.


def _add_adversary_as_guarantor(index: int) -> Change:
    def apply(p: Proposal) -> Proposal:
        outside = [a for a in p.adversaries if a not in p.guarantors]
        if not outside:
            return p
        return _rebuild(p, guarantors=(*p.guarantors, outside[index % len(outside)]))

    return Change("add-adversary-as-guarantor", "degradation", f"index={index}", apply)


def _give_adversary_a_veto(index: int) -> Change:
    def apply(p: Proposal) -> Proposal:
        holders = p.commitments.veto_holders
        outside = [a for a in p.adversaries if a not in holders]
        if not outside:
            return p
        return _section(p, "commitments", veto_holders=(*holders, outside[index % len(outside)]))

    return Change("give-adversary-a-veto", "degradation", f"index={index}", apply)


def _simple(name: str, apply: Callable[[Proposal], Proposal], detail: str = "") -> Change:
    return Change(name, "degradation", detail, apply)


def _keep_only_talk(p: Proposal) -> Proposal:
    talk = tuple(x for x in p.commitments.responses if x.kind not in SUBSTANTIVE_RESPONSES)
    return _section(p, "commitments", responses=talk)


def _add_a_term(term: str) -> Change:
    value = term != "ceasefire_first"
    return _simple(
        "add-a-harmful-term", lambda p: _section(p, "terms", **{term: value}), f"{term}={value}"
    )


def _drop_backing(flag: str) -> Change:
    return _simple(
        "drop-presence-backing", lambda p: _section(p, "presence", **{flag: False}), f"{flag}=False"
    )


def _set_empty_deadline(days: int | None) -> Change:
    def apply(p: Proposal) -> Proposal:
        deadline = AdversaryDeadline(days=days, consequence_predefined=False)
        return _section(
            p, "commitments", adversary_deadlines=(*p.commitments.adversary_deadlines, deadline)
        )

    return _simple("set-deadline-without-consequence", apply, f"days={days}")


def _route_through_unsc(p: Proposal) -> Proposal:
    # Where the adversary already blocks the response (unanimity with it among the guarantors),
    # the Security Council route could lift that veto (an adversary without a permanent seat has
    # none there), which is no degradation: leave such a proposal as it is.
    c = p.commitments
    if c.decision_rule is DecisionRule.UNANIMITY and set(p.guarantors) & set(p.adversaries):
        return p
    return _section(p, "commitments", decision_rule=DecisionRule.UN_SECURITY_COUNCIL)


def _degradation_families() -> dict[str, st.SearchStrategy[Change]]:
    index = st.integers(0, 7)
    simple = {
        "remove-all-deployments": lambda p: _section(p, "presence", deployments=()),
        "withdraw-forces-outside": lambda p: _edit_all(
            p, "presence", "deployments", location=Location.OUTSIDE
        ),
        "mark-pledges-promised": lambda p: _edit_all(
            p, "capabilities", "pledges", funding=Funding.PROMISED
        ),
        "require-yearly-approval": lambda p: _edit_all(
            p, "capabilities", "pledges", annual_approval=True
        ),
        "make-responses-discretionary": lambda p: _edit_all(
            p, "commitments", "responses", automatic=False
        ),
        "keep-only-talk": _keep_only_talk,
        "remove-all-triggers": lambda p: _section(p, "commitments", triggers=()),
        "route-decision-through-unsc": _route_through_unsc,
        "downgrade-to-statement": lambda p: _section(
            p, "legal", form=LegalForm.UNILATERAL_STATEMENT
        ),
        "allow-quick-withdrawal": lambda p: _section(p, "legal", withdrawal_notice_months=0),
    }
    return {
        "add-adversary-as-guarantor": st.builds(_add_adversary_as_guarantor, index),
        "give-adversary-a-veto": st.builds(_give_adversary_a_veto, index),
        **{name: st.just(_simple(name, apply)) for name, apply in simple.items()},
        "add-a-harmful-term": st.builds(_add_a_term, st.sampled_from(_HARMFUL_TERMS)),
        "drop-presence-backing": st.builds(_drop_backing, st.sampled_from(_PRESENCE_FLAGS)),
        "set-deadline-without-consequence": st.builds(
            _set_empty_deadline, _maybe(st.integers(0, 60))
        ),
    }


IMPROVEMENTS: tuple[str, ...] = tuple(_improvement_families(Parameters()))
"""Names of the improvement families, for ``improvements(*names)``."""

DEGRADATIONS: tuple[str, ...] = tuple(_degradation_families())
"""Names of the degradation families, for ``degradations(*names)``."""


def _pick(
    families: dict[str, st.SearchStrategy[Change]], names: Iterable[str]
) -> st.SearchStrategy[Change]:
    wanted = list(names) or list(families)
    for name in wanted:
        if name not in families:
            close = difflib.get_close_matches(name, list(families), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise InvalidArgument(f"no change named {name!r}{hint}")
    return st.one_of([families[name] for name in wanted])


def improvements(*names: str, parameters: Parameters | None = None) -> st.SearchStrategy[Change]:
    """Changes that make a proposal better and never lower a pillar, the overall or the verdict.

    ``names`` picks families from :data:`IMPROVEMENTS` (all by default). ``parameters`` are the
    policy's (``policy.parameters``): "multi-year" and "deadline-bound" are measured against them.

    - ``add-core-pledge``: a pledge in a core category by a guarantor that is not an adversary
      (one is added when there is none), appropriated, for 2 years up to the policy's horizon
      (or 10), with no yearly approval.
    - ``fund-a-pledge``: one pledge's money is appropriated.
    - ``make-a-response-automatic``: one substantive response follows without a new decision (an
      automatic, sized, deadline-bound sanctions escalator is added when there is none).
    - ``add-a-full-response``: a substantive response, automatic, of predefined size, with a
      deadline within the policy's maximum days.
    - ``make-a-trigger-specific``: one trigger (a new one when there is none) becomes specific and
      verifiable, attested by a party that is not an adversary.
    - ``let-each-guarantor-decide``: the decision rule becomes ``each_guarantor`` or ``automatic``.
    - ``ratify-as-treaty``: the legal form becomes a ratified treaty.
    - ``take-away-adversary-veto``: adversaries leave the veto list.
    - ``remove-adversary-from-guarantors``: adversaries leave the guarantors and every role of a
      guarantor (pledges, responses, deployments left without one go), except one that leads.
    - ``predefine-deadline-consequences``: every deadline set for the adversary gets a fixed
      consequence.
    - ``lengthen-the-instrument``: indefinite, with at least the policy's withdrawal notice.
    - ``add-forces-on-the-ground``: a combat-capable deployment on the beneficiary's soil, there
      now, by a guarantor that is not an adversary (with the lead when the lead is one).
    - ``back-the-presence``: prepositioned stocks, contingency plans or integrated command.
    - ``drop-a-harmful-term``: one term that hurts the beneficiary goes (a ceasefire comes first).
    """
    return _pick(_improvement_families(parameters or Parameters()), names)


def degradations(*names: str) -> st.SearchStrategy[Change]:
    """Changes that make a proposal worse and never raise a pillar, the overall or the verdict.

    ``names`` picks families from :data:`DEGRADATIONS` (all by default):
    ``add-adversary-as-guarantor`` and ``give-adversary-a-veto`` (each yields a critical finding),
    ``remove-all-deployments``, ``withdraw-forces-outside``, ``mark-pledges-promised``,
    ``require-yearly-approval``, ``make-responses-discretionary``, ``keep-only-talk`` (drop every
    substantive response), ``remove-all-triggers``, ``route-decision-through-unsc``,
    ``downgrade-to-statement``, ``allow-quick-withdrawal``, ``add-a-harmful-term`` (such as a
    ban on foreign troops), ``drop-presence-backing`` and ``set-deadline-without-consequence``.
    """
    return _pick(_degradation_families(), names)


@st.composite
def _strong(draw: st.DrawFn, params: Parameters, knobs: dict[str, Any]) -> Proposal:
    p = draw(proposals(adversary_is_guarantor=False, adversary_holds_veto=False, **knobs))
    changes: list[Change] = [
        *(_add_core_pledge(c, None, max(params.horizon_years, 10)) for c in CORE_CATEGORIES),
        *(_fund_a_pledge(i) for i in range(len(p.capabilities.pledges) + len(CORE_CATEGORIES))),
        *(_add_full_response(k, params) for k in sorted(SUBSTANTIVE_RESPONSES)),
        _make_a_trigger_specific(0, TriggerEvent.ARMED_ATTACK),
        _let_each_guarantor_decide(DecisionRule.EACH_GUARANTOR),
        _ratify(),
        _take_away_the_veto(),
        _predefine_consequences(),
        _lengthen(params),
        _add_forces(DeploymentKind.TRIPWIRE, Location.INTERIOR, 4 * params.presence_scale),
        *(_back_the_presence(flag) for flag in _PRESENCE_FLAGS),
        *(_drop_a_term(term) for term in _HARMFUL_TERMS),
    ]
    for change in changes:
        p = change(p)
    return p


def strong_proposals(
    parameters: Parameters | None = None, **knobs: Any
) -> st.SearchStrategy[Proposal]:
    """Proposals with every improvement applied: *credible* under the default policy.

    Drawn from :func:`proposals` (``knobs`` are passed on, except the adversary's roles, which
    are forbidden), then given a funded pledge in every core category, every pledge funded, every
    rung of the escalation ladder as a full response, a specific trigger, each guarantor
    deciding, a ratified indefinite treaty, a large combat-capable force on the soil now with
    its backing, and no harmful term. ``parameters`` are the policy's, as for :func:`improvements`.
    """
    return _strong(parameters or Parameters(), knobs)
