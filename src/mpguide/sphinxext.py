"""The Sphinx extension that shows verified examples, corrections and the language switcher.

``example`` directive
    ````` ```{example} processes/daemon.py ````` shows the example file (Sphinx's own
    ``literalinclude``, so rebuilds track the file), the command a reader types, the expected output
    kept beside the file, and where the checker verified it, read from its JSON report.
    An example the report does not show as passing, or whose files changed since it was verified,
    is a build warning (an error under ``-W``): the site is never built from unverified examples.
    Lines of the output that may come in any order are highlighted and said to be so.
    Its caption links to a download of the file and to the file in the project's repository; its
    verified line links to the example's row on the verification page.
``verification-matrix`` directive
    The verification page: every check of the report (example x Python x start method) with its
    status and duration, when it ran and from which commit, one table per chapter.
``correction`` directive
    An admonition titled "Correction to the original", translated.
Language switcher
    Each page gets links to the same page in the other languages (``mpguide_languages``), in the
    sidebar; the ``<link rel="alternate" hreflang>`` tags come from ``mpguide.hosting``.
"""

from __future__ import annotations

import html
import json
import os
import shlex
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.parsers.rst.directives.admonitions import BaseAdmonition
from sphinx import addnodes
from sphinx.directives.code import LiteralInclude
from sphinx.domains import Domain
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from mpguide import __version__
from mpguide.checker.dependencies import normalized_name
from mpguide.checker.example import load_examples
from mpguide.checker.expectation import fill_ports
from mpguide.checker.interpreters import START_METHODS, missing_releases, version_key
from mpguide.checker.report import Report, ReportError, Verification, read_report
from mpguide.layout import DOCS, EXAMPLES, REPORT

if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata, OptionSpec

    from mpguide.checker.example import Example
    from mpguide.checker.expectation import Expectation, ExpectedOutcome
    from mpguide.checker.report import CheckRecord
    from mpguide.checker.revision import Revision

__all__ = [
    "CorrectionDirective",
    "ExampleDirective",
    "VerificationDomain",
    "VerificationMatrixDirective",
    "setup",
]

logger = logging.getLogger(__name__)

_VERIFICATION_LINK = "mpguide-verification-link"
"""The class of a verified line's link, resolved once the verification page is known."""


def _anchor(example: str) -> str:
    """The HTML id of *example*: its block on a chapter, its row on the verification page."""
    return nodes.make_id(f"example-{example}")


def _repository() -> str:
    """The project's repository, from its ``Source`` URL in ``pyproject.toml`` (installed metadata)."""
    try:
        urls = metadata.metadata("mpguide").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return ""
    return next((u.split(",", 1)[1].strip() for u in urls if u.startswith("Source,")), "")


