"""Run the full check many times while every core is kept busy, and report each failure (``nox -s soak``).

Examples whose output depends on timing must stay correct on a slow, busy machine: this is how we
find out. More busy-looping processes than cores (one per core, and one more) run for the whole
soak; each round checks every example on every given Python under every start method, and each
failed check is printed with its diff. At the end, the failures are counted per check and per
example across the rounds.

A newcomer's conditions can be added:

- ``--cold N``: the first N rounds start cold, as on a fresh machine: the examples' environments
  are made during the round, in an empty folder, with an empty uv cache (every package downloaded
  and compiled again), and the bytecode the examples' own modules left in the source tree is
  removed first.
- ``--beside-tests``: the test suite's other tests (``pytest -m "not docs and not examples"``)
  run again and again beside the checks, as ``nox -s tests`` runs them.

Usage: ``python tools/soak.py [--rounds 20] [--cold 2] [--beside-tests] [--root .] [--only 3.14]
[--load N] [--jobs N] PYTHON ...``
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mpguide.checker.example import load_catalog
from mpguide.checker.interpreters import probe
from mpguide.checker.plan import plan_checks
from mpguide.checker.suite import default_jobs, run_checks
from mpguide.checker.venvs import ENVS_VARIABLE, with_environments
from mpguide.layout import DOCS, EXAMPLES

if TYPE_CHECKING:
    from collections.abc import Iterator

    from mpguide.checker.plan import Check

_BUSY_LOOP = "while True: pass"


@contextlib.contextmanager
def cold_start(examples: Path) -> Iterator[None]:
    """Within it, environments are made from nothing: an empty folder, an empty uv cache.

    The bytecode of the *examples*' own modules is removed first, as a fresh clone has none.
    """
    for cache in examples.rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)
    saved = {name: os.environ.get(name) for name in (ENVS_VARIABLE, "UV_CACHE_DIR")}
    with tempfile.TemporaryDirectory(prefix="mpguide-soak-cold-") as tmp:
        os.environ[ENVS_VARIABLE] = f"{tmp}/envs"
        os.environ["UV_CACHE_DIR"] = f"{tmp}/uv-cache"
        try:
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


@dataclass
class TestsBeside:
    """How the other tests fared, run again and again beside the checks."""

    runs: int = 0
    failures: int = 0


@contextlib.contextmanager
def tests_beside(root: Path) -> Iterator[TestsBeside]:
    """Within it, the tests that are not about the examples or the docs run in a loop."""
    argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2",
            "-m", "not docs and not examples"]  # fmt: skip
    counts = TestsBeside()
    stop = threading.Event()
    running: list[subprocess.Popen[bytes]] = []

    def loop() -> None:
        while not stop.is_set():
            proc = subprocess.Popen(
                argv, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            running[:] = [proc]
            code = proc.wait()
            if not stop.is_set():
                counts.runs += 1
                counts.failures += code != 0

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield counts
    finally:
        stop.set()
        for proc in running:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)  # pytest stops its workers and their children
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
        thread.join()


def main(argv: list[str] | None = None) -> int:
    """Soak the checks; exit non-zero if any round had a failure."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pythons", nargs="+", help="interpreters to check with")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--cold", type=int, default=0, metavar="N", help="first N rounds cold")
    parser.add_argument(
        "--beside-tests", action="store_true", help="the other tests, in a loop, beside the checks"
    )
    parser.add_argument("--root", type=Path, default=Path())
    parser.add_argument("--docs", type=Path, help=f"the pages (default: ROOT/{DOCS})")
    parser.add_argument("--examples", type=Path, help=f"the examples (default: ROOT/{EXAMPLES})")
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument(
        "--only",
        action="append",
        metavar="X.Y",
        help="only the given Pythons of this version (repeat for several)",
    )
    parser.add_argument(
        "--load", type=int, default=(os.cpu_count() or 1) + 1, help="busy processes"
    )
    args = parser.parse_args(argv)
    # Stopped by `kill` or by nox: as Ctrl-C, so that the running examples are killed too.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    root = args.root.resolve()
    examples = (args.examples or root / EXAMPLES).resolve()
    catalog = load_catalog((args.docs or root / DOCS).resolve(), examples)
    if catalog.problems:
        sys.exit("\n".join(catalog.problems))
    interpreters = [probe(p) for p in args.pythons]
    if args.only:
        interpreters = [i for i in interpreters if i.feature in args.only]
        if not interpreters:
            sys.exit(f"no Python of version {', '.join(args.only)} among {args.pythons}")
    planned = plan_checks(catalog.checked, interpreters)
    busy = [subprocess.Popen([sys.executable, "-c", _BUSY_LOOP]) for _ in range(args.load)]
    failures: Counter[str] = Counter()
    by_example: Counter[str] = Counter()
    print(
        f"soak: {args.rounds} rounds of {len(planned)} checks "
        f"({', '.join(i.name for i in interpreters)}), {args.jobs} at once, "
        f"{args.load} busy processes on {os.cpu_count()} cores; {args.cold} cold rounds"
        + (", the other tests in a loop beside" if args.beside_tests else "")
    )
    beside = tests_beside(root) if args.beside_tests else contextlib.nullcontext(None)
    try:
        with beside as tests:
            for round_ in range(1, args.rounds + 1):
                cold = round_ <= args.cold
                start = time.monotonic()
                with cold_start(examples) if cold else contextlib.nullcontext():
                    checks: list[Check] = with_environments(planned)
                    outcomes = run_checks(checks, jobs=args.jobs)
                failed = [o for o in outcomes if not o.passed]
                for outcome in failed:
                    failures[outcome.check.label] += 1
                    by_example[outcome.check.example.name] += 1
                    print(f"round {round_}: FAIL {outcome.check.label}")
                    for problem in outcome.problems:
                        print("\n".join(f"    {line}" for line in problem.splitlines()))
                print(
                    f"round {round_}{' (cold)' if cold else ''}: "
                    f"{len(outcomes) - len(failed)} passed, {len(failed)} failed "
                    f"in {time.monotonic() - start:.1f} s",
                    flush=True,
                )
    finally:
        for proc in busy:
            proc.kill()
            proc.wait()
    total = args.rounds * len(planned)
    print(f"soak: {sum(failures.values())} failures in {total} checks over {args.rounds} rounds")
    if tests is not None:
        print(f"  the other tests ran {tests.runs} times beside, {tests.failures} failed")
    for name, count in by_example.most_common():
        print(f"  {count} x {name}:")
        for label, times in failures.most_common():
            if label.startswith(f"{name} "):
                print(f"      {times} x {label}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
