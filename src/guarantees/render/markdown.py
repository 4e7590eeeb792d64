"""Markdown reports, for pasting into a document, a wiki or an issue.

Every piece of user text is escaped: HTML specials become entities and Markdown's own specials
are backslash-escaped, so a proposal titled ``<script>alert(1)</script>`` shows as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..levels import Severity
from ..model import Proposal
from ..rules import Catalog
from ..scorecard import Scorecard
from ._common import (
    PILLAR_LABELS,
    VERDICT_MEANING,
    Cards,
    as_cards,
    fmt_percent,
    fmt_score,
    matching_proposals,
    rationale_of,
    severity_counts,
)

__all__ = ["comparison", "escape", "report"]

# Parentheses, braces, ``#`` and ``+`` need no escape mid-line once brackets are escaped.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def escape(text: str) -> str:
    """Text safe inside a Markdown paragraph, list item or table cell (one line)."""
    flat = " ".join(text.split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", flat)


def _url(url: str) -> str:
    """A link target that cannot end the Markdown link early."""
    return url.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def report(
    cards: Cards,
    *,
    proposals: Iterable[Proposal | None] | None = None,
    catalog: Catalog | None = None,
) -> str:
    """The full report of each scorecard; several are preceded by a comparison table."""
    items = as_cards(cards)
    sources = matching_proposals(items, proposals)
    blocks = [_one(card, proposal, catalog) for card, proposal in zip(items, sources, strict=True)]
    if len(items) > 1:
        blocks.insert(0, "## Comparison\n\n" + comparison(items).rstrip("\n"))
    return "\n\n".join(blocks) + "\n"


def comparison(cards: Cards) -> str:
    """A side-by-side table: pillar scores, overall, verdict and finding counts per proposal."""
    items = as_cards(cards)
    lines = [
        "| proposal | capabilities | commitments | presence | overall | verdict "
        "| critical | high | medium | low |",
        "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    for card in items:
        scores = " | ".join(fmt_score(p.score) for p in card.pillars)
        counts = " | ".join(str(n) for n in severity_counts(card).values())
        lines.append(
            f"| {escape(card.proposal.title)} (`{card.proposal.id}`) | {scores} "
            f"| {fmt_score(card.overall)} | **{card.verdict.value}** | {counts} |"
        )
    return "\n".join(lines) + "\n"


def _one(card: Scorecard, proposal: Proposal | None, catalog: Catalog | None) -> str:
    out = [
        f"## {escape(card.proposal.title)}",
        "",
        f"`{card.proposal.id}` · verdict **{card.verdict.value}** · overall "
        f"**{fmt_score(card.overall)}** / 100 · completeness {fmt_percent(card.completeness)} "
        f"· policy `{card.policy.id}` (`{card.policy.hash}`)",
        "",
        f"*{VERDICT_MEANING[card.verdict]}*",
        "",
        "| pillar | score | weight |",
        "|---|---:|---:|",
    ]
    out.extend(
        f"| {PILLAR_LABELS[p.pillar]} | {fmt_score(p.score)} | {fmt_score(p.weight)} |"
        for p in card.pillars
    )
    if card.limits:
        out += ["", "Held down by:", ""]
        out.extend(f"- {escape(limit.detail)}" for limit in card.limits)
    out += ["", "### Findings", ""]
    if not card.findings:
        out += ["No findings.", ""]
    for severity in Severity:
        group = [f for f in card.findings if f.severity is severity]
        if not group:
            continue
        out += [f"#### {severity.value.capitalize()} ({len(group)})", ""]
        for f in group:
            # One list item per finding; a backslash at the end of a line is a hard line break.
            parts = [f"- **{f.code} · {escape(f.title)}.** {escape(f.message)}"]
            if f.evidence:
                parts.append("Evidence: " + ", ".join(f"`{e}`" for e in f.evidence) + ".")
            why = rationale_of(f.code, catalog)
            if why:
                parts.append(f"*Why it matters:* {escape(why)}")
            parts.append(f"*Remedy:* {escape(f.remedy)}")
            out.append("\\\n  ".join(parts))
        out.append("")
    if proposal is not None and proposal.sources:
        out += ["### Sources", ""]
        for source in proposal.sources:
            title = escape(source.title)
            out.append(f"- [{title}]({_url(source.url)})" if source.url else f"- {title}")
    return "\n".join(out).rstrip("\n")
