"""One configuration for both languages: ``sphinx-build -c docs -D language=en docs/en ...``."""

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

# -- mpguide ---------------------------------------------------------------------------------------
# The examples folder and the checker's report keep their defaults (mpguide.layout).
mpguide_languages = _layout.LANGUAGES
mpguide_titles = _layout.TITLES
