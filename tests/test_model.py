"""Tests of the hidden-photon models and the loop-induced kinetic mixing.

Oracles:
- analytic: eps(0)/g = e ln(m_mu/m_tau)/(6 pi^2) (2006.11225 Eq. (7) at q^2 = 0; Eq. (7) of arXiv:2006.11225 at q² = 0);
- independent reimplementation: the Feynman-parameter integral of Eq. (7) of arXiv:2006.11225 done by scipy quad;
- published/derived numbers: Amaral et al., arXiv:2006.11225 table and section 12 items 1-2 (tolerance 1e-4 relative),
  DarkCast's closed form for timelike q^2 (DarkCast's closed form, arXiv:1801.04847);
- symmetry: eps is odd in g, even under (mu <-> tau with Q' -> -Q'); the Lmu model with Lambda = m_tau equals
  Lmu-Ltau at q^2 = 0; decoupling for |q^2| >> m_tau^2.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate

from lmt_lib import model
from lmt_lib.model import _mixing_ratio_spacelike
from lmt_lib.units import GeV, MeV, TeV, e_charge, m_mu, m_tau


def eps_quad(g, q2, m1=m_mu, m2=m_tau):
    """Eq. (7) of arXiv:2006.11225 by direct numerical integration (spacelike or timelike below threshold)."""
    f = lambda x: x * (1 - x) * math.log((m2**2 - x * (1 - x) * q2) / (m1**2 - x * (1 - x) * q2))  # noqa: E731
    val, _ = integrate.quad(f, 0, 1, epsabs=0, epsrel=1e-12, limit=200)
    return -e_charge * g / (2 * math.pi**2) * val


def test_eps0_analytic():
    expected = e_charge / (6 * math.pi**2) * math.log(m_mu / m_tau)
    assert model.kinetic_mixing(1.0) == pytest.approx(expected, rel=1e-12)
    # computed here: -0.014433, g/|eps| = 69.29
    assert model.kinetic_mixing(1.0) == pytest.approx(-0.014433, rel=1e-4)
    assert 1 / abs(model.kinetic_mixing(1.0)) == pytest.approx(69.29, abs=0.01)


@pytest.mark.parametrize(
    "Q_MeV, ratio",
    [(10, 0.9997), (30, 0.9972), (50, 0.9923), (100, 0.9711), (200, 0.9060), (1000, 0.4986)],
)
def test_spacelike_ratios_spec_table(Q_MeV, ratio):
    Q2 = (Q_MeV * MeV) ** 2
    assert model.kinetic_mixing(1.0, -Q2) / model.kinetic_mixing(1.0) == pytest.approx(ratio, abs=1e-4)
    assert model.mixing_ratio(Q2) == pytest.approx(ratio, abs=1e-4)


@pytest.mark.parametrize("M_MeV, ratio", [(10, 1.0003), (50, 1.0081), (100, 1.0351), (200, 1.2587)])
def test_timelike_ratios_spec(M_MeV, ratio):
    q2 = (M_MeV * MeV) ** 2
    assert model.kinetic_mixing(1.0, q2) / model.kinetic_mixing(1.0) == pytest.approx(ratio, abs=1e-4)


def test_timelike_matches_darkcast_closed_form():
    # DarkCast's closed form, arXiv:1801.04847 at m = 200 MeV: e|eps|/g = e^2/(12 pi^2 m^3) |...|
    mm = 200 * MeV
    s_mu, s_tau = math.sqrt(4 * m_mu**2 - mm**2), math.sqrt(4 * m_tau**2 - mm**2)
    bracket = (4 * mm * (m_mu**2 - m_tau**2) - 2 * (mm**2 + 2 * m_mu**2) * s_mu * math.atan(mm / s_mu)
               + 2 * (mm**2 + 2 * m_tau**2) * s_tau * math.atan(mm / s_tau) - mm**3 * math.log(m_mu**2 / m_tau**2))
    e_eps_over_g = e_charge**2 / (12 * math.pi**2 * mm**3) * abs(bracket)
    assert abs(model.kinetic_mixing(1.0, mm**2)) * e_charge == pytest.approx(e_eps_over_g, rel=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.floats(min_value=-4.0, max_value=0.04), st.floats(min_value=1e-6, max_value=1.0))
def test_matches_direct_quadrature(q2, g):
    q2 = q2 * GeV**2
    assert model.kinetic_mixing(g, q2) == pytest.approx(eps_quad(g, q2), rel=1e-8, abs=1e-15)


@settings(max_examples=50, deadline=None)
@given(st.floats(min_value=0.0, max_value=100.0))
def test_numba_ratio_kernel_matches_numpy(Q2):
    assert _mixing_ratio_spacelike(Q2, m_mu**2, m_tau**2) == pytest.approx(
        float(model.mixing_ratio(Q2)), rel=1e-10)


@given(st.floats(min_value=-1.0, max_value=1.0, allow_nan=False))
def test_eps_is_odd_in_g(g):
    assert model.kinetic_mixing(-g) == pytest.approx(-model.kinetic_mixing(g), abs=1e-18)
    assert model.kinetic_mixing(g) == pytest.approx(g * model.kinetic_mixing(1.0), rel=1e-12, abs=1e-18)


def test_charge_conjugate_model_flips_sign():
    # Q' -> -Q' (an L_tau - L_mu model) flips the mixing
    flipped = tuple(-q for q in model.MODEL_CHARGES["Lmu-Ltau"])
    assert model.kinetic_mixing(1.0, -0.01, flipped) == pytest.approx(-model.kinetic_mixing(1.0, -0.01))


def test_decoupling_at_large_momentum():
    r = [abs(model.mixing_ratio(Q2)) for Q2 in (1e2, 1e4, 1e6)]
    assert r[0] > r[1] > r[2]
    assert r[2] < 1e-4


def test_monotonic_spacelike():
    Q2 = np.geomspace(1e-8, 1e3, 200)
    r = model.mixing_ratio(Q2)
    assert np.all(np.diff(r) <= 0)
    assert r[0] == pytest.approx(1.0, abs=1e-7)  # the leading correction is Q^2/(30 m_mu^2 ln(m_tau^2/m_mu^2)/6) ~ 3e-8


def test_lmu_model_cutoff():
    A = model.lmu(10 * MeV, 1.0)
    assert A.eps0 == pytest.approx(model.kinetic_mixing(1.0), rel=1e-12)
    high = model.lmu(10 * MeV, 1.0, cutoff=1 * TeV)
    assert high.eps0 == pytest.approx(e_charge / (6 * math.pi**2) * math.log(m_mu / TeV), rel=1e-12)
    assert abs(high.eps0) > abs(A.eps0)


def test_model_objects():
    A = model.lmu_ltau(10 * MeV, 5e-4)
    assert A.charge("nu_tau") == -1.0 and A.charge("mu") == 1.0
    assert np.allclose(A.neutrino_charges, [0, 1, -1])
    assert A.g_eps == pytest.approx(5e-4 * 5e-4 * model.kinetic_mixing(1.0))
    B = model.lmu(10 * MeV, 5e-4)
    assert np.allclose(B.neutrino_charges, [0, 1, 0])
    C = A.with_(epsilon=1e-5)
    assert C.eps0 == 1e-5 and C.g == A.g
    R = model.lmu_ltau(10 * MeV, 5e-4, running=True)
    assert R.eps(-((100 * MeV) ** 2)) == pytest.approx(0.9711 * R.eps0, rel=1e-4)
    assert A.eps(-((100 * MeV) ** 2)) == A.eps0
    assert model.model("Lmu", 10 * MeV, 1e-4).name == "Lmu"


def test_invisible_branching_ratio():
    assert model.invisible_branching_ratio(model.lmu_ltau(100 * MeV, 1e-3)) == 1.0
    # well above 2 m_mu: 1/(1+f) -> 1/2 for Lmu-Ltau, 1/(1+2f) -> 1/3 for Lmu (tree-level widths)
    assert model.invisible_branching_ratio(model.lmu_ltau(1.5 * GeV, 1e-3)) == pytest.approx(0.5, abs=0.01)
    assert model.invisible_branching_ratio(model.lmu(1.5 * GeV, 1e-3)) == pytest.approx(1 / 3, abs=0.01)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"mass": -1.0, "g": 1e-4}, "mass"),
        ({"mass": 0.0, "g": 1e-4}, "mass"),
        ({"mass": float("nan"), "g": 1e-4}, "mass"),
        ({"mass": 0.01, "g": float("nan")}, "coupling g"),
        ({"mass": 0.01, "g": float("inf")}, "coupling g"),
    ],
)
def test_bad_model_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        model.lmu_ltau(**kwargs)


def test_bad_mixing_input():
    with pytest.raises(ValueError, match="q2"):
        model.kinetic_mixing(1.0, 1.0)  # above the muon-pair threshold
    with pytest.raises(ValueError, match="cutoff"):
        model.kinetic_mixing(1.0, 0.0, model.MODEL_CHARGES["Lmu"])
    with pytest.raises(ValueError, match="charges"):
        model.kinetic_mixing(1.0, 0.0, (1, 2, 3))
    with pytest.raises(ValueError, match="unknown model"):
        model.model("B-L", 0.01, 1e-4)
    with pytest.raises(ValueError, match="unknown fermion"):
        model.lmu_ltau(0.01, 1e-4).charge("quark")
    with pytest.raises(ValueError, match="Q2"):
        model.mixing_ratio(-1.0)
