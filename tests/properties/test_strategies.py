"""The public strategies are tested too: valid output, every field and enum reached, knobs kept."""

from __future__ import annotations

import types
import typing
from enum import Enum
from typing import Any

import pytest
from hypothesis import Phase, event, find, given, seed, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from pydantic import BaseModel

import guarantees
from guarantees import Pillar, Policy, Proposal, Verdict, score
from guarantees.facts import Facts
from guarantees.strategies import (
    DEGRADATIONS,
    IMPROVEMENTS,
    degradations,
    improvements,
    policies,
    proposals,
    rewrites,
    strong_proposals,
)

# -- what a sample must reach ----------------------------------------------------------------


def _options(annotation: Any) -> tuple[bool, Any]:
    """(whether None is allowed, the annotation without None and without `Annotated`)."""
    nullable = False
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        nullable = True
        (annotation,) = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return nullable, annotation


def expected_features(model: type[BaseModel], out: set[str] | None = None) -> set[str]:
    """Every value class a sample should reach, read from the model itself: both sides of each
    optional field and boolean, every enum member, empty and non-empty lists and free text."""
    out = set() if out is None else out
    for name, field in model.model_fields.items():
        key = f"{model.__name__}.{name}"
        nullable, core = _options(field.annotation)
        if nullable:
            out.add(f"{key}=None")
        if typing.get_origin(core) is tuple:
            out.add(f"{key}=nonempty")
            if not any(getattr(m, "min_length", 0) for m in field.metadata):
                out.add(f"{key}=empty")
            (item, *_) = typing.get_args(core)
            if isinstance(item, type) and issubclass(item, BaseModel):
                expected_features(item, out)
        elif core is bool:
            out |= {f"{key}=True", f"{key}=False"}
        elif isinstance(core, type) and issubclass(core, Enum):
            out |= {f"{key}={member.value}" for member in core}
        elif isinstance(core, type) and issubclass(core, BaseModel):
            out.add(f"{key}=set")
            expected_features(core, out)
        elif core is str:
            out.add(f"{key}=text")
            if field.default == "":
                out.add(f"{key}=empty")
        else:
            out.add(f"{key}=set")
    return out


def _value_class(value: Any) -> str:
    if value is None:
        return "None"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, tuple):
        return "nonempty" if value else "empty"
    if isinstance(value, str):
        return "text" if value else "empty"
    return "set"


def features(model: BaseModel, out: set[str] | None = None) -> set[str]:
    """The value classes one generated model instance reaches (see :func:`expected_features`)."""
    out = set() if out is None else out
    for name in type(model).model_fields:
        value = getattr(model, name)
        out.add(f"{type(model).__name__}.{name}={_value_class(value)}")
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, BaseModel):
                features(item, out)
    return out


ROLES = {
    "role: adversary among guarantors",
    "role: adversary leads",
    "role: no guarantor",
    "role: only adversary guarantors",
    "role: two adversaries",
    "role: adversary verifies a trigger",
    "role: adversary responds",
    "role: adversary contributes forces",
    "role: adversary provides a pledge",
    "veto: listed",
    "veto: unanimity",
    "veto: Security Council decision",
    "veto: Security Council referral only",
}


def roles(p: Proposal) -> set[str]:
    adversaries = set(p.adversaries)
    found = {
        "role: adversary among guarantors": bool(adversaries & set(p.guarantors)),
        "role: adversary leads": p.lead_guarantor in adversaries,
        "role: no guarantor": not p.guarantors,
        "role: only adversary guarantors": bool(p.guarantors) and set(p.guarantors) <= adversaries,
        "role: two adversaries": len(adversaries) > 1,
        "role: adversary verifies a trigger": any(
            adversaries & set(t.verified_by) for t in p.commitments.triggers
        ),
        "role: adversary responds": any(
            adversaries & set(r.responders) for r in p.commitments.responses
        ),
        "role: adversary contributes forces": any(
            adversaries & set(d.contributors) for d in p.presence.deployments
        ),
        "role: adversary provides a pledge": any(
            adversaries & set(pl.providers) for pl in p.capabilities.pledges
        ),
    }
    reasons = " ".join(v.reason for v in Facts.of(p).vetoes)
    found["veto: listed"] = "veto holder" in reasons
    found["veto: unanimity"] = "every guarantor's consent" in reasons
    found["veto: Security Council decision"] = "decided in the UN Security Council" in reasons
    found["veto: Security Council referral only"] = "only response that could bite" in reasons
    return {name for name, present in found.items() if present}


