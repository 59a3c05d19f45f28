"""The repository stands alone: no reference to the team's private working notes reaches code, tests or the book.

Readers and maintainers have only the repository, so every number cites its public source (paper, equation,
arXiv number, or the book's own section) and our own choices are said in words.  This test greps the sources
(lmt_lib, tests, tools, book, README.md) for the markers of the private notes: references to their sections,
their provenance tags in brackets, and the words they used for open decisions.  It reads files only (fast; the
rendered HTML is checked by the book build, which runs the same chapters).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SELF = Path(__file__).resolve()
SCANNED = ["lmt_lib", "tests", "tools", "book", "README.md"]
SUFFIXES = {".py", ".md", ".bib", ".yml", ".yaml", ".txt", ".cff", ".toml"}

# built from pieces so that this file does not match itself
_S, _P, _T = "SP" + "EC", "PRO" + "POSED", "TO" + "DO"
PATTERNS = {
    "a section reference to the private notes": re.compile(_S + r" ?§|" + _S + r" [0-9]|\b" + _S + r"\b"),
    "a provenance tag of the private notes": re.compile(r"\[(?:C|L|D|P|R)(?:\]|[:,] )|\[A2[01]\]"),
    "an open-decision marker": re.compile(r"\b(?:" + _P + "|" + _T + r")\b"),
    "a private notes file": re.compile(r"INPUTS\.md|status2026|ARCHITECTURE\.md|STYLE\.md"),
}


def _files():
    for entry in SCANNED:
        p = ROOT / entry
        paths = [p] if p.is_file() else sorted(q for q in p.rglob("*") if q.is_file())
        for q in paths:
            if q.suffix in SUFFIXES and "__pycache__" not in q.parts and "_build" not in q.parts and q != SELF:
                yield q


def test_scan_covers_the_sources():
    names = {q.relative_to(ROOT).as_posix() for q in _files()}
    assert "lmt_lib/fluxes/solar.py" in names and "book/appendix_inputs.md" in names and "README.md" in names


@pytest.mark.parametrize("what", list(PATTERNS))
def test_no_private_notes_markers(what):
    pattern = PATTERNS[what]
    hits = []
    for q in _files():
        for n, line in enumerate(q.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if pattern.search(line):
                hits.append(f"{q.relative_to(ROOT)}:{n}: {line.strip()[:100]}")
    assert not hits, f"{what} found:\n" + "\n".join(hits)


@pytest.mark.parametrize("line", [f"see {_S} §6.3", f"{_S} 12 item 13", f"({_S})", "value [C]", "[L: arXiv:1]",
                                  "[A21]", f"{_P} default", f"{_T}: check", "INPUTS.md says"])
def test_patterns_catch_the_markers(line):
    assert any(p.search(line) for p in PATTERNS.values())


@pytest.mark.parametrize("line", ["CsI[Na] crystal", "arr[i]", "SPECTRUM", "the proposed default", "x[D_max]",
                                  "Detector.todo"])
def test_patterns_spare_ordinary_text(line):
    assert not any(p.search(line) for p in PATTERNS.values())
