"""``mpguide-check``: list, check and update the examples the pages include.

Examples::

    mpguide-check list
    mpguide-check pythons                                  # the supported Pythons found here
    mpguide-check check                                    # everything, this Python
    mpguide-check check processes/daemon.py -m spawn       # one file, one start method
    mpguide-check check -p python3.11 -p python3.12 --report docs/_build/verification.json
    mpguide-check update processes/daemon.py               # rewrite daemon.out from a real run

The exit status is 0 only when every check passed and nothing else was wrong.
"""

from __future__ import annotations

import argparse
import re
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from mpguide.checker.example import Catalog, load_catalog
from mpguide.checker.expectation import expected_output_path
from mpguide.checker.interpreters import (
    START_METHODS,
    SUPPORTED_VERSIONS,
    Interpreter,
    InterpreterError,
    find_interpreters,
    missing_versions,
    probe,
)
from mpguide.checker.plan import Check, plan_checks
from mpguide.checker.report import (
    Report,
    ReportError,
    checker_fingerprint,
    read_report,
    write_report,
)
from mpguide.checker.revision import working_tree_revision
from mpguide.checker.runner import RunLimits, kill_all_groups
from mpguide.checker.suite import Interrupted, Outcome, default_jobs, run_check, run_checks
from mpguide.checker.update import updated_output
from mpguide.checker.venvs import with_environments

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]

_INTERRUPTED = 130


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)
    # Stop on Ctrl-C even when started with SIGINT ignored (a background job of a script).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return int(args.command(args))
    except KeyboardInterrupt as exc:
        stopped = exc.stopped if isinstance(exc, Interrupted) else 0
        stopped += kill_all_groups()
        print(f"interrupted: stopped {stopped} running example(s)", file=sys.stderr)
        return _INTERRUPTED


