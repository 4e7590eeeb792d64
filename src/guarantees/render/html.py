"""Self-contained HTML reports: one file, inline CSS and SVG, no script, font or network access.

Jinja2 renders the templates shipped in ``guarantees/render/templates`` with autoescaping on, so
every piece of user text (titles, messages, sources) is escaped. This is the only module of the
library that imports Jinja2, and nothing imports it until an HTML report is asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any, Literal

import jinja2
from markupsafe import Markup

from .._version import __version__
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
from .svg import bar_colour, pillar_chart

__all__ = ["Layout", "comparison", "report"]

Layout = Literal["report", "compare"]


def report(
    cards: Cards,
    *,
    proposals: Iterable[Proposal | None] | None = None,
    catalog: Catalog | None = None,
    fragment: bool = False,
) -> str:
    """A full report: each proposal's chart, verdict, findings with rationale and remedy, and
    sources; several proposals are preceded by a comparison table.

    ``fragment=True`` gives a ``<div>`` with scoped styles instead of a whole page (what
    Jupyter shows for ``Scorecard._repr_html_``).
    """
    return _render(cards, proposals, catalog, layout="report", fragment=fragment)


def comparison(
    cards: Cards,
    *,
    proposals: Iterable[Proposal | None] | None = None,
    fragment: bool = False,
) -> str:
    """A side-by-side page: the comparison table, then each proposal's chart and verdict."""
    return _render(cards, proposals, None, layout="compare", fragment=fragment)


def _render(
    cards: Cards,
    proposals: Iterable[Proposal | None] | None,
    catalog: Catalog | None,
    *,
    layout: Layout,
    fragment: bool,
) -> str:
    items = as_cards(cards)
    behind = matching_proposals(items, proposals)
    entries = [
        _entry(i, card, proposal, catalog)
        for i, (card, proposal) in enumerate(zip(items, behind, strict=True))
    ]
    policies = sorted({(c.policy.id, c.policy.hash) for c in items})
    template = _environment().get_template("fragment.html.j2" if fragment else "page.html.j2")
    text = template.render(
        entries=entries,
        layout=layout,
        policies=policies,
        version=__version__,
        page_title=items[0].proposal.title if len(items) == 1 else "Comparison of guarantees",
        severities=[s.value for s in Severity],
    )
    return text if text.endswith("\n") else text + "\n"


def _entry(
    index: int, card: Scorecard, proposal: Proposal | None, catalog: Catalog | None
) -> dict[str, Any]:
    """What the template shows of one scorecard, with numbers already formatted."""
    groups = []
    for severity in Severity:
        found = [f for f in card.findings if f.severity is severity]
        if found:
            groups.append(
                {
                    "severity": severity.value,
                    "findings": [
                        {
                            "code": f.code,
                            "title": f.title,
                            "message": f.message,
                            "evidence": f.evidence,
                            "pillar": f.pillar.value,
                            "rationale": rationale_of(f.code, catalog),
                            "remedy": f.remedy,
                        }
                        for f in found
                    ],
                }
            )
    sources = []
    if proposal is not None:
        for source in proposal.sources:
            # The model admits only http(s) addresses; checked again so no other scheme is linked.
            url = source.url if (source.url or "").startswith(("https://", "http://")) else None
            sources.append({"title": source.title, "url": url})
    return {
        "anchor": f"p{index + 1}-{card.proposal.id}",
        "id": card.proposal.id,
        "title": card.proposal.title,
        "summary": proposal.summary if proposal is not None else "",
        "verdict": card.verdict.value,
        "meaning": VERDICT_MEANING[card.verdict],
        "overall": fmt_score(card.overall),
        "overall_uncapped": fmt_score(card.overall_uncapped),
        "completeness": fmt_percent(card.completeness),
        "pillars": [
            {
                "name": PILLAR_LABELS[p.pillar],
                "score": fmt_score(p.score),
                "weight": fmt_score(p.weight),
                "colour": bar_colour(p.score),
                "criteria": [
                    {
                        "name": c.name,
                        "status": c.status.value.replace("_", " "),
                        "points": fmt_score(c.points),
                        "possible": fmt_score(c.possible),
                        "reason": c.reason,
                    }
                    for c in p.criteria
                ],
            }
            for p in card.pillars
        ],
        "chart": Markup(pillar_chart(card)),  # built by svg.py, which escapes every text
        "limits": [limit.detail for limit in card.limits],
        "groups": groups,
        "counts": {s.value: n for s, n in severity_counts(card).items()},
        "sources": sources,
        "policy": {"id": card.policy.id, "hash": card.policy.hash},
    }


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("guarantees.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
