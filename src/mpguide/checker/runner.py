"""Run one program in a fresh process group and capture its output the way a terminal shows it.

Standard output goes to a pseudo-terminal, so the program and every child it starts see a terminal
and line-buffer their output exactly as they do on a reader's screen; standard error is read from a
pipe, apart, so that anything on it can be judged.
Each run starts a new session, so the run, its children, pool workers and grandchildren form one
process group: on a timeout, on output that grows past its limit, on Ctrl-C, or when the program exits
and leaves something behind, the whole group is killed and counted.

Where the checker may (as root, with ``unshare``), each run also gets a ``/dev/shm`` of its own, a
tmpfs in a private mount namespace that vanishes with the run's last process: a program killed at
its timeout while it creates named semaphores (a pool that keeps replacing workers that die at
start) cannot leave them behind on the machine, whatever moment the kill comes at.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pty
import selectors
import shutil
import signal
import subprocess
import threading
import time
import tty
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping, Sequence

__all__ = [
    "Run",
    "RunLimits",
    "group_members",
    "kill_all_groups",
    "run_program",
    "running_group",
]

_READ_SIZE = 65536
_TRACKER_GRACE = 10.0  # seconds a resource tracker may take to clean up once the rest is killed


@dataclass(frozen=True)
class RunLimits:
    """How long a run may take and how much it may print."""

    timeout: float = 60.0
    """Seconds before the whole process group is killed."""
    max_output: int = 1 << 20
    """Bytes kept of each stream; past this the run is cut off and killed."""
    grace: float = 5.0
    """Seconds the program's helpers (resource tracker, forkserver) get to exit after it does."""


@dataclass(frozen=True)
class Run:
    """What one run of a program did."""

    stdout: bytes
    stderr: bytes
    returncode: int | None
    """The exit status; ``None`` when the run was killed before it exited on its own."""
    duration: float
    timed_out: bool = False
    truncated: bool = False
    leftovers: tuple[int, ...] = ()
    """PIDs of processes the program left running after it exited (they have been killed)."""
    pgid: int = 0


_groups_lock = threading.Lock()
_groups: set[int] = set()


def kill_all_groups() -> int:
    """Kill every process group started by this module that is still running; return how many."""
    with _groups_lock:
        groups = sorted(_groups)
    for pgid in groups:
        _kill_group(pgid)
    return len(groups)


def group_members(pgid: int) -> list[int]:
    """Return the PIDs of live (not zombie) processes in process group *pgid*."""
    proc = Path("/proc")
    if not proc.is_dir():  # pragma: no cover - not Linux: ask the kernel whether any is left
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return []
        except PermissionError:
            return [pgid]
        return [pgid]
    members = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
        fields = stat[stat.rindex(")") + 2 :].split()
        state, group = fields[0], int(fields[2])
        if group == pgid and state not in {"Z", "X"}:
            members.append(int(entry.name))
    return sorted(members)


def _kill_group(pgid: int) -> None:
    """Kill the group, letting its resource trackers clean up after the rest first.

    A resource tracker unlinks the named semaphores and shared memory its program leaked once every
    other process has gone; killed along with them, it would leave them in ``/dev/shm`` for good.
    The group is stopped first, so that nothing forks between the listing and the killing (a pool
    keeps replacing workers that die): a fork in progress when the signal comes is restarted
    after it, so no new member escapes.
    """
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGSTOP)
    members = group_members(pgid)
    trackers = {pid for pid in members if _is_resource_tracker(pid)}
    for pid in members:
        if pid not in trackers:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
    for pid in trackers:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGCONT)
    deadline = time.monotonic() + _TRACKER_GRACE
    while trackers and time.monotonic() < deadline:
        trackers = {pid for pid in trackers if pid in group_members(pgid)}
        time.sleep(0.02)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def _is_resource_tracker(pid: int) -> bool:
    try:
        return b"resource_tracker" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _wait_group_empty(pgid: int, seconds: float) -> list[int]:
    """Wait up to *seconds* for the group to empty; return who is still there."""
    deadline = time.monotonic() + seconds
    while members := group_members(pgid):
        if time.monotonic() >= deadline:
            return members
        time.sleep(0.02)
    return []


@contextlib.contextmanager
def running_group(
    argv: Sequence[str],
    *,
    env: Mapping[str, str],
    cwd: Path,
    stdout: int,
    stderr: int,
) -> Iterator[subprocess.Popen[bytes]]:
    """Start *argv* as the leader of a new session and kill its whole group on leaving.

    The group is registered while it runs, so that :func:`kill_all_groups` (Ctrl-C) reaches it.
    """
    proc = subprocess.Popen(
        [*_private_shm_prefix(), *argv],
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=stderr,
        env=dict(env),
        cwd=cwd,
        start_new_session=True,
    )
    with _groups_lock:
        _groups.add(proc.pid)
    try:
        yield proc
    finally:
        _kill_group(proc.pid)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=5)
        _wait_group_empty(proc.pid, 5)
        with _groups_lock:
            _groups.discard(proc.pid)
        if proc.stderr is not None:
            proc.stderr.close()


