"""The machine-readable record of what was verified, and the fingerprint that ties it to the files.

The checker writes one JSON report per run; the Sphinx extension reads it to show, beside each
example, where it was verified, and refuses an example whose files changed since.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mpguide.checker.interpreters import (
    START_METHODS,
    feature_version,
    interpreter_name,
    version_key,
)
from mpguide.checker.revision import Revision

if TYPE_CHECKING:
    from collections.abc import Iterable

    from mpguide.checker.example import Example
    from mpguide.checker.interpreters import Interpreter
    from mpguide.checker.plan import Check
    from mpguide.checker.suite import Outcome

__all__ = [
    "REPORT_FORMAT",
    "CheckRecord",
    "Report",
    "ReportError",
    "Verification",
    "checker_fingerprint",
    "read_report",
    "write_report",
]

REPORT_FORMAT = 4


class ReportError(Exception):
    """A report file is missing or unreadable."""


@dataclass(frozen=True)
class CheckRecord:
    """One check as the report keeps it."""

    example: str
    implementation: str
    version: str
    free_threaded: bool
    start_method: str
    passed: bool
    duration: float
    problems: tuple[str, ...] = ()
    outcome: str = ""
    """The expected outcome the run was judged against; ``""`` for the example's default."""
    skipped: str = ""
    """Why the check was not run; ``""`` when it ran."""
    made: str = ""
    """When the check ran, in ISO 8601."""
    cached: bool = False
    """Taken from an earlier report (made then) instead of run again."""
    packages: dict[str, str] = field(default_factory=dict)
    """For an example with dependencies: every package of its environment, name to version."""
    revision: Revision = field(default_factory=Revision)
    """The commit of the working tree the check ran from (then, for a cached one)."""
    cpu: float | None = None
    """CPU seconds its processes used (a server's included), where the checker could count them."""

    @property
    def interpreter(self) -> str:
        """The interpreter's name, such as ``CPython 3.13.0``."""
        return interpreter_name(self.implementation, self.version, self.free_threaded)

    @property
    def python(self) -> str:
        """The feature version, such as ``3.13`` (``3.13t`` free-threaded)."""
        return feature_version(self.version, self.free_threaded)


@dataclass(frozen=True)
class Verification:
    """What the site says about one example: where it was verified, for which files."""

    example: str
    pythons: tuple[str, ...]
    """Feature versions such as ``("3.11", "3.12", "3.13")``, with ``t`` for free-threaded."""
    versions: tuple[str, ...]
    """The exact versions checked, such as ``("3.11.7", "3.13.18")``, with ``t`` for free-threaded."""
    start_methods: tuple[str, ...]
    passed: bool
    fingerprint: str
    outcomes: tuple[tuple[str, str, str], ...] = ()
    """Which expected outcome each run had: ``(version, start method, outcome name)``."""
    packages: dict[str, str] = field(default_factory=dict)
    """For an example with dependencies: each package's versions it ran with (``"2.5.5"``, or
    ``"2.4.4, 2.5.5"`` where they differ between Pythons), every package of its environments."""
    not_run: tuple[tuple[str, str], ...] = ()
    """Versions it was not run on, and why (its dependencies did not install there)."""


