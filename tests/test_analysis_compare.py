"""Compare: a ranking table, best first, with a deterministic tie-break."""

from __future__ import annotations

import json

from guarantees import Policy, Severity, Verdict, catalog, score
from guarantees.analysis.compare import compare


def test_rows_are_ranked_by_overall_score_best_first() -> None:
    result = compare(*(catalog.load(n) for n in catalog.names()))
    overall = [r.overall for r in result.rows]
    assert overall == sorted(overall, reverse=True)
    assert [r.rank for r in result.rows] == list(range(1, len(result.rows) + 1))


def test_equal_scores_are_ordered_by_verdict_then_findings_then_id() -> None:
    # Kyiv's sequence (hollow) and the Kremlin's demands (trap) both score 0.
    kyiv, kremlin = catalog.load("kyiv-ceasefire-first-2025"), catalog.load("kremlin-demands-2025")
    for order in ((kyiv, kremlin), (kremlin, kyiv)):
        rows = compare(*order).rows
        assert [r.proposal.id for r in rows] == [kyiv.id, kremlin.id]
        assert [r.verdict for r in rows] == [Verdict.HOLLOW, Verdict.TRAP]
        assert all(not r.tied for r in rows)


def test_identical_proposals_tie_and_keep_their_input_order() -> None:
    p = catalog.load("reassurance-force-2025")
    q = p.model_copy(update={"title": "Same content, other title"})
    rows = compare(q, p).rows
    assert [r.proposal.title for r in rows] == [q.title, p.title]
    assert all(r.tied for r in rows)


def test_rows_count_findings_by_severity() -> None:
    p = catalog.load("kremlin-demands-2025")
    card = score(p)
    (row,) = compare(p).rows
    expected = {s: sum(1 for f in card.findings if f.severity is s) for s in Severity}
    assert dict(row.findings) == expected
    assert [s for s, _ in row.findings] == list(Severity)


def test_scorecards_are_taken_as_they_are() -> None:
    p = catalog.load("us-ukraine-agreement-2024")
    card = score(p, Policy.bundled("denial"))
    result = compare(card, catalog.load("uk-ukraine-agreement-2024"))
    assert {r.proposal.id: r.card for r in result.rows}[p.id] is card
    assert {ref.id for ref in result.policies} == {"denial", "default"}


def test_comparison_json_is_its_dict_with_a_schema_version() -> None:
    result = compare(*(catalog.load(n) for n in catalog.names()))
    assert json.loads(result.to_json()) == result.to_dict()
    assert result.to_dict()["schema_version"] == 1
    assert repr(compare(catalog.load("kremlin-demands-2025"))) == (
        "<Comparison [kremlin-demands-2025]>"
    )
