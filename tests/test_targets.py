"""Tests of lmt_lib.targets: nuclei, isotopic mixtures, the Helm form factor and atomic binding (stepping).

Oracles
-------
- Reference numbers: Helm F^2 of Lewin & Smith 1996 (Xe131 at 1, 5, 10 keV; Ar40 at 10, 20, 50, 100 keV; tol 1e-3 abs);
  Z_eff(Xe) = 40, 52, 54 at 1, 10, 40 keV (exact); the atomic masses (exact); the standard
  atomic weights of Xe (131.293(6)), Ar (39.948, atmospheric) and Ge (72.630(8)) from IUPAC (tol: their uncertainty).
- Independent reimplementation: a numpy twin of the Helm factor built on scipy.special.spherical_jn (rtol 1e-10);
  a numpy twin of the stepping sum.
- Analytic limits: F(0) = 1 and 1 - F = q^2 <r^2>/6 at small q with <r^2> = 3R^2/5 + 3s^2; Z_eff = Z above the K
  shell and 0 below the outermost shell.
- Conservation: mass fractions sum to 1; CsI has as many Cs as I nuclei; N_T = M/m_N for one isotope.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import spherical_jn

from lmt_lib import targets as T
from lmt_lib.units import HBAR_C_GEV_CM, amu, eV, keV, m_e, tonne

FM = HBAR_C_GEV_CM * 1e13  # fm per GeV^-1


def helm_twin(q, A):
    """Helm F (Lewin & Smith, Astropart. Phys. 6 (1996) 87) with scipy's spherical Bessel function; q in GeV."""
    qf = np.asarray(q, dtype=float) / FM
    c = 1.23 * A ** (1 / 3) - 0.6
    R = np.sqrt(c**2 + 7 / 3 * math.pi**2 * 0.52**2 - 5 * 0.9**2)
    x = qf * R
    with np.errstate(invalid="ignore", divide="ignore"):
        j = np.where(x > 0, 3 * spherical_jn(1, x) / np.where(x > 0, x, 1.0), 1.0)
    return j * np.exp(-0.5 * qf**2 * 0.9**2)


@pytest.mark.parametrize(
    "nuc, E_keV, F2",
    [("Xe131", 1, 0.9533), ("Xe131", 5, 0.7850), ("Xe131", 10, 0.6118),
     ("Ar40", 10, 0.9289), ("Ar40", 20, 0.8624), ("Ar40", 50, 0.6879), ("Ar40", 100, 0.4668)],
)
def test_helm_spec_values(nuc, E_keV, F2):
    n = T.NUCLEI[nuc]
    q = math.sqrt(2 * n.mass * E_keV * keV)
    assert T.helm_form_factor(q, n.A) ** 2 == pytest.approx(F2, abs=1e-3)
    assert T.form_factor_squared(E_keV * keV, nuc) == pytest.approx(F2, abs=1e-3)


@settings(max_examples=200, deadline=None)
@given(q=st.floats(1e-4, 0.6), A=st.integers(1, 250))
def test_helm_twin(q, A):
    assert T.helm_form_factor(q, A) == pytest.approx(float(helm_twin(q, A)), rel=1e-10, abs=1e-14)
    assert T._helm_f2(q, float(A)) == pytest.approx(float(helm_twin(q, A)) ** 2, rel=1e-10, abs=1e-14)


def test_helm_small_q_limit_and_series_switch():
    A = 131
    c = 1.23 * A ** (1 / 3) - 0.6
    R2 = c**2 + 7 / 3 * math.pi**2 * 0.52**2 - 5 * 0.9**2
    r2 = 0.6 * R2 + 3 * 0.9**2  # fm^2
    assert T.helm_form_factor(0.0, A) == 1.0
    q = 1e-5  # GeV
    one_minus_f = 1 - T.helm_form_factor(q, A)
    assert one_minus_f == pytest.approx((q / FM) ** 2 * r2 / 6, rel=1e-6)
    # continuity across the series/closed-form switch at qR = 0.05
    qs = 0.05 * FM / math.sqrt(R2) * np.array([1 - 1e-9, 1 + 1e-9])
    f = T.helm_form_factor(qs, A)
    assert abs(f[0] - f[1]) < 1e-12
    assert np.allclose(f, helm_twin(qs, A), rtol=1e-12)


