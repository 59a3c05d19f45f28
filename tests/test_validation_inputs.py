"""Tests of the inputs behind the numerics-and-validation appendix: measured P_ee table and validation figures.

Oracles:
- published numbers: each measured survival probability is the value printed in the paper's abstract (Borexino
  7Be 0.51 +- 0.07 at 862 keV, arXiv:1104.1816; Borexino 8B 0.29 +- 0.10 above 3 MeV, arXiv:0808.2868; SNO salt
  fluxes phi_CC = 1.68, phi_NC = 4.94, arXiv:nucl-ex/0502021), checked exactly;
- independent reimplementation: the derived SNO CC/NC ratio and its error are recomputed here with numpy from the
  published flux components;
- physics consistency: the library's adiabatic-MSW P_ee (the adiabatic MSW matter angle; the incoherent
mass-eigenstate mixture) agrees with every measurement within
  2 sigma (the LMA solution describes these data);
- symmetry: the mu <-> tau split drawn by ``plotting.flavour_split`` is antisymmetric under delta -> delta + 180 deg
  at theta_23 = 45 deg (the exact symmetry (theta23, delta) -> (90 - theta23, delta + 180) of the module docstring),
  and its delta = 0 value at the authors' theta_23 is the independent calculation's value
  entry P_emu - P_etau = 0.2324 - 0.4342;
- the matplotlib artist tree of the new figures (labels, scales, what is drawn equals what the library computes).
"""

import math

import numpy as np
import pytest

from lmt_lib import oscillations, plotting
from lmt_lib.fluxes import solar, spallation
from lmt_lib.units import MeV, cm, s


# ---------------------------------------------------------------------------------------------------------------
# the measured P_ee table
# ---------------------------------------------------------------------------------------------------------------
def test_published_values_are_the_abstract_numbers():
    be7 = oscillations.measured_survival("Borexino 7Be (2011)")
    assert (be7.value, be7.error) == (0.51, 0.07)
    assert be7.is_line and be7.E_range[0] == pytest.approx(0.862 * MeV, rel=1e-12)
    assert "1104.1816" in be7.source
    b8 = oscillations.measured_survival("Borexino 8B (2010)")
    assert (b8.value, b8.error) == (0.29, 0.10)
    assert not b8.is_line and "0808.2868" in b8.source


def test_sno_ratio_is_derived_from_the_published_fluxes():
    cc, cc_stat, cc_syst = 1.68, 0.06, 0.5 * (0.08 + 0.09)
    nc, nc_stat, nc_syst = 4.94, 0.21, 0.5 * (0.38 + 0.34)
    r = cc / nc
    err = r * np.sqrt((np.hypot(cc_stat, cc_syst) / cc) ** 2 + (np.hypot(nc_stat, nc_syst) / nc) ** 2)
    sno = oscillations.measured_survival("SNO CC/NC (salt, 2005)")
    assert sno.value == pytest.approx(r, abs=5e-5)
    assert sno.error == pytest.approx(err, abs=5e-5)
    assert "nucl-ex/0502021" in sno.source and "DERIVED" in sno.note


def test_every_entry_is_complete_and_cited():
    names = [m.name for m in oscillations.MEASURED_SURVIVAL]
    assert len(set(names)) == len(names)
    for m in oscillations.MEASURED_SURVIVAL:
        assert m.component in oscillations.COMPONENTS
        assert 0 < m.value < 1 and 0 < m.error < m.value
        # 1.001: Borexino quotes "862 keV" for the 861.3 keV line
        assert 0 < m.E_range[0] <= m.E_range[1] <= solar.endpoint(m.component) * 1.001
        assert "arXiv:" in m.source


@pytest.mark.parametrize("m", oscillations.MEASURED_SURVIVAL, ids=lambda m: m.name)
def test_lma_msw_prediction_agrees_with_each_measurement(m):
    lo, hi = m.E_range
    E = np.geomspace(lo, hi, 50)
    P = oscillations.survival_probability(m.component, E)
    # the measurement averages over [lo, hi]: the prediction somewhere in that range lies within 2 sigma
    assert np.min(np.abs(P - m.value)) < 2 * m.error


