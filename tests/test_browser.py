"""Every page of the built book works in a real browser, offline.

The built HTML (the same build as tests/test_book.py: the session fixture ``html_dir`` in conftest.py) is served on
127.0.0.1 and every page is opened in headless Chromium through playwright.  Oracles, per page:

- no request leaves 127.0.0.1 (every other request is recorded and blocked), and no local request fails;
- MathJax has rendered: after ``MathJax.startup.promise``, every ``.math`` element holds an ``mjx-container`` and
  there is no ``mjx-merror`` (a TeX error);
- every image has loaded (``naturalWidth > 0``);
- no console error or uncaught exception, except the allow-listed ones below (each with its reason).

And the search page finds a chapter.

Chromium: Debian's ``chromium`` package (``apt-get install -y chromium``; CI installs it), or any Chrome/Chromium
binary named by the environment variable ``LMT_CHROMIUM``.  Playwright's own browser download is not used.  Without a
browser the test fails (it never skips) and says how to install one.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

try:
    from playwright.sync_api import Error as PlaywrightError
except ImportError:  # reported by the browser fixture
    PlaywrightError = Exception

pytestmark = pytest.mark.slow

#: console errors every page of a Jupyter Book 1 site shows, harmless for the reader
ALLOWED_CONSOLE_ERRORS = {
    # sphinx-book-theme and sphinx-thebe both declare `const THEBE_JS_URL` in separate <script> tags; the second
    # declaration throws, the first stays in force, and the live-code button works with it.
    "Identifier 'THEBE_JS_URL' has already been declared": "duplicate thebe URL constant (sphinx-book-theme + "
                                                          "sphinx-thebe)",
    # pydata-sphinx-theme logs this when the browser has no stored light/dark choice yet (a fresh profile); it then
    # follows the system setting, which is the intended behaviour.
    "Got invalid theme mode": "no stored light/dark preference in a fresh browser profile",
}

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = ("headless Chromium is needed for this test: install it with `sudo apt-get install -y chromium` "
                "(Debian/Ubuntu), or set LMT_CHROMIUM to the path of a Chrome/Chromium binary")


def chromium_executable() -> str:
    given = os.environ.get("LMT_CHROMIUM")
    if given:
        if not Path(given).is_file():
            pytest.fail(f"LMT_CHROMIUM={given!r} is not a file; {INSTALL_HINT}")
        return given
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(f"no Chromium found (looked for {', '.join(CHROMIUM_CANDIDATES)}); {INSTALL_HINT}")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the base class's signature)
        pass

    def do_GET(self):
        # Chromium asks every site for /favicon.ico by itself (not the page); the book has no icon, and the 404
        # would show up as a console error on whichever page comes first. Answer "no content" instead.
        if self.path == "/favicon.ico" and not Path(self.directory, "favicon.ico").is_file():
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()


@pytest.fixture(scope="module")
def site(html_dir):
    """The built HTML served on 127.0.0.1 (a free port), as its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(html_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: pip install -r requirements.txt")
    executable = chromium_executable()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                    "--disable-background-networking", "--no-first-run"])
        try:
            yield b
        finally:
            b.close()


class _Recorder:
    """Records, for one browser context, requests leaving the site (blocked), failed local requests and errors."""

    def __init__(self, context, base: str):
        self.base = base
        self.outside: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if url.startswith((self.base + "/", "data:", "blob:")) or url == self.base:
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def watch(self, page):
        page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("response", lambda r: self.failed.append(f"{r.status} {r.url}")
                if r.status >= 400 and r.url.startswith(self.base) else None)

    def reset(self):
        self.outside.clear()
        self.failed.clear()
        self.errors.clear()

    def unexpected_errors(self) -> list[str]:
        return [e for e in self.errors if not any(allowed in e for allowed in ALLOWED_CONSOLE_ERRORS)]


