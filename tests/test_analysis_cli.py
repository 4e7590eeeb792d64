"""The analysis commands (plan, diff, sensitivity) through a parser built as the main CLI does."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

import guarantees
from guarantees import catalog
from guarantees.analysis.cli import register


def run(*argv: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="guarantees")
    sub = parser.add_subparsers(dest="command", required=True)
    register(sub)
    args = parser.parse_args(list(argv))
    out, err = io.StringIO(), io.StringIO()
    code = args.run(args, out, err)
    return code, out.getvalue(), err.getvalue()


def test_plan_by_catalog_name_prints_the_steps_and_exits_zero() -> None:
    code, out, err = run("plan", "kremlin-demands-2025", "--target", "partial")
    assert (code, err) == (0, "")
    assert "Plan for" in out
    assert "Remove Russia from the guarantors" in out


def test_plan_of_a_file_in_json_saves_the_changed_proposal(tmp_path: Path) -> None:
    source = tmp_path / "p.yaml"
    guarantees.save(catalog.load("us-ukraine-agreement-2024"), source)
    fixed = tmp_path / "fixed.yaml"
    code, out, _ = run("plan", str(source), "--format", "json", "--save", str(fixed))
    data = json.loads(out)
    assert (code, data["reached"], data["target"]) == (0, True, {"verdict": "credible"})
    assert guarantees.score(guarantees.load(fixed)).overall == data["final"]["overall"]


def test_plan_that_cannot_reach_its_target_exits_one() -> None:
    code, out, err = run("plan", "kremlin-demands-2025", "--target", "100")
    assert code == 1
    assert "Not reachable" in out
    assert "cannot be reached" in err


def test_plan_with_a_bad_target_exits_two() -> None:
    code, _, err = run("plan", "kremlin-demands-2025", "--target", "superb")
    assert code == 2
    assert "neither a verdict" in err


def test_diff_in_markdown_writes_to_the_output_file(tmp_path: Path) -> None:
    target = tmp_path / "diff.md"
    code, out, _ = run(
        "diff",
        "uk-ukraine-agreement-2024",
        "us-ukraine-agreement-2024",
        "--format",
        "markdown",
        "--output",
        str(target),
    )
    assert (code, out) == (0, "")
    text = target.read_text()
    assert text.startswith("# Diff uk-ukraine-agreement-2024 -> us-ukraine-agreement-2024")
    assert "| (interaction) |" in text


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_sensitivity_in_every_format_is_reproducible(fmt: str) -> None:
    argv = ("sensitivity", *catalog.names()[:3], "--samples", "50", "--seed", "4", "--format", fmt)
    first, second = run(*argv), run(*argv)
    assert first == second
    assert first[0] == 0
    if fmt == "json":
        assert json.loads(first[1])["samples"] == 50


def test_sensitivity_with_a_bad_spread_exits_two() -> None:
    code, _, err = run("sensitivity", "kremlin-demands-2025", "--spread", "3")
    assert code == 2
    assert "spread" in err


def test_a_policy_can_be_named() -> None:
    code, out, _ = run("plan", "us-ukraine-agreement-2024", "--policy", "denial", "--format=json")
    assert code == 0
    assert json.loads(out)["policy"]["id"] == "denial"


def test_an_unknown_name_raises_the_catalogs_error() -> None:
    with pytest.raises(guarantees.UnknownEntry):
        run("diff", "no-such-entry", "kremlin-demands-2025")


@pytest.mark.parametrize(
    "argv",
    [
        ("plan", "kremlin-demands-2025"),
        ("plan", "budapest-memorandum-1994", "--target", "partial"),
        ("diff", "uk-ukraine-agreement-2024", "us-ukraine-agreement-2024"),
        (
            "sensitivity",
            "us-rok-mutual-defense-treaty-1953",
            "nato-article-5-baltic-efp-2017",
            "budapest-memorandum-1994",
            "--samples",
            "200",
        ),
    ],
    ids=["plan", "plan-partial", "diff", "sensitivity"],
)
def test_text_reports_fit_an_80_column_terminal_below_their_title(argv: tuple[str, ...]) -> None:
    """The title line names the proposal in full; every other line keeps to 80 columns."""
    _, out, _ = run(*argv)
    lines = out.splitlines()
    assert lines
    assert [line for line in lines[2:] if len(line) > 80] == []


def test_diff_text_names_fields_with_no_effect_on_one_line_and_spells_out_the_rest() -> None:
    _, out, _ = run("diff", "uk-ukraine-agreement-2024", "us-ukraine-agreement-2024")
    assert '/legal/form: "political_declaration" -> "executive_agreement"' in out
    assert "findings -COM009" in out
    assert "No effect on any score or finding: /id, /title," in out
