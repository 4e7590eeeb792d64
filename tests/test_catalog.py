"""The bundled catalog: every entry loads, is sourced, and is named by its id."""

from __future__ import annotations

import pytest

import guarantees
from guarantees import catalog


def test_catalog_lists_the_seed_entries() -> None:
    assert {"article-5-like-offer-2025", "three-pillar-architecture"} <= set(catalog.names())


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
