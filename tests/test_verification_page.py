"""The verification page and the links of each example: made from the report, in both languages.

The page lists every check of the report; each example's verified line links to its row, and its
caption to a download of the file and to the file in the repository. The links are followed in
Debian's Chromium, from a local static server.
"""

from __future__ import annotations

import re
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from conftest import EXAMPLES, LANGUAGES, ROOT
from mpguide.checker.interpreters import Interpreter, missing_releases
from mpguide.checker.report import read_report, write_report

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Page

    from conftest import Site

pytestmark = [pytest.mark.docs]


_LINK = re.compile(r"<a [^>]*>")


def _links(html: str, css_class: str) -> list[str]:
    """The targets of the links that have *css_class*, in page order."""
    targets = []
    for tag in _LINK.findall(html):
        classes, href = re.search(r'class="([^"]*)"', tag), re.search(r'href="([^"]*)"', tag)
        if classes and href and css_class in classes[1].split():
            targets.append(href[1])
    return targets


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_check_of_the_report_is_on_the_page(site: Site, language: str) -> None:
    """A row per example (with its id) and a cell entry per check: passed, failed or not run."""
    report = read_report(site.report)
    html = (site.html / language / "verification.html").read_text(encoding="utf-8")
    rows = set(re.findall(r'<tr[^>]* id="(example-[^"]+)"', html))
    from mpguide.sphinxext import _anchor  # Sphinx: only where the docs are built

    assert rows == {_anchor(r.example) for r in report.checks}
    ran = [r for r in report.checks if not r.skipped]
    assert html.count('class="mpguide-check-passed"') == sum(r.passed for r in ran)
    assert html.count('class="mpguide-check-failed"') == sum(not r.passed for r in ran)
    assert html.count('class="mpguide-check-skipped"') == len(report.checks) - len(ran)
    first = report.checks[0]
    assert f"{first.duration:.2f} s" in html


def test_the_page_says_when_and_from_which_commit(site: Site) -> None:
    """The page names the report's date and commit, with the mark of uncommitted changes.

    Outside a git working tree (an unpacked archive), it says the commit is unknown.
    """
    report = read_report(site.report)
    dirty = {"en": " + uncommitted changes", "zh_CN": " + 未提交的改动"}
    unknown = {"en": "unknown (git was not available)", "zh_CN": "未知（没有 git）"}
    for language in LANGUAGES:
        html = (site.html / language / "verification.html").read_text(encoding="utf-8")
        summary = html[html.index("mpguide-report-summary") :]
        summary = summary[: summary.index("</p>")]
        revision = report.revision
        commit = revision.commit[:12] + (dirty[language] if revision.dirty else "")
        assert (commit if revision.commit else unknown[language]) in summary, language
        assert report.created[:10] in summary, language
    assert "examples on CPython" in (site.html / "en" / "verification.html").read_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_verified_line_links_to_its_row(site: Site, language: str) -> None:
    """Each chapter's verified lines link to an existing row of the verification page."""
    rows = set(
        re.findall(
            r'<tr[^>]* id="([^"]+)"',
            (site.html / language / "verification.html").read_text(encoding="utf-8"),
        )
    )
    linked = 0
    for page_file in sorted((site.html / language).glob("*.html")):
        html = page_file.read_text(encoding="utf-8")
        verified = html.count('class="mpguide-verified"')
        links = _links(html, "mpguide-verification-link")
        assert len(links) == verified, page_file.name
        for href in links:
            target, _, anchor = href.partition("#")
            assert target == "verification.html", href
            assert anchor in rows, href
        linked += len(links)
    assert linked > 100


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_caption_links_a_download_and_the_source(site: Site, language: str) -> None:
    """A caption's download is a copy of the file in ``_downloads``; its source is on ``main``."""
    html = (site.html / language / "processes.html").read_text(encoding="utf-8")
    downloads = _links(html, "mpguide-download")
    sources = _links(html, "mpguide-source")
    assert downloads
    assert len(downloads) == len(sources)
    assert downloads[0].startswith("_downloads/")
    assert downloads[0].endswith("/simple.py")
    copied = (site.html / language / downloads[0]).read_bytes()
    assert copied == (EXAMPLES / "processes" / "simple.py").read_bytes()
    path = (EXAMPLES / "processes" / "simple.py").relative_to(ROOT).as_posix()
    assert sources[0] == f"https://github.com/mpguide/mpguide/blob/main/{path}"


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_verified_line_opens_the_examples_row_and_back(
    page: Page, base_url: str, language: str
) -> None:
    """Following a verified line lands on the example's row, shown; its name leads back."""
    page.goto(f"{base_url}/{language}/processes.html")
    page.locator("a.mpguide-verification-link").first.click()
    from mpguide.sphinxext import _anchor  # Sphinx: only where the docs are built

    anchor = _anchor("processes/simple.py")
    page.wait_for_url(f"{base_url}/{language}/verification.html#{anchor}")
    row = page.locator(f"tr#{anchor}")
    assert row.evaluate("(r) => r.matches(':target')")
    assert "processes/simple.py" in row.inner_text()
    box, height = row.bounding_box(), page.viewport_size["height"] if page.viewport_size else 0
    assert box is not None
    assert 0 <= box["y"] < height, "the row is not in view"
    row.locator("a").first.click()
    page.wait_for_url(f"{base_url}/{language}/processes.html#{anchor}")
    assert page.locator(f"#{anchor}").evaluate("(e) => e.matches('.mpguide-example')")
    assert page.errors == []  # type: ignore[attr-defined]


