"""Bundled proposals: real instruments coded from their texts, and the seed analysis's cases.

Each entry is a YAML file in this package with its sources and notes on non-obvious readings;
``names()`` lists them and ``load(name)`` validates one.
"""

from __future__ import annotations

import difflib
from functools import cache
from importlib import resources

from ..errors import UnknownEntry
from ..io import load_model
from ..model import Proposal

__all__ = ["load", "names"]


def names() -> tuple[str, ...]:
    """The names of the bundled proposals, sorted."""
    return _names()


def load(name: str) -> Proposal:
    """One bundled proposal by name (``UnknownEntry``, with a suggestion, when there is none)."""
    if name not in _names():
        close = difflib.get_close_matches(name, _names(), n=1)
        raise UnknownEntry(name, close[0] if close else None)
    return _load(name)


@cache
def _names() -> tuple[str, ...]:
    folder = resources.files(__name__)
    return tuple(
        sorted(e.name.removesuffix(".yaml") for e in folder.iterdir() if e.name.endswith(".yaml"))
    )


@cache
def _load(name: str) -> Proposal:
    entry = resources.files(__name__).joinpath(f"{name}.yaml")
    return load_model(Proposal, entry.read_text("utf-8"), format="yaml")
