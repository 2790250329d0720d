"""Plan the checks (examples x interpreters x start methods), run them in parallel, judge each one.

A check runs an example the way a reader would, ``python example.py``, through :mod:`launch
<mpguide.checker.launch>` so that the start method is set without editing the example, and judges
the run against the example's :class:`~mpguide.checker.expectation.Expectation`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mpguide.checker.comparison import output_diff
from mpguide.checker.environment import example_environment
from mpguide.checker.expectation import expected_output_path, fill_ports
from mpguide.checker.plan import Check
from mpguide.checker.runner import (
    Run,
    RunLimits,
    kill_all_groups,
    run_program,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from mpguide.checker.expectation import Expectation
    from mpguide.checker.revision import Revision

__all__ = [
    "LAUNCHER",
    "Interrupted",
    "Outcome",
    "default_jobs",
    "judge",
    "run_check",
    "run_checks",
]

LAUNCHER = Path(__file__).with_name("launch.py")
"""The script that sets the start method and runs an example as ``__main__``."""

_LEAK_WARNING = "resource_tracker: There appear to be"


@dataclass(frozen=True)
class Outcome:
    """How one check went."""

    check: Check
    duration: float
    problems: tuple[str, ...] = ()
    """Each cause of failure, in words; empty when the check passed."""
    run: Run | None = field(default=None, repr=False)
    expected: str = ""
    """The name of the expected outcome the run was judged against; ``""`` for the default."""
    server_run: Run | None = field(default=None, repr=False)
    """The run of the example's server, for an example that has one."""
    skipped: str = ""
    """Why the check was not run (an outcome declared with ``skip``); ``""`` when it ran."""
    made: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    """When the check ran (for a result taken from an earlier report: when it ran then)."""
    cached: bool = False
    """Taken from an earlier report whose files, interpreter and checker were the same."""
    revision: Revision | None = None
    """For a result taken from an earlier report, the commit it ran from then."""
    cpu: float | None = None
    """CPU seconds used by the example's processes and its servers' (``None`` where unknown)."""

    @property
    def passed(self) -> bool:
        """Whether the check passed."""
        return not self.problems


class Interrupted(KeyboardInterrupt):
    """Ctrl-C stopped the checks; ``stopped`` process groups were still running and killed."""

    def __init__(self, stopped: int) -> None:
        """Record how many process groups were stopped."""
        super().__init__(stopped)
        self.stopped = stopped


def default_jobs() -> int:
    """How many checks run at once: examples mostly wait, so several per core, but not more.

    Measured with ``nox -s bench -- --jobs-sweep 4,8,12,16`` (every example on CPython 3.14.10,
    2 cores): 4 at once took 145 s (the cores idle part of the time), 8 took 113 s, 12 took 121 s
    and 16 took 127 s. Past 8 the machine spent more CPU on the same checks (184, 209, 225 s) and
    each check took longer (1.9, 3.1, 4.3 s on average): more at once only stretches each
    example's own timing. Past 48 the examples' memory (a dask cluster, NumPy arrays of 80 MB)
    matters more than idle cores.
    """
    return max(4, min(4 * (os.cpu_count() or 1), 48))