def test_when_checks_ran_is_said_to_the_minute() -> None:
    """A row's time is one minute, or the span from its first check to its last."""
    from mpguide.sphinxext import _when

    assert _when(["2026-11-27T09:56:17+00:00", "2026-11-27T09:56:59+00:00"]) == "2026-11-27 09:56"
    assert _when(["2026-11-27T10:02:00+00:00", "2026-11-27T09:56:17+00:00"]) == (
        "2026-11-27 09:56–10:02"
    )
    assert _when(["2026-11-26T23:59:00+00:00", "2026-11-27T00:01:00+00:00"]) == (
        "2026-11-26 23:59–2026-11-27 00:01"
    )
    assert _when([]) == "–"


def _report_of(path: Path, versions: list[str]) -> None:
    """Write a report of no checks, made with CPython of each of *versions*."""
    interpreters = [
        Interpreter(f"python{v}", f"/usr/bin/python{v}", "CPython", v, False, (), "fork")
        for v in versions
    ]
    write_report(path, [], interpreters, [])


def test_every_page_says_which_supported_versions_this_build_did_not_run(tmp_path: Path) -> None:
    """A report without every supported version at a current release puts a note on each page.

    It names the versions the build ran and those it lacks; once a report has them all, an
    incremental build takes the note off every page, those it did not read again included.
    """
    source = tmp_path / "src"
    source.mkdir()
    (source / "index.rst").write_text("Title\n=====\n\n.. toctree::\n\n   other\n")
    (source / "other.rst").write_text("Other\n=====\n\nA page.\n")
    report = tmp_path / "verification.json"
    (source / "conf.py").write_text(
        'extensions = ["mpguide.sphinxext"]\nhtml_theme = "furo"\nlanguage = "en"\n'
        f"mpguide_report = {str(report)!r}\n"
    )
    build = [sys.executable, "-m", "sphinx", "-W", "-q", str(source), str(tmp_path / "html")]
    _report_of(report, ["3.11.7", "3.12.1", "3.13.0"])
    subprocess.run(build, check=True, capture_output=True, timeout=300)
    note = (
        "This build checked the examples on CPython 3.11.7, 3.12.1, 3.13.0 only, not on 3.13.8+, "
        "3.14.1+, 3.15: what the text says of runs on those versions was not verified by this build."
    )
    for page in ("index.html", "other.html"):
        html = (tmp_path / "html" / page).read_text(encoding="utf-8")
        assert note in html, page
    _report_of(report, ["3.11.7", "3.12.1", "3.13.18", "3.14.10", "3.15.2"])
    subprocess.run(build, check=True, capture_output=True, timeout=300)
    for page in ("index.html", "other.html"):
        html = (tmp_path / "html" / page).read_text(encoding="utf-8")
        assert 'class="announcement"' not in html, page


def test_the_site_names_the_supported_versions_its_report_lacks(site: Site) -> None:
    """The site built here has the note exactly when its report lacks a supported version."""
    missing = missing_releases(read_report(site.report).versions)
    for language in LANGUAGES:
        html = (site.html / language / "processes.html").read_text(encoding="utf-8")
        assert ('class="announcement"' in html) == bool(missing), language
        for release in missing:
            assert release in html
