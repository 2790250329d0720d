"""Where things are in the project, and how the site is built: said once for every tool.

The noxfile (which loads this file on its own: it uses only the standard library), ``docs/conf.py``,
the checker, the tests and the benchmark all take their folders, languages and the ``sphinx-build``
command from here.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from xml.etree import ElementTree

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = [
    "BASE_URL",
    "BUILD",
    "DOCS",
    "DOWNLOADS",
    "EXAMPLES",
    "HREFLANGS",
    "LANGUAGES",
    "REPORT",
    "SITE_ARCHIVE",
    "TITLES",
    "base_url",
    "build_site",
    "epub_name",
    "finish_site",
    "sphinx_build",
    "sphinx_epub",
]

DOCS = Path("docs")
"""The pages, one folder per language, and the one ``conf.py``; relative to the project root."""
EXAMPLES = Path("src/mpguide/examples")
"""The example programs the pages include, with their expected outputs."""
BUILD = DOCS / "_build"
REPORT = BUILD / "verification.json"
"""What the checker verified: the site is built from it."""

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
"""Each language of the site, the source language first, with its name in itself."""
TITLES = {"zh_CN": "多进程编程", "en": "Multiprocessing in Python"}
HREFLANGS = {"zh_CN": "zh-Hans", "en": "en"}
"""Each language as ``hreflang`` names it: the Chinese pages are in simplified script, wherever read."""

BASE_URL = "https://mpguide.github.io/mpguide/"
"""Where the site is published (GitHub Pages of the Source repository): see :func:`base_url`."""
DOWNLOADS = "downloads"
"""The folder of the site's root that holds the EPUBs and the site's archive."""
SITE_ARCHIVE = "mpguide-html.zip"
"""The whole HTML site as one archive, in :data:`DOWNLOADS`."""


def base_url() -> str:
    """The URL of the site's root, ending in ``/``: the one setting every published link derives from.

    ``MPGUIDE_BASE_URL`` (a fork's own site), else Read the Docs' ``READTHEDOCS_CANONICAL_URL`` (set in
    its builds), else :data:`BASE_URL`.
    """
    for source in ("MPGUIDE_BASE_URL", "READTHEDOCS_CANONICAL_URL"):
        if url := os.environ.get(source):
            break
    else:
        source, url = "mpguide.layout.BASE_URL", BASE_URL
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        msg = (
            f"{source}: the site's base URL must be an http(s) URL, such as {BASE_URL}, not {url!r}"
        )
        raise ValueError(msg)
    return url.rstrip("/") + "/"


def epub_name(language: str) -> str:
    """The file name of *language*'s EPUB, in its build folder and in :data:`DOWNLOADS`."""
    return f"mpguide-{language}.epub"


def sphinx_build(
    root: Path,
    language: str,
    out: Path,
    *,
    report: Path | None = None,
    extra: Sequence[str] = (),
    program: Sequence[str] = ("sphinx-build",),
) -> list[str]:
    """The ``sphinx-build`` command that builds *language* into *out*/html/*language*.

    *report* is the checker's report to build from, when it is not the default :data:`REPORT`;
    *program* runs Sphinx (``python -m sphinx`` with a given Python, where the script is not on
    ``PATH``).
    """
    return [
        *program,
        "-c", str(root / DOCS),  # one conf.py for both languages
        "-D", f"language={language}",  # which language this build is
        *(["-D", f"mpguide_report={report}"] if report is not None else []),
        "-W",  # warnings are errors: an unverified or stale example fails the build
        "--keep-going",  # ... but report them all first
        "-n",  # nitpicky: every cross-reference must resolve
        "-d", str(out / "doctrees" / language),  # each language keeps its own environment
        *extra,
        str(root / DOCS / language),
        str(out / "html" / language),
    ]  # fmt: skip


def sphinx_epub(
    root: Path,
    language: str,
    out: Path,
    *,
    report: Path | None = None,
    program: Sequence[str] = ("sphinx-build",),
) -> list[str]:
    """The ``sphinx-build`` command that builds *language*'s EPUB into *out*/epub/*language*.

    Run after :func:`sphinx_build`: it reads the same pages from the environment that build left.
    """
    html = sphinx_build(root, language, out, report=report, program=program)
    return [
        *html[:-2],
        "-b", "epub",  # the ebook: same pages, same checks, zero warnings
        str(root / DOCS / language),
        str(out / "epub" / language),
    ]  # fmt: skip


def build_site(
    root: Path,
    out: Path,
    run: Callable[[str, Sequence[Sequence[str]]], None],
    *,
    report: Path | None = None,
    program: Sequence[str] = ("sphinx-build",),
    extra: Sequence[str] = (),
) -> None:
    """Build the whole site into *out*: each language's pages, then its EPUB, then the site's root.

    *run* is given a language and its two commands, to run in order (the EPUB build reads the
    environment the pages left) and to raise if one fails. The languages build at once: each is a
    Sphinx project of its own, mostly on one core. Then :func:`finish_site` adds the root pages,
    the sitemap index and the downloads. *extra* goes to each language's HTML build.
    """

    def build(language: str) -> None:
        html = sphinx_build(root, language, out, report=report, extra=extra, program=program)
        epub = sphinx_epub(root, language, out, report=report, program=program)
        run(language, [html, epub])

    with ThreadPoolExecutor(max_workers=len(LANGUAGES)) as pool:
        for built in [pool.submit(build, language) for language in LANGUAGES]:
            built.result()  # a language's failure is raised here, after both have finished
    finish_site(root, out, base_url())


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def finish_site(root: Path, out: Path, base: str) -> None:
    """Add what is no one language's to the site built in *out*/html, published at *base*.

    The landing page and the 404 page of the site's root (the one GitHub Pages and Read the Docs
    serve), a sitemap index naming each language's sitemap, and :data:`DOWNLOADS`: each language's
    EPUB and the whole HTML site as one archive.
    """
    html = out / "html"
    landing = root / DOCS / "_landing"
    shutil.copyfile(landing / "index.html", html / "index.html")
    not_found = Template((landing / "404.html").read_text(encoding="utf-8"))
    (html / "404.html").write_text(not_found.substitute(root=urlsplit(base).path), encoding="utf-8")
    index = ElementTree.Element("sitemapindex", xmlns=SITEMAP_NS)
    for language in LANGUAGES:
        if (html / language / "sitemap.xml").is_file():
            sitemap = ElementTree.SubElement(index, "sitemap")
            ElementTree.SubElement(sitemap, "loc").text = f"{base}{language}/sitemap.xml"
    ElementTree.ElementTree(index).write(
        html / "sitemap.xml", xml_declaration=True, encoding="utf-8"
    )
    downloads = html / DOWNLOADS
    shutil.rmtree(downloads, ignore_errors=True)
    downloads.mkdir()
    _archive(html, downloads / SITE_ARCHIVE)
    for language in LANGUAGES:
        epub = out / "epub" / language / epub_name(language)
        if epub.is_file():
            shutil.copyfile(epub, downloads / epub.name)


def _archive(html: Path, archive: Path) -> None:
    """Zip the site in *html* into *archive*, under one ``mpguide/`` folder.

    Not its downloads, nor Sphinx's hidden build records (``.buildinfo``), nor the social cards
    (images for link previews, of no use offline: two thirds of the archive otherwise).
    """
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(html.rglob("*")):
            relative = path.relative_to(html)
            if (
                relative.parts[0] == DOWNLOADS
                or path.name.startswith(".")
                or "social_previews" in relative.parts
                or not path.is_file()
            ):
                continue
            zipped.write(path, Path("mpguide") / relative)
