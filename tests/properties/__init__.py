"""Property-based tests: the scoring rules the library promises its users, checked by Hypothesis.

Each test is named for the rule it pins and quotes it in its docstring; the README lists them under
"Guarantees to users (tested properties)". The assertions live in :mod:`.checks` so that
``test_mutations`` can run the same properties against deliberately broken scorers.
"""
