"""Compare several proposals: a ranking table, then how well the ranking survives other weights.

Run: python examples/compare.py                         (the real instruments in the catalog)
     python examples/compare.py NAME-OR-FILE ...        (any catalog names or proposal files)
"""

from __future__ import annotations

import sys
from pathlib import Path

import guarantees

REAL_INSTRUMENTS = (
    "budapest-memorandum-1994",
    "nato-article-5-baltic-efp-2017",
    "us-rok-mutual-defense-treaty-1953",
    "istanbul-communique-2022",
    "uk-ukraine-agreement-2024",
    "us-ukraine-agreement-2024",
)


def main(argv: list[str]) -> int:
    try:
        proposals = [
            guarantees.load(a) if Path(a).is_file() else guarantees.catalog.load(a)
            for a in (argv or REAL_INSTRUMENTS)
        ]
    except guarantees.GuaranteesError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    table = guarantees.compare(*proposals)
    print(table.to_text())

    # Would another analyst, weighing the criteria differently, rank them the same way?
    robust = guarantees.sensitivity(proposals, samples=2_000, spread=0.25, seed=7)
    print("Probability of ranking first when the weights vary by about 25%:")
    for item in robust.proposals:
        interval = f"{item.low:5.1f}-{item.high:5.1f}"
        print(f"  {item.proposal.id:<36} first {item.first:6.1%}   overall {interval}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
