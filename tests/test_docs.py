"""The site: built without warnings, both languages in step, Chinese search indexed, translated."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import pytest

from conftest import DOCS, EXAMPLES, LANGUAGES
from mpguide.checker.discovery import example_files, find_inclusions
from mpguide.checker.example import load_examples

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import Site

pytestmark = [pytest.mark.docs]

_FENCE = re.compile(r"^(`{3,}|~{3,}|:{3,})")


def _pages(language: str) -> list[str]:
    root = DOCS / language
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md"))


def _headings(page: Path) -> list[int]:
    """The level of each Markdown heading, outside fenced blocks."""
    levels, fence = [], None
    for line in page.read_text(encoding="utf-8").splitlines():
        match = _FENCE.match(line)
        if match and (fence is None or line.startswith(fence)):
            fence = None if fence else match[1]
            continue
        if fence is None and (heading := re.match(r"^(#{1,6}) ", line)):
            levels.append(len(heading[1]))
    return levels


def _directives(page: Path, name: str) -> int:
    # Directives may be indented (inside a list item) and nested (four backticks around three).
    pattern = rf"^[ \t]*(?:`{{3,}}|:{{3,}})\{{{name}\}}"
    return len(re.findall(pattern, page.read_text(), re.MULTILINE))


def test_build_has_no_warnings(site: Site) -> None:
    """Both languages build with -W -n and print no warning."""
    for language, log in site.logs.items():
        assert "WARNING" not in log, f"{language}:\n{log}"


def test_both_languages_have_the_same_pages() -> None:
    """docs/zh_CN and docs/en hold the same file names."""
    assert _pages("zh_CN") == _pages("en")
    assert "index.md" in _pages("en")


@pytest.mark.parametrize("page", _pages("zh_CN"))
def test_same_headings_per_page(page: str) -> None:
    """Each page has the same number of headings, at the same levels, in both languages."""
    assert _headings(DOCS / "zh_CN" / page) == _headings(DOCS / "en" / page)


@pytest.mark.parametrize("page", _pages("zh_CN"))
def test_same_examples_in_the_same_order(page: str) -> None:
    """Each page includes the same examples in the same order in both languages."""
    by_language = {
        language: [i.example for i in find_inclusions(DOCS / language) if i.page.name == page]
        for language in LANGUAGES
    }
    assert by_language["zh_CN"] == by_language["en"]


@pytest.mark.parametrize("page", _pages("zh_CN"))
def test_same_corrections_per_page(page: str) -> None:
    """Every correction to the original appears in both languages."""
    counts = {lang: _directives(DOCS / lang / page, "correction") for lang in LANGUAGES}
    assert counts["zh_CN"] == counts["en"]


def _search_index(site: Site, language: str) -> dict[str, object]:
    text = (site.html / language / "searchindex.js").read_text(encoding="utf-8")
    index: dict[str, object] = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    return index


def test_chinese_words_are_in_the_search_index(site: Site) -> None:
    """Jieba segments the Chinese pages: words such as 进程 and 守护进程 are indexed."""
    index = _search_index(site, "zh_CN")
    terms, titles = index["terms"], index["titleterms"]
    assert isinstance(terms, dict)
    assert isinstance(titles, dict)
    for word in ("进程", "守护进程", "守护", "参数"):
        assert word in terms, word
    assert "多进程" in titles


def test_chinese_search_uses_the_chinese_stemmer(site: Site) -> None:
    """The zh_CN search runs as Chinese: its pages declare zh-CN and its index has words, not phrases.

    Sphinx's Chinese search indexes words cut by jieba, and stems only the Latin words in them (with
    the English stemmer); without jieba it would index whole sentences instead of words.
    """
    options = (site.html / "zh_CN" / "_static" / "documentation_options.js").read_text()
    assert "LANGUAGE: 'zh-CN'" in options
    terms = _search_index(site, "zh_CN")["terms"]
    assert isinstance(terms, dict)
    assert not any(
        len(term) > 12 and all("\u4e00" <= ch <= "\u9fff" for ch in term) for term in terms
    )
    assert "EnglishStemmer" in (site.html / "zh_CN" / "_static" / "language_data.js").read_text()


def test_english_words_are_in_the_english_index(site: Site) -> None:
    """The English index has English words, stemmed."""
    terms = _search_index(site, "en")["terms"]
    assert isinstance(terms, dict)
    assert "daemon" in terms
    assert "process" in terms


def _html_pages(site: Site, language: str) -> list[str]:
    root = site.html / language
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*.html")
        if not p.relative_to(root)
        .as_posix()
        .startswith(("_", "search", "genindex", "py-mod", "404"))
    )


def test_language_switcher_links_to_the_same_page(site: Site) -> None:
    """Every page links to itself in the other language, and that page exists."""
    for language in LANGUAGES:
        other = next(lang for lang in LANGUAGES if lang != language)
        for page in _html_pages(site, language):
            html = (site.html / language / page).read_text(encoding="utf-8")
            links = re.findall(r'class="mpguide-language-link" href="([^"]+)"', html)
            assert len(links) == 1, page
            target = (site.html / language / page).parent / links[0]
            assert target.resolve() == (site.html / other / page).resolve(), page
            assert target.is_file(), page


def test_every_example_shows_where_it_was_verified(site: Site) -> None:
    """Each example on a page carries its verified line, generated from the report.

    A module other examples import is never run, and has none.
    """
    modules = {
        name
        for name, example in load_examples(EXAMPLES, example_files(EXAMPLES)).examples.items()
        if example.expectation.module
    }
    for language in LANGUAGES:
        for page in _pages(language):
            included = [i.example for i in find_inclusions(DOCS / language) if i.page.name == page]
            expected = len([name for name in included if name not in modules])
            html_page = site.html / language / page.replace(".md", ".html")
            html = html_page.read_text(encoding="utf-8")
            shown = re.findall(r'class="mpguide-verified(?: mpguide-not-checked)?"', html)
            assert len(shown) == expected, (language, page)
    zh = (site.html / "zh_CN" / "processes.html").read_text(encoding="utf-8")
    assert "已验证：CPython" in zh
    assert "fork / spawn / forkserver" in zh


def test_furo_interface_is_in_chinese(site: Site) -> None:
    """Furo's own strings are translated on the zh_CN site."""
    html = (site.html / "zh_CN" / "processes.html").read_text(encoding="utf-8")
    for chinese in ("跳转到正文", "回到顶部", "本页目录", "上一页", "下一页", "浅色模式"):
        assert chinese in html, chinese
    for english in ("Skip to content", "Back to top", "On this page", "Light mode"):
        assert english not in html, english


