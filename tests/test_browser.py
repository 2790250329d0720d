"""The built site in a real browser: Chinese search, the language switcher, Chinese fonts.

Runs Debian's chromium (``/usr/bin/chromium``, with ``fonts-noto-cjk``) through Playwright;
``playwright install`` is never used. The fixtures (the server, the browser, the page) are in
``conftest.py``, shared with ``test_publish.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.docs, pytest.mark.browser]


def _search(page: Page, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_selector("#search-results .search-summary", timeout=15_000)
    return page.locator("#search-results ul.search li a").all_inner_texts()


@pytest.mark.parametrize("word", ["进程", "守护进程", "多进程"])
def test_chinese_search_finds_pages(page: Page, base_url: str, word: str) -> None:
    """Searching the zh_CN site for a Chinese word lists pages, with no script error."""
    results = _search(page, f"{base_url}/zh_CN/search.html?q={word}")
    assert results, f"no results for {word}"
    assert any("进程" in title for title in results)
    assert page.errors == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("query", ["守护进程的例子", "非守护进程和守护进程"])
def test_chinese_query_without_spaces_is_segmented(page: Page, base_url: str, query: str) -> None:
    """A Chinese query typed without spaces is split into indexed words and finds the chapter."""
    results = _search(page, f"{base_url}/zh_CN/search.html?q={query}")
    assert any(title.startswith("进程") for title in results), results
    assert page.errors == []  # type: ignore[attr-defined]


def test_english_search_finds_pages(page: Page, base_url: str) -> None:
    """Searching the English site for 'daemon' finds the processes chapter."""
    results = _search(page, f"{base_url}/en/search.html?q=daemon")
    assert any("Processes" in title for title in results)
    assert page.errors == []  # type: ignore[attr-defined]


def test_language_switcher_goes_to_the_same_page(page: Page, base_url: str) -> None:
    """From a Chinese chapter, the switcher opens the same chapter in English, and back."""
    page.goto(f"{base_url}/zh_CN/processes.html")
    page.locator("a.mpguide-language-link", has_text="English").click()
    page.wait_for_url(f"{base_url}/en/processes.html")
    assert page.locator("h1").first.inner_text().startswith("Processes")
    page.locator("a.mpguide-language-link", has_text="简体中文").click()
    page.wait_for_url(f"{base_url}/zh_CN/processes.html")
    assert page.locator("h1").first.inner_text().startswith("进程")
    assert page.errors == []  # type: ignore[attr-defined]


def test_landing_page_sends_chinese_readers_to_chinese(page: Page, base_url: str) -> None:
    """A browser that prefers Chinese lands on the Chinese home page."""
    page.goto(f"{base_url}/index.html")
    page.wait_for_url(f"{base_url}/zh_CN/index.html")


def test_chinese_text_renders_with_a_cjk_font(page: Page, base_url: str) -> None:
    """Chinese text is drawn with real glyphs (fonts-noto-cjk), not as empty boxes.

    A character no font has is drawn as the empty box; without a CJK font, Chinese characters are
    drawn as that same box. So the page's own font must draw 进 differently from U+10FFFD.
    """
    page.goto(f"{base_url}/zh_CN/processes.html")
    page.wait_for_load_state("load")
    same = page.evaluate(
        """() => {
            const font = getComputedStyle(document.querySelector('article p')).font;
            const draw = (text) => {
                const canvas = document.createElement('canvas');
                canvas.width = canvas.height = 64;
                const c = canvas.getContext('2d');
                c.font = font.replace(/\\d+(\\.\\d+)?px/, '40px');
                c.fillText(text, 4, 48);
                return Array.from(c.getImageData(0, 0, 64, 64).data).join(',');
            };
            const boxed = draw('\\u{10FFFD}');
            return ['\\u{10FFFC}', '进', '程', '守'].map((ch) => draw(ch) === boxed);
        }"""
    )
    # The first is the control: another character no font has, drawn as the very same box.
    assert same == [True, False, False, False], "Chinese characters are drawn as empty boxes"
