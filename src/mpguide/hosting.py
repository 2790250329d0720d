"""The Sphinx extension that makes each language's build ready to publish at the site's base URL.

From the one setting ``mpguide_base_url`` (the URL of the site's root, see
:func:`mpguide.layout.base_url`) it derives, for the language being built:

- ``html_baseurl`` (the canonical link of each page, and the Open Graph URL);
- the sitemap's URLs (``sphinx-sitemap``: ``<base>/<language>/<page>.html``), every page's even
  after a rebuild that wrote only some;
- the 404 page's URL prefix (``sphinx-notfound-page``), so the page works from any depth, in the
  language of the build, with the language switcher's links made absolute too;
- the social card image of each page (``sphinxext-opengraph`` draws it with matplotlib, offline;
  the build fails if the font the cards need is missing);
- furo's "edit this page" / "view source" links to the page's file in the repository;
- the EPUB's file name, language tag and identifier.

It also gives each HTML page its ``<link rel="alternate" hreflang>`` links (``mpguide_alternates``,
absolute, with ``x-default``), and the ``site-file`` role: a link to a file of the published site
outside the language's pages, such as ``downloads/mpguide-en.epub``.
"""

from __future__ import annotations

from fnmatch import fnmatch
from queue import Empty
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.errors import ConfigError
from sphinx.locale import _
from sphinx.util import logging

from mpguide import __version__
from mpguide.layout import DOCS, HREFLANGS, epub_name

if TYPE_CHECKING:
    from docutils.parsers.rst.states import Inliner
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

__all__ = [
    "alternates",
    "on_build_finished",
    "on_builder_inited",
    "on_config_inited",
    "on_doctree_resolved",
    "on_html_page_context",
    "setup",
    "site_file_role",
]

logger = logging.getLogger(__name__)


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Derive every published URL of this language's build from ``mpguide_base_url``."""
    base = config.mpguide_base_url
    if urlsplit(base).scheme not in {"http", "https"} or not base.endswith("/"):
        msg = (
            f"mpguide_base_url (docs/conf.py: MPGUIDE_BASE_URL, or the default of "
            f"mpguide.layout.base_url) must be an http(s) URL ending in '/', not {base!r}"
        )
        raise ConfigError(msg)
    language = config.language
    config.html_baseurl = f"{base}{language}/"
    config.ogp_site_url = config.html_baseurl
    config.site_url = base  # sphinx-sitemap: <base>{lang}{link}, the language folder added
    config.sitemap_url_scheme = "{lang}{link}"
    config.notfound_urls_prefix = f"{urlsplit(base).path}{language}/"
    config.notfound_context = {
        "title": _("Page not found"),
        "body": _not_found_body(config.notfound_urls_prefix),
    }
    if "source_repository" in config.html_theme_options:  # furo's source links: this language's
        config.html_theme_options = {
            **config.html_theme_options,
            "source_directory": f"{DOCS.as_posix()}/{language}/",
        }
    # The EPUB's name and metadata: a language tag (zh-CN, not zh_CN), and its URL as identifier.
    config.epub_basename = epub_name(language).removesuffix(".epub")
    config.epub_language = language.replace("_", "-")
    config.epub_scheme = "URL"
    config.epub_identifier = f"{config.html_baseurl}index.html"
    config.epub_uid = config.epub_basename
    config.epub_contributor = config.author


def on_builder_inited(app: Sphinx) -> None:
    """Refuse to draw social cards without their font: a missing font would draw empty boxes."""
    cards = app.config.ogp_social_cards or {}
    if app.builder.name != "html" or cards.get("enable") is False or "font" not in cards:
        return
    from matplotlib import font_manager  # here: only a build that draws cards needs it

    try:
        font_manager.findfont(cards["font"], fallback_to_default=False)
    except ValueError:
        logger.warning(
            "the social cards' font %r is not installed (Debian: apt-get install fonts-noto-cjk)",
            cards["font"],
            type="mpguide",
            subtype="font",
        )


def _not_found_body(prefix: str) -> str:
    """The 404 page's text: its links are absolute paths, right at any depth."""
    links = {
        "home": f'<a href="{prefix}index.html">{_("home page")}</a>',
        "search": f'<a href="{prefix}search.html">{_("search")}</a>',
    }
    lines = [
        f"<h1>{_('Page not found')}</h1>",
        f"<p>{_('There is no page at this address.')}</p>",
        f"<p>{_('Start again from the %(home)s, or %(search)s the site.') % links}</p>",
    ]
    return "\n".join(lines)


