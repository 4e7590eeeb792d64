"""Embed the library in another tool: JSON proposal in, JSON out, validation errors as data.

Run: python examples/embed_json.py < proposal.json
     python examples/embed_json.py path/to/proposal.json
The answer is one JSON object on stdout: {"ok": true, "scorecard": {...}} or
{"ok": false, "errors": [{"path": ..., "line": ..., "message": ..., "suggestion": ...}]}.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import guarantees


def handle(text: str) -> dict[str, Any]:
    """What a service endpoint would return for one request body."""
    try:
        proposal = guarantees.load(text, format="json")
    except guarantees.InvalidProposal as exc:
        return {
            "ok": False,
            "errors": [
                {"path": d.path, "line": d.line, "message": d.message, "suggestion": d.suggestion}
                for d in exc.details
            ],
        }
    except guarantees.GuaranteesError as exc:
        return {
            "ok": False,
            "errors": [{"path": "", "line": None, "message": str(exc), "suggestion": None}],
        }
    return {"ok": True, "scorecard": guarantees.score(proposal).to_dict()}


def main() -> int:
    if len(sys.argv) > 1:
        with open(sys.argv[1], encoding="utf-8") as handle_:
            text = handle_.read()
    else:
        text = sys.stdin.read()
    answer = handle(text)
    print(json.dumps(answer, indent=2, ensure_ascii=False))
    return 0 if answer["ok"] else 2


if __name__ == "__main__":
    sys.exit(main())
