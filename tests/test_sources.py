"""Every number the inputs appendix shows can be traced: each registry object's source names a public reference.

Oracle: the ``source`` (or ``citation``) string of every registry entry rendered in book/appendix_inputs.md carries
an arXiv number, a DOI, a repository or web address, a journal reference with its year, or is a definition (a unit,
a mono-isotopic element).  Our own choices must still say where the rest of the entry comes from.
"""

from __future__ import annotations

import re

import pytest

from lmt_lib import constraints, detectors, g2, oscillations, targets, units
from lmt_lib.fluxes import solar, spallation

REFERENCE = re.compile(
    r"arXiv:\S+|\b10\.\d{4,9}/|github\.com/|https?://"  # arXiv, DOI, repository, web
    r"|\(\d{4}\)|\b(?:19|20)\d\d\)"  # a journal reference with its year: "PRC 54 (1996) 411", "(Tilley 2004)"
    r"|et al\.,? (?:[A-Z][\w. ]+ )?(?:19|20)\d\d|\bPDG 20\d\d|CODATA 20\d\d|IAU definition"
)
DEFINITION = re.compile(r"only stable isotope|per formula unit")


def _registry():
    yield from ((f"constant {c.symbol}", c.source) for c in units.CONSTANTS)
    yield from ((f"g-2 scenario {s.name}", s.source) for s in g2.SCENARIOS.values())
    yield from ((f"solar model {m.name}", m.source) for m in solar.SSMS.values())
    yield from ((f"8B shape {k}", v) for k, v in solar.B8_SHAPE_SOURCES.items())
    yield from ((f"8Be level {lv.E_x:.4g}", lv.source) for lv in solar.BE8_LEVELS)
    yield ("8Be background pole", solar.BE8_BACKGROUND.source)
    yield from ((f"oscillation preset {p.name}", p.source) for p in oscillations.PRESETS.values())
    yield from ((f"target {t.name}", t.source) for t in targets.TARGETS.values())
    yield from ((f"detector {n}", d.source) for n, d in detectors.DETECTORS.items())
    yield from ((f"spallation source {s.name}", s.source) for s in spallation.SOURCES.values())
    yield from ((f"bound {b.name}", b.citation) for b in constraints.BOUNDS.values())


ENTRIES = list(_registry())


@pytest.mark.parametrize(("what", "source"), ENTRIES, ids=[w for w, _ in ENTRIES])
def test_source_names_a_public_reference(what, source):
    assert source.strip(), f"{what}: empty source"
    assert REFERENCE.search(source) or DEFINITION.search(source), f"{what}: no traceable reference in {source!r}"


def test_registry_is_covered():
    assert len(ENTRIES) > 60
    assert any(w.startswith("detector ") for w, _ in ENTRIES) and any(w.startswith("bound ") for w, _ in ENTRIES)


@pytest.mark.parametrize("bad", ["our choice", "see the notes", "computed here"])
def test_oracle_rejects_untraceable_sources(bad):
    assert not (REFERENCE.search(bad) or DEFINITION.search(bad))
