"""Run one program in a fresh process group and capture its output the way a terminal shows it.

Standard output goes to a pseudo-terminal, so the program and every child it starts see a terminal
and line-buffer their output exactly as they do on a reader's screen; standard error is read from a
pipe, apart, so that anything on it can be judged.
Each run starts a new session, so the run, its children, pool workers and grandchildren form one
process group: on a timeout, on output that grows past its limit, on Ctrl-C, or when the program exits
and leaves something behind, the whole group is killed and counted.
A process can leave the group (``os.setsid()``, ``start_new_session=True``, ``os.setpgid(0, 0)``),
and even clear its environment, but not its cgroup: where the checker may (a writable cgroup v2
hierarchy, as root), each run gets a cgroup of its own, which the kernel puts every descendant in,
wherever it moved; the run is frozen there before it is killed, so nothing forks in between.
Elsewhere every run carries a token of its own in ``MPGUIDE_RUN``, and a process that carries it
belongs to the run wherever it moved, so it is found, named and killed too.

Where the checker may (as root, with ``unshare``), each run also gets a ``/dev/shm`` of its own: a
folder of the machine's ``/dev/shm`` mounted over it in a private mount namespace. A program killed
at its timeout while it creates named semaphores (a pool that keeps replacing workers that die at
start) cannot leave them behind on the machine, whatever moment the kill comes at; and whatever a
run left there once its last process is gone (a semaphore or shared memory block nobody
unlinked) is named, then removed.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pty
import re
import secrets
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
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

__all__ = [
    "RUN_VARIABLE",
    "Run",
    "RunLimits",
    "group_members",
    "kill_all_groups",
    "own_cgroups",
    "private_shm",
    "run_members",
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
    shm_leftovers: tuple[str, ...] = ()
    """Files the run left in its own ``/dev/shm`` (they have been removed)."""
    pgid: int = 0
    token: str = ""
    """The run's own value of ``MPGUIDE_RUN``, inherited by every process it started."""
    cpu: float | None = None
    """CPU seconds used by every process of the run, from its cgroup; ``None`` without one."""


RUN_VARIABLE = "MPGUIDE_RUN"
"""The environment variable that marks every process of a run, wherever it moved."""

_groups_lock = threading.Lock()
_groups: dict[int, str] = {}


def kill_all_groups() -> int:
    """Kill every run started by this module that is still running; return how many."""
    with _groups_lock:
        groups = sorted(_groups.items())
    for pgid, token in groups:
        _kill_run(pgid, token)
    return len(groups)


_CGROUP_PREFIX = 'echo $$ > "$0" || exit 125; exec "$@"'
"""Join the cgroup whose ``cgroup.procs`` is the first argument, then run the rest."""


_cgroup_lock = threading.Lock()


def _cgroup_base() -> Path | None:
    """A folder of the cgroup v2 hierarchy to make each run's cgroup in, or ``None`` (once).

    The first checks start together, in threads: they must not race to probe it.
    """
    with _cgroup_lock:
        return _find_cgroup_base()


@functools.cache
def _find_cgroup_base() -> Path | None:
    """A folder of the cgroup v2 hierarchy to make each run's cgroup in, or ``None``.

    It is ``mpguide-checker`` under the checker's own cgroup; only where that can be made (root,
    a cgroup2 file system mounted read-write) and the kernel can kill a whole cgroup (5.14+).
    """
    try:
        mounts = Path("/proc/self/mounts").read_text().splitlines()
        own = next(line[3:] for line in Path("/proc/self/cgroup").read_text().splitlines()
                   if line.startswith("0::"))  # fmt: skip
    except (OSError, StopIteration):
        return None
    for mount in (line.split() for line in mounts):
        if len(mount) > 3 and mount[2] == "cgroup2" and "rw" in mount[3].split(","):
            base = Path(mount[1]) / own.lstrip("/") / "mpguide-checker"
            try:
                base.mkdir(exist_ok=True)
                probe = base / f"probe-{os.getpid()}-{secrets.token_hex(4)}"
                probe.mkdir(exist_ok=True)
                usable = (probe / "cgroup.kill").exists() and (probe / "cgroup.freeze").exists()
                probe.rmdir()
            except OSError:
                continue
            if usable:
                _sweep(base.iterdir(), _remove_cgroup)
                return base
    return None


def _owner(folder: Path) -> int | None:
    """The checker process a run's cgroup or ``/dev/shm`` folder belongs to (its name says)."""
    match = re.fullmatch(r"(?:mpguide-run-)?(\d+)-[0-9a-f]+", folder.name)
    return int(match[1]) if match else None


