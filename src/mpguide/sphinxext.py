"""The Sphinx extension that shows verified examples, corrections and the language switcher.

``example`` directive
    ````` ```{example} processes/daemon.py ````` shows the example file (Sphinx's own
    ``literalinclude``, so rebuilds track the file), the command a reader types, the expected output
    kept beside the file, and where the checker verified it, read from its JSON report.
    An example the report does not show as passing, or whose files changed since it was verified,
    is a build warning (an error under ``-W``): the site is never built from unverified examples.
    Lines of the output that may come in any order are highlighted and said to be so.
``correction`` directive
    An admonition titled "Correction to the original", translated.
Language switcher
    Each page gets links to the same page in the other languages (``mpguide_languages``), in the
    sidebar and as ``<link rel="alternate" hreflang>``.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.parsers.rst.directives.admonitions import BaseAdmonition
from sphinx.directives.code import LiteralInclude
from sphinx.domains import Domain
from sphinx.locale import _
from sphinx.util import logging

from mpguide import __version__
from mpguide.checker.example import load_examples
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

__all__ = ["CorrectionDirective", "ExampleDirective", "VerificationDomain", "setup"]

logger = logging.getLogger(__name__)


class VerificationDomain(Domain):
    """The extension's state: what each page showed of each example's verification.

    When an example's summary changes in a new report, the pages that show it are rebuilt; when only
    timings change, they are not. (Kept as ``sphinx.ext.duration`` keeps its state.)
    """

    name = "mpguide"
    label = "mpguide"
    initial_data: ClassVar[dict[str, Any]] = {"verified": {}}
    _report: tuple[float | None, Report | None] | None = None

    @property
    def verified(self) -> dict[str, dict[str, dict[str, Any]]]:
        """``{docname: {example: summary}}`` for every page read."""
        verified: dict[str, dict[str, dict[str, Any]]] = self.data.setdefault("verified", {})
        return verified

    def note_verified(self, docname: str, example: str, summary: dict[str, Any]) -> None:
        """Record that *docname* showed *example* with this *summary* of its verification."""
        self.verified.setdefault(docname, {})[example] = summary

    def clear_doc(self, docname: str) -> None:
        """Forget what a page showed before it is read again."""
        self.verified.pop(docname, None)

    def merge_domaindata(self, docnames: AbstractSet[str], otherdata: dict[str, Any]) -> None:
        """Take over what parallel readers recorded."""
        for docname in docnames:
            if docname in otherdata["verified"]:
                self.verified[docname] = otherdata["verified"][docname]

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
            container = nodes.container(classes=["mpguide-example"])
            container.extend([*code, console, note])
            return [container]

        verification = _verification(env, model)
        domain.note_verified(env.docname, example, _summary(verification))
        if verification is None:
            return code

        note = nodes.paragraph(classes=["mpguide-verified"])
        note += nodes.Text(
            _("Verified on CPython %(versions)s, %(methods)s.")
            % {
                "versions": ", ".join(verification.versions),
                "methods": " / ".join(verification.start_methods),
            }
        )
        if expectation.outcomes:
            shown = _outcome_blocks(self, path.name, expectation, verification)
        else:
            shown = [_console(self, path.name, expectation.default, expectation)]
            if expectation.unordered:
                note += nodes.Text(" " + _("Highlighted lines may appear in any order."))
        container = nodes.container(classes=["mpguide-example"])
        container.extend([*code, *shown, note])
        return [container]


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
    command.
    """
    source = f'-c "$(cat {name})"' if expectation.inline else name
    env = "".join(f"{key}={shlex.quote(value)} " for key, value in expectation.env.items())
    return f"$ {env}python3 {source}{' | cat' if expectation.piped else ''}\n"


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
    }


def on_env_get_outdated(
    app: Sphinx,
    env: BuildEnvironment,
    added: AbstractSet[str],
    changed: AbstractSet[str],
    removed: AbstractSet[str],
) -> list[str]:
    """Rebuild the pages whose examples' verification changed in the report (not their timings)."""
    domain = env.domains[VerificationDomain.name]
    assert isinstance(domain, VerificationDomain)  # noqa: S101 - registered in setup()
    try:
        report = read_report(_report_path(app))
    except ReportError:
        return [doc for doc, examples in domain.verified.items() if any(examples.values())]
    outdated = []
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


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Give templates the links to this page in every language (``mpguide_languages``)."""
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


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the directives, the language switcher and the configuration values."""
    # Relative to the folder of conf.py, which is the docs folder.
    app.add_config_value("mpguide_examples_dir", os.path.relpath(EXAMPLES, DOCS), "env", str)
    app.add_config_value("mpguide_report", os.path.relpath(REPORT, DOCS), "env", str)
    app.add_config_value("mpguide_languages", {}, "html", dict)
    app.add_config_value("mpguide_titles", {}, "html", dict)
    app.add_directive("example", ExampleDirective)
    app.add_directive("correction", CorrectionDirective)
    app.add_domain(VerificationDomain)
    app.connect("config-inited", on_config_inited)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("html-page-context", on_html_page_context)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
