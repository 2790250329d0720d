"""Run the full check many times while every core is kept busy, and report each failure (``nox -s soak``).

Examples whose output depends on timing must stay correct on a slow, busy machine: this is how we
find out. More busy-looping processes than cores (one per core, and one more) run for the whole
soak; each round checks every example on every given Python under every start method, and each
failed check is printed with its diff.

Usage: ``python tools/soak.py [--rounds 20] [--root .] [--only 3.14] PYTHON ...``
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from mpguide.checker.example import load_catalog
from mpguide.checker.interpreters import probe
from mpguide.checker.plan import plan_checks
from mpguide.checker.suite import default_jobs, run_checks
from mpguide.checker.venvs import with_environments
from mpguide.layout import DOCS, EXAMPLES

_BUSY_LOOP = "while True: pass"


def main(argv: list[str] | None = None) -> int:
    """Soak the checks; exit non-zero if any round had a failure."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pythons", nargs="+", help="interpreters to check with")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--root", type=Path, default=Path())
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
    catalog = load_catalog(root / DOCS, root / EXAMPLES)
    if catalog.problems:
        sys.exit("\n".join(catalog.problems))
    interpreters = [probe(p) for p in args.pythons]
    if args.only:
        interpreters = [i for i in interpreters if i.feature in args.only]
        if not interpreters:
            sys.exit(f"no Python of version {', '.join(args.only)} among {args.pythons}")
    checks = with_environments(plan_checks(catalog.checked, interpreters))
    busy = [subprocess.Popen([sys.executable, "-c", _BUSY_LOOP]) for _ in range(args.load)]
    failures: Counter[str] = Counter()
    print(
        f"soak: {args.rounds} rounds of {len(checks)} checks "
        f"({', '.join(i.name for i in interpreters)}), {args.jobs} at once, "
        f"{args.load} busy processes on {os.cpu_count()} cores"
    )
    try:
        for round_ in range(1, args.rounds + 1):
            start = time.monotonic()
            outcomes = run_checks(checks, jobs=args.jobs)
            failed = [o for o in outcomes if not o.passed]
            for outcome in failed:
                failures[outcome.check.label] += 1
                print(f"round {round_}: FAIL {outcome.check.label}")
                for problem in outcome.problems:
                    print("\n".join(f"    {line}" for line in problem.splitlines()))
            print(
                f"round {round_}: {len(outcomes) - len(failed)} passed, {len(failed)} failed "
                f"in {time.monotonic() - start:.1f} s",
                flush=True,
            )
    finally:
        for proc in busy:
            proc.kill()
            proc.wait()
    total = args.rounds * len(checks)
    print(f"soak: {sum(failures.values())} failures in {total} checks over {args.rounds} rounds")
    for label, count in failures.most_common():
        print(f"  {count} x {label}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