class VerificationDomain(Domain):
    """The extension's state: what each page showed of each example's verification.

    When an example's summary changes in a new report, the pages that show it are rebuilt; when only
    timings change, they are not. (Kept as ``sphinx.ext.duration`` keeps its state.)
    """

    name = "mpguide"
    label = "mpguide"
    initial_data: ClassVar[dict[str, Any]] = {"verified": {}, "matrices": {}, "unverified": []}
    _report: tuple[float | None, Report | None] | None = None

    @property
    def verified(self) -> dict[str, dict[str, dict[str, Any]]]:
        """``{docname: {example: summary}}`` for every page read."""
        verified: dict[str, dict[str, dict[str, Any]]] = self.data.setdefault("verified", {})
        return verified

    @property
    def matrices(self) -> dict[str, str]:
        """``{docname: when the report was written}`` for each page with the verification matrix."""
        matrices: dict[str, str] = self.data.setdefault("matrices", {})
        return matrices

    def note_verified(self, docname: str, example: str, summary: dict[str, Any]) -> None:
        """Record that *docname* showed *example* with this *summary* of its verification."""
        self.verified.setdefault(docname, {})[example] = summary

    def note_matrix(self, docname: str, created: str) -> None:
        """Record that *docname* shows the matrix of the report written at *created*."""
        self.matrices[docname] = created

    def verification_page(self) -> str | None:
        """The page that shows the verification matrix, if one does."""
        return min(self.matrices, default=None)

    def clear_doc(self, docname: str) -> None:
        """Forget what a page showed before it is read again."""
        self.verified.pop(docname, None)
        self.matrices.pop(docname, None)

    def merge_domaindata(self, docnames: AbstractSet[str], otherdata: dict[str, Any]) -> None:
        """Take over what parallel readers recorded."""
        for docname in docnames:
            if docname in otherdata["verified"]:
                self.verified[docname] = otherdata["verified"][docname]
            if docname in otherdata.get("matrices", {}):
                self.matrices[docname] = otherdata["matrices"][docname]

    def unverified(self) -> list[str]:
        """The supported versions the report lacks at a current release (``3.14.1+``), now.

        None without a report: a site with no examples needs none (a page that shows an example
        warns that it is missing).
        """
        if not _report_path(self.env.app).exists():
            return []
        report = self.report()
        return missing_releases(report.versions) if report is not None else []

    def report(self) -> Report | None:
        """The checker's report, read again when the file changes; warns once if unreadable."""
        path = _report_path(self.env.app)
        mtime = path.stat().st_mtime if path.exists() else None
        if self._report is None or self._report[0] != mtime:
            try:
                self._report = (mtime, read_report(path))
            except ReportError as exc:
                logger.warning("%s", exc, location=(self.env.docname, None))
                self._report = (mtime, None)
        return self._report[1]


