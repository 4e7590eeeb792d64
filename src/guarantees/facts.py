"""Facts derived once per proposal, so that criteria and rules never recompute them.

Who is a friend and who the adversary, which responses bite, which deployments stand on the
beneficiary's soil, and every way the adversary can block a response.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from .model import (
    ON_TERRITORY,
    SUBSTANTIVE_RESPONSES,
    DecisionRule,
    Proposal,
    ResponseKind,
)

__all__ = ["Facts", "Veto", "join_names"]


@attrs.frozen
class Veto:
    """One way the adversary can block the response, with the evidence for it."""

    reason: str
    evidence: tuple[str, ...]


def join_names(names: Iterable[str], *, most: int | None = None) -> str:
    """``["A", "B", "C"]`` → ``"A, B and C"``, for messages; with ``most``, longer lists keep
    their first ``most - 1`` names and a count (``"A, B, C and 8 others"``), so that a message
    naming eleven guarantors stays a sentence."""
    items = list(names)
    if most is not None and len(items) > most:
        items = [*items[: most - 1], f"{len(items) - most + 1} others"]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


_MOST_PARTIES = 4
"""Parties named in one message before the rest are counted."""


@attrs.frozen
class Facts:
    """What the criteria and rules need to know about a proposal, computed once."""

    proposal: Proposal
    adversaries: frozenset[str]
    adversary_guarantors: tuple[int, ...]
    """Indices into ``guarantors`` of guarantors that are also adversaries."""
    friendly_pledges: tuple[int, ...]
    """Pledges with at least one provider that is not an adversary."""
    substantive_responses: tuple[int, ...]
    """Responses that impose a cost or add force (not consultation, referral or diplomacy)."""
    friendly_deployments: tuple[int, ...]
    """Deployments with at least one contributor that is not an adversary."""
    on_soil_deployments: tuple[int, ...]
    """Friendly deployments on the beneficiary's territory."""
    vetoes: tuple[Veto, ...]
    party_names: Mapping[str, str]
    """Party id to display name."""
    beneficiary: str
    """The beneficiary's name."""
    adversary: str
    """The adversaries' names, joined for a message."""
    friendly_guarantors: str
    """The names of the guarantors that are not adversaries, joined ("" when none)."""

    @classmethod
    def of(cls, p: Proposal) -> Facts:
        adversaries = frozenset(p.adversaries)

        def friendly(ids: tuple[str, ...]) -> bool:
            return any(i not in adversaries for i in ids)

        deployments = p.presence.deployments
        names = {party.id: party.name for party in p.parties}
        friendly_deps = tuple(i for i, d in enumerate(deployments) if friendly(d.contributors))
        return cls(
            proposal=p,
            adversaries=adversaries,
            adversary_guarantors=tuple(i for i, g in enumerate(p.guarantors) if g in adversaries),
            friendly_pledges=tuple(
                i for i, pl in enumerate(p.capabilities.pledges) if friendly(pl.providers)
            ),
            substantive_responses=tuple(
                i for i, r in enumerate(p.commitments.responses) if r.kind in SUBSTANTIVE_RESPONSES
            ),
            friendly_deployments=friendly_deps,
            on_soil_deployments=tuple(
                i for i in friendly_deps if deployments[i].location in ON_TERRITORY
            ),
            vetoes=tuple(_vetoes(p, adversaries, names)),
            party_names=names,
            beneficiary=names[p.beneficiary],
            adversary=join_names(names[a] for a in p.adversaries),
            friendly_guarantors=join_names(
                (names[g] for g in p.guarantors if g not in adversaries), most=_MOST_PARTIES
            ),
        )

    def names(self, ids: Iterable[str]) -> str:
        """Display names of party ids, joined for a message."""
        return join_names((self.party_names.get(i, i) for i in ids), most=_MOST_PARTIES)


def _vetoes(p: Proposal, adversaries: frozenset[str], names: Mapping[str, str]) -> Iterable[Veto]:
    c = p.commitments
    for i, holder in enumerate(c.veto_holders):
        if holder in adversaries:
            yield Veto(
                f"{names[holder]} is listed as a veto holder", (f"/commitments/veto_holders/{i}",)
            )
    inside = [i for i, g in enumerate(p.guarantors) if g in adversaries]
    if c.decision_rule is DecisionRule.UNANIMITY and inside:
        who = join_names(names[p.guarantors[i]] for i in inside)
        yield Veto(
            f"the response needs every guarantor's consent and {who} is a guarantor",
            ("/commitments/decision_rule", *(f"/guarantors/{i}" for i in inside)),
        )
    permanent = [a for a in p.adversaries if p.party(a).un_security_council_permanent]
    if not permanent:
        return
    who = join_names(names[a] for a in permanent)
    if c.decision_rule is DecisionRule.UN_SECURITY_COUNCIL:
        yield Veto(
            f"the response is decided in the UN Security Council, where {who} holds a veto",
            ("/commitments/decision_rule",),
        )
    referrals = [
        i for i, r in enumerate(c.responses) if r.kind is ResponseKind.UN_SECURITY_COUNCIL_REFERRAL
    ]
    substantive = any(r.kind in SUBSTANTIVE_RESPONSES for r in c.responses)
    if referrals and not substantive:
        yield Veto(
            f"the only response that could bite runs through the UN Security Council, where "
            f"{who} holds a veto",
            tuple(f"/commitments/responses/{i}" for i in referrals),
        )