def _sweep(folders: Iterable[Path], remove: Callable[[Path], object]) -> None:
    """Remove what runs of a checker that died without cleaning up (killed outright) left.

    Their processes are killed with their cgroup; a folder of a checker still running is kept.
    """
    for folder in folders:
        owner = _owner(folder)
        if owner is not None and owner != os.getpid() and not _alive(Path(f"/proc/{owner}")):
            remove(folder)


def _cgroup_members(cgroup: Path | None) -> set[int]:
    if cgroup is None:
        return set()
    try:
        pids = (cgroup / "cgroup.procs").read_text().split()
    except OSError:
        return set()
    return {int(pid) for pid in pids if _alive(Path(f"/proc/{pid}"))}


def _freeze(cgroup: Path, frozen: bool) -> None:
    """Freeze (or thaw) every process of *cgroup*; wait until the kernel says it is done."""
    with contextlib.suppress(OSError):
        (cgroup / "cgroup.freeze").write_text("1" if frozen else "0")
        deadline = time.monotonic() + 2
        want = f"frozen {int(frozen)}"
        while want not in (cgroup / "cgroup.events").read_text() and time.monotonic() < deadline:
            time.sleep(0.005)


def own_cgroups() -> bool:
    """Whether each run gets a cgroup of its own here: then its CPU seconds are counted too."""
    return _cgroup_base() is not None


def _cpu_seconds(cgroup: Path | None) -> float | None:
    """CPU time every process of *cgroup* has used, exited ones included, in seconds."""
    if cgroup is None:
        return None
    try:
        for line in (cgroup / "cpu.stat").read_text().splitlines():
            name, _, value = line.partition(" ")
            if name == "usage_usec":
                return int(value) / 1e6
    except (OSError, ValueError):
        pass
    return None


def _remove_cgroup(cgroup: Path) -> None:
    """Kill whatever is left in *cgroup* and remove it once it is empty."""
    with contextlib.suppress(OSError):
        (cgroup / "cgroup.kill").write_text("1")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            cgroup.rmdir()
        except FileNotFoundError:
            return
        except OSError:  # still populated: the killed processes are exiting
            time.sleep(0.01)
        else:
            return


_cgroups: dict[int, Path] = {}
"""The cgroup of each running run, by process group."""


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
    for name in os.listdir("/proc"):  # noqa: PTH208 - polled often: plain strings are faster
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:  # noqa: PTH123 - thousands a second
                stat = f.read()
        except OSError:
            continue
        # "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
        fields = stat[stat.rindex(b")") + 2 :].split()
        state, group = fields[0], int(fields[2])
        if group == pgid and state not in {b"Z", b"X"}:
            members.append(int(name))
    return sorted(members)


def run_members(pgid: int, token: str) -> list[int]:
    """Return the live processes of a run: its cgroup, its process group, whoever has its *token*."""
    marker = f"{RUN_VARIABLE}={token}".encode()
    members = set(group_members(pgid)) | _cgroup_members(_cgroups.get(pgid))
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) in members:
            continue
        try:
            if marker in (entry / "environ").read_bytes().split(b"\0") and _alive(entry):
                members.add(int(entry.name))
        except OSError:
            continue
    return sorted(members)


def _alive(entry: Path) -> bool:
    try:
        stat = (entry / "stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] not in "ZX"


def _kill_run(pgid: int, token: str) -> None:
    """Kill the run, letting its resource trackers clean up after the rest first.

    A resource tracker unlinks the named semaphores and shared memory its program leaked once every
    other process has gone; killed along with them, it would leave them in ``/dev/shm`` for good.
    The group is stopped first, so that nothing forks between the listing and the killing (a pool
    keeps replacing workers that die): a fork in progress when the signal comes is restarted
    after it, so no new member escapes.
    """
    cgroup = _cgroups.get(pgid)
    if cgroup is not None:
        _freeze(cgroup, frozen=True)  # the whole tree at once, wherever its processes moved
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGSTOP)
    members = run_members(pgid, token)
    for pid in members:  # those that left the group: stopped one by one
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGSTOP)
    members = run_members(pgid, token)  # and whoever forked before they stopped
    trackers = {pid for pid in members if _is_resource_tracker(pid)}
    for pid in members:
        if pid not in trackers:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
    for pid in trackers:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGCONT)
    if cgroup is not None:
        _freeze(cgroup, frozen=False)  # the killed die; the trackers clean up
    deadline = time.monotonic() + _TRACKER_GRACE
    while trackers and time.monotonic() < deadline:
        trackers = {pid for pid in trackers if _alive(Path(f"/proc/{pid}"))}
        time.sleep(0.02)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)
    for pid in run_members(pgid, token):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


