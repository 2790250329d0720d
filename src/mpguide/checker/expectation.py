"""What an example is expected to do, kept once beside it and shared by both languages.

For an example ``chapter/concept.py`` the files are:

``chapter/concept.out``
    The standard output the pages show, exactly.
    ``...`` matches any text, as in :mod:`doctest` with ``ELLIPSIS``.
``chapter/concept.err`` (optional)
    Standard error the example is expected to print; without it, any standard error is a failure.
``checks.toml`` (optional, in the example's folder)
    Options for examples that need them, in a table named after the example's file::

        ["with_args.py"]
        unordered = [[1, 5]]   # lines 1 to 5 of the output may come in any order
        returncode = 1         # the exit status it is expected to end with
        timeout = 90           # seconds, instead of the default
        server = "remote_server.py"  # started first, stopped after (see suite)
        env = { NAME = "value" }
        killed = true          # expected to be still running at the timeout, then killed
        piped = true           # standard output to a pipe, as in `python FILE | cat`
        python = ">=3.14"      # run only on these versions (an API added in 3.14)
        interrupt = "working"  # Ctrl-C once standard output contains this text
        inline = true          # run as `python -c "$(cat FILE)"`: like a REPL or a notebook cell,
                               # its main module has no file that spawn's children could import
        module = true          # not a program but a module others import: shown, never run

Servers given as commands, started in order before the example and stopped after it with Ctrl-C in
the reverse order (a scheduler and its workers)::

    [["cluster_client.py".servers]]
    name = "scheduler"     # {scheduler}, in later commands and in env: the port it listens on
    command = "dask scheduler --host 127.0.0.1 --port {scheduler}"
    port = 8786            # the port the page shows; the checker gives it a free one
    grace = 12             # seconds it may take to stop after Ctrl-C (default: the checker's)

The first word of a command is ``python`` or a command the example's dependencies install.
A server with a port is ready once it accepts connections there; their output is not compared.
An example's dependencies are its PEP 723 block (:mod:`mpguide.checker.dependencies`).

Where an example behaves differently on some Pythons or under some start methods (the original
tutorial's programs, run as they were written), each difference is an *outcome* of its own, tried
in order before the default above; the first whose ``python`` and ``methods`` match the run is
expected::

    [["unguarded_pool.py".outcomes]]
    name = "hangs"                 # its output: unguarded_pool.hangs.out (and .hangs.err)
    python = "<3.13.8"             # versions it holds on: ">=3.13.8, <3.14", or a list of such
    methods = ["spawn", "forkserver"]
    killed = true                  # still running at the timeout: killed, as expected

An outcome may also set ``returncode`` and ``unordered``; ``timeout``, ``server`` and ``env`` are
the example's.
Where a program's output is random (the original's queue program under fork), an outcome with
``skip = "why"`` says so: those runs are not made, and the report and the page say why.
"""

from __future__ import annotations

import re
import shlex
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mpguide.checker.dependencies import DependencyError, ScriptMetadata, read_script_metadata
from mpguide.checker.interpreters import START_METHODS, version_key

__all__ = [
    "CHECKS_FILE",
    "Expectation",
    "ExpectationError",
    "ExpectedOutcome",
    "Server",
    "expected_output_files",
    "expected_output_path",
    "load_expectation",
    "load_options",
    "read_options",
    "version_matches",
]

CHECKS_FILE = "checks.toml"
_OPTION_TYPES: dict[str, tuple[type, ...]] = {
    "unordered": (list,),
    "returncode": (int,),
    "timeout": (int, float),
    "server": (str,),
    "env": (dict,),
    "killed": (bool,),
    "piped": (bool,),
    "python": (str, list),
    "interrupt": (str,),
    "inline": (bool,),
    "module": (bool,),
    "outcomes": (list,),
    "servers": (list,),
}
_SERVER_TYPES: dict[str, tuple[type, ...]] = {
    "name": (str,),
    "command": (str,),
    "port": (int,),
    "grace": (int, float),
}
_SERVER_NAME = re.compile(r"[a-z][a-z0-9-]*")
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9-]*)\}")
_OUTCOME_TYPES: dict[str, tuple[type, ...]] = {
    "name": (str,),
    "python": (str, list),
    "methods": (list,),
    "returncode": (int,),
    "killed": (bool,),
    "unordered": (list,),
    "skip": (str,),
}
_OUTCOME_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
_CLAUSE = re.compile(r"\s*(>=|<=|==|!=|<|>)\s*(\d+(?:\.\d+){1,2})\s*")