def test_spec_masses_and_composition():
    assert T.NUCLEI["Xe131"].mass == pytest.approx(130.90508414 * amu, rel=1e-15)
    assert T.NUCLEI["Ar40"].mass == pytest.approx(39.96238312 * amu, rel=1e-15)
    assert T.NUCLEI["Ge73"].mass == pytest.approx(72.9234590 * amu, rel=1e-15)
    assert T.NUCLEI["Cs133"].mass == pytest.approx(132.905452 * amu, rel=1e-15)
    assert T.NUCLEI["I127"].mass == pytest.approx(126.904473 * amu, rel=1e-15)
    assert (T.NUCLEI["Xe131"].Z, T.NUCLEI["Xe131"].N) == (54, 77)
    # standard atomic weights with their IUPAC uncertainties (Ar: atmospheric argon)
    for el, weight, tol in (("Xe", 131.293, 6e-3), ("Ar", 39.948, 1e-3), ("Ge", 72.630, 8e-3)):
        ab, _ = T.ABUNDANCES[el]
        assert sum(x for _, x in ab) == pytest.approx(1.0, abs=2e-4)
        t = T.TARGETS[el]
        assert t.mass_fractions.sum() == pytest.approx(1.0, abs=1e-12)
        assert t.mean_atomic_mass / amu == pytest.approx(weight, abs=tol)
        # abundances (number fractions) are recovered from the mass fractions
        x = np.array([v for _, v in ab])
        assert np.allclose(t.number_fractions(), x / x.sum(), rtol=1e-12)


def test_nuclei_per_mass():
    n = T.TARGETS["Xe131"].nuclei_per_mass() * tonne
    assert n[0] == pytest.approx(tonne / T.NUCLEI["Xe131"].mass, rel=1e-14)
    csi = T.TARGETS["CsI"]
    n = csi.nuclei_per_mass()
    assert n[0] == pytest.approx(n[1], rel=1e-12)
    assert csi.mass_fractions[0] == pytest.approx(132.905452 / (132.905452 + 126.904473), rel=1e-12)
    # natural xenon: sum over isotopes of N_i m_i is the target mass
    xe = T.TARGETS["Xe"]
    assert float(np.sum(xe.nuclei_per_mass() * [nu.mass for nu in xe.nuclei])) == pytest.approx(1.0, rel=1e-12)


def test_nuclear_mass():
    x = T.NUCLEI["Xe131"]
    d = x.mass - x.nuclear_mass
    assert 0 < d < x.Z * m_e
    # Z m_e minus the total electron binding (about 0.2 MeV for Xe, Lunney et al. RMP 75 (2003) 1021)
    assert x.Z * m_e - d == pytest.approx(0.2 * 1e-3, rel=0.05)


def z_twin(B, n, E):
    return np.sum(np.where(np.asarray(B)[None, :] < np.asarray(E)[:, None], n, 0), axis=1)


def test_z_effective_xenon_spec():
    assert T.z_effective("Xe", np.array([1, 10, 40]) * keV).tolist() == [40.0, 52.0, 54.0]
    assert T.z_effective("Xe131", 40 * keV) == 54.0


@pytest.mark.parametrize("el, Z", [("Xe", 54), ("Ar", 18), ("Ge", 32)])
def test_z_effective_limits_and_twin(el, Z):
    tab = T.SHELLS[el]
    assert tab.Z == Z
    assert T.z_effective(el, 200 * keV) == Z
    B = np.array(tab.binding)
    assert T.z_effective(el, 0.0) == float(np.sum(np.array(tab.counts)[B < 0.0]))
    E = np.geomspace(1 * eV, 100 * keV, 300)
    z = T.z_effective(el, E)
    assert np.all(np.diff(z) >= 0)
    assert np.array_equal(z, z_twin(B, np.array(tab.counts), E))


def test_bad_inputs():
    with pytest.raises(ValueError, match="unknown target"):
        T.z_effective("Kr", 1 * keV)
    with pytest.raises(ValueError, match="no atomic-shell table"):
        T.z_effective("CsI", 1 * keV)
    with pytest.raises(ValueError, match="E_R"):
        T.z_effective("Xe", -1 * keV)
    with pytest.raises(ValueError, match="E_R"):
        T.z_effective("Xe", float("nan"))
    with pytest.raises(ValueError, match="q="):
        T.helm_form_factor(-0.01, 131)
    with pytest.raises(ValueError, match="mass number"):
        T.helm_form_factor(0.01, 0)
    with pytest.raises(ValueError, match="unknown nucleus"):
        T.get_nucleus("Xe999")
    with pytest.raises(ValueError, match="sum to 1"):
        T.Target("bad", ((T.NUCLEI["Ar40"], 0.5),))
    with pytest.raises(ValueError, match="Z="):
        T.Nucleus("bad", 0, 10, 1.0)
    with pytest.raises(ValueError, match="mass"):
        T.Nucleus("bad", 1, 1, -1.0)
    with pytest.raises(ValueError, match="abundances"):
        T.from_abundances("bad", [("Ar40", -1.0)])
