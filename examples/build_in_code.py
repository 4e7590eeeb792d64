"""Build a proposal in Python, score it, and see what one change does.

Run: python examples/build_in_code.py
"""

from __future__ import annotations

import guarantees
from guarantees.model import (
    Commitments,
    DecisionRule,
    Legal,
    LegalForm,
    Party,
    Response,
    ResponseKind,
    Trigger,
    TriggerEvent,
)


def main() -> None:
    proposal = guarantees.Proposal(
        id="pacific-assurance",
        title="A bilateral assurance for an island state",
        status=guarantees.model.Status.DRAFT,
        parties=(
            Party(id="islandia", name="Islandia"),
            Party(id="mainland", name="Mainland", nuclear_armed=True),
            Party(id="oceania", name="Oceania", nuclear_armed=True),
        ),
        beneficiary="islandia",
        adversaries=("mainland",),
        guarantors=("oceania",),
        lead_guarantor="oceania",
        legal=Legal(form=LegalForm.EXECUTIVE_AGREEMENT, duration_years=10),
        commitments=Commitments(
            triggers=(Trigger(event=TriggerEvent.ARMED_ATTACK, specific=True, verifiable=True),),
            responses=(Response(kind=ResponseKind.CONSULTATION, deadline_days=1),),
            decision_rule=DecisionRule.EACH_GUARANTOR,
        ),
    )
    before = guarantees.score(proposal)
    print(f"as drafted: {before.overall:5.1f} {before.verdict.value:9} {before.codes()}")

    # One change: an automatic, sized, time-bound sanctions escalator.
    sanctions = Response(
        kind=ResponseKind.SANCTIONS_ESCALATOR,
        automatic=True,
        deadline_days=14,
        size_predefined=True,
    )
    commitments = proposal.commitments.model_copy(
        update={"responses": (*proposal.commitments.responses, sanctions)}
    )
    # model_copy does not re-validate; validating the dump keeps every cross-field check.
    after_proposal = guarantees.Proposal.model_validate(
        proposal.model_copy(update={"commitments": commitments}).model_dump()
    )
    after = guarantees.score(after_proposal)
    print(f"with sanctions: {after.overall:5.1f} {after.verdict.value:9} {after.codes()}")
    print(
        f"commitments pillar: {before.pillar('commitments').score} -> "
        f"{after.pillar('commitments').score}"
    )


if __name__ == "__main__":
    main()