_CHECK_PAGE = """async () => {
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) { await MathJax.startup.promise; }
    const imgs = Array.from(document.images);
    await Promise.all(imgs.map(img => { img.loading = "eager"; return img.decode().catch(() => null); }));
    return {
        mathjax: !!(window.MathJax && MathJax.startup),
        math: document.querySelectorAll(".math").length,
        rendered: document.querySelectorAll(".math mjx-container").length,
        containers: document.querySelectorAll("mjx-container").length,
        merrors: document.querySelectorAll("mjx-merror").length,
        broken: imgs.filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.getAttribute("src")),
        images: imgs.length,
    };
}"""


def site_pages(html_dir: Path) -> list[str]:
    skip = {"_static", "_sources", "_images", "_downloads"}
    return sorted(p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*.html")
                  if not skip & set(p.relative_to(html_dir).parts))


def test_every_page_in_a_browser(html_dir, site, browser):
    pages = site_pages(html_dir)
    assert len(pages) >= 8, f"too few pages found in {html_dir}: {pages}"
    context = browser.new_context()
    rec = _Recorder(context, site)
    page = context.new_page()
    # generous: a loaded CI machine can take long to typeset the API page.  Set on the page itself, navigation
    # included: with the lower-bound playwright the context's default did not reach page.goto (it timed out at the
    # built-in 30 s on the API page)
    page.set_default_timeout(90_000)
    page.set_default_navigation_timeout(90_000)
    rec.watch(page)
    problems: dict[str, list[str]] = {}
    n_math_pages = n_images = 0
    for name in pages:
        rec.reset()
        try:
            page.goto(f"{site}/{name}", wait_until="load")
            page.wait_for_load_state("networkidle")  # index.html redirects to the first chapter: check where it lands
            r = page.evaluate(_CHECK_PAGE)
            page.wait_for_load_state("networkidle")
        except PlaywrightError as exc:
            problems[name] = [f"page did not settle: {exc}", f"requests leaving the site: {rec.outside}",
                              f"console errors: {rec.errors}"]
            continue
        bad = []
        if rec.outside:
            bad.append(f"requests leaving the site: {rec.outside}")
        if rec.failed:
            bad.append(f"failed local requests: {rec.failed}")
        if r["math"] and not r["mathjax"]:
            bad.append("MathJax did not load")  # Sphinx includes it on the pages that have math
        if r["rendered"] < r["math"]:
            bad.append(f"{r['math'] - r['rendered']} of {r['math']} math elements not rendered by MathJax")
        if r["merrors"]:
            bad.append(f"{r['merrors']} MathJax TeX errors (mjx-merror)")
        if r["broken"]:
            bad.append(f"images not loaded: {r['broken']}")
        if rec.unexpected_errors():
            bad.append(f"console errors: {rec.unexpected_errors()}")
        if bad:
            problems[name] = bad
        n_math_pages += r["containers"] > 0
        n_images += r["images"]
    context.close()
    report = "\n".join(f"{name}:\n  " + "\n  ".join(bad) for name, bad in problems.items())
    assert not problems, f"{len(problems)} of {len(pages)} pages fail in the browser:\n{report}"
    # the book is about formulas and figures: most pages must actually show some
    assert n_math_pages >= len(pages) // 2 and n_images >= 4, (n_math_pages, n_images)


@pytest.mark.parametrize("query, expected_page", [("kinetic mixing", "book/model.html"),
                                                   ("bremsstrahlung", "book/appendix_validation.html")])
def test_search_finds_the_chapter(site, browser, query, expected_page):
    context = browser.new_context()
    rec = _Recorder(context, site)
    page = context.new_page()
    rec.watch(page)
    page.goto(f"{site}/search.html?q={query.replace(' ', '+')}", wait_until="load")
    page.wait_for_selector("#search-results ul.search li", timeout=30_000)
    page.wait_for_function("() => !document.querySelector('#search-results .search-summary') || "
                           "document.querySelector('#search-results .search-summary').textContent.length > 0")
    links = page.eval_on_selector_all("#search-results ul.search li a", "els => els.map(a => a.getAttribute('href'))")
    context.close()
    assert not rec.outside, rec.outside
    assert not rec.unexpected_errors(), rec.unexpected_errors()
    assert any(re.match(re.escape(expected_page) + r"($|[?#])", href) for href in links), (query, links)
