"""Refit the efficiency x target length of the muon-beam experiments to their published curves.

The counting limit of a background-free (or background-fixed) muon-beam search scales as
g_lim ~ (eps_sig L_T)^(-1/2), so the least-squares fit in ln g is closed-form
(lmt_lib.muon_beam.fit_eps_L).  This script prints the best fit, the stored value and the residuals at the
calibration masses, for:

- M3 phases 1 and 2 together (one eps_sig L_T), against the published projections of Kahn, Krnjaic, Tran,
  Whitbeck, JHEP 09 (2018) 153, arXiv:1804.03144 (lmt_lib/data/m3_kktw2018_fig10.csv);
- NA64mu 2022: no machine-readable published curve was found, so nothing is fitted; the script prints how the
  limit at 10 MeV moves with eps_sig L_T instead.

Usage::

    python tools/fit_muon_calibration.py

If the best fit differs from the stored value, update ``M3_EPS_L_T`` in lmt_lib/detectors.py (the test
tests/test_muon_beam.py::test_stored_m3_calibration_is_the_best_fit fails until then).
"""

from __future__ import annotations

import numpy as np

from lmt_lib import detectors, muon_beam
from lmt_lib.units import MeV, cm


def main() -> None:
    best = muon_beam.fit_eps_L(["M3-phase1", "M3-phase2"])
    print(f"M3: best-fit eps_sig*L_T = {best / cm:.3f} cm W; stored {detectors.M3_EPS_L_T / cm:.3f} cm W")
    Ms = muon_beam.CALIBRATION_MASSES
    for name in ("M3-phase1", "M3-phase2"):
        r = muon_beam.calibration_residuals(name, masses=Ms)
        print(f"  {name}: " + ", ".join(f"{m:.0f} MeV {100 * x:+.1f} %" for m, x in zip(Ms / MeV, r, strict=True)))
    g0 = muon_beam.coupling_limit("NA64mu-2022", 10 * MeV)[0]
    print("NA64mu-2022: no published curve to fit; g_lim(10 MeV) vs eps_sig*L_T:")
    for f in (0.5, 1.0, 2.0):
        print(f"  {f * detectors.NA64_EPS_L_T / cm:.2f} cm Pb -> g < {g0 / np.sqrt(f):.3e}")


if __name__ == "__main__":
    main()
