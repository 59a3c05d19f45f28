r"""Neutrinos from pion decay at rest (π-DAR) at spallation sources: spectra, normalisation and timing.

Each proton on target (POT) yields :math:`r` neutrinos **per flavour** (pion decay at rest; see e.g. COHERENT, Science
357 (2017) 1123, arXiv:1708.01294):

- a *prompt* :math:`\nu_\mu` line from :math:`\pi^+\to\mu^+\nu_\mu` at
  :math:`E_p = (m_\pi^2 - m_\mu^2)/(2m_\pi) = 29.79` MeV (two-body π⁺ decay at rest);
- *delayed* :math:`\nu_e` and :math:`\bar\nu_\mu` from :math:`\mu^+\to e^+\nu_e\bar\nu_\mu` with the Michel
  Michel spectra of μ⁺ decay at rest, each normalised to 1 on :math:`0 < E_\nu < m_\mu/2`.

At distance :math:`L` with :math:`N_{\rm POT}` protons the time-integrated flux of each flavour is
:math:`\Phi = r N_{\rm POT}/(4\pi L^2)` (:func:`fluence`) times the unit-normalised spectrum.  Timing (an
option, our model): the prompt component follows the beam pulse folded with the pion decay, the delayed one the pulse
folded with the pion and then the muon decay.  The pulse is modelled as a Gaussian of the quoted FWHM centred on
:math:`t = 0`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np
from scipy import special

from lmt_lib._validation import positive as _positive
from lmt_lib._validation import count, finite_array, positive_array, real
from lmt_lib.units import GeV, MeV, m_mu, m_pi, ms, ns, tau_mu, tau_pi

# --------------------------------------------------------------------------------------------------------------
# Spectra
# --------------------------------------------------------------------------------------------------------------
#: energy of the prompt nu_mu line, (m_pi^2 - m_mu^2)/(2 m_pi) = 29.79 MeV (two-body π⁺ decay at rest)
PROMPT_ENERGY: float = (m_pi**2 - m_mu**2) / (2.0 * m_pi)
#: the Michel end point m_mu/2 = 52.83 MeV (the Michel spectra of μ⁺ decay at rest)
MICHEL_ENDPOINT: float = 0.5 * m_mu
#: the delayed flavours with a Michel spectrum
DELAYED_FLAVOURS: tuple[str, ...] = ("nu_e", "nubar_mu")

#: each π-DAR neutrino: (timing component, flavour index for the cross sections, antineutrino?)
NEUTRINOS: dict[str, tuple[str, str, bool]] = {
    "nu_mu": ("prompt", "mu", False),
    "nu_e": ("delayed", "e", False),
    "nubar_mu": ("delayed", "mu", True),
}


def prompt_energy() -> float:
    r"""Energy of the prompt :math:`\nu_\mu` line (GeV): :math:`(m_\pi^2 - m_\mu^2)/(2m_\pi)` (two-body π⁺ decay at
    rest).

    >>> from lmt_lib.units import MeV
    >>> round(prompt_energy() / MeV, 3)
    29.792
    """
    return PROMPT_ENERGY


def _check_flavour(flavour: str) -> str:
    if flavour not in DELAYED_FLAVOURS:
        extra = " (the prompt nu_mu is a line: use prompt_energy())" if flavour == "nu_mu" else ""
        raise ValueError(f"flavour={flavour!r} has no Michel spectrum; expected one of {DELAYED_FLAVOURS}{extra}")
    return flavour


def michel_spectrum(flavour: str, E_nu):
    r"""The unit-normalised Michel spectrum :math:`dN/dE_\nu` (GeV⁻¹) of the delayed neutrinos (Michel spectra of μ⁺
    decay at rest).

    .. math::
        \nu_e:\ \frac{192}{m_\mu}x^2\Big(\frac12 - x\Big),\qquad
        \bar\nu_\mu:\ \frac{64}{m_\mu}x^2\Big(\frac34 - x\Big),\qquad x = E_\nu/m_\mu \le \tfrac12,

    and zero above :math:`m_\mu/2`.

    Parameters
    ----------
    flavour : {"nu_e", "nubar_mu"}
    E_nu : float or array
        Neutrino energy in internal units (pass ``30 * MeV``), >= 0.

    Returns
    -------
    float or ndarray
        Probability density per unit energy (GeV⁻¹; multiply by ``MeV`` for per-MeV).

    Examples
    --------
    >>> from lmt_lib.units import MeV
    >>> round(float(michel_spectrum("nu_e", 40 * MeV) * MeV), 5)
    0.03162
    """
    _check_flavour(flavour)
    E = positive_array("E_nu", E_nu, allow_zero=True, at_least_1d=False, hint="e.g. 30 * MeV")
    x = E / m_mu
    if flavour == "nu_e":
        f = 192.0 / m_mu * x**2 * (0.5 - x)
    else:
        f = 64.0 / m_mu * x**2 * (0.75 - x)
    out = np.where(x <= 0.5, f, 0.0)
    return float(out) if out.ndim == 0 else out


def michel_cdf(flavour: str, E_nu):
    r"""The cumulative Michel distribution :math:`P(E < E_\nu)`, the integral of :func:`michel_spectrum`.

    :math:`\nu_e`: :math:`32x^3 - 48x^4`; :math:`\bar\nu_\mu`: :math:`16x^3 - 16x^4` (:math:`x=E_\nu/m_\mu`).

    >>> from lmt_lib.units import m_mu
    >>> michel_cdf("nubar_mu", m_mu / 2)
    1.0
    """
    _check_flavour(flavour)
    x = np.minimum(positive_array("E_nu", E_nu, allow_zero=True, at_least_1d=False, hint="e.g. 30 * MeV") / m_mu, 0.5)
    out = 32.0 * x**3 - 48.0 * x**4 if flavour == "nu_e" else 16.0 * x**3 - 16.0 * x**4
    return float(out) if out.ndim == 0 else out


def spectrum_table(flavour: str, n: int = 257):
    r"""A uniform grid on :math:`[0, m_\mu/2]` and the Michel pdf on it, for numerical integration.

    The pdf is a cubic, so Simpson's rule on this grid (``n`` odd) integrates it, and its product with any
    smooth cross section, accurately; the prompt line is handled analytically (a delta at :func:`prompt_energy`).

    Returns
    -------
    E : ndarray
        ``n`` energies in GeV.
    pdf : ndarray
        :func:`michel_spectrum` on ``E`` (GeV⁻¹).

    Examples
    --------
    >>> from scipy.integrate import simpson
    >>> E, f = spectrum_table("nu_e")
    >>> round(float(simpson(f, x=E)), 10)
    1.0
    """
    _check_flavour(flavour)
    E = np.linspace(0.0, MICHEL_ENDPOINT, count("n", n, minimum=3))
    return E, michel_spectrum(flavour, E)


# --------------------------------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SpallationSource:
    r"""A π-DAR neutrino source.

    Attributes
    ----------
    name : str
        ``"SNS"``, ``"Lujan"``, ``"ESS"`` or a user label.
    proton_energy : float
        Proton kinetic energy (GeV, internal units).
    nu_per_flavour_per_pot : float
        :math:`r`, neutrinos of each flavour per proton on target.  Experiments quote their own value (e.g. 0.08 for
        the SNS in arXiv:2104.03297, 0.09 for CENNS-10 2020): override it with :meth:`with_r`.
    pulse_fwhm : float
        Full width at half maximum of the proton pulse (internal time units, pass ``360 * ns``).
    source : str
        Citation of the numbers.
    """

    name: str
    proton_energy: float
    nu_per_flavour_per_pot: float
    pulse_fwhm: float
    source: str = field(default="", compare=False)

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name:
            raise ValueError(f"SpallationSource.name={self.name!r} must be a non-empty string")
        for attr in ("proton_energy", "nu_per_flavour_per_pot", "pulse_fwhm"):
            v = getattr(self, attr)
            x = real(f"SpallationSource {self.name!r}: {attr}", v, allow_inf=True)
            if not math.isfinite(x) or x <= 0:
                raise ValueError(f"SpallationSource {self.name!r}: {attr}={v!r} must be finite and > 0")
            object.__setattr__(self, attr, x)

    @property
    def r(self) -> float:
        """Short name for :attr:`nu_per_flavour_per_pot`."""
        return self.nu_per_flavour_per_pot

    @property
    def pulse_sigma(self) -> float:
        """Standard deviation of the Gaussian pulse model, FWHM / (2 sqrt(2 ln 2))."""
        return self.pulse_fwhm / (2.0 * math.sqrt(2.0 * math.log(2.0)))

    def with_r(self, r: float, source: str | None = None) -> SpallationSource:
        """A copy with another :math:`r` (and optionally its citation).

        >>> SOURCES["SNS"].with_r(0.09).r
        0.09
        """
        return replace(self, nu_per_flavour_per_pot=_positive("r", r),
                       source=self.source if source is None else source)


#: the π-DAR sources of the authors' public notebooks (github.com/dwpamaral/SNuDD)
SOURCES: dict[str, SpallationSource] = {
    "SNS": SpallationSource(
        "SNS", 1.0 * GeV, 0.08, 360 * ns,
        "ORNL SNS, 1 GeV protons; r = 0.08 as in the authors' notebook for CENNS-610 (the authors' public "
        "notebooks, github.com/dwpamaral/SNuDD); "
        "pulse ~360 ns FWHM (COHERENT, Science 357 (2017) 1123, arXiv:1708.01294)",
    ),
    "Lujan": SpallationSource(
        "Lujan", 800 * MeV, 0.0425, 290 * ns,
        "LANL Lujan Center, 800 MeV protons; r = 0.0425 (CCM in the authors' public notebooks, "
        "github.com/dwpamaral/SNuDD); pulse 290 ns FWHM (CCM collaboration)",
    ),
    "ESS": SpallationSource(
        "ESS", 2.0 * GeV, 0.3, 2.86 * ms,
        "European Spallation Source, 2 GeV, 5 MW; r = 0.3 (the authors' public notebooks; Baxter et al., "
        "arXiv:1911.00762); "
        "pulse 2.86 ms (ESS design)",
    ),
}


def get_source(source, r: float | None = None) -> SpallationSource:
    """Look up a source by name (or pass one through), optionally with an experiment's own ``r``.

    >>> get_source("SNS", r=0.09).r
    0.09
    """
    if isinstance(source, SpallationSource):
        src = source
    elif isinstance(source, str) and source in SOURCES:
        src = SOURCES[source]
    else:
        raise ValueError(f"unknown spallation source {source!r}; expected one of {sorted(SOURCES)}")
    return src if r is None else src.with_r(r)


def fluence(source_or_r, n_pot, distance) -> float:
    r"""Time-integrated number of neutrinos of one flavour per unit area, :math:`rN_{\rm POT}/(4\pi L^2)`.

    Two-body π⁺ decay at rest and the Michel spectra of μ⁺ decay at rest: multiply by a unit-normalised spectrum to
    get :math:`d\Phi/dE_\nu`.

    Parameters
    ----------
    source_or_r : SpallationSource, str or float
        A source (its :math:`r` is used) or :math:`r` itself.
    n_pot : float
        Number of protons on target.
    distance : float
        Source–detector distance in internal units (pass ``20 * m``).

    Returns
    -------
    float
        Neutrinos per unit area in internal units (GeV²; divide by ``1 / cm**2`` for cm⁻²).

    Examples
    --------
    >>> from lmt_lib.units import m, cm
    >>> f"{fluence('SNS', 1.5e23, 28.4 * m) * cm**2:.4e}"
    '1.1840e+14'
    """
    if isinstance(source_or_r, (SpallationSource, str)):
        r = get_source(source_or_r).r
    else:
        r = real("source_or_r", source_or_r, allow_inf=True)
        if not math.isfinite(r) or r <= 0:
            raise ValueError(f"source_or_r={source_or_r!r}: r must be finite and > 0")
    npot = _positive("n_pot", n_pot)
    L = _positive("distance", distance)
    return r * npot / (4.0 * math.pi * L * L)


# --------------------------------------------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------------------------------------------
#: the timing components
COMPONENTS: tuple[str, ...] = ("prompt", "delayed")


def _emg_pdf(t: np.ndarray, sigma: float, tau: float) -> np.ndarray:
    r"""Gaussian(0, σ) ⊗ exponential(τ), evaluated without overflow.

    With :math:`z = (\sigma/\tau - t/\sigma)/\sqrt2`: for z >= 0, :math:`f = e^{-t^2/2\sigma^2}{\rm erfcx}(z)/(2\tau)`;
    for z < 0, :math:`f = e^{\sigma^2/2\tau^2 - t/\tau}{\rm erfc}(z)/(2\tau)` (the same function).
    """
    z = (sigma / tau - t / sigma) / math.sqrt(2.0)
    out = np.empty_like(t)
    pos = z >= 0
    out[pos] = np.exp(-0.5 * (t[pos] / sigma) ** 2) * special.erfcx(z[pos]) / (2.0 * tau)
    neg = ~pos
    out[neg] = np.exp(0.5 * (sigma / tau) ** 2 - t[neg] / tau) * special.erfc(z[neg]) / (2.0 * tau)
    return out


def _emg_cdf(t: np.ndarray, sigma: float, tau: float) -> np.ndarray:
    r"""CDF of :func:`_emg_pdf`: :math:`\Phi(t/\sigma) - \tau f(t)`."""
    return special.ndtr(t / sigma) - tau * _emg_pdf(t, sigma, tau)


def _check_component(component: str) -> str:
    if component not in COMPONENTS:
        raise ValueError(f"component={component!r}; expected one of {COMPONENTS}")
    return component


def _times(name, t) -> np.ndarray:
    arr = finite_array(name, t)
    if arr.size == 0:
        raise ValueError(f"{name}={t!r} must be finite numbers (internal time units, e.g. 1 * us)")
    return arr


def _folded(emg, component: str, t, source) -> np.ndarray:
    """The pulse folded with the pion decay (prompt), or with the pion then the muon decay (delayed).

    ``emg`` is the exponentially modified Gaussian pdf or cdf; the delayed distribution is the difference of two
    of them, (tau_mu f(tau_mu) - tau_pi f(tau_pi)) / (tau_mu - tau_pi), the convolution of two exponentials.
    """
    _check_component(component)
    sig = get_source(source).pulse_sigma
    tt = _times("t", t)
    flat = tt.ravel()
    if component == "prompt":
        out = emg(flat, sig, tau_pi)
    else:
        out = (tau_mu * emg(flat, sig, tau_mu) - tau_pi * emg(flat, sig, tau_pi)) / (tau_mu - tau_pi)
    return out.reshape(tt.shape)


def timing_pdf(component: str, t, source="SNS"):
    r"""Arrival-time distribution of the prompt or delayed neutrinos (per unit time, normalised to 1 over t).

    - ``"prompt"``: the Gaussian pulse (FWHM of the source, centred on t = 0) folded with the pion decay
      :math:`e^{-t/\tau_\pi}/\tau_\pi`;
    - ``"delayed"``: the pulse folded with the pion decay and then the muon decay, i.e. with
      :math:`(e^{-t/\tau_\mu} - e^{-t/\tau_\pi})/(\tau_\mu - \tau_\pi)` (our simplified model keeps only
      :math:`\tau_\mu`; the pion time shifts it by 26 ns).

    Parameters
    ----------
    component : {"prompt", "delayed"}
    t : float or array
        Time after the pulse centre in internal units (pass ``1 * us``); any real value.
    source : str or SpallationSource

    Returns
    -------
    float or ndarray
        Probability density per unit time (GeV; multiply by ``us`` for per-μs).

    Examples
    --------
    >>> from lmt_lib.units import us
    >>> round(float(timing_pdf("delayed", 5 * us, "SNS") * us), 5)
    0.04743
    """
    out = _folded(_emg_pdf, component, t, source)
    return float(out) if out.ndim == 0 else out


def timing_cdf(component: str, t, source="SNS"):
    """The cumulative distribution of :func:`timing_pdf` (same arguments).

    >>> round(float(timing_cdf("prompt", 0.0, "ESS")), 3)
    0.5
    """
    out = np.clip(_folded(_emg_cdf, component, t, source), 0.0, 1.0)
    return float(out) if out.ndim == 0 else out


def fraction_in_window(component: str, t0, t1, source="SNS"):
    r"""Fraction of the prompt or delayed neutrinos arriving in :math:`[t_0, t_1]` (times as in :func:`timing_pdf`).

    Examples
    --------
    >>> from lmt_lib.units import us
    >>> round(float(fraction_in_window("prompt", -1 * us, 1 * us, "SNS")), 4)
    1.0
    >>> round(float(fraction_in_window("delayed", -1 * us, 1 * us, "SNS")), 4)
    0.3565
    """
    a = _times("t0", t0)
    b = _times("t1", t1)
    try:
        a, b = np.broadcast_arrays(a, b)
    except ValueError:
        raise ValueError(f"t0 and t1 have inconsistent shapes {np.shape(t0)} and {np.shape(t1)}") from None
    if np.any(b < a):
        raise ValueError("the window must have t1 >= t0")
    out = np.asarray(timing_cdf(component, b, source)) - np.asarray(timing_cdf(component, a, source))
    return float(out) if out.ndim == 0 else out