def test_accessor_by_component_and_errors():
    assert {m.name for m in oscillations.measured_survival(component="8B")} == {
        "Borexino 8B (2010)", "SNO CC/NC (salt, 2005)"}
    assert oscillations.measured_survival(component="pp") == ()
    assert oscillations.measured_survival() is oscillations.MEASURED_SURVIVAL
    with pytest.raises(ValueError, match="Borexino 7Be"):
        oscillations.measured_survival("Kamiokande")
    with pytest.raises(ValueError, match="9C"):
        oscillations.measured_survival(component="9C")
    with pytest.raises(ValueError, match="either"):
        oscillations.measured_survival("Borexino 7Be (2011)", component="7Be")


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(component="9C"), "component"),
        (dict(value=1.2), "value"),
        (dict(error=0.0), "error"),
        (dict(E_range=(2 * MeV, 1 * MeV)), "E_range"),
        (dict(source=""), "source"),
    ],
)
def test_measured_survival_rejects_bad_input(kwargs, match):
    good = dict(name="x", component="8B", value=0.3, error=0.05, E_range=(5 * MeV, 10 * MeV), source="a paper")
    good.update(kwargs)
    with pytest.raises(ValueError, match=match):
        oscillations.MeasuredSurvival(**good)


# ---------------------------------------------------------------------------------------------------------------
# validation figures
# ---------------------------------------------------------------------------------------------------------------
def test_solar_spectra_draws_every_component_with_its_flux():
    ax = plotting.solar_spectra()
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    labels = [ln.get_label() for ln in ax.get_lines()]
    for comp in solar.CONTINUOUS_COMPONENTS:
        assert comp in labels
    # the top of each line marker is the line flux in cm^-2 s^-1
    tops = sorted(float(ln.get_ydata()[0]) for ln in ax.get_lines() if ln.get_marker() == "v")
    expected = sorted(f / (1 / (cm**2 * s)) for c in solar.LINE_COMPONENTS for _, f in solar.lines(c))
    np.testing.assert_allclose(tops, expected, rtol=1e-12)


def test_michel_spectra_marks_prompt_line_and_means():
    ax = plotting.michel_spectra()
    xs = sorted(float(ln.get_xdata()[0]) for ln in ax.get_lines() if len(set(ln.get_xdata())) == 1)
    # the two means (0.3 m_mu and 0.35 m_mu, π-DAR fluxes) and the prompt energy
    m_mu = 2 * spallation.MICHEL_ENDPOINT / MeV
    np.testing.assert_allclose(xs, sorted([0.3 * m_mu, 0.35 * m_mu, spallation.prompt_energy() / MeV]), rtol=1e-4)
    assert "MeV" in ax.get_xlabel()


def test_survival_probability_figure_shows_library_curve_and_data():
    ax = plotting.survival_probability(("8B",))
    solid = [ln for ln in ax.get_lines() if ln.get_label() == "8B"][0]
    E = np.asarray(solid.get_xdata()) * MeV
    np.testing.assert_allclose(solid.get_ydata(), oscillations.survival_probability("8B", E), rtol=1e-12)
    assert len(ax.containers) == len(oscillations.measured_survival(component="8B"))
    assert plotting.survival_probability(("pp",), measured=False).containers == []


def test_flavour_split_matches_spec_and_mu_tau_symmetry():
    ax = plotting.flavour_split("8B", 10 * MeV, theta23_deg=(45.0, 49.26), n=73)  # 5 degree steps
    lines = {ln.get_label(): ln for ln in ax.get_lines() if "theta" in ln.get_label()}
    sym = np.asarray(lines[r"$\theta_{23}=45°$"].get_ydata())
    np.testing.assert_allclose(sym[:36], -sym[36:72], atol=1e-12)  # delta -> delta + 180 deg flips the split
    authors = np.asarray(lines[r"$\theta_{23}=49.26°$"].get_ydata())
    assert authors[0] == pytest.approx(0.2324 - 0.4342, abs=0.005)  # independent calculation, delta = 0
    assert math.isclose(ax.get_xlim()[1], 360.0)


def test_relative_difference_draws_what_it_is_given():
    x = np.array([0.5, 1.0, 2.0])
    ax = plotting.relative_difference(x, {"NR": [1e-5, -2e-5, 3e-5], "ER": [0.0, 1e-6, -1e-6]})
    assert [ln.get_label() for ln in ax.get_lines()[:2]] == ["NR", "ER"]
    np.testing.assert_array_equal(ax.get_lines()[0].get_ydata(), [1e-5, -2e-5, 3e-5])
    assert ax.get_xscale() == "log"
