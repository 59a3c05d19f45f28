"""Sphinx extension: one citation style for the book, author–year in the text *and* in the bibliography list.

The text cites with ``bibtex_reference_style: author_year`` ("Amaral et al. [2021]"); pybtex's default list style
labels entries alphabetically ("[ACCF21]"), which a reader cannot match to the text.  This registers a pybtex
formatting style ``lmt_author_year``: the ``unsrt`` formatting, sorted by author and year, with labels
"Amaral et al. 2021", the names the citations in the text show.  ``_config.yml`` selects it with
``bibtex_default_style``.
"""

from __future__ import annotations

from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting.author_year_title import SortingStyle


def _last(person) -> str:
    return " ".join(person.last_names).replace("{", "").replace("}", "")


def author_year_label(entry) -> str:
    """'Last year', 'Last and Last year' or 'Last et al. year': the names the author-year citations in the text
    show (collaborations are authors, e.g. ``{Muon g-2 Collaboration}``)."""
    year = entry.fields.get("year", "")
    persons = entry.persons.get("author", [])
    if len(persons) > 1 and _last(persons[-1]) == "others":  # "A and others" in BibTeX means "A et al."
        persons = persons[:1] + persons  # at least two real names: the "et al." branch
    if len(persons) == 1:
        who = _last(persons[0])
    elif len(persons) == 2:
        who = f"{_last(persons[0])} and {_last(persons[1])}"
    elif persons:
        who = f"{_last(persons[0])} et al."
    else:
        who = entry.key
    return f"{who} {year}".strip()


class AuthorYearLabelStyle(BaseLabelStyle):
    """Author–year labels; works of the same authors and year get "a", "b", ... in list order (2024a, 2024b)."""

    def format_labels(self, sorted_entries):
        entries = list(sorted_entries)
        labels = [author_year_label(e) for e in entries]
        seen: dict[str, int] = {}
        for label in labels:
            seen[label] = seen.get(label, 0) + 1
        index: dict[str, int] = {}
        for label in labels:
            if seen[label] > 1:
                index[label] = index.get(label, 0) + 1
                yield label + "abcdefghijklmnopqrstuvwxyz"[index[label] - 1]
            else:
                yield label


class AuthorYearStyle(UnsrtStyle):
    default_label_style = AuthorYearLabelStyle
    default_sorting_style = SortingStyle


register_plugin("pybtex.style.labels", "lmt_author_year", AuthorYearLabelStyle)
register_plugin("pybtex.style.formatting", "lmt_author_year", AuthorYearStyle)


def setup(app):
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
