"""The ``guarantees`` command line: parse arguments, call the library, render, map errors to exits.

Exit codes: 0 success; 1 a ``--fail-under``/``--fail-on`` threshold tripped; 2 bad usage or input.
Library errors become one message on stderr, never a traceback.

Commands live in modules that each offer ``register(sub)``: this one registers the core commands,
and another module plugs in by adding its name to :data:`COMMAND_MODULES` (one line). Such a
module reuses :func:`resolve` (FILE or catalog NAME to a proposal), :func:`add_output_options`,
:func:`add_policy_option`, :func:`policy_from` and :func:`emit` (write ``--output`` atomically or
print), so every command reads inputs and writes outputs the same way.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO, TypeAlias

from .levels import Severity
from .policies import BUNDLED
from .render import FORMATS

# The parser needs only the names above: everything else is imported by the command that uses
# it, so `guarantees --help`, `--version` and a usage error start without pydantic or the rules.
if TYPE_CHECKING:
    from .model import Proposal
    from .policy import Policy
    from .render import Format, Layout
    from .scorecard import Scorecard

__all__ = [
    "COLOR_MODES",
    "COMMAND_MODULES",
    "EXIT_INPUT",
    "EXIT_OK",
    "EXIT_THRESHOLD",
    "Command",
    "STDIN",
    "Subcommands",
    "add_output_options",
    "add_policy_option",
    "build_parser",
    "emit",
    "main",
    "policy_from",
    "register",
    "read_stdin",
    "resolve",
    "use_color",
]

EXIT_OK, EXIT_THRESHOLD, EXIT_INPUT = 0, 1, 2

COLOR_MODES = ("auto", "always", "never")
"""``--color`` values of the commands that print scorecards as text."""

STDIN = "-"
"""The argument that stands for standard input where a command reads a proposal."""

Command = Callable[[argparse.Namespace, TextIO, TextIO], int]
"""What a subcommand runs: parsed arguments, stdout, stderr in; the exit code out."""

Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
"""What ``register(sub)`` receives: call ``sub.add_parser(...)`` on it."""

COMMAND_MODULES: tuple[str, ...] = ("guarantees.cli", "guarantees.analysis.cli")
"""Modules whose ``register(sub)`` adds commands, in help order; add one line to plug one in."""


class _UsageError(Exception):
    """Bad command-line usage: argparse's own exits are turned into this."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: error: {message}")


