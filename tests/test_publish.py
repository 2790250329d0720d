"""The published site: hosting configurations, sitemap, alternates, 404 pages, EPUBs and downloads.

The configuration tests run everywhere; the others read the site the ``site`` fixture builds (as
``nox -s docs`` does), and the browser tests load it from a local static server that serves it at
its base URL's path and answers a missing address with the nearest 404 page (``conftest.py``).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from conftest import DOCS, LANGUAGES, ROOT
from mpguide import layout

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from conftest import Site

HOSTING = {
    ".readthedocs.yaml": "vendor.readthedocs",
    ".github/workflows/pages.yml": "vendor.github-workflows",
}
"""Each hosting configuration, and check-jsonschema's built-in schema for it."""
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NOT_IN_SITEMAP = ("search.html", "genindex.html", "py-modindex.html", "404.html")
BASE = layout.base_url()
NOT_FOUND_TITLES = {"zh_CN": "页面不存在", "en": "Page not found"}
DOCUMENT_404 = "Failed to load resource: the server responded with a status of 404 (Not Found)"
HOME_LINKS = {"zh_CN": "首页", "en": "home page"}


def _check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize(("name", "schema"), HOSTING.items())
def test_hosting_configuration_is_valid(name: str, schema: str) -> None:
    """The Read the Docs configuration and the Pages workflow pass their schemas (offline)."""
    checked = _check_jsonschema(schema, ROOT / name)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_schema_check_rejects_a_broken_configuration(tmp_path: Path) -> None:
    """The same check fails on a configuration Read the Docs would refuse: it can fail."""
    broken = tmp_path / ".readthedocs.yaml"
    text = (ROOT / ".readthedocs.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace("version: 2", "version: 3"), encoding="utf-8")
    checked = _check_jsonschema("vendor.readthedocs", broken)
    assert checked.returncode != 0, checked.stdout


def _sessions_named(text: str) -> set[str]:
    """The nox sessions a configuration runs (``nox -s NAME``)."""
    return set(re.findall(r"\bnox\s+(?:-s|--session|--sessions)\s+([\w.-]+)", text))


def test_hosting_configurations_run_existing_sessions() -> None:
    """Each configuration runs ``nox -s docs``, a session ``nox -l`` lists, and publishes its output."""
    listed = subprocess.run(
        [sys.executable, "-m", "nox", "-l", "--json"],
        capture_output=True, text=True, check=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    sessions = {entry["name"] for entry in json.loads(listed.stdout)} | {
        entry["session"] for entry in json.loads(listed.stdout)
    }
    for name in HOSTING:
        text = (ROOT / name).read_text(encoding="utf-8")
        named = _sessions_named(text)
        assert named == {"docs"}, name
        assert named <= sessions, (name, sorted(sessions))
        assert "docs/_build/html" in text, f"{name} does not publish the built site"


def test_base_url_is_one_setting_overridable_for_a_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """MPGUIDE_BASE_URL wins, then Read the Docs' canonical URL, then the default; one final /.

    A value that is not an http(s) URL is refused, naming the variable.
    """
    monkeypatch.delenv("MPGUIDE_BASE_URL", raising=False)
    monkeypatch.delenv("READTHEDOCS_CANONICAL_URL", raising=False)
    assert layout.base_url() == layout.BASE_URL
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://mpguide.readthedocs.io/en/latest/")
    assert layout.base_url() == "https://mpguide.readthedocs.io/en/latest/"
    monkeypatch.setenv("MPGUIDE_BASE_URL", "https://fork.example.org/guide")
    assert layout.base_url() == "https://fork.example.org/guide/"
    monkeypatch.setenv("MPGUIDE_BASE_URL", "fork.example.org/guide")
    with pytest.raises(ValueError, match=r"MPGUIDE_BASE_URL: .* must be an http\(s\) URL"):
        layout.base_url()


@pytest.mark.docs  # mpguide.hosting imports Sphinx
def test_alternates_name_every_language_and_a_default() -> None:
    """Each page's alternates are its own page in each language, then x-default."""
    from mpguide.hosting import alternates

    languages = dict.fromkeys(LANGUAGES, "")
    page = alternates("https://x.org/g/", "pools.html", languages)
    assert page == [
        {"hreflang": "zh-Hans", "href": "https://x.org/g/zh_CN/pools.html"},
        {"hreflang": "en", "href": "https://x.org/g/en/pools.html"},
        {"hreflang": "x-default", "href": "https://x.org/g/en/pools.html"},
    ]
    home = alternates("https://x.org/g/", "index.html", languages)
    assert home[-1] == {"hreflang": "x-default", "href": "https://x.org/g/"}


# -- The built site --------------------------------------------------------------------------------


def _pages(site: Site, language: str) -> set[str]:
    """The HTML pages of *language*, relative to its folder (not Sphinx's ``_static`` and such)."""
    root = site.html / language
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*.html")
        if not p.relative_to(root).parts[0].startswith("_")
    }


def _xml(data: bytes) -> ElementTree.Element:
    """Parse XML the site's own build wrote."""
    return ElementTree.fromstring(data)  # noqa: S314 - our build's files, not untrusted input


def _local(site: Site, url: str) -> Path:
    """The file of the built site a published URL names."""
    assert url.startswith(BASE), url
    return site.html / url.removeprefix(BASE)


def _sitemap_urls(site: Site) -> list[str]:
    """Every page URL of the sitemap index at the site's root and of the sitemaps it names."""
    index = _xml((site.html / "sitemap.xml").read_bytes())
    assert index.tag == f"{SITEMAP}sitemapindex"
    urls = []
    for loc in index.iter(f"{SITEMAP}loc"):
        assert loc.text is not None
        sitemap = _xml(_local(site, loc.text).read_bytes())
        assert sitemap.tag == f"{SITEMAP}urlset"
        urls += [url.text or "" for url in sitemap.iter(f"{SITEMAP}loc")]
    return urls


@pytest.mark.docs
def test_sitemap_lists_every_page_of_both_languages(site: Site) -> None:
    """The sitemap index names each language's sitemap; together they list every page, once."""
    urls = _sitemap_urls(site)
    expected = {
        f"{BASE}{language}/{page}"
        for language in LANGUAGES
        for page in _pages(site, language)
        if page not in NOT_IN_SITEMAP
    }
    assert len(urls) == len(set(urls))
    assert set(urls) == expected
    assert f"{BASE}zh_CN/processes.html" in expected
    assert f"{BASE}en/index.html" in expected


@pytest.mark.docs
def test_every_page_has_hreflang_alternates_to_existing_pages(site: Site) -> None:
    """Each page names itself and its translation (zh-Hans, en) and an x-default, all built."""
    for language in LANGUAGES:
        for page in _pages(site, language):
            html = (site.html / language / page).read_text(encoding="utf-8")
            links = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
            assert [hreflang for hreflang, _ in links] == ["zh-Hans", "en", "x-default"], page
            hrefs = dict(links)
            assert hrefs[layout.HREFLANGS[language]] == f"{BASE}{language}/{page}", page
            for hreflang, href in links:
                target = _local(site, href)
                target = target / "index.html" if target.is_dir() else target
                assert target.is_file(), (language, page, hreflang, href)


@pytest.mark.docs
def test_every_page_has_open_graph_metadata(site: Site) -> None:
    """Each page of the tutorial has an Open Graph title, description, URL (its canonical URL) and image.

    (Not the pages Sphinx generates: the index, the search page, the 404 page.)
    """
    for language in LANGUAGES:
        for page in _pages(site, language) - set(NOT_IN_SITEMAP):
            html = (site.html / language / page).read_text(encoding="utf-8")
            meta = dict(re.findall(r'<meta property="og:(\w+)" content="([^"]*)"', html))
            assert meta.get("title"), (language, page)
            assert meta.get("description"), (language, page)
            assert meta["url"] == f"{BASE}{language}/{page}", (language, page)
            assert f'<link rel="canonical" href="{meta["url"]}">' in html, (language, page)
            assert _local(site, meta["image"]).is_file(), (language, page)  # its social card


@pytest.mark.docs
def test_every_page_links_to_its_source_file(site: Site) -> None:
    """Each page from a Markdown file links to that file in the repository, to view and to edit."""
    source = "https://github.com/mpguide/mpguide"
    for language in LANGUAGES:
        for md in sorted((DOCS / language).glob("*.md")):
            html = (site.html / language / f"{md.stem}.html").read_text(encoding="utf-8")
            path = md.relative_to(ROOT).as_posix()
            assert f'href="{source}/edit/main/{path}"' in html, path
            assert f'href="{source}/blob/main/{path}?plain=true"' in html, path


def _tiny_project(root: Path, font: str, text: str = "A page.") -> list[str]:
    """A one-page project whose social cards use *font*; the command that builds it."""
    (root / "src").mkdir(parents=True)
    (root / "src" / "index.rst").write_text(f"Title\n=====\n\n{text}\n", encoding="utf-8")
    (root / "src" / "conf.py").write_text(
        textwrap.dedent(f"""\
            extensions = ["mpguide.sphinxext", "mpguide.hosting"]
            mpguide_languages = {{"en": "English"}}
            mpguide_base_url = "https://example.org/guide/"
            ogp_social_cards = {{"font": {font!r}}}
            language = "en"
        """),
        encoding="utf-8",
    )
    return [sys.executable, "-m", "sphinx", "-W", "-q", str(root / "src"), str(root / "html")]


@pytest.mark.docs
def test_social_cards_need_their_font(tmp_path: Path) -> None:
    """A build whose cards' font is missing fails, naming the package; with the font, it draws."""
    missing = subprocess.run(
        _tiny_project(tmp_path / "missing", "No Such Font"),
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert missing.returncode != 0
    assert "'No Such Font' is not installed" in missing.stderr
    assert "fonts-noto-cjk" in missing.stderr
    present = subprocess.run(
        _tiny_project(tmp_path / "present", "Noto Sans CJK SC"),
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert present.returncode == 0, present.stderr
    assert list((tmp_path / "present" / "html" / "_images" / "social_previews").glob("*.png"))


@pytest.mark.docs
def test_a_rebuild_keeps_every_page_in_the_sitemap(tmp_path: Path) -> None:
    """After an edit to one page, the rebuilt sitemap still lists every page (sphinx-sitemap#13)."""
    build = _tiny_project(tmp_path, "Noto Sans CJK SC", ".. toctree::\n\n   other")
    (tmp_path / "src" / "other.rst").write_text("Other\n=====\n\nFirst.\n", encoding="utf-8")

    def sitemap() -> set[str]:
        subprocess.run(build, check=True, capture_output=True, timeout=300)
        urlset = _xml((tmp_path / "html" / "sitemap.xml").read_bytes())
        return {loc.text or "" for loc in urlset.iter(f"{SITEMAP}loc")}

    first = sitemap()
    assert "https://example.org/guide/en/other.html" in first
    (tmp_path / "src" / "index.rst").write_text(
        "Title\n=====\n\nEdited.\n\n.. toctree::\n\n   other\n"
    )
    assert sitemap() == first


@pytest.mark.docs
def test_a_site_file_outside_the_site_is_refused(tmp_path: Path) -> None:
    """A ``site-file`` link that leaves the site's root fails the build, naming the page and why."""
    build = subprocess.run(
        _tiny_project(tmp_path, "Noto Sans CJK SC", ":site-file:`Notes <../notes.txt>`"),
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert build.returncode != 0
    assert "index.rst:4" in build.stderr
    assert "give a path from the site's root" in build.stderr


def _epub_package(epub: zipfile.ZipFile) -> tuple[str, ElementTree.Element]:
    """Where the EPUB's package document is, as its container names it, and its content."""
    container = _xml(epub.read("META-INF/container.xml"))
    rootfile = next(e for e in container.iter() if e.tag.endswith("rootfile"))
    opf_path = rootfile.attrib["full-path"]
    return opf_path, _xml(epub.read(opf_path))


def _epub_pages(epub: zipfile.ZipFile) -> list[str]:
    """The spine of the EPUB: its pages in reading order, checked against its manifest."""
    opf_path, opf = _epub_package(epub)
    ns = "{http://www.idpf.org/2007/opf}"
    items = {i.attrib["id"]: i.attrib["href"] for i in opf.iter(f"{ns}item")}
    names = set(epub.namelist())
    folder = str(Path(opf_path).parent).removeprefix(".")
    for href in items.values():
        assert (f"{folder}/{href}" if folder else href) in names, href
    return [items[ref.attrib["idref"]] for ref in opf.iter(f"{ns}itemref")]


@pytest.mark.docs
@pytest.mark.parametrize("language", LANGUAGES)
def test_epub_is_a_well_formed_book_of_every_page(site: Site, language: str) -> None:
    """Each language's EPUB opens as an EPUB: mimetype first and stored, every page in its spine.

    Its metadata names its language (as a language tag), its title and its published URL.
    """
    path = site.html / layout.DOWNLOADS / layout.epub_name(language)
    with zipfile.ZipFile(path) as epub:
        assert epub.testzip() is None
        first = epub.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert epub.read("mimetype") == b"application/epub+zip"
        spine = _epub_pages(epub)
        pages = {md.stem for md in (DOCS / language).glob("*.md")}
        assert pages <= {Path(href).stem for href in spine}
        home = epub.read("index.xhtml").decode()
        assert layout.TITLES[language] in home
        # The downloads are not in the book: its links to them go to the published site.
        downloads = re.findall(r'class="mpguide-site-file[^"]*" href="([^"]+)"', home)
        assert downloads, "the home page links no downloads"
        assert all(href.startswith(f"{BASE}{layout.DOWNLOADS}/") for href in downloads), downloads
        _, opf = _epub_package(epub)
    dc = "{http://purl.org/dc/elements/1.1/}"
    assert opf.findtext(f".//{dc}language") == language.replace("_", "-")  # a BCP 47 tag
    assert opf.findtext(f".//{dc}title") == layout.TITLES[language]
    assert opf.findtext(f".//{dc}identifier") == f"{BASE}{language}/index.html"


@pytest.mark.docs
def test_site_archive_holds_both_languages(site: Site) -> None:
    """The downloadable archive is the site itself, in one folder, without the downloads."""
    with zipfile.ZipFile(site.html / layout.DOWNLOADS / layout.SITE_ARCHIVE) as archive:
        assert archive.testzip() is None
        names = set(archive.namelist())
    assert {"mpguide/index.html", "mpguide/zh_CN/index.html", "mpguide/en/index.html"} <= names
    assert "mpguide/en/_static/styles/furo.css" in names
    assert not any(name.startswith(f"mpguide/{layout.DOWNLOADS}/") for name in names)
    assert not any("social_previews" in name for name in names)


# -- In a browser, from a local static server ------------------------------------------------------


def _same_site_links(page: Page, base_url: str) -> set[str]:
    hrefs: list[str] = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    here = page.url.split("#")[0]  # links within the page: its 404 status is the test's own
    return {href.split("#")[0] for href in hrefs if href.startswith(base_url)} - {here}


def _assert_links_work(page: Page, base_url: str) -> None:
    """Every link of *page* into the site answers 200."""
    links = _same_site_links(page, base_url)
    assert links, page.url
    for link in sorted(links):
        assert page.request.get(link).status == 200, (page.url, link)


@pytest.mark.docs
@pytest.mark.browser
@pytest.mark.parametrize("depth", ["nope", "a/b/c/nope.html"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_404_page_works_at_any_depth(page: Page, base_url: str, language: str, depth: str) -> None:
    """A missing page gets its language's 404 page, styled, whose links all work, at any depth."""
    url = f"{base_url}/{language}/{depth}"
    response = page.goto(url)
    assert response is not None
    assert response.status == 404
    assert page.locator("article h1").inner_text() == NOT_FOUND_TITLES[language]
    # Furo's style sheet applied: its page layout is a flex box, its sidebar drawn.
    assert page.eval_on_selector(".page", "e => getComputedStyle(e).display") == "flex"
    assert page.locator(".sidebar-tree").is_visible()
    # The page's own 404, as a response and as the console reports it: no other failure.
    errors = [e for e in page.errors if e != f"HTTP 404: {url}"]  # type: ignore[attr-defined]
    assert errors == [f"console error: {DOCUMENT_404}"]
    _assert_links_work(page, base_url)
    page.locator("article a", has_text=HOME_LINKS[language]).click()
    page.wait_for_url(f"{base_url}/{language}/index.html")
    assert page.locator("h1").first.inner_text() == layout.TITLES[language]


@pytest.mark.docs
@pytest.mark.browser
@pytest.mark.parametrize("depth", ["nope", "a/b/nope"])
def test_root_404_page_works_at_any_depth(page: Page, base_url: str, depth: str) -> None:
    """Outside the language folders, the site's own 404 page links to both home pages."""
    url = f"{base_url}/{depth}"
    response = page.goto(url)
    assert response is not None
    assert response.status == 404
    assert "页面不存在" in page.locator("h1").inner_text()
    errors = [e for e in page.errors if e != f"HTTP 404: {url}"]  # type: ignore[attr-defined]
    assert errors == [f"console error: {DOCUMENT_404}"]
    _assert_links_work(page, base_url)
    page.locator("a", has_text="English").click()
    page.wait_for_url(f"{base_url}/en/index.html")


@pytest.mark.docs
@pytest.mark.browser
def test_sitemap_urls_are_served(page: Page, base_url: str, site: Site) -> None:
    """Every URL of the sitemap, at the local server's address, answers 200."""
    urls = _sitemap_urls(site)
    assert urls
    for url in urls:
        local = base_url + "/" + url.removeprefix(BASE)
        assert page.request.get(local).status == 200, url


def _downloads(page: Page, selector: str) -> dict[str, bytes]:
    """Click each link *selector* finds; what each download saved, by the link's file name."""
    saved = {}
    links = page.locator(selector)
    assert links.count() >= 3  # two EPUBs and the archive
    for i in range(links.count()):
        link = links.nth(i)
        with page.expect_download() as download:
            link.click()
        path = download.value.path()
        name = urlsplit(link.evaluate("a => a.href")).path.rsplit("/", 1)[1]
        saved[name] = Path(path).read_bytes()
    return saved


def _assert_real_downloads(saved: dict[str, bytes], tmp_path: Path) -> None:
    expected = {layout.epub_name(lang) for lang in LANGUAGES} | {layout.SITE_ARCHIVE}
    assert set(saved) == expected
    for name, data in saved.items():
        (tmp_path / name).write_bytes(data)
        with zipfile.ZipFile(tmp_path / name) as zipped:
            assert zipped.testzip() is None, name
            if name.endswith(".epub"):
                assert zipped.read("mimetype") == b"application/epub+zip", name


@pytest.mark.docs
@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_downloads_the_epubs_and_the_archive(
    page: Page, base_url: str, language: str, tmp_path: Path
) -> None:
    """Each home page's download links give both EPUBs and the site's archive."""
    page.goto(f"{base_url}/{language}/index.html")
    saved = _downloads(page, "a.mpguide-site-file")
    _assert_real_downloads(saved, tmp_path)
    assert page.errors == []  # type: ignore[attr-defined]


@pytest.mark.docs
@pytest.mark.browser
def test_landing_page_downloads_the_epubs_and_the_archive(
    browser: Browser, base_url: str, tmp_path: Path
) -> None:
    """The landing page (read without scripts: with them, it moves on) links the same files."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/index.html")
    saved = _downloads(page, "a.download")
    context.close()
    _assert_real_downloads(saved, tmp_path)
