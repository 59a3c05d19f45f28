"""Shared fixtures: the book, built once per test session (tests/test_book.py and tests/test_browser.py use it),
and a figure-free start for every test (the Agg backend; figures closed after each test)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # tests draw figures without a display

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _close_figures():
    """Every test starts without open figures and leaves none behind."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


def jupyter_book_executable() -> str:
    exe = Path(sys.executable).with_name("jupyter-book")
    if exe.exists():
        return str(exe)
    found = shutil.which("jupyter-book")
    if found is None:
        pytest.fail("jupyter-book is not installed in the test environment (see requirements.txt)")
    return found


def build_env(**extra) -> dict:
    """The environment of a book build: the chapters' kernel ("python3") must be this environment's Python."""
    return dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""), **extra)


def build_book(source: Path, out: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """``jupyter-book build`` of ``source`` into ``out`` with warnings as errors (the README's build, plus -W -n)."""
    cmd = [jupyter_book_executable(), "build", str(source), "--path-output", str(out), "-W", "-n", "--keep-going"]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=source, env=env or build_env())


@pytest.fixture(scope="session")
def html_dir(tmp_path_factory) -> Path:
    """The built HTML of the whole book (every chapter executed), or ``$LMT_BOOK_HTML`` if set."""
    given = os.environ.get("LMT_BOOK_HTML")
    if given:
        return Path(given)
    out = tmp_path_factory.mktemp("book")
    proc = build_book(ROOT, out)
    if proc.returncode != 0:
        pytest.fail(f"book build failed (exit {proc.returncode}):\n{(proc.stdout + proc.stderr)[-8000:]}")
    return out / "_build" / "html"
