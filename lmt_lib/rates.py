r"""Expected event rates: differential spectra and binned counts, returned as SM / interference / BSM templates.

**The template convention.**  For a neutrino of flavour :math:`\alpha` with
:math:`A'` charge :math:`Q'_\alpha` and the coupling product :math:`x = g\,\varepsilon(0)`,

.. math::
    N = N_{\rm SM} + x\sum_\alpha Q'_\alpha N^{\rm int}_\alpha(M) + x^2\sum_\alpha Q'^2_\alpha N^{\rm BSM}_\alpha(M),

so a scan over couplings at fixed mass is a few array operations (:class:`Templates`).

**The structure of the cross sections makes the templates cheap.**  Both cross sections factorise into a function
of :math:`E_R` and :math:`M` (the propagator, the form factor, the running mixing) times a low-order polynomial in
:math:`1/E_\nu`:

- CEvNS (Amaral et al., arXiv:2104.03297):
  :math:`d\sigma/dE_R = \frac{G_F^2m_N}{\pi}F^2\,C(E_R,M)\,[1 - m_NE_R/(2E_\nu^2)]`;
- ν–e (Amaral et al., arXiv:2006.11225): :math:`G_L^2 + G_R^2(1-E_R/E_\nu)^2 - G_LG_R m_eE_R/E_\nu^2` with
  :math:`G_{L,R}` functions of :math:`E_R` and :math:`M` only.

The neutrino-energy integral therefore reduces to three *flux moments*
:math:`\mathcal{M}_k(E) = \int_{E}^{\infty} dE_\nu\,\frac{d\Phi}{dE_\nu}P_{e\alpha}(E_\nu)\,E_\nu^{-k}`, k = 0, 1, 2,
evaluated at :math:`E_\nu^{\min}(E_R)`.  They are independent of the mediator mass and of the couplings; they are
tabulated once per source component (cumulative trapezoid on the flux's own grid, evaluated exactly for the
piecewise-linear integrand), and lines enter analytically as :math:`\Phi_\ell P_{e\alpha}(E_\ell)E_\ell^{-k}
\Theta(E_\ell - E_\nu^{\min})`.  The double integral over recoil and neutrino energy is recovered exactly; the tests
check
it against a brute-force double integral of the :mod:`lmt_lib.xsec` cross sections.

**Binning.**  Counts in a detector bin are :math:`N_i = \int dE_R\,\epsilon(E)\,\frac{dR}{dE_R}\,
\Pr(E_{\rm obs}\in{\rm bin}_i\,|\,E)` (the "response trick" of the authors' public code, github.com/dwpamaral/SNuDD,
with Gaussian resolution), computed with a
response matrix on Gauss–Legendre nodes in :math:`\ln E_R` between breakpoints (bin edges, the threshold, line
kinematic edges), built once per detector.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from lmt_lib import model as _model
from lmt_lib import targets as _targets
from lmt_lib._kernels import jit
from lmt_lib._validation import count, finite_array, flag, grid_size, positive, positive_array, real_array
from lmt_lib.detectors import _gl_nodes
from lmt_lib.units import G_F, GeV, e_charge, m_e, m_mu, m_tau

#: the channels
CHANNELS: tuple[str, ...] = ("NR", "ER")
SQRT2 = math.sqrt(2.0)


# ================================================================================================================
# Flux components with their flavour content
# ================================================================================================================
@dataclass(frozen=True, eq=False)
class FluxComponent:
    r"""A neutrino source component as the rate code sees it: a continuous table and/or lines, per flavour.

    Attributes
    ----------
    name : str
        e.g. ``"8B"``, ``"prompt"``, ``"nubar_mu"``.
    E : ndarray
        Energy grid of the continuous part (GeV), increasing; empty if none.
    flux : ndarray, shape (3, n)
        :math:`d\Phi/dE_\nu\,P_{e\alpha}(E_\nu)` for α = e, μ, τ on ``E`` (internal units per unit area, per time
        for the Sun; time-integrated fluence for a spallation source).
    line_E : ndarray
        Line energies (GeV).
    line_flux : ndarray, shape (3, n_lines)
        :math:`\Phi_\ell P_{e\alpha}(E_\ell)`.
    antineutrino : bool
        Whether the component is antineutrinos (matters for ν–e only: :math:`g_L \leftrightarrow g_R`).
    """

    name: str
    E: np.ndarray
    flux: np.ndarray
    line_E: np.ndarray
    line_flux: np.ndarray
    antineutrino: bool = False

    def __post_init__(self):
        nm = f"FluxComponent {self.name!r}"
        E = np.ascontiguousarray(finite_array(f"{nm}: E", self.E, max_ndim=1).ravel())
        lE = np.ascontiguousarray(finite_array(f"{nm}: line_E", self.line_E, max_ndim=1).ravel())
        arrays = []
        for field_name, n in (("flux", E.size), ("line_flux", lE.size)):
            arr = real_array(f"{nm}: {field_name}", getattr(self, field_name))
            if arr.size != 3 * n:
                raise ValueError(f"{nm}: {field_name} must have shape (3, {n}) (flavours e, mu, tau x energies); "
                                 f"got {arr.shape}")
            arr = np.ascontiguousarray(arr.reshape(3, n))
            if not np.all(np.isfinite(arr)) or np.any(arr < 0):
                raise ValueError(f"{nm}: {field_name} must be finite and >= 0")
            arrays.append(arr)
        fl, lf = arrays
        if E.size and (np.any(np.diff(E) <= 0) or E[0] < 0):
            raise ValueError(f"{nm}: the energy grid E must be increasing and >= 0")
        if np.any(lE < 0):
            raise ValueError(f"{nm}: line energies line_E must be >= 0")
        object.__setattr__(self, "antineutrino", flag(f"{nm}: antineutrino", self.antineutrino))
        object.__setattr__(self, "E", E)
        object.__setattr__(self, "flux", fl)
        object.__setattr__(self, "line_E", lE)
        object.__setattr__(self, "line_flux", lf)
        object.__setattr__(self, "_tails", _tail_tables(E, fl))

    @property
    def max_energy(self) -> float:
        """The largest neutrino energy of the component (GeV)."""
        return float(max(self.E[-1] if self.E.size else 0.0, self.line_E.max() if self.line_E.size else 0.0))

    def moments(self, E_min: np.ndarray) -> np.ndarray:
        r"""Flux moments :math:`\mathcal M_k(E_{\min})` for k = 0, 1, 2; shape (3 moments, 3 flavours, n)."""
        x = finite_array("E_min", E_min)
        if np.any(x < 0):
            raise ValueError(f"E_min={E_min!r} must be >= 0 (a neutrino energy, GeV)")
        out = _moments(np.ascontiguousarray(x.ravel()), self.E, self.flux, self._tails, self.line_E, self.line_flux)
        return out.reshape((3, 3) + x.shape)


@jit
def _tail_tables(E, flux):
    """Cumulative tail integrals T[k, a, i] = int_{E_i}^{E_max} flux[a] E^-k dE (trapezoid on the grid)."""
    n = E.size
    T = np.zeros((3, 3, n))
    for k in range(3):
        for a in range(3):
            for i in range(n - 2, -1, -1):
                f0 = flux[a, i] * _pow_neg(E[i], k)
                f1 = flux[a, i + 1] * _pow_neg(E[i + 1], k)
                T[k, a, i] = T[k, a, i + 1] + 0.5 * (E[i + 1] - E[i]) * (f0 + f1)
    return T


@jit
def _pow_neg(E, k):
    if k == 0:
        return 1.0
    if E <= 0.0:
        return 0.0  # the integrand E^-k * flux vanishes at E = 0 for every physical spectrum (flux ~ E^2)
    return E ** (-k)


@jit
def _moments(E_min, E, flux, T, line_E, line_flux):
    """The flux moments at each E_min: exact tail integrals of the piecewise-linear integrand, plus the lines."""
    n = E_min.size
    out = np.zeros((3, 3, n))
    nE = E.size
    for j in range(n):
        x = E_min[j]
        if nE > 1 and x < E[nE - 1]:
            if x <= E[0]:
                for k in range(3):
                    for a in range(3):
                        out[k, a, j] = T[k, a, 0]
            else:
                i = np.searchsorted(E, x) - 1  # E[i] < x <= E[i+1]
                t = (x - E[i]) / (E[i + 1] - E[i])
                for k in range(3):
                    for a in range(3):
                        f1 = flux[a, i + 1] * _pow_neg(E[i + 1], k)
                        fx = (1.0 - t) * flux[a, i] * _pow_neg(E[i], k) + t * f1
                        out[k, a, j] = T[k, a, i + 1] + 0.5 * (E[i + 1] - x) * (fx + f1)
        for ell in range(line_E.size):
            El = line_E[ell]
            if El >= x:
                for k in range(3):
                    w = _pow_neg(El, k)
                    for a in range(3):
                        out[k, a, j] += line_flux[a, ell] * w
    return out


# ----------------------------------------------------------------------------------------------------------------
# Solar components
# ----------------------------------------------------------------------------------------------------------------
def _osc_params(oscillation):
    """Oscillation parameters as a hashable key: None (the default set), a preset name, or the object."""
    from lmt_lib import oscillations

    if isinstance(oscillation, str) and oscillation not in oscillations.PRESETS:
        raise ValueError(f"unknown oscillation preset {oscillation!r}; expected one of {sorted(oscillations.PRESETS)}")
    if not (oscillation is None or isinstance(oscillation, (str, oscillations.OscillationParameters))):
        raise ValueError(f"oscillation={oscillation!r} must be None, a preset name or OscillationParameters")
    return oscillation


def _check_ssm(ssm) -> str:
    from lmt_lib.fluxes import solar

    if not isinstance(ssm, str) or ssm not in solar.SSMS:
        raise ValueError(f"ssm={ssm!r} is unknown; expected one of {tuple(solar.SSMS)}")
    return ssm


@functools.lru_cache(maxsize=64)
def _solar_component_cached(component: str, ssm: str, oscillation, n: int) -> FluxComponent:
    from lmt_lib import oscillations
    from lmt_lib.fluxes import solar

    E, phi = solar.spectrum_table(component, n=n, ssm=ssm)
    if E.size:
        P = oscillations.flavour_fractions(component, np.maximum(E, 1e-9 * GeV), oscillation)
        flux = phi[None, :] * P
    else:
        flux = np.zeros((3, 0))
    lines = solar.lines(component, ssm=ssm)
    lE = np.array([x[0] for x in lines], dtype=float)
    lphi = np.array([x[1] for x in lines], dtype=float)
    if lE.size:
        lflux = lphi[None, :] * oscillations.flavour_fractions(component, lE, oscillation)
    else:
        lflux = np.zeros((3, 0))
    return FluxComponent(component, E, flux, lE, lflux, antineutrino=False)


def _solar_names(components) -> tuple:
    """Solar component names (None: all of :data:`lmt_lib.fluxes.solar.COMPONENTS`), each checked."""
    from lmt_lib.fluxes import solar

    if components is None:
        return solar.COMPONENTS
    if isinstance(components, (str, bytes)) or not hasattr(components, "__iter__"):
        raise ValueError(f"components={components!r} must be a sequence of names from {solar.COMPONENTS}")
    comps = tuple(components)
    for c in comps:
        if not isinstance(c, str) or c not in solar.COMPONENTS:
            raise ValueError(f"components: {c!r} is not one of {solar.COMPONENTS}")
    return comps


def solar_components(components=None, ssm: str = "B16-GS98", oscillation=None, n: int = 2000):
    """The solar components with their flavour content at Earth, as :class:`FluxComponent` objects.

    Parameters
    ----------
    components : sequence of str, optional
        Component names (default: all of :data:`lmt_lib.fluxes.solar.COMPONENTS`).
    ssm : str
        Solar model for the normalisations (:data:`lmt_lib.fluxes.solar.SSMS`).
    oscillation : str or OscillationParameters, optional
        Oscillation parameters (default: NuFIT 6.0, :data:`lmt_lib.oscillations.DEFAULT_PARAMETERS`;
        ``"Amaral2021"`` for the parameters of arXiv:2104.03297).
    n : int
        Grid points of each continuous spectrum.
    """
    comps = _solar_names(components)
    osc = _osc_params(oscillation)
    n = count("n", n, minimum=16, maximum=1_000_000)
    return tuple(_solar_component_cached(c, _check_ssm(ssm), osc, n) for c in comps)


# ----------------------------------------------------------------------------------------------------------------
# Spallation (pi-DAR) components
# ----------------------------------------------------------------------------------------------------------------
#: the three pi-DAR components: prompt nu_mu (line), delayed nu_e and anti-nu_mu (Michel spectra)
SPALLATION_COMPONENTS: tuple[str, ...] = ("prompt", "nu_e", "nubar_mu")


def spallation_components(fluence: float, n: int = 2001):
    r"""The π-DAR components for a time-integrated fluence per flavour :math:`rN_{\rm POT}/(4\pi L^2)`.

    Pion and muon decay at rest: a prompt :math:`\nu_\mu` line at :math:`(m_\pi^2-m_\mu^2)/2m_\pi`, and the delayed
    :math:`\nu_e` and :math:`\bar\nu_\mu` Michel spectra, each carrying ``fluence`` neutrinos per unit area.  No
    oscillation over tens of metres.  Get the fluence from :func:`lmt_lib.fluxes.spallation.fluence`.
    """
    from lmt_lib.fluxes import spallation

    f = positive("fluence", fluence)  # internal units; see spallation.fluence
    empty = np.zeros(0)
    prompt = FluxComponent("prompt", empty, np.zeros((3, 0)), np.array([spallation.prompt_energy()]),
                           np.array([[0.0], [f], [0.0]]))
    E, pdf = spallation.spectrum_table("nu_e", n)
    nue = FluxComponent("nu_e", E, np.vstack([f * pdf, 0 * pdf, 0 * pdf]), empty, np.zeros((3, 0)))
    E, pdf = spallation.spectrum_table("nubar_mu", n)
    numub = FluxComponent("nubar_mu", E, np.vstack([0 * pdf, f * pdf, 0 * pdf]), empty, np.zeros((3, 0)),
                          antineutrino=True)
    return (prompt, nue, numub)


# ================================================================================================================
# Differential templates
# ================================================================================================================
@jit
def _cevns_templates_kernel(E_R, m_N, Z, N, A, s2w, M2, run, mom, m_light2, m_heavy2, w, sm, it, bs):
    r"""CEvNS dR/dE_R per nucleus and unit flux, for every mass in ``M2`` at once, added with weights ``w``.

    CEvNS with the A' (Amaral et al., arXiv:2104.03297): with P = G_F^2 m_N/pi F^2(q) [1 - m_N E_R/(2E^2)] the pieces
    are
    SM = P Q_W^2/4, INT = P Q_W X, BSM = P X^2 with X = e Z r/(sqrt2 G_F (q^2+M^2)), q^2 = 2 m_N E_R,
    Q_W = N - (1 - 4 s2w) Z, r = eps(-q^2)/eps(0) if ``run`` else 1.  The E_nu integral of the bracket is
    M_0 - (m_N E_R/2) M_2 in terms of the flux moments ``mom`` (3 moments, 3 flavours, n).

    Adds ``w[j]`` times the pieces to sm (3 flavours, n) and to it, bsm (n_M, 3 flavours, n) in place (the
    caller's arrays: no temporary of the size of a whole grid).  The mass-independent factors come first; the
    mass loop is then the outermost, so the writes run along the contiguous energy axis.
    """
    n = E_R.size
    nM = M2.size
    QW = N - (1.0 - 4.0 * s2w) * Z
    q2s = np.empty(n)
    rs = np.empty(n)
    base = np.zeros((3, n))
    live = np.zeros((3, n), dtype=np.bool_)
    for j in range(n):
        Er = E_R[j]
        q2 = 2.0 * m_N * Er
        F2 = _targets._helm_f2(math.sqrt(q2), A)
        pref = G_F * G_F * m_N / math.pi * F2
        q2s[j] = q2
        rs[j] = _model._mixing_ratio_spacelike(q2, m_light2, m_heavy2) if run else 1.0
        for a in range(3):
            K = mom[0, a, j] - 0.5 * m_N * Er * mom[2, a, j]
            if K <= 0.0:
                continue
            live[a, j] = True
            base[a, j] = pref * K
            sm[a, j] += w[j] * (base[a, j] * 0.25 * QW * QW)
    X = np.empty(n)
    for m in range(nM):
        for j in range(n):
            X[j] = e_charge * Z * rs[j] / (SQRT2 * G_F * (q2s[j] + M2[m]))
        for a in range(3):
            for j in range(n):
                if live[a, j]:
                    it[m, a, j] += w[j] * (base[a, j] * QW * X[j])
                    bs[m, a, j] += w[j] * (base[a, j] * X[j] * X[j])


@jit
def _electron_templates_kernel(E_R, s2w, M2, run, mom, antineutrino, m_light2, m_heavy2, w, sm, it, bs):
    r"""nu-e dR/dE_R per electron and unit flux (Amaral et al., arXiv:2006.11225), for every mass in ``M2`` at once.

    With G_L = a + delta, G_R = b + delta (a = g_L + delta_{alpha e}, b = g_R; a <-> b for antineutrinos) and
    delta = Q' x d, d = e r/(2 sqrt2 G_F (2 m_e E_R + M^2)), expanding (1 - E_R/E)^2 = 1 - 2E_R/E + E_R^2/E^2 turns
    the E_nu integral into the moments M_0, M_1, M_2.  Adds ``w[j]`` times the pieces to sm (3, n) and to int,
    bsm (n_M, 3, n) in place; mass loop outermost, as in :func:`_cevns_templates_kernel`.
    """
    n = E_R.size
    nM = M2.size
    gL = s2w - 0.5
    gR = s2w
    pref = 2.0 * G_F * G_F * m_e / math.pi
    q2s = np.empty(n)
    rs = np.empty(n)
    t_int = np.empty((3, n))
    t_bsm = np.empty((3, n))
    for j in range(n):
        Er = E_R[j]
        q2 = 2.0 * m_e * Er
        q2s[j] = q2
        rs[j] = _model._mixing_ratio_spacelike(q2, m_light2, m_heavy2) if run else 1.0
        for a in range(3):
            aa = gL + (1.0 if a == 0 else 0.0)
            bb = gR
            if antineutrino:
                aa, bb = bb, aa
            m0 = mom[0, a, j]
            m1 = mom[1, a, j]
            m2 = mom[2, a, j]
            sm[a, j] += w[j] * (pref * ((aa * aa + bb * bb) * m0 - 2.0 * Er * bb * bb * m1
                                        + (Er * Er * bb * bb - aa * bb * m_e * Er) * m2))
            t_int[a, j] = 2.0 * (aa + bb) * m0 - 4.0 * Er * bb * m1 + (2.0 * Er * Er * bb - (aa + bb) * m_e * Er) * m2
            t_bsm[a, j] = 2.0 * m0 - 2.0 * Er * m1 + (Er * Er - m_e * Er) * m2
    d = np.empty(n)
    for m in range(nM):
        for j in range(n):
            d[j] = e_charge * rs[j] / (2.0 * SQRT2 * G_F * (q2s[j] + M2[m]))
        for a in range(3):
            for j in range(n):
                it[m, a, j] += w[j] * (pref * d[j] * t_int[a, j])
                bs[m, a, j] += w[j] * (pref * d[j] * d[j] * t_bsm[a, j])


def _e_nu_min(E_R: np.ndarray, mass: float) -> np.ndarray:
    r"""Minimum neutrino energy for a recoil :math:`E_R` on a target of mass m.

    :math:`E_\nu^{\min} = \tfrac12(E_R+\sqrt{E_R^2+2mE_R})` (CEvNS kinematics).
    """
    return 0.5 * (E_R + np.sqrt(E_R * E_R + 2.0 * mass * E_R))


def _sin2w(sin2w) -> float:
    from lmt_lib.units import SIN2_THETA_W

    if isinstance(sin2w, str):
        if sin2w not in SIN2_THETA_W:
            raise ValueError(f"unknown sin2w choice {sin2w!r}; expected one of {sorted(SIN2_THETA_W)} or a number")
        return SIN2_THETA_W[sin2w]
    from lmt_lib._validation import real

    v = real("sin2w", sin2w)
    if not 0.0 < v < 1.0:
        raise ValueError(f"sin2w={sin2w!r} must lie in (0, 1)")
    return v


def _check_components(components) -> tuple:
    if isinstance(components, (str, bytes)) or not hasattr(components, "__iter__"):
        raise ValueError(f"components={components!r} must be a sequence of FluxComponent")
    comps = tuple(components)
    if not comps or not all(isinstance(c, FluxComponent) for c in comps):
        raise ValueError(f"components={components!r} must be a non-empty sequence of FluxComponent "
                         "(from solar_components or spallation_components)")
    return comps


def _check_channel(channel: str) -> str:
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}; expected one of {CHANNELS}")
    return channel


def differential_templates(channel: str, target, E_R, components, masses, sin2w="MZ", running: bool = False):
    r"""Differential rate templates per unit target mass: SM, interference and BSM per component and flavour.

    Parameters
    ----------
    channel : {"NR", "ER"}
        Nuclear recoils (CEvNS) or electron recoils (ν–e with the stepping approximation for atomic
        binding, Chen et al., arXiv:1610.04177).
    target : str or Target
        Target name (:mod:`lmt_lib.targets`), e.g. ``"Xe"`` (natural) or ``"Xe131"``.
    E_R : array
        Recoil energies (GeV).
    components : sequence of FluxComponent
        From :func:`solar_components` or :func:`spallation_components`.
    masses : array
        Mediator masses (GeV).
    sin2w : {"MZ", "low"} or float
        Weak mixing angle (default the authors' 0.23122).
    running : bool
        Use the running Lμ−Lτ mixing ε(−Q²)/ε(0) in the A' amplitude.

    Returns
    -------
    sm : ndarray, shape (n_comp, 3, n_E)
        SM rate per flavour (sum over flavours for the total).
    interference, bsm : ndarray, shape (n_M, n_comp, 3, n_E)
        Per unit :math:`Q'_\alpha x` and :math:`(Q'_\alpha x)^2`.  Units: events per (target mass × time ×
        energy) for the Sun; per (target mass × energy) for a time-integrated spallation fluence.
    """
    _check_channel(channel)
    tgt = _targets.get_target(target)
    E = positive_array("recoil energies E_R", E_R, hint="pass e.g. 1 * keV", max_ndim=1)
    M = positive_array("mediator masses", masses, hint="pass e.g. 10 * MeV", max_ndim=1)
    s2w = _sin2w(sin2w)
    running = flag("running", running)
    comps = _check_components(components)
    nM, nc, nE = M.size, len(comps), E.size
    grid_size("differential_templates (masses x components x 3 flavours x E_R)", 2 * nM * nc * 3 * nE)
    sm = np.zeros((nc, 3, nE))
    it = np.zeros((nM, nc, 3, nE))
    bs = np.zeros((nM, nc, 3, nE))
    ml2, mh2 = m_mu**2, m_tau**2
    M2 = M * M
    if channel == "NR":
        for nuc, n_per_mass in zip(tgt.nuclei, tgt.nuclei_per_mass(), strict=True):
            Emin = _e_nu_min(E, nuc.mass)
            w = np.full(nE, n_per_mass)
            for c, comp in enumerate(comps):
                if comp.max_energy <= Emin.min():
                    continue  # no neutrino of this component can make these recoils on this nucleus
                _cevns_templates_kernel(E, nuc.mass, float(nuc.Z), float(nuc.N), float(nuc.A), s2w, M2, running,
                                        comp.moments(Emin), ml2, mh2, w, sm[c], it[:, c], bs[:, c])
    else:
        w = float(np.sum(tgt.nuclei_per_mass())) * _targets.z_effective(tgt, E)
        Emin = _e_nu_min(E, m_e)
        for c, comp in enumerate(comps):
            _electron_templates_kernel(E, s2w, M2, running, comp.moments(Emin), comp.antineutrino, ml2, mh2, w,
                                       sm[c], it[:, c], bs[:, c])
    return sm, it, bs


def combine(sm, interference, bsm, charges, x):
    r"""Total rate from templates: :math:`\sum_\alpha[SM_\alpha + Q'_\alpha x\,I_\alpha + Q'^2_\alpha x^2 B_\alpha]`.

    ``charges`` are the neutrino charges (:math:`Q'_{\nu_e}, Q'_{\nu_\mu}, Q'_{\nu_\tau}`); ``x`` the coupling
    product (scalar or array, broadcast as a new leading axis when it is an array).  The flavour axis is the
    second-to-last axis of the templates.
    """
    Q = _check_charges3(charges).reshape(3, 1)
    sm = finite_array("sm", sm)
    interference = finite_array("interference", interference)
    bsm = finite_array("bsm", bsm)
    for name, arr in (("sm", sm), ("interference", interference), ("bsm", bsm)):
        if arr.ndim < 2 or arr.shape[-2] != 3 or arr.shape[-1] != sm.shape[-1]:
            raise ValueError(f"{name} of shape {arr.shape} must have the flavour axis (3) second to last and the "
                             f"energy axis of sm {sm.shape} last")
    if interference.shape != bsm.shape:
        raise ValueError(f"interference {interference.shape} and bsm {bsm.shape} must have the same shape")
    x = finite_array("x", x)
    sm_t = np.sum(sm, axis=-2)
    i_t = np.sum(Q * interference, axis=-2)
    b_t = np.sum(Q * Q * bsm, axis=-2)
    if x.ndim == 0:
        return sm_t + x * i_t + x * x * b_t
    xs = x.reshape(x.shape + (1,) * i_t.ndim)
    return sm_t + xs * i_t + xs * xs * b_t


def _check_charges3(charges) -> np.ndarray:
    """The neutrino charges (Q'_nu_e, Q'_nu_mu, Q'_nu_tau): three finite numbers."""
    Q = finite_array("charges", charges)
    if Q.shape != (3,):
        raise ValueError(f"charges={charges!r} must be the 3 neutrino charges (Q'_nu_e, Q'_nu_mu, Q'_nu_tau)")
    return Q


def _model_terms(model):
    """(charges, x, mass, running) of a HiddenPhoton; None means the SM."""
    if model is None:
        return np.zeros(3), 0.0, 1.0 * GeV, False
    if not isinstance(model, _model.HiddenPhoton):
        raise ValueError(f"model={model!r} must be a lmt_lib.model.HiddenPhoton or None (the SM)")
    if model.running and abs(sum(model.charges[:3])) > 1e-12:
        raise ValueError("the running mixing is implemented for charge sets with a finite loop (e.g. Lmu-Ltau)")
    return model.neutrino_charges, model.g_eps, model.mass, model.running


def solar_differential_rate(channel: str, target, E_R, model=None, ssm: str = "B16-GS98", oscillation=None,
                            components=None, sin2w="MZ"):
    r"""Solar-neutrino :math:`dR/dE_R` per target mass, time and recoil energy, summed over components and flavours.

    The flux-weighted rate integral for NR; for ER with the stepping approximation (Chen et al., arXiv:1610.04177).
    Divide by ``1 / (tonne * year * keV)``.

    Examples
    --------
    The ⁸B CEvNS rate on ¹³¹Xe at 1 keVnr (an independent calculation with the standard ⁸B spectrum, the default,
    gives 229.52):

    >>> from lmt_lib.units import keV, tonne, year
    >>> r = solar_differential_rate("NR", "Xe131", 1 * keV, components=["8B"])
    >>> round(float(r[0] / (1 / (tonne * year * keV))), 1)
    229.5
    """
    Q, x, M, run = _model_terms(model)
    comps = solar_components(components, ssm, oscillation)
    sm, it, bs = differential_templates(channel, target, E_R, comps, [M], sin2w, run)
    return combine(sm.sum(axis=0), it[0].sum(axis=0), bs[0].sum(axis=0), Q, x)


def solar_line_templates(component: str, line_energy: float, n_electrons: float, mass: float,
                         ssm: str = "B16-GS98", oscillation=None, sin2w="MZ", running: bool = False):
    r"""Templates of the ν–e scattering rate of one solar line: SM, interference and BSM per flavour.

    :math:`R = N_e\,\Phi_\ell\sum_\alpha P_{e\alpha}(E_\ell)\,[S_\alpha + Q'_\alpha x\,I_\alpha
    + (Q'_\alpha x)^2 B_\alpha]` with :math:`x = g\varepsilon` and the total cross-section templates of
    :func:`lmt_lib.xsec.electron_total_templates` (tree level).  The three returned arrays hold the
    flavour terms :math:`N_e\Phi_\ell P_{e\alpha}S_\alpha` etc., so a scan over couplings at one mass is
    array arithmetic (:func:`combine`).

    Parameters
    ----------
    component : str
        A line component (``"7Be"`` or ``"pep"``).
    line_energy : float
        Which line of the component (GeV); the nearest one is used, within 1 %.
    n_electrons : float
        Number of target electrons (e.g. 3.307e31 in 100 t of Borexino scintillator).
    mass : float
        :math:`M_{A'}` (internal units).

    Returns
    -------
    (sm, interference, bsm) : tuple of ndarray, shape (3, 1)
        Rates (internal units: divide by ``1 / day``) per flavour (e, μ, τ) and one "bin", the template layout that
        :func:`combine` takes.
    """
    from lmt_lib import oscillations, xsec
    from lmt_lib._validation import positive
    from lmt_lib.fluxes import solar

    E0 = positive("line_energy", line_energy)
    Ne = positive("n_electrons", n_electrons)
    lines = solar.lines(component, ssm=ssm)
    match = [(E, phi) for E, phi in lines if abs(E / E0 - 1) < 0.01]
    if not match:
        raise ValueError(f"component {component!r} has no line near {E0 / 1e-3:.4g} MeV; its lines are "
                         f"{[round(E / 1e-3, 4) for E, _ in lines]} MeV")
    (E, phi), = match
    P = oscillations.flavour_fractions(component, np.array([E]), _osc_params(oscillation))[:, 0]
    terms = np.array([xsec.electron_total_templates(E, fl, mass, sin2w=sin2w, running=running)
                      for fl in _model.FLAVOURS], dtype=float)  # (3 flavours, 3 pieces)
    w = Ne * phi * P
    return (w * terms[:, 0])[:, None], (w * terms[:, 1])[:, None], (w * terms[:, 2])[:, None]


def solar_line_rate(component: str, line_energy: float, n_electrons: float, model=None, ssm: str = "B16-GS98",
                    oscillation=None, sin2w="MZ"):
    r"""Rate of ν–e scatterings of one solar line on ``n_electrons`` free electrons, all recoil energies.

    :math:`R = N_e\,\Phi_\ell\sum_\alpha P_{e\alpha}(E_\ell)\,\sigma_\alpha(E_\ell)` with the total ν–e cross
    sections of :mod:`lmt_lib.xsec` (tree level): the quantity Borexino measures for the ⁷Be line.
    Divide by ``1 / day`` for counts per day.  The templates behind it: :func:`solar_line_templates`.

    Examples
    --------
    >>> from lmt_lib.units import MeV, day
    >>> round(solar_line_rate("7Be", 0.8613 * MeV, 3.307e31, oscillation="Amaral2021") * day, 2)
    46.49
    """
    Q, x, M, run = _model_terms(model)
    sm, it, bs = solar_line_templates(component, line_energy, n_electrons, M, ssm, oscillation, sin2w, run)
    return float(combine(sm, it, bs, Q, x)[0])


def _recoil_masses(channel, tgt) -> list[float]:
    """The masses a neutrino scatters on: the electron (ER) or each isotope of the target (NR)."""
    return [m_e] if channel == "ER" else [n.mass for n in tgt.nuclei]


def _kinematic_edges(channel, tgt, comps, lo, hi):
    """Recoil energies inside (lo, hi) where the rate has a step or a kink: the maximum recoil of each line, and
    of the endpoint of each continuous spectrum, on each scattering mass (E_R^max = 2E^2/(m + 2E))."""
    energies = [El for comp in comps for El in comp.line_E] + [comp.E[-1] for comp in comps if comp.E.size]
    out = []
    for E in energies:
        for mm in _recoil_masses(channel, tgt):
            er = 2 * E * E / (mm + 2 * E)
            if lo < er < hi:
                out.append(er)
    return out


def solar_event_rate(channel: str, target, E_min, E_max, model=None, ssm: str = "B16-GS98", oscillation=None,
                     components=None, sin2w="MZ", n_nodes: int = 12):
    r"""Solar-neutrino events per exposure between two recoil energies, perfect efficiency and no resolution.

    Integrates :func:`solar_differential_rate` with Gauss–Legendre nodes in :math:`\ln E_R` between breakpoints
    (line kinematic edges).  Divide the result by ``1 / (tonne * year)``.

    Parameters
    ----------
    channel : {"NR", "ER"}
    target : str
        e.g. ``"Xe"`` (natural xenon), ``"Xe131"``.
    E_min, E_max : float
        Recoil-energy range (GeV; pass ``1 * keV``).
    model : HiddenPhoton or None
        None is the Standard Model.

    Examples
    --------
    ⁸B + hep CEvNS on ¹³¹Xe above 1 keVnr (an independent calculation with the standard ⁸B spectrum gives 92.79):

    >>> from lmt_lib.units import keV, tonne, year
    >>> r = solar_event_rate("NR", "Xe131", 1 * keV, 10 * keV, components=["8B", "hep"])
    >>> round(float(r / (1 / (tonne * year))), 2)
    92.78
    """
    _check_channel(channel)
    lo, hi = positive("E_min", E_min), positive("E_max", E_max)
    if hi <= lo:
        raise ValueError(f"need 0 < E_min < E_max (GeV); got E_min={E_min!r}, E_max={E_max!r}")
    _check_channel(channel)
    n_nodes = count("n_nodes", n_nodes, maximum=1024)
    tgt = _targets.get_target(target)
    comps = solar_components(components, ssm, oscillation)
    # breakpoints: quarter decades, and the kinematic ends of lines and spectra
    pts = set(np.geomspace(lo, hi, max(2, int(np.ceil(np.log10(hi / lo) * 4)) + 1)).tolist())
    pts.update(_kinematic_edges(channel, tgt, comps, lo, hi))
    edges = np.array(sorted(pts))
    E, W = _gl_nodes(edges, n_nodes)
    Q, x, M, run = _model_terms(model)
    sm, it, bs = differential_templates(channel, tgt, E, comps, [M], sin2w, run)
    dR = combine(sm.sum(axis=0), it[0].sum(axis=0), bs[0].sum(axis=0), Q, x)
    return float(np.dot(W, dR))


# ================================================================================================================
# Binned templates for a detector
# ================================================================================================================
@dataclass(frozen=True, eq=False)
class Templates:
    r"""Binned expected counts of one detector as SM / interference / BSM templates on a grid of masses.

    Counts are for the detector's exposure (solar: target mass × live time; spallation: its mass and protons on
    target), with its efficiency and resolution folded in; the background is kept apart.

    Attributes
    ----------
    name : str
        The detector's registry name.
    edges : ndarray, shape (n_bins + 1,)
        Bin edges in the detector's observable energy (GeV).
    masses : ndarray, shape (n_M,)
        Mediator masses (GeV).
    component_names : tuple of str
        Source components (solar components, or "prompt", "nu_e", "nubar_mu").
    sm : ndarray, shape (n_comp, 3, n_bins)
        SM counts per component and flavour.
    interference, bsm : ndarray, shape (n_M, n_comp, 3, n_bins)
        Counts per unit :math:`Q'_\alpha x` and :math:`(Q'_\alpha x)^2`.
    background : ndarray, shape (n_bins,)
        Background counts.
    norm_sigma : float
        Fractional normalisation systematic of the detector (0 if none).
    exposure : float
        The detector's exposure (internal units), to rescale counts.
    detector : object
        The :class:`lmt_lib.detectors.Detector` the templates were built for.
    options : dict
        The keyword arguments of :func:`binned_templates` (to rebuild at another mass).
    """

    name: str
    edges: np.ndarray
    masses: np.ndarray
    component_names: tuple
    sm: np.ndarray
    interference: np.ndarray
    bsm: np.ndarray
    background: np.ndarray
    norm_sigma: float
    exposure: float
    detector: object
    options: dict

    @property
    def n_bins(self) -> int:
        """Number of bins."""
        return self.edges.size - 1

    def component_counts(self, charges, x, mass_index: int) -> np.ndarray:
        r"""Counts per component (background excluded) for couplings ``x``: shape (n_x, n_comp, n_bins).

        :math:`\sum_\alpha [SM + Q'_\alpha x I_\alpha + Q'^2_\alpha x^2 B_\alpha]` at mass index ``mass_index``.
        """
        Q = _check_charges3(charges).reshape(1, 3, 1)
        x = np.atleast_1d(finite_array("x", x)).reshape(-1, 1, 1)
        mass_index = self._check_index(mass_index)
        sm = self.sm.sum(axis=1)[None]
        it = np.sum(Q * self.interference[mass_index], axis=1)[None]
        bs = np.sum(Q * Q * self.bsm[mass_index], axis=1)[None]
        return sm + x * it + x * x * bs

    def counts(self, charges, x, mass_index: int | None = None) -> np.ndarray:
        """Total counts (with background): shape (n_M, n_x, n_bins), or (n_x, n_bins) for one mass index."""
        if mass_index is not None:
            return self.component_counts(charges, x, mass_index).sum(axis=1) + self.background
        _check_charges3(charges), finite_array("x", x)
        return np.stack([self.counts(charges, x, i) for i in range(self.masses.size)])

    def _check_index(self, mass_index) -> int:
        n = self.masses.size
        i = count("mass_index", mass_index, minimum=-n, maximum=n - 1)
        return i

    def sm_components(self) -> np.ndarray:
        """SM counts per component (summed over flavours), shape (n_comp, n_bins); mass independent."""
        return self.sm.sum(axis=1)

    def sm_counts(self) -> np.ndarray:
        """SM counts plus background, per bin."""
        return self.sm.sum(axis=(0, 1)) + self.background

    def _mass_index(self, mass: float):
        hit = np.flatnonzero(np.isclose(self.masses, mass, rtol=1e-9, atol=0.0))
        return int(hit[0]) if hit.size else None

    def component_counts_for(self, model) -> np.ndarray:
        """Counts per component (n_comp, n_bins) of a :class:`HiddenPhoton` (rebuilt if its mass is off the grid)."""
        Q, x, M, run = _model_terms(model)
        if run != self.options.get("running", False):
            raise ValueError(f"model.running={run} but these templates were built with "
                             f"running={self.options.get('running', False)}: build them with the model's choice")
        i = self._mass_index(M)
        t = self if i is not None else binned_templates(self.detector, [M], **self.options)
        return t.component_counts(Q, x, 0 if i is None else i)[0]

    def counts_at(self, model) -> np.ndarray:
        """Total counts (with background) of a :class:`HiddenPhoton`, or of the SM for ``None``."""
        if model is None:
            return self.sm_counts()
        return self.component_counts_for(model).sum(axis=0) + self.background


def response_matrix(det, components, n_nodes: int = 8, max_energy: float | None = None):
    r"""Nodes :math:`E_j` of the true recoil energy and the matrix :math:`R_{ij}` with :math:`N_i = \sum_j R_{ij}\,
    \frac{dR}{dE}(E_j)`, for the spectrum of ``components`` in detector ``det``.

    The components fix what the spectrum looks like at true energy (its kinematic end and the kinks at the line and
    end-point recoils, on each scattering mass); the detector folds it through its efficiency, quenching and
    resolution (:meth:`lmt_lib.detectors.Detector.response`, which documents :math:`R_{ij}`).
    """
    from lmt_lib import detectors

    det = detectors.get_detector(det) if isinstance(det, str) else det
    if not isinstance(det, detectors.Detector):
        raise ValueError(f"det={det!r} must be a Detector or a registry name of one")
    components = _check_components(components)
    if max_energy is not None:
        max_energy = positive("max_energy", max_energy)
    tgt = _targets.get_target(det.target)
    masses = _recoil_masses(det.channel, tgt)
    Enu_max = max(c.max_energy for c in components)
    kin_max = max(2 * Enu_max**2 / (mm + 2 * Enu_max) for mm in masses)
    if max_energy is not None:
        kin_max = min(kin_max, max_energy)
    return det.response(kin_max, _kinematic_edges(det.channel, tgt, components, 0.0, math.inf), n_nodes)


def _detector_components(det, ssm, oscillation):
    if det.kind == "solar":
        return solar_components(None, ssm, oscillation)
    return spallation_components(det.beam.fluence_per_flavour)


def binned_templates(detector, masses, ssm: str = "B16-GS98", oscillation=None, sin2w="MZ",
                     running: bool = False, n_nodes: int = 8, allow_incomplete: bool = False) -> Templates:
    r"""Binned SM / interference / BSM templates of a detector on a grid of mediator masses.

    Parameters
    ----------
    detector : str or Detector
        A registry name (:func:`lmt_lib.detectors.get_detector`) or a Detector object.
    masses : array
        Mediator masses (GeV).
    ssm, oscillation : solar model and oscillation parameters (solar detectors).
    sin2w : weak mixing angle choice.
    running : bool
        Use the running Lμ−Lτ mixing.
    allow_incomplete : bool
        A detector whose ``todo`` is not empty (a number it needs is missing)
        raises ``ValueError`` unless this is True; a figure that uses one must say what is missing.

    Returns
    -------
    Templates

    Examples
    --------
    >>> from lmt_lib.units import MeV
    >>> t = binned_templates("CENNS-610", [10 * MeV])
    >>> round(float(t.sm_counts().sum()), 0)
    3089.0
    """
    from lmt_lib import detectors

    det = detectors.get_detector(detector) if isinstance(detector, str) else detector
    if not isinstance(det, detectors.Detector):
        raise ValueError(f"detector={detector!r} must be a Detector (muon-beam experiments have no templates here)")
    if det.kind == "spallation" or not flag("allow_incomplete", allow_incomplete):
        det.require_complete()
    M = positive_array("mediator masses", masses, hint="pass e.g. 10 * MeV", max_ndim=1)
    _check_ssm(ssm), _osc_params(oscillation), _sin2w(sin2w), flag("running", running)
    count("n_nodes", n_nodes, maximum=256)
    comps = _detector_components(det, ssm, oscillation)
    E, R = response_matrix(det, comps, n_nodes)
    sm, it, bs = differential_templates(det.channel, det.target, E, comps, M, sin2w, running)
    scale = det.mass if det.kind == "spallation" else det.exposure
    sm_b = scale * np.einsum("bj,caj->cab", R, sm)
    it_b = scale * np.einsum("bj,mcaj->mcab", R, it)
    bs_b = scale * np.einsum("bj,mcaj->mcab", R, bs)
    return Templates(
        name=det.name, edges=det.bin_edges(), masses=M, component_names=tuple(c.name for c in comps),
        sm=sm_b, interference=it_b, bsm=bs_b, background=np.asarray(det.background_per_bin(), dtype=float),
        norm_sigma=float(det.sigma_norm), exposure=float(det.exposure), detector=det,
        options=dict(ssm=ssm, oscillation=oscillation, sin2w=sin2w, running=running, n_nodes=n_nodes,
                     allow_incomplete=allow_incomplete),
    )


# keep the names used in module docs importable
__all__ = [
    "CHANNELS",
    "FluxComponent",
    "solar_components",
    "differential_templates",
    "combine",
    "solar_differential_rate",
    "solar_event_rate",
    "solar_line_rate",
    "solar_line_templates",
    "spallation_components",
    "Templates",
    "response_matrix",
    "binned_templates",
    "SPALLATION_COMPONENTS",
    "mass_eigenstate_rates",
    "oscillation_plane_ratio",
]



# ================================================================================================================
# The (theta23, delta_CP) plane: one rate computation per mass eigenstate
# ================================================================================================================
def mass_eigenstate_rates(channel: str, target, E_min, E_max, mass, components=("8B", "hep"),
                          ssm: str = "B16-GS98", oscillation=None, sin2w="MZ", n_nodes: int = 12):
    r"""Event-rate templates per mass eigenstate i and flavour α: :math:`R_{i\alpha} = \int dE_R \int dE_\nu
    \,\Phi(E_\nu)\,P_i(E_\nu)\,d\sigma_\alpha/dE_R` (SM, interference, BSM), integrated over ``[E_min, E_max]``.

    With the flavour fractions :math:`P_{e\alpha}=\sum_i|U_{\alpha i}|^2P_i`
    (:func:`lmt_lib.oscillations.mass_fractions`), the rate of flavour α is
    :math:`\sum_i |U_{\alpha i}|^2 R_{i\alpha}` for *any* θ₂₃ and δ (the :math:`P_i` depend on θ₁₂, θ₁₃, Δm²₂₁
    only, which are taken from ``oscillation``).  Perfect efficiency, no resolution, as :func:`solar_event_rate`.

    Returns
    -------
    sm, interference, bsm : ndarray, shape (3, 3)
        Rows: mass eigenstate i; columns: flavour α (e, μ, τ); events per target mass and time, the last two per
        unit :math:`Q'_\alpha x` and :math:`(Q'_\alpha x)^2`.
    """
    from lmt_lib import oscillations
    from lmt_lib.fluxes import solar

    _check_channel(channel)
    lo, hi = positive("E_min", E_min), positive("E_max", E_max)
    if hi <= lo:
        raise ValueError(f"need 0 < E_min < E_max (GeV); got E_min={E_min!r}, E_max={E_max!r}")
    M = positive("mass", mass)
    n_nodes = count("n_nodes", n_nodes, maximum=1024)
    tgt = _targets.get_target(target)
    names = _solar_names(components)
    if not names:
        raise ValueError("components must name at least one solar component")
    _check_ssm(ssm)
    _sin2w(sin2w)
    params = oscillations._check_inputs("8B", 1.0, _osc_params(oscillation))[2]
    comps_by_state = [[], [], []]
    for name in names:
        E, phi = solar.spectrum_table(name, n=2000, ssm=ssm)
        lines = solar.lines(name, ssm=ssm)
        lE = np.array([x[0] for x in lines], dtype=float)
        lphi = np.array([x[1] for x in lines], dtype=float)
        Pc = oscillations.mass_fractions(name, np.maximum(E, 1e-9 * GeV), params) if E.size else np.zeros((3, 0))
        Pl = oscillations.mass_fractions(name, lE, params) if lE.size else np.zeros((3, 0))
        for i in range(3):
            comps_by_state[i].append(FluxComponent(
                f"{name}-nu{i + 1}", E, np.repeat((phi * Pc[i])[None], 3, axis=0), lE,
                np.repeat((lphi * Pl[i])[None], 3, axis=0)))
    all_comps = [c for state in comps_by_state for c in state]
    pts = set(np.geomspace(lo, hi, max(2, int(np.ceil(np.log10(hi / lo) * 4)) + 1)).tolist())
    pts.update(_kinematic_edges(channel, tgt, all_comps, lo, hi))
    E_R, W = _gl_nodes(np.array(sorted(pts)), n_nodes)
    out = []
    for state in comps_by_state:
        sm, it, bs = differential_templates(channel, tgt, E_R, state, [M], sin2w, False)
        out.append((sm.sum(axis=0) @ W, it[0].sum(axis=0) @ W, bs[0].sum(axis=0) @ W))
    return tuple(np.array([o[k] for o in out]) for k in range(3))


def oscillation_plane_ratio(channel: str, target, E_min, E_max, model, theta23_deg, delta_deg,
                            components=("8B", "hep"), ssm: str = "B16-GS98", oscillation=None, sin2w="MZ"):
    r"""BSM/SM rate ratio of ``model`` over a grid of (θ₂₃, δ_CP), the other parameters from ``oscillation``.

    Uses :func:`mass_eigenstate_rates` once and the PDG :math:`|U_{\alpha i}|^2(\theta_{23},\delta)` at each grid
    point (:func:`lmt_lib.oscillations.mixing_matrix`), so a fine grid costs no more than one rate.

    Parameters
    ----------
    channel, target, E_min, E_max : as in :func:`solar_event_rate`
    model : HiddenPhoton
    theta23_deg, delta_deg : array_like
        Grid axes in degrees (θ₂₃ in [0, 90]).

    Returns
    -------
    ndarray, shape (n_theta23, n_delta)

    Examples
    --------
    >>> from lmt_lib import model
    >>> from lmt_lib.units import keV, MeV
    >>> A = model.lmu_ltau(10 * MeV, 5.03e-4)
    >>> r = oscillation_plane_ratio("NR", "Xe131", 1 * keV, 10 * keV, A, [49.26], [0.0], oscillation="Amaral2021")
    >>> round(float(r[0, 0]), 3)  # the +13.6 % of arXiv:2104.03297's parameters
    1.136
    """
    from lmt_lib import oscillations

    if not isinstance(model, _model.HiddenPhoton):
        raise ValueError(f"model={model!r} must be a lmt_lib.model.HiddenPhoton")
    th = np.atleast_1d(finite_array("theta23_deg", theta23_deg, max_ndim=1, allow_empty=False))
    dl = np.atleast_1d(finite_array("delta_deg", delta_deg, max_ndim=1, allow_empty=False))
    if np.any(th < 0) or np.any(th > 90):
        raise ValueError(f"theta23_deg={theta23_deg!r} must be a 1-d array of angles in [0, 90] degrees")
    Q, x, M, run = _model_terms(model)
    if run:
        raise ValueError("model.running must be False for oscillation_plane_ratio")
    base = oscillations._check_inputs("8B", 1.0, _osc_params(oscillation))[2]
    sm, it, bs = mass_eigenstate_rates(channel, target, E_min, E_max, M, components, ssm, base, sin2w)
    Qa = np.asarray(Q, dtype=float)
    tot = sm + x * Qa[None, :] * it + x * x * (Qa**2)[None, :] * bs  # (i, alpha)
    out = np.empty((th.size, dl.size))
    for a, t in enumerate(th):
        for b, d in enumerate(dl):
            U2 = np.abs(oscillations.mixing_matrix(base.with_(theta23_deg=t, delta_cp_deg=d))) ** 2  # (alpha, i)
            out[a, b] = np.sum(U2.T * tot) / np.sum(U2.T * sm)
    return out