class _Version(argparse.Action):
    """``--version``, reading the installed version only when asked (the package metadata is
    the slowest import left at start-up)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from ._version import __version__

        print(f"guarantees {__version__}")  # to sys.stdout, as argparse's own action does
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, apart from :func:`main` so docs and tests can inspect it."""
    parser = _Parser(
        prog="guarantees",
        description="Score international security guarantees on capabilities, commitments "
        "and presence.",
        epilog="Exit codes: 0 success, 1 a --fail-under/--fail-on threshold tripped, "
        "2 bad usage or bad input.",
    )
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def register(sub: Subcommands) -> None:
    """Add the core commands: score, compare, rules, explain, examples, validate, schema."""
    p = sub.add_parser(
        "score",
        help="score proposal files or bundled catalog names",
        description="Score each FILE (a proposal in YAML, JSON or TOML), NAME (a bundled "
        "catalog entry; see `guarantees examples`) or - (a proposal on standard input).",
    )
    p.add_argument("inputs", nargs="+", metavar="FILE|NAME")
    _add_scorecard_options(p)
    p.add_argument(
        "--fail-under",
        type=_score_bound,
        metavar="N",
        help="exit 1 when any overall score is below N (0-100)",
    )
    p.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        metavar="SEVERITY",
        help="exit 1 when any finding is this severe or worse (critical, high, medium, low)",
    )
    p.set_defaults(run=_score)

    p = sub.add_parser(
        "compare",
        help="compare proposals side by side",
        description="A side-by-side table of pillars, overall, verdict and finding counts.",
    )
    p.add_argument("inputs", nargs="+", metavar="FILE|NAME")
    _add_scorecard_options(p)
    p.set_defaults(run=_compare)

    p = sub.add_parser("rules", help="list the rule catalog")
    add_output_options(p, formats=("text", "json", "markdown"))
    p.set_defaults(run=_rules)

    p = sub.add_parser("explain", help="explain one rule: why, remedy, a triggering example")
    p.add_argument("code", metavar="CODE")
    p.set_defaults(run=_explain)

    p = sub.add_parser("examples", help="list and score every bundled catalog entry")
    _add_scorecard_options(p)
    p.set_defaults(run=_examples)

    p = sub.add_parser(
        "validate",
        help="check proposal files without scoring them",
        description="Check each FILE (- for standard input) without scoring it.",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(run=_validate)

    p = sub.add_parser("schema", help="print the JSON Schema of a proposal file")
    p.set_defaults(run=_schema)


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line; returns the exit code instead of exiting."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    _stdin.clear()
    try:
        # --help and --version print through argparse, which writes to sys.stdout.
        with contextlib.redirect_stdout(out):
            args = build_parser().parse_args(argv)
    except _UsageError as exc:
        print(exc, file=err)
        return EXIT_INPUT
    except SystemExit as exc:  # --help and --version exit 0 through argparse
        return int(exc.code or 0)
    run: Command = args.run
    from .errors import GuaranteesError

    try:
        return run(args, out, err)
    except GuaranteesError as exc:
        print(f"error: {exc}", file=err)
        return EXIT_INPUT
    except BrokenPipeError:  # pragma: no cover - reader went away (e.g. `| head`)
        return EXIT_OK
    except OSError as exc:  # writing --output: a missing folder, no permission, a full disk
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: cannot write {where}{exc.strerror or exc}", file=err)
        return EXIT_INPUT


# -- helpers other command modules reuse ----------------------------------------------------------


def resolve(arg: str) -> Proposal:
    """A proposal from a command-line argument: ``-`` for standard input, a FILE when that path
    exists, else a NAME.

    A bundled catalog name is tried only when no file has that name. An argument that looks like
    a path (a folder part or a proposal suffix) but is not a file is reported as a file that
    cannot be read; anything else unknown gets the closest catalog name as a suggestion.
    """
    import difflib

    from . import catalog
    from .errors import UnknownEntry
    from .io import load

    if arg == STDIN:
        return load(read_stdin(), name="<stdin>")
    path = Path(arg)
    if path.is_file():
        return load(path)
    if arg in catalog.names():
        return catalog.load(arg)
    if path.exists() or os.sep in arg or "/" in arg or path.suffix:
        return load(path)  # raises InvalidProposal: cannot read file, with the OS's reason
    close = difflib.get_close_matches(arg, catalog.names(), n=1)
    raise UnknownEntry(arg, close[0] if close else None)


_stdin: list[bytes] = []
"""Standard input once read in this :func:`main` (a second ``-`` means the same input)."""


def read_stdin() -> bytes:
    """Standard input's bytes (up to one byte over the size limit, so that the limit is
    reported), read once per :func:`main` call however many arguments are ``-``."""
    if not _stdin:
        from .io import MAX_BYTES

        _stdin.append(sys.stdin.buffer.read(MAX_BYTES + 1))
    return _stdin[0]


def policy_from(arg: str | None) -> Policy:
    """The policy for ``--policy``: a TOML (or YAML/JSON) FILE, a bundled name, or the default."""
    import difflib

    from .errors import ErrorDetail, InvalidPolicy
    from .policy import Policy

    if arg is None:
        return Policy.bundled()
    path = Path(arg)
    if path.is_file() or os.sep in arg or "/" in arg or path.suffix:
        return Policy.load(path)
    if arg in BUNDLED:
        return Policy.bundled(arg)
    close = difflib.get_close_matches(arg, BUNDLED, n=1)
    message = f"no policy file or bundled policy named {arg!r} (bundled: {', '.join(BUNDLED)})"
    raise InvalidPolicy([ErrorDetail("", message, None, close[0] if close else None)])


def add_output_options(
    parser: argparse.ArgumentParser, *, formats: Sequence[str] = FORMATS
) -> None:
    """``--format`` (default text) and ``--output PATH`` (written atomically; default stdout)."""
    parser.add_argument(
        "--format", "-f", choices=list(formats), default="text", help="output format"
    )
    parser.add_argument(
        "--output",
        "-o",
        metavar="PATH",
        help="write to PATH (all or nothing: a temporary file renamed into place)",
    )


def add_policy_option(parser: argparse.ArgumentParser) -> None:
    """``--policy FILE.toml|NAME``: the weights, thresholds and switches to score under."""
    parser.add_argument(
        "--policy",
        metavar="FILE|NAME",
        help=f"policy file (TOML) or bundled policy ({', '.join(BUNDLED)}); default: default",
    )


def _add_scorecard_options(parser: argparse.ArgumentParser) -> None:
    """What the commands that print scorecards share: output, colour and policy options."""
    add_output_options(parser)
    parser.add_argument(
        "--color",
        choices=COLOR_MODES,
        default="auto",
        help="colour the text format: auto (on a terminal, unless NO_COLOR is set), always "
        "(even into a pipe or an --output file), never",
    )
    add_policy_option(parser)


def use_color(stream: TextIO, mode: str = "auto") -> bool:
    """Whether to colour text for ``stream``: ``always``, ``never``, or ``auto``: only on a
    terminal, and never when ``NO_COLOR`` is set to anything non-empty (https://no-color.org),
    so files and pipes get plain text."""
    if mode != "auto":
        return mode == "always"
    if os.environ.get("NO_COLOR", ""):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def emit(args: argparse.Namespace, out: TextIO, text: str) -> None:
    """Write a command's output to ``--output`` atomically when given, else to ``out``."""
    target = getattr(args, "output", None)
    if not target:
        out.write(text)
        return
    from .io import write_atomic

    write_atomic(Path(target), text)  # an OSError names the target


# -- commands -------------------------------------------------------------------------------------


def _scorecards(
    args: argparse.Namespace, names: Sequence[str]
) -> tuple[list[Proposal], list[Scorecard]]:
    """Every input resolved and the policy read before anything is scored or written, so a bad
    input among several stops the command with nothing written."""
    from .scoring import score_many

    proposals = [resolve(name) for name in names]
    policy = policy_from(args.policy)
    return proposals, list(score_many(proposals, policy))


def _render_cards(
    args: argparse.Namespace,
    out: TextIO,
    proposals: Sequence[Proposal],
    cards: Sequence[Scorecard],
    layout: Layout,
) -> None:
    from .render import render

    fmt: Format = args.format
    one = len(cards) == 1 and layout == "report"
    text = render(
        cards[0] if one else cards,
        fmt,
        layout=layout,
        proposals=proposals,
        color=fmt == "text" and _color(args, out),
    )
    emit(args, out, text)


def _color(args: argparse.Namespace, out: TextIO) -> bool:
    mode: str = args.color
    if mode == "auto" and args.output:
        return False  # a file is not a terminal, whatever stdout is
    return use_color(out, mode)


def _score(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    proposals, cards = _scorecards(args, args.inputs)
    _render_cards(args, out, proposals, cards, "report")
    tripped: list[str] = []
    if args.fail_under is not None:
        tripped.extend(
            f"{c.proposal.id}: overall {c.overall} is under {args.fail_under:g}"
            for c in cards
            if c.overall < args.fail_under
        )
    if args.fail_on is not None:
        worst = Severity(args.fail_on).rank
        for c in cards:
            codes = [f.code for f in c.findings if f.severity.rank <= worst]
            if codes:
                tripped.append(f"{c.proposal.id}: {', '.join(codes)} ({args.fail_on} or worse)")
    for line in tripped:
        print(f"threshold: {line}", file=err)
    return EXIT_THRESHOLD if tripped else EXIT_OK


def _compare(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    proposals, cards = _scorecards(args, args.inputs)
    _render_cards(args, out, proposals, cards, "compare")
    return EXIT_OK


def _examples(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from . import catalog

    proposals, cards = _scorecards(args, catalog.names())
    _render_cards(args, out, proposals, cards, "compare")
    return EXIT_OK


def _rules(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .render import rules_doc
    from .rules import default_catalog

    rules = default_catalog().by_severity()
    if args.format == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "title": r.title,
                "pillar": r.pillar.value,
                "severity": r.severity.value,
                "rationale": r.rationale,
                "remedy": r.remedy,
            }
            for r in rules
        ]
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    elif args.format == "markdown":
        text = rules_doc.summary_table()
    else:
        lines = [f"{'code':<8}{'severity':<10}{'pillar':<14}title"]
        for r in rules:
            title = r.title if len(r.title) <= 48 else r.title[:47] + "…"
            lines.append(f"{r.code:<8}{r.severity.value:<10}{r.pillar.value:<14}{title}")
        lines.append("")
        lines.append("`guarantees explain CODE` shows why a rule exists and how to satisfy it.")
        text = "\n".join(lines) + "\n"
    emit(args, out, text)
    return EXIT_OK


def _explain(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .render import rules_doc
    from .rules import default_catalog

    out.write(rules_doc.explain(default_catalog()[args.code]))  # UnknownRule: did you mean
    return EXIT_OK


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .errors import GuaranteesError
    from .io import load

    failed = False
    for name in args.files:
        try:
            source = read_stdin() if name == STDIN else Path(name)
            proposal = load(source, name="<stdin>" if name == STDIN else None)
        except GuaranteesError as exc:
            print(f"error: {exc}", file=err)
            failed = True
        else:
            print(f"ok: {name}: {proposal.id}", file=out)
    return EXIT_INPUT if failed else EXIT_OK


def _schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .model import json_schema

    out.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def _score_bound(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 100, got {text!r}") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 100, got {text!r}")
    return value