def test_landing_page_links_both_languages(site: Site) -> None:
    """The root page sends readers to their language and links both."""
    html = (site.html / "index.html").read_text(encoding="utf-8")
    assert 'href="zh_CN/index.html"' in html
    assert 'href="en/index.html"' in html
    assert "navigator.languages" in html


def test_badge_names_the_exact_versions_checked(site: Site) -> None:
    """The verified line names each exact CPython release in the report, not a range."""
    report = json.loads(site.report.read_text(encoding="utf-8"))
    versions = sorted({c["version"] for c in report["checks"]})
    html = (site.html / "en" / "processes.html").read_text(encoding="utf-8")
    assert f"Verified on CPython {', '.join(versions)}, fork / spawn / forkserver." in html


def test_the_originals_failures_are_shown_from_the_report(site: Site) -> None:
    """The original pool program shows a table of each run's outcome and each outcome's output.

    Under spawn it hangs on every version: the table says so, in both languages.
    """
    report = json.loads(site.report.read_text(encoding="utf-8"))
    versions = {c["version"] for c in report["checks"] if c["example"] == "pools/original_pool.py"}
    example = load_examples(EXAMPLES, ["pools/original_pool.py"]).examples["pools/original_pool.py"]
    timeout = f"{example.expectation.timeout:g}"  # from checks.toml, as the page says it
    endings = {
        "en": f"still running after {timeout} s: killed",
        "zh_CN": f"{timeout} 秒后仍在运行，由检查程序终止",
    }
    for language in LANGUAGES:
        html = (site.html / language / "pools.html").read_text(encoding="utf-8")
        table = html[html.index('class="mpguide-outcomes') :]
        table = table[: table.index("</table>")]
        assert table.count("<tr") == len(versions) + 1, language  # a row per version checked
        assert endings[language] in html, language
        assert "An attempt has been made to start a new process" in html