class ExpectationError(Exception):
    """An example's expected output or options are missing or malformed."""


@dataclass(frozen=True)
class ExpectedOutcome:
    """One way an example is expected to end on some Pythons or start methods."""

    name: str
    stdout: str
    stderr: str | None = None
    returncode: int = 0
    killed: bool = False
    """Still running at the timeout, then killed: what a program that hangs is expected to do."""
    python: tuple[str, ...] | None = None
    """Version ranges it holds on, any of them (``"<3.13.8"``, ``">=3.13.8, <3.14"``);
    ``None``: every version."""
    methods: tuple[str, ...] | None = None
    """The start methods it holds under; ``None``: every one."""
    unordered: tuple[tuple[int, int], ...] = ()
    skip: str | None = None
    """Why runs with this outcome are not checked (their output is random), or ``None``."""

    def applies(self, version: str, method: str) -> bool:
        """Whether this outcome is the one expected of a run on *version* under *method*."""
        in_methods = self.methods is None or method in self.methods
        in_pythons = self.python is None or any(version_matches(p, version) for p in self.python)
        return in_methods and in_pythons


@dataclass(frozen=True)
class Server:
    """A server the example runs against, given as a command (see ``servers`` above)."""

    name: str
    command: tuple[str, ...]
    """The command's words, with ``{name}`` where a server's port goes."""
    port: int | None = None
    """The port the page shows for ``{name}``; the checker gives the server a free one."""
    grace: float | None = None
    """Seconds it may take to stop after Ctrl-C; ``None``: the checker's grace."""

    def argv(self, ports: dict[str, int]) -> list[str]:
        """The command with each server's port put in place of ``{its name}``."""
        return [fill_ports(word, ports) for word in self.command]


def fill_ports(text: str, ports: dict[str, int]) -> str:
    """*text* with ``{name}`` replaced by the port of server *name* (others left as they are)."""
    return _PLACEHOLDER.sub(lambda m: str(ports.get(m.group(1), m.group(0))), text)


@dataclass(frozen=True)
class Expectation:
    """Everything the checker compares one example's run with."""

    example: str
    """The example's path relative to the examples folder, with ``/`` separators."""
    stdout: str
    stderr: str | None = None
    unordered: tuple[tuple[int, int], ...] = ()
    """1-based, inclusive line ranges of ``stdout`` whose order is not checked."""
    returncode: int = 0
    timeout: float | None = None
    server: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    killed: bool = False
    """Expected to be still running at the timeout (see :class:`ExpectedOutcome`)."""
    outcome: str = ""
    """The name of the outcome this expectation is for; ``""`` for the default one."""
    outcomes: tuple[ExpectedOutcome, ...] = ()
    """Outcomes that replace the default on some Pythons or start methods, in order."""
    skip: str | None = None
    """Why this run is not checked, for an outcome declared with ``skip``."""
    piped: bool = False
    """Standard output goes to a pipe, not a terminal: ``python FILE | cat``."""
    python: tuple[str, ...] | None = None
    """The versions the example runs on (an API they added), any of these ranges; ``None``: all."""
    interrupt: str | None = None
    """Ctrl-C (SIGINT to the run's process group) once standard output contains this text."""
    inline: bool = False
    """Run as ``python -c "$(cat FILE)"``, as a REPL runs what is typed: ``__main__`` has no file."""
    module: bool = False
    """A module other examples import, not a program: it is shown, and never run on its own."""
    script: ScriptMetadata | None = None
    """Its PEP 723 block: the packages it needs, the Pythons it declares; ``None``: none."""
    servers: tuple[Server, ...] = ()
    """Servers given as commands, started in this order before it runs."""

    def runs_on(self, version: str) -> bool:
        """Whether the example is checked on Python *version* (``python``, ``requires-python``)."""
        declared = self.script.requires_python if self.script is not None else None
        if declared is not None and not version_matches(declared, version):
            return False
        return self.python is None or any(version_matches(p, version) for p in self.python)

    def for_run(self, version: str, method: str) -> Expectation:
        """The expectation of a run on Python *version* under *method*.

        That is the first outcome that applies, or the default.
        """
        for outcome in self.outcomes:
            if outcome.applies(version, method):
                return replace(
                    self,
                    stdout=outcome.stdout,
                    stderr=outcome.stderr,
                    returncode=outcome.returncode,
                    killed=outcome.killed,
                    unordered=outcome.unordered,
                    outcome=outcome.name,
                    skip=outcome.skip,
                )
        return self

    @property
    def default(self) -> ExpectedOutcome:
        """The default outcome, in the same shape as the others."""
        return ExpectedOutcome(
            "", self.stdout, self.stderr, self.returncode, self.killed, unordered=self.unordered
        )