def test_strategies_reach_every_field_enum_value_and_role() -> None:
    """Over a fixed-seed sample of 500 proposals, every enum value, both sides of every optional
    field and boolean, empty and non-empty lists, and every role of the adversary are reached."""
    seen: set[str] = set()

    @seed(20250820)
    @settings(max_examples=500, database=None, phases=[Phase.generate], deadline=None)
    @given(proposals())
    def collect(p: Proposal) -> None:
        seen.update(features(p))
        seen.update(roles(p))

    collect()
    wanted = expected_features(Proposal) | {"Proposal.id=text"} | ROLES
    assert sorted(wanted - seen) == []
    assert len(wanted) > 200  # the model walk found the whole model


def test_the_model_walk_sees_every_model_class() -> None:
    names = {key.split(".")[0] for key in expected_features(Proposal)}
    assert names == {
        "Proposal", "Source", "Note", "Outcome", "Party", "Legal", "Capabilities", "Pledge",
        "Commitments", "Trigger", "Response", "AdversaryDeadline", "Presence", "Deployment",
        "Terms",
    }  # fmt: skip


# -- valid output ----------------------------------------------------------------------------


@given(proposals())
def test_generated_proposals_validate_again_from_their_plain_data(p: Proposal) -> None:
    """Every generated proposal is what validating its plain data gives back."""
    event(f"status: {p.status.value}")
    event(f"guarantors: {len(p.guarantors)}")
    event(f"verdict: {score(p).verdict.value}")
    assert Proposal.model_validate(p.model_dump(mode="json")) == p
    assert Proposal.model_validate_json(guarantees.dump(p, "json")) == p


@given(policies(vary_severity=True, disable_rules=True))
def test_generated_policies_are_valid_and_ordered(policy: Policy) -> None:
    """Positive pillar weights, non-negative criterion weights with one positive per pillar,
    partial below credible, and the policy validates again from its plain data."""
    assert Policy.model_validate(policy.model_dump(mode="json")) == policy
    assert all(w > 0 for w in policy.pillars.model_dump().values())
    for section in policy.criteria.model_dump().values():
        assert all(w >= 0 for w in section.values())
        assert any(w > 0 for w in section.values())
    assert 0 < policy.thresholds.partial < policy.thresholds.credible <= 100


@given(proposals(), policies(), st.data())
def test_every_change_gives_a_valid_proposal(
    p: Proposal, policy: Policy, data: st.DataObject
) -> None:
    """Each improvement and degradation returns a proposal that validates again."""
    change = data.draw(
        st.one_of(improvements(parameters=policy.parameters), degradations()), label="change"
    )
    event(change.name)
    changed = change(p)
    assert Proposal.model_validate(changed.model_dump(mode="json")) == changed
    assert change.name in (IMPROVEMENTS if change.kind == "improvement" else DEGRADATIONS)
    assert repr(change).startswith(f"{change.kind}({change.name!r}")


@given(strong_proposals())
def test_strong_proposals_are_credible_under_the_default_policy(p: Proposal) -> None:
    card = score(p)
    assert card.verdict is Verdict.CREDIBLE, (card.codes(), [x.score for x in card.pillars])


@pytest.mark.parametrize("pillar", list(Pillar), ids=lambda p: p.value)
@given(p=proposals(), data=st.data())
def test_rewrites_keep_everything_but_the_pillars_sections(
    pillar: Pillar, p: Proposal, data: st.DataObject
) -> None:
    sections = {
        Pillar.CAPABILITIES: {"capabilities"},
        Pillar.COMMITMENTS: {"commitments", "legal"},
        Pillar.PRESENCE: {"presence"},
    }[pillar]
    changed = data.draw(rewrites(p, pillar))
    for name in Proposal.model_fields:
        if name not in sections:
            assert getattr(changed, name) == getattr(p, name), name


# -- knobs -----------------------------------------------------------------------------------


def _friendly(p: Proposal, ids: tuple[str, ...]) -> bool:
    return any(i not in p.adversaries for i in ids)


def _adversary_is_guarantor(p: Proposal) -> bool:
    return bool(set(p.adversaries) & set(p.guarantors))


def _adversary_holds_veto(p: Proposal) -> bool:
    return "COM002" in score(p).codes()


def _with_capabilities(p: Proposal) -> bool:
    return any(_friendly(p, x.providers) for x in p.capabilities.pledges)


def _with_commitments(p: Proposal) -> bool:
    if not (p.commitments.triggers and p.commitments.responses):
        assert p.commitments == type(p.commitments)()
        return False
    return True


def _with_presence(p: Proposal) -> bool:
    if not any(_friendly(p, d.contributors) for d in p.presence.deployments):
        assert p.presence == type(p.presence)()
        return False
    return True


KNOBS = {
    "adversary_is_guarantor": _adversary_is_guarantor,
    "adversary_holds_veto": _adversary_holds_veto,
    "with_capabilities": _with_capabilities,
    "with_commitments": _with_commitments,
    "with_presence": _with_presence,
}


@pytest.mark.parametrize("knob", KNOBS)
@settings(max_examples=max(10, settings.default.max_examples // 3))
@given(on=st.booleans(), data=st.data())
def test_knobs_force_or_forbid_their_feature(knob: str, on: bool, data: st.DataObject) -> None:
    """Each knob set to True forces its feature and set to False forbids it (an empty section
    for `with_commitments` and `with_presence`)."""
    p = data.draw(proposals(**{knob: on}), label=knob)
    assert KNOBS[knob](p) is on


@given(st.integers(0, 6), st.integers(1, 4), st.data())
def test_min_guarantors_and_max_items_bound_the_proposal(
    least: int, most: int, data: st.DataObject
) -> None:
    p = data.draw(proposals(min_guarantors=least, max_items=most))
    assert len([g for g in p.guarantors if g not in p.adversaries]) >= least
    lists = (
        p.capabilities.pledges,
        p.commitments.triggers,
        p.commitments.responses,
        p.commitments.adversary_deadlines,
        p.presence.deployments,
        p.sources,
        p.notes,
        p.tags,
    )
    assert all(len(items) <= most for items in lists)


def test_strategies_shrink_to_a_small_readable_proposal() -> None:
    """The minimal proposal is two parties with the sections empty and every fact unstated."""
    p = find(proposals(), lambda _: True, settings=settings(database=None))
    assert [x.id for x in p.parties] == ["ruritania", "borduria"]
    assert (p.id, p.title, p.guarantors, p.lead_guarantor) == (
        "proposal",
        "A guarantee for Ruritania",
        (),
        None,
    )
    assert guarantees.dump(p).count("\n") < 15


def test_bad_knobs_and_unknown_change_names_are_refused_with_a_hint() -> None:
    with pytest.raises(InvalidArgument, match="min_guarantors"):
        proposals(min_guarantors=7).validate()
    with pytest.raises(InvalidArgument, match="no veto"):
        proposals(with_commitments=False, adversary_holds_veto=True).validate()
    with pytest.raises(InvalidArgument, match="did you mean 'add-core-pledge'"):
        improvements("add-core-pledges")
    with pytest.raises(InvalidArgument, match="no change named"):
        degradations("nothing-like-it")


def test_hypothesis_is_imported_only_by_the_strategies_module() -> None:
    from pathlib import Path

    package = Path(guarantees.__file__).parent
    importers = sorted(
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if any(
            line.lstrip().startswith(("import hypothesis", "from hypothesis"))
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    )
    assert importers == ["strategies.py"]