def _is_resource_tracker(pid: int) -> bool:
    try:
        return b"resource_tracker" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _wait_run_empty(pgid: int, token: str, seconds: float) -> list[int]:
    """Wait up to *seconds* for the run to have no process left; return who is still there."""
    deadline = time.monotonic() + seconds
    while True:
        # The group is cheap to list; the environments of every process are read only once it is
        # empty, to find whoever left it.
        if not group_members(pgid) and not run_members(pgid, token):
            return []
        if time.monotonic() >= deadline:
            return run_members(pgid, token)
        time.sleep(0.02)


@contextlib.contextmanager
def running_group(
    argv: Sequence[str],
    *,
    env: Mapping[str, str],
    cwd: Path,
    stdout: int,
    stderr: int,
    token: str,
    shm: Path | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """Start *argv* as the leader of a new session, marked with *token*, and kill the run on leaving.

    The run is registered while it runs, so that :func:`kill_all_groups` (Ctrl-C) reaches it.
    Its standard input is empty; *shm* is the folder it sees as ``/dev/shm``.
    """
    base = _cgroup_base()
    cgroup = base / f"{os.getpid()}-{token}" if base is not None else None
    prefix: list[str] = []
    if cgroup is not None:
        cgroup.mkdir()
        prefix = ["/bin/sh", "-c", _CGROUP_PREFIX, str(cgroup / "cgroup.procs")]
    if shm is not None:
        prefix += [*_private_shm_prefix(), str(shm)]
    proc = subprocess.Popen(
        [*prefix, *argv],
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=stderr,
        env={**env, RUN_VARIABLE: token},
        cwd=cwd,
        start_new_session=True,
    )
    with _groups_lock:
        _groups[proc.pid] = token
        if cgroup is not None:
            _cgroups[proc.pid] = cgroup
    try:
        yield proc
    finally:
        if run_members(proc.pid, token):  # timed out, cut off, interrupted, or left something
            _kill_run(proc.pid, token)
            _wait_run_empty(proc.pid, token, 5)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=5)
        with _groups_lock:
            _groups.pop(proc.pid, None)
            _cgroups.pop(proc.pid, None)
        if cgroup is not None:
            _remove_cgroup(cgroup)
        if proc.stderr is not None:
            proc.stderr.close()


DEV_SHM = Path("/dev/shm")  # noqa: S108 - where POSIX semaphores and shared memory live
_PRIVATE_SHM = 'mount --bind "$0" /dev/shm || exit 125; exec "$@"'
"""Mount the folder given first over ``/dev/shm`` (in a private mount namespace), then run the rest."""