def version_matches(spec: str, version: str) -> bool:
    """Whether *version* (``3.13.8``) satisfies every clause of *spec* (``">=3.13.8, <3.14"``).

    A clause's version is padded with zeros (``<3.14`` is ``<3.14.0``), except that ``==3.13`` and
    ``!=3.13`` compare the feature version only.
    """
    have = version_key(version)[:3]
    for clause in spec.split(","):
        match = _CLAUSE.fullmatch(clause)
        if match is None:
            msg = (
                f"not a version clause: {clause.strip()!r} (use >=, <=, ==, !=, < or > and X.Y[.Z])"
            )
            raise ValueError(msg)
        op, bound = match.groups()
        want = version_key(bound)
        got = have[: len(want)] if op in {"==", "!="} else have
        want = want if op in {"==", "!="} else (*want, 0, 0)[:3]
        ok = {
            ">=": got >= want,
            "<=": got <= want,
            ">": got > want,
            "<": got < want,
            "==": got == want,
            "!=": got != want,
        }[op]
        if not ok:
            return False
    return True


def expected_output_path(example: Path, stream: str = "out", outcome: str = "") -> Path:
    """Return the file that holds *example*'s expected ``out`` or ``err`` stream for *outcome*."""
    return example.with_suffix(f".{outcome}.{stream}" if outcome else f".{stream}")


def expected_output_files(example: Path) -> list[Path]:
    """Every expected-output file of *example*: its ``.out``/``.err`` and each outcome's."""
    candidates = example.parent.glob(f"{example.stem}.*")
    return sorted(p for p in candidates if p.suffix in {".out", ".err"})


def load_options(examples_dir: Path) -> dict[str, dict[str, Any]]:
    """Read every ``checks.toml`` under *examples_dir*, keyed by example path (``chapter/file.py``).

    The first problem found is raised; :func:`read_options` collects them all instead.
    """
    options, problems, _ = read_options(examples_dir)
    if problems:
        raise ExpectationError(problems[0])
    return options


def read_options(
    examples_dir: Path,
) -> tuple[dict[str, dict[str, Any]], list[str], set[str]]:
    """Read and check every ``checks.toml`` under *examples_dir*.

    Return the options by example, every problem, and the examples whose options are broken.
    Each problem names the file, the example and the option, and says what was expected.
    An example whose table has a problem is broken: it must not run with the defaults instead.
    Every other example keeps its own options, in that file and in the others.
    """
    options: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    broken: set[str] = set()
    for path in sorted(examples_dir.rglob(CHECKS_FILE)):
        folder = path.parent
        try:
            with path.open("rb") as f:
                data = tomllib.load(f)
        except tomllib.TOMLDecodeError as exc:
            problems.append(f"{path}: not valid TOML: {exc}")
            broken.update(p.relative_to(examples_dir).as_posix() for p in folder.glob("*.py"))
            continue
        prefix = folder.relative_to(examples_dir).as_posix()
        for name, table in data.items():
            where = f"{path}: [{name!r}]"
            key = name if prefix == "." else f"{prefix}/{name}"
            try:
                if not isinstance(table, dict):
                    msg = f"{where} must be a table of options"
                    raise ExpectationError(msg)
                if not (folder / name).is_file():
                    msg = f"{where} names no example file in {folder}"
                    raise ExpectationError(msg)
                _check_types(where, table, _OPTION_TYPES)
                if "python" in table:
                    _check_versions(where, table["python"])
                for number, outcome in enumerate(table.get("outcomes", []), start=1):
                    _check_outcome(f"{where} outcome {number}", outcome)
                _check_servers(where, table)
            except ExpectationError as exc:
                problems.append(str(exc))
                broken.add(key)
                continue
            server = table.get("server")
            if server is not None:
                table = {**table, "server": f"{prefix}/{server}" if prefix != "." else server}
            options[key] = table
    return options, problems, broken


