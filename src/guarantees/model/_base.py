"""The base every input model shares: frozen, strict about unknown keys, self-describing."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Model", "PartyId", "Slug"]


class Model(BaseModel):
    """Frozen, ``extra="forbid"`` base: a typo is an error, never silently dropped data."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=True,
        use_attribute_docstrings=False,
        validate_default=False,
    )


Slug = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        max_length=80,
        description="Lower-case identifier: letters, digits, '-' and '_'.",
    ),
]

PartyId = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        max_length=80,
        description="The id of a party declared under `parties`.",
    ),
]