_PRIVATE_SHM = (
    'mount -t tmpfs -o mode=1777,size=64m mpguide-shm /dev/shm 2>/dev/null || true; exec "$0" "$@"'
)


@functools.cache
def _private_shm_prefix() -> tuple[str, ...]:
    """The command that gives a run its own ``/dev/shm``, or nothing where that is not allowed."""
    unshare = shutil.which("unshare")
    if unshare is None or os.geteuid() != 0 or not Path("/dev/shm").is_dir():  # noqa: S108
        return ()
    prefix = (unshare, "--mount", "--propagation", "private", "--", "/bin/sh", "-c", _PRIVATE_SHM)
    try:
        done = subprocess.run([*prefix, "true"], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return ()
    return prefix if done.returncode == 0 else ()


def run_program(
    argv: Sequence[str],
    *,
    env: Mapping[str, str],
    cwd: Path,
    limits: RunLimits | None = None,
    interact: Callable[[subprocess.Popen[bytes]], None] | None = None,
    piped: bool = False,
) -> Run:
    """Run *argv* to completion (or to its limits) and return what it printed and how it ended.

    *interact*, if given, is called with the running process in a thread of its own while the output
    is collected: a server's check uses it to run a client, then stop the server with Ctrl-C.
    With *piped*, standard output goes to a pipe instead of a terminal, as in ``python FILE | cat``:
    the program then buffers it in blocks, not lines.
    """
    limits = limits or RunLimits()
    if piped:
        master, slave = os.pipe()
    else:
        master, slave = pty.openpty()
        tty.setraw(slave)  # no "\n" -> "\r\n" translation: the bytes as the program wrote them
    start = time.monotonic()
    try:
        with running_group(argv, env=env, cwd=cwd, stdout=slave, stderr=subprocess.PIPE) as proc:
            os.close(slave)
            slave = -1
            if proc.stderr is None:  # pragma: no cover - asked for a pipe above
                raise RuntimeError("standard error pipe missing")
            helper = None
            if interact is not None:
                helper = threading.Thread(target=interact, args=(proc,), daemon=True)
                helper.start()
            out, err, timed_out, truncated = _collect(proc, master, proc.stderr.fileno(), limits)
            leftovers: list[int] = []
            if not (timed_out or truncated):
                remaining = max(0.0, start + limits.timeout - time.monotonic())
                try:
                    proc.wait(timeout=remaining)
                except subprocess.TimeoutExpired:
                    timed_out = True
                else:
                    leftovers = _wait_group_empty(proc.pid, limits.grace)
            returncode = None if (timed_out or truncated) else proc.returncode
            pgid = proc.pid
        if helper is not None:
            helper.join(limits.timeout)
    finally:
        if slave >= 0:
            os.close(slave)
        os.close(master)
    return Run(
        stdout=bytes(out),
        stderr=bytes(err),
        returncode=returncode,
        duration=time.monotonic() - start,
        timed_out=timed_out,
        truncated=truncated,
        leftovers=tuple(leftovers),
        pgid=pgid,
    )


def _collect(
    proc: subprocess.Popen[bytes], out_fd: int, err_fd: int, limits: RunLimits
) -> tuple[bytearray, bytearray, bool, bool]:
    """Read both streams until they close, the time runs out, or the output grows too large.

    A process the program left behind may hold the terminal open after the program exits: reading
    stops *grace* seconds after the exit, and the caller deals with the leftover.
    """
    deadline = time.monotonic() + limits.timeout
    buffers = {out_fd: bytearray(), err_fd: bytearray()}
    exited_at: float | None = None
    with selectors.DefaultSelector() as selector:
        for fd in buffers:
            selector.register(fd, selectors.EVENT_READ)
        while selector.get_map():
            now = time.monotonic()
            if now >= deadline:
                return buffers[out_fd], buffers[err_fd], True, False
            if exited_at is None and proc.poll() is not None:
                exited_at = now
            if exited_at is not None and now - exited_at > limits.grace:
                break
            for key, _ in selector.select(timeout=min(0.1, deadline - now)):
                fd = key.fd
                try:
                    chunk = os.read(fd, _READ_SIZE)
                except OSError:  # EIO: every holder of the terminal has closed it
                    chunk = b""
                if not chunk:
                    selector.unregister(fd)
                    continue
                buffer = buffers[fd]
                room = limits.max_output - len(buffer)
                buffer += chunk[:room]
                if len(chunk) > room:
                    return buffers[out_fd], buffers[err_fd], False, True
    return buffers[out_fd], buffers[err_fd], False, False