def run_check(check: Check, limits: RunLimits | None = None) -> Outcome:
    """Run *check* in a fresh process group and judge it.

    For an example with a server, the server runs first, on a free loopback port with a fresh
    random key; once it accepts connections the example runs as its client; then the server is
    stopped with Ctrl-C (SIGINT), and both outputs are judged.
    """
    limits = limits or RunLimits()
    version, method = check.interpreter.version, check.method
    expectation = check.example.expectation.for_run(version, method)
    server_example = check.example.server
    server = server_example.expectation.for_run(version, method) if server_example else None
    if expectation.skip is not None:
        return Outcome(check, 0.0, expected=expectation.outcome, skipped=expectation.skip)
    if check.environment is not None and check.environment.problem:
        why = f"its dependencies do not install on {check.interpreter.name}"
        return Outcome(check, 0.0, skipped=f"{why}: {check.environment.problem}")
    if expectation.timeout is not None:
        limits = RunLimits(expectation.timeout, limits.max_output, limits.grace)
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mpguide-") as tmp:
        cwd = Path(tmp)
        if expectation.servers:
            return _run_with_servers(check, expectation, cwd, limits, start)
        if server is None or server_example is None:
            path = check.example.path
            run = run_program(
                _argv(check, path, inline=expectation.inline),
                env=example_environment(expectation.env),
                cwd=cwd,
                limits=limits,
                piped=expectation.piped,
                interrupt=expectation.interrupt,
            )
            problems = judge(run, expectation, limits)
            return Outcome(
                check, time.monotonic() - start, tuple(problems), run, expectation.outcome,
                cpu=_cpu([run]),
            )  # fmt: skip

        server_env = _server_environment()
        port = int(server_env["MANAGER_PORT"])
        server_limits = RunLimits(limits.timeout * 2, limits.max_output, limits.grace)
        client: list[Run] = []
        waited: list[str] = []

        def run_client(proc: subprocess.Popen[bytes]) -> None:
            try:
                problem = _wait_for_port(port, proc, limits.timeout)
                if problem is None:
                    client.append(
                        run_program(
                            _argv(check, check.example.path),
                            env=example_environment({**server_env, **expectation.env}),
                            cwd=cwd,
                            limits=limits,
                        )
                    )
                else:
                    waited.append(problem)
            finally:
                stopped = _interrupt(proc, limits.grace)
                if stopped is not None:
                    waited.append(stopped)

        try:
            served = run_program(
                _argv(check, server_example.path),
                env=example_environment({**server_env, **server.env}),
                cwd=cwd,
                limits=server_limits,
                interact=run_client,
            )
        finally:
            _release_port(port)
    problems = judge(served, server, server_limits)
    problems = [f"server {server.example}: {p}" for p in waited + problems]
    if client:
        problems = judge(client[0], expectation, limits) + problems
    return Outcome(
        check,
        time.monotonic() - start,
        tuple(problems),
        client[0] if client else None,
        expectation.outcome,
        served,
        cpu=_cpu([served, *client]),
    )


def _cpu(runs: Iterable[Run]) -> float | None:
    """The CPU seconds of *runs* together; ``None`` if any is unknown."""
    seconds = [run.cpu for run in runs]
    return None if None in seconds else round(sum(s for s in seconds if s is not None), 3)


def judge(run: Run, expectation: Expectation, limits: RunLimits) -> list[str]:
    """Return every way *run* falls short of *expectation*; an empty list means it passed."""
    problems = []
    name = expectation.example
    if expectation.killed and run.returncode is not None:
        problems.append(
            f"expected to be still running at {limits.timeout:g} s, "
            f"but it exited with {_status(run.returncode)}"
        )
    elif run.timed_out and not expectation.killed:
        problems.append(f"timed out after {limits.timeout:g} s: killed its whole process group")
    # A program expected to hang may fill its output limit first: it is still running either way.
    if run.truncated and not expectation.killed:
        problems.append(
            f"printed more than {limits.max_output} bytes on one stream: cut off and killed"
        )
    # A program killed as expected may be killed between creating a semaphore and telling its
    # resource tracker: that one is the kill's doing, and went with the run's own /dev/shm.
    if run.shm_leftovers and not (expectation.killed and run.returncode is None):
        names = ", ".join(run.shm_leftovers)
        problems.append(
            f"left {len(run.shm_leftovers)} file(s) in /dev/shm ({names}): a semaphore or shared "
            "memory block nobody unlinked; removed"
        )
    if run.leftovers:
        pids = ", ".join(map(str, run.leftovers))
        problems.append(
            f"left {len(run.leftovers)} process(es) running after it exited (PIDs {pids}): killed"
        )
    if (
        run.returncode is not None
        and not expectation.killed
        and run.returncode != expectation.returncode
    ):
        problems.append(f"exited with {_status(run.returncode)}, expected {expectation.returncode}")
    stdout = _decode(run.stdout, "standard output", problems)
    stderr = _decode(run.stderr, "standard error", problems)
    if stdout is not None:
        diff = output_diff(
            expectation.stdout,
            stdout,
            expectation.unordered,
            expected_name=f"{expected_output_path(Path(name), 'out', expectation.outcome)} (expected)",
            actual_name="standard output (actual)",
        )
        if diff:
            problems.append(f"standard output differs from the expected output:\n{diff}")
    if stderr is not None:
        if expectation.stderr is not None:
            diff = output_diff(
                expectation.stderr,
                stderr,
                expected_name=f"{expected_output_path(Path(name), 'err', expectation.outcome)} (expected)",
                actual_name="standard error (actual)",
            )
            if diff:
                problems.append(f"standard error differs from the expected:\n{diff}")
        elif stderr.strip():
            what = (
                "a resource_tracker warning of leaked resources"
                if _LEAK_WARNING in stderr
                else "output on standard error"
            )
            problems.append(f"printed {what}:\n{stderr.rstrip()}")
    return problems


