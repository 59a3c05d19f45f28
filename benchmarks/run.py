"""Speed benchmarks of the rate engine and the scans (see benchmarks/README.md).  Run: python benchmarks/run.py"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import reference  # noqa: E402

from lmt_lib import model as _model  # noqa: E402
from lmt_lib import rates, scans  # noqa: E402
from lmt_lib import targets as _targets  # noqa: E402
from lmt_lib._kernels import jit  # noqa: E402
from lmt_lib.rates import SQRT2  # noqa: E402
from lmt_lib.units import G_F, MeV, e_charge, keV, m_mu, m_tau  # noqa: E402


@jit
def cevns_templates_energy_outer(E_R, m_N, Z, N, A, s2w, M2, run, mom, m_light2, m_heavy2):
    """``rates._cevns_templates_kernel`` as it was written first: energy loop outside, mass loop inside, and fresh
    output arrays that the caller then adds into its own.

    Kept here only as the comparison of the 1000 x 1000 benchmark: its writes ``it[m, a, j]`` stride across the
    array by 3 n elements per mass, where the library's kernel (mass loop outermost) writes along the contiguous
    energy axis, straight into the caller's arrays.  The arithmetic per element is the same, so the two must agree
    bit for bit.
    """
    n = E_R.size
    nM = M2.size
    sm = np.zeros((3, n))
    it = np.zeros((nM, 3, n))
    bs = np.zeros((nM, 3, n))
    QW = N - (1.0 - 4.0 * s2w) * Z
    for j in range(n):
        Er = E_R[j]
        q2 = 2.0 * m_N * Er
        F2 = _targets._helm_f2(math.sqrt(q2), A)
        pref = G_F * G_F * m_N / math.pi * F2
        r = _model._mixing_ratio_spacelike(q2, m_light2, m_heavy2) if run else 1.0
        for a in range(3):
            K = mom[0, a, j] - 0.5 * m_N * Er * mom[2, a, j]
            if K <= 0.0:
                continue
            base = pref * K
            sm[a, j] = base * 0.25 * QW * QW
            for m in range(nM):
                X = e_charge * Z * r / (SQRT2 * G_F * (q2 + M2[m]))
                it[m, a, j] = base * QW * X
                bs[m, a, j] = base * X * X
    return sm, it, bs


def cevns_differential_templates_before(target, E, comp, masses):
    """The NR branch of ``rates.differential_templates`` for one component as it was before the loop-order change:
    per isotope, the energy-outside kernel's fresh arrays, scaled and added into the result."""
    tgt = _targets.get_target(target)
    M2 = np.asarray(masses) ** 2
    sm = np.zeros((1, 3, E.size))
    it = np.zeros((M2.size, 1, 3, E.size))
    bs = np.zeros((M2.size, 1, 3, E.size))
    for nuc, n_per_mass in zip(tgt.nuclei, tgt.nuclei_per_mass(), strict=True):
        Emin = rates._e_nu_min(E, nuc.mass)
        s_, i_, b_ = cevns_templates_energy_outer(E, nuc.mass, float(nuc.Z), float(nuc.N), float(nuc.A), 0.23122,
                                                  M2, False, comp.moments(Emin), m_mu**2, m_tau**2)
        sm[0] += n_per_mass * s_
        it[:, 0] += n_per_mass * i_
        bs[:, 0] += n_per_mass * b_
    return sm, it, bs


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


    # a large grid: CEvNS templates of 8B on natural xenon at 1000 masses x 1000 recoil energies, against the same
    # computation with the kernel's first loop order (energy outside, mass inside, fresh arrays added into the
    # result); the numbers must be identical
    E_big = np.geomspace(0.05, 5.0, 1000) * keV
    M_big = np.geomspace(1, 1000, 1000) * MeV
    comp = rates.solar_components(["8B"])[0]
    new, cold, warm = timed(lambda: rates.differential_templates("NR", "Xe", E_big, [comp], M_big), repeat=3)
    old, _, old_t = timed(lambda: cevns_differential_templates_before("Xe", E_big, comp, M_big), repeat=3)
    same = all(np.array_equal(x, y) for x, y in zip(new, old, strict=True))
    dev = 0.0 if same else float(max(np.max(np.abs(x - y) / np.maximum(np.abs(y), 1e-300))
                                     for x, y in zip(new, old, strict=True)))
    res["8B NR templates on Xe, 1000 M x 1000 E_R"] = dict(cold=cold, warm=warm, numpy=old_t, max_rel_dev=dev,
                                                            reference="energy-outside loop order (before)")

    print(f"{'benchmark':42s} {'cold [s]':>9s} {'warm [s]':>9s} {'ref. [s]':>10s} {'speed-up':>9s} {'max dev':>9s}")
    for k, v in res.items():
        sp = v["numpy"] / v["warm"] if "numpy" in v else float("nan")
        print(f"{k:42s} {v['cold']:9.4f} {v['warm']:9.4f} {v.get('numpy', float('nan')):10.4f} {sp:9.0f} "
              f"{v.get('max_rel_dev', float('nan')):9.2e}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
