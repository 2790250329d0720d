"""Run one example many times at once on a busy machine; show where each run that hung was stuck.

A hang that comes once in a hundred runs under load (``nox -s soak`` finds them) is reproduced here
with nothing else in the way: the example alone, copies of it at once, busy loops beside them. A run
that outlives ``--timeout`` has its processes listed, then gets SIGABRT: with ``PYTHONFAULTHANDLER``
set, every Python process of the run prints the stack of each of its threads before it dies. Then
the run is killed as the checker kills one (every process of it, wherever it moved). Each run
gets the checker's environment for an example. The output of each run that failed is kept in
``--logs``.

Usage: ``python tools/repeat.py PYTHON EXAMPLE [--method spawn] [--runs 300] [--at-once 10]
[--load 3] [--timeout 60] [--env NAME=VALUE ...]``, in the project's root; EXAMPLE is relative to
the examples folder (``dask_distributed/tls_cluster.py``), and its PEP 723 dependencies are
installed as the checker installs them.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mpguide.checker.dependencies import read_script_metadata
from mpguide.checker.environment import example_environment
from mpguide.checker.interpreters import probe
from mpguide.checker.runner import kill_all_groups, run_members, running_group
from mpguide.checker.suite import LAUNCHER
from mpguide.checker.venvs import prepare
from mpguide.layout import EXAMPLES

_BUSY_LOOP = "while True: pass"
_GRACE = 3.0
"""Seconds each process of a hung run is given to print its stacks after SIGABRT."""


def main(argv: list[str] | None = None) -> int:
    """Run the example; exit 1 if any run failed or hung."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("python", help="the interpreter to run it with")
    parser.add_argument("example", help="the example, relative to the examples folder")
    parser.add_argument("--examples", type=Path, default=EXAMPLES, help="the examples folder")
    parser.add_argument("--method", default="spawn", choices=("fork", "spawn", "forkserver"))
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--at-once", type=int, default=10)
    parser.add_argument("--load", type=int, default=(os.cpu_count() or 1) + 1, help="busy loops")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds for one run")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--logs", type=Path, help="where to keep the output of failed runs")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, signal.default_int_handler)

    example = (args.examples / args.example).resolve()
    if not example.is_file():
        sys.exit(f"{example}: no such example")
    interpreter = probe(args.python)
    command = interpreter.command
    script = read_script_metadata(example)
    if script is not None and script.dependencies:
        environment = prepare(interpreter, script, log=print)
        if environment.problem:
            sys.exit(f"{example}: its dependencies do not install: {environment.problem}")
        command = environment.command
    extra = {"PYTHONFAULTHANDLER": "1"}
    for item in args.env:
        name, equals, value = item.partition("=")
        if not equals or not name:
            sys.exit(f"--env {item!r}: expected NAME=VALUE")
        extra[name] = value
    env = example_environment(extra)  # what the checker gives a run, and these
    argv = [command, str(LAUNCHER), args.method, str(example)]
    logs = args.logs or Path(tempfile.mkdtemp(prefix="mpguide-repeat-"))
    logs.mkdir(parents=True, exist_ok=True)
    lock = threading.Lock()
    failures: list[str] = []

    def run(number: int) -> None:
        log_path = logs / f"run-{number}.log"
        start = time.monotonic()
        token = secrets.token_hex(8)
        with (
            log_path.open("wb") as log,
            running_group(
                argv,
                env=env,
                cwd=example.parent,
                stdout=log.fileno(),
                stderr=subprocess.STDOUT,
                token=token,
            ) as proc,
        ):
            try:
                returncode = proc.wait(args.timeout)
                what = f"exited {returncode}" if returncode else ""
            except subprocess.TimeoutExpired:
                members = run_members(proc.pid, token)
                log.write(b"--- still running:\n" + b"".join(map(_described, members)))
                log.write(b"--- SIGABRT: the stacks of each Python process\n")
                log.flush()
                for pid in members:  # one at a time: stacks printed at once would interleave
                    _abort(pid)
                what = f"hung ({args.timeout:g} s)"
        # Leaving running_group killed what was left of the run, wherever it had moved.
        if what:
            with lock:
                failures.append(f"run {number}: {what}, log {log_path}")
            print(f"run {number}: {what} after {time.monotonic() - start:.1f} s", flush=True)
        else:
            log_path.unlink()

    print(
        f"{args.example} under {args.method} on {interpreter.name}: {args.runs} runs, "
        f"{args.at_once} at once, {args.load} busy loops on {os.cpu_count()} cores",
        flush=True,
    )
    busy = [subprocess.Popen([sys.executable, "-c", _BUSY_LOOP]) for _ in range(args.load)]
    pool = ThreadPoolExecutor(max_workers=args.at_once)
    try:
        list(pool.map(run, range(1, args.runs + 1)))
    except KeyboardInterrupt:
        # Ctrl-C or SIGTERM: start no more runs, and end the ones running (their threads then
        # finish at once) before the pool is waited for.
        pool.shutdown(wait=False, cancel_futures=True)
        kill_all_groups()
        raise
    finally:
        pool.shutdown()
        for loop in busy:
            loop.kill()
            loop.wait()
    print(f"{len(failures)} of {args.runs} runs failed or hung")
    for failure in sorted(failures, key=lambda line: int(line.split()[1].rstrip(":"))):
        print(f"  {failure}")
    if not failures and args.logs is None:
        logs.rmdir()  # a folder of its own, and empty: each passed run's output was removed
    return 1 if failures else 0


def _abort(pid: int) -> None:
    """Send SIGABRT to *pid* and give it :data:`_GRACE` seconds to print its stacks and die."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGABRT)
    deadline = time.monotonic() + _GRACE
    while time.monotonic() < deadline:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return  # gone
        if stat[stat.rindex(")") + 2] in "ZX":
            return  # dead, not yet reaped
        time.sleep(0.02)


def _described(pid: int) -> bytes:
    """One line for process *pid*: its number and command line."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").strip()
    except OSError:
        command = b"(gone)"
    return f"{pid} ".encode() + command + b"\n"


if __name__ == "__main__":
    sys.exit(main())
