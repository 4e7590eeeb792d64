"""Text and Markdown for the analysis results: plain string building, deterministic output.

JSON is each result's own ``to_json()``; these functions give the two human-readable forms.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable, Sequence
from typing import Literal

from ..levels import Pillar, Severity, Verdict
from ..scorecard import Scorecard
from .compare import Comparison
from .diff import Diff
from .plan import Plan, Target
from .sensitivity import Sensitivity

__all__ = ["Format", "render"]

Format = Literal["text", "markdown", "json"]
Result = Plan | Comparison | Diff | Sensitivity

_P = tuple(Pillar)


def render(result: Result, format: Format = "text") -> str:
    """``result`` as text, Markdown or JSON, ending with a newline."""
    if format == "json":
        return result.to_json() + "\n"
    md = format == "markdown"
    if isinstance(result, Plan):
        return _plan(result, md)
    if isinstance(result, Comparison):
        return _comparison(result, md)
    if isinstance(result, Diff):
        return _diff(result, md)
    return _sensitivity(result, md)


# -- tables ------------------------------------------------------------------------------------


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], md: bool) -> list[str]:
    if md:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
        return lines
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
    fmt: Callable[[Sequence[str]], str] = lambda row: "  ".join(  # noqa: E731
        c.ljust(w) for c, w in zip(row, widths, strict=True)
    ).rstrip()
    return [fmt(header), fmt(["-" * w for w in widths]), *(fmt(r) for r in rows)]


def _title(text: str, md: bool, level: int = 1) -> list[str]:
    if md:
        return ["#" * level + " " + text, ""]
    return [text, ("=" if level == 1 else "-") * len(text), ""]


def _n(value: float) -> str:
    return f"{value:.2f}"


def _signed(value: float) -> str:
    return f"{value:+.2f}"


def _pillars(values: Sequence[tuple[Pillar, float]]) -> list[str]:
    found = dict(values)
    return [_n(found[p]) for p in _P]


def _codes(codes: Sequence[str]) -> str:
    return ", ".join(codes) or "-"


# -- plan --------------------------------------------------------------------------------------


def _target(target: Target) -> str:
    if isinstance(target, Verdict):
        return f"verdict {target.value} or better"
    return f"overall score of at least {target:g}"


def _plan(plan: Plan, md: bool) -> str:
    lines = _title(f"Plan for {plan.proposal.title} ({plan.proposal.id})", md)
    start, end = plan.start, plan.result
    lines.append(f"Target: {_target(plan.target)}.")
    lines.append(f"Start: {_n(start.overall)} ({start.verdict.value}).")
    if not plan.steps and plan.reached:
        lines += ["", "The proposal already meets the target: nothing to change."]
        return "\n".join(lines) + "\n"
    if plan.reached:
        how = "the fewest changes (exact search)" if plan.method == "exact" else "greedy search"
        lines.append(
            f"Reached in {len(plan.steps)} step(s), by {how}: {_n(end.overall)} "
            f"({end.verdict.value})."
        )
    else:
        lines.append(
            f"Not reachable with the {len(plan.candidates)} candidate changes; the best "
            f"found is {_n(end.overall)} ({end.verdict.value}) after {len(plan.steps)} step(s)."
        )
    lines.append("")
    # Text keeps to 80 columns: the changes are spelled out, wrapped, under the table.
    pillars = [p.value for p in _P] if md else [p.value[:4] + "." for p in _P]
    header = ["#", *(["change"] if md else []), "overall", "verdict", *pillars, "resolves", "adds"]
    start_row = [_n(start.overall), start.verdict.value, *_pillars(_pp(start)), "", ""]
    rows = [["0", *(["(start)"] if md else []), *start_row]]
    for i, step in enumerate(plan.steps, start=1):
        rows.append(
            [
                str(i),
                *([step.change.title] if md else []),
                _n(step.card.overall),
                step.card.verdict.value,
                *_pillars(_pp(step.card)),
                _codes(step.resolved),
                _codes(step.added),
            ]
        )
    lines += _table(header, rows, md)
    lines.append("")
    lines += _title("Changes and why" if not md else "Why", md, 2)
    for i, step in enumerate(plan.steps, start=1):
        item = f"{i}. {step.change.title}: {step.change.rationale}"
        lines.append(item if md else textwrap.fill(item, width=80, subsequent_indent="   "))
    return "\n".join(lines) + "\n"


def _pp(card: Scorecard) -> list[tuple[Pillar, float]]:
    return [(p.pillar, p.score) for p in card.pillars]


# -- compare -----------------------------------------------------------------------------------


def _comparison(result: Comparison, md: bool) -> str:
    lines = _title("Comparison", md)
    header = ["rank", "proposal", "overall", "verdict", *(p.value for p in _P)]
    header += [s.value for s in Severity]
    rows = [
        [
            str(r.rank) + ("=" if r.tied else ""),
            r.proposal.id,
            _n(r.overall),
            r.verdict.value,
            *_pillars(r.pillars),
            *(str(n) for _, n in r.findings),
        ]
        for r in result.rows
    ]
    lines += _table(header, rows, md)
    lines += ["", "Policy: " + ", ".join(f"{p.id} ({p.hash})" for p in result.policies)]
    return "\n".join(lines) + "\n"


# -- diff --------------------------------------------------------------------------------------


def _short(value: object) -> str:
    text = "-" if value is None else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def _diff(result: Diff, md: bool) -> str:
    a, b = result.a, result.b
    lines = _title(f"Diff {a.proposal.id} -> {b.proposal.id}", md)
    lines.append(
        f"Overall {_n(a.overall)} ({a.verdict.value}) -> {_n(b.overall)} ({b.verdict.value}): "
        f"{_signed(result.change)}."
    )
    lines.append(
        "Pillars: " + ", ".join(f"{p.value} {_signed(d)}" for p, d in result.pillar_change) + "."
    )
    lines.append(f"Findings resolved: {_codes(result.resolved)}; added: {_codes(result.added)}.")
    lines.append("")
    if not md:
        return "\n".join(lines + _diff_blocks(result)) + "\n"
    header = ["field", "before", "after", "overall", *(p.value for p in _P), "verdict", "findings"]
    rows = []
    for f in result.fields:
        if f.applies_alone:
            effect = [_signed(f.overall), *(_signed(d) for _, d in f.pillars)]
            verdict = f.verdict.value if f.verdict else "-"
            found = " ".join([*(f"-{c}" for c in f.resolved), *(f"+{c}" for c in f.added)])
        else:
            effect = ["n/a"] * (1 + len(_P))
            verdict, found = "-", "(not valid alone)"
        rows.append([f.pointer, _short(f.before), _short(f.after), *effect, verdict, found or "-"])
    rows.append(
        [
            "(interaction)",
            "",
            "",
            _signed(result.interaction),
            *(_signed(d) for _, d in result.pillar_interaction),
            "",
            "",
        ]
    )
    lines += _table(header, rows, md)
    lines += [
        "",
        "Each field's effect is measured alone (a with that field from b); the interaction "
        "term is what the fields do together beyond the sum.",
    ]
    return "\n".join(lines) + "\n"


def _diff_blocks(result: Diff) -> list[str]:
    """The fields as text within 80 columns: those that move a score or a finding one block
    each, the rest (ids, titles, sources, notes) named on one wrapped line."""
    lines: list[str] = []
    quiet: list[str] = []
    for f in result.fields:
        moved = f.applies_alone and (
            f.overall or any(d for _, d in f.pillars) or f.resolved or f.added
        )
        if f.applies_alone and not moved:
            quiet.append(f.pointer)
            continue
        head = f"{f.pointer}: {_short(f.before)} -> {_short(f.after)}"
        if len(head) <= 80:
            lines.append(head)
        else:
            lines += [f"{f.pointer}:", f"    was {_short(f.before)}", f"    now {_short(f.after)}"]
        if not f.applies_alone:
            lines.append("    not valid alone: its effect is in the interaction term")
            continue
        pillars = ", ".join(f"{p.value} {_signed(d)}" for p, d in f.pillars if d)
        found = " ".join([*(f"-{c}" for c in f.resolved), *(f"+{c}" for c in f.added)])
        effect = f"overall {_signed(f.overall)}" + (f" ({pillars})" if pillars else "")
        lines.append(
            textwrap.fill(
                effect + (f"; findings {found}" if found else ""),
                80,
                initial_indent="    ",
                subsequent_indent="    ",
            )
        )
    pillars = ", ".join(f"{p.value} {_signed(d)}" for p, d in result.pillar_interaction if d)
    lines.append(
        f"(interaction): overall {_signed(result.interaction)}"
        + (f" ({pillars})" if pillars else "")
    )
    if quiet:
        lines.append("")
        lines.append(
            textwrap.fill("No effect on any score or finding: " + ", ".join(quiet) + ".", 80)
        )
    lines += [
        "",
        textwrap.fill(
            "Each field's effect is measured alone (a with that field from b); the interaction "
            "term is what the fields do together beyond the sum.",
            80,
        ),
    ]
    return lines


# -- sensitivity -------------------------------------------------------------------------------


def _sensitivity(result: Sensitivity, md: bool) -> str:
    lines = _title("Sensitivity to weights", md)
    lines.append(
        f"{result.samples} samples, {result.method} around policy {result.policy.id}, spread "
        f"{result.spread:g}, seed {result.seed}."
    )
    lines.append("")
    # Text keeps to 80 columns: no min and max columns (JSON and Markdown have them).
    extremes = ["min", "max"] if md else []
    header = ["rank", "proposal", "nominal", "5%", "median", "95%", *extremes, "P(first)"]
    rows = [
        [
            str(p.nominal_rank),
            p.proposal.id,
            _n(p.nominal),
            _n(p.low),
            _n(p.median),
            _n(p.high),
            *([_n(p.minimum), _n(p.maximum)] if md else []),
            f"{p.first:.1%}",
        ]
        for p in result.proposals
    ]
    lines += _table(header, rows, md)
    lines.append("")
    lines += _title("Rank distribution", md, 2)
    n = len(result.proposals)
    header = ["proposal", *(str(r) for r in range(1, n + 1))]
    rows = [
        [p.proposal.id, *(f"{c / result.samples:.0%}" for c in p.ranks)] for p in result.proposals
    ]
    lines += _table(header, rows, md)
    flips = [p for p in result.pairs if p.share > 0]
    lines.append("")
    lines += _title("Order flips", md, 2)
    if not flips:
        lines.append("No pair changes order in any sample.")
    else:
        rows = [[p.ahead.id, p.behind.id, f"{p.share:.1%}"] for p in flips]
        lines += _table(["ahead", "behind", "flipped"], rows, md)
    return "\n".join(lines) + "\n"
