"""Plain-text reports for an 80-column terminal: pillar bars, findings grouped by severity.

Colour is opt-in (``color=True``); the command line turns it on only when the stream is a
terminal and ``NO_COLOR`` is unset, so files and pipes get plain text.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from ..levels import Severity, Verdict
from ..scorecard import Finding, Scorecard
from ._common import (
    PILLAR_LABELS,
    VERDICT_MEANING,
    Cards,
    as_cards,
    fmt_percent,
    fmt_score,
    severity_counts,
)

__all__ = ["WIDTH", "comparison", "report"]

WIDTH = 80
"""Every line of a text report fits in this many columns."""

_BAR_WIDTH = 40
_INDENT = " " * 10

_RESET = "\033[0m"
_VERDICT_STYLE = {
    Verdict.CREDIBLE: "\033[1;32m",
    Verdict.PARTIAL: "\033[1;33m",
    Verdict.HOLLOW: "\033[1;31m",
    Verdict.TRAP: "\033[1;35m",
}
_SEVERITY_STYLE = {
    Severity.CRITICAL: "\033[1;35m",
    Severity.HIGH: "\033[1;31m",
    Severity.MEDIUM: "\033[1;33m",
    Severity.LOW: "\033[1;36m",
}


def report(cards: Cards, *, color: bool = False) -> str:
    """The full report of each scorecard; several are preceded by a comparison table.

    The text report keeps to message, evidence and remedy so that it stays short; the rationale
    of a rule is one ``guarantees explain CODE`` away.
    """
    items = as_cards(cards)
    blocks = [_one(card, color) for card in items]
    if len(items) > 1:
        blocks.insert(0, comparison(items, color=color).rstrip("\n"))
    return ("\n\n" + "=" * WIDTH + "\n\n").join(blocks) + "\n"


def comparison(cards: Cards, *, color: bool = False) -> str:
    """A side-by-side table: pillar scores, overall, verdict and finding counts per proposal."""
    items = as_cards(cards)
    head = (
        f"{'proposal':<30}{'capab.':>7}{'commit.':>8}{'presence':>9}{'overall':>8}"
        f"  {'verdict':<8}{'findings':>8}"
    )
    lines = [head, "-" * len(head)]
    for card in items:
        name = card.proposal.id
        if len(name) > 29:
            name = name[:28] + "…"
        scores = [fmt_score(p.score) for p in card.pillars]
        counts = "/".join(str(n) for n in severity_counts(card).values())
        verdict = _paint(f"{card.verdict.value:<8}", _VERDICT_STYLE[card.verdict], color)
        lines.append(
            f"{name:<30}{scores[0]:>7}{scores[1]:>8}{scores[2]:>9}{fmt_score(card.overall):>8}"
            f"  {verdict}{counts:>8}"
        )
    lines.append("findings: critical/high/medium/low")
    return "\n".join(lines) + "\n"


def _one(card: Scorecard, color: bool) -> str:
    lines = textwrap.wrap(card.proposal.title, WIDTH) or [card.proposal.id]
    lines.append(_fit(f"{card.proposal.id} · policy {card.policy.id} ({card.policy.hash})"))
    lines.append("")
    verdict = _paint(card.verdict.value.upper(), _VERDICT_STYLE[card.verdict], color)
    lines.append(
        f"Verdict  {verdict}   overall {fmt_score(card.overall)} / 100"
        f"   completeness {fmt_percent(card.completeness)}"
    )
    lines.extend(_wrap(VERDICT_MEANING[card.verdict], " " * 9))
    lines.append("")
    for pillar in card.pillars:
        filled = round(_BAR_WIDTH * max(0.0, min(100.0, pillar.score)) / 100)
        bar = "█" * filled + "·" * (_BAR_WIDTH - filled)
        lines.append(
            f"  {PILLAR_LABELS[pillar.pillar]:<13} {bar}  {fmt_score(pillar.score):>6} / 100"
        )
    if card.limits:
        lines.append("")
        lines.append("Held down by")
        for limit in card.limits:
            lines.extend(_wrap(f"- {limit.detail}", "    ", first="  "))
    lines.append("")
    lines.extend(_findings(card.findings, color))
    return "\n".join(line.rstrip() for line in lines)


def _findings(findings: Iterable[Finding], color: bool) -> list[str]:
    found = tuple(findings)
    if not found:
        return ["No findings."]
    counts = {s: sum(1 for f in found if f.severity is s) for s in Severity}
    summary = ", ".join(f"{n} {s.value}" for s, n in counts.items() if n)
    lines = [f"Findings: {summary}"]
    for severity in Severity:
        group = [f for f in found if f.severity is severity]
        if not group:
            continue
        lines.append("")
        lines.append(_paint(severity.value.upper(), _SEVERITY_STYLE[severity], color))
        for finding in group:
            lines.extend(_wrap(finding.title, _INDENT, first=f"  {finding.code:<8}"))
            lines.extend(_wrap(finding.message, _INDENT))
            if finding.evidence:
                lines.extend(_wrap("at " + ", ".join(finding.evidence), _INDENT))
            lines.extend(_wrap("Remedy: " + finding.remedy, _INDENT))
    return lines


def _wrap(text: str, indent: str, *, first: str | None = None) -> list[str]:
    return textwrap.wrap(
        " ".join(text.split()),
        WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def _fit(line: str) -> str:
    return line if len(line) <= WIDTH else line[: WIDTH - 1] + "…"


def _paint(text: str, style: str, color: bool) -> str:
    return f"{style}{text}{_RESET}" if color else text
