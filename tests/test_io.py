"""Loading and saving: every format, every problem reported with file, line, path and suggestion."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
import yaml

from guarantees import InputTooLarge, InvalidProposal, Proposal, dump, load, save
from guarantees.io import MAX_BYTES


def as_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False)


def test_yaml_json_and_toml_load_the_same_proposal(
    full_data: dict[str, Any], tmp_path: Path
) -> None:
    from_yaml = load(as_yaml(full_data))
    from_json = load(json.dumps(full_data))
    toml_path = tmp_path / "p.toml"
    toml_path.write_text(_to_toml(full_data))
    assert from_yaml == from_json == load(toml_path)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_load_dump_load_round_trips(full_data: dict[str, Any], fmt: Any) -> None:
    p = load(as_yaml(full_data))
    assert load(dump(p, fmt), format=fmt) == p


def test_dump_omits_defaults_and_invents_nothing(full_data: dict[str, Any]) -> None:
    text = dump(load(as_yaml(full_data)))
    assert "kind: state" not in text
    assert "indefinite" not in text


def test_save_writes_by_suffix_and_loads_back(full_data: dict[str, Any], tmp_path: Path) -> None:
    p = load(as_yaml(full_data))
    for name in ["out.yaml", "out.json"]:
        save(p, tmp_path / name)
        assert load(tmp_path / name) == p
    assert sorted(f.name for f in tmp_path.iterdir()) == ["out.json", "out.yaml"]


def test_typo_in_field_gets_file_line_path_and_suggestion(
    full_data: dict[str, Any], tmp_path: Path
) -> None:
    full_data["comitments"] = full_data.pop("commitments")
    path = tmp_path / "offer.yaml"
    path.write_text(as_yaml(full_data))
    with pytest.raises(InvalidProposal) as info:
        load(path)
    detail = info.value.details[0]
    assert detail.path == "/comitments"
    assert detail.suggestion == "commitments"
    assert detail.line == as_yaml(full_data).splitlines().index("comitments:") + 1
    message = str(info.value)
    assert f"{path}:{detail.line}: /comitments: unknown field" in message
    assert "did you mean 'commitments'?" in message


def test_typo_in_enum_value_gets_a_suggestion(full_data: dict[str, Any]) -> None:
    full_data["commitments"]["responses"][0]["kind"] = "sanction"
    with pytest.raises(InvalidProposal) as info:
        load(as_yaml(full_data))
    (detail,) = info.value.details
    assert detail.path == "/commitments/responses/0/kind"
    assert detail.suggestion == "sanctions_escalator"
    assert "'sanction' is not one of" in detail.message


def test_nested_typo_gets_the_nested_fields_as_suggestions(full_data: dict[str, Any]) -> None:
    full_data["presence"]["deployments"][0]["personel"] = 5
    with pytest.raises(InvalidProposal) as info:
        load(as_yaml(full_data))
    (detail,) = info.value.details
    assert (detail.path, detail.suggestion) == ("/presence/deployments/0/personel", "personnel")


def test_unknown_party_gets_a_suggestion_from_declared_ids(full_data: dict[str, Any]) -> None:
    full_data["guarantors"] = ["uk", "frnace"]
    with pytest.raises(InvalidProposal) as info:
        load(as_yaml(full_data))
    detail = info.value.details[0]
    assert (detail.path, detail.suggestion) == ("/guarantors/1", "france")
    assert "not a declared party" in detail.message


def test_all_problems_are_reported_at_once(full_data: dict[str, Any]) -> None:
    full_data["status"] = "singed"
    full_data["presence"]["deployments"][0]["personnel"] = -1
    full_data["tittle"] = "x"
    with pytest.raises(InvalidProposal) as info:
        load(as_yaml(full_data))
    paths = sorted(d.path for d in info.value.details)
    assert paths == ["/presence/deployments/0/personnel", "/status", "/tittle"]


def test_json_errors_carry_lines_too(full_data: dict[str, Any]) -> None:
    full_data["status"] = "singed"
    text = json.dumps(full_data, indent=2)
    with pytest.raises(InvalidProposal) as info:
        load(text)
    (detail,) = info.value.details
    assert detail.line == next(
        i for i, line in enumerate(text.splitlines(), 1) if '"status"' in line
    )
    assert detail.suggestion == "signed"


@pytest.mark.parametrize(
    ("text", "fmt", "line"),
    [("id: [unclosed\n", "yaml", 2), ('{"id": }', "json", 1), ('id = "x\n', "toml", 1)],
)
def test_syntax_errors_name_the_line(text: str, fmt: Any, line: int) -> None:
    with pytest.raises(InvalidProposal) as info:
        load(text, format=fmt)
    assert info.value.details[0].line == line
    assert f"not valid {fmt.upper()}" in info.value.details[0].message


def test_duplicate_yaml_keys_are_an_error_not_last_wins(full_data: dict[str, Any]) -> None:
    text = as_yaml(full_data) + "title: again\n"
    with pytest.raises(InvalidProposal) as info:
        load(text)
    assert info.value.details[0].path == "/title"
    assert info.value.details[0].message == "key appears twice"


def test_yaml_is_read_with_the_safe_loader() -> None:
    with pytest.raises(InvalidProposal):
        load("!!python/object/apply:os.system ['echo hi']\n")


def test_non_mapping_document_is_refused() -> None:
    with pytest.raises(InvalidProposal, match="expected a mapping"):
        load("- a\n- b\n")


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(InputTooLarge, match="over the 1000000-byte limit"):
        load(path)


def test_bytes_load_like_a_file_under_the_name_given(full_data: dict[str, Any]) -> None:
    raw = "\ufeff".encode() + as_yaml(full_data).encode()  # a byte order mark is dropped
    assert load(raw) == Proposal.model_validate(full_data)
    text = as_yaml({**full_data, "ttle": "x"})
    with pytest.raises(InvalidProposal, match="<stdin>") as caught:
        load(text.encode(), name="<stdin>")
    assert [d.line for d in caught.value.details] == [text.splitlines().index("ttle: x") + 1]
    with pytest.raises(InvalidProposal, match="not UTF-8"):
        load(b"id: \xff", name="<stdin>")
    with pytest.raises(InputTooLarge, match="<stdin>"):
        load(b"#" * (MAX_BYTES + 1), name="<stdin>")


def test_missing_file_is_a_library_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidProposal, match="cannot read file"):
        load(tmp_path / "nope.yaml")


def test_errors_pickle_with_their_data(full_data: dict[str, Any]) -> None:
    import pickle

    full_data["status"] = "x"
    with pytest.raises(InvalidProposal) as info:
        load(as_yaml(full_data))
    again = pickle.loads(pickle.dumps(info.value))
    assert again.details == info.value.details


def test_proposal_validates_direct_dicts_too(full_data: dict[str, Any]) -> None:
    assert Proposal.model_validate(full_data) == load(as_yaml(full_data))


def _to_toml(data: Any, prefix: str = "") -> str:
    """A tiny TOML writer for the test (the standard library reads TOML but does not write it)."""
    scalars, tables, arrays = [], [], []
    for key, value in data.items():
        if isinstance(value, dict):
            tables.append((key, value))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            arrays.append((key, value))
        else:
            scalars.append(f"{key} = {json.dumps(value)}")
    out = "\n".join(scalars) + "\n"
    for key, value in tables:
        out += f"\n[{prefix}{key}]\n" + _to_toml(value, f"{prefix}{key}.")
    for key, items in arrays:
        for item in items:
            out += f"\n[[{prefix}{key}]]\n" + _to_toml(item, f"{prefix}{key}.")
    return out


def test_save_writes_a_file_with_the_umask_permissions_not_owner_only(tmp_path: Path) -> None:
    """``write_atomic`` must not leave the owner-only mode of a temporary file on a report."""

    old = os.umask(0o022)
    try:
        target = tmp_path / "report.yaml"
        from guarantees import catalog

        save(catalog.load("three-pillar-architecture"), target)
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["report.yaml"]
