"""Score international security guarantees on capabilities, commitments and presence.

The flow runs one way: :func:`load` a file into a validated :class:`Proposal`, :func:`score` it
under a :class:`Policy` into a :class:`Scorecard`, and render that as text, JSON, Markdown or HTML.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .errors import (
    ErrorDetail,
    GuaranteesError,
    InputTooLarge,
    InvalidCatalog,
    InvalidPolicy,
    InvalidProposal,
    UnknownEntry,
    UnknownRule,
)
from .io import MAX_BYTES, dump, load, save
from .model import Proposal, json_schema

try:
    __version__ = version("guarantees")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

__all__ = [
    "MAX_BYTES",
    "ErrorDetail",
    "GuaranteesError",
    "InputTooLarge",
    "InvalidCatalog",
    "InvalidPolicy",
    "InvalidProposal",
    "Proposal",
    "UnknownEntry",
    "UnknownRule",
    "__version__",
    "dump",
    "json_schema",
    "load",
    "save",
]


def __dir__() -> list[str]:
    return list(__all__)
