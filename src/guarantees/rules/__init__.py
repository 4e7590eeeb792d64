"""Rules: each flags one weakness, with a stable code, a rationale, a remedy and two examples.

Codes by pillar: ``CAP`` capabilities, ``COM`` commitments, ``PRE`` presence, ``TRM`` terms
imposed by the package (each terms rule is filed under the pillar it undermines).
"""

from __future__ import annotations

from functools import cache

from . import capabilities, commitments, presence, terms
from ._examples import BASELINE, apply_patch
from ._rule import ENTRY_POINT_GROUP, Catalog, Context, Hit, Rule, define_rule

__all__ = [
    "BASELINE",
    "ENTRY_POINT_GROUP",
    "Catalog",
    "Context",
    "Hit",
    "Rule",
    "apply_patch",
    "default_catalog",
    "define_rule",
]


@cache
def default_catalog() -> Catalog:
    """The bundled rules (built once; a catalog is immutable, so sharing it is safe)."""
    return Catalog.from_modules(capabilities, commitments, presence, terms)