def run_checks(
    checks: Iterable[Check],
    *,
    jobs: int | None = None,
    limits: RunLimits | None = None,
    expected_durations: Mapping[tuple[str, str, str], float] | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Run *checks* in parallel, longest first, and return their outcomes in the given order.

    *expected_durations* (from an earlier report) orders the queue so the longest checks start
    first, which keeps the wall time close to that of the single longest check.
    """
    planned = list(checks)
    durations = expected_durations or {}
    queue = sorted(planned, key=lambda check: -durations.get(check.key, 0.0))
    outcomes: dict[Check, Outcome] = {}
    with ThreadPoolExecutor(max_workers=jobs or default_jobs()) as pool:
        futures = {pool.submit(run_check, check, limits): check for check in queue}
        try:
            for future in as_completed(futures):
                outcome = future.result()
                outcomes[futures[future]] = outcome
                if on_outcome is not None:
                    on_outcome(outcome)
        except KeyboardInterrupt as exc:
            for future in futures:
                future.cancel()
            raise Interrupted(kill_all_groups()) from exc
        except BaseException:
            # A bug: still stop what runs before the pool waits for it.
            for future in futures:
                future.cancel()
            kill_all_groups()
            raise
    return [outcomes[check] for check in planned]


def _argv(check: Check, example: Path, *, inline: bool = False) -> list[str]:
    """``python launch.py METHOD FILE``; *inline*: ``... METHOD -c FILE`` (``python -c`` code).

    An example with dependencies runs with its environment's Python.
    """
    how = ["-c"] if inline else []
    python = check.environment.command if check.environment else check.interpreter.command
    return [python, str(LAUNCHER), check.method, *how, str(example)]


def _run_with_servers(
    check: Check, expectation: Expectation, cwd: Path, limits: RunLimits, start: float
) -> Outcome:
    """Start each of the example's servers in order, run it, stop them in reverse (Ctrl-C).

    Each server is given a free port for ``{its name}``; one with a port is ready once it accepts
    connections there. Each runs in a process group (and cgroup) of its own and must stop within
    the grace once interrupted, leaving nothing behind; its output is shown when anything fails.
    """
    servers = expectation.servers
    ports = {s.name: _reserve_port() for s in servers}
    env = {k: fill_ports(v, ports) for k, v in expectation.env.items()}
    server_limits = RunLimits(limits.timeout * 2, limits.max_output, limits.grace)
    environment = check.environment
    runs: dict[str, Run] = {}
    waited: list[str] = []
    client: list[Run] = []

    def start_from(index: int) -> None:
        """Run server *index* with the rest (and then the example) inside its lifetime."""
        if index == len(servers):
            client.append(
                run_program(_argv(check, check.example.path), env=example_environment(env),
                            cwd=cwd, limits=limits)
            )  # fmt: skip
            return
        server = servers[index]
        argv = server.argv(ports)
        program = environment.program(argv[0]) if environment else [check.interpreter.command]

        def then(proc: subprocess.Popen[bytes]) -> None:
            try:
                uses_port = any(f"{{{server.name}}}" in word for word in server.command)
                problem = (
                    _wait_for_port(ports[server.name], proc, limits.timeout) if uses_port else None
                )
                if problem is None:
                    start_from(index + 1)
                else:
                    waited.append(f"server {server.name}: {problem}")
            finally:
                stopped = _interrupt(proc, server.grace or limits.grace)
                if stopped is not None:
                    waited.append(f"server {server.name}: {stopped}")

        runs[server.name] = run_program(
            [*program, *argv[1:]],
            env=example_environment(env),
            cwd=cwd,
            limits=server_limits,
            interact=then,
        )

    try:
        start_from(0)
    finally:
        for port in ports.values():
            _release_port(port)
    problems = judge(client[0], expectation, limits) if client else []
    problems += waited
    for server in servers:
        run = runs.get(server.name)
        if run is None:
            continue
        trouble = _server_trouble(run, server_limits)
        if trouble or problems:
            shown = (run.stdout + run.stderr).decode("utf-8", errors="replace").rstrip()
            detail = f"; it printed:\n{shown}" if shown and trouble else ""
            problems += [f"server {server.name}: {t}{detail}" for t in trouble]
    return Outcome(
        check, time.monotonic() - start, tuple(problems), client[0] if client else None,
        expectation.outcome, cpu=_cpu([*runs.values(), *client]),
    )  # fmt: skip


def _interrupt(proc: subprocess.Popen[bytes], grace: float) -> str | None:
    """Ctrl-C to *proc*'s process group, as a terminal does; kill it if still there after *grace*.

    A terminal signals the whole foreground process group, not its leader. Return what went
    wrong, or ``None`` when it stopped in time.
    """
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGINT)
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        return _still_running(grace)
    return None


def _server_trouble(run: Run, limits: RunLimits) -> list[str]:
    """What went wrong with a server given as a command: its output is not compared."""
    trouble = []
    if run.timed_out:
        trouble.append(f"still running after {limits.timeout:g} s: killed")
    if run.leftovers:
        pids = ", ".join(map(str, run.leftovers))
        trouble.append(f"left {len(run.leftovers)} process(es) running (PIDs {pids}): killed")
    if run.shm_leftovers:
        trouble.append(f"left {', '.join(run.shm_leftovers)} in /dev/shm: removed")
    if run.returncode not in {None, 0, -signal.SIGINT}:
        trouble.append(f"exited with {_status(run.returncode)} on Ctrl-C, expected status 0")
    return trouble


def _status(returncode: int) -> str:
    if returncode < 0:
        with contextlib.suppress(ValueError):
            return f"signal {signal.Signals(-returncode).name}"
    return f"status {returncode}"


def _decode(data: bytes, stream: str, problems: list[str]) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(
            f"{stream} is not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}"
        )
        return None


def _server_environment() -> dict[str, str]:
    """A free loopback port and a fresh random key, as a reader would set them for a manager."""
    return {"MANAGER_PORT": str(_reserve_port()), "MANAGER_AUTHKEY": secrets.token_hex(32)}


_ports_lock = threading.Lock()
_reserved_ports: set[int] = set()


def _reserve_port() -> int:
    """A free loopback port that no outgoing connection can take until the server binds it.

    A port the kernel hands out for ``bind(0)`` comes from the ephemeral range, which is also where
    every outgoing connection gets its local port: freed and passed on to a server, it can be taken
    by another check's client in between ("Address already in use"). A port below that range is
    only ever taken by a program that binds it on purpose; the checks' own servers are kept apart
    by reserving each port until its check ends.
    """
    low = _ephemeral_ports()[0]
    first = max(1024, low - 16384)
    with _ports_lock:
        for _ in range(1000):
            port = first + secrets.randbelow(low - first)
            if port in _reserved_ports:
                continue
            with socket.socket() as sock:
                try:
                    sock.bind(("127.0.0.1", port))
                except OSError:
                    continue
            _reserved_ports.add(port)
            return port
    msg = f"no free loopback port between {first} and {low}"
    raise RuntimeError(msg)


def _release_port(port: int) -> None:
    with _ports_lock:
        _reserved_ports.discard(port)


def _ephemeral_ports() -> tuple[int, int]:
    """The range the kernel takes local ports of outgoing connections from (Linux's default)."""
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return int(low), int(high)
    except (OSError, ValueError):
        return 32768, 60999


def _wait_for_port(port: int, proc: subprocess.Popen[bytes], seconds: float) -> str | None:
    """Wait until the server accepts connections on *port*; return why it did not, or ``None``."""
    deadline = time.monotonic() + seconds
    while proc.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        except OSError:
            if time.monotonic() >= deadline:
                return f"the server did not accept connections on port {port} within {seconds:g} s"
            time.sleep(0.05)
        else:
            return None
    return f"the server exited with {_status(proc.returncode)} before accepting connections"


def _still_running(grace: float) -> str:
    """Say that the server outlived Ctrl-C, and why when the cause is the checker's own state."""
    problem = f"still running {grace:g} s after Ctrl-C (SIGINT): killed"
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        # Ignored signals stay ignored across fork and exec: the server could not see Ctrl-C.
        problem += "; the checker runs with SIGINT ignored (started in the background?)"
    return problem
