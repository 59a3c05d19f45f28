"""The README's build command cannot serve stale chapters: after an edit of lmt_lib, a rebuild re-executes them.

Oracle: a one-page book that uses the book's own configuration (_config.yml, with the lmt_freshness extension in
book/_ext) and prints a value from a small stand-in ``lmt_lib`` package.  Built twice with nothing changed, the
second build executes nothing (Sphinx's incremental build: this is what made stale pages possible); after the
value is edited in ``lmt_lib``, the rebuild executes the page again and the HTML shows the new value.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build_book, build_env

sys.path.insert(0, str(ROOT / "book" / "_ext"))
import lmt_freshness  # noqa: E402

PAGE = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# Freshness probe

```{code-cell} ipython3
import lmt_lib
print("probe value", lmt_lib.VALUE)
```
"""


@pytest.fixture
def probe_book(tmp_path) -> Path:
    src = tmp_path / "src"
    (src / "book").mkdir(parents=True)
    shutil.copy(ROOT / "_config.yml", src)
    shutil.copytree(ROOT / "_vendor", src / "_vendor")
    shutil.copytree(ROOT / "book" / "_ext", src / "book" / "_ext", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "book" / "references.bib", src / "book")
    (src / "_toc.yml").write_text("format: jb-book\nroot: book/probe\n")
    (src / "book" / "probe.md").write_text(PAGE)
    (src / "lmt_lib").mkdir()
    (src / "lmt_lib" / "__init__.py").write_text("VALUE = 1\n")
    return src


def _build(src: Path, out: Path) -> str:
    proc = build_book(src, out, env=build_env(PYTHONPATH=str(src)))
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-6000:]
    return log


@pytest.mark.slow
def test_library_edit_re_executes_the_chapters(probe_book, tmp_path):
    out = tmp_path / "out"
    html = out / "_build" / "html" / "book" / "probe.html"

    log = _build(probe_book, out)
    assert "Executing notebook" in log and "probe value 1" in html.read_text()
    # the kernels run with encrypted transport (book/_ext/lmt_kernels.py): no kernel warning in the build log
    assert "WARNING" not in log, log[-3000:]

    log = _build(probe_book, out)  # nothing changed: nothing runs
    assert "Executing notebook" not in log, log[-3000:]

    (probe_book / "lmt_lib" / "__init__.py").write_text("VALUE = 2\n")
    log = _build(probe_book, out)
    assert "Executing notebook" in log, log[-3000:]
    text = html.read_text()
    assert "probe value 2" in text and "probe value 1" not in text


def test_tree_hash_sees_code_and_data_but_not_caches(tmp_path):
    lib = tmp_path / "lmt_lib"
    (lib / "data").mkdir(parents=True)
    (lib / "__init__.py").write_text("VALUE = 1\n")
    (lib / "data" / "table.csv").write_text("1,2\n")
    h0 = lmt_freshness.tree_hash(tmp_path, ["lmt_lib"])
    (lib / "__pycache__").mkdir()
    (lib / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    (lib / "kernel.nbi").write_bytes(b"\0")  # numba's cache index
    assert lmt_freshness.tree_hash(tmp_path, ["lmt_lib"]) == h0
    (lib / "data" / "table.csv").write_text("1,3\n")
    h1 = lmt_freshness.tree_hash(tmp_path, ["lmt_lib"])
    assert h1 != h0
    (lib / "new.py").write_text("")
    assert lmt_freshness.tree_hash(tmp_path, ["lmt_lib"]) != h1
