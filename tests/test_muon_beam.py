"""Tests of :mod:`lmt_lib.muon_beam` (muon-beam production and yields).

Oracles
-------
- Reference numbers: the Kirpichnikov et al., arXiv:1705.01633 table (Pb, g = 1): sigma(x > 0.5) at 160 and 15 GeV,
the fraction of the total
  with x > 0.5 and <x> for x > 0.5, at 1 MeV - 1 GeV; chi/Z^2 = 14.2 below 30 MeV; 5.86e-4 g^2 per muon per cm of Pb.
  The table is given to three digits, so 1 % (2 % would be the looser choice) and 1e-3 on fractions.
- Independent quadrature: scipy ``quad`` of the same integrands (chi in t, sigma in x) to 1e-6.
- Analytic limit: for M >> m_mu, dsigma/dx -> (alpha^2 g^2 chi beta / pi M^2) x [1 + x^2 / 3(1 - x)] (Kirpichnikov et
al., arXiv:1705.01633).
- Symmetry and scaling: g -> -g, g^2 scaling; Lmu-Ltau and Lmu give identical production, and differ above
  2 m_mu only by their invisible branching ratios (computed here).
- Conservation: with no resolution the binned spectrum sums to the yield above the cut.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate

from lmt_lib import detectors, model, muon_beam as mb
from lmt_lib.units import GeV, MeV, alpha_em, cm, m_mu

PB = (82, 207.2)
# independent calculation: M [MeV] -> sigma(x>0.5) at 160 GeV, at 15 GeV [cm^2], fraction with x>0.5, <x> (x>0.5) at
# 160 GeV
PB_TABLE = {
    1: (1.79e-26, 1.77e-26, 0.110, 0.724),
    10: (1.78e-26, 1.76e-26, 0.222, 0.725),
    30: (1.70e-26, 1.55e-26, 0.369, 0.729),
    100: (1.12e-26, 7.28e-27, 0.648, 0.760),
    300: (2.94e-27, 1.35e-27, 0.837, 0.827),
    1000: (2.59e-28, 2.29e-29, None, None),
}


@pytest.mark.parametrize("M_MeV", sorted(PB_TABLE))
def test_spec41_table(M_MeV):
    s160, s15, frac, xmean = PB_TABLE[M_MeV]
    M = M_MeV * MeV
    sig160 = mb.cross_section(M, 160 * GeV, *PB, x_min=0.5)
    assert sig160 / cm**2 == pytest.approx(s160, rel=0.01)
    assert mb.cross_section(M, 15 * GeV, *PB, x_min=0.5) / cm**2 == pytest.approx(s15, rel=0.01)
    if frac is not None:
        assert sig160 / mb.cross_section(M, 160 * GeV, *PB) == pytest.approx(frac, abs=1e-3)
        assert mb.mean_x(M, 160 * GeV, *PB, x_min=0.5) == pytest.approx(xmean, abs=1e-3)


@pytest.mark.parametrize("M_MeV", [1, 10, 30])
def test_chi_over_z2_flat_below_30_mev(M_MeV):
    assert mb.photon_flux(M_MeV * MeV, 160 * GeV, *PB) / 82**2 == pytest.approx(14.2, abs=0.05)


def test_probability_per_cm_of_lead():
    # Kirpichnikov et al., arXiv:1705.01633: n = 3.30e22 cm^-3, 5.86e-4 g^2 per muon per cm at 160 GeV and M = 10 MeV
    n = detectors.get_detector("NA64mu-2022").number_density
    p = n * (1 * cm) * mb.cross_section(10 * MeV, 160 * GeV, *PB, x_min=0.5)
    assert p == pytest.approx(5.86e-4, rel=0.01)


@pytest.mark.parametrize("M_MeV, E0_GeV", [(1, 160), (100, 160), (1000, 15)])
def test_chi_against_scipy(M_MeV, E0_GeV):
    M, E0 = M_MeV * MeV, E0_GeV * GeV
    tmin, tmax = (M * M / (2 * E0)) ** 2, M * M + m_mu**2

    def f(s):  # in s = ln t
        t = math.exp(s)
        return (1 - tmin / t) * float(mb.tsai_g2(t, *PB)[0])

    ref = integrate.quad(f, math.log(tmin), math.log(tmax), epsabs=0, epsrel=1e-10, limit=500,
                         points=[math.log(4e-10), math.log(4.7e-3)])[0]
    assert mb.photon_flux(M, E0, *PB) == pytest.approx(ref, rel=1e-6)


@pytest.mark.parametrize("M_MeV, x_min", [(1, 0.0), (10, 0.5), (300, 0.5), (1000, 0.0)])
def test_sigma_against_scipy(M_MeV, x_min):
    M, E0 = M_MeV * MeV, 160 * GeV
    lo, hi = max(x_min, M / E0), 1 - m_mu / E0

    def f(v):  # logit variable, as an independent check of the same integral with adaptive quadrature
        x = 1 / (1 + math.exp(-v))
        return mb.dsigma_dx(x, M, E0, *PB) * x * (1 - x)

    ref = integrate.quad(f, math.log(lo / (1 - lo)), math.log(hi / (1 - hi)), epsabs=0, epsrel=1e-10, limit=500)[0]
    assert mb.cross_section(M, E0, *PB, x_min=x_min) == pytest.approx(ref, rel=1e-6)


@pytest.mark.parametrize("x", [0.2, 0.5, 0.8, 0.95])
def test_heavy_mediator_limit(x):
    # Kirpichnikov et al., arXiv:1705.01633: for M >> m_mu, dsigma/dx -> alpha^2 g^2 chi beta / (pi M^2) x [1 + x^2 /
    # (3 (1 - x))]
    # the neglected terms are of relative size m_mu^2 x / |u| with |u| ~ M^2 (1 - x) / x: they vanish as 1/M^2
    E0 = 160 * GeV
    dev = []
    for M in (3 * GeV, 10 * GeV):
        chi = mb.photon_flux(M, E0, *PB)
        beta = math.sqrt(1 - M**2 / (x * E0) ** 2)
        approx = alpha_em**2 * chi * beta / (math.pi * M**2) * x * (1 + x**2 / (3 * (1 - x)))
        dev.append(abs(mb.dsigma_dx(x, M, E0, *PB) / approx - 1))
        assert dev[-1] < 3 * m_mu**2 * x * x / (M**2 * (1 - x))
    assert dev[1] < dev[0] / 5


@settings(max_examples=60, deadline=None)
@given(x=st.floats(0.0, 1.0), M_MeV=st.floats(0.5, 2000.0), g=st.floats(1e-6, 1.0))
def test_dsigma_nonnegative_scales_as_g2_and_even_in_g(x, M_MeV, g):
    M, E0 = M_MeV * MeV, 160 * GeV
    s = mb.dsigma_dx(x, M, E0, *PB, g=g)
    assert s >= 0.0
    assert mb.dsigma_dx(x, M, E0, *PB, g=-g) == s
    assert s == pytest.approx(g * g * mb.dsigma_dx(x, M, E0, *PB), rel=1e-12, abs=0.0)
    if x <= M / E0 or x >= 1 - m_mu / E0:
        assert s == 0.0


def test_rate_falls_with_mass_above_30_mev():
    sig = [mb.cross_section(M * MeV, 160 * GeV, *PB, x_min=0.5) for M in (30, 100, 300, 1000, 3000)]
    assert np.all(np.diff(sig) < 0)
    # and the recoil spectrum shifts to high x (Kirpichnikov et al., arXiv:1705.01633: the "some sensitivity to the
    # mass")
    xm = [mb.mean_x(M * MeV, 160 * GeV, *PB, x_min=0.5) for M in (30, 100, 300, 1000)]
    assert np.all(np.diff(xm) > 0)


def test_yield_is_eq_4_3():
    exp = detectors.get_detector("NA64mu-2022")
    Y = mb.yield_per_g2(exp, 10 * MeV)[0]
    assert Y == pytest.approx(exp.n_mot * exp.number_density * exp.eps_L_T
                              * mb.cross_section(10 * MeV, exp.E0, exp.Z, exp.A, exp.x_cut), rel=1e-12)
    A = model.lmu_ltau(10 * MeV, 4e-4)
    assert mb.signal_yield(exp, A) == pytest.approx(4e-4**2 * Y, rel=1e-12)  # BR_inv = 1 below 2 m_mu


def test_models_identical_below_two_muon_masses_and_differ_by_br_above():
    # computed here: same production; above 2 m_mu, BR_inv = 1/(1+f) (Lmu-Ltau) and 1/(1+2f) (Lmu)
    for M in (10 * MeV, 150 * MeV):
        a, b = model.lmu_ltau(M, 7e-4), model.lmu(M, 7e-4)
        assert np.array_equal(mb.expected_spectrum("NA64mu-1e11", a), mb.expected_spectrum("NA64mu-1e11", b)) \
            == (M < 2 * m_mu)
    M = 400 * MeV
    r = m_mu**2 / M**2
    f = (1 + 2 * r) * math.sqrt(1 - 4 * r)
    ratio = mb.signal_yield("NA64mu-1e11", model.lmu_ltau(M, 1e-3)) / mb.signal_yield("NA64mu-1e11",
                                                                                      model.lmu(M, 1e-3))
    assert ratio == pytest.approx((1 + 2 * f) / (1 + f), rel=1e-12)


def test_spectrum_conserves_the_yield():
    exp = detectors.get_detector("NA64mu-2022")
    sharp = dataclasses.replace(exp, momentum_resolution=0.0)
    for M in (10 * MeV, 300 * MeV):
        Y = mb.yield_per_g2(exp, M)[0]
        assert mb.spectrum_templates(sharp, M)[0].sum() == pytest.approx(Y, rel=1e-9)
        # with 3 % resolution, migration across the 80 GeV cut changes the total by well under 1 %
        assert mb.spectrum_templates(exp, M)[0].sum() == pytest.approx(Y, rel=0.01)


def test_spectrum_shape_moves_to_low_muon_energy_for_heavy_mediators():
    T = mb.spectrum_templates("NA64mu-2022", [10 * MeV, 1000 * MeV])
    centres = 0.5 * (mb.bin_edges("NA64mu-2022")[1:] + mb.bin_edges("NA64mu-2022")[:-1])
    mean_E = (T * centres).sum(1) / T.sum(1)
    assert mean_E[1] < mean_E[0]


def test_coupling_limits():
    lim = mb.coupling_limit("NA64mu-2022", [1 * MeV, 10 * MeV, 30 * MeV])
    assert np.all((5e-4 < lim) & (lim < 6e-4))  # NA64μ, arXiv:2401.01708: g ~ (5-6)e-4 at low mass
    assert lim[1] == pytest.approx(math.sqrt(2.303 / mb.yield_per_g2("NA64mu-2022", 10 * MeV)[0]), rel=1e-3)
    # a background-free projection scales as 1/sqrt(MOT) at fixed efficiency
    exp = detectors.get_detector("NA64mu-2022")
    ten = dataclasses.replace(exp, n_mot=10 * exp.n_mot, observed=0)
    assert mb.coupling_limit(ten, 10 * MeV)[0] == pytest.approx(lim[1] / math.sqrt(10), rel=1e-9)
    # Lmu: smaller invisible branching above 2 m_mu -> weaker limit
    assert mb.coupling_limit(exp, 400 * MeV, model="Lmu")[0] > mb.coupling_limit(exp, 400 * MeV)[0]


@pytest.mark.parametrize("call", [
    lambda: mb.cross_section(-1 * MeV, 160 * GeV, *PB),
    lambda: mb.cross_section(10 * MeV, 160 * GeV, 82, 20),  # A < Z
    lambda: mb.cross_section(10 * MeV, 160 * GeV, 0, 207.2),
    lambda: mb.cross_section(200 * GeV, 160 * GeV, *PB),  # above threshold
    lambda: mb.cross_section(10 * MeV, 160 * GeV, *PB, x_min=1.0),
    lambda: mb.dsigma_dx(1.5, 10 * MeV, 160 * GeV, *PB),
    lambda: mb.dsigma_dx([], 10 * MeV, 160 * GeV, *PB),
    lambda: mb.dsigma_dx(0.5, 10 * MeV, 160 * GeV, *PB, g=float("nan")),
    lambda: mb.yield_per_g2("NA64-typo", 10 * MeV),
    lambda: mb.yield_per_g2("LZ-low-NR", 10 * MeV),
    lambda: mb.yield_per_g2("NA64mu-2022", []),
    lambda: mb.signal_yield("NA64mu-2022", "Lmu-Ltau"),
    lambda: mb.coupling_limit("NA64mu-2022", 10 * MeV, model="Le"),
    lambda: mb.tsai_g2(-1.0, *PB),
])
def test_bad_input_raises(call):
    with pytest.raises(ValueError):
        call()


def test_kernel_matches_numpy_formula():
    # Kirpichnikov et al., arXiv:1705.01633, Eq. (30) written out in numpy, against the numba kernel behind dsigma_dx
    M, E0 = 50 * MeV, 160 * GeV
    chi = mb.photon_flux(M, E0, *PB)
    x = np.linspace(0.01, 0.99, 99)
    u = -M**2 * (1 - x) / x - m_mu**2 * x
    pA = np.sqrt(x**2 * E0**2 - M**2)
    ref = alpha_em**2 * chi / (2 * np.pi * E0) * pA * (m_mu**2 * x * (x**2 + 2 * x - 2) - 2 * u * (3 - 3 * x + x**2)) \
        / (3 * x * u**2)
    np.testing.assert_allclose(mb.dsigma_dx(x, M, E0, *PB), ref, rtol=1e-12)


def _allowed_interval(res, i):
    g = res.couplings[res.inside()[i]]
    return (g.min(), g.max()) if g.size else None


def test_reconstruction_at_the_benchmark_mass_is_the_poisson_interval():
    # at M = M0 the templates have the benchmark's shape, so Delta q = 2 N0 (r - 1 - ln r), r = (g / g0)^2: the
    # allowed g interval follows from N0 alone
    from scipy.optimize import brentq

    bench = model.lmu_ltau(10 * MeV, 5.03e-4)
    N0 = mb.signal_yield("NA64mu-1e11", bench)  # background: 0.1 events in total, included below
    gg = np.geomspace(2e-4, 1e-3, 4001)
    res = mb.reconstruction_scan("NA64mu-1e11", bench, [10 * MeV], gg)
    assert res.statistic.min() == pytest.approx(0.0, abs=1e-6)
    T = mb.expected_spectrum("NA64mu-1e11", bench)
    b = mb.background_per_bin("NA64mu-1e11")

    def dq(g):
        mu = (g / 5.03e-4) ** 2 * T + b
        n = T + b
        return 2 * np.sum(mu - n + n * np.log(n / mu)) - 6.18

    lo, hi = brentq(dq, 2e-4, 5.03e-4), brentq(dq, 5.03e-4, 1e-3)
    found = _allowed_interval(res, 0)
    step = gg[1] / gg[0]
    assert lo <= found[0] <= lo * step and hi / step <= found[1] <= hi
    assert N0 > 5  # the benchmark is visible at 1e11 MOT


def test_reconstruction_band_is_flat_at_light_masses_and_bends_up():
    # expected outcome: a horizontal band in g for M <~ 50 MeV, bending upward at large M
    bench = model.lmu_ltau(10 * MeV, 5.03e-4)
    Ms = np.array([1.0, 3.0, 10.0, 30.0, 100.0, 1000.0]) * MeV
    gg = np.geomspace(1e-4, 1e-2, 401)
    res = mb.reconstruction_scan("NA64mu-1e11", bench, Ms, gg)
    iv = [_allowed_interval(res, i) for i in range(Ms.size)]
    for i in (0, 1, 3):
        assert iv[i][0] == pytest.approx(iv[2][0], rel=0.05) and iv[i][1] == pytest.approx(iv[2][1], rel=0.05)
    assert iv[4][0] > 1.2 * iv[2][0]  # heavier: a larger g is needed for the same rate
    assert iv[5] is None  # and at 1 GeV the spectrum shape itself is excluded
    # more muons on target: a narrower band
    narrow = mb.reconstruction_scan("NA64mu-1e12", bench, Ms[:3], gg)
    lo12, hi12 = _allowed_interval(narrow, 2)
    assert lo12 > iv[2][0] and hi12 < iv[2][1]


def test_reconstruction_scan_bad_input():
    bench = model.lmu_ltau(10 * MeV, 5e-4)
    with pytest.raises(ValueError):
        mb.reconstruction_scan("NA64mu-1e11", bench, [10 * MeV, 5 * MeV], [1e-4, 1e-3])  # not increasing
    with pytest.raises(ValueError):
        mb.reconstruction_scan("NA64mu-1e11", bench, [10 * MeV], [])
    with pytest.raises(ValueError):
        mb.reconstruction_scan("NA64mu-1e11", "Lmu-Ltau", [10 * MeV], [1e-4])


# ----------------------------------------------------------------------------------------------------------------
# exposure, projections and the calibration against published curves
# ----------------------------------------------------------------------------------------------------------------
@settings(max_examples=25, deadline=None)
@given(n=st.floats(1e6, 1e15), k=st.floats(0.01, 100.0))
def test_yield_is_linear_in_mot(n, k):
    A = model.lmu_ltau(20 * MeV, 4e-4)
    a, b = mb.expected_events("NA64mu-2022", A, [n, k * n])
    assert b == pytest.approx(k * a, rel=1e-12)
    # and at the registry's exposure it is the signal yield itself
    assert mb.expected_events("NA64mu-2022", A, 1.98e10)[0] == pytest.approx(mb.signal_yield("NA64mu-2022", A),
                                                                           rel=1e-12)


def test_projections_order_as_mot_grows():
    Ms = np.array([3.0, 30.0, 150.0, 500.0]) * MeV
    lims = [mb.coupling_limit(name, Ms) for name in ("NA64mu-2022", "NA64mu-1e11", "NA64mu-1e12")]
    assert np.all(lims[0] > lims[1]) and np.all(lims[1] > lims[2])
    assert np.all(mb.coupling_limit("M3-phase1", Ms) > mb.coupling_limit("M3-phase2", Ms))
    scan = mb.limit_vs_mot("NA64mu-2022", Ms, np.geomspace(1e10, 1e13, 7))
    assert np.all(np.diff(scan, axis=0) < 0)
    # background-free exposures (<= 2e10 MOT in the NA64mu rule) scale exactly as 1/sqrt(MOT)
    free = mb.limit_vs_mot("NA64mu-2022", Ms, [5e9, 2e10])
    np.testing.assert_allclose(free[0] / free[1], 2.0, rtol=1e-9)
    # limit_vs_mot agrees with the registry entries it stands for
    np.testing.assert_allclose(mb.limit_vs_mot("NA64mu-2022", Ms, [1e12])[0], lims[2], rtol=1e-9)


def test_m3_reproduces_its_published_projection_within_15_percent():
    # published: Kahn, Krnjaic, Tran, Whitbeck, arXiv:1804.03144 (third-party digitisation, 3 % in g); 15 % covers
    # the digitisation and the single-number efficiency model (the shape is computed, not fitted)
    for name in ("M3-phase1", "M3-phase2"):
        r = mb.calibration_residuals(name)
        assert r.size >= 5 and np.all(np.abs(r) < 0.15), (name, r)


def test_stored_m3_calibration_is_the_best_fit():
    best = mb.fit_eps_L(["M3-phase1", "M3-phase2"])
    # the stored value is the fit rounded to three digits
    assert detectors.get_detector("M3-phase1").eps_L_T == pytest.approx(best, rel=0.005)
    assert detectors.M3_EPS_L_T == pytest.approx(best, rel=0.005)
    # the fit does not depend on the starting value (closed form in ln g)
    start = [detectors.get_detector(n).with_calibration(2.0 * cm) for n in ("M3-phase1", "M3-phase2")]
    assert mb.fit_eps_L(start) == pytest.approx(best, rel=1e-9)
    # and moving eps_L away from the fit worsens the residuals
    def sq(eps):
        return sum(np.sum(np.log1p(mb.calibration_residuals(detectors.get_detector(n).with_calibration(eps))) ** 2)
                   for n in ("M3-phase1", "M3-phase2"))
    assert sq(best) < sq(1.05 * best) and sq(best) < sq(0.95 * best)


def test_published_curve_conversion_and_phase_scaling():
    c1, c2 = mb.published_curve("M3-phase1"), mb.published_curve("M3-phase2")
    assert c2.masses[0] == c1.masses[0] and c2.uncertainty == c1.uncertainty
    # first row of the shipped table: m_chi = 0.91327 MeV, y = 4.60993e-10 -> M = 3 m_chi, g = 9 sqrt(y)
    assert c1.masses[0] == pytest.approx(3 * 0.91327 * MeV) and c1.g[0] == pytest.approx(9 * math.sqrt(4.60993e-10))
    assert np.all(np.diff(c1.masses) > 0) and c1.masses[-1] < 2 * m_mu
    # phase 2 has 1000 times the muons and no background: sqrt(1000) lower everywhere (to the digitisation)
    Ms = np.array([3.0, 10.0, 50.0, 150.0, 200.0]) * MeV
    np.testing.assert_allclose(mb.published_limit("M3-phase1", Ms) / mb.published_limit("M3-phase2", Ms),
                               math.sqrt(1000.0), rtol=0.03)


def test_na64_limit_scales_as_inverse_sqrt_of_eps_L():
    # the NA64mu eps_L is an estimate: this is how its limit moves with it
    exp = detectors.get_detector("NA64mu-2022")
    Ms = np.array([10.0, 300.0]) * MeV
    np.testing.assert_allclose(mb.coupling_limit(exp.with_calibration(4 * exp.eps_L_T), Ms),
                               mb.coupling_limit(exp, Ms) / 2, rtol=1e-12)
    with pytest.raises(ValueError, match="name"):
        mb.published_curve("NA64mu-2022")


@pytest.mark.parametrize("call, word", [
    (lambda: mb.expected_events("NA64mu-2022", model.lmu_ltau(10 * MeV, 5e-4), -1e10), "n_mot"),
    (lambda: mb.expected_events("NA64mu-2022", model.lmu_ltau(10 * MeV, 5e-4), []), "n_mot"),
    (lambda: mb.limit_vs_mot("NA64mu-2022", 10 * MeV, [1e10, -1.0]), "n_mot"),
    (lambda: mb.limit_vs_mot("NA64mu-2023", 10 * MeV, [1e10]), "experiment"),
    (lambda: mb.expected_events("NA64-typo", model.lmu_ltau(10 * MeV, 5e-4), 1e10), "experiment"),
    (lambda: mb.calibration_residuals("LZ-low-NR"), "experiment"),
    (lambda: mb.published_limit("M3-phase1", [10 * MeV, 500 * MeV]), "masses"),
    (lambda: mb.published_limit("M3-phase1", 1 * MeV), "masses"),
    (lambda: mb.published_curve("M3-phase3"), "name"),
    (lambda: mb.fit_eps_L([]), "experiments"),
    (lambda: mb.fit_eps_L(["M3-phase1", "NA64mu-2022"]), "eps_L_T"),
])
def test_bad_input_to_the_calibration_api_names_the_argument(call, word):
    with pytest.raises(ValueError, match=word):
        call()