@functools.cache
def _private_shm_prefix() -> tuple[str, ...]:
    """The command that gives a run its own ``/dev/shm`` (the folder follows), or ``()``.

    Only where that is allowed: as root, with ``unshare``, and where trying it once works.
    """
    unshare = shutil.which("unshare")
    if unshare is None or os.geteuid() != 0 or not DEV_SHM.is_dir():
        return ()
    prefix = (unshare, "--mount", "--propagation", "private", "--", "/bin/sh", "-c", _PRIVATE_SHM)
    _sweep(DEV_SHM.glob("mpguide-run-*"), lambda folder: shutil.rmtree(folder, ignore_errors=True))
    probe = _new_shm_folder(f"probe-{secrets.token_hex(8)}")
    try:
        done = subprocess.run(
            [*prefix, str(probe), "true"], capture_output=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    finally:
        shutil.rmtree(probe, ignore_errors=True)
    return prefix if done.returncode == 0 else ()


def private_shm() -> bool:
    """Whether each run gets a ``/dev/shm`` of its own here (what it leaves there fails its check).

    Elsewhere a run shares the machine's ``/dev/shm`` with every other process.
    """
    return bool(_private_shm_prefix())


def _new_shm_folder(token: str) -> Path:
    folder = DEV_SHM / f"mpguide-run-{token}"
    folder.mkdir()
    folder.chmod(0o1777)  # as /dev/shm itself: the program may run as anyone
    return folder


def _private_shm(token: str) -> Path | None:
    """A ``/dev/shm`` of the run's own, where the checker may give it one."""
    return _new_shm_folder(f"{os.getpid()}-{token}") if _private_shm_prefix() else None


def _remove_shm(folder: Path | None) -> tuple[str, ...]:
    """Remove a run's ``/dev/shm``; return the names of the files it left there."""
    if folder is None:
        return ()
    left = tuple(sorted(p.name for p in folder.iterdir()))
    shutil.rmtree(folder, ignore_errors=True)
    return left


def run_program(
    argv: Sequence[str],
    *,
    env: Mapping[str, str],
    cwd: Path,
    limits: RunLimits | None = None,
    interact: Callable[[subprocess.Popen[bytes]], None] | None = None,
    piped: bool = False,
    interrupt: str | None = None,
) -> Run:
    """Run *argv* to completion (or to its limits) and return what it printed and how it ended.

    *interact*, if given, is called with the running process in a thread of its own while the output
    is collected: a server's check uses it to run a client, then stop the server with Ctrl-C.
    With *piped*, standard output goes to a pipe instead of a terminal, as in ``python FILE | cat``:
    the program then buffers it in blocks, not lines.
    With *interrupt*, Ctrl-C comes once standard output contains that text: SIGINT to the whole
    process group, as a terminal sends it to the job in the foreground.
    """
    limits = limits or RunLimits()
    if piped:
        master, slave = os.pipe()
    else:
        master, slave = pty.openpty()
        tty.setraw(slave)  # no "\n" -> "\r\n" translation: the bytes as the program wrote them
    start = time.monotonic()
    token = secrets.token_hex(8)
    shm = _private_shm(token)
    try:
        with running_group(
            argv,
            env=env,
            cwd=cwd,
            stdout=slave,
            stderr=subprocess.PIPE,
            token=token,
            shm=shm,
        ) as proc:
            os.close(slave)
            slave = -1
            if proc.stderr is None:  # pragma: no cover - asked for a pipe above
                raise RuntimeError("standard error pipe missing")
            helper = None
            if interact is not None:
                helper = threading.Thread(target=interact, args=(proc,), daemon=True)
                helper.start()
            marker = interrupt.encode() if interrupt is not None else None
            collected = _collect(proc, master, proc.stderr.fileno(), limits, marker)
            out, err, timed_out, truncated, exited_at = collected
            leftovers: list[int] = []
            if not (timed_out or truncated):
                if exited_at is None:  # both streams closed, the program still running
                    try:
                        proc.wait(timeout=max(0.0, start + limits.timeout - time.monotonic()))
                    except subprocess.TimeoutExpired:
                        timed_out = True
                    exited_at = time.monotonic()
                if not timed_out:
                    # One grace after the exit, whatever the timeout: helpers (resource tracker,
                    # forkserver) leave within it; what is still there then was left behind.
                    remaining = exited_at + limits.grace - time.monotonic()
                    leftovers = _wait_run_empty(proc.pid, token, max(0.0, remaining))
            returncode = None if (timed_out or truncated) else proc.returncode
            pgid = proc.pid
            cpu = _cpu_seconds(_cgroups.get(pgid))
        if helper is not None:
            helper.join(limits.timeout)
    finally:
        if slave >= 0:
            os.close(slave)
        os.close(master)
        shm_leftovers = _remove_shm(shm)
    return Run(
        stdout=bytes(out),
        stderr=bytes(err),
        returncode=returncode,
        duration=time.monotonic() - start,
        timed_out=timed_out,
        truncated=truncated,
        leftovers=tuple(leftovers),
        shm_leftovers=shm_leftovers,
        pgid=pgid,
        token=token,
        cpu=cpu,
    )


def _collect(
    proc: subprocess.Popen[bytes],
    out_fd: int,
    err_fd: int,
    limits: RunLimits,
    interrupt: bytes | None = None,
) -> tuple[bytearray, bytearray, bool, bool, float | None]:
    """Read both streams until they close, the time runs out, or the output grows too large.

    Once standard output contains *interrupt*, the process group gets SIGINT, once.

    Return both outputs, whether the time ran out, whether the output was cut off, and when the
    program exited (``None`` if it had not).
    A process the program left behind may hold the terminal open after the program exits: reading
    then stops *grace* seconds after the exit, whatever the timeout, and the caller names the
    leftover.
    """
    deadline = time.monotonic() + limits.timeout
    buffers = {out_fd: bytearray(), err_fd: bytearray()}
    exited_at: float | None = None
    with selectors.DefaultSelector() as selector:
        for fd in buffers:
            selector.register(fd, selectors.EVENT_READ)
        while selector.get_map():
            now = time.monotonic()
            if exited_at is None and proc.poll() is not None:
                exited_at = now
                deadline = now + limits.grace
            if now >= deadline:
                timed_out = exited_at is None
                return buffers[out_fd], buffers[err_fd], timed_out, False, exited_at
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
                if interrupt is not None and fd == out_fd and interrupt in buffer:
                    interrupt = None
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(proc.pid, signal.SIGINT)
                if len(chunk) > room:
                    return buffers[out_fd], buffers[err_fd], False, True, exited_at
    if exited_at is None and proc.poll() is not None:
        exited_at = time.monotonic()
    return buffers[out_fd], buffers[err_fd], False, False, exited_at
