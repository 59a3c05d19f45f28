"""The bibliography (book/references.bib): every entry can be found, is unique and is used.

Oracles: each entry carries an arXiv number or a DOI (so a reader can find the exact paper); keys are unique; every
key is cited somewhere in the book's chapters; every cited key exists; arXiv numbers are well formed and unique
(two keys for one paper, or one key with another paper's number, is the error this guards against); titles keep
their capitalised words and symbols protected by braces, and contain no raw LaTeX math that the HTML bibliography
would print verbatim.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIB = ROOT / "book" / "references.bib"
ENTRY = re.compile(r"@(\w+)\s*\{\s*([^,\s]+)\s*,(.*?)\n\}", re.S)
FIELD = re.compile(r"^\s*(\w+)\s*=\s*\{(.*)\},?\s*$", re.M)
ARXIV = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})$")
CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")


def _entries():
    text = BIB.read_text(encoding="utf-8")
    return [(kind, key, dict(FIELD.findall(body))) for kind, key, body in ENTRY.findall(text)]


def _cited():
    keys = set()
    for md in (ROOT / "book").glob("*.md"):
        for group in CITE.findall(md.read_text(encoding="utf-8")):
            keys.update(k.strip() for k in group.split(","))
    return keys


def test_parser_sees_every_entry():
    text = BIB.read_text(encoding="utf-8")
    assert len(_entries()) == text.count("\n@") + text.startswith("@") and len(_entries()) > 10


def test_keys_unique():
    keys = [key for _, key, _ in _entries()]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)


@pytest.mark.parametrize(("kind", "key", "fields"), _entries(), ids=[k for _, k, _ in _entries()])
def test_entry_has_arxiv_or_doi(kind, key, fields):
    assert "eprint" in fields or "doi" in fields, f"{key}: give an arXiv number (eprint) or a DOI"
    if "eprint" in fields:
        assert ARXIV.match(fields["eprint"]), f"{key}: malformed arXiv number {fields['eprint']!r}"
    if "doi" in fields:
        assert fields["doi"].startswith("10."), f"{key}: malformed DOI {fields['doi']!r}"
    assert fields.get("title") and fields.get("year") and fields.get("author")


def test_arxiv_numbers_unique():
    numbers = [f["eprint"] for _, _, f in _entries() if "eprint" in f]
    assert len(numbers) == len(set(numbers))


def test_every_entry_is_cited_and_every_citation_exists():
    keys = {key for _, key, _ in _entries()}
    cited = _cited()
    assert not keys - cited, f"entries never cited in book/: {sorted(keys - cited)}"
    assert not cited - keys, f"citations without an entry: {sorted(cited - keys)}"


@pytest.mark.parametrize(("kind", "key", "fields"), _entries(), ids=[k for _, k, _ in _entries()])
def test_title_has_no_raw_math(kind, key, fields):
    # the HTML bibliography does not typeset $...$: write symbols in Unicode, protected by braces
    assert "$" not in fields["title"] and "\\" not in fields["title"], key


def test_known_citation_fixes():
    by_key = {key: f for _, key, f in _entries()}
    araki = by_key["Araki:2017wyg"]  # Araki, Hoshino, Ota, Sato, Shimomura, PRD 95 (2017) 055006
    assert araki["eprint"] == "1702.01497" and araki["volume"] == "95" and araki["pages"] == "055006"
    assert "Hoshino" in araki["author"]
