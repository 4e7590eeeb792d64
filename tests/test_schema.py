"""The committed JSON Schema is the model's: editors and other tools read the file, not the code."""

from __future__ import annotations

import json
from pathlib import Path

from guarantees import json_schema

COMMITTED = Path(__file__).parent.parent / "schema" / "proposal.schema.json"


def test_committed_schema_matches_the_model() -> None:
    assert json.loads(COMMITTED.read_text()) == json_schema(), (
        "schema/proposal.schema.json is stale: regenerate it with `guarantees schema`"
    )


def test_schema_forbids_unknown_fields_everywhere() -> None:
    schema = json_schema()
    objects = [schema, *schema["$defs"].values()]
    assert all(d.get("additionalProperties") is False for d in objects if d.get("type") == "object")
