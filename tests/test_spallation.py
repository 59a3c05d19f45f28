"""Tests of lmt_lib.fluxes.spallation: pi-DAR spectra, normalisation and timing.

Oracles
-------
- Reference numbers: E_p = 29.792 MeV; Michel pdfs integrate to 1 (1e-10) with means 0.3 m_mu = 31.70 MeV and
  0.35 m_mu = 36.98 MeV (tol 1e-2 MeV on the rounded values, 1e-10 on the exact fractions); the
  r and pulse values of π-DAR fluxes/5.5.
- Analytic: the CDF is the integral of the pdf; Simpson on the table is exact for the cubic; fluence scales as
  1/L^2 and is unit-consistent.
- Independent reimplementation: the timing pdfs against a direct numerical convolution of the Gaussian pulse with
  the decay-time densities (scipy quad, rtol 1e-7); their means are tau_pi (prompt) and tau_pi + tau_mu (delayed),
  their normalisation is 1; the narrow-pulse limit is the bare decay density.
- Stability: the 2.86 ms ESS pulse gives finite densities far in both tails.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate
from scipy.integrate import simpson

from lmt_lib.fluxes import spallation as S
from lmt_lib.units import MeV, cm, m, m_mu, m_pi, ms, ns, tau_mu, tau_pi, us


def test_prompt_energy():
    assert S.prompt_energy() / MeV == pytest.approx(29.792, abs=1e-3)
    assert S.prompt_energy() == pytest.approx((m_pi**2 - m_mu**2) / (2 * m_pi), rel=1e-15)


@pytest.mark.parametrize("flavour, mean_frac, mean_MeV", [("nu_e", 0.3, 31.70), ("nubar_mu", 0.35, 36.98)])
def test_michel_normalisation_and_mean(flavour, mean_frac, mean_MeV):
    f = lambda E: S.michel_spectrum(flavour, E)  # noqa: E731
    norm, _ = integrate.quad(f, 0, m_mu / 2, epsabs=0, epsrel=1e-13)
    mean, _ = integrate.quad(lambda E: E * f(E), 0, m_mu / 2, epsabs=0, epsrel=1e-13)
    assert norm == pytest.approx(1.0, abs=1e-10)
    assert mean / m_mu == pytest.approx(mean_frac, rel=1e-10)
    assert mean / MeV == pytest.approx(mean_MeV, abs=1e-2)
    E, pdf = S.spectrum_table(flavour)
    assert E[0] == 0 and E[-1] == pytest.approx(m_mu / 2)
    assert simpson(pdf, x=E) == pytest.approx(1.0, abs=1e-12)
    assert S.michel_spectrum(flavour, 0.51 * m_mu) == 0.0
    assert S.michel_cdf(flavour, 0.0) == 0.0 and S.michel_cdf(flavour, m_mu) == 1.0


@settings(max_examples=50, deadline=None)
@given(x=st.floats(0.001, 0.499), flavour=st.sampled_from(S.DELAYED_FLAVOURS))
def test_michel_cdf_is_integral(x, flavour):
    E = x * m_mu
    val, _ = integrate.quad(lambda e: S.michel_spectrum(flavour, e), 0, E, epsabs=0, epsrel=1e-12)
    assert S.michel_cdf(flavour, E) == pytest.approx(val, rel=1e-10)


def test_michel_shapes_spec():
    x = np.linspace(0.0, 0.5, 11)
    E = x * m_mu
    assert np.allclose(S.michel_spectrum("nu_e", E) * m_mu, 192 * x**2 * (0.5 - x), rtol=1e-13, atol=0)
    assert np.allclose(S.michel_spectrum("nubar_mu", E) * m_mu, 64 * x**2 * (0.75 - x), rtol=1e-13, atol=0)


def test_registry():
    assert S.SOURCES["SNS"].r == 0.08 and S.SOURCES["Lujan"].r == 0.0425 and S.SOURCES["ESS"].r == 0.3
    assert S.SOURCES["SNS"].pulse_fwhm == pytest.approx(360 * ns)
    assert S.SOURCES["Lujan"].pulse_fwhm == pytest.approx(290 * ns)
    assert S.SOURCES["ESS"].pulse_fwhm == pytest.approx(2.86 * ms)
    cenns10 = S.get_source("SNS", r=0.09)
    assert cenns10.r == 0.09 and S.SOURCES["SNS"].r == 0.08
    assert all(s.source for s in S.SOURCES.values())


def test_fluence():
    f = S.fluence("SNS", 1.5e23, 28.4 * m)
    assert f == pytest.approx(0.08 * 1.5e23 / (4 * math.pi * (2840 * cm) ** 2), rel=1e-14)
    assert S.fluence(0.08, 1.5e23, 2840 * cm) == pytest.approx(f, rel=1e-14)
    assert S.fluence(S.SOURCES["SNS"], 1.5e23, 2 * 28.4 * m) == pytest.approx(f / 4, rel=1e-14)


def conv_twin(component, t, sigma):
    """Gaussian(0, sigma) convolved with the decay-time density, by quadrature."""
    if component == "prompt":
        dens = lambda s: math.exp(-s / tau_pi) / tau_pi  # noqa: E731
    else:
        dens = lambda s: (math.exp(-s / tau_mu) - math.exp(-s / tau_pi)) / (tau_mu - tau_pi)  # noqa: E731
    g = lambda s: math.exp(-0.5 * ((t - s) / sigma) ** 2) / (math.sqrt(2 * math.pi) * sigma)  # noqa: E731
    lo, hi = max(0.0, t - 12 * sigma), max(0.0, t + 12 * sigma)
    if hi <= lo:
        return 0.0
    pts = [p for p in (t,) if lo < p < hi]
    val, _ = integrate.quad(lambda s: dens(s) * g(s), lo, hi, points=pts or None, epsabs=0, epsrel=1e-11, limit=400)
    return val


@settings(max_examples=40, deadline=None)
@given(t_us=st.floats(-0.8, 12.0), component=st.sampled_from(S.COMPONENTS), src=st.sampled_from(["SNS", "Lujan"]))
def test_timing_pdf_twin(t_us, component, src):
    sigma = S.SOURCES[src].pulse_sigma
    expect = conv_twin(component, t_us * us, sigma)
    got = S.timing_pdf(component, t_us * us, src)
    assert got == pytest.approx(expect, rel=1e-7, abs=1e-12 * S.timing_pdf(component, 0.0, src))


@pytest.mark.parametrize("src", ["SNS", "Lujan", "ESS"])
@pytest.mark.parametrize("component, mean", [("prompt", tau_pi), ("delayed", tau_pi + tau_mu)])
def test_timing_normalisation_mean_and_cdf(src, component, mean):
    sig = S.SOURCES[src].pulse_sigma / us  # work in microseconds
    lo, hi = -12 * sig, 12 * sig + 60 * tau_mu / us
    f = lambda x: S.timing_pdf(component, x * us, src) * us  # noqa: E731
    pts = np.concatenate([np.linspace(lo, 12 * sig, 40), np.linspace(12 * sig, hi, 40)[1:]])
    n = m1 = 0.0
    for a, b in zip(pts[:-1], pts[1:], strict=True):
        n += integrate.quad(f, a, b, epsabs=1e-14, epsrel=1e-11, limit=200)[0]
        m1 += integrate.quad(lambda x: x * f(x), a, b, epsabs=1e-13 * (hi - lo), epsrel=1e-10, limit=200)[0]
    assert n == pytest.approx(1.0, abs=1e-8)
    assert m1 == pytest.approx(mean / us, rel=1e-6, abs=1e-6 * sig)
    t1 = 3.0
    val = sum(integrate.quad(f, a, b, epsabs=1e-14, epsrel=1e-11, limit=200)[0]
              for a, b in zip(pts[:-1], pts[1:], strict=True) if b <= t1)
    val += sum(integrate.quad(f, a, t1, epsabs=1e-14, epsrel=1e-11, limit=200)[0]
               for a, b in zip(pts[:-1], pts[1:], strict=True) if a < t1 < b)
    assert S.timing_cdf(component, t1 * us, src) == pytest.approx(val, abs=1e-9)
    lo, hi = lo * us, hi * us
    assert S.fraction_in_window(component, lo, hi, src) == pytest.approx(1.0, abs=1e-9)


def test_narrow_pulse_limit():
    narrow = S.SpallationSource("narrow", 1.0, 0.1, 1e-3 * ns)
    t = np.array([0.5, 2.0, 7.0]) * us
    hypo = (np.exp(-t / tau_mu) - np.exp(-t / tau_pi)) / (tau_mu - tau_pi)
    assert np.allclose(S.timing_pdf("delayed", t, narrow), hypo, rtol=1e-9)
    assert np.allclose(S.timing_pdf("prompt", t[:1] / 10, narrow), np.exp(-t[:1] / 10 / tau_pi) / tau_pi, rtol=1e-9)


def test_ess_tails_finite():
    t = np.array([-20, -5, 0, 5, 20, 100]) * ms
    for c in S.COMPONENTS:
        p = S.timing_pdf(c, t, "ESS")
        assert np.all(np.isfinite(p)) and np.all(p >= 0)
        cdf = S.timing_cdf(c, t, "ESS")
        assert np.all(np.diff(cdf) >= 0) and cdf[-1] == pytest.approx(1.0, abs=1e-12)


def test_prompt_mostly_in_first_microsecond():
    # SNS: nearly all prompt nu_mu arrive within 1 us; the delayed ones mostly later (the timing cut of COHERENT)
    assert S.fraction_in_window("prompt", -1 * us, 1 * us, "SNS") > 0.999
    assert S.fraction_in_window("delayed", 1 * us, 12 * us, "SNS") == pytest.approx(
        math.exp(-1 / 2.1969811) - math.exp(-12 / 2.1969811), rel=3e-2)


def test_bad_inputs():
    with pytest.raises(ValueError, match="flavour"):
        S.michel_spectrum("nu_mu", 30 * MeV)
    with pytest.raises(ValueError, match="E_nu"):
        S.michel_spectrum("nu_e", -1 * MeV)
    with pytest.raises(ValueError, match="E_nu"):
        S.michel_spectrum("nu_e", float("nan"))
    with pytest.raises(ValueError, match="unknown spallation source"):
        S.fluence("JPARC", 1e23, 20 * m)
    with pytest.raises(ValueError, match="distance"):
        S.fluence("SNS", 1e23, -20 * m)
    with pytest.raises(ValueError, match="n_pot"):
        S.fluence("SNS", 0, 20 * m)
    with pytest.raises(ValueError, match="component"):
        S.timing_pdf("late", 1 * us)
    with pytest.raises(ValueError, match="t="):
        S.timing_pdf("prompt", float("inf"))
    with pytest.raises(ValueError, match="t1 >= t0"):
        S.fraction_in_window("prompt", 2 * us, 1 * us)
    with pytest.raises(ValueError, match="inconsistent shapes"):
        S.fraction_in_window("prompt", [0, 1, 2], [1, 2])
    with pytest.raises(ValueError, match="pulse_fwhm"):
        S.SpallationSource("x", 1.0, 0.1, -1.0)
    with pytest.raises(ValueError, match="n="):
        S.spectrum_table("nu_e", n=2)
