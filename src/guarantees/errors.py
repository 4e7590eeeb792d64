"""The exception tree of ``guarantees``: one root, so callers can catch everything we raise.

::

    GuaranteesError
    ├── InvalidProposal (ValueError)   a proposal file or dict that does not validate
    ├── InvalidPolicy (ValueError)     a policy file or dict that does not validate
    ├── InputTooLarge (ValueError)     a file over the size limit, refused before parsing
    ├── UnknownRule (KeyError)         a rule code that is not in the catalog
    ├── UnknownEntry (KeyError)        a catalog name that is not bundled
    └── InvalidCatalog (ValueError)    a rule catalog built from inconsistent rules
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

__all__ = [
    "ErrorDetail",
    "GuaranteesError",
    "InputTooLarge",
    "InvalidCatalog",
    "InvalidPolicy",
    "InvalidProposal",
    "UnknownEntry",
    "UnknownRule",
]


@attrs.frozen
class ErrorDetail:
    """One problem in an input: where it is (field path, line) and what is wrong."""

    path: str
    """JSON Pointer to the field, e.g. ``/commitments/responses/2/kind``; ``""`` for the root."""
    message: str
    line: int | None = None
    suggestion: str | None = None

    def render(self, source: str | None = None) -> str:
        where = source or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        text = f"{where}: {self.path or '/'}: {self.message}"
        if self.suggestion:
            text += f" (did you mean {self.suggestion!r}?)"
        return text


class GuaranteesError(Exception):
    """Root of every error this library raises on purpose."""


class _InputError(GuaranteesError, ValueError):
    """An input that could not be accepted; carries every problem found, not only the first."""

    kind = "input"

    def __init__(self, details: Sequence[ErrorDetail], source: str | None = None) -> None:
        self.details = tuple(details)
        self.source = source
        super().__init__(self.details, source)

    def __str__(self) -> str:
        head = f"invalid {self.kind}" + (f" in {self.source}" if self.source else "")
        count = len(self.details)
        lines = [f"{head}: {count} problem{'s' if count != 1 else ''}"]
        lines.extend("  " + d.render(self.source) for d in self.details)
        return "\n".join(lines)


class InvalidProposal(_InputError):
    """A proposal that cannot be read or does not validate."""

    kind = "proposal"


class InvalidPolicy(_InputError):
    """A policy that cannot be read or does not validate."""

    kind = "policy"


class InputTooLarge(GuaranteesError, ValueError):
    """An input over the size limit; refused before parsing so a huge file costs nothing."""

    def __init__(self, source: str, size: int, limit: int) -> None:
        self.source, self.size, self.limit = source, size, limit
        super().__init__(source, size, limit)

    def __str__(self) -> str:
        return f"{self.source}: {self.size} bytes is over the {self.limit}-byte limit for one input"


class UnknownRule(GuaranteesError, KeyError):
    """A rule code that the catalog does not hold."""

    def __init__(self, code: str, suggestion: str | None = None) -> None:
        self.code, self.suggestion = code, suggestion
        super().__init__(code, suggestion)

    def __str__(self) -> str:
        hint = f" (did you mean {self.suggestion!r}?)" if self.suggestion else ""
        return f"no rule with code {self.code!r}{hint}"


class UnknownEntry(GuaranteesError, KeyError):
    """A catalog name that is not bundled."""

    def __init__(self, name: str, suggestion: str | None = None) -> None:
        self.name, self.suggestion = name, suggestion
        super().__init__(name, suggestion)

    def __str__(self) -> str:
        hint = f" (did you mean {self.suggestion!r}?)" if self.suggestion else ""
        return f"no bundled proposal named {self.name!r}{hint}"


class InvalidCatalog(GuaranteesError, ValueError):
    """A rule catalog whose rules conflict or are incomplete (duplicate code, empty remedy, ...)."""
