"""Every example script runs from a plain install and prints something meaningful."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import guarantees

EXAMPLES = Path(__file__).parent.parent / "examples"
SCRIPTS = sorted(p.name for p in EXAMPLES.glob("*.py"))


def run(script: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize("script", [s for s in SCRIPTS if s != "embed_json.py"])
def test_example_script_runs(script: str) -> None:
    done = run(script)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()
    assert "Traceback" not in done.stderr


def test_embed_json_answers_a_scorecard_for_a_valid_proposal(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(guarantees.dump(guarantees.catalog.load("three-pillar-architecture"), "json"))
    done = run("embed_json.py", str(path))
    answer = json.loads(done.stdout)
    assert (done.returncode, answer["ok"]) == (0, True)
    assert answer["scorecard"]["verdict"] == "credible"


def test_embed_json_reports_validation_errors_as_data() -> None:
    done = run("embed_json.py", stdin='{"id": "x", "title": "t", "status": "singed"}')
    answer = json.loads(done.stdout)
    assert (done.returncode, answer["ok"]) == (2, False)
    status = next(e for e in answer["errors"] if e["path"] == "/status")
    assert status["suggestion"] == "signed"


def test_custom_rule_example_flags_its_own_code() -> None:
    assert "NUC001 [medium]" in run("custom_rule.py").stdout


def test_score_one_prints_the_report_and_traces_the_worst_finding_to_its_rule() -> None:
    done = run("score_one.py")
    assert done.returncode == 0, done.stderr
    assert "Budapest Memorandum" in done.stdout
    assert "Why COM001 matters:" in done.stdout


def test_score_one_reports_an_unknown_name_in_one_line() -> None:
    done = run("score_one.py", "budapest-memorandum")
    assert done.returncode == 2
    assert "did you mean 'budapest-memorandum-1994'" in done.stderr
    assert "Traceback" not in done.stderr


def test_compare_ranks_the_alliances_above_the_budapest_memorandum() -> None:
    done = run("compare.py")
    assert done.returncode == 0, done.stderr
    ranking = [line.split()[1] for line in done.stdout.splitlines() if line[:1].isdigit()]
    assert ranking.index("us-rok-mutual-defense-treaty-1953") < ranking.index(
        "budapest-memorandum-1994"
    )
    assert "Probability of ranking first" in done.stdout