@dataclass(frozen=True)
class Report:
    """A whole report: every check, and the fingerprint of every example's files."""

    created: str
    checks: tuple[CheckRecord, ...]
    fingerprints: dict[str, str]
    problems: tuple[str, ...] = ()
    checker: str = ""
    """The fingerprint of the checker that made the checks (:func:`checker_fingerprint`)."""
    versions: tuple[str, ...] = ()
    """The exact version of each interpreter the checks ran on, such as ``3.13.18``."""
    revision: Revision = field(default_factory=Revision)
    """The commit of the working tree when the report was written."""

    def earlier_result(self, check: Check, checker: str) -> CheckRecord | None:
        """The passed result of *check* in this report, if it still holds; ``None`` otherwise.

        It holds when the example's files and options, the exact interpreter, the start method and
        the checker (*checker*, its fingerprint now) are all what they were.
        """
        example = check.example
        if checker != self.checker or self.fingerprints.get(example.name) != example.fingerprint:
            return None
        interpreter = check.interpreter
        packages = check.environment.packages if check.environment is not None else {}
        for record in self.checks:
            if (
                record.passed
                and record.example == example.name
                and record.start_method == check.method
                and record.interpreter == interpreter.name
                and record.packages == packages
            ):
                return record
        return None

    def verification(self, example: str) -> Verification | None:
        """Summarize the checks of *example*, or ``None`` when the report has none."""
        records = [r for r in self.checks if r.example == example]
        if not records or example not in self.fingerprints:
            return None
        pythons = sorted({r.python for r in records}, key=version_key)
        methods = sorted({r.start_method for r in records}, key=START_METHODS.index)
        ran = [r for r in records if not r.skipped]
        versions = sorted(
            {r.version + ("t" if r.free_threaded else "") for r in ran}, key=version_key
        )
        seen: dict[str, set[str]] = {}
        for record in ran:
            for name, version in record.packages.items():
                seen.setdefault(name, set()).add(version)
        not_run = sorted(
            {(r.version, r.skipped) for r in records if r.skipped and not r.outcome},
            key=lambda pair: version_key(pair[0]),
        )
        return Verification(
            example=example,
            packages={
                name: ", ".join(sorted(versions, key=version_key))
                for name, versions in sorted(seen.items())
            },
            not_run=tuple(not_run),
            pythons=tuple(pythons),
            versions=tuple(versions),
            start_methods=tuple(methods),
            passed=all(r.passed for r in records),
            fingerprint=self.fingerprints[example],
            outcomes=tuple(
                sorted(
                    {
                        (r.version + ("t" if r.free_threaded else ""), r.start_method, r.outcome)
                        for r in records
                    },
                    key=lambda o: (version_key(o[0]), START_METHODS.index(o[1])),
                )
            ),
        )

    def durations(self) -> dict[tuple[str, str, str], float]:
        """Each check's duration, by (example, interpreter name, start method)."""
        return {(r.example, r.interpreter, r.start_method): r.duration for r in self.checks}


def checker_fingerprint() -> str:
    """A hash of the checker's own code: a result made by other code is not reused."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def write_report(
    path: Path,
    outcomes: Iterable[Outcome],
    interpreters: Iterable[Interpreter],
    examples: Iterable[Example],
    problems: Iterable[str] = (),
    revision: Revision | None = None,
) -> None:
    """Write the JSON report of a run to *path*, with the fingerprint of each of *examples*.

    *revision* is the commit of the working tree the checks ran from (unknown when not given);
    a check taken from an earlier report keeps the one it ran from then.

    A server's output is judged in each check of the example that runs against it, so each such
    check is recorded for the server as well.
    """
    revision = revision or Revision(unknown="not recorded")
    records = [(o, o.check.example.name) for o in outcomes]
    records += [(o, o.check.example.server.name) for o in outcomes if o.check.example.server]
    fingerprints = {}
    for example in examples:
        fingerprints[example.name] = example.fingerprint
        if example.server is not None:
            fingerprints[example.server.name] = example.server.fingerprint
    checks = [
        CheckRecord(
            example=example,
            implementation=o.check.interpreter.implementation,
            version=o.check.interpreter.version,
            free_threaded=o.check.interpreter.free_threaded,
            start_method=o.check.method,
            passed=o.passed,
            duration=round(o.duration, 3),
            problems=o.problems,
            outcome=o.expected,
            skipped=o.skipped,
            made=o.made,
            cached=o.cached,
            packages=dict(o.check.environment.packages) if o.check.environment else {},
            revision=o.revision or revision,
            cpu=o.cpu,
        )
        for o, example in records
    ]
    data: dict[str, Any] = {
        "format": REPORT_FORMAT,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "checker": checker_fingerprint(),
        "revision": asdict(revision),
        "interpreters": [asdict(i) for i in interpreters],
        "problems": list(problems),
        "fingerprints": dict(sorted(fingerprints.items())),
        "checks": [asdict(c) for c in checks],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)


def read_report(path: Path) -> Report:
    """Read a report written by :func:`write_report`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != REPORT_FORMAT:
            msg = f"{path}: report format {data.get('format')!r}, expected {REPORT_FORMAT}"
            raise ReportError(msg)
        checks = tuple(
            CheckRecord(
                **{**c, "problems": tuple(c["problems"]), "revision": Revision(**c["revision"])}
            )
            for c in data["checks"]
        )
        return Report(
            created=data["created"],
            checks=checks,
            fingerprints=dict(data["fingerprints"]),
            problems=tuple(data["problems"]),
            checker=data["checker"],
            versions=tuple(i["version"] for i in data["interpreters"]),
            revision=Revision(**data["revision"]),
        )
    except FileNotFoundError as exc:
        msg = (
            f"{path}: no verification report: run `nox -s docs` (or `mpguide-check check "
            f"--report {path}`), which checks the examples before building"
        )
        raise ReportError(msg) from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:
        msg = f"{path}: unreadable verification report: {exc}"
        raise ReportError(msg) from exc
