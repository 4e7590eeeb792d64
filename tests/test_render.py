"""Reports: text for a terminal, Markdown, self-contained HTML with an SVG chart, and JSON.

The HTML checks use only the standard library: a strict HTML5 reader (every element known,
closed in order, ids unique) built on :mod:`html.parser`, and :mod:`xml.etree` for the SVG.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import Any

import pytest

import guarantees
from guarantees import Proposal, Scorecard, Severity, catalog
from guarantees.render import FORMATS, render, svg, text
from guarantees.render import html as html_report
from guarantees.render import markdown as md_report

NAMES = catalog.names()
EVIL = "<script>alert(1)</script>"

# HTML5 elements the reports may use; anything else is a typo or an injection.
HTML_ELEMENTS = frozenset(
    {
        *("html", "head", "body", "meta", "title", "link", "style", "main", "header", "footer"),
        *("section", "article", "nav", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "p", "div"),
        *("span", "a", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "caption"),
        *("code", "strong", "em", "details", "summary", "br", "small"),
    }
)
VOID = frozenset({"meta", "link", "br", "img", "input", "hr"})
SVG_ELEMENTS = frozenset({"svg", "title", "line", "rect", "text", "g"})


class StrictHTML(HTMLParser):
    """Reads an HTML5 document and records every way it departs from a well-nested one."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.stack: list[str] = []
        self.ids: set[str] = set()
        self.doctype: str | None = None
        self.seen_element = False
        self.text: list[str] = []
        self.in_svg = 0

    def handle_decl(self, decl: str) -> None:
        if self.seen_element:
            self.problems.append("doctype after the first element")
        self.doctype = decl

    def _check_attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = [name for name, _ in attrs]
        if len(names) != len(set(names)):
            self.problems.append(f"<{tag}> repeats an attribute: {names}")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag}> has an event handler {name}")
            if name == "id" and value is not None:
                if value in self.ids:
                    self.problems.append(f"id {value!r} used twice")
                self.ids.add(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen_element = True
        self._check_attrs(tag, attrs)
        if tag == "svg":
            self.in_svg += 1
        known = SVG_ELEMENTS if self.in_svg else HTML_ELEMENTS
        if tag not in known:
            self.problems.append(f"unknown element <{tag}>")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.seen_element = True
        self._check_attrs(tag, attrs)
        if not self.in_svg and tag not in VOID:
            self.problems.append(f"<{tag}/> self-closed outside SVG")
        if self.in_svg and tag not in SVG_ELEMENTS:
            self.problems.append(f"unknown SVG element <{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.problems.append(f"end tag for void element </{tag}>")
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()
        if tag == "svg":
            self.in_svg -= 1

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] not in ("style", "title"):
            self.text.append(data)

    def check(self, document: str) -> list[str]:
        self.feed(document)
        self.close()
        if self.doctype is None or self.doctype.lower() != "doctype html":
            self.problems.append(f"doctype is {self.doctype!r}, not 'DOCTYPE html'")
        if self.stack:
            self.problems.append(f"left open: {self.stack}")
        return self.problems


def card_of(name: str) -> Scorecard:
    return guarantees.score(catalog.load(name))


def evil_proposal() -> Proposal:
    data: dict[str, Any] = catalog.load("article-5-like-offer-2025").model_dump(
        mode="json", exclude_defaults=True
    )
    data["title"] = EVIL
    data["summary"] = f"Summary {EVIL} & more"
    data["sources"] = [{"title": EVIL, "url": 'https://example.org/?q=<b>&x="y"'}]
    return Proposal.model_validate(data)


def svgs(document: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", document, flags=re.S)


# -- HTML ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_html_report_of_every_catalog_entry_parses_as_strict_html5(name: str) -> None:
    document = html_report.report(card_of(name), proposals=[catalog.load(name)])
    assert StrictHTML().check(document) == []


@pytest.mark.parametrize("name", NAMES)
def test_html_report_svg_chart_is_well_formed_xml_with_three_bars(name: str) -> None:
    (chart,) = svgs(html_report.report(card_of(name)))
    root = ET.fromstring(chart)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    bars = [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.get("class") == "bar"]
    assert len(bars) == 3


def test_html_catalog_report_and_comparison_parse_as_strict_html5() -> None:
    cards = [card_of(n) for n in NAMES]
    proposals = [catalog.load(n) for n in NAMES]
    for document in (
        html_report.report(cards, proposals=proposals),
        html_report.comparison(cards, proposals=proposals),
    ):
        assert StrictHTML().check(document) == []
        assert len(svgs(document)) == len(NAMES)
        for chart in svgs(document):
            ET.fromstring(chart)


def test_html_report_is_self_contained_no_script_no_external_resource() -> None:
    cards = [card_of(n) for n in NAMES]
    document = html_report.report(cards, proposals=[catalog.load(n) for n in NAMES])
    assert "<script" not in document
    assert "@import" not in document
    assert "url(" not in document
    assert re.findall(r"\bsrc=", document) == []
    # Only <a href> points outside; the only <link> is the empty data: icon.
    assert re.findall(r"<link\b[^>]*>", document) == ['<link rel="icon" href="data:,">']
    assert "default-src 'none'" in document


def test_html_escapes_a_script_title_in_heading_summary_sources_and_chart() -> None:
    proposal = evil_proposal()
    document = html_report.report(guarantees.score(proposal), proposals=[proposal])
    assert "<script" not in document
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document
    assert 'href="https://example.org/?q=&lt;b&gt;&amp;x=&#34;y&#34;"' in document
    parser = StrictHTML()
    assert parser.check(document) == []
    assert EVIL in "".join(parser.text)  # shown to the reader as text
    for chart in svgs(document):
        ET.fromstring(chart)


def test_html_report_shows_verdict_findings_rationale_remedy_sources_and_policy() -> None:
    proposal = catalog.load("article-5-like-offer-2025")
    card = guarantees.score(proposal)
    parser = StrictHTML()
    parser.check(html_report.report(card, proposals=[proposal]))
    shown = " ".join(" ".join(parser.text).split())
    assert card.verdict.value in shown
    for finding in card.findings:
        assert finding.code in shown
        assert " ".join(finding.remedy.split()) in shown
        assert " ".join(guarantees.rule(finding.code).rationale.split()) in shown
    for source in proposal.sources:
        assert " ".join(source.title.split()) in shown
    assert card.policy.id in shown
    assert card.policy.hash in shown


def test_html_report_links_each_source_with_a_url() -> None:
    proposal = catalog.load("uk-ukraine-agreement-2024")
    document = html_report.report(guarantees.score(proposal), proposals=[proposal])
    urls = [s.url for s in proposal.sources if s.url]
    assert urls
    for url in urls:
        assert f'<a href="{url}"' in document


def test_html_fragment_is_a_div_with_scoped_styles() -> None:
    fragment = html_report.report(card_of("three-pillar-architecture"), fragment=True)
    assert fragment.startswith('<div class="guarantees-fragment">')
    assert "<html" not in fragment
    assert "<body" not in fragment
    for rule in re.findall(r"^(\.[^{]+)\{", fragment, flags=re.M):
        assert all(part.strip().startswith(".guarantees") for part in rule.split(","))


# -- Jupyter -----------------------------------------------------------------------------------


def test_scorecard_repr_html_is_the_html_fragment() -> None:
    card = card_of("reassurance-force-2025")
    assert card._repr_html_() == html_report.report(card, fragment=True)


def test_scorecard_repr_markdown_is_the_markdown_report() -> None:
    card = card_of("reassurance-force-2025")
    assert card._repr_markdown_() == md_report.report(card)


def test_import_guarantees_does_not_import_jinja2() -> None:
    code = (
        "import sys, guarantees, guarantees.render, guarantees.render.text, "
        "guarantees.render.markdown, guarantees.cli; print('jinja2' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


# -- Markdown ----------------------------------------------------------------------------------


def test_markdown_escapes_a_script_title() -> None:
    proposal = evil_proposal()
    document = md_report.report(guarantees.score(proposal), proposals=[proposal])
    assert "<script" not in document
    assert "&lt;script&gt;alert\\(1\\)" not in document  # parentheses left alone
    assert "## &lt;script&gt;alert(1)&lt;/script&gt;" in document


def test_markdown_escape_neutralises_markdown_syntax() -> None:
    assert md_report.escape("a|b *c* _d_ [e](f) `g`") == r"a\|b \*c\* \_d\_ \[e\](f) \`g\`"
    assert md_report.escape("one\nline  only") == "one line only"


def test_markdown_report_groups_findings_by_severity_with_remedy_and_rationale() -> None:
    card = card_of("article-5-like-offer-2025")
    document = md_report.report(card)
    headings = re.findall(r"^#### (\w+) \((\d+)\)$", document, flags=re.M)
    expected = [
        (s.value.capitalize(), sum(f.severity is s for f in card.findings)) for s in Severity
    ]
    assert [(name, int(n)) for name, n in headings] == [(s, n) for s, n in expected if n]
    assert document.count("*Remedy:*") == len(card.findings)
    assert document.count("*Why it matters:*") == len(card.findings)


def test_markdown_comparison_has_one_row_per_proposal() -> None:
    cards = [card_of(n) for n in NAMES]
    rows = [line for line in md_report.comparison(cards).splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + len(NAMES)  # the header, then one row each
    for card, row in zip(cards, rows[1:], strict=True):
        assert f"`{card.proposal.id}`" in row
        assert f"**{card.verdict.value}**" in row


# -- text --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_text_report_fits_80_columns(name: str) -> None:
    report = text.report(card_of(name))
    assert max(len(line) for line in report.splitlines()) <= text.WIDTH


def test_text_comparison_of_the_catalog_fits_80_columns_one_row_each() -> None:
    table = text.comparison([card_of(n) for n in NAMES])
    lines = table.splitlines()
    assert max(len(line) for line in lines) <= text.WIDTH
    assert len(lines) == 2 + len(NAMES) + 1  # header, rule, one row each, legend


def test_text_report_has_no_escape_codes_unless_colour_is_asked() -> None:
    card = card_of("article-5-like-offer-2025")
    assert "\033[" not in text.report(card)
    coloured = text.report(card, color=True)
    assert "\033[1;35mTRAP\033[0m" in coloured
    assert re.sub(r"\033\[[0-9;]*m", "", coloured) == text.report(card)


def test_text_report_groups_findings_by_severity_worst_first_with_remedies() -> None:
    card = card_of("article-5-like-offer-2025")
    report = text.report(card)
    names = [s.value.upper() for s in Severity]
    headers = [line for line in report.splitlines() if line in names]
    assert headers == [
        s.value.upper() for s in Severity if any(f.severity is s for f in card.findings)
    ]
    assert len(headers) >= 2
    assert report.count("Remedy: ") == len(card.findings)
    positions = [report.index(f"  {f.code}  ") for f in card.findings]
    assert positions == sorted(positions)


def test_text_report_draws_a_40_cell_bar_per_pillar() -> None:
    card = card_of("reassurance-force-2025")
    bars = [line for line in text.report(card).splitlines() if "█" in line or "····" in line]
    assert len(bars) == 3
    presence = card.pillar("presence").score
    assert bars[2].count("█") == round(40 * presence / 100)


# -- SVG ---------------------------------------------------------------------------------------


def test_svg_bar_widths_are_proportional_to_pillar_scores() -> None:
    card = card_of("reassurance-force-2025")
    root = ET.fromstring(svg.pillar_chart(card))
    widths = [
        float(r.get("width", "nan"))
        for r in root.iter("{http://www.w3.org/2000/svg}rect")
        if r.get("class") == "bar"
    ]
    assert widths == [round(220 * p.score / 100, 2) for p in card.pillars]


def test_svg_bar_colour_follows_the_verdict_thresholds() -> None:
    assert [svg.bar_colour(s) for s in (100, 70, 69.99, 45, 44.99, 0)] == [
        "#1a7f37",
        "#1a7f37",
        "#b7791f",
        "#b7791f",
        "#c53030",
        "#c53030",
    ]


# -- every format --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_byte_identical_for_the_same_input(fmt: Any) -> None:
    cards = [card_of(n) for n in NAMES]
    proposals = [catalog.load(n) for n in NAMES]
    first = render(cards, fmt, proposals=proposals)
    again = render([card_of(n) for n in NAMES], fmt, proposals=[catalog.load(n) for n in NAMES])
    assert first == again


def test_json_is_to_dict_one_object_for_one_card_a_list_for_several() -> None:
    one = card_of("three-pillar-architecture")
    two = [one, card_of("kremlin-demands-2025")]
    assert json.loads(render(one, "json")) == one.to_dict()
    assert json.loads(render(two, "json")) == [c.to_dict() for c in two]
    assert json.loads(render(two, "json", layout="compare")) == [c.to_dict() for c in two]


def test_render_refuses_nothing_and_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="at least one scorecard"):
        render([], "text")
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        render(card_of("three-pillar-architecture"), "pdf")  # type: ignore[arg-type]


def test_proposals_must_match_the_scorecards_one_to_one() -> None:
    with pytest.raises(ValueError, match="1 proposals for 2 scorecards"):
        render(
            [card_of(NAMES[0]), card_of(NAMES[1])],
            "html",
            proposals=[catalog.load(NAMES[0])],
        )
