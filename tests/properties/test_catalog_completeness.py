"""Every rule of the catalog can be reached by the strategies, both ways.

The tests are generated from ``guarantees.rules()``: a new rule gets its two tests without an edit
here, and fails them if the strategies cannot produce a proposal that triggers it.
"""

from __future__ import annotations

from random import Random

import pytest
from hypothesis import Phase, find, settings
from hypothesis import strategies as st

import guarantees
from guarantees import Proposal, Rule, score
from guarantees.strategies import degradations, proposals, strong_proposals

SOURCES = st.one_of(
    proposals(),
    strong_proposals(),
    st.tuples(strong_proposals(), degradations()).map(lambda pc: pc[1](pc[0])),
)
# An existence check, so no shrinking; a fixed random per case keeps it deterministic.
SEARCH = settings(max_examples=2000, database=None, phases=[Phase.generate], deadline=None)


def codes(p: Proposal) -> tuple[str, ...]:
    return score(p).codes()


@pytest.mark.parametrize("rule", guarantees.rules(), ids=lambda r: r.code)
def test_strategies_produce_a_proposal_that_triggers_the_rule(rule: Rule) -> None:
    """For every rule in the catalog, the strategies can produce a proposal that triggers it."""
    found = find(
        SOURCES,
        lambda p: rule.code in codes(p),
        settings=SEARCH,
        random=Random(f"{rule.code}-fires"),
    )
    assert rule.code in codes(found)


@pytest.mark.parametrize("rule", guarantees.rules(), ids=lambda r: r.code)
def test_strategies_produce_a_proposal_that_avoids_the_rule(rule: Rule) -> None:
    """For every rule in the catalog, the strategies can produce a proposal that does not
    trigger it."""
    found = find(
        SOURCES,
        lambda p: rule.code not in codes(p),
        settings=SEARCH,
        random=Random(f"{rule.code}-quiet"),
    )
    assert rule.code not in codes(found)