def _interrupt(signum: int, frame: object) -> NoReturn:
    raise KeyboardInterrupt


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mpguide-check", description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--root", type=Path, default=Path(), help="project folder (default: .)")
    parser.add_argument("--docs", type=Path, help="folder of the pages (default: ROOT/docs)")
    parser.add_argument(
        "--examples", type=Path, help="folder of the examples (default: ROOT/src/mpguide/examples)"
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    listing = commands.add_parser(
        "list", help="list included examples and the pages that show them"
    )
    listing.set_defaults(command=_list)
    pythons = commands.add_parser(
        "pythons",
        help="list the supported CPythons found here (what --all-pythons runs) and why others not",
    )
    pythons.set_defaults(command=_pythons)

    for name, func, text in (
        ("check", _check, "run examples and compare their output with the expected output"),
        ("update", _update, "rewrite expected outputs from a real run, keeping '...' placeholders"),
    ):
        sub = commands.add_parser(name, help=text, description=text)
        sub.set_defaults(command=func)
        sub.add_argument("example", nargs="*", help="example files (default: all included)")
        sub.add_argument(
            "-m",
            "--start-method",
            action="append",
            choices=START_METHODS,
            dest="methods",
            help="start method to run under; repeat for several (default: every one available)",
        )
        sub.add_argument(
            "-p",
            "--python",
            action="append",
            dest="pythons",
            metavar="PYTHON",
            help="interpreter command to run with; repeat for several (default: this one)",
        )
        sub.add_argument(
            "--all-pythons",
            action="store_true",
            help=f"every supported CPython found ({', '.join(SUPPORTED_VERSIONS)}): "
            "see `mpguide-check pythons`",
        )
        sub.add_argument(
            "--require-all",
            action="store_true",
            help="with --all-pythons: run nothing unless every supported version is found at a "
            "current release (what CI asks)",
        )
        sub.add_argument(
            "--timeout", type=float, default=60.0, help="seconds per run (default: 60)"
        )
    check = commands.choices["check"]
    check.add_argument("-j", "--jobs", type=int, default=default_jobs(), help="checks at once")
    check.add_argument("--report", type=Path, help="write a JSON report of every check here")
    check.add_argument(
        "-q", "--quiet", action="store_true", help="print only failures and the summary"
    )
    check.add_argument(
        "--reuse",
        action="store_true",
        help="take passed results from the --report file where the example's files and options, "
        "the interpreter, the start method and the checker are unchanged; run only the rest",
    )
    return parser


def _folders(args: argparse.Namespace) -> tuple[Path, Path]:
    docs = args.docs or args.root / "docs"
    examples = args.examples or args.root / "src" / "mpguide" / "examples"
    return docs.resolve(), examples.resolve()


def _example_names(args: argparse.Namespace, examples_dir: Path) -> list[str] | None:
    """Accept examples as paths (from anywhere) or as names relative to the examples folder."""
    if not getattr(args, "example", None):  # `list` takes none
        return None
    names = []
    for given in args.example:
        path = Path(given)
        if path.is_file() and path.resolve().is_relative_to(examples_dir.resolve()):
            names.append(path.resolve().relative_to(examples_dir.resolve()).as_posix())
        else:
            names.append(Path(given).as_posix())
    return names


def _interpreters(args: argparse.Namespace) -> list[Interpreter]:
    explicit = [probe(p) for p in args.pythons or []]
    if not args.all_pythons:
        return explicit or [probe(sys.executable)]
    found, _ = find_interpreters()
    if not found and not explicit:
        msg = "no supported CPython found: see `mpguide-check pythons` and scripts/get-pythons"
        raise InterpreterError(msg)
    missing = missing_versions(found) if args.require_all else []
    if missing:
        msg = "; ".join(missing) + ": see `mpguide-check pythons` and scripts/get-pythons"
        raise InterpreterError(msg)
    # Named interpreters come in addition: `-p python3.13.0 --all-pythons` checks 3.13.0 too.
    named = {i.name for i in explicit}
    return explicit + [i for i in found if i.name not in named]


def _pythons(args: argparse.Namespace) -> int:
    found, candidates = find_interpreters()
    for candidate in candidates:
        what = candidate.interpreter.name if candidate.interpreter else "?"
        status = "used" if candidate.problem is None else f"not used: {candidate.problem}"
        print(f"{candidate.command}\t{what}\t{candidate.source}\t{status}")
    missing = missing_versions(found)
    for problem in missing:
        print(f"missing: {problem} (scripts/get-pythons gets current releases)", file=sys.stderr)
    return 1 if missing else 0


def _catalog(args: argparse.Namespace, *, allow_missing: bool = False) -> Catalog:
    docs, examples = _folders(args)
    catalog = load_catalog(docs, examples, allow_missing=allow_missing)
    for name in _example_names(args, examples) or []:
        if name not in catalog.examples:
            catalog.problems.append(f"{name}: not an included example with expected output")
    return catalog


def _checks(args: argparse.Namespace, catalog: Catalog) -> tuple[list[Check], list[Interpreter]]:
    """The checks asked for on the command line; raises InterpreterError if there is no Python."""
    interpreters = _interpreters(args)
    only = _example_names(args, _folders(args)[1])
    examples = [e for e in catalog.checked if only is None or e.name in only]
    return plan_checks(examples, interpreters, methods=args.methods), interpreters


def _list(args: argparse.Namespace) -> int:
    docs, _ = _folders(args)
    catalog = _catalog(args)
    servers = catalog.servers
    for example, inclusions in catalog.inclusions.items():
        pages = ", ".join(f"{i.page.relative_to(docs)}:{i.line}" for i in inclusions)
        role = " (server)" if example in servers else ""
        print(f"{example}{role}\t{pages}")
    return _print_problems(catalog.problems)


def _planned(
    args: argparse.Namespace, *, allow_missing: bool = False
) -> tuple[Catalog, list[Check], list[Interpreter]] | None:
    """The examples and the checks asked for; ``None`` (said why) when nothing may run."""
    catalog = _catalog(args, allow_missing=allow_missing)
    if catalog.option_problems:
        _print_problems(catalog.option_problems)
        print("nothing was run: fix the options above first", file=sys.stderr)
        return None
    try:
        checks, interpreters = _checks(args, catalog)
    except InterpreterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
    made: list[str] = []

    def log(line: str) -> None:
        made.append(line)
        print(line, flush=True)

    start = time.monotonic()
    checks = with_environments(checks, log=log)
    if made:
        print(f"{len(made)} environments made in {time.monotonic() - start:.1f} s", flush=True)
    return catalog, checks, interpreters


def _check(args: argparse.Namespace) -> int:
    planned = _planned(args)
    if planned is None:
        return 2
    catalog, checks, interpreters = planned
    docs, examples_dir = _folders(args)
    revision = working_tree_revision(examples_dir)  # what the checks run from, before they run
    previous = _previous_report(args.report)
    earlier: list[Outcome] = []
    if args.reuse and previous is not None:
        checker = checker_fingerprint()
        for check in checks:
            record = previous.earlier_result(check, checker)
            if record is not None:
                earlier.append(
                    Outcome(check, record.duration, expected=record.outcome,
                            skipped=record.skipped, made=record.made, cached=True,
                            revision=record.revision, cpu=record.cpu)
                )  # fmt: skip
        reused = {o.check for o in earlier}
        checks = [c for c in checks if c not in reused]
    names = ", ".join(i.name for i in interpreters)
    reusing = (
        f" ({len(earlier)} more unchanged since {args.report}: not run again)" if earlier else ""
    )
    print(
        f"checking {len(checks)} runs: {len({c.example.name for c in checks})} examples on "
        f"{names}, {args.jobs} at once{reusing}"
    )
    start = time.monotonic()

    def show(outcome: Outcome) -> None:
        if outcome.passed and args.quiet:
            return
        status = "ok  " if outcome.passed else "FAIL"
        if outcome.skipped:
            print(f"skip {outcome.check.label}: {outcome.skipped}", flush=True)
            return
        print(f"{status} {outcome.check.label} {outcome.duration:.2f} s", flush=True)
        for problem in outcome.problems:
            print(_indent(_capped(problem, outcome)), flush=True)

    outcomes = run_checks(
        checks,
        jobs=args.jobs,
        limits=RunLimits(timeout=args.timeout),
        expected_durations=previous.durations() if previous is not None else None,
        on_outcome=show,
    )
    wall = time.monotonic() - start
    if args.report is not None:
        write_report(
            args.report, [*earlier, *outcomes], interpreters, catalog.checked, catalog.problems,
            revision,
        )  # fmt: skip
    failed = [o for o in outcomes if not o.passed]
    for outcome in failed:
        print(f"failed: {outcome.check.label} ({outcome.check.example.path})")
    status = _print_problems(catalog.problems)
    total = sum(o.duration for o in outcomes)
    longest = max((o.duration for o in outcomes), default=0.0)
    print(f"wall {wall:.2f} s, sum {total:.2f} s, longest {longest:.2f} s ({docs})")
    skipped = sum(1 for o in outcomes if o.skipped)
    summary = f"{len(outcomes) - len(failed) - skipped} passed, {len(failed)} failed"
    summary += f", {skipped} not run (see 'skip' above)" if skipped else ""
    summary += f", {len(earlier)} unchanged (passed before)" if earlier else ""
    print(summary)
    return 1 if failed or status else 0


def _previous_report(path: Path | None) -> Report | None:
    """The report an earlier check wrote to *path*, if there is a readable one."""
    if path is None or not path.is_file():
        return None
    try:
        return read_report(path)
    except ReportError:
        return None


def _update(args: argparse.Namespace) -> int:
    planned = _planned(args, allow_missing=True)
    if planned is None:
        return 2
    catalog, checks, _ = planned
    done: set[tuple[str, str]] = set()
    status = 0
    for check in checks:
        example = check.example
        expectation = example.expectation.for_run(check.interpreter.version, check.method)
        if (example.name, expectation.outcome) in done:
            continue
        done.add((example.name, expectation.outcome))
        if expectation.skip is not None:
            continue
        outcome = run_check(check, RunLimits(args.timeout))
        runs = [(example, expectation, outcome.run)]
        server = example.server
        if server is not None and (server.name, "") not in done:
            done.add((server.name, ""))
            server_expectation = server.expectation.for_run(check.interpreter.version, check.method)
            runs.append((server, server_expectation, outcome.server_run))
        for updated, expected, run in runs:
            if run is None or (run.returncode is None and not expected.killed):
                print(f"not updated: {updated.name}: {'; '.join(outcome.problems)}")
                status = 1
                continue
            named = bool(expected.outcome)  # an outcome of its own: a failure shown on purpose
            for stream, old, data in (
                ("out", expected.stdout, run.stdout),
                ("err", expected.stderr, run.stderr),
            ):
                path = expected_output_path(updated.path, stream, expected.outcome)
                text = data.decode("utf-8", errors="replace")
                if stream == "err" and old is None and not (named and text):
                    if text:
                        print(_indent(f"note: it printed to standard error:\n{text}"))
                    continue
                new = updated_output(old or "", text, expected.unordered if stream == "out" else ())
                if new != old or not path.exists():
                    path.write_text(new, encoding="utf-8")
                    print(f"updated: {path}")
                else:
                    print(f"unchanged: {path}")
    return _print_problems(catalog.problems) or status


_SHOWN_LINES = (40, 10)
"""Lines of a long problem printed from its start and from its end; the rest goes to a file."""


def _capped(problem: str, outcome: Outcome) -> str:
    """*problem* as printed: a long one keeps its start and end, and says where the rest is."""
    lines = problem.splitlines()
    head, tail = _SHOWN_LINES
    if len(lines) <= head + tail + 1 and len(problem) <= 200 * (head + tail):
        return problem
    folder = Path(tempfile.gettempdir()) / "mpguide-failures"
    folder.mkdir(exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", outcome.check.label).strip("_")
    path = folder / f"{name}.txt"
    path.write_text(problem + "\n", encoding="utf-8")
    shown = [line[:400] for line in lines[:head]]
    shown.append(f"[... {len(lines) - head - tail} lines cut; the whole text is in {path}]")
    shown += [line[:400] for line in lines[-tail:]]
    return "\n".join(shown)


def _print_problems(problems: Sequence[str]) -> int:
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.splitlines())


if __name__ == "__main__":
    sys.exit(main())
