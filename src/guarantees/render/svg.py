"""An inline SVG bar chart of a scorecard's three pillars, for the HTML report and notebooks.

Plain string building (no dependency): every piece of text is XML-escaped, the chart scales with
its container through ``viewBox``, and the output is well-formed XML on its own.
"""

from __future__ import annotations

from html import escape

from ..scorecard import Scorecard
from ._common import PILLAR_LABELS, fmt_score

__all__ = ["bar_colour", "pillar_chart"]

_WIDTH = 360
_LABEL = 96
_BAR = 220
_ROW = 30
_BAR_HEIGHT = 18


def bar_colour(score: float) -> str:
    """Green from 70 (credible territory), amber from 45, red below: the verdict thresholds of
    the default policy, so a bar's colour reads like the verdict it would support."""
    if score >= 70:
        return "#1a7f37"
    if score >= 45:
        return "#b7791f"
    return "#c53030"


def pillar_chart(card: Scorecard) -> str:
    """An SVG of the three pillar scores (0-100) as horizontal bars with their values."""
    summary = ", ".join(f"{PILLAR_LABELS[p.pillar]} {fmt_score(p.score)}" for p in card.pillars)
    label = escape(f"Pillar scores of {card.proposal.title}: {summary}", quote=True)
    height = _ROW * len(card.pillars) + 16
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {_WIDTH} {height}"'
        f' role="img" aria-label="{label}" font-family="system-ui, sans-serif" font-size="12">',
        f"<title>{label}</title>",
    ]
    for tick in (0, 25, 50, 75, 100):
        x = _LABEL + _BAR * tick / 100
        parts.append(
            f'<line x1="{x:g}" y1="4" x2="{x:g}" y2="{height - 14}" stroke="#d0d7de"'
            ' stroke-width="1"/>'
            f'<text x="{x:g}" y="{height - 2}" text-anchor="middle" fill="#57606a"'
            f' font-size="9">{tick}</text>'
        )
    for i, pillar in enumerate(card.pillars):
        y = 6 + i * _ROW
        width = _BAR * max(0.0, min(100.0, pillar.score)) / 100
        parts.append(
            f'<text x="0" y="{y + 13}" fill="#24292f">{escape(PILLAR_LABELS[pillar.pillar])}</text>'
            f'<rect x="{_LABEL}" y="{y}" width="{_BAR}" height="{_BAR_HEIGHT}" rx="3"'
            ' fill="#eaeef2" fill-opacity="0.7"/>'
            f'<rect class="bar" x="{_LABEL}" y="{y}" width="{width:.2f}" height="{_BAR_HEIGHT}"'
            f' rx="3" fill="{bar_colour(pillar.score)}"/>'
            f'<text x="{_WIDTH}" y="{y + 13}" text-anchor="end" fill="#24292f"'
            f' font-weight="bold">{fmt_score(pillar.score)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
