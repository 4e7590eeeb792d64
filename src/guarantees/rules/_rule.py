"""What a rule is, how one is declared, and the catalog that holds a set of them.

There is no global registry: a :class:`Catalog` is built explicitly from modules or rules, so a
test, a policy or a plugin can use any subset.
"""

from __future__ import annotations

import difflib
import re
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib.metadata import entry_points
from typing import Any

import attrs

from ..errors import InvalidCatalog, UnknownRule
from ..facts import Facts
from ..levels import Pillar, Severity
from ..model import Proposal
from ..parameters import Parameters
from ..scorecard import Finding
from ._examples import BASELINE, apply_patch

__all__ = ["ENTRY_POINT_GROUP", "Catalog", "Context", "Hit", "Rule", "define_rule"]

ENTRY_POINT_GROUP = "guarantees.rules"
"""Installed packages offer extra rules here; a policy opts in to them by entry-point name."""

_CODE = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")


@attrs.frozen
class Context:
    """What a rule's check may read: the proposal, facts derived from it, and the parameters."""

    proposal: Proposal
    facts: Facts
    params: Parameters


@attrs.frozen
class Hit:
    """A rule's check firing: a message naming the parties, and JSON Pointers to the evidence."""

    message: str
    evidence: tuple[str, ...]


Check = Callable[[Context], Hit | None]


@attrs.frozen
class Rule:
    """One weakness the library can flag, with why it matters and what would fix it."""

    code: str
    """Stable and never reused, e.g. ``COM001``."""
    name: str
    """Short kebab-case name, e.g. ``adversary-among-guarantors``."""
    title: str
    pillar: Pillar
    severity: Severity
    rationale: str
    remedy: str
    """A concrete change; ``{adversary}``, ``{beneficiary}``, ``{guarantors}`` and ``{lead}``
    are replaced by the proposal's own parties."""
    triggering_example: Mapping[str, Any] = attrs.field(repr=False)
    """A patch to the baseline example that makes the rule fire."""
    passing_example: Mapping[str, Any] = attrs.field(repr=False)
    """A patch to the baseline example that is close but does not fire."""
    check: Check = attrs.field(eq=False, repr=False)

    def find(self, ctx: Context) -> Finding | None:
        """Run the check; a hit becomes a :class:`Finding` with the remedy filled in."""
        hit = self.check(ctx)
        if hit is None:
            return None
        return Finding(
            code=self.code,
            title=self.title,
            severity=self.severity,
            pillar=self.pillar,
            message=hit.message,
            evidence=hit.evidence,
            remedy=self.remedy_for(ctx.facts),
        )

    def remedy_for(self, facts: Facts) -> str:
        p = facts.proposal
        return self.remedy.format(
            adversary=facts.adversary,
            beneficiary=facts.beneficiary,
            guarantors=facts.friendly_guarantors or "the guarantors",
            lead=p.name_of(p.lead_guarantor) if p.lead_guarantor else "the lead guarantor",
        )

    def example(self, triggering: bool) -> dict[str, Any]:
        """The example proposal as plain data (baseline plus the patch)."""
        return apply_patch(
            BASELINE, self.triggering_example if triggering else self.passing_example
        )


def define_rule(
    code: str,
    name: str,
    *,
    title: str,
    pillar: Pillar,
    severity: Severity,
    rationale: str,
    remedy: str,
    triggers: Mapping[str, Any],
    passes: Mapping[str, Any] | None = None,
) -> Callable[[Check], Rule]:
    """Declare a rule from its check function; the result is a :class:`Rule`, registered nowhere.

    ``triggers`` and ``passes`` are patches to the baseline example (see ``Rule.example``).
    """

    def wrap(check: Check) -> Rule:
        return Rule(
            code=code,
            name=name,
            title=title,
            pillar=pillar,
            severity=severity,
            rationale=" ".join(rationale.split()),
            remedy=" ".join(remedy.split()),
            triggering_example=triggers,
            passing_example=passes or {},
            check=check,
        )

    return wrap


@attrs.frozen
class Catalog:
    """An ordered, validated set of rules, looked up by code."""

    rules: tuple[Rule, ...]
    _by_code: Mapping[str, Rule] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        problems = list(_problems(self.rules))
        if problems:
            raise InvalidCatalog(
                "invalid rule catalog:\n  " + "\n  ".join(str(p) for p in problems)
            )
        object.__setattr__(self, "_by_code", {r.code: r for r in self.rules})

    @classmethod
    def from_modules(cls, *modules: types.ModuleType) -> Catalog:
        """Every :class:`Rule` defined at the top level of the given modules, sorted by code."""
        found = [v for m in modules for v in vars(m).values() if isinstance(v, Rule)]
        return cls(tuple(sorted(found, key=lambda r: r.code)))

    def with_rules(self, *rules: Rule) -> Catalog:
        """A new catalog with extra rules (a code already present is an error)."""
        return Catalog(tuple(sorted((*self.rules, *rules), key=lambda r: r.code)))

    def with_plugins(self, names: Iterable[str]) -> Catalog:
        """Add the rules offered under :data:`ENTRY_POINT_GROUP` by the named entry points."""
        wanted = list(names)
        if not wanted:
            return self
        available = {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}
        extra: list[Rule] = []
        for name in wanted:
            if name not in available:
                close = difflib.get_close_matches(name, list(available), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise InvalidCatalog(
                    f"no installed rule plugin named {name!r} in group {ENTRY_POINT_GROUP!r}{hint}"
                )
            loaded = available[name].load()
            extra.extend([loaded] if isinstance(loaded, Rule) else list(loaded))
        return self.with_rules(*extra)

    def __getitem__(self, code: str) -> Rule:
        try:
            return self._by_code[code.upper()]
        except KeyError:
            close = difflib.get_close_matches(code.upper(), list(self._by_code), n=1)
            raise UnknownRule(code, close[0] if close else None) from None

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code.upper() in self._by_code

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.rules)

    def run(self, ctx: Context) -> tuple[Finding, ...]:
        """Every finding of every rule for one proposal, in report order."""
        found = (rule.find(ctx) for rule in self.rules)
        return tuple(sorted((f for f in found if f is not None), key=lambda f: f.sort_key))


def _problems(rules: tuple[Rule, ...]) -> Iterator[str]:
    seen: set[str] = set()
    for r in rules:
        if not _CODE.match(r.code):
            yield f"{r.code}: a code is 2-5 capital letters and 3 digits, e.g. COM001"
        if r.code in seen:
            yield f"{r.code}: defined twice"
        seen.add(r.code)
        for field in ("title", "rationale", "remedy", "name"):
            if not getattr(r, field).strip():
                yield f"{r.code}: empty {field}"
        if not r.triggering_example:
            yield f"{r.code}: no triggering example"
