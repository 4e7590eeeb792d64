"""Diff: which fields changed between two proposals, and what each change did to the score.

Fields are JSON Pointers into the proposals' dumped form (``/commitments/responses/0/automatic``);
a list whose length changed is one field (the whole list). Each field's effect is measured one
at a time: ``a`` with only that field taken from ``b``, re-scored. The effects of several fields
need not add up (caps and the weakest-pillar limit interact), so the report carries an explicit
``interaction`` term: ``sum(field effects) + interaction == score(b) - score(a)``, for the
overall score and for each pillar. A field that cannot change on its own (``b`` adds a party and
names it as guarantor: either alone is invalid) has no effect of its own; its share is in the
interaction term and ``applies_alone`` is false.
"""

from __future__ import annotations

import copy
from typing import Any

import attrs
from pydantic import ValidationError

from .._version import __version__
from ..levels import Pillar, Verdict
from ..model import Proposal
from ..policy import Policy
from ..scorecard import SCHEMA_VERSION, PolicyRef, ProposalRef, Scorecard
from ._common import Report, pillar_dict, pillar_scores, scorer

__all__ = ["Diff", "FieldEffect", "diff"]


@attrs.frozen
class FieldEffect:
    """One changed field and what changing it alone (``a`` with ``b``'s value) does."""

    pointer: str
    before: Any
    after: Any
    applies_alone: bool
    """False when ``a`` with only this field from ``b`` is not a valid proposal."""
    overall: float
    """Change in the overall score (0 when it does not apply alone)."""
    pillars: tuple[tuple[Pillar, float], ...]
    """Change in each pillar's score."""
    criteria: tuple[tuple[str, float], ...]
    """Criteria whose points changed, with the change."""
    resolved: tuple[str, ...]
    """Finding codes that go."""
    added: tuple[str, ...]
    """Finding codes that appear."""
    verdict: Verdict | None
    """The verdict with only this field changed (``None`` when it does not apply alone)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "pointer": self.pointer,
            "before": self.before,
            "after": self.after,
            "applies_alone": self.applies_alone,
            "overall": self.overall,
            "pillars": pillar_dict(self.pillars),
            "criteria": dict(self.criteria),
            "resolved": list(self.resolved),
            "added": list(self.added),
            "verdict": self.verdict.value if self.verdict else None,
        }


@attrs.frozen
class Diff(Report):
    """What changed from ``a`` to ``b`` and how the score change divides between the fields.

    ``to_dict()`` shape (``schema_version`` 1): ``schema_version, library_version, a {id, title,
    overall, verdict, pillars, findings}, b {…}, change {overall, pillars}, interaction {overall,
    pillars}, fields [{pointer, before, after, applies_alone, overall, pillars, criteria,
    resolved, added, verdict}], resolved, added, policy {id, hash}``.
    """

    a: Scorecard = attrs.field(repr=False)
    b: Scorecard = attrs.field(repr=False)
    fields: tuple[FieldEffect, ...]
    interaction: float
    """``(b.overall - a.overall) - sum(f.overall for f in fields)``."""
    pillar_interaction: tuple[tuple[Pillar, float], ...]
    policy: PolicyRef
    library_version: str = __version__
    schema_version: int = SCHEMA_VERSION

    @property
    def change(self) -> float:
        """``b.overall - a.overall``."""
        return _d(self.b.overall - self.a.overall)

    @property
    def pillar_change(self) -> tuple[tuple[Pillar, float], ...]:
        return _deltas(self.a, self.b)

    @property
    def resolved(self) -> tuple[str, ...]:
        new = set(self.b.codes())
        return tuple(c for c in self.a.codes() if c not in new)

    @property
    def added(self) -> tuple[str, ...]:
        old = set(self.a.codes())
        return tuple(c for c in self.b.codes() if c not in old)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "library_version": self.library_version,
            "a": _side(self.a),
            "b": _side(self.b),
            "change": {"overall": self.change, "pillars": pillar_dict(self.pillar_change)},
            "interaction": {
                "overall": self.interaction,
                "pillars": pillar_dict(self.pillar_interaction),
            },
            "fields": [f.to_dict() for f in self.fields],
            "resolved": list(self.resolved),
            "added": list(self.added),
            "policy": {"id": self.policy.id, "hash": self.policy.hash},
        }

    def __repr__(self) -> str:
        return (
            f"<Diff {self.a.proposal.id!r} -> {self.b.proposal.id!r} fields={len(self.fields)} "
            f"change={self.change:+g}>"
        )


def diff(a: Proposal, b: Proposal, policy: Policy | None = None) -> Diff:
    """The fields that differ between ``a`` and ``b``, each with its effect on the score."""
    score = scorer(policy or Policy.bundled())
    card_a, card_b = score(a), score(b)
    doc_a, doc_b = a.model_dump(mode="json"), b.model_dump(mode="json")
    effects: list[FieldEffect] = []
    for path, before, after in _changes(doc_a, doc_b, ()):
        pointer = _pointer(path)
        try:
            alone = Proposal.model_validate(_replace(doc_a, path, after))
        except ValidationError:
            effects.append(
                FieldEffect(pointer, before, after, False, 0.0, _zero(card_a), (), (), (), None)
            )
            continue
        card = score(alone)
        old, new = set(card_a.codes()), set(card.codes())
        effects.append(
            FieldEffect(
                pointer,
                before,
                after,
                True,
                _d(card.overall - card_a.overall),
                _deltas(card_a, card),
                _criteria(card_a, card),
                tuple(c for c in card_a.codes() if c not in new),
                tuple(c for c in card.codes() if c not in old),
                card.verdict,
            )
        )
    total = _d(card_b.overall - card_a.overall)
    interaction = _d(total - sum(f.overall for f in effects))
    pillar_interaction = tuple(
        (pillar, _d(change - sum(dict(f.pillars)[pillar] for f in effects)))
        for pillar, change in _deltas(card_a, card_b)
    )
    return Diff(card_a, card_b, tuple(effects), interaction, pillar_interaction, card_a.policy)


# -- JSON documents ----------------------------------------------------------------------------


Path = tuple[str | int, ...]


def _changes(a: Any, b: Any, path: Path) -> list[tuple[Path, Any, Any]]:
    """Leaf differences between two JSON values; a list of another length differs as a whole."""
    if isinstance(a, dict) and isinstance(b, dict):
        found: list[tuple[Path, Any, Any]] = []
        for key in dict.fromkeys([*a, *b]):
            if a.get(key) != b.get(key):
                found.extend(_changes(a.get(key), b.get(key), (*path, key)))
        return found
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        found = []
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                found.extend(_changes(x, y, (*path, i)))
        return found
    return [] if a == b else [(path, a, b)]


def _replace(doc: Any, path: Path, value: Any) -> Any:
    copied = copy.deepcopy(doc)
    if not path:
        return value
    target = copied
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return copied


def _pointer(path: Path) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


# -- score deltas ------------------------------------------------------------------------------


def _d(value: float) -> float:
    """A score difference in cents, float noise removed."""
    return round(value, 2) + 0.0


def _zero(card: Scorecard) -> tuple[tuple[Pillar, float], ...]:
    return tuple((p.pillar, 0.0) for p in card.pillars)


def _deltas(a: Scorecard, b: Scorecard) -> tuple[tuple[Pillar, float], ...]:
    after = dict(pillar_scores(b))
    return tuple((pillar, _d(after[pillar] - value)) for pillar, value in pillar_scores(a))


def _criteria(a: Scorecard, b: Scorecard) -> tuple[tuple[str, float], ...]:
    after = {c.id: c.points for p in b.pillars for c in p.criteria}
    return tuple(
        (c.id, _d(after[c.id] - c.points))
        for p in a.pillars
        for c in p.criteria
        if after[c.id] != c.points
    )


def _side(card: Scorecard) -> dict[str, Any]:
    ref: ProposalRef = card.proposal
    return {
        "id": ref.id,
        "title": ref.title,
        "overall": card.overall,
        "verdict": card.verdict.value,
        "pillars": pillar_dict(pillar_scores(card)),
        "findings": list(card.codes()),
    }
