"""The command line: exit codes, messages on stderr, never a traceback."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import types
from pathlib import Path
from typing import Any, TextIO

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import guarantees
from guarantees import cli, json_schema
from guarantees.cli import Subcommands, add_output_options, emit, main, resolve
from guarantees.render import FORMATS, render, rules_doc
from guarantees.render._common import fmt_score


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


def test_help_and_version_print_to_the_given_stdout() -> None:
    code, out, err = run("--version")
    assert (code, out, err) == (0, f"guarantees {guarantees.__version__}\n", "")
    code, out, _ = run("score", "--help")
    assert code == 0
    assert "--fail-on SEVERITY" in out


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


def test_help_version_and_usage_errors_start_without_models_rules_or_numpy() -> None:
    code = (
        "import sys\n"
        "from guarantees.cli import main\n"
        "for argv in (['--help'], ['--version'], ['plan', '--help'], ['nonsense']):\n"
        "    main(argv)\n"
        "heavy = ('pydantic', 'yaml', 'numpy', 'jinja2', 'guarantees.model', 'guarantees.rules',\n"
        "         'guarantees.scoring', 'guarantees.analysis.plan')\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "[]"


# -- standard input -------------------------------------------------------------------------------


def stdin_of(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_a_dash_reads_the_proposal_from_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    text = guarantees.dump(guarantees.catalog.load(MAIN_JOB[0]))
    stdin_of(monkeypatch, text.encode())
    code, out, err = run("score", "-", "--format", "json")
    assert (code, err) == (0, "")
    assert out == run("score", MAIN_JOB[0], "--format", "json")[1]


def test_a_dash_given_twice_is_the_same_input_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin_of(monkeypatch, guarantees.dump(guarantees.catalog.load(MAIN_JOB[1])).encode())
    code, out, _ = run("compare", "-", "-", MAIN_JOB[0], "--format", "json")
    assert code == 0
    assert [c["proposal"]["id"] for c in json.loads(out)] == [MAIN_JOB[1], MAIN_JOB[1], MAIN_JOB[0]]


def test_standard_input_errors_name_stdin_with_the_line(monkeypatch: pytest.MonkeyPatch) -> None:
    data = guarantees.dump(guarantees.catalog.load(MAIN_JOB[0]))
    assert "\ntitle:" in data  # a top-level key
    stdin_of(monkeypatch, data.replace("\ntitle:", "\nttle:", 1).encode())
    code, out, err = run("validate", "-")
    assert (code, out) == (2, "")
    assert re.search(r"<stdin>:\d+: /ttle: unknown field .*did you mean 'title'", err), err
    assert "Traceback" not in err


def test_standard_input_over_the_size_limit_or_not_utf8_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stdin_of(monkeypatch, b"a: " + b"x" * guarantees.MAX_BYTES)
    code, _, err = run("score", "-")
    assert code == 2
    assert "<stdin>" in err
    stdin_of(monkeypatch, b"id: \xff\n")
    code, _, err = run("validate", "-")
    assert code == 2
    assert "<stdin>" in err
    assert "not UTF-8 text (byte 4)" in err


# -- score, compare, examples: every format, every option ---------------------------------------

MAIN_JOB = ("three-pillar-architecture", "article-5-like-offer-2025")


def write(tmp_path: Path, data: dict[str, Any], name: str = "p.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_score_a_catalog_name_prints_the_text_report() -> None:
    code, out, err = run("score", "article-5-like-offer-2025")
    card = guarantees.score(guarantees.catalog.load("article-5-like-offer-2025"))
    assert (code, err) == (0, "")
    assert f"Verdict  TRAP   overall {fmt_score(card.overall)} / 100" in out
    assert "COM001  The adversary is one of the guarantors" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_score_a_file_by_path(full_data: dict[str, Any], tmp_path: Path) -> None:
    code, out, _ = run("score", str(write(tmp_path, full_data)), "--format", "json")
    assert code == 0
    assert json.loads(out)["proposal"]["id"] == "full-example"


def test_score_a_file_wins_over_a_catalog_name_of_the_same_name(
    full_data: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, full_data, name="three-pillar-architecture")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("score", "three-pillar-architecture", "-f", "json")
    assert code == 0
    assert json.loads(out)["proposal"]["id"] == "full-example"


def test_resolve_reads_a_file_or_a_catalog_name(full_data: dict[str, Any], tmp_path: Path) -> None:
    assert resolve(str(write(tmp_path, full_data))).id == "full-example"
    assert resolve("kremlin-demands-2025") == guarantees.catalog.load("kremlin-demands-2025")


@pytest.mark.parametrize("fmt", FORMATS)
def test_score_every_format_matches_the_renderer(fmt: str) -> None:
    code, out, _ = run("score", *MAIN_JOB, "--format", fmt)
    proposals = [guarantees.catalog.load(n) for n in MAIN_JOB]
    cards = [guarantees.score(p) for p in proposals]
    assert code == 0
    assert out == render(cards, fmt, proposals=proposals)  # type: ignore[arg-type]


def test_score_json_is_to_dict_one_object_or_a_list() -> None:
    _, one, _ = run("score", "kremlin-demands-2025", "-f", "json")
    card = guarantees.score(guarantees.catalog.load("kremlin-demands-2025"))
    assert json.loads(one) == card.to_dict()
    _, several, _ = run("score", *MAIN_JOB, "-f", "json")
    assert [c["proposal"]["id"] for c in json.loads(several)] == list(MAIN_JOB)


def test_score_unknown_name_exits_two_with_did_you_mean() -> None:
    code, out, err = run("score", "artcle-5-like-offer-2025")
    assert (code, out) == (2, "")
    assert err == (
        "error: no bundled proposal named 'artcle-5-like-offer-2025'"
        " (did you mean 'article-5-like-offer-2025'?)\n"
    )


def test_score_missing_file_exits_two_naming_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    code, out, err = run("score", str(missing))
    assert (code, out) == (2, "")
    assert f"{missing}: /: cannot read file" in err


def test_score_bad_file_reports_file_line_path_and_suggestion(
    full_data: dict[str, Any], tmp_path: Path
) -> None:
    full_data["status"] = "singed"
    code, _, err = run("score", str(write(tmp_path, full_data)))
    assert code == 2
    assert re.search(r"p\.yaml:\d+: /status: 'singed' is not one of", err)
    assert "(did you mean 'signed'?)" in err
    assert "Traceback" not in err


def test_score_output_is_written_whole_and_stdout_stays_empty(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code, out, err = run("score", *MAIN_JOB, "--format", "html", "--output", str(target))
    assert (code, out, err) == (0, "", "")
    _, printed, _ = run("score", *MAIN_JOB, "--format", "html")
    assert target.read_text(encoding="utf-8") == printed
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left


def test_score_bad_input_among_several_writes_no_output(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("previous report\n")
    code, _, err = run("score", MAIN_JOB[0], "no-such-entry", "-f", "markdown", "-o", str(target))
    assert code == 2
    assert "no bundled proposal named 'no-such-entry'" in err
    assert target.read_text() == "previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


def test_score_output_into_a_missing_folder_exits_two(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "report.txt"
    code, _, err = run("score", MAIN_JOB[0], "-o", str(target))
    assert code == 2
    assert err == f"error: cannot write {target}: No such file or directory\n"
    assert not target.parent.exists()


def test_score_output_onto_a_folder_exits_two_and_leaves_nothing(tmp_path: Path) -> None:
    code, _, err = run("score", MAIN_JOB[0], "-o", str(tmp_path))
    assert code == 2
    assert err == f"error: cannot write {tmp_path}: Is a directory\n"
    assert list(tmp_path.iterdir()) == []


def test_score_policy_by_bundled_name_and_by_file(tmp_path: Path) -> None:
    _, out, _ = run("score", MAIN_JOB[0], "-f", "json", "--policy", "denial")
    assert json.loads(out)["policy"]["id"] == "denial"
    policy = tmp_path / "mine.toml"
    policy.write_text('id = "mine"\ncompensation_limit = 10\n')
    code, out, _ = run("score", MAIN_JOB[0], "-f", "json", "--policy", str(policy))
    assert code == 0
    assert json.loads(out)["policy"]["id"] == "mine"


def test_score_bad_policy_exits_two_with_a_located_message(tmp_path: Path) -> None:
    code, _, err = run("score", MAIN_JOB[0], "--policy", "denail")
    assert code == 2
    assert "(did you mean 'denial'?)" in err
    policy = tmp_path / "bad.toml"
    policy.write_text("pillar_flor = 30\n")
    code, _, err = run("score", MAIN_JOB[0], "--policy", str(policy))
    assert code == 2
    assert f"{policy}: /pillar_flor: unknown field" in err
    assert "(did you mean 'pillar_floor'?)" in err


def test_fail_under_exits_one_when_an_overall_is_below_and_still_reports() -> None:
    code, out, err = run("score", *MAIN_JOB, "--fail-under", "50")
    overall = guarantees.score(guarantees.catalog.load(MAIN_JOB[1])).overall
    assert code == 1
    assert "Verdict  TRAP" in out
    assert err == f"threshold: article-5-like-offer-2025: overall {overall} is under 50\n"
    assert run("score", MAIN_JOB[0], "--fail-under", "90")[0] == 0


def test_fail_under_outside_zero_to_hundred_is_bad_usage() -> None:
    code, out, err = run("score", MAIN_JOB[0], "--fail-under", "150")
    assert (code, out) == (2, "")
    assert "expected a number from 0 to 100, got '150'" in err


def test_fail_on_exits_one_for_a_finding_that_severe_or_worse() -> None:
    code, _, err = run("score", "kyiv-ceasefire-first-2025", "--fail-on", "high")
    assert code == 1
    assert err.startswith("threshold: kyiv-ceasefire-first-2025: ")
    assert run("score", "kyiv-ceasefire-first-2025", "--fail-on", "critical")[0] == 0
    assert run("score", MAIN_JOB[0], "--fail-on", "low")[0] == 0


def test_fail_on_unknown_severity_is_bad_usage() -> None:
    code, _, err = run("score", MAIN_JOB[0], "--fail-on", "severe")
    assert code == 2
    assert "invalid choice: 'severe'" in err


def test_text_is_coloured_only_on_a_terminal_without_no_color(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    tty = Terminal()
    assert main(["score", MAIN_JOB[1]], stdout=tty, stderr=io.StringIO()) == 0
    assert "\033[1;35mTRAP\033[0m" in tty.getvalue()
    assert "\033[" not in run("score", MAIN_JOB[1])[1]  # not a terminal
    monkeypatch.setenv("NO_COLOR", "1")
    tty = Terminal()
    main(["score", MAIN_JOB[1]], stdout=tty, stderr=io.StringIO())
    assert "\033[" not in tty.getvalue()


def test_color_always_and_never_override_the_terminal_and_no_color(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("NO_COLOR", "1")
    assert "\033[1;35mTRAP\033[0m" in run("score", MAIN_JOB[1], "--color", "always")[1]
    monkeypatch.delenv("NO_COLOR")
    tty = Terminal()
    main(["compare", *MAIN_JOB, "--color", "never"], stdout=tty, stderr=io.StringIO())
    assert "\033[" not in tty.getvalue()
    # auto never colours an --output file, even when stdout is a terminal; always does
    for mode, coloured in (("auto", False), ("always", True)):
        target = tmp_path / f"{mode}.txt"
        main(["score", MAIN_JOB[1], "--color", mode, "-o", str(target)], stdout=Terminal())
        assert ("\033[" in target.read_text(encoding="utf-8")) is coloured
    # colour applies to the text format only
    assert "\033[" not in run("score", MAIN_JOB[1], "--color", "always", "--format", "json")[1]


@pytest.mark.parametrize("fmt", FORMATS)
def test_compare_every_format(fmt: str) -> None:
    code, out, err = run("compare", *MAIN_JOB, "--format", fmt)
    assert (code, err) == (0, "")
    cards = [guarantees.score(guarantees.catalog.load(n)) for n in MAIN_JOB]
    assert out == render(cards, fmt, layout="compare")  # type: ignore[arg-type]


def test_compare_text_is_one_row_per_proposal() -> None:
    _, out, _ = run("compare", *MAIN_JOB)
    rows = out.splitlines()[2:-1]
    assert [row.split()[0] for row in rows] == list(MAIN_JOB)
    card = guarantees.score(guarantees.catalog.load(MAIN_JOB[1]))
    counts = "/".join(str(sum(f.severity is s for f in card.findings)) for s in guarantees.Severity)
    assert rows[1].split()[1:] == [
        *(fmt_score(p.score) for p in card.pillars),
        fmt_score(card.overall),
        card.verdict.value,
        counts,
    ]


def test_examples_scores_every_catalog_entry() -> None:
    code, out, _ = run("examples")
    assert code == 0
    names = [row.split()[0] for row in out.splitlines()[2:-1]]
    assert names == [n if len(n) <= 29 else n[:28] + "…" for n in guarantees.catalog.names()]
    _, data, _ = run("examples", "-f", "json")
    assert [c["proposal"]["id"] for c in json.loads(data)] == [
        guarantees.catalog.load(n).id for n in guarantees.catalog.names()
    ]


def test_examples_html_is_one_self_contained_page(tmp_path: Path) -> None:
    target = tmp_path / "catalog.html"
    assert run("examples", "-f", "html", "-o", str(target))[0] == 0
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<svg ") == len(guarantees.catalog.names())


# -- rules, explain -------------------------------------------------------------------------------


def test_rules_lists_every_rule_worst_first() -> None:
    code, out, _ = run("rules")
    assert code == 0
    codes = [line.split()[0] for line in out.splitlines()[1:] if re.match(r"[A-Z]{3}\d{3} ", line)]
    expected = sorted(guarantees.rules(), key=lambda r: (r.severity.rank, r.code))
    assert codes == [r.code for r in expected]
    assert max(len(line) for line in out.splitlines()) <= 80


def test_rules_json_and_markdown() -> None:
    _, out, _ = run("rules", "--format", "json")
    data = json.loads(out)
    assert {d["code"] for d in data} == set(guarantees.rules().codes())
    com002 = next(d for d in data if d["code"] == "COM002")
    assert com002["rationale"] == guarantees.rule("COM002").rationale
    _, table, _ = run("rules", "--format", "markdown")
    assert table == rules_doc.summary_table()


def test_rules_has_no_html_format() -> None:
    code, _, err = run("rules", "--format", "html")
    assert code == 2
    assert "invalid choice: 'html'" in err


def test_explain_prints_the_rules_section_of_docs_rules_md() -> None:
    page = (Path(__file__).parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in guarantees.rules():
        code, out, _ = run("explain", rule.code.lower())
        assert code == 0
        assert out.startswith(f"## {rule.code} · {rule.title}\n")
        assert out in page
        assert rule.rationale in out
        assert "```yaml" in out


def test_explain_unknown_code_exits_two_with_did_you_mean() -> None:
    code, out, err = run("explain", "COM02")
    assert (code, out) == (2, "")
    assert err == "error: no rule with code 'COM02' (did you mean 'COM002'?)\n"


# -- plugging in a command module ------------------------------------------------------------------


def test_a_command_module_plugs_in_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("extra_commands")

    def hello(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
        emit(args, out, f"hello {resolve(args.input).id}\n")
        return 0

    def register_extra(sub: Subcommands) -> None:
        p = sub.add_parser("hello")
        p.add_argument("input")
        add_output_options(p, formats=("text",))
        p.set_defaults(run=hello)

    module.register = register_extra  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "extra_commands", module)
    monkeypatch.setattr(cli, "COMMAND_MODULES", (*cli.COMMAND_MODULES, "extra_commands"))
    assert run("hello", "kremlin-demands-2025") == (0, "hello kremlin-demands-2025\n", "")
    assert run("score", MAIN_JOB[0], "-f", "json")[0] == 0  # the core commands are still there


# -- through a real process ------------------------------------------------------------------------


def python_m(*argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": ""}
    return subprocess.run(
        [sys.executable, "-m", "guarantees", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        cwd=cwd,
        env=env,
    )


def test_main_job_runs_as_a_real_process() -> None:
    done = python_m("score", *MAIN_JOB)
    assert done.returncode == 0
    assert done.stdout == run("score", *MAIN_JOB)[1]
    assert "\033[" not in done.stdout  # a pipe is not a terminal


def test_html_report_written_by_a_real_process(tmp_path: Path) -> None:
    done = python_m("score", *MAIN_JOB, "-f", "html", "-o", "report.html", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_bad_input_in_a_real_process_exits_two_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[" * 100_000)
    done = python_m("score", str(bad))
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: invalid proposal in {bad}")
    assert "nested too deeply" in done.stderr
    assert "Traceback" not in done.stderr
    done = python_m("explain", "XYZ999")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


# -- anything in, 0 or 2 out ----------------------------------------------------------------


def near_valid_yaml() -> st.SearchStrategy[str]:
    """A real proposal's YAML with a few lines dropped, swapped, re-indented or garbled."""
    base = guarantees.dump(guarantees.catalog.load("uk-ukraine-agreement-2024")).splitlines()

    @st.composite
    def mutate(draw: st.DrawFn) -> str:
        lines = list(base)
        for _ in range(draw(st.integers(1, 4))):
            i = draw(st.integers(0, len(lines) - 1))
            kind = draw(st.sampled_from(["drop", "dup", "indent", "garble", "swap", "value"]))
            if kind == "drop":
                del lines[i]
            elif kind == "dup":
                lines.insert(i, lines[i])
            elif kind == "indent":
                lines[i] = " " * draw(st.integers(0, 6)) + lines[i].lstrip()
            elif kind == "garble":
                lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))] + draw(st.text())
            elif kind == "swap":
                j = draw(st.integers(0, len(lines) - 1))
                lines[i], lines[j] = lines[j], lines[i]
            else:
                key = lines[i].split(":")[0]
                value = draw(st.one_of(st.integers(), st.booleans(), st.text(), st.none()))
                lines[i] = f"{key}: {json.dumps(value)}"
            if not lines:
                break
        return "\n".join(lines) + "\n"

    return mutate()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    content=st.one_of(
        st.binary(max_size=300),
        json_values.map(lambda v: json.dumps(v).encode()),
        near_valid_yaml().map(lambda s: s.encode("utf-8", "surrogatepass")),
    ),
    suffix=st.sampled_from([".yaml", ".json", ".toml", ""]),
    command=st.sampled_from(["score", "validate", "compare"]),
)
def test_any_input_file_exits_zero_or_two_with_a_message_and_no_traceback(
    content: bytes, suffix: str, command: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(content)
        target = Path(folder) / "out.json"
        argv = [command, str(path)]
        if command != "validate":
            argv += ["--format", "json", "--output", str(target)]
        code, out, err = run(*argv)
        assert code in {0, 2}
        assert "Traceback" not in out + err
        if code == 2:
            assert err.startswith("error: ")
            assert not target.exists()
        elif command != "validate":
            json.loads(target.read_text(encoding="utf-8"))


# -- the README shows what the command really prints ---------------------------------------------


def test_readme_main_job_report_is_what_the_command_prints() -> None:
    """Regenerate the block with `guarantees score three-pillar-architecture
    article-5-like-offer-2025` when a catalog entry or the text report changes."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    command = f"guarantees score {' '.join(MAIN_JOB)}"
    assert f"pip install . && {command}\n" in readme  # the set-up's main job
    shown = readme.split(f"The main job, `{command}`, prints:\n\n```text\n", 1)[1]
    shown = shown.split("```\n", 1)[0]
    assert shown == run("score", *MAIN_JOB)[1]


def test_plan_save_into_a_missing_folder_names_the_target_and_leaves_nothing(
    tmp_path: Path,
) -> None:
    target = tmp_path / "missing" / "fixed.yaml"
    code, _, err = run("plan", "budapest-memorandum-1994", "--save", str(target))
    assert code == 2
    assert err == f"error: cannot write {target}: No such file or directory\n"
    assert not (tmp_path / "missing").exists()
