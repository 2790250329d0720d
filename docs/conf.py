"""One configuration for both languages: ``sphinx-build -c docs -D language=en docs/en ...``."""

from importlib.metadata import metadata as _metadata
from importlib.metadata import version as _version
from pathlib import Path as _Path

import mpguide.layout as _layout

# -- Project ---------------------------------------------------------------------------------------
# https://www.sphinx-doc.org/en/master/usage/configuration.html#project-information
project = "多进程编程"  # each language's title comes from mpguide_titles (mpguide.sphinxext)
author = "mpguide"
copyright = "2026, the mpguide team"
release = _version("mpguide")
version = ".".join(release.split(".")[:2])

# -- General ---------------------------------------------------------------------------------------
# https://www.sphinx-doc.org/en/master/usage/configuration.html#general-configuration
extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx_autodoc_typehints",
    "sphinx_copybutton",
    "mpguide.sphinxext",
    "mpguide.hosting",  # the site's base URL and what derives from it: sitemap, 404, Open Graph
    "sphinx_sitemap",
    "sphinxext.opengraph",
    "notfound.extension",
]
templates_path = ["_templates"]
exclude_patterns = ["_build"]
nitpicky = True
# No network here for intersphinx: names from the standard library and Sphinx stay plain text.
nitpick_ignore_regex = [
    ("py:class", r"(pathlib|subprocess|collections\.abc|typing|concurrent\.futures|argparse)\..*"),
    ("py:class", r"(Path|Popen|Callable|Iterable|Mapping|Sequence|Collection|Any)"),
    ("py:class", r"(sphinx|docutils)\..*"),
    ("py:class", r"(ExtensionMetadata|OptionSpec|BuildEnvironment|Sphinx|Config|Set)"),
    ("py:class", r"(bytes|int|float|str|bool|dict|list|tuple|set|object|None)"),
    ("py:obj", r"(typing|sphinx)\..*"),
    ("py:data", r"typing\..*"),
    ("py:data", r"Ellipsis"),  # tuple[int, ...] in signatures
    ("py:mod", r"(doctest|multiprocessing|runpy|pty)"),
]

# -- MyST ------------------------------------------------------------------------------------------
# https://myst-parser.readthedocs.io/en/latest/configuration.html
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- Autodoc ---------------------------------------------------------------------------------------
# https://www.sphinx-doc.org/en/master/usage/extensions/autodoc.html
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True}
typehints_use_signature_return = False
always_use_bars_union = True

# -- HTML ------------------------------------------------------------------------------------------
# https://www.sphinx-doc.org/en/master/usage/configuration.html#options-for-html-output
html_theme = "furo"
html_static_path = ["_static"]
html_css_files = ["mpguide.css"]
html_js_files = [
    "mpguide-search.js",  # splits Chinese queries into indexed words
    "mpguide-code.js",  # code blocks that scroll can take keyboard focus
]
html_favicon = "_static/favicon.svg"  # browsers ask for one; without it, a 404 on every first visit
html_sidebars = {
    "**": [
        "sidebar/brand.html",
        "sidebar/search.html",
        "sidebar/languages.html",
        "sidebar/scroll-start.html",
        "sidebar/navigation.html",
        "sidebar/scroll-end.html",
    ]
}
html_show_sourcelink = False
# "Edit this page" and "View this page" open the page's file in the Source repository of pyproject.toml;
# mpguide.hosting adds the language's folder (source_directory).
_URLS = dict(url.split(", ", 1) for url in _metadata("mpguide").get_all("Project-URL") or [])
html_theme_options = {"source_repository": _URLS["Source"], "source_branch": "main"}
copybutton_prompt_text = r"\$ "  # copy the command, not the prompt or the output
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True

# -- i18n ------------------------------------------------------------------------------------------
# https://www.sphinx-doc.org/en/master/usage/configuration.html#options-for-internationalisation
language = "zh_CN"  # the source language; the English build passes -D language=en
locale_dirs = ["../locales"]  # relative to each source folder: furo's and mpguide's strings
html_search_language = None  # follow `language`; Chinese search needs jieba (docs group)
# The tutorial's terms, so that jieba indexes 守护进程 as a word (and still 守护 and 进程).
html_search_options = {"dict": str(_Path(__file__).parent / "locales/zh_CN/jieba_dict.txt")}

# -- Publishing -----------------------------------------------------------------------------------
# https://sphinx-sitemap.readthedocs.io/, https://sphinxext-opengraph.readthedocs.io/,
# https://sphinx-notfound-page.readthedocs.io/, and the EPUB builder:
# https://www.sphinx-doc.org/en/master/usage/configuration.html#options-for-epub-output
# The URL of the site's root, the one setting for every published link (MPGUIDE_BASE_URL for a
# fork): mpguide.hosting derives html_baseurl, the sitemap's and Open Graph's URLs, and the 404
# page's prefix from it, for the language being built.
mpguide_base_url = _layout.base_url()
sitemap_locales = [None]  # the alternates are in each page's <link rel="alternate" hreflang>
sitemap_excludes = ["search.html", "genindex.html", "py-modindex.html", "404.html"]
# Each page's card image, drawn by matplotlib (offline) in a font with Chinese glyphs: Debian's
# fonts-noto-cjk, which the browser tests need too.
ogp_social_cards = {"font": "Noto Sans CJK SC"}
epub_description = _metadata("mpguide")["Summary"]
epub_show_urls = "no"  # the reader follows links; their URLs in the text would only clutter it
# Left in the EPUB's folder by earlier builds: Sphinx's record of a changed configuration, and
# sphinx-sitemap's sitemap (it writes one for any builder).
epub_exclude_files = [".buildinfo.bak", "sitemap.xml"]

# -- mpguide ---------------------------------------------------------------------------------------
# The examples folder and the checker's report keep their defaults (mpguide.layout).
mpguide_languages = _layout.LANGUAGES
mpguide_titles = _layout.TITLES
