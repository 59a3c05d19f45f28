"""The book builds from scratch, every chapter executes, and the HTML is sound.

Oracles: the table of contents (every chapter listed there has a page), the file system (every figure the HTML
shows is a non-empty file; every internal link resolves), and the absence of error output (no traceback, no
error cell, no Sphinx warning: the build runs with -W).

The build (the session fixture ``html_dir`` in conftest.py, shared with tests/test_browser.py) goes into a temporary
directory, so it never touches a developer's _build/.  Set LMT_BOOK_HTML to the path of an already built
``_build/html`` to check that instead (a quick local loop; CI always builds).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def toc_files() -> list[str]:
    return re.findall(r"(?:file|root):\s*(\S+)", (ROOT / "_toc.yml").read_text())


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.imgs: list[str] = []
        self.links: list[str] = []
        self.classes: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img" and a.get("src"):
            self.imgs.append(a["src"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if a.get("class"):
            self.classes.extend(a["class"].split())


def parse(page: Path) -> _Collector:
    c = _Collector()
    c.feed(page.read_text(encoding="utf-8"))
    return c


def chapter_pages(html_dir: Path) -> list[Path]:
    return [html_dir / f"{name}.html" for name in toc_files()]


def test_index_exists(html_dir):
    assert (html_dir / "index.html").is_file()


def test_every_chapter_has_a_page(html_dir):
    missing = [str(p) for p in chapter_pages(html_dir) if not p.is_file()]
    assert not missing, f"chapters listed in _toc.yml without an HTML page: {missing}"


def test_figures_exist_and_are_not_empty(html_dir):
    n_images = 0
    for page in chapter_pages(html_dir):
        for src in parse(page).imgs:
            if src.startswith(("http://", "https://", "data:")):
                continue
            target = (page.parent / src.split("#")[0]).resolve()
            assert target.is_file() and target.stat().st_size > 1000, f"{page.name}: broken figure {src}"
            n_images += 1
    assert n_images >= 4, "the chapters should show their figures"


def test_model_chapter_has_its_figures(html_dir):
    page = html_dir / "book" / "model.html"
    text = page.read_text(encoding="utf-8")
    for name in ("fig-eps-running", "fig-damu", "fig-g2-scenarios", "fig-g2-try-it"):
        assert f'id="{name}"' in text, f"figure {name} missing from the model chapter"


def test_no_error_output(html_dir):
    for page in chapter_pages(html_dir):
        text = page.read_text(encoding="utf-8")
        assert "Traceback (most recent call last)" not in text, page.name
        classes = set(parse(page).classes)
        assert not classes & {"traceback", "output_error", "error"}, f"{page.name}: error output {classes}"
        assert "stderr" not in classes, f"{page.name}: something was printed to stderr (a warning?)"


def test_internal_links_resolve(html_dir):
    for page in chapter_pages(html_dir):
        for href in parse(page).links:
            if href.startswith(("http://", "https://", "mailto:", "#", "javascript:")):
                continue
            target = (page.parent / href.split("#")[0]).resolve()
            assert target.exists(), f"{page.name}: broken link {href}"


def test_glued_numbers_rendered(html_dir):
    text = (html_dir / "book" / "model.html").read_text(encoding="utf-8")
    # eps(0)/g from the library, glued into the prose (not typed by hand)
    assert "-0.014433" in text


def test_p2_chapter_has_its_figures_goals_and_exercises(html_dir):
    text = (html_dir / "book" / "p2_spallation.html").read_text(encoding="utf-8")
    figures = ("fig-p2-source", "fig-p2-spectra", "fig-p2-time", "fig-p2-data", "fig-p2-blind", "fig-p2-future",
               "fig-p2-geps", "fig-p2-exposure", "fig-p2-try-it")
    for name in figures:
        assert f'id="{name}"' in text, f"figure {name} missing from chapter P2"
    assert "Learning goals" in text
    assert sum(f'id="ex-p2-{n}"' in text for n in ("ess-timing", "blind-spot", "cutoff")) == 3
