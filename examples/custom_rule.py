"""Write a rule of your own, register it in a catalog, and score with it.

Run: python examples/custom_rule.py
"""

from __future__ import annotations

import guarantees
from guarantees import Context, Hit, Pillar, Severity


@guarantees.define_rule(
    "NUC001",
    "no-nuclear-guarantor",
    title="No nuclear-armed guarantor facing a nuclear-armed adversary",
    pillar=Pillar.COMMITMENTS,
    severity=Severity.MEDIUM,
    rationale="""Against a nuclear-armed adversary, a guarantee without a nuclear-armed
    guarantor leaves escalation dominance to the adversary.""",
    remedy="Add a nuclear-armed guarantor, or extend a nuclear umbrella to {beneficiary}.",
    # Patches to the library's baseline example: make the adversary nuclear-armed.
    triggers={
        "parties": [
            {"id": "ruritania", "name": "Ruritania"},
            {"id": "borduria", "name": "Borduria", "nuclear_armed": True},
            {"id": "freedonia", "name": "Freedonia"},
            {"id": "sylvania", "name": "Sylvania"},
            {"id": "monitors", "name": "Monitoring mission", "kind": "organization"},
        ]
    },
)
def no_nuclear_guarantor(ctx: Context) -> Hit | None:
    p = ctx.proposal
    if not any(p.party(a).nuclear_armed for a in p.adversaries):
        return None
    friendly = [g for g in p.guarantors if g not in ctx.facts.adversaries]
    if any(p.party(g).nuclear_armed for g in friendly):
        return None
    return Hit(
        f"{ctx.facts.adversary} is nuclear-armed and no guarantor of {ctx.facts.beneficiary} is.",
        ("/guarantors",),
    )


def main() -> None:
    catalog = guarantees.rules().with_rules(no_nuclear_guarantor)
    example = guarantees.Proposal.model_validate(no_nuclear_guarantor.example(triggering=True))
    card = guarantees.score(example, catalog=catalog)
    for finding in card.findings:
        print(f"{finding.code} [{finding.severity.value}] {finding.message}")
        print(f"    remedy: {finding.remedy}")
    # Without the custom catalog, the bundled rules alone are used.
    print("bundled rules only:", guarantees.score(example).codes())


if __name__ == "__main__":
    main()
