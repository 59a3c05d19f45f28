"""Execute chapters of the book (MyST Markdown notebooks) outside the book build and report their run time.

Usage: ``python tools/run_chapter.py book/model.md [book/p1_muon_beams.md ...]``

Each chapter runs in a fresh kernel from its own folder, exactly as the book build runs it; a failing cell stops
the script with the cell's error, and so does output to stderr (a warning), which the book would show readers.
Used while writing a chapter (quicker than a whole book build) and to warm numba's disk cache (for example in
Binder's ``postBuild``).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import jupytext
from nbclient import NotebookClient


def run(path: Path, timeout: int = 600) -> float:
    """Execute one chapter; return its wall-clock time in seconds."""
    nb = jupytext.read(path)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    # the book build shows stderr output to readers, and tests/test_book.py fails on it: fail here too
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                raise RuntimeError(f"{path}: cell {i} wrote to stderr:\n{out.get('text', '')[:2000]}")
    return seconds


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for arg in sys.argv[1:]:
        seconds = run(Path(arg))
        print(f"{arg}: executed in {seconds:.1f} s")
