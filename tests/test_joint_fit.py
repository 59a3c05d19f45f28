"""Tests of lmt_lib.joint_fit (chapter P2: CEvNS at spallation sources and the test of eps/g).

Oracles
-------
- Published numbers: the Standard-Model CEvNS predictions of COHERENT CsI 2017 (173 events, Akimov et al.,
  Science 357 (2017) 1123), CsI 2021 (341, PRL 129 (2022) 081801) and CENNS-10 2020 (128, PRL 126 (2021) 012002)
  within 10 % (the library's flux, Helm form factor and response are simpler than the collaboration's).  The
  germanium result (PRL 134 (2025) 231801) lacks its mass, baseline and SM prediction in the registry: it must refuse
  to be used for a limit.
- Symmetry: the nu_e carry no L_mu - L_tau charge, so their counts do not depend on g*eps; the muon-beam
  likelihood is even in g.
- Analytic: the one-bin Poisson deviance of the muon run in closed form; without a normalisation uncertainty the
  CEvNS significance grows as the square root of the exposure; time fractions of a complete window sum to one.
- Independent path: the spectrum in reported energy, integrated, equals the binned counts of the response matrix;
  the keVee spectrum integrates to the keVnr one (change of variables).
- Recovery: the joint fit returns the benchmark's eps/g, also for a mixing that is not the loop value.
- Monotonicity: sensitivity tightens and the separation grows with the exposure.
"""

import dataclasses
import math

import numpy as np
import pytest

from lmt_lib import constraints, detectors, joint_fit as J, model, rates, scans
from lmt_lib.units import GeV, MeV, keV, us

M_BP = 30 * MeV
G_BP = 5e-4


@pytest.fixture(scope="module")
def bp():
    return model.lmu_ltau(M_BP, G_BP)


@pytest.fixture(scope="module")
def runs():
    return J.muon_run("NA64mu-1e12", M_BP), J.cevns_run("ESS", M_BP)


@pytest.mark.parametrize("name, published", [("COHERENT-CsI-2017", 173.0), ("COHERENT-CsI-2021", 341.0),
                                             ("CENNS-10-2020", 128.0)])
def test_published_sm_predictions(name, published):
    det = detectors.get_detector(name)
    n = float(rates.binned_templates(det, [M_BP]).sm_counts().sum())
    assert n == pytest.approx(published, rel=0.10)
    assert det.measurement.sm_prediction[0] == published


def test_germanium_is_not_used_without_its_numbers():
    ge = detectors.get_detector("COHERENT-Ge-2024")
    assert ge.measurement.observed == (20.6,)
    with pytest.raises(ValueError, match="incomplete"):
        ge.require_complete()
    with pytest.raises(ValueError, match="SM"):
        constraints.cevns_measurement_scan(ge, [M_BP], [1e-4, 1e-3])
    with pytest.raises(ValueError, match="mass"):
        J.observed_spectrum(ge, [2 * keV])
    shape = J.observed_spectrum(ge, np.linspace(1.6, 10, 50) * keV, per_unit_fluence=True)
    assert np.all(shape > 0)


def test_nu_e_interference_vanishes_in_lmu_ltau(bp):
    t = rates.binned_templates("CENNS-610", [M_BP])
    Q = scans.charges_of("Lmu-Ltau")
    assert Q[0] == 0.0
    k = t.component_names.index("nu_e")
    x = np.array([-1e-7, bp.g_eps, 0.0, 1e-7])
    comp = t.component_counts(Q, x, 0)
    assert np.array_equal(comp[:, k, :], np.broadcast_to(t.sm_components()[k], comp[:, k, :].shape))
    # the charge-weighted interference and BSM templates of the nu_e component are exactly zero
    assert np.all(Q[0] * t.interference[0, k, 0] == 0.0)
    # the muon components do change: a deficit
    assert np.all(comp[1, [0, 2]].sum(axis=-1) < t.sm_components()[[0, 2]].sum(axis=-1))
    t_arr = np.linspace(0.5, 8, 20) * us
    sm_t, a_t = J.arrival_time_spectrum("CENNS-610", t_arr), J.arrival_time_spectrum("CENNS-610", t_arr, bp)
    assert np.allclose(sm_t[k], a_t[k], rtol=1e-14) and np.all(a_t[2] < sm_t[2])