def _check_types(where: str, table: dict[str, Any], types: dict[str, tuple[type, ...]]) -> None:
    unknown = set(table) - set(types)
    if unknown:
        msg = f"{where} has unknown options {sorted(unknown)}; known: {sorted(types)}"
        raise ExpectationError(msg)
    for key, value in table.items():
        wanted = types[key]
        # bool is an int in Python, but `returncode = true` is a mistake.
        if not isinstance(value, wanted) or (isinstance(value, bool) and bool not in wanted):
            names = " or ".join(t.__name__ for t in wanted)
            msg = f"{where}: {key} = {value!r} must be {names}"
            raise ExpectationError(msg)


def _check_outcome(where: str, outcome: object) -> None:
    if not isinstance(outcome, dict):
        msg = f"{where} must be a table"
        raise ExpectationError(msg)
    _check_types(where, outcome, _OUTCOME_TYPES)
    name = outcome.get("name")
    if name is None or not _OUTCOME_NAME.fullmatch(name):
        msg = f"{where}: name = {name!r} must be lower-case letters, digits and '-'"
        raise ExpectationError(msg)
    methods = outcome.get("methods", [])
    if not all(m in START_METHODS for m in methods):
        msg = f"{where}: methods = {methods!r} must be some of {list(START_METHODS)}"
        raise ExpectationError(msg)
    if "python" in outcome:
        _check_versions(where, outcome["python"])
    if outcome.get("killed") and "returncode" in outcome:
        msg = f"{where}: killed = true and returncode exclude each other"
        raise ExpectationError(msg)
    if "skip" in outcome and set(outcome) - {"name", "python", "methods", "skip"}:
        msg = f"{where}: an outcome that is skipped expects nothing: only name, python, methods"
        raise ExpectationError(msg)


def _check_servers(where: str, table: dict[str, Any]) -> None:
    servers = table.get("servers", [])
    if servers and "server" in table:
        msg = f"{where}: server and servers exclude each other"
        raise ExpectationError(msg)
    names: list[str] = []
    for number, server in enumerate(servers, start=1):
        here = f"{where} server {number}"
        if not isinstance(server, dict):
            msg = f"{here} must be a table"
            raise ExpectationError(msg)
        _check_types(here, server, _SERVER_TYPES)
        name = server.get("name")
        if name is None or not _SERVER_NAME.fullmatch(name) or name in names:
            msg = f"{here}: name = {name!r} must be new, lower-case letters, digits and '-'"
            raise ExpectationError(msg)
        names.append(name)
        if not shlex.split(server.get("command", "")):
            msg = f"{here}: command = {server.get('command')!r} must be a command line"
            raise ExpectationError(msg)
    known = set(names)
    texts = [s["command"] for s in servers] + [str(v) for v in table.get("env", {}).values()]
    for text in texts:
        for placeholder in _PLACEHOLDER.findall(text):
            if servers and placeholder not in known:
                msg = f"{where}: {{{placeholder}}} in {text!r} names no server ({sorted(known)})"
                raise ExpectationError(msg)


def _check_versions(where: str, specs: str | list[str]) -> None:
    try:
        for spec in [specs] if isinstance(specs, str) else specs:
            version_matches(spec, "3.0")
    except (ValueError, AttributeError, TypeError) as exc:
        msg = f'{where}: python = {specs!r} must be version ranges such as ">=3.13.8, <3.14"'
        raise ExpectationError(msg) from exc