class ExampleDirective(LiteralInclude):
    """Show a verified example: its code, the command to run it and its checked output."""

    required_arguments = 1
    option_spec: ClassVar[OptionSpec] = {
        **LiteralInclude.option_spec,
        "no-output": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        """Build the code block, the console block and the verification line."""
        env = self.env
        config = env.config
        examples_dir = Path(env.app.confdir, config.mpguide_examples_dir).resolve()
        example = self.arguments[0]
        path = examples_dir / example
        if not path.is_file():
            logger.warning(
                "example %s: no such file in %s",
                example,
                examples_dir,
                location=self.get_location(),
            )
            return []
        doc_dir = Path(env.doc2path(env.docname)).parent
        self.arguments[0] = os.path.relpath(path, doc_dir)
        self.options.setdefault("caption", path.name)
        self.options.setdefault("language", "python")
        code = super().run()
        _link_caption(code, self.arguments[0], path, env)

        loaded = load_examples(examples_dir, [example])
        if example not in loaded.examples:
            for problem in loaded.problems:
                logger.warning("%s", problem, location=self.get_location())
            return code
        model = loaded.examples[example]
        expectation = model.expectation
        for dependency in model.files:
            env.note_dependency(os.path.relpath(dependency, env.srcdir))
        if "no-output" in self.options or expectation.module:
            return code  # a module others import is never run on its own

        domain = env.domains[VerificationDomain.name]
        assert isinstance(domain, VerificationDomain)  # noqa: S101 - registered in setup()
        report = domain.report()
        if (
            report is not None
            and expectation.python is not None
            and not any(expectation.runs_on(v) for v in report.versions)
        ):
            # A build from a report of older Pythons only (the tests build one): nothing to vouch
            # for, and nothing wrong. The site itself is built from every supported version.
            domain.note_verified(env.docname, example, {"not-checked": list(report.versions)})
            note = nodes.paragraph(classes=["mpguide-verified", "mpguide-not-checked"])
            note += nodes.Text(
                _("Not checked in this build: it runs on CPython %(versions)s only.")
                % {"versions": ", ".join(expectation.python)}
            )
            console = _console(self, path.name, expectation.default, expectation)
            return [self._container(example, [*code, console, note])]

        verification = _verification(env, model)
        domain.note_verified(env.docname, example, _summary(verification))
        if verification is None:
            return code

        note = nodes.paragraph(classes=["mpguide-verified"])
        # Pointed at the example's row of the verification page once every page is read.
        link = nodes.reference("", "", classes=[_VERIFICATION_LINK], mpguide_example=example)
        link += nodes.Text(
            _("Verified on CPython %(versions)s, %(methods)s.")
            % {
                "versions": ", ".join(verification.versions),
                "methods": " / ".join(verification.start_methods),
            }
        )
        note += link
        _with_packages(note, expectation, verification)
        if expectation.outcomes:
            shown = _outcome_blocks(self, path.name, expectation, verification)
        else:
            shown = [_console(self, path.name, expectation.default, expectation)]
            if expectation.unordered:
                note += nodes.Text(" " + _("Highlighted lines may appear in any order."))
        servers = _server_blocks(self, expectation)
        return [self._container(example, [*code, *servers, *shown, note])]

    def _container(self, example: str, children: list[nodes.Node]) -> nodes.container:
        """The example's block, with an id the verification page links to (once per page)."""
        container = nodes.container(classes=["mpguide-example"])
        anchor = _anchor(example)
        document = self.state.document
        if anchor not in document.ids:
            container["ids"].append(anchor)
            document.ids[anchor] = container
        container.extend(children)
        return container


class verification_matrix(nodes.General, nodes.Element):  # docutils names its nodes so
    """Where the verification matrix goes: filled in once every page has been read."""


class VerificationMatrixDirective(SphinxDirective):
    """The verification page's tables, made from the report: ``{verification-matrix}``."""

    def run(self) -> list[nodes.Node]:
        """Leave a placeholder, and note the page as the one the verified lines link to."""
        domain = _domain(self.env)
        report = domain.report()
        domain.note_matrix(self.env.docname, report.created if report is not None else "")
        node = verification_matrix()
        self.set_source_info(node)
        return [node]


class CorrectionDirective(BaseAdmonition):
    """An admonition for a correction to the original tutorial, with a translated title."""

    node_class = nodes.admonition

    def run(self) -> list[nodes.Node]:
        """Build the admonition with its title."""
        self.arguments = [_("Correction to the original")]
        self.options.setdefault("class", []).append("correction")
        return list(super().run())


def _command(name: str, expectation: Expectation) -> str:
    """What the reader types: ``python3 FILE``, the file's text as ``python3 -c``, or piped.

    ``python3`` is the command Debian, Ubuntu and macOS have (the pages say what Windows readers
    type instead). The example's environment variables come first, as a shell takes them for one
    command, with the ports the page shows for its servers. An example with dependencies runs with
    ``uv run FILE``, which reads its PEP 723 block.
    """
    source = f'-c "$(cat {name})"' if expectation.inline else name
    ports = _shown_ports(expectation)
    env = "".join(
        f"{key}={shlex.quote(fill_ports(value, ports))} " for key, value in expectation.env.items()
    )
    python = "uv run" if _needs_packages(expectation) else "python3"
    return f"$ {env}{python} {source}{' | cat' if expectation.piped else ''}\n"


def _needs_packages(expectation: Expectation) -> bool:
    return expectation.script is not None and bool(expectation.script.dependencies)


def _shown_ports(expectation: Expectation) -> dict[str, int]:
    """The port the page shows for each server (its ``port``, else 8000, 8001, ...)."""
    return {s.name: s.port or 8000 + i for i, s in enumerate(expectation.servers)}


def _server_blocks(directive: ExampleDirective, expectation: Expectation) -> list[nodes.Node]:
    """For each server given as a command: what the reader starts first, in a terminal of its own.

    A command its dependencies install runs through ``uv run --with``, which installs them.
    """
    ports = _shown_ports(expectation)
    script = expectation.script
    packages = " ".join(shlex.quote(d) for d in script.dependencies) if script else ""
    shown: list[nodes.Node] = []
    for server in expectation.servers:
        argv = server.argv(ports)
        argv[0] = "python3" if argv[0] == "python" else argv[0]  # as on the example's own line
        words = " ".join(shlex.quote(w) for w in argv)
        uv = f"uv run --with {packages} " if packages and server.command[0] != "python" else ""
        text = f"$ {uv}{words}\n"
        caption = nodes.paragraph(classes=["mpguide-server"])
        caption += nodes.Text(
            _("First, in a terminal of its own (%(name)s; Ctrl-C stops it):")
            % {"name": server.name}
        )
        console = nodes.literal_block(text, text)
        console["language"] = "console"
        console["classes"].append("mpguide-output")
        directive.set_source_info(console)
        shown += [caption, console]
    if shown:
        then = nodes.paragraph(classes=["mpguide-server"])
        then += nodes.Text(_("Then, in another terminal:"))
        shown.append(then)
    return shown


def _with_packages(
    note: nodes.paragraph, expectation: Expectation, verification: Verification
) -> None:
    """Add to *note* the versions of the packages it ran with, and where it was not run."""
    if expectation.script is None or not expectation.script.dependencies:
        return
    wanted = {normalized_name(n) for n in expectation.script.names}
    ran_with = [
        f"{name} {versions}"
        for name, versions in verification.packages.items()
        if normalized_name(name) in wanted
    ]
    if ran_with:
        note += nodes.Text(" " + _("With %(packages)s.") % {"packages": ", ".join(ran_with)})
    for version, _why in verification.not_run:
        note += nodes.Text(
            " "
            + _("Not run on CPython %(version)s: its dependencies do not install there.")
            % {"version": version}
        )


def _interrupted(stdout: str, marker: str | None) -> str:
    """*stdout* with ``^C`` where the reader presses Ctrl-C: after the line with *marker*."""
    if marker is None or marker not in stdout:
        return stdout
    end = stdout.find("\n", stdout.index(marker))
    end = len(stdout) if end < 0 else end + 1
    head = stdout[:end] if stdout[:end].endswith("\n") else stdout[:end] + "\n"
    return head + "^C\n" + stdout[end:]


def _console(
    directive: ExampleDirective, name: str, outcome: ExpectedOutcome, expectation: Expectation
) -> nodes.Node:
    """The command a reader types and what the terminal then shows: output, then errors."""
    stdout = _interrupted(outcome.stdout, expectation.interrupt)
    text = _command(name, expectation) + stdout + (outcome.stderr or "")
    console = nodes.literal_block(text, text)
    console["language"] = "console"
    console["classes"].append("mpguide-output")
    if outcome.unordered:
        # Line n of the output is line n + 1 of the block, one more past an inserted "^C".
        shown = stdout.splitlines()
        cut = shown.index("^C") + 1 if stdout != outcome.stdout else len(shown) + 1
        console["highlight_args"] = {
            "hl_lines": [n + 1 + (n >= cut) for a, b in outcome.unordered for n in range(a, b + 1)]
        }
    directive.set_source_info(console)
    return console


def _ending(outcome: ExpectedOutcome, timeout: float | None) -> str:
    """How a run with this outcome ends, in words: ``exit status 1``, ``still running at 6 s``."""
    if outcome.skip is not None:
        return _("not checked: what it prints differs from run to run")
    if outcome.killed:
        return _("still running after %(seconds)s s: killed") % {"seconds": f"{timeout:g}"}
    return _("exit status %(status)s") % {"status": outcome.returncode}


def _outcome_blocks(
    directive: ExampleDirective, name: str, expectation: Expectation, verification: Verification
) -> list[nodes.Node]:
    """A table of which outcome each checked Python and start method had, then each outcome.

    Everything comes from the expectation and the report: the outcomes are the ones declared beside
    the example, and each cell is a run that was checked.
    """
    declared = {o.name: o for o in (expectation.default, *expectation.outcomes)}
    seen = [n for n in declared if any(o[2] == n for o in verification.outcomes)]
    letters = {n: chr(ord("A") + i) for i, n in enumerate(seen)}
    methods = verification.start_methods
    table = nodes.table(classes=["mpguide-outcomes"])
    group = nodes.tgroup(cols=len(methods) + 1)
    table += group
    group.extend(nodes.colspec(colwidth=1) for _ in range(len(methods) + 1))

    def row(cells: list[str]) -> nodes.row:
        line = nodes.row()
        for text in cells:
            entry = nodes.entry()
            entry += nodes.paragraph(text, text)
            line += entry
        return line

    head = nodes.thead()
    head += row(["CPython", *methods])
    body = nodes.tbody()
    by_run = {(v, m): n for v, m, n in verification.outcomes}
    for version in dict.fromkeys(v for v, _m, _n in verification.outcomes):
        body += row([version, *(letters.get(by_run.get((version, m), ""), "–") for m in methods)])
    group += head
    group += body
    shown: list[nodes.Node] = [table]
    for outcome_name in seen:
        outcome = declared[outcome_name]
        runs = _runs(verification.outcomes, outcome_name, methods)
        caption = nodes.paragraph(classes=["mpguide-outcome"])
        caption += nodes.Text(
            _("%(letter)s: %(ending)s — %(runs)s.")
            % {
                "letter": letters[outcome_name],
                "ending": _ending(outcome, expectation.timeout),
                "runs": runs,
            }
        )
        shown.append(caption)
        if outcome.skip is None:
            shown.append(_console(directive, name, outcome, expectation))
    return shown


def _runs(outcomes: tuple[tuple[str, str, str], ...], name: str, methods: tuple[str, ...]) -> str:
    """Where an outcome was seen: ``spawn / forkserver: 3.11.7, 3.12.1; fork: 3.13.18``.

    Start methods that saw it on the same versions are named together.
    """
    by_method = {m: tuple(v for v, w, n in outcomes if (w, n) == (m, name)) for m in methods}
    groups: dict[tuple[str, ...], list[str]] = {}
    for method, versions in by_method.items():
        if versions:
            groups.setdefault(versions, []).append(method)
    return "; ".join(f"{' / '.join(m)}: {', '.join(v)}" for v, m in groups.items())


def _verification(env: BuildEnvironment, example: Example) -> Verification | None:
    """Return the report's verification of *example*, warning if it is missing or stale."""
    domain = env.domains[VerificationDomain.name]
    assert isinstance(domain, VerificationDomain)  # noqa: S101 - registered in setup()
    report = domain.report()
    location = (env.docname, None)
    if report is None:
        return None
    verification = report.verification(example.name)
    if verification is None:
        logger.warning(
            "example %s: not in the verification report", example.name, location=location
        )
        return None
    if not verification.passed:
        logger.warning(
            "example %s: failed its checks; see the report", example.name, location=location
        )
        return None
    if verification.fingerprint != example.fingerprint:
        logger.warning(
            "example %s: changed since it was verified; run `nox -s examples`",
            example.name,
            location=location,
        )
        return None
    return verification


def _report_path(app: Sphinx) -> Path:
    return Path(app.confdir, app.config.mpguide_report)


def _summary(verification: Verification | None) -> dict[str, Any]:
    if verification is None:
        return {}
    return {
        "versions": list(verification.versions),
        "methods": list(verification.start_methods),
        "outcomes": [list(o) for o in verification.outcomes],
        "fingerprint": verification.fingerprint,
        "packages": verification.packages,
        "not-run": [list(n) for n in verification.not_run],
    }


def _domain(env: BuildEnvironment) -> VerificationDomain:
    domain = env.domains[VerificationDomain.name]
    assert isinstance(domain, VerificationDomain)  # noqa: S101 - registered in setup()
    return domain


def _link_caption(code: list[nodes.Node], target: str, path: Path, env: BuildEnvironment) -> None:
    """Add to the code block's caption a download of the file and the file in the repository.

    The download is Sphinx's own ``download`` reference: the file is copied into ``_downloads``.
    """
    caption = next((n for node in code for n in node.findall(nodes.caption)), None)
    if caption is None:
        return
    links = nodes.inline(classes=["mpguide-example-links"])
    download = addnodes.download_reference(
        "", "", refdoc=env.docname, reftarget=target, refdomain="", reftype="download",
        refexplicit=True, refwarn=False, classes=["mpguide-download"],
    )  # fmt: skip
    download += nodes.Text(_("Download"))
    links += download
    config = env.config
    root = Path(env.app.confdir, config.mpguide_project_root).resolve()
    in_project = path.is_relative_to(root)
    if config.mpguide_repository and in_project:
        url = f"{config.mpguide_repository}/blob/{config.mpguide_branch}/"
        url += path.relative_to(root).as_posix()
        links += nodes.reference("", _("Source"), refuri=url, classes=["mpguide-source"])
    caption += links


def _reading_order(env: BuildEnvironment) -> list[str]:
    """Every page, in the order of the table of contents, then the rest by name."""
    order: list[str] = []

    def walk(docname: str) -> None:
        if docname in order:
            return
        order.append(docname)
        for child in env.toctree_includes.get(docname, []):
            walk(child)

    walk(env.config.root_doc)
    return order + sorted(env.found_docs - set(order))


def _when(made: list[str]) -> str:
    """When a row's checks ran, to the minute: ``2026-11-27 09:56`` or ``... 09:56–10:02``."""
    times = sorted(datetime.fromisoformat(m) for m in made if m)
    if not times:
        return "–"
    first, last = times[0].strftime("%Y-%m-%d %H:%M"), times[-1].strftime("%Y-%m-%d %H:%M")
    if first == last:
        return first
    return f"{first}–{last[11:]}" if first[:10] == last[:10] else f"{first}–{last}"


def _revision(revision: Revision) -> str:
    """A commit as the page shows it: its short hash, marked when the tree had changes."""
    if not revision.commit:
        return _("unknown (git was not available)")
    return revision.commit[:12] + (" " + _("+ uncommitted changes") if revision.dirty else "")


def _cell(records: list[CheckRecord]) -> nodes.entry:
    """One example, Python and start method: each check's status, outcome and duration."""
    entry = nodes.entry()
    if not records:
        entry += nodes.paragraph("", "–")
    for record in records:
        line = nodes.paragraph()
        if record.skipped:
            line["classes"].append("mpguide-check-skipped")
            line += nodes.Text("– " + _("not run"))
        else:
            line["classes"].append(
                "mpguide-check-passed" if record.passed else "mpguide-check-failed"
            )
            line += nodes.Text(("✔ " if record.passed else "✘ ") + f"{record.duration:.2f} s")
        if record.outcome:
            line += nodes.Text(" ")
            line += nodes.literal(record.outcome, record.outcome)
        entry += line
    return entry


def _entry(*children: nodes.Node | str, morerows: int = 0) -> nodes.entry:
    entry = nodes.entry(morerows=morerows) if morerows else nodes.entry()
    line = nodes.paragraph()
    line.extend(nodes.Text(c) if isinstance(c, str) else c for c in children)
    entry += line
    return entry


def _matrix_table(
    app: Sphinx,
    docname: str,
    chapter: str | None,
    examples: list[str],
    records: dict[str, list[CheckRecord]],
) -> nodes.table:
    """The table of one chapter's examples: a row per example and Python, a column per method.

    Under each example's name: when its checks ran, and from which commit.
    """
    builder, env = app.builder, app.env
    table = nodes.table(classes=["mpguide-matrix"])
    table["ids"].append(nodes.make_id(f"examples-of-{chapter or 'no-page'}"))
    title = nodes.title()
    if chapter is not None:
        link = nodes.reference("", "", internal=True)
        link["refuri"] = builder.get_relative_uri(docname, chapter)
        link += nodes.Text(env.titles[chapter].astext())
        title += link
    else:
        title += nodes.Text(_("Examples on no page"))
    table += title
    columns = [_("Example"), "CPython", *START_METHODS]
    group = nodes.tgroup(cols=len(columns))
    table += group
    group.extend(nodes.colspec(colwidth=1) for _c in columns)
    head = nodes.thead()
    heading = nodes.row()
    heading.extend(_entry(text) for text in columns)
    head += heading
    body = nodes.tbody()
    for example in examples:
        checks = records[example]
        versions = sorted(
            {r.version + ("t" if r.free_threaded else "") for r in checks}, key=version_key
        )
        name: nodes.Element = nodes.literal(example, example)
        if chapter is not None:
            target = nodes.reference("", "", internal=True)
            target["refuri"] = f"{builder.get_relative_uri(docname, chapter)}#{_anchor(example)}"
            target += name
            name = target
        when = nodes.paragraph(classes=["mpguide-ran"])
        when += nodes.Text(
            _("Ran %(when)s (UTC), commit %(commit)s")
            % {
                "when": _when([r.made for r in checks if not r.skipped]),
                "commit": ", ".join(dict.fromkeys(_revision(r.revision) for r in checks)),
            }
        )
        for number, version in enumerate(versions):
            row = nodes.row()
            if number == 0:
                row["ids"].append(_anchor(example))
                first = _entry(name, morerows=len(versions) - 1)
                first += when
                row += first
            ran = [r for r in checks if r.version + ("t" if r.free_threaded else "") == version]
            row += _entry(version)
            row.extend(_cell([r for r in ran if r.start_method == m]) for m in START_METHODS)
            body += row
    group += head
    group += body
    return table


def _matrix(app: Sphinx, docname: str) -> list[nodes.Node]:
    """The verification page's content: what the report is, then one table per chapter."""
    domain = _domain(app.env)
    report = domain.report()
    if report is None:
        return []
    records: dict[str, list[CheckRecord]] = {}
    for record in report.checks:
        records.setdefault(record.example, []).append(record)
    chapters: dict[str | None, list[str]] = {}
    placed: set[str] = set()
    for page in _reading_order(app.env):
        for example in domain.verified.get(page, {}):
            if example in records and example not in placed:
                chapters.setdefault(page, []).append(example)
                placed.add(example)
    if unplaced := sorted(set(records) - placed):
        chapters[None] = unplaced
    summary = nodes.paragraph(classes=["mpguide-report-summary"])
    summary += nodes.Text(
        _(
            "Made from the report written on %(date)s (UTC) from commit %(commit)s: "
            "%(checks)s checks of %(examples)s examples on CPython %(versions)s."
        )
        % {
            "date": _when([report.created]),
            "commit": _revision(report.revision),
            "checks": len(report.checks),
            "examples": len(records),
            "versions": ", ".join(report.versions),
        }
    )
    tables = [_matrix_table(app, docname, c, examples, records) for c, examples in chapters.items()]
    return [summary, *tables]


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Point each verified line at its example's row, and fill in the verification matrix."""
    page = _domain(app.env).verification_page()
    for link in list(doctree.findall(nodes.reference)):
        if _VERIFICATION_LINK not in link["classes"]:
            continue
        if page is None:  # a site without a verification page: the line is plain text
            link.replace_self(link.children)
            continue
        anchor = _anchor(link["mpguide_example"])
        link["refuri"] = f"{app.builder.get_relative_uri(docname, page)}#{anchor}"
        link["internal"] = True
    for placeholder in list(doctree.findall(verification_matrix)):
        placeholder.replace_self(_matrix(app, docname))


def on_env_get_outdated(
    app: Sphinx,
    env: BuildEnvironment,
    added: AbstractSet[str],
    changed: AbstractSet[str],
    removed: AbstractSet[str],
) -> list[str]:
    """Rebuild the pages whose examples' verification changed in the report (not their timings).

    The verification page is rebuilt when the report is new, or any page is: it shows them all.
    A page added or removed may be the verification page, which every verified line links to.
    """
    domain = _domain(env)
    unverified = domain.unverified()
    if unverified != domain.data.get("unverified", []):  # the note on every page changes
        domain.data["unverified"] = unverified
        return sorted(env.found_docs)
    if added or removed:
        return [*(doc for doc, examples in domain.verified.items() if examples), *domain.matrices]
    try:
        report = read_report(_report_path(app))
    except ReportError:
        return [doc for doc, examples in domain.verified.items() if any(examples.values())]
    outdated = [
        doc for doc, created in domain.matrices.items() if changed or created != report.created
    ]
    for docname, examples in domain.verified.items():
        for example, summary in examples.items():
            if "not-checked" in summary:  # shown as not checked: the report's Pythons decided
                if summary["not-checked"] != list(report.versions):
                    outdated.append(docname)
                    break
                continue
            current = report.verification(example)
            if _summary(current if current is not None and current.passed else None) != summary:
                outdated.append(docname)
                break
    return outdated


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Title the site in its own language."""
    titles: dict[str, str] = config.mpguide_titles
    if config.language in titles:
        config.project = titles[config.language]
        config.html_title = titles[config.language]


def on_builder_inited(app: Sphinx) -> None:
    """Give the site's scripts their strings in the site's language (``window.mpguideStrings``)."""
    strings = {"code": _("Code"), "terminal": _("Terminal"), "table": _("Table")}
    body = json.dumps({key: str(text) for key, text in strings.items()}, ensure_ascii=False)
    app.add_js_file(None, priority=200, body=f"window.mpguideStrings = {body};")


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Give templates the links to this page in every language (``mpguide_languages``).

    Where the report lacks a supported version at a current release, the page's announcement
    says so: the text describes runs on every supported version, and this build did not make them.
    """
    unverified = _domain(app.env).unverified()
    report = _domain(app.env).report() if unverified else None
    if unverified and report is not None:
        note = _(
            "This build checked the examples on CPython %(versions)s only, not on %(missing)s: "
            "what the text says of runs on those versions was not verified by this build."
        ) % {"versions": ", ".join(report.versions), "missing": ", ".join(unverified)}
        context["theme_announcement"] = html.escape(note)
    languages: dict[str, str] = app.config.mpguide_languages
    current = app.config.language
    # Every language is built into a sibling folder: html/zh_CN/, html/en/.
    up = "../" * (pagename.count("/") + 1)
    suffix = app.builder.get_target_uri(pagename)
    context["mpguide_languages"] = [
        {
            "code": code,
            "label": label,
            "hreflang": code.replace("_", "-"),
            "url": f"{up}{code}/{suffix}",
            "current": code == current,
        }
        for code, label in languages.items()
    ]


_TOCTREE_CAPTION = '<p class="caption" role="heading">'


def on_html_page_context_headings(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Give each table of contents' caption the heading level ARIA requires (``aria-level``).

    Sphinx writes the caption as ``<p role="heading">`` with no level (axe-core's critical
    ``aria-required-attr``), in the page and in furo's sidebar; it heads a list of chapters, as an
    ``<h2>`` would. Runs after furo has made its sidebar.
    """
    with_level = _TOCTREE_CAPTION.replace(">", ' aria-level="2">')
    for key in ("body", "furo_navigation_tree"):
        if isinstance(context.get(key), str):
            context[key] = context[key].replace(_TOCTREE_CAPTION, with_level)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directives, the language switcher and the configuration values."""
    # Relative to the folder of conf.py, which is the docs folder.
    app.add_config_value("mpguide_examples_dir", os.path.relpath(EXAMPLES, DOCS), "env", str)
    app.add_config_value("mpguide_report", os.path.relpath(REPORT, DOCS), "env", str)
    app.add_config_value("mpguide_languages", {}, "html", dict)
    app.add_config_value("mpguide_titles", {}, "html", dict)
    # Each example's caption links to the file in the repository: pyproject.toml's Source URL.
    app.add_config_value("mpguide_repository", _repository(), "env", str)
    app.add_config_value("mpguide_branch", "main", "env", str)
    app.add_config_value("mpguide_project_root", os.path.relpath(".", DOCS), "env", str)
    app.add_directive("example", ExampleDirective)
    app.add_directive("verification-matrix", VerificationMatrixDirective)
    app.add_directive("correction", CorrectionDirective)
    app.add_domain(VerificationDomain)
    app.add_node(verification_matrix)
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", on_builder_inited)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("html-page-context", on_html_page_context)
    app.connect("html-page-context", on_html_page_context_headings, priority=900)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