def test_an_outcomes_runs_name_start_methods_seen_on_the_same_versions_together() -> None:
    """The line under an outcome groups the start methods that saw it on the same versions."""
    from mpguide.sphinxext import _runs

    outcomes = (
        ("3.11.7", "spawn", "hangs"),
        ("3.11.7", "forkserver", "hangs"),
        ("3.13.18", "spawn", "hangs"),
        ("3.13.18", "forkserver", "quiet"),
    )
    methods = ("fork", "spawn", "forkserver")
    assert _runs(outcomes, "hangs", methods) == "spawn: 3.11.7, 3.13.18; forkserver: 3.11.7"
    same = (("3.14.10", "spawn", "a"), ("3.14.10", "forkserver", "a"))
    assert _runs(same, "a", methods) == "spawn / forkserver: 3.14.10"


def test_the_console_shows_ctrl_c_and_inline_code_as_a_terminal_would() -> None:
    """``^C`` follows the line the reader pressed it after; ``inline`` shows ``python3 -c``."""
    from mpguide.checker.expectation import Expectation
    from mpguide.sphinxext import _command, _interrupted

    assert _interrupted("a\npress Ctrl-C\nstopped\n", "Ctrl-C") == "a\npress Ctrl-C\n^C\nstopped\n"
    assert _interrupted("working", "working") == "working\n^C\n"
    assert _interrupted("a\n", None) == "a\n"
    inline = Expectation(example="x.py", stdout="", inline=True)
    assert _command("x.py", inline) == '$ python3 -c "$(cat x.py)"\n'
    piped = Expectation(example="x.py", stdout="", piped=True)
    assert _command("x.py", piped) == "$ python3 x.py | cat\n"
    with_env = Expectation(example="x.py", stdout="", env={"PYTHON_CPU_COUNT": "1", "A": "b c"})
    assert _command("x.py", with_env) == "$ PYTHON_CPU_COUNT=1 A='b c' python3 x.py\n"


def test_examples_with_dependencies_show_uv_run_and_the_versions(site: Site) -> None:
    """An example with a PEP 723 block is shown as ``uv run FILE`` with the versions it ran with.

    Its servers given as commands come first, each with the port the page names.
    """
    report = json.loads(site.report.read_text(encoding="utf-8"))
    catalog = load_examples(EXAMPLES, example_files(EXAMPLES))
    with_packages = {
        name: example
        for name, example in catalog.examples.items()
        if example.expectation.script is not None
        and example.expectation.script.dependencies
        and not example.expectation.module
    }
    assert with_packages, "no example declares dependencies"
    for language in LANGUAGES:
        for inclusion in find_inclusions(DOCS / language):
            example = with_packages.get(inclusion.example)
            if example is None:
                continue
            html_page = site.html / language / inclusion.page.name.replace(".md", ".html")
            text = re.sub(r"<[^>]+>", "", html_page.read_text(encoding="utf-8"))
            assert f"uv run {example.path.name}" in text, (language, example.name)
            ran = [r for r in report["checks"] if r["example"] == example.name and r["packages"]]
            assert ran, f"{example.name}: the report shows no run with its packages"
            script = example.expectation.script
            assert script is not None
            first = script.names[0].lower()
            version = next(v for n, v in ran[0]["packages"].items() if n.lower() == first)
            assert f"{first} {version}" in text.lower(), (language, example.name)
            for server in example.expectation.servers:
                servers = example.expectation.servers
                shown = server.argv({s.name: s.port or 8000 + i for i, s in enumerate(servers)})
                assert " ".join(shown) in text, (language, example.name, server.name)
