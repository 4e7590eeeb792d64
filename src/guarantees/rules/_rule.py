"""What a rule is, how one is declared, and the catalog that holds a set of them.

There is no global registry: a :class:`Catalog` is built explicitly from modules or rules, so a
test, a policy or a plugin can use any subset.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import InvalidCatalog, UnknownRule
from ..facts import Facts
from ..levels import Pillar, Severity
from ..model import Proposal
from ..parameters import Parameters
from ..scorecard import Finding
from ._examples import BASELINE, apply_patch

if TYPE_CHECKING:
    from importlib.metadata import EntryPoints

__all__ = ["ENTRY_POINT_GROUP", "Catalog", "Context", "Hit", "Rule", "define_rule"]

ENTRY_POINT_GROUP = "guarantees.rules"
"""Installed packages offer extra rules here; a policy opts in to them by entry-point name."""

_CODE = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")


def entry_points(group: str) -> EntryPoints:
    """The installed entry points of ``group`` (``importlib.metadata`` is imported only here, and
    only when a policy names plugins; tests replace this function)."""
    from importlib.metadata import entry_points

    return entry_points(group=group)


def _close_match(word: str, possibilities: Iterable[str]) -> str | None:
    """The nearest of ``possibilities`` to ``word``, for a "did you mean" (error paths only, so
    ``difflib`` is imported here rather than with the module)."""
    import difflib

    close = difflib.get_close_matches(word, list(possibilities), n=1)
    return close[0] if close else None


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
            self.code,
            self.title,
            self.severity,
            self.pillar,
            hit.message,
            hit.evidence,
            self.remedy_for(ctx.facts),
        )

    def remedy_for(self, facts: Facts) -> str:
        return self.remedy.format_map(_remedy_fields(facts))

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
    _plan: tuple[tuple[Rule, bool], ...] = attrs.field(init=False, repr=False, eq=False)
    """The rules in report order, each with whether its remedy names a party (profiled: sorting
    the findings and formatting every remedy cost a fifth of rule evaluation)."""

    def __attrs_post_init__(self) -> None:
        problems = list(_problems(self.rules))
        if problems:
            raise InvalidCatalog(
                "invalid rule catalog:\n  " + "\n  ".join(str(p) for p in problems)
            )
        object.__setattr__(self, "_by_code", {r.code: r for r in self.rules})
        # Codes are unique, so ordering the rules by (severity, code) once orders their findings
        # exactly as sorting by ``Finding.sort_key`` would: evidence never breaks a tie.
        in_order = sorted(self.rules, key=lambda r: (r.severity.rank, r.code))
        object.__setattr__(self, "_plan", tuple((r, "{" in r.remedy) for r in in_order))

    def by_severity(self) -> tuple[Rule, ...]:
        """The rules in report order: most severe first, then by code, as findings are listed."""
        return tuple(rule for rule, _ in self._plan)

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
                close = _close_match(name, available)
                hint = f" (did you mean {close!r}?)" if close else ""
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
            raise UnknownRule(code, _close_match(code.upper(), self._by_code)) from None

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
        # Rule.find inlined: this runs for every rule of every proposal scored.
        found: list[Finding] = []
        fields: dict[str, str] | None = None
        for rule, templated in self._plan:
            hit = rule.check(ctx)
            if hit is None:
                continue
            remedy = rule.remedy
            if templated:
                if fields is None:
                    fields = _remedy_fields(ctx.facts)
                remedy = remedy.format_map(fields)
            found.append(
                Finding(
                    rule.code,
                    rule.title,
                    rule.severity,
                    rule.pillar,
                    hit.message,
                    hit.evidence,
                    remedy,
                )
            )
        return tuple(found)


def _remedy_fields(facts: Facts) -> dict[str, str]:
    """What a remedy's ``{adversary}``, ``{beneficiary}``, ``{guarantors}`` and ``{lead}`` say."""
    p = facts.proposal
    return {
        "adversary": facts.adversary,
        "beneficiary": facts.beneficiary,
        "guarantors": facts.friendly_guarantors or "the guarantors",
        "lead": p.name_of(p.lead_guarantor) if p.lead_guarantor else "the lead guarantor",
    }


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
