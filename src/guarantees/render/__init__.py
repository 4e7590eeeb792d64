"""Render scorecards as text, JSON, Markdown or HTML; one scorecard or several side by side.

:func:`render` is the one entry point the command line and notebooks use. The text, Markdown and
SVG renderers need only the standard library; :mod:`guarantees.render.html` imports Jinja2 and is
imported only when HTML is asked for, so ``import guarantees`` stays light.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal, get_args

# Only the names of the formats load with the package (the command line lists them in --help);
# the scorecard classes and the renderers load when something is rendered.
if TYPE_CHECKING:
    from ..model import Proposal
    from ..rules import Catalog
    from ._common import Cards

__all__ = ["FORMATS", "Format", "Layout", "render"]

Format = Literal["text", "json", "markdown", "html"]
Layout = Literal["report", "compare"]
FORMATS: tuple[Format, ...] = get_args(Format)
"""The output formats, in the order the command line lists them."""


def render(
    cards: Cards,
    format: Format = "text",
    *,
    layout: Layout = "report",
    proposals: Iterable[Proposal | None] | None = None,
    catalog: Catalog | None = None,
    color: bool = False,
) -> str:
    """One scorecard or several in one format; the same input always gives the same bytes.

    ``layout="report"`` shows each proposal in full (several are preceded by a comparison
    table); ``"compare"`` shows only the side-by-side view. ``proposals`` (position by position)
    adds what a scorecard does not carry, such as sources. JSON is exactly
    ``Scorecard.to_dict()``: one object for one scorecard, a list for several, in either layout.
    ``color`` applies to text only. A list of one scorecard is rendered as a list in JSON.
    """
    from ..scorecard import Scorecard
    from ._common import as_cards

    items = as_cards(cards)
    if format == "json":
        data = items[0].to_dict() if isinstance(cards, Scorecard) else [c.to_dict() for c in items]
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if format == "text":
        from . import text

        return (
            text.comparison(items, color=color)
            if layout == "compare"
            else text.report(items, color=color)
        )
    if format == "markdown":
        from . import markdown

        if layout == "compare":
            return markdown.comparison(items)
        return markdown.report(items, proposals=proposals, catalog=catalog)
    if format == "html":
        from . import html

        if layout == "compare":
            return html.comparison(items, proposals=proposals)
        return html.report(items, proposals=proposals, catalog=catalog)
    raise ValueError(f"unknown format {format!r}; expected one of: {', '.join(FORMATS)}")


def __dir__() -> list[str]:
    return list(__all__)