def test_same_for_lmu_at_equal_mixing(bp):
    a = J.cevns_run("CCM", M_BP, "Lmu-Ltau")
    b = J.cevns_run("CCM", M_BP, "Lmu")
    assert np.array_equal(a.sm, b.sm) and np.allclose(a.interference, b.interference, rtol=1e-14)


def test_muon_run_closed_form_and_even_in_g(runs):
    mu, _ = runs
    n = mu.counts(G_BP)
    for g in (3e-4, 7e-4):
        m = mu.counts(g)
        assert mu.delta_chi2(G_BP, g) == pytest.approx(2 * (m - n + n * math.log(n / m)), rel=1e-12)
        assert mu.delta_chi2(G_BP, -g) == mu.delta_chi2(G_BP, g)
    assert mu.delta_chi2(G_BP, G_BP) == pytest.approx(0.0, abs=1e-12)


def test_time_fractions_complete_window_and_prompt_peak():
    f = J.time_fractions("SNS", np.array([-5.0, 0.5, 1.0, 3.0, 200.0]) * us)
    assert np.allclose(f.sum(axis=1), 1.0, atol=1e-9)
    assert f[0, 0] > 0.9 and f[1, 0] == pytest.approx(f[2, 0])
    ess = J.time_fractions("ESS", np.array([-1.0, 1.0]) * us)
    assert np.all(ess < 1e-3)


def test_time_split_conserves_counts():
    whole = J.cevns_run("CENNS-610", M_BP)
    split = J.cevns_run("CENNS-610", M_BP, time_edges=np.array([-10.0, 1.0, 400.0]) * us)
    for a, b in ((whole.sm, split.sm), (whole.interference, split.interference), (whole.bsm, split.bsm)):
        assert b.sum() == pytest.approx(a.sum(), rel=1e-9)


def test_spectrum_integrates_to_binned_counts(bp):
    det = detectors.get_detector("CENNS-610")
    E = np.linspace(det.threshold, det.e_max, 4001)
    s = J.observed_spectrum(det, E, [None, bp], energy="nr")
    t = rates.binned_templates(det, [M_BP])
    assert np.trapezoid(s[0], E) == pytest.approx(t.sm_counts().sum(), rel=2e-3)
    assert np.trapezoid(s[1], E) == pytest.approx(t.counts_at(bp).sum(), rel=2e-3)
    # keVee: the same counts after the change of variables E_ee = Q(E_nr) E_nr
    E_ee = np.asarray(det.quenching.e_ee(E))
    s_ee = J.observed_spectrum(det, E_ee, None, energy="ee")
    assert np.trapezoid(s_ee[0], E_ee) == pytest.approx(np.trapezoid(s[0], E), rel=1e-3)


def test_joint_fit_recovers_eps_over_g(bp, runs):
    mu, ess = runs
    fit = J.joint_fit(mu, ess, bp, np.linspace(4e-4, 6e-4, 41), np.linspace(-1.5e-5, 2e-6, 61))
    assert fit.best_ratio == pytest.approx(bp.eps0 / bp.g, rel=2e-3)
    assert fit.line(bp.eps0 / bp.g) == pytest.approx(0.0, abs=1e-6)
    assert fit.line(0.0) == pytest.approx(ess.delta_chi2(bp.g_eps, 0.0), rel=1e-9)
    g_best, e_best = fit.best
    assert g_best == pytest.approx(G_BP, rel=0.03) and e_best == pytest.approx(bp.eps0, rel=0.05)
    # a mixing that is not the loop value is recovered too
    other = model.lmu_ltau(M_BP, G_BP, epsilon=2.0 * bp.eps0)
    fit2 = J.joint_fit(mu, ess, other, np.linspace(4e-4, 6e-4, 41), np.linspace(-2.5e-5, 2e-6, 61))
    assert fit2.best_ratio == pytest.approx(2.0 * bp.eps0 / bp.g, rel=2e-3)


