"""The analysis commands for the ``guarantees`` command line: ``plan``, ``diff``, ``sensitivity``.

:func:`register` adds them to the main parser's subcommands; each sets ``run`` to a function
``(args, out, err) -> exit code`` as the other commands do. Library errors propagate to the main
command line, which turns them into one message and exit code 2.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from ..cli import Subcommands, add_output_options, add_policy_option, emit, policy_from, resolve

# The tools (numpy among their imports) load when their command runs, not when the command line
# registers them.
if TYPE_CHECKING:
    from ._render import Format

__all__ = ["register"]

EXIT_OK, EXIT_UNREACHED = 0, 1


def register(sub: Subcommands) -> None:
    """Add ``plan``, ``diff`` and ``sensitivity`` to ``sub`` (from ``add_subparsers``)."""
    p = sub.add_parser("plan", help="the fewest changes that bring a proposal to a target")
    p.add_argument("proposal", metavar="FILE|NAME")
    p.add_argument(
        "--target",
        default="credible",
        help="a verdict (credible, partial, hollow) or an overall score (default: credible)",
    )
    p.add_argument("--save", metavar="PATH", help="write the changed proposal here (YAML/JSON)")
    _common(p)
    p.set_defaults(run=_plan)

    p = sub.add_parser("diff", help="what changed between two proposals and what it did")
    p.add_argument("a", metavar="A")
    p.add_argument("b", metavar="B")
    _common(p)
    p.set_defaults(run=_diff)

    p = sub.add_parser("sensitivity", help="how rankings hold under perturbed weights")
    p.add_argument("proposals", nargs="+", metavar="FILE|NAME")
    p.add_argument("--samples", type=int, default=1000, help="weighings drawn (default 1000)")
    p.add_argument("--spread", type=float, default=0.25, help="perturbation size (default 0.25)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument("--method", choices=("dirichlet", "uniform"), default="dirichlet")
    _common(p)
    p.set_defaults(run=_sensitivity)


def _common(p: argparse.ArgumentParser) -> None:
    add_output_options(p, formats=("text", "json", "markdown"))
    add_policy_option(p)


def _format(args: argparse.Namespace) -> Format:
    fmt: Format = args.format
    return fmt


def _plan(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ._render import render
    from .plan import plan

    target: str = args.target
    try:
        result = plan(resolve(args.proposal), target, policy_from(args.policy))
    except ValueError as exc:
        print(f"error: {exc}", file=err)
        return 2
    if args.save:
        result.save(args.save)
    emit(args, out, render(result, _format(args)))
    if not result.reached:
        print("error: the target cannot be reached with the available changes", file=err)
        return EXIT_UNREACHED
    return EXIT_OK


def _diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ._render import render
    from .diff import diff

    result = diff(resolve(args.a), resolve(args.b), policy_from(args.policy))
    emit(args, out, render(result, _format(args)))
    return EXIT_OK


def _sensitivity(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ._render import render
    from .sensitivity import sensitivity

    proposals = [resolve(name) for name in args.proposals]
    try:
        result = sensitivity(
            proposals,
            policy_from(args.policy),
            samples=args.samples,
            spread=args.spread,
            seed=args.seed,
            method=args.method,
        )
    except ValueError as exc:
        print(f"error: {exc}", file=err)
        return 2
    emit(args, out, render(result, _format(args)))
    return EXIT_OK
