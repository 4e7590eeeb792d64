"""Policies: data, validated like proposals; the default encodes the analysis."""

from __future__ import annotations

from pathlib import Path

import pytest

import guarantees
from guarantees import InvalidPolicy, Policy, Verdict
from guarantees.policy import BUNDLED


def test_bundled_default_file_states_the_model_defaults() -> None:
    bundled = Policy.bundled("default")
    assert bundled.model_copy(update={"title": "", "description": ""}) == Policy()
    assert bundled.title


def test_every_shipped_policy_file_is_a_bundled_name() -> None:
    from importlib import resources

    files = resources.files("guarantees").joinpath("policies").iterdir()
    shipped = sorted(f.name.removesuffix(".toml") for f in files if f.name.endswith(".toml"))
    assert shipped == sorted(BUNDLED)


def test_bundled_policies_load_and_differ() -> None:
    policies = [Policy.bundled(name) for name in BUNDLED]
    assert len({p.hash for p in policies}) == len(BUNDLED)


def test_denial_policy_moves_results() -> None:
    offer = guarantees.load(
        Path(guarantees.__file__).parent / "catalog" / "three-pillar-architecture.yaml"
    )
    weakened = offer.model_copy(update={"presence": guarantees.model.Presence()})
    default = guarantees.score(weakened)
    denial = guarantees.score(weakened, Policy.bundled("denial"))
    assert denial.overall > default.overall
    assert denial.policy.id == "denial"


def test_policy_toml_typo_gets_line_path_and_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text('id = "mine"\n[pillars]\ncapabilites = 2.0\n')
    with pytest.raises(InvalidPolicy) as info:
        Policy.load(path)
    (detail,) = info.value.details
    assert (detail.path, detail.suggestion) == ("/pillars/capabilites", "capabilities")
    assert str(path) in str(info.value)


def test_thresholds_must_be_ordered() -> None:
    with pytest.raises(InvalidPolicy, match="partial"):
        Policy.load("[thresholds]\ncredible = 40.0\npartial = 60.0\n")


def test_a_pillar_needs_some_criterion_weight() -> None:
    zero = "\n".join(
        f"{k} = 0.0" for k in ("core_coverage", "funded_share", "horizon", "delivery_assured")
    )
    with pytest.raises(InvalidPolicy, match="every capabilities criterion weighs 0"):
        Policy.load(f"[criteria.capabilities]\n{zero}\n")


def test_negative_weight_is_refused() -> None:
    with pytest.raises(InvalidPolicy, match="/pillars/presence"):
        Policy.load("[pillars]\npresence = -1.0\n")


def test_unknown_bundled_policy_suggests_a_name() -> None:
    with pytest.raises(InvalidPolicy, match="did you mean 'denial'"):
        Policy.bundled("denail")


def test_policy_hash_is_content_based() -> None:
    assert Policy().hash == Policy.bundled().hash
    assert Policy(pillar_floor=41).hash != Policy().hash
    assert len(Policy().hash) == 12


def test_severity_effects_are_policy_data() -> None:
    lenient = Policy.model_validate({"severity": {"critical": {"max_verdict": "hollow"}}})
    offer = guarantees.load(
        Path(guarantees.__file__).parent / "catalog" / "article-5-like-offer-2025.yaml"
    )
    assert guarantees.score(offer, lenient).verdict is Verdict.HOLLOW