def alternates(base: str, target: str, languages: dict[str, str]) -> list[dict[str, str]]:
    """The ``hreflang`` alternates of page *target* (``processes.html``) in each of *languages*.

    Every language's own page, then ``x-default``: for the home page, the site's root, which sends
    each reader to their language; elsewhere the English page, where that root sends the readers of
    any other language.
    """
    links = [
        {"hreflang": HREFLANGS.get(code, code.replace("_", "-")), "href": f"{base}{code}/{target}"}
        for code in languages
    ]
    english = "en" if "en" in languages else next(iter(languages))
    default = base if target == "index.html" else f"{base}{english}/{target}"
    return [*links, {"hreflang": "x-default", "href": default}]


def on_html_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Give HTML pages their absolute ``hreflang`` alternates; make the 404 page's links absolute."""
    if app.builder.name != "html":  # an EPUB's pages link to nothing outside it
        context["mpguide_alternates"] = []
        return
    base = app.config.mpguide_base_url
    target = app.builder.get_target_uri(pagename)
    context["mpguide_alternates"] = alternates(base, target, app.config.mpguide_languages)
    if pagename == app.config.notfound_pagename:
        root = urlsplit(base).path
        for link in context.get("mpguide_languages", []):
            link["url"] = f"{root}{link['code']}/{target}"


def site_file_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Inliner,
    options: dict[str, Any] | None = None,
    content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """``{site-file}`EPUB <downloads/mpguide-en.epub>```: a link to a file of the site's root.

    In the HTML pages the link is relative (so a copy of the site works offline, or anywhere); in
    other formats (the EPUB), it is the published file's absolute URL.
    """
    title, _sep, path = text.rpartition("<")
    path = path.removesuffix(">").strip() if title else text.strip()
    title = title.strip() or path
    if not path or "://" in path or path.startswith("/") or ".." in path.split("/"):
        message = inliner.reporter.error(
            f"{name}: give a path from the site's root, such as downloads/file.zip, not {path!r}",
            line=lineno,
        )
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    link = nodes.reference(rawtext, title, refuri=path, classes=["mpguide-site-file"])
    link["mpguide_site_file"] = path  # made a URL for each builder: on_doctree_resolved
    return [link], []


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Point the ``site-file`` links of *docname* at their files, for the builder writing it.

    Relative in the HTML pages, so a copy of the site works anywhere; absolute in the EPUB, which
    holds no such files. (The doctree is read once, for every builder: the role cannot decide.)
    """
    up = "../" * (docname.count("/") + 1)  # out of the language's folder
    for link in doctree.findall(nodes.reference):
        if "mpguide_site_file" in link:
            path = link["mpguide_site_file"]
            html = app.builder.name == "html"
            link["refuri"] = f"{up}{path}" if html else f"{app.config.mpguide_base_url}{path}"


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Give sphinx-sitemap every page, not only those this build wrote.

    It lists the pages it saw written, so a rebuild after an edit would publish a sitemap of the
    edited pages alone (jdillard/sphinx-sitemap#13, open): the pages it did not see are added to its
    queue before it writes the sitemap.
    """
    queue = getattr(app, "sitemap_links", None)
    if exception is not None or app.builder.name != "html" or queue is None:
        return
    seen = []
    while True:
        try:
            seen.append(queue.get_nowait())
        except Empty:
            break
    links = {link for link, _lastmod in seen}
    excludes = app.config.sitemap_excludes  # patterns, as sphinx-sitemap matches them
    for docname in sorted(app.env.found_docs):
        link = app.builder.get_target_uri(docname)
        if link not in links and not any(fnmatch(link, pattern) for pattern in excludes):
            seen.append((link, None))
    for entry in seen:
        queue.put(entry)


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the base URL, the role, and the handlers that derive the rest from them."""
    app.setup_extension("sphinx_sitemap")
    app.setup_extension("sphinxext.opengraph")
    app.setup_extension("notfound.extension")
    app.add_config_value("mpguide_base_url", "", "env", str)
    app.add_role("site-file", site_file_role)
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", on_builder_inited)
    # After mpguide.sphinxext (priority 500), whose language links the 404 page rewrites.
    app.connect("html-page-context", on_html_page_context, priority=600)
    app.connect("doctree-resolved", on_doctree_resolved)
    app.connect("build-finished", on_build_finished, priority=400)  # before sphinx-sitemap's
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
