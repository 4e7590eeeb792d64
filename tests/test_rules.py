"""Every rule fires on its triggering example and stays quiet on its passing one.

The examples live with each rule (``Rule.triggering_example`` / ``passing_example``), so this one
parametrised test gives every rule, by code, a case that triggers it and one that does not.
"""

from __future__ import annotations

import re

import pytest

import guarantees
from guarantees import InvalidCatalog, Proposal, Rule, UnknownRule
from guarantees.rules import BASELINE, Catalog, default_catalog

CATALOG = default_catalog()


def findings_of(proposal: Proposal) -> tuple[str, ...]:
    return guarantees.score(proposal).codes()


def test_baseline_example_triggers_no_rule() -> None:
    assert findings_of(Proposal.model_validate(BASELINE)) == ()


@pytest.mark.parametrize("rule", CATALOG, ids=lambda r: r.code)
def test_rule_fires_on_its_triggering_example(rule: Rule) -> None:
    proposal = Proposal.model_validate(rule.example(triggering=True))
    assert rule.code in findings_of(proposal)


@pytest.mark.parametrize("rule", CATALOG, ids=lambda r: r.code)
def test_rule_is_quiet_on_its_passing_example(rule: Rule) -> None:
    proposal = Proposal.model_validate(rule.example(triggering=False))
    assert rule.code not in findings_of(proposal)


@pytest.mark.parametrize("rule", CATALOG, ids=lambda r: r.code)
def test_rule_is_documented_and_reachable_by_code(rule: Rule) -> None:
    assert guarantees.rule(rule.code) is rule
    assert guarantees.rule(rule.code.lower()) is rule
    assert rule.rationale.count(".") >= 1
    assert len(rule.rationale.split(". ")) <= 3
    assert rule.remedy
    assert rule.title
    assert rule.name


@pytest.mark.parametrize("rule", CATALOG, ids=lambda r: r.code)
def test_rule_message_names_the_real_parties(rule: Rule) -> None:
    proposal = Proposal.model_validate(rule.example(triggering=True))
    (finding,) = [f for f in guarantees.score(proposal).findings if f.code == rule.code]
    names = {p.name for p in proposal.parties}
    assert any(name in finding.message for name in names), finding.message
    assert "{" not in finding.remedy


def test_catalog_has_the_required_severities() -> None:
    by_severity = {s: [r.code for r in CATALOG if r.severity is s] for s in guarantees.Severity}
    assert by_severity[guarantees.Severity.CRITICAL] == ["COM001", "COM002"]
    assert len(by_severity[guarantees.Severity.HIGH]) >= 7
    assert len(by_severity[guarantees.Severity.MEDIUM]) >= 11
    assert len(by_severity[guarantees.Severity.LOW]) >= 4


def test_unknown_rule_code_suggests_the_closest() -> None:
    with pytest.raises(UnknownRule) as info:
        guarantees.rule("COM01")
    assert info.value.suggestion is not None
    assert "did you mean" in str(info.value)


def test_catalog_refuses_duplicate_codes_and_empty_remedies() -> None:
    rule = CATALOG["COM001"]
    import attrs

    with pytest.raises(InvalidCatalog, match="COM001: defined twice"):
        Catalog((rule, rule))
    with pytest.raises(InvalidCatalog, match="empty remedy"):
        Catalog((attrs.evolve(rule, remedy=" "),))
    with pytest.raises(InvalidCatalog, match="capital letters"):
        Catalog((attrs.evolve(rule, code="x1"),))


def test_catalog_is_built_from_explicit_modules_with_no_global_state() -> None:
    from guarantees.rules import presence

    only_presence = Catalog.from_modules(presence)
    assert only_presence.codes() == ("PRE001", "PRE002", "PRE003", "PRE004")
    assert len(default_catalog()) == len(CATALOG)


def test_findings_are_sorted_by_severity_then_code() -> None:
    proposal = Proposal.model_validate(CATALOG["COM001"].example(triggering=True))
    data = {
        **CATALOG["COM001"].example(triggering=True),
        "terms": {"foreign_troop_ban": True, "alliance_ban": True},
        "presence": {"deployments": []},
    }
    found = guarantees.score(Proposal.model_validate(data)).findings
    keys = [(f.severity.rank, f.code) for f in found]
    assert keys == sorted(keys)
    assert found[0].code == "COM001"
    assert proposal.guarantors[-1] == "borduria"


def test_docs_rules_md_is_generated_from_the_catalog() -> None:
    """docs/rules.md is what `python -m guarantees.render.rules_doc` writes: regenerate it after
    changing a rule's title, severity, rationale, remedy or example."""
    from pathlib import Path

    from guarantees.render import rules_doc

    page = (Path(__file__).parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == rules_doc.page()


def test_readme_links_the_rule_reference_and_counts_every_rule() -> None:
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "(docs/rules.md)" in readme
    assert f"{len(CATALOG)} rules flag" in readme
    for severity in guarantees.Severity:
        count = sum(1 for r in CATALOG if r.severity is severity)
        assert re.search(rf"\b{count} {severity.value}\b", readme), severity
