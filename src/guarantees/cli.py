"""The ``guarantees`` command line: parse arguments, call the library, render, map errors to exits.

Exit codes: 0 success; 1 a ``--fail-under``/``--fail-on`` threshold tripped; 2 bad usage or input.
Library errors become one message on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn, TextIO

from ._version import __version__
from .errors import GuaranteesError
from .io import load
from .model import json_schema

__all__ = ["build_parser", "main"]

EXIT_OK, EXIT_THRESHOLD, EXIT_INPUT = 0, 1, 2


class _UsageError(Exception):
    """Bad command-line usage: argparse's own exits are turned into this."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: error: {message}")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, apart from :func:`main` so docs and tests can inspect it."""
    parser = _Parser(
        prog="guarantees",
        description="Score international security guarantees on capabilities, commitments "
        "and presence.",
    )
    parser.add_argument("--version", action="version", version=f"guarantees {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    p = sub.add_parser("validate", help="check proposal files without scoring them")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(run=_validate)

    p = sub.add_parser("schema", help="print the JSON Schema of a proposal file")
    p.set_defaults(run=_schema)
    return parser


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line; returns the exit code instead of exiting."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    try:
        args = build_parser().parse_args(argv)
    except _UsageError as exc:
        print(exc, file=err)
        return EXIT_INPUT
    except SystemExit as exc:  # --help and --version exit 0 through argparse
        return int(exc.code or 0)
    run: Callable[[argparse.Namespace, TextIO, TextIO], int] = args.run
    try:
        return run(args, out, err)
    except GuaranteesError as exc:
        print(f"error: {exc}", file=err)
        return EXIT_INPUT
    except BrokenPipeError:  # pragma: no cover - reader went away (e.g. `| head`)
        return EXIT_OK


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    failed = False
    for name in args.files:
        try:
            proposal = load(name)
        except GuaranteesError as exc:
            print(f"error: {exc}", file=err)
            failed = True
        else:
            print(f"ok: {name}: {proposal.id}", file=out)
    return EXIT_INPUT if failed else EXIT_OK


def _schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    out.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK
