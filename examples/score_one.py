"""Score one proposal and print the report an analyst would read, then trace one finding.

Run: python examples/score_one.py                      (the Budapest Memorandum, bundled)
     python examples/score_one.py NAME-OR-FILE         (any catalog name or proposal file)
"""

from __future__ import annotations

import sys
from pathlib import Path

import guarantees
from guarantees.render import render


def main(argv: list[str]) -> int:
    arg = argv[0] if argv else "budapest-memorandum-1994"
    try:
        proposal = guarantees.load(arg) if Path(arg).is_file() else guarantees.catalog.load(arg)
    except guarantees.GuaranteesError as exc:  # a bad file or an unknown name: one clear line
        print(f"error: {exc}", file=sys.stderr)
        return 2
    card = guarantees.score(proposal)
    print(render(card, "text"), end="")

    # Every finding traces to a rule with a stable code, its rationale and the evidence paths.
    if card.findings:
        worst = card.findings[0]
        rule = guarantees.rule(worst.code)
        print(f"\nWhy {worst.code} matters: {rule.rationale}")
        print(f"Where: {', '.join(worst.evidence)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
