"""Speed benchmarks of the rate engine and the scans (see benchmarks/README.md).  Run: python benchmarks/run.py"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import reference  # noqa: E402

from lmt_lib import rates, scans  # noqa: E402
from lmt_lib.units import MeV, keV  # noqa: E402


def timed(f, repeat=5):
    t0 = time.perf_counter()
    out = f()
    cold = time.perf_counter() - t0
    best = np.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - t0)
    return out, cold, best


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--json", help="write the results to this file")
    args = ap.parse_args(argv)
    res = {}

    E_R = np.geomspace(0.1, 5.0, 200) * keV
    fast, cold, warm = timed(lambda: rates.solar_differential_rate("NR", "Xe", E_R, components=["8B"]))
    ref, _, ref_t = timed(lambda: reference.cevns_nr(E_R, [10 * MeV], components=["8B"])[0], repeat=2)
    sig = ref > 1e-6 * ref.max()  # beyond the 8B endpoint both are ~0 and a ratio means nothing
    dev = float(np.max(np.abs(fast[sig] / ref[sig] - 1)))
    res["8B spectrum, 200 E_R"] = dict(cold=cold, warm=warm, numpy=ref_t, max_rel_dev=dev)

    M = np.geomspace(1, 1000, 100) * MeV

    def darwin():
        return rates.binned_templates("DARWIN-low-NR", M), rates.binned_templates("DARWIN-low-ER", M)

    (tn, te), cold, warm = timed(darwin, repeat=3)
    # the numpy reference of the same: differential templates on the same nodes, all masses, brute force
    det_nr, det_er = tn.detector, te.detector
    comps = rates.solar_components()
    En, Rn = rates.response_matrix(det_nr, comps)
    Ee, Re = rates.response_matrix(det_er, comps)

    def darwin_numpy():
        a = reference.cevns_nr(En, M)
        b = reference.electron_er(Ee, M)
        return a, b

    (a, b), _, ref_t = timed(darwin_numpy, repeat=1)
    nr_sm_fast = tn.sm.sum(axis=(0, 1))
    nr_sm_ref = det_nr.exposure * Rn @ a[0]
    er_int_fast = te.interference[50].sum(axis=0)
    er_int_ref = det_er.exposure * np.einsum("bj,aj->ab", Re, b[1][50])
    dev = max(float(np.max(np.abs(nr_sm_fast / nr_sm_ref - 1))),
              float(np.max(np.abs(er_int_fast / er_int_ref - 1))))
    res["DARWIN NR+ER templates, 100 masses"] = dict(cold=cold, warm=warm, numpy=ref_t, max_rel_dev=dev)

    g = np.geomspace(1e-5, 1e-2, 100)
    _, cold, warm = timed(lambda: scans.exclusion_scan([tn, te], "Lmu-Ltau", g), repeat=3)
    res["DARWIN 100x100 exclusion scan"] = dict(cold=cold, warm=warm)

    # muon beam: NA64mu templates at 100 masses (numba), against scipy quad of the same cross section
    from scipy import integrate

    from lmt_lib import muon_beam
    from lmt_lib.model import lmu_ltau
    from lmt_lib.units import m_mu

    T, cold, warm = timed(lambda: muon_beam.yield_per_g2("NA64mu-1e11", M), repeat=3)
    exp = muon_beam._experiment("NA64mu-1e11")

    def quad_yields():
        out = []
        for Mi in M:
            lo, hi = max(exp.x_cut, Mi / exp.E0), 1 - m_mu / exp.E0
            s = integrate.quad(lambda x: muon_beam.dsigma_dx(x, Mi, exp.E0, exp.Z, exp.A), lo, hi, limit=200,
                               epsrel=1e-9)[0]
            out.append(exp.n_mot * exp.targets_per_area * s)
        return np.array(out)

    ref, _, ref_t = timed(quad_yields, repeat=1)
    res["NA64mu yields, 100 masses"] = dict(cold=cold, warm=warm, numpy=ref_t,
                                            max_rel_dev=float(np.max(np.abs(T / ref - 1))))
    bench = lmu_ltau(10 * MeV, 5.03e-4)
    _, cold, warm = timed(lambda: muon_beam.reconstruction_scan("NA64mu-1e11", bench, M, g), repeat=3)
    res["NA64mu 100x100 reconstruction scan"] = dict(cold=cold, warm=warm)

    print(f"{'benchmark':40s} {'cold [s]':>9s} {'warm [s]':>9s} {'numpy [s]':>10s} {'speed-up':>9s} {'max dev':>9s}")
    for k, v in res.items():
        sp = v["numpy"] / v["warm"] if "numpy" in v else float("nan")
        print(f"{k:40s} {v['cold']:9.4f} {v['warm']:9.4f} {v.get('numpy', float('nan')):10.4f} {sp:9.0f} "
              f"{v.get('max_rel_dev', float('nan')):9.2e}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
