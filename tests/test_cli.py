"""The command line: exit codes, messages on stderr, never a traceback."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from guarantees import json_schema
from guarantees.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_validate_ok_exits_zero(full_data: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(full_data))
    code, out, err = run("validate", str(path))
    assert (code, err) == (0, "")
    assert out == f"ok: {path}: full-example\n"


def test_validate_bad_input_exits_two_with_a_clear_message(
    full_data: dict[str, Any], tmp_path: Path
) -> None:
    full_data["comitments"] = full_data.pop("commitments")
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(full_data, sort_keys=False))
    code, _, err = run("validate", str(path))
    assert code == 2
    assert "/comitments: unknown field" in err
    assert "did you mean 'commitments'?" in err
    assert "Traceback" not in err


def test_bad_usage_exits_two() -> None:
    code, _, err = run("no-such-command")
    assert code == 2
    assert "invalid choice" in err


def test_schema_prints_the_json_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0
    assert json.loads(out) == json_schema()


def test_python_dash_m_and_version_work_as_a_real_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "guarantees", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("guarantees ")
