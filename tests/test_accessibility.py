"""Accessibility in a real browser: axe-core on every page, copy buttons without a mouse.

axe-core comes from npm, pinned in ``tests/accessibility/package-lock.json`` and installed there
with ``npm ci`` by the tests session; it runs in Debian's Chromium through Playwright.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from conftest import LANGUAGES

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from conftest import Site

pytestmark = [pytest.mark.docs, pytest.mark.browser]


AXE = Path(__file__).parent / "accessibility" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
"""axe-core's tags for the rules of WCAG 2.0 and 2.1, levels A and AA."""
BLOCKING = ("serious", "critical")
WIDTHS = {"desktop": 1280, "phone": 390}
"""Window widths the pages are checked at: what scrolls sideways, and so must take focus, differs."""


def _html_pages(site: Site, language: str) -> list[str]:
    """Every page of one language, search and index pages included (not the theme's files)."""
    root = site.html / language
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*.html")
        if not p.relative_to(root).parts[0].startswith("_")
    )


def _axe(page: Page, url: str) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 AA violations on *url*, once the page and its scripts have run."""
    assert AXE.is_file(), f"{AXE} is missing: run `npm ci --prefix {AXE.parents[2]}`"
    page.goto(url)
    page.wait_for_load_state("load")
    page.add_script_tag(path=str(AXE))
    violations: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            // Only violations are read: axe-core then skips the details of the rest.
            const results = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return results.violations.map((v) => ({
                rule: v.id,
                impact: v.impact,
                elements: v.nodes.map((n) => n.target.join(" ")),
            }));
        }""",
        WCAG_21_AA,
    )
    return violations


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_serious_or_critical_violation_on_any_page(
    site: Site,
    base_url: str,
    page: Page,
    language: str,
    width: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """axe-core finds no serious or critical WCAG 2.1 AA violation on any page of a language.

    The counts by impact are printed; a failure names page, rule and element.
    """
    page.set_viewport_size({"width": WIDTHS[width], "height": 800})
    pages = _html_pages(site, language)
    assert "verification.html" in pages
    counts: Counter[str] = Counter()
    blocking = []
    for name in pages:
        for violation in _axe(page, f"{base_url}/{language}/{name}"):
            counts[violation["impact"]] += len(violation["elements"])
            if violation["impact"] in BLOCKING:
                blocking += [
                    f"{name}: {violation['rule']} ({violation['impact']}): {element}"
                    for element in violation["elements"]
                ]
    summary = ", ".join(f"{counts[impact]} {impact}" for impact in ("critical", "serious"))
    summary += f" ({counts['moderate']} moderate, {counts['minor']} minor)"
    with capsys.disabled():
        print(f"\naxe-core {language} {width}: {len(pages)} pages, {summary}")  # noqa: T201
    assert blocking == [], f"{language} ({width}): {summary}\n" + "\n".join(blocking)


def _tab_to(page: Page, selector: str) -> int:
    """Press Tab until the first element matching *selector* has focus; return how many presses."""
    for presses in range(1, 400):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement === document.querySelector(s)", selector):
            return presses
    pytest.fail(f"Tab never reached {selector}")


def _opacity(page: Page, selector: str) -> float:
    """The computed opacity of the first element matching *selector*, once transitions end."""
    page.wait_for_timeout(400)  # sphinx-copybutton fades buttons in and out over 0.3 s
    opacity: str = page.eval_on_selector(selector, "(e) => getComputedStyle(e).opacity")
    return float(opacity)


@pytest.mark.parametrize("language", LANGUAGES)
def test_tab_reaches_a_copy_button_that_shows_and_copies(
    browser: Browser,
    base_url: str,
    language: str,
) -> None:
    """Tab reaches the first command's copy button, then visible; Enter and a click copy the command.

    Before it has focus, the button is hidden (as sphinx-copybutton hides it without a hover).
    """
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{base_url}/{language}/processes.html")
    page.wait_for_load_state("load")
    first = "article div.highlight-console button.copybtn"  # under simple.py: its command
    assert _opacity(page, first) == 0
    _tab_to(page, first)
    assert _opacity(page, first) == 1
    page.keyboard.press("Enter")
    assert page.evaluate("navigator.clipboard.readText()") == "python3 simple.py"
    page.evaluate("navigator.clipboard.writeText('')")
    page.locator(first).first.click()
    assert page.evaluate("navigator.clipboard.readText()") == "python3 simple.py"
    context.close()


def test_copy_buttons_are_always_shown_on_touch_screens(
    browser: Browser,
    base_url: str,
) -> None:
    """On a touch screen, which cannot hover, every copy button is visible without focus."""
    context = browser.new_context(
        has_touch=True, is_mobile=True, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(f"{base_url}/en/processes.html")
    page.wait_for_load_state("load")
    assert page.evaluate("matchMedia('(hover: none)').matches")
    opacities = page.eval_on_selector_all(
        "article div.highlight button.copybtn",
        "(buttons) => buttons.map((b) => getComputedStyle(b).opacity)",
    )
    assert opacities
    assert set(opacities) == {"1"}
    context.close()


def test_a_code_block_that_scrolls_takes_focus_and_has_a_name(
    browser: Browser,
    base_url: str,
) -> None:
    """A code block wider than the window can be focused, and is named; one that fits cannot."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{base_url}/zh_CN/processes.html")
    page.wait_for_load_state("load")
    blocks = page.eval_on_selector_all(
        "div.highlight > pre",
        """(pres) => pres.map((p) => ({
            scrolls: p.scrollWidth > p.clientWidth,
            tabindex: p.getAttribute("tabindex"),
            role: p.getAttribute("role"),
            label: p.getAttribute("aria-label"),
        }))""",
    )
    scrolling = [b for b in blocks if b["scrolls"]]
    assert scrolling, "no code block scrolls at 390 px: the test shows nothing"
    assert all(b["tabindex"] == "0" and b["role"] == "region" for b in scrolling)
    assert all(b["label"].endswith(".py") or b["label"] in {"终端", "代码"} for b in scrolling)
    assert all(b["tabindex"] is None for b in blocks if not b["scrolls"])

    # Focus on a block shows its copy button, hidden until then.
    block = "div.highlight:has(> pre[tabindex='0'])"
    button = f"{block} button.copybtn"
    assert _opacity(page, button) == 0
    _tab_to(page, f"{block} > pre")
    assert _opacity(page, button) == 1
    context.close()
