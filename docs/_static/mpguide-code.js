/*
 * Code blocks and tables that scroll sideways can be reached and scrolled with the keyboard.
 *
 * A <pre> or a table wider than its box scrolls, and a keyboard user can scroll it only if it
 * takes focus (WCAG 2.1.1; axe-core's scrollable-region-focusable). Each such box gets
 * tabindex="0", and a role and a name (its file's name or its table's title; else "Terminal",
 * "Code" or "Table", translated by mpguide.sphinxext), so that a screen reader says what it is.
 * A box that fits again (after the window grows) loses them.
 */
"use strict";

(() => {
  const SCROLLING = "div.highlight > pre, div.table-wrapper";

  const name = (box) => {
    const strings = window.mpguideStrings || { code: "Code", terminal: "Terminal", table: "Table" };
    if (box.matches("div.table-wrapper")) {
      const title = box.querySelector("caption .caption-text");
      return title ? title.textContent.trim() : strings.table;
    }
    const block = box.closest("div[class*='highlight-']");
    const caption = block && block.parentElement.querySelector(":scope > .code-block-caption .caption-text");
    if (caption && caption.firstChild) return caption.firstChild.textContent.trim();
    return block && block.matches(".highlight-console") ? strings.terminal : strings.code;
  };

  const mark = () => {
    for (const box of document.querySelectorAll(SCROLLING)) {
      if (box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", name(box));
      } else if (box.getAttribute("role") === "region") {
        for (const attribute of ["tabindex", "role", "aria-label"]) box.removeAttribute(attribute);
      }
    }
  };

  let pending = null;
  const later = () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(mark);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
  window.addEventListener("load", mark); // fonts and images change the widths
  window.addEventListener("resize", later);
})();
