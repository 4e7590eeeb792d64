"""Load a policy of your own from TOML and see how the bundled proposals move under it.

Run: python examples/custom_policy.py [examples/policies/cautious.toml]
"""

from __future__ import annotations

import sys
from pathlib import Path

import guarantees


def main() -> None:
    path = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).parent / "policies" / "cautious.toml"
    )
    mine = guarantees.Policy.load(path)
    default = guarantees.Policy.bundled()
    print(f"policy {mine.id} (hash {mine.hash}) against {default.id} (hash {default.hash})")
    print(f"{'proposal':40} {'default':>16} {mine.id:>16}")
    for name in guarantees.catalog.names():
        proposal = guarantees.catalog.load(name)
        a, b = guarantees.score(proposal, default), guarantees.score(proposal, mine)
        print(
            f"{name:40} {a.overall:6.1f} {a.verdict.value:>9} {b.overall:6.1f} {b.verdict.value:>9}"
        )


if __name__ == "__main__":
    main()