def test_lmu_ratio_matches_model():
    assert J.lmu_ratio(1.77686 * GeV) == pytest.approx(model.kinetic_mixing(1.0), rel=1e-4)
    assert abs(J.lmu_ratio(1e4 * GeV)) > abs(J.lmu_ratio(1e2 * GeV))


def test_separation_grows_with_exposure(bp, runs):
    mu, ess = runs
    s = np.array([0.1, 1.0, 10.0])
    z = J.separation_curve(mu, ess, bp, s)
    assert np.all(np.diff(z) > 0)
    # without a normalisation uncertainty Z grows as sqrt(exposure) (Asimov deviance is linear in the exposure)
    free = dataclasses.replace(ess, norm_sigma=0.0)
    z0 = J.separation_curve(mu, free, bp, s)
    assert z0[2] / z0[1] == pytest.approx(math.sqrt(10.0), rel=1e-6)
    # with it, a time-integrated spectrum gains less than sqrt(10) per decade
    assert z[2] / z[1] < math.sqrt(10.0)
    s2, s5 = (J.exposure_for_separation(mu, ess, bp, z_) for z_ in (2.0, 5.0))
    assert s2 < s5
    assert J.separation_curve(mu, ess, bp, [s2])[0] == pytest.approx(2.0, rel=0.02)


def test_sensitivity_tightens_with_exposure():
    det = detectors.get_detector("CENNS-610")
    Ms = np.array([3.0, 30.0, 300.0]) * MeV
    gg = np.geomspace(1e-5, 1e-1, 161)
    one = scans.exclusion_scan(rates.binned_templates(det, Ms), "Lmu-Ltau", gg).curve()
    four = scans.exclusion_scan(rates.binned_templates(det.with_exposure(4 * det.exposure), Ms), "Lmu-Ltau",
                                gg).curve()
    assert np.all(four < one)


@pytest.mark.parametrize("call, word", [
    (lambda: J.cevns_run("XENONnT-NR", M_BP), "detector"),
    (lambda: J.cevns_run("CENNS-610", -1.0), "mass"),
    (lambda: J.cevns_run("CENNS-610", M_BP, time_edges=[2e3, 1e3]), "time_edges"),
    (lambda: J.muon_run("CENNS-610", M_BP), "experiment"),
    (lambda: J.muon_run("NA64mu-1e12", float("nan")), "mass"),
    (lambda: J.time_fractions("SNS", [1.0]), "time_edges"),
    (lambda: J.time_fractions("Nowhere", [0.0, 1.0]), "source"),
    (lambda: J.lmu_ratio(-1.0), "cutoff"),
    (lambda: J.cevns_run("ESS", M_BP).counts(1e-9, scale=-2), "scale"),
    (lambda: J.observed_spectrum("CENNS-610", [5 * keV], energy="keV"), "energy"),
    (lambda: J.observed_spectrum("CENNS-610", [-5 * keV]), "E_obs"),
    (lambda: J.arrival_time_spectrum("CENNS-610", [float("nan")]), "t"),
])
def test_bad_input_raises(call, word):
    with pytest.raises(ValueError, match=word):
        call()


def test_bad_fit_input_raises(bp, runs):
    mu, ess = runs
    g, e = np.linspace(4e-4, 6e-4, 5), np.linspace(-1e-5, 0, 5)
    with pytest.raises(ValueError, match="eps"):
        J.joint_fit(mu, ess, bp, g, e[::-1])
    with pytest.raises(ValueError, match="g"):
        J.joint_fit(mu, ess, bp, -g, e)
    with pytest.raises(ValueError, match="benchmark"):
        J.joint_fit(mu, ess, model.lmu_ltau(10 * MeV, G_BP), g, e)
    with pytest.raises(ValueError, match="muon"):
        J.joint_fit(ess, ess, bp, g, e)
    with pytest.raises(ValueError, match="scales"):
        J.separation_curve(mu, ess, bp, [-1.0])
    with pytest.raises(ValueError, match="z"):
        J.exposure_for_separation(mu, ess, bp, 0.0)
    with pytest.raises(ValueError, match="ratio"):
        J.line_delta_chi2(mu, ess, bp, [0.0, 1.0])
