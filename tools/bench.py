"""Measure the checker and the docs build, and print the figures (``nox -s bench``).

For each Python found, and for all of them together, it prints the checks run (examples x start
methods x Pythons), the sum of their times, the longest one, the wall time, and wall / longest (how
close the run comes to its critical path; the target is <= 1.5 for one Python).
It also prints the CPU time the machine was busy while the checks ran (run it on a quiet machine):
divided by the cores, it is a floor no schedule can beat, so a run bound by CPU rather than by its
longest check shows it (target: wall / max(longest, floor) <= 1.2).
Then it builds both languages cold, touches one example file, builds again, and prints both times
and which pages were read again: only the pages that include the touched file, in both languages.
Before the checks, it makes the environments of the examples with dependencies in an empty folder,
then again, and prints both times: what the cache saves every run after the first.
Last, it times the whole docs pipeline as ``nox -s docs`` runs it (check with ``--reuse``, then
build both languages), in a copy of the project: cold, after a prose edit (target: at most 15% of
cold, running no example), and after editing one example (rerunning only its checks).

With ``--tests-with NOX`` it only times ``nox -s tests``, run with that command, each session and
in all (``nox -s bench -- --tests``). With ``--newcomer`` it only runs the README's two commands,
exactly as written, on a fresh clone with empty caches, then ``nox -s docs`` again, each against
its target. With ``--jobs-sweep 4,6,8,12`` it only runs every check once per number of checks at
once, with the figures of each.

Usage: ``python tools/bench.py [--root .] [--touch processes/daemon.py] PYTHON ...``
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from mpguide.checker.discovery import find_inclusions
from mpguide.checker.example import load_catalog
from mpguide.checker.interpreters import Interpreter, probe
from mpguide.checker.plan import plan_checks
from mpguide.checker.report import CheckRecord, read_report, write_report
from mpguide.checker.suite import Outcome, default_jobs, run_checks
from mpguide.checker.venvs import ENVS_VARIABLE, with_environments
from mpguide.layout import (
    DOCS,
    EXAMPLES,
    LANGUAGES,
    build_site,
    sphinx_build,
)

_SPHINX = (sys.executable, "-m", "sphinx")
"""Sphinx, run by this Python wherever the benchmark runs."""
_READING = re.compile(r"reading sources\.\.\. \[\s*\d+%\] (\S+)")


def measure_checks(
    root: Path,
    interpreters: list[Interpreter],
    report: Path,
    jobs: int,
    durations: dict[tuple[str, str, str], float] | None = None,
) -> list[Outcome]:
    """Run every check once with *interpreters*, longest first; print and return the figures."""
    catalog = load_catalog(root / DOCS, root / EXAMPLES)
    if catalog.problems:
        sys.exit("\n".join(catalog.problems))
    checks = with_environments(plan_checks(catalog.checked, interpreters))
    cpu_before = _busy_cpu()
    start = time.monotonic()
    outcomes = run_checks(checks, jobs=jobs, expected_durations=durations)
    wall = time.monotonic() - start
    cpu = _busy_cpu() - cpu_before
    cores = os.cpu_count() or 1
    floor = max(cpu / cores, 0.0)
    write_report(report, outcomes, interpreters, catalog.checked)
    longest = max(outcomes, key=lambda o: o.duration)
    total = sum(o.duration for o in outcomes)
    failed = sum(not o.passed for o in outcomes)
    examples_run = len({o.check.example.name for o in outcomes})
    methods = len({o.check.method for o in outcomes})
    print(
        f"{', '.join(i.name for i in interpreters)}: "
        f"{len(outcomes)} checks ({examples_run} examples x {methods} start methods x "
        f"{len(interpreters)} Pythons), {failed} failed, {jobs} at once\n"
        f"  sum {total:.2f} s, longest {longest.duration:.2f} s ({longest.check.label}), "
        f"wall {wall:.2f} s, wall / longest {wall / longest.duration:.2f}\n"
        f"  CPU the machine was busy {cpu:.2f} s: on {cores} cores no schedule beats "
        f"{floor:.2f} s; wall / max(longest, that) {wall / max(longest.duration, floor):.2f}",
        flush=True,
    )
    return outcomes


def measure_environments(root: Path, interpreters: list[Interpreter]) -> None:
    """Make every example's environment in an empty folder, then again: print both times.

    The second time each is reused, as by every check after the first on a machine.
    """
    catalog = load_catalog(root / DOCS, root / EXAMPLES)
    checks = plan_checks(catalog.checked, interpreters)
    needing = [c for c in checks if c.example.expectation.script is not None]
    before = os.environ.get(ENVS_VARIABLE)
    folder = Path(tempfile.mkdtemp(prefix="mpguide-bench-envs-"))
    os.environ[ENVS_VARIABLE] = str(folder)
    try:
        start = time.monotonic()
        made = with_environments(needing)
        cold = time.monotonic() - start
        start = time.monotonic()
        with_environments(needing)
        warm = time.monotonic() - start
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if before is None:
            del os.environ[ENVS_VARIABLE]
        else:
            os.environ[ENVS_VARIABLE] = before
    environments = {id(c.environment): c.environment for c in made if c.environment}
    failed = sum(1 for e in environments.values() if e is not None and e.problem)
    print(
        f"environments for examples with dependencies: {len(environments)} "
        f"({len({c.example.name for c in needing})} examples x {len(interpreters)} Pythons, "
        f"{failed} that do not install): made in {cold:.2f} s, reused in {warm:.2f} s "
        f"(saved {cold - warm:.2f} s per run once made; uv's own download cache was warm)",
        flush=True,
    )


def _busy_cpu() -> float:
    """CPU seconds this machine has spent busy (every core, every process, the kernel's work).

    Not this process's ``RUSAGE_CHILDREN``: that misses every process reaped outside the checker's
    tree. A forkserver outlives the program that started it and is reaped by init, and with it the
    CPU of every worker it forked: measured on a forkserver check, 5.9 s of 8.2 s reached the
    rusage. The machine's own count misses nothing, so a benchmark needs an otherwise quiet machine.
    """
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq = (int(f) for f in fields[:7])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def _build(root: Path, out: Path, report: Path, language: str) -> tuple[float, list[str]]:
    """Build one language into *out*; return the time and the pages Sphinx read."""
    start = time.monotonic()
    argv = sphinx_build(root, language, out, report=report, program=_SPHINX)
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - start
    if done.returncode != 0:
        sys.exit(f"docs build ({language}) failed:\n{done.stdout}{done.stderr}")
    return elapsed, sorted(set(_READING.findall(done.stdout)))


def measure_docs(root: Path, report: Path, touch: str) -> bool:
    """Build both languages cold and after touching *touch*; print figures; True if it held."""
    out = Path(tempfile.mkdtemp(prefix="mpguide-bench-"))
    try:
        cold = {lang: _build(root, out, report, lang) for lang in LANGUAGES}
        example = root / EXAMPLES / touch
        example.touch()
        warm = {lang: _build(root, out, report, lang) for lang in LANGUAGES}
    finally:
        shutil.rmtree(out, ignore_errors=True)
    held = True
    for lang in LANGUAGES:
        including = sorted(
            str(i.page.relative_to(root / DOCS / lang).with_suffix(""))
            for i in find_inclusions(root / DOCS / lang)
            if i.example == touch
        )
        read = warm[lang][1]
        ok = read == including
        held &= ok
        print(
            f"docs {lang}: cold {cold[lang][0]:.2f} s ({len(cold[lang][1])} pages read); "
            f"after touching {touch}: {warm[lang][0]:.2f} s, read {read or 'nothing'} "
            f"({'only' if ok else 'NOT only'} the pages that include it: {including})",
            flush=True,
        )
    return held


def _pipeline(root: Path, pythons: list[str], jobs: int) -> tuple[float, str]:
    """Run the docs pipeline in *root* as ``nox -s docs`` does; return its time and what ran.

    What ran is the checker's own summary, with the check's wall time against its critical path:
    the longest check, and the CPU the machine was busy spread over the cores.
    """
    report = root / "report.json"
    start = time.monotonic()
    cpu_before = _busy_cpu()
    check = subprocess.run(
        [sys.executable, "-m", "mpguide.checker", "--root", str(root), "check",
         *(f"--python={p}" for p in pythons), "--reuse", "--quiet", "--jobs", str(jobs),
         "--report", str(report)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if check.returncode != 0:
        sys.exit(f"check failed in {root}:\n{check.stdout}{check.stderr}")
    wall = time.monotonic() - start
    floor = (_busy_cpu() - cpu_before) / (os.cpu_count() or 1)
    ran = [c for c in read_report(report).checks if not c.cached and not c.skipped]
    longest = max((c.duration for c in ran), default=0.0)
    critical = max(longest, floor)
    figures = (
        f"check wall {wall:.1f} s, longest {longest:.1f} s, CPU floor {floor:.1f} s, "
        f"wall / max(longest, floor) {wall / critical:.2f}"
        if ran
        else f"check wall {wall:.1f} s"
    )
    build_site(root, root / "out", _run_or_exit, report=report, program=_SPHINX)
    summary = next(line for line in check.stdout.splitlines() if line.startswith("checking"))
    return time.monotonic() - start, f"{summary}; {figures}"


def _run_or_exit(language: str, commands: Sequence[Sequence[str]]) -> None:
    """Run one language's build commands in order; stop the benchmark with the output of a failure."""
    for argv in commands:
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit(f"docs build ({language}) failed:\n{done.stdout}{done.stderr}")


def measure_pipeline(root: Path, pythons: list[str], jobs: int, example: str, page: str) -> bool:
    """Time ``nox -s docs`` cold, after a prose edit and after an example edit; True if it held."""
    with tempfile.TemporaryDirectory(prefix="mpguide-bench-") as tmp:
        copy = Path(tmp)
        shutil.copytree(root / DOCS, copy / DOCS, ignore=shutil.ignore_patterns("_build"))
        shutil.copytree(root / EXAMPLES, copy / EXAMPLES)
        cold, cold_ran = _pipeline(copy, pythons, jobs)
        with (copy / DOCS / page).open("a", encoding="utf-8") as f:
            f.write("\nOne more sentence of prose.\n")
        prose, prose_ran = _pipeline(copy, pythons, jobs)
        with (copy / EXAMPLES / example).open("a", encoding="utf-8") as f:
            f.write("# edited\n")
        edited, edited_ran = _pipeline(copy, pythons, jobs)
    ratio = prose / cold
    print(
        f"docs pipeline (check --reuse + both languages), cold: {cold:.1f} s ({cold_ran})\n"
        f"  after a prose edit of {page}: {prose:.1f} s = {ratio:.0%} of cold (target <= 15%) "
        f"({prose_ran})\n"
        f"  after editing {example}: {edited:.1f} s ({edited_ran})",
        flush=True,
    )
    return ratio <= 0.15 and prose_ran.startswith("checking 0 runs")


_SESSION_DONE = re.compile(r"Session (\S+) was successful in (.+)\.$", re.MULTILINE)


def measure_tests(root: Path, nox: list[str]) -> bool:
    """Time ``nox -s tests`` as the README runs it, each session and in all; True if it passed.

    The target is half of the 5 minutes it took when the checker's issue was filed: 150 s.
    """
    start = time.monotonic()
    done = subprocess.run(
        [*nox, "-s", "tests"], cwd=root, capture_output=True, text=True, check=False
    )
    wall = time.monotonic() - start
    sessions = ", ".join(f"{name} {took}" for name, took in _SESSION_DONE.findall(done.stderr))
    print(
        f"nox -s tests: {wall:.1f} s in all (target <= 150 s); {sessions or 'no session passed'}",
        flush=True,
    )
    if done.returncode != 0:
        print(done.stdout[-4000:], done.stderr[-4000:], sep="\n", file=sys.stderr)
    return done.returncode == 0


_README_COMMAND = re.compile(r"^\$ (.+)$", re.MULTILINE)
NEWCOMER_TARGETS = (12 * 60.0, 30.0, 4 * 60.0)
"""Seconds: README command 1 (Pythons fetched), ``nox -s docs`` again, README command 2."""


def readme_commands(readme: Path) -> list[str]:
    """The commands of the README's first console block (under "Set up, build, test")."""
    text = readme.read_text(encoding="utf-8")
    section = text[text.index("## Set up, build, test") :]
    block = section[
        section.index("```console") : section.index("```", section.index("```console") + 3)
    ]
    return _README_COMMAND.findall(block)


def where_the_cpu_went(report: Path) -> None:
    """Print the CPU seconds of the report's checks by chapter, by Python and by start method."""
    checks = [c for c in read_report(report).checks if c.cpu is not None and not c.cached]
    if not checks:
        print("  no CPU figures in the report (runs get no cgroup here, or every check was cached)")
        return
    total = sum(c.cpu or 0.0 for c in checks)
    print(f"  CPU of the {len(checks)} checks run: {total:.0f} s in all")
    groupings: list[tuple[str, Callable[[CheckRecord], str]]] = [
        ("chapter", lambda c: c.example.split("/")[0]),
        ("Python", lambda c: c.version),
        ("start method", lambda c: c.start_method),
    ]
    for title, key in groupings:
        sums: dict[str, float] = {}
        for check in checks:
            sums[key(check)] = sums.get(key(check), 0.0) + (check.cpu or 0.0)
        parts = sorted(sums.items(), key=lambda item: -item[1])
        shown = ", ".join(f"{name} {cpu:.0f} s ({cpu / total:.0%})" for name, cpu in parts)
        print(f"  by {title}: {shown}")


def measure_newcomer(root: Path) -> bool:
    """Time the README's commands, exactly as written, on a fresh clone with empty caches.

    The clone is of the last commit; ``XDG_CACHE_HOME`` and ``UV_CACHE_DIR`` point at empty folders,
    so the Pythons of ``scripts/get-pythons``, the examples' environments and every download start
    from nothing; the shell is a reader's (no ``PYTHONDONTWRITEBYTECODE``, no pyenv version
    activated, none of this session's virtual environments on ``PATH``). Then it runs the docs
    command again with nothing changed. Prints each time against its target and where the CPU of
    the checks went; True if every command passed and every target was met.
    """
    commands = readme_commands(root / "README.md")
    with tempfile.TemporaryDirectory(prefix="mpguide-newcomer-") as tmp:
        clone = Path(tmp) / "mpguide"
        git = shutil.which("git") or "git"
        subprocess.run([git, "clone", "-q", str(root), str(clone)], check=True)
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "PYENV_VERSION",
                         "VIRTUAL_ENV", "UV_COMPILE_BYTECODE", "NOX_DEFAULT_VENV_BACKEND"}
            and not k.startswith(("NOX", "MPGUIDE_", "PYTEST"))
        }  # fmt: skip
        if "VIRTUAL_ENV" in os.environ:  # nox's session: its folder off PATH
            folders = os.environ.get("PATH", "").split(os.pathsep)
            own = str(Path(os.environ["VIRTUAL_ENV"]) / "bin")
            env["PATH"] = os.pathsep.join(f for f in folders if f != own)
        env.update(XDG_CACHE_HOME=f"{tmp}/cache", UV_CACHE_DIR=f"{tmp}/uv-cache")
        docs_again = next(c.split(" && ")[-1] for c in commands if "nox -s docs" in c)
        timed = [*commands[:1], docs_again, *commands[1:]]
        names = ["README command 1", "nox -s docs again", "README command 2"]
        held = True
        for name, command, target in zip(names, timed, NEWCOMER_TARGETS, strict=False):
            start = time.monotonic()
            cpu_before = _busy_cpu()
            done = subprocess.run(
                [shutil.which("bash") or "/bin/bash", "-c", command], cwd=clone, env=env,
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            wall = time.monotonic() - start
            cpu = _busy_cpu() - cpu_before
            ok = done.returncode == 0 and wall <= target
            held &= ok
            print(
                f"{name}: {wall:.0f} s ({wall / 60:.1f} min; target <= {target:.0f} s), "
                f"exit {done.returncode}, machine busy {cpu:.0f} CPU s: `{command}`",
                flush=True,
            )
            if done.returncode != 0:
                print(done.stdout[-6000:], done.stderr[-6000:], sep="\n", file=sys.stderr)
                return False
            if name == "README command 1":
                where_the_cpu_went(clone / "docs" / "_build" / "verification.json")
    return held


def sweep_jobs(root: Path, interpreters: list[Interpreter], sweep: list[int]) -> bool:
    """Run every check once for each number of checks at once in *sweep*: print the figures.

    How the default of ``--jobs`` is chosen: the wall time falls while cores sit idle, and stops
    falling once they are busy; past that, more at once only loads the machine more, and stretches
    each example's own timing. True if no check failed.
    """
    failed = 0
    report = Path(tempfile.mkdtemp(prefix="mpguide-bench-")) / "verification.json"
    for jobs in sweep:
        print(f"jobs {jobs}:", end=" ", flush=True)
        outcomes = measure_checks(root, interpreters, report, jobs)
        failed += sum(not o.passed for o in outcomes)
    return failed == 0


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit non-zero if a check failed or a rebuild read too much."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pythons", nargs="*", help="interpreters to check with")
    parser.add_argument("--root", type=Path, default=Path())
    parser.add_argument("--touch", default="processes/daemon.py", help="example to touch")
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--no-docs", action="store_true", help="measure the checks only")
    parser.add_argument(
        "--tests-with",
        metavar="NOX",
        help="only time `nox -s tests`, run with this command (`python -m nox`, say)",
    )
    parser.add_argument(
        "--newcomer",
        action="store_true",
        help="only the README's commands, as written, on a fresh clone with empty caches",
    )
    parser.add_argument(
        "--jobs-sweep",
        metavar="N,N,...",
        help="only the checks, once for each number of checks at once (`4,6,8,12,16`)",
    )
    parser.add_argument(
        "--pipeline-only",
        action="store_true",
        help="only the docs pipeline cold, after a prose edit and after an example edit",
    )
    args = parser.parse_args(argv)
    # Stopped by `kill` or by nox: as Ctrl-C, so that the running examples are killed too.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    root = args.root.resolve()
    if args.tests_with:
        return 0 if measure_tests(root, args.tests_with.split()) else 1
    if args.newcomer:
        return 0 if measure_newcomer(root) else 1
    if args.pipeline_only:
        held = measure_pipeline(root, args.pythons, args.jobs, args.touch, "zh_CN/processes.md")
        return 0 if held else 1
    interpreters = [probe(p) for p in args.pythons]
    if args.jobs_sweep:
        sweep = [int(n) for n in args.jobs_sweep.split(",")]
        return 0 if sweep_jobs(root, interpreters, sweep) else 1
    measure_environments(root, interpreters)
    report = Path(tempfile.mkdtemp(prefix="mpguide-bench-")) / "verification.json"
    # All Pythons together first: its durations order the runs of each Python longest first.
    outcomes = measure_checks(root, interpreters, report, args.jobs)
    durations = {o.check.key: o.duration for o in outcomes}
    failed = sum(not o.passed for o in outcomes)
    for interpreter in interpreters:
        outcomes = measure_checks(root, [interpreter], report, args.jobs, durations)
        failed += sum(not o.passed for o in outcomes)
    # The docs are built from a report of every Python, as `nox -s docs` does.
    measure_checks(root, interpreters, report, args.jobs, durations)
    held = True
    if not args.no_docs:
        held = measure_docs(root, report, args.touch)
        page = "zh_CN/processes.md"
        held &= measure_pipeline(root, args.pythons, args.jobs, args.touch, page)
    return 1 if failed or not held else 0


if __name__ == "__main__":
    sys.exit(main())
