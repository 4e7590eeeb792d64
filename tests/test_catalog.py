"""The bundled catalog: every entry loads, is sourced, and is named by its id."""

from __future__ import annotations

import pytest

import guarantees
from guarantees import catalog

SEED_ENTRIES = {
    "article-5-like-offer-2025",
    "kremlin-demands-2025",
    "kyiv-ceasefire-first-2025",
    "three-pillar-architecture",
}
REAL_INSTRUMENTS = {
    "budapest-memorandum-1994",
    "g7-joint-declaration-2023",
    "istanbul-communique-2022",
    "kyiv-security-compact-2022",
    "nato-article-5-baltic-efp-2017",
    "reassurance-force-2025",
    "uk-ukraine-agreement-2024",
    "us-rok-mutual-defense-treaty-1953",
    "us-ukraine-agreement-2024",
}


def _card(name: str) -> guarantees.Scorecard:
    return guarantees.score(catalog.load(name))


def test_catalog_lists_the_seed_cases_and_the_real_instruments() -> None:
    assert set(catalog.names()) >= SEED_ENTRIES | REAL_INSTRUMENTS


@pytest.mark.parametrize("name", sorted(REAL_INSTRUMENTS))
def test_real_instrument_records_its_outcome_with_a_source(name: str) -> None:
    outcome = catalog.load(name).outcome
    assert outcome is not None
    assert outcome.source is not None
    assert outcome.summary


@pytest.mark.parametrize(
    "stronger", ["nato-article-5-baltic-efp-2017", "us-rok-mutual-defense-treaty-1953"]
)
def test_history_alliances_with_forward_forces_outscore_the_budapest_memorandum(
    stronger: str,
) -> None:
    strong, budapest = _card(stronger), _card("budapest-memorandum-1994")
    assert strong.overall > budapest.overall
    assert strong.verdict.rank < budapest.verdict.rank


def test_history_the_istanbul_draft_carries_the_critical_veto_finding() -> None:
    card = _card("istanbul-communique-2022")
    assert "COM002" in {f.code for f in card.findings}
    assert card.verdict is guarantees.Verdict.TRAP


@pytest.mark.parametrize("bilateral", ["uk-ukraine-agreement-2024", "us-ukraine-agreement-2024"])
def test_history_the_2024_bilateral_agreements_land_between_budapest_and_the_alliances(
    bilateral: str,
) -> None:
    middle = _card(bilateral).overall
    assert _card("budapest-memorandum-1994").overall < middle
    for alliance in ("nato-article-5-baltic-efp-2017", "us-rok-mutual-defense-treaty-1953"):
        assert middle < _card(alliance).overall


@pytest.mark.parametrize("name", catalog.names())
def test_entry_loads_and_its_id_is_its_name(name: str) -> None:
    proposal = catalog.load(name)
    assert proposal.id == name
    assert proposal.sources, "every entry names its sources"
    assert proposal.notes, "every entry explains its non-obvious readings"


@pytest.mark.parametrize("name", catalog.names())
def test_entry_scores(name: str) -> None:
    card = guarantees.score(catalog.load(name))
    assert 0 <= card.overall <= 100


def test_unknown_entry_suggests_a_name() -> None:
    with pytest.raises(guarantees.UnknownEntry, match="did you mean 'three-pillar-architecture'"):
        catalog.load("three-pillar-architectur")


def test_committed_calibration_table_matches_the_code() -> None:
    from pathlib import Path

    from guarantees.calibration import calibration_table

    committed = Path(__file__).parent.parent / "docs" / "calibration.md"
    assert committed.read_text() == calibration_table(), (
        "docs/calibration.md is stale: run `python -m guarantees.calibration > docs/calibration.md`"
    )