def load_expectation(
    examples_dir: Path, example: str, options: dict[str, Any], *, allow_missing: bool = False
) -> Expectation:
    """Load the expectation of *example* (relative to *examples_dir*) with its *options*.

    With *allow_missing*, a missing expected output reads as empty (for ``update`` to fill in).
    """
    path = examples_dir / example
    server = options.get("server")
    if server is not None and not (examples_dir / server).is_file():
        msg = f"{path}: server {server!r} is not a file in {examples_dir}"
        raise ExpectationError(msg)
    if options.get("module"):
        if set(options) != {"module"}:
            msg = f"{path}: module = true excludes every other option (it is never run)"
            raise ExpectationError(msg)
        return Expectation(example=example, stdout="", module=True)
    try:
        script = read_script_metadata(path)
        if script is not None and script.requires_python is not None:
            version_matches(script.requires_python, "3.0")
    except DependencyError as exc:
        raise ExpectationError(str(exc)) from exc
    except ValueError as exc:
        msg = f"{path}: requires-python in its script block: {exc}"
        raise ExpectationError(msg) from exc
    servers = tuple(
        Server(s["name"], tuple(shlex.split(s["command"])), s.get("port"), s.get("grace"))
        for s in options.get("servers", [])
    )
    for commanded in servers:
        if commanded.command[0] != "python" and script is None:
            msg = (
                f"{path}: server {commanded.name!r} runs {commanded.command[0]!r}, which only a "
                "dependency can install, and the example declares none (a '# /// script' block)"
            )
            raise ExpectationError(msg)
    stdout = _expected_stream(path, "out", "", allow_missing=allow_missing)
    outcomes = tuple(
        _load_outcome(path, table, allow_missing=allow_missing)
        for table in options.get("outcomes", [])
    )
    if "timeout" not in options and (options.get("killed") or any(o.killed for o in outcomes)):
        msg = f"{path}: an outcome expects it to be killed at the timeout, but it sets no timeout"
        raise ExpectationError(msg)
    return Expectation(
        example=example,
        stdout=stdout or "",
        stderr=_expected_stream(path, "err", "", allow_missing=True),
        unordered=_line_ranges(path, options.get("unordered", []), stdout) if stdout else (),
        returncode=options.get("returncode", 0),
        timeout=float(options["timeout"]) if "timeout" in options else None,
        server=server,
        env={str(k): str(v) for k, v in options.get("env", {}).items()},
        killed=options.get("killed", False),
        outcomes=outcomes,
        piped=options.get("piped", False),
        python=_version_ranges(options.get("python")),
        interrupt=options.get("interrupt"),
        inline=options.get("inline", False),
        module=options.get("module", False),
        script=script,
        servers=servers,
    )


def _load_outcome(path: Path, table: dict[str, Any], *, allow_missing: bool) -> ExpectedOutcome:
    name = table["name"]
    if "skip" in table:
        return ExpectedOutcome(
            name=name,
            stdout="",
            python=_version_ranges(table.get("python")),
            methods=tuple(table["methods"]) if "methods" in table else None,
            skip=table["skip"],
        )
    stdout = _expected_stream(path, "out", name, allow_missing=allow_missing) or ""
    return ExpectedOutcome(
        name=name,
        stdout=stdout,
        stderr=_expected_stream(path, "err", name, allow_missing=True),
        returncode=table.get("returncode", 0),
        killed=table.get("killed", False),
        python=_version_ranges(table.get("python")),
        methods=tuple(table["methods"]) if "methods" in table else None,
        unordered=_line_ranges(
            expected_output_path(path, outcome=name), table.get("unordered", []), stdout
        )
        if stdout
        else (),
    )


def _version_ranges(value: str | list[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return (value,) if isinstance(value, str) else tuple(value)


def _expected_stream(path: Path, stream: str, outcome: str, *, allow_missing: bool) -> str | None:
    """The text of an expected-output file; ``None`` where it may be and is absent."""
    file = expected_output_path(path, stream, outcome)
    if not file.is_file():
        if allow_missing:
            return None
        example = path.name
        msg = f"{path}: no expected output: create {file.name} (mpguide-check update {example})"
        raise ExpectationError(msg)
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        msg = f"{file}: not valid UTF-8: {exc}"
        raise ExpectationError(msg) from exc


def _line_ranges(where: Path, pairs: list[Any], stdout: str) -> tuple[tuple[int, int], ...]:
    return tuple(_line_range(where, pair, stdout) for pair in pairs)


def _line_range(example: Path, pair: object, stdout: str) -> tuple[int, int]:
    lines = len(stdout.splitlines())
    if (
        not isinstance(pair, list)
        or len(pair) != 2
        or not all(isinstance(n, int) for n in pair)
        or not 1 <= pair[0] <= pair[1] <= lines
    ):
        msg = (
            f"{example}: unordered range {pair!r} must be [first, last] line numbers "
            f"within the {lines} lines of the expected output"
        )
        raise ExpectationError(msg)
    return pair[0], pair[1]
