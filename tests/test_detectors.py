"""Tests of :mod:`lmt_lib.detectors`: experiment descriptions, response pieces and the registry.

Oracles
-------
- **Published numbers** (exact, they are inputs): the spallation table of the authors' public notebooks
  (github.com/dwpamaral/SNuDD), the direct-detection exposures and
  thresholds, the published measurements, the Pb number density (3.30e22 cm^-3, 0.1 %).
- **Fit conditions** (authors' public code, github.com/dwpamaral/SNuDD): the hill fits pass through the quoted points
(XENONnT NR 50 % at 5.66 keVnr and
  0.85 at 10 keVnr, LZ NR 50 % at 3.83 keVnr) within 1 %.
- **Analytic limits**: efficiencies vanish far below threshold and reach their plateau far above; the resolution
  formula sigma = E (a/sqrt(E/keV) + b); Lindhard L in (0, 1) and increasing; linear quenching inverse.
- **Independent reimplementation**: the CsI efficiency written in photoelectrons (authors' public notebooks,
github.com/dwpamaral/SNuDD form) against the
  keVee form used in the code; the Jacobian dE_ee/dE_nr against central finite differences (hypothesis).
- **Invariants of the threshold extension** (authors' public code, github.com/dwpamaral/SNuDD): the 50 % point moves
exactly to the new threshold, the
  plateau above the onset is unchanged, the curve stays monotone, extensions do not compound.
- **Consistency**: bin edges strictly increasing from threshold to E_max; exposures scale the backgrounds
  linearly; unit contract (200 t yr = 2e5 kg x 365.25 d).
- **Validation**: bad input raises ValueError naming the field.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lmt_lib import detectors as D
from lmt_lib.units import GeV, cm, day, kg, keV, m, tonne, year

SOLAR = [n for n in D.list_detectors("solar")]
SPALL = [n for n in D.list_detectors("spallation")]
RESPONSE_DETECTORS = [n for n in SOLAR + SPALL if isinstance(D.DETECTORS[n], D.Detector)]


# ----------------------------------------------------------------------------------------------------------------
# registry
# ----------------------------------------------------------------------------------------------------------------
def test_registry_lookup_returns_named_objects():
    for name, det in D.DETECTORS.items():
        assert D.get_detector(name) is det
        assert det.name == name


def test_registry_has_the_required_entries():
    required = {
        "LZ-NR", "LZ-ER", "LZ-low-NR", "LZ-low-ER", "LZ-high-NR", "LZ-high-ER", "XENONnT-NR", "XENONnT-ER",
        "DARWIN-low-NR", "DARWIN-low-ER", "DARWIN-high-NR", "DARWIN-high-ER", "XLZD-NR", "XLZD-ER",
        "CENNS-610", "CCM", "ESS", "ESS10", "COHERENT-CsI-2017", "CENNS-10-2020", "COHERENT-CsI-2021",
        "COHERENT-Ge-2024", "XENONnT-8B-2024", "PandaX-4T-8B-paired", "PandaX-4T-8B-S2only", "LZ-8B-2025",
        "NA64mu-2022", "NA64mu-1e11", "NA64mu-1e12", "M3-phase1", "M3-phase2",
    }
    assert required <= set(D.DETECTORS)


def test_unknown_experiment_error_lists_names():
    with pytest.raises(D.UnknownExperimentError) as info:
        D.get_detector("DARWIN")
    msg = str(info.value)
    assert "'DARWIN'" in msg and "DARWIN-low-NR" in msg and "NA64mu-2022" in msg
    assert isinstance(info.value, ValueError)
    with pytest.raises(D.UnknownExperimentError):
        D.get_detector(None)


def test_list_detectors_partitions_by_kind():
    by_kind = [D.list_detectors(k) for k in D.KINDS]
    assert sorted(sum(by_kind, [])) == sorted(D.DETECTORS)
    assert all(D.DETECTORS[n].kind == k for k, names in zip(D.KINDS, by_kind, strict=True) for n in names)
    measured = set(D.list_detectors(projection=False))
    assert {"NA64mu-2022", "XENONnT-8B-2024", "COHERENT-CsI-2021", "CENNS-10-2020"} <= measured
    assert "DARWIN-low-NR" not in measured
    with pytest.raises(ValueError, match="kind"):
        D.list_detectors("reactor")


def test_every_entry_has_sources():
    for det in D.DETECTORS.values():
        assert det.source.strip()
        if isinstance(det, D.Detector):
            for what, src in det.citations():
                assert isinstance(src, str) and src.strip(), (det.name, what)


# ----------------------------------------------------------------------------------------------------------------
# numbers against the cited sources (inputs, so exact)
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, mass_t, dist_m, pot, r, th_kev, sig",
    [
        ("CENNS-610", 0.61, 28.4, 1.5e23, 0.08, 15.0, 0.085),
        ("CCM", 7.0, 20.0, 0.177e23, 0.0425, 10.0, 0.05),
        ("ESS", 1.0, 20.0, 2.8e23, 0.3, 20.0, 0.05),
        ("ESS10", 0.01, 20.0, 2.8e23, 0.3, 0.1, 0.05),
    ],
)
def test_spallation_table_spec_5_5(name, mass_t, dist_m, pot, r, th_kev, sig):
    det = D.get_detector(name)
    assert det.target == "Ar" and det.channel == "NR" and det.observable == "nr" and det.projection
    assert det.mass == pytest.approx(mass_t * tonne, rel=1e-12)
    assert det.beam.distance == pytest.approx(dist_m * m, rel=1e-12)
    assert det.n_pot == pytest.approx(pot, rel=1e-12)
    assert det.beam.r == r and det.sigma_norm == sig
    assert det.threshold == pytest.approx(th_kev * keV, rel=1e-12)
    assert det.e_max == pytest.approx(120 * keV)
    assert det.exposure == pytest.approx(det.mass * det.n_pot, rel=1e-12)
    # 10 keVnr bins (last one may be merged/shortened)
    widths = np.diff(det.bin_edges())
    assert np.allclose(widths[:-1], 10 * keV)
    # fluence per flavour is r N_POT / (4 pi L^2)
    assert det.beam.fluence_per_flavour == pytest.approx(r * pot / (4 * math.pi * (dist_m * m) ** 2), rel=1e-12)


def test_solar_exposures_and_thresholds_spec_6_6():
    expected = {
        "LZ-low-NR": (15.34, 0.9), "LZ-low-ER": (15.34, 0.6), "LZ-high-NR": (15.34, 3.0), "LZ-high-ER": (15.34, 2.0),
        "DARWIN-low-NR": (200, 0.6), "DARWIN-low-ER": (200, 0.4), "DARWIN-high-NR": (200, 3.0),
        "DARWIN-high-ER": (200, 2.0), "XENONnT-NR": (20, 5.66), "XENONnT-ER": (20, 1.51),
        "LZ-NR": (15.34, 3.83), "LZ-ER": (15.34, 1.47),
    }
    for name, (expo, th) in expected.items():
        det = D.get_detector(name)
        assert det.exposure == pytest.approx(expo * tonne * year, rel=1e-12), name
        assert det.threshold == pytest.approx(th * keV, rel=1e-12), name
        # the threshold is the 50 % point of the (extended) efficiency
        assert det.efficiency.threshold_50 == pytest.approx(det.threshold, rel=1e-9), name
        assert float(det.efficiency(det.threshold)) == pytest.approx(0.5, rel=1e-9), name
        assert det.target == "Xe"
        assert det.observable == ("nr" if det.channel == "NR" else "ee")
    for name in ("DARWIN-low-ER", "DARWIN-high-ER", "LZ-low-ER"):
        assert D.get_detector(name).e_max == pytest.approx(30 * keV)


def test_units_contract_exposure():
    assert D.get_detector("DARWIN-low-NR").exposure == pytest.approx(2e5 * kg * 365.25 * day, rel=1e-12)


def test_darwin_er_background_flat_rate():
    det = D.get_detector("DARWIN-low-ER")
    rate = (19 + 565 + 139) / 28 / 14  # per (t yr keV), authors' public code, github.com/dwpamaral/SNuDD as coded
    assert rate == pytest.approx(1.844, abs=5e-4)
    expected = rate * np.diff(det.bin_edges() / keV) * 200.0
    assert np.allclose(det.background_per_bin(), expected, rtol=1e-12)
    assert "CAVEAT" in det.background.source
    # NR backgrounds are neglected (authors' public code, github.com/dwpamaral/SNuDD)
    assert np.all(D.get_detector("DARWIN-low-NR").background_per_bin() == 0)


def test_measurements_inputs_md():
    xnt = D.get_detector("XENONnT-8B-2024")
    assert xnt.exposure == pytest.approx(3.51 * tonne * year)
    assert xnt.threshold == pytest.approx(0.5 * keV)
    assert xnt.measurement.observed == (37.0,)
    assert xnt.background_per_bin().tolist() == pytest.approx([26.4])
    assert xnt.measurement.significance == 2.73 and xnt.n_bins == 1
    paired, s2 = D.get_detector("PandaX-4T-8B-paired"), D.get_detector("PandaX-4T-8B-S2only")
    assert (paired.measurement.observed, s2.measurement.observed) == ((3.0,), (332.0,))
    assert paired.background_per_bin() == pytest.approx([2.8]) and s2.background_per_bin() == pytest.approx([251.0])
    assert paired.exposure == pytest.approx(1.20 * tonne * year) and s2.exposure == pytest.approx(1.04 * tonne * year)
    csi = D.get_detector("COHERENT-CsI-2021")
    assert csi.mass == pytest.approx(14.6 * kg) and csi.n_pot == 3.198e23 and csi.beam.r == 0.0848
    assert csi.measurement.observed == (306.0,) and csi.measurement.observed_err == (20.0,)
    assert csi.measurement.sm_prediction[0] == 341.0
    cenns = D.get_detector("CENNS-10-2020")
    assert cenns.mass == pytest.approx(24.4 * kg) and cenns.beam.distance == pytest.approx(27.5 * m)
    # incomplete entries say so and refuse to be used as complete
    for name in ("COHERENT-Ge-2024", "LZ-8B-2025", "PandaX-4T-8B-paired"):
        with pytest.raises(ValueError, match="incomplete"):
            D.get_detector(name).require_complete()
    assert D.get_detector("DARWIN-low-NR").require_complete() is D.get_detector("DARWIN-low-NR")
    with pytest.raises(ValueError, match="n_pot or distance"):
        D.get_detector("COHERENT-Ge-2024").beam.fluence_per_flavour


def test_muon_beams_spec_4_2():
    na64 = D.get_detector("NA64mu-2022")
    assert na64.kind == "muon" and not na64.projection and na64.observed == 0
    assert na64.E0 == pytest.approx(160 * GeV) and na64.x_cut == 0.5 and na64.n_mot == 1.98e10
    # Kirpichnikov et al., arXiv:1705.01633: n = 3.30e22 cm^-3 for Pb
    assert na64.number_density * cm**3 == pytest.approx(3.30e22, rel=1e-3)
    assert na64.eps_L_T == pytest.approx(0.7 * cm)
    assert na64.targets_per_area == pytest.approx(na64.number_density * 0.7 * cm)
    for name, n in (("NA64mu-1e11", 1e11), ("NA64mu-1e12", 1e12)):
        exp = D.get_detector(name)
        assert exp.projection and exp.expected_background == pytest.approx(n * 1e-12)
    # M3: both phases background-free and one efficiency x length, as in the published projection (arXiv:1804.03144)
    m3, m3b = D.get_detector("M3-phase1"), D.get_detector("M3-phase2")
    assert m3.E0 == pytest.approx(15 * GeV) and m3.Z == 74 and m3.expected_background == 0.0
    assert m3b.n_mot == 1e13 and m3b.expected_background == 0.0 and m3b.eps_L_T == m3.eps_L_T <= m3.thickness
    recal = na64.with_calibration(1.0 * cm)
    assert recal.eps_L_T == pytest.approx(1.0 * cm) and recal.n_mot == na64.n_mot
    more = na64.with_mot(1e12)
    assert more.projection and more.observed is None and more.expected_background == pytest.approx(1.0)
    with pytest.raises(ValueError, match="x_cut"):
        replace(na64, x_cut=1.2)
    with pytest.raises(ValueError, match="eps_L_T"):
        na64.with_calibration(-1.0)


# ----------------------------------------------------------------------------------------------------------------
# efficiencies
# ----------------------------------------------------------------------------------------------------------------
ALL_EFFICIENCIES = [D.EFFICIENCY_XENONNT_NR, D.EFFICIENCY_XENONNT_ER, D.EFFICIENCY_LZ_NR, D.EFFICIENCY_LZ_ER,
                    D.EFFICIENCY_AR_TANH, D.EFFICIENCY_CENNS10, D.EFFICIENCY_CSI_2017,
                    D.get_detector("CENNS-610").efficiency,
                    D.Efficiency("tabulated", "test table", grid=(1 * keV, 2 * keV, 4 * keV, 8 * keV, 100 * keV),
                                 values=(0.0, 0.3, 0.8, 0.9, 0.9))]


@pytest.mark.parametrize("eff", ALL_EFFICIENCIES, ids=lambda e: e.kind + "-" + e.source[:12])
def test_efficiency_limits(eff):
    e50 = eff.threshold_50
    p = eff.plateau
    if eff.kind == "step":
        assert float(eff(e50 * (1 - 1e-12))) == 0.0 and float(eff(e50)) == p
    else:
        assert float(eff(e50)) == pytest.approx(0.5, rel=1e-9)
    # far below: exactly 0 for curves with a natural zero, exponentially small for logistic/tanh tails
    if eff.kind in ("logistic", "tanh"):
        width = 1.0 / eff.slope if eff.kind == "logistic" else eff.slope / 2.0
        far = eff.e50 - 15.0 * width
        if far > 0:
            assert float(eff(far)) < p * 1e-6
        assert float(eff(0.0)) < float(eff(e50))
    else:
        assert float(eff(0.0)) == 0.0 and float(eff(1e-3 * e50)) < 1e-6
    # far above: the plateau
    top = eff.grid[-1] if eff.kind == "tabulated" else 50 * e50
    assert float(eff(top)) == pytest.approx(p, rel=1e-3)
    grid = np.geomspace(1e-3 * e50, top, 2000)
    vals = eff(grid)
    assert np.all(np.diff(vals) >= -1e-15) and np.all((vals >= 0) & (vals <= 1))


def test_hill_fits_reproduce_spec_points():
    xnt = D.EFFICIENCY_XENONNT_NR
    assert float(xnt(5.66 * keV)) == pytest.approx(0.5, rel=0.01)
    assert float(xnt(10 * keV)) == pytest.approx(0.85, rel=0.01)
    assert xnt.plateau == 0.97
    assert xnt.slope == pytest.approx(3.0, rel=0.15)  # authors' public code, github.com/dwpamaral/SNuDD: "k ~ 3"
    lz = D.EFFICIENCY_LZ_NR
    assert float(lz(3.83 * keV)) == pytest.approx(0.5, rel=0.01)
    assert float(lz(10 * keV)) == pytest.approx(0.99, abs=0.011)  # "about 0.99 above 10 keVnr"
    assert float(lz(30 * keV)) == pytest.approx(0.99, rel=0.005)
    assert float(D.EFFICIENCY_XENONNT_ER(1.51 * keV)) == pytest.approx(0.5, rel=0.01)
    assert float(D.EFFICIENCY_LZ_ER(1.47 * keV)) == pytest.approx(0.5, rel=0.01)


def test_csi_efficiency_against_pe_formula():
    eff = D.EFFICIENCY_CSI_2017
    e_ee = np.linspace(0.0, 5.0, 401) * keV
    pe = 13.348 * e_ee / keV
    twin = np.where(pe >= 5.0, 0.6655 / (1.0 + np.exp(-0.4942 * (pe - 10.8507))), 0.0)
    assert np.allclose(eff(e_ee), twin, rtol=1e-10, atol=1e-15)


def test_tanh_and_logistic_formulas():
    e = np.linspace(0, 20, 201) * keV
    assert np.allclose(D.EFFICIENCY_AR_TANH(e), 0.5 * (1 + np.tanh(e / keV - 4)), rtol=1e-12, atol=1e-15)
    e = np.linspace(0, 120, 241) * keV
    assert np.allclose(D.EFFICIENCY_CENNS10(e), 0.9462 / (1 + np.exp(-0.2231 * (e / keV - 14.985))), rtol=1e-12)


def test_efficiency_detector_true_energy_uses_quenching():
    det = D.get_detector("COHERENT-CsI-2017")
    e_nr = np.array([5.0, 10.0, 30.0]) * keV
    assert np.allclose(det.efficiency_true(e_nr), det.efficiency(0.0878 * e_nr), rtol=1e-12)
    det = D.get_detector("DARWIN-low-NR")
    assert np.allclose(det.efficiency_true(e_nr), det.efficiency(e_nr), rtol=0)


_EXTENDABLE = [D.EFFICIENCY_XENONNT_NR, D.EFFICIENCY_XENONNT_ER, D.EFFICIENCY_LZ_NR, D.EFFICIENCY_CENNS10,
               D.EFFICIENCY_AR_TANH]


@settings(max_examples=40, deadline=None)
@given(i=st.integers(0, len(_EXTENDABLE) - 1), frac=st.floats(0.02, 0.95))
def test_extension_moves_50_point_and_keeps_plateau(i, frac):
    eff = _EXTENDABLE[i]
    onset = eff.base_plateau_onset
    e_new = frac * onset
    ext = eff.extended(e_new)
    assert ext.threshold_50 == pytest.approx(e_new, rel=1e-12)
    assert float(ext(e_new)) == pytest.approx(0.5, rel=1e-9)
    start = max(onset, onset / ext.scale)  # raising the threshold pushes the shifted rise up to onset/scale
    above = np.geomspace(start * (1 + 1e-12), 20 * start, 50)
    assert np.array_equal(ext(above), eff(above))  # plateau region unchanged
    grid = np.geomspace(1e-3 * e_new, 20 * onset, 3000)
    vals = ext(grid)
    assert np.all(np.diff(vals) >= -1e-15)  # still monotone
    if e_new < eff.threshold_50:  # lowering: continuous at the onset
        assert float(ext(onset * (1 - 1e-9))) == pytest.approx(float(eff(onset)), rel=1e-6)
    # extensions are relative to the original curve: they do not compound
    again = ext.extended(0.5 * e_new)
    assert again == eff.extended(0.5 * e_new)


def test_extension_of_step_is_a_step_and_bad_thresholds_raise():
    step = D.get_detector("CENNS-610").efficiency
    ext = step.extended(20 * keV)
    assert float(ext(20 * keV * (1 - 1e-12))) == 0.0 and float(ext(20 * keV)) == 1.0
    with pytest.raises(ValueError, match="plateau onset"):
        D.EFFICIENCY_XENONNT_NR.extended(100 * keV)
    with pytest.raises(ValueError, match="new_threshold"):
        D.EFFICIENCY_XENONNT_NR.extended(-1 * keV)


@pytest.mark.parametrize("eff", _EXTENDABLE + [D.get_detector("CENNS-610").efficiency.extended(20 * keV),
                                               D.EFFICIENCY_XENONNT_NR.extended(1 * keV), D.EFFICIENCY_CSI_2017])
def test_tabulated_representation_for_kernels(eff):
    grid, vals = eff.tabulate(0.1 * keV, 200 * keV, n=4000)
    assert np.all(np.diff(grid) > 0) and grid[0] == pytest.approx(0.1 * keV) and grid[-1] == pytest.approx(200 * keV)
    assert np.array_equal(vals, eff(grid))
    probe = np.geomspace(0.11, 190, 997) * keV
    err = np.abs(np.interp(probe, grid, vals) - eff(probe))
    # linear interpolation of smooth curves on a fine log grid; jumps are resolved by the added points
    assert np.max(err) < 2e-3


# ----------------------------------------------------------------------------------------------------------------
# resolution
# ----------------------------------------------------------------------------------------------------------------
def test_resolution_formula_and_cap():
    res = D.RESOLUTION_XENONNT
    E = np.linspace(0.0, 30.0, 301) * keV
    Ek = E / keV
    assert np.allclose(res.sigma(E), Ek * (0.310 / np.sqrt(np.maximum(Ek, 1e-300)) + 0.0037) * keV, rtol=1e-12)
    cap = 1.51 * keV
    ext = res.extended(cap)
    low = E[(E > 0) & (E < cap)]
    assert np.allclose(ext.sigma(low) / low, float(res.fractional(cap)), rtol=1e-12)
    assert np.allclose(ext.fractional(low), float(res.fractional(cap)), rtol=1e-12)
    high = E[E >= cap]
    assert np.allclose(ext.sigma(high), res.sigma(high), rtol=1e-12)
    assert np.all(D.NO_RESOLUTION.sigma(E) == 0.0)
    assert D.RESOLUTION_LZ.fractional(1 * keV) == pytest.approx(0.33)


def test_detector_resolution_in_observable_energy():
    det = D.get_detector("XENONnT-NR")
    E = np.array([2.0, 5.0, 10.0]) * keV
    q = det.quenching
    expected = det.resolution.sigma(q.e_ee(E)) / q.jacobian(E)
    assert np.allclose(det.resolution_sigma(E), expected, rtol=1e-12)
    er = D.get_detector("XENONnT-ER")
    assert np.allclose(er.resolution_sigma(E), er.resolution.sigma(E), rtol=1e-12)


# ----------------------------------------------------------------------------------------------------------------
# quenching
# ----------------------------------------------------------------------------------------------------------------
QUENCHINGS = [D.QUENCHING_XE, D.QUENCHING_GE, D.QUENCHING_AR, D.QUENCHING_CSI, D.NO_QUENCHING]


@settings(max_examples=60, deadline=None)
@given(i=st.integers(0, len(QUENCHINGS) - 1), e_kev=st.floats(0.05, 200.0))
def test_quenching_jacobian_against_finite_differences(i, e_kev):
    q = QUENCHINGS[i]
    E = e_kev * keV
    h = 1e-5 * E
    fd = (float(q.e_ee(E + h)) - float(q.e_ee(E - h))) / (2 * h)
    assert float(q.jacobian(E)) == pytest.approx(fd, rel=1e-6)


@settings(max_examples=60, deadline=None)
@given(e1=st.floats(1e-3, 500.0), e2=st.floats(1e-3, 500.0))
def test_lindhard_in_unit_interval_and_increasing(e1, e2):
    lo, hi = sorted((e1, e2))
    for q in (D.QUENCHING_XE, D.QUENCHING_GE):
        L_lo, L_hi = (float(q.factor(x * keV)) for x in (lo, hi))
        assert 0.0 < L_lo < 1.0 and 0.0 < L_hi < 1.0
        assert L_hi >= L_lo


@settings(max_examples=40, deadline=None)
@given(i=st.integers(0, len(QUENCHINGS) - 1), e_kev=st.floats(0.01, 300.0))
def test_quenching_inverse_round_trip(i, e_kev):
    q = QUENCHINGS[i]
    E = e_kev * keV
    assert float(q.e_nr(q.e_ee(E))) == pytest.approx(E, rel=1e-10)


def test_quenching_formulas():
    E = np.array([1.0, 10.0, 100.0]) * keV
    assert np.allclose(D.QUENCHING_AR.factor(E), 0.246 + 7.8e-4 * E / keV, rtol=1e-14)
    assert np.allclose(D.QUENCHING_CSI.e_ee(E), 0.0878 * E, rtol=1e-14)
    # Lindhard, authors' public code, github.com/dwpamaral/SNuDD, written out independently
    eps = 11.5 * 54 ** (-7 / 3) * E / keV
    g = 3 * eps**0.15 + 0.7 * eps**0.6 + eps
    assert np.allclose(D.QUENCHING_XE.factor(E), 0.1735 * g / (1 + 0.1735 * g), rtol=1e-12)
    # Ge: the adiabatic factor suppresses the Lindhard value near xi = 0.16 keV and is ~1 well above it
    ge = D.QUENCHING_GE
    lind_ge = D.Quenching("lindhard", "test", Z=32.0, k=0.1789)
    ratio = ge.factor(E) / lind_ge.factor(E)
    assert np.allclose(ratio, ge.eta * ge.gamma * (1 - np.exp(-E / (0.16 * keV))), rtol=1e-12)
    assert ge.eta * ge.gamma == pytest.approx(0.997, abs=1e-3)


# ----------------------------------------------------------------------------------------------------------------
# binning, threshold and exposure changes
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", RESPONSE_DETECTORS)
def test_bin_edges_strictly_increasing_from_threshold(name):
    det = D.get_detector(name)
    edges = det.bin_edges()
    assert np.all(np.diff(edges) > 0)
    assert edges[0] == det.threshold * det.first_edge_fraction and edges[-1] == det.e_max
    assert det.n_bins == edges.size - 1 == det.background_per_bin().size


@settings(max_examples=80, deadline=None)
@given(lo=st.floats(0.0, 40.0), span=st.floats(0.05, 100.0), fine=st.booleans())
def test_binning_rule_properties(lo, span, fine):
    rule = D.BINNING_NR_DD if fine else D.BINNING_SPALLATION
    edges = rule.edges(lo * keV, (lo + span) * keV)
    w = np.diff(edges)
    assert edges[0] == lo * keV and edges[-1] == pytest.approx((lo + span) * keV, rel=1e-15)
    assert np.all(w > 0)
    assert np.all(w <= 1.5 * rule.width * (1 + 1e-9))


def test_with_threshold_rebins_and_extends():
    det = D.get_detector("DARWIN-high-NR")
    low = det.with_threshold(1.0 * keV)
    assert low.bin_edges()[0] == 1.0 * keV
    assert [round(float(e / keV), 6) for e in low.bin_edges()] == [1.0, 2.0, 3.0, 4.0, 5.0, 10.0]
    assert float(low.efficiency(1.0 * keV)) == pytest.approx(0.5, rel=1e-9)
    # resolution capped at the original (XENONnT) 50 % point, in keVee
    cap = float(D.QUENCHING_XE.e_ee(5.66 * keV))
    assert low.resolution.cap_energy == pytest.approx(cap, rel=1e-9)
    assert det.with_threshold(det.threshold) is det
    # the recipe of the authors' notebooks, "step at E_th, bins from E_th": CENNS-610 at 20
    # keVnr
    c610 = D.get_detector("CENNS-610").with_threshold(20 * keV)
    assert np.allclose(c610.bin_edges() / keV, np.arange(20, 121, 10))
    assert float(c610.efficiency(19.999 * keV)) == 0.0 and float(c610.efficiency(20 * keV)) == 1.0
    # ER detector: thresholds in keVee
    er = D.get_detector("DARWIN-low-ER").with_threshold(1.0 * keV)
    assert float(er.efficiency(1.0 * keV)) == pytest.approx(0.5, rel=1e-9)
    # an NR detector whose efficiency is in keVee: the 50 % point moves to Q(E_th) E_th
    csi = D.get_detector("COHERENT-CsI-2017").with_threshold(6 * keV)
    assert float(csi.efficiency_true(6 * keV)) == pytest.approx(0.5, rel=1e-9)
    assert csi.projection and csi.measurement is None
    with pytest.raises(ValueError, match="E_th"):
        det.with_threshold(20 * keV)
    with pytest.raises(ValueError, match="E_th"):
        det.with_threshold(-1 * keV)


def test_with_exposure():
    det = D.get_detector("DARWIN-low-ER")
    big = det.with_exposure(1000 * tonne * year)
    assert np.allclose(big.background_per_bin(), 5 * det.background_per_bin(), rtol=1e-12)
    sp = D.get_detector("CCM")
    doubled = sp.with_exposure(2 * sp.exposure)
    assert doubled.mass == sp.mass and doubled.n_pot == pytest.approx(2 * sp.n_pot, rel=1e-12)
    meas = D.get_detector("XENONnT-8B-2024").with_exposure(7.02 * tonne * year)
    assert meas.projection and meas.measurement is None
    assert meas.background_per_bin() == pytest.approx([52.8])
    with pytest.raises(ValueError, match="exposure"):
        det.with_exposure(-1.0)
    with pytest.raises(ValueError, match="mass"):
        D.get_detector("COHERENT-Ge-2024").with_exposure(1.0)


# ----------------------------------------------------------------------------------------------------------------
# validation
# ----------------------------------------------------------------------------------------------------------------
def test_detector_validation_errors_name_the_field():
    det = D.get_detector("DARWIN-low-NR")
    with pytest.raises(ValueError, match="exposure"):
        replace(det, exposure=-1.0)
    with pytest.raises(ValueError, match="threshold"):
        replace(det, threshold=det.e_max)
    with pytest.raises(ValueError, match="channel"):
        replace(det, channel="XR")
    with pytest.raises(ValueError, match="observable"):
        replace(det, channel="ER")
    with pytest.raises(ValueError, match="kind"):
        replace(det, kind="reactor")
    with pytest.raises(ValueError, match="sigma_norm"):
        replace(det, sigma_norm=float("nan"))
    with pytest.raises(ValueError, match="source"):
        replace(det, source="")
    with pytest.raises(ValueError, match="beam"):
        replace(D.get_detector("CCM"), beam=None)
    with pytest.raises(ValueError, match="exposure"):
        replace(D.get_detector("CCM"), exposure=1.0)  # inconsistent with mass * n_pot
    with pytest.raises(ValueError, match="counts"):
        replace(D.get_detector("XENONnT-8B-2024"), binning=D.BINNING_NR_DD)


def test_response_validation_errors():
    with pytest.raises(ValueError, match="kind"):
        D.Efficiency("sigmoid", "x")
    with pytest.raises(ValueError, match="plateau"):
        D.Efficiency("step", "x", plateau=1.2)
    with pytest.raises(ValueError, match="source"):
        D.Efficiency("step", "")
    with pytest.raises(ValueError, match="E"):
        D.EFFICIENCY_XENONNT_NR(-1 * keV)
    with pytest.raises(ValueError, match="finite"):
        D.EFFICIENCY_XENONNT_NR(np.array([1.0, np.nan]) * keV)
    with pytest.raises(ValueError, match="E_nr"):
        D.QUENCHING_XE.jacobian(-1.0)
    with pytest.raises(ValueError, match="kind"):
        D.Quenching("birks", "x")
    with pytest.raises(ValueError, match="kind"):
        D.Resolution("lorentz", "x")
    with pytest.raises(ValueError, match="edges"):
        D.BACKGROUND_DARWIN_ER.per_bin([2.0, 1.0], 1.0)
    with pytest.raises(ValueError, match="plateau"):
        D.Efficiency("step", "x", plateau=0.4, e50=1 * keV).threshold_50
    with pytest.raises(ValueError, match="source_name"):
        D.SpallationBeam("J-PARC", 1e23, 20 * m, 0.1, "x")


# ----------------------------------------------------------------------------------------------------------------
# the detector's folding (Detector.response)
# ----------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("plateau", [1.0, 0.6])
def test_response_of_a_sharp_detector_integrates_each_bin(plateau):
    """Without resolution or quenching, folding dR/dE = 1 gives plateau x bin width (step efficiency at the
    threshold), and dR/dE = E gives plateau x (E_hi^2 - E_lo^2)/2, to 1e-10 with 8 Gauss-Legendre nodes in ln E
    per interval (the weights alone integrate a constant to rounding); nodes beyond ``max_energy`` are dropped."""
    det = D.Detector(
        name="sharp", label="sharp", kind="solar", channel="NR", target="Xe", observable="nr",
        exposure=1 * tonne * year, threshold=1 * keV, e_max=10 * keV, binning=D.Binning(3 * keV, "demo"),
        efficiency=D.Efficiency("step", "demo", e50=1 * keV, plateau=plateau),
        resolution=D.Resolution("none", "demo"), quenching=D.Quenching("none", "demo"),
        background=D.Background("none", "demo"), sigma_norm=0.0, source="demo", projection=True)
    edges = det.bin_edges()
    E, R = det.response()
    np.testing.assert_allclose(R @ np.ones_like(E), plateau * np.diff(edges), rtol=1e-12)
    np.testing.assert_allclose(R @ E, plateau * np.diff(edges**2) / 2, rtol=1e-10)
    E5, R5 = det.response(max_energy=5 * keV, breakpoints=[2.5 * keV])
    assert E5.max() < 5 * keV
    np.testing.assert_allclose(R5 @ np.ones_like(E5), plateau * np.clip(np.diff(np.minimum(edges, 5 * keV)), 0, None),
                               rtol=1e-12)
