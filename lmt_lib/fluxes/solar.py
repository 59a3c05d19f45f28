r"""Solar neutrino fluxes at Earth, computed from beta-decay theory and normalised to standard solar models.

Components (the B16 standard solar models, Vinyoles et al. 2017): ``"pp"``, ``"pep"``, ``"hep"``, ``"7Be"``, ``"8B"``,
``"13N"``, ``"15O"``, ``"17F"``.

- **Continuous spectra** (pp, hep, 13N, 15O, 17F) are allowed beta+ shapes
  :math:`dN/dE_\nu \propto E_\nu^2\,p_e E_e\,F_0(-Z_d, E_e)` with :math:`E_e = E_0 - E_\nu + m_e` and
  :math:`p_e=\sqrt{E_e^2-m_e^2}` (:func:`allowed_shape`).  An earlier version of our notes had an extra factor
  :math:`(E_0-E_\nu)` in front of the square root. That factor is a typo: the phase space is
  :math:`p_eE_e` (Konopinski, *The Theory of Beta Radioactivity* 1966; Bahcall, *Neutrino Astrophysics* 1989,
  ch. 6), and
  only this form reproduces Bahcall's mean energies (Bahcall, Neutrino Astrophysics, 1989).
- **Fermi function**: the relativistic :math:`F_0` evaluated at the nuclear radius :math:`R=1.2A^{1/3}` fm.
  This is the usual finite-size treatment, :math:`(2pR)^{2(\gamma-1)}` (:func:`fermi_function`).  Screening, the
  :math:`L_0` and radiative and recoil-order corrections are neglected. They are below the 0.2 % level on the means.
- **8B** (default): the **standard spectrum** of Bahcall et al., PRC 54 (1996) 411, arXiv:nucl-th/9601044,
  shipped as ``lmt_lib/data/b8_spectrum_bahcall1996.txt`` (0.02 MeV grid), interpolated linearly and normalised
  to unit integral; zero beyond the last tabulated energy (16.56 MeV, where the table reaches 0).  The table's two
  spectra 3 effective standard deviations softer and harder are the **shape uncertainty**: ``b8_shape="soft"`` /
  ``"hard"`` in :func:`b8_spectrum`, :func:`differential_flux`, :func:`spectrum_table` (:data:`B8_SHAPES`).
- **8B cross-check** (``b8_shape="r-matrix"``, not the default): the allowed shape folded over the 8Be
  final-state distribution of a single-channel R-matrix (:func:`be8_final_state_distribution`): the observed
  levels (:data:`BE8_LEVELS`: the 3.03 MeV state and both members of the 16.6/16.9 MeV doublet, which interfere
  with it) and one distant background pole (:data:`BE8_BACKGROUND`) for the broad 2+ strength above them.  The
  pole's width and feeding are **calibrated** to the standard spectrum (``tools/calibrate_b8.py``), so this
  computation is a cross-check of the standard spectrum, not an independent prediction; everything else comes
  from the level compilations.  The validation appendix compares the two.
- **Lines**: pep at 1.442 MeV; 7Be at 0.3843 MeV (branching :data:`BE7_EXCITED_BRANCHING` = 10.44 %, to 7Li*(478
  keV)) and 0.8613 MeV (89.56 %).  The authors' public code used 0.1 / 0.9; the 0.44 % shift of flux
  between the two lines is well below the 6 % flux uncertainty.

Units: :func:`differential_flux` returns :math:`d\Phi/dE_\nu` in internal units (divide by
``1 / (cm**2 * s * MeV)``); :func:`lines` and :func:`total_flux` return fluxes in internal units (divide by
``1 / (cm**2 * s)``).  The shapes are normalised to unit integral and multiplied by the SSM total flux.

Sources
-------
- Normalisations: N. Vinyoles et al., ApJ 835 (2017) 202, arXiv:1611.09867, Table 6 (B16 SSMs).
- Endpoints and mean energies: J.N. Bahcall, *Neutrino Astrophysics* (1989), Table 6.2; J.N. Bahcall et al., PRC 54
  (1996) 411 (8B).
- 8Be levels: D.R. Tilley et al., Nucl. Phys. A 745 (2004) 155 (energy levels of A = 8); 8B log ft values: F.
  Ajzenberg-Selove, Nucl. Phys. A 490 (1988) 1.  R-matrix beta-decay formalism: F.C. Barker, Aust. J. Phys. 22
  (1969) 293; E.K. Warburton, PRC 33 (1986) 303.
- Masses (Q values): AME2020, M. Wang et al., Chinese Phys. C 45 (2021) 030003.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import numpy as np
from scipy import integrate
from scipy.special import loggamma

from lmt_lib._kernels import jit
from lmt_lib._validation import count, finite_array, flag, positive, real, real_array
from lmt_lib.units import MeV, alpha_em, cm, fm, keV, m_e, s

#: all solar components, in the order tables and figures show them
COMPONENTS: tuple[str, ...] = ("pp", "pep", "hep", "7Be", "8B", "13N", "15O", "17F")
#: components with a continuous spectrum
CONTINUOUS_COMPONENTS: tuple[str, ...] = ("pp", "hep", "8B", "13N", "15O", "17F")
#: components that are lines (electron captures)
LINE_COMPONENTS: tuple[str, ...] = ("pep", "7Be")

_FLUX_UNIT = 1.0 / (cm**2 * s)


# ----------------------------------------------------------------------------------------------------------------
# Beta emitters
# ----------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BetaEmitter:
    """An allowed beta+ source of solar neutrinos.

    ``endpoint`` is the maximum neutrino energy :math:`E_0` (= positron kinetic endpoint) in internal units.
    ``Z_daughter``/``A_daughter`` enter the Fermi function (with negative sign for beta+).
    """

    name: str
    reaction: str
    endpoint: float
    Z_daughter: int
    A_daughter: int
    mean_reference: float  #: Bahcall's mean neutrino energy (internal units), the validation target
    source: str


#: the allowed-shape emitters, with the endpoints of Bahcall's tabulated spectra
BETA_EMITTERS: MappingProxyType[str, BetaEmitter] = MappingProxyType(
    {
        "pp": BetaEmitter(
            "pp", "p + p -> d + e+ + nu_e", 0.4234 * MeV, 1, 2, 0.2668 * MeV,
            "E0 = 0.4234 MeV: Bahcall's tabulated pp spectrum. The laboratory Q value is 2m_p - m_d - m_e "
            "= 0.42023 MeV (CODATA 2018); the solar spectrum extends ~3 keV higher by the thermal c.m. kinetic "
            "energy of the fusing protons. With E0 = 0.42023 MeV the mean would be 0.2649 MeV (-0.7 %). "
            "Daughter: the deuteron (Z = 1, A = 2).",
        ),
        "hep": BetaEmitter(
            "hep", "3He + p -> 4He + e+ + nu_e", 18.784 * MeV, 2, 4, 9.628 * MeV,
            "E0 = 18.784 MeV: Bahcall's tabulated spectrum; AME2020 Q value 18.773 MeV. Daughter 4He.",
        ),
        "13N": BetaEmitter(
            "13N", "13N -> 13C + e+ + nu_e", 1.199 * MeV, 6, 13, 0.7063 * MeV,
            "E0 = 1.199 MeV: Bahcall's table (Neutrino Astrophysics, 1989); AME2020 Q_EC - 2m_e = 1.1985 MeV.",
        ),
        "15O": BetaEmitter(
            "15O", "15O -> 15N + e+ + nu_e", 1.732 * MeV, 7, 15, 0.9964 * MeV,
            "E0 = 1.732 MeV: Bahcall's table (Neutrino Astrophysics, 1989); AME2020 1.7317 MeV.",
        ),
        "17F": BetaEmitter(
            "17F", "17F -> 17O + e+ + nu_e", 1.740 * MeV, 8, 17, 0.9977 * MeV,
            "E0 = 1.740 MeV: Bahcall's table (Neutrino Astrophysics, 1989); AME2020 gives 1.7385 MeV (mean 0.9988 "
            "MeV).",
        ),
    }
)

#: nuclear radius parameter r0 in R = r0 A^(1/3) used in the Fermi function (finite-size F_0)
NUCLEAR_RADIUS_R0: float = 1.2 * fm


def fermi_function(Z, E_e, A):
    r"""Relativistic Fermi function :math:`F_0(Z, E_e)` at the nuclear surface.

    .. math::
        F_0 = 2(1+\gamma)\,(2p_eR)^{2(\gamma-1)}\,e^{\pi\eta}\,
        \frac{|\Gamma(\gamma+i\eta)|^2}{\Gamma(2\gamma+1)^2},\quad
        \gamma=\sqrt{1-(\alpha Z)^2},\ \eta=\alpha Z E_e/p_e,\ R = 1.2A^{1/3}\,{\rm fm}

    (e.g. Konopinski, *The Theory of Beta Radioactivity* (1966); Behrens & Bühring (1982)).  ``Z`` is the daughter
    charge with its sign: **negative for beta+**.  For :math:`Z\to0` it tends to 1, and for small :math:`\alpha Z`
    to the non-relativistic :math:`2\pi\eta/(1-e^{-2\pi\eta})`.

    Parameters
    ----------
    Z : int
        Signed daughter charge (negative for positron emission).
    E_e : float or ndarray
        Total lepton energy in internal units, > m_e.
    A : int
        Mass number of the daughter (sets R).

    Examples
    --------
    >>> from lmt_lib.units import MeV
    >>> round(float(fermi_function(-6, 1.0 * MeV, 13)), 4)
    0.8581
    """
    Z = _check_charge("Z", Z)
    A = count("A", A, maximum=400)
    E_e = finite_array("E_e", E_e)
    if np.any(E_e < m_e):
        raise ValueError(f"E_e={E_e!r} must be >= m_e (the total lepton energy, internal units)")
    p = np.sqrt(np.maximum(E_e**2 - m_e**2, 0.0))
    g = math.sqrt(1.0 - (alpha_em * Z) ** 2)
    R = NUCLEAR_RADIUS_R0 * A ** (1.0 / 3.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        eta = alpha_em * Z * E_e / p
        lg = loggamma(g + 1j * eta).real
        logF = (
            math.log(2.0 * (1.0 + g))
            + 2.0 * (g - 1.0) * np.log(2.0 * p * R)
            + math.pi * eta
            + 2.0 * lg
            - 2.0 * float(loggamma(2.0 * g + 1.0).real)
        )
        out = np.exp(logF)
    # at p -> 0 a beta+ Fermi function vanishes (Coulomb repulsion of the positron)
    return np.where(p > 0.0, out, 0.0 if Z < 0 else np.inf)


def _check_charge(name: str, Z) -> float:
    """A signed nuclear charge (an integer) with :math:`|\\alpha Z| < 1`, where the Fermi function exists."""
    z = real(name, Z)
    if z != int(z) or abs(alpha_em * z) >= 1.0:
        raise ValueError(f"{name}={Z!r} must be an integer charge with |Z| < 1/alpha = 137")
    return z


def allowed_shape(E_nu, endpoint, Z_daughter, A_daughter):
    r"""Un-normalised allowed beta+ neutrino spectrum :math:`E_\nu^2\,p_eE_e\,F_0(-Z_d,E_e)`.

    :math:`E_e = E_0-E_\nu+m_e`; zero for :math:`E_\nu \ge E_0`.  Internal units in (E_nu, endpoint), the output
    in GeV^4 (only ratios matter).

    Examples
    --------
    >>> from lmt_lib.units import MeV
    >>> float(allowed_shape(2.0 * MeV, 1.732 * MeV, 7, 15))
    0.0
    """
    E_nu = finite_array("E_nu", E_nu)
    if np.any(E_nu < 0):
        raise ValueError(f"E_nu={E_nu!r} must be >= 0 (a neutrino energy, internal units)")
    endpoint = positive("endpoint", endpoint)
    Z_daughter = count("Z_daughter", Z_daughter, maximum=136)
    A_daughter = count("A_daughter", A_daughter, maximum=400)
    T = endpoint - E_nu
    pos = T > 0.0
    Tp = np.where(pos, T, 1.0)
    E_e = Tp + m_e
    p_e = np.sqrt(Tp * (Tp + 2.0 * m_e))
    val = E_nu**2 * p_e * E_e * fermi_function(-Z_daughter, E_e, A_daughter)
    return np.where(pos, val, 0.0)


# ----------------------------------------------------------------------------------------------------------------
# 8B: R-matrix description of the 8Be final-state continuum
# ----------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Be8Level:
    """A 2+ level of 8Be fed in 8B beta+ decay, for the R-matrix final-state distribution."""

    E_x: float  #: excitation energy above the 8Be ground state (internal units)
    width: float  #: observed total (alpha) width (internal units)
    log_ft: float  #: log10 ft of its beta feeding (sets the Gamow-Teller strength, B ∝ 10^-log ft)
    sign: int  #: sign of the product (beta-feeding amplitude x reduced-width amplitude)
    source: str


#: Q value of 8B(beta+) to the 8Be ground state: AME2020 Q_EC = 17.9799 MeV minus 2 m_e
Q_8B: float = 16.9579 * MeV
#: 8Be ground state above the alpha + alpha threshold (AME2020 masses)
E_8BE_ALPHA_ALPHA: float = 0.09184 * MeV
#: alpha-particle mass (CODATA 2018), for the alpha-alpha reduced mass
M_ALPHA: float = 3727.3794066 * MeV
#: channel radius of the alpha-alpha R-matrix.  The radius is a model parameter, not an observable (the observed
#: levels' reduced widths follow from their widths at whatever radius is used).  Recalibrating :data:`BE8_BACKGROUND`
#: at 4.5-6.5 fm moves the calibrated spectrum's xenon CEvNS rates by < 0.25 % and its mean by < 0.1 %
#: (``python tools/calibrate_b8.py --scan-radius``); 5.5 fm is in the flat part of that range.
BE8_CHANNEL_RADIUS: float = 5.5 * fm
#: the 2+ levels (J = 2 requires alpha-alpha angular momentum l = 2)
BE8_LEVELS: tuple[Be8Level, ...] = (
    Be8Level(3.03 * MeV, 1.513 * MeV, 5.6, +1,
             "Tilley et al. NPA 745 (2004) 155: E_x = 3030(10) keV, Gamma = 1513(15) keV; log ft = 5.6 "
             "(Ajzenberg-Selove NPA 490 (1988) 1)"),
    Be8Level(16.626 * MeV, 0.108 * MeV, 3.3, -1,
             "Tilley et al. 2004: E_x = 16626(3) keV, Gamma = 108.1(5) keV; log ft = 3.3 (Ajzenberg-Selove 1988)"),
    Be8Level(16.922 * MeV, 0.074 * MeV, 3.3, -1,
             "Tilley et al. 2004: E_x = 16922(3) keV, Gamma = 74.0(4) keV. Feeding ASSUMED equal to that of the "
             "16.626 MeV member (near-maximal T = 0/1 mixing of the doublet); the compilation (Ajzenberg-Selove "
             "1988) quotes log ft = 3.3 for 8Be*(16.63) only"),
)


@dataclass(frozen=True)
class Be8BackgroundPole:
    """A distant, broad 2+ R-matrix pole standing for the 2+ strength above the levels of :data:`BE8_LEVELS`.

    R-matrix fits of the 8B and 8Li alpha spectra need such strength (the broad "intruder" 2+ states of Barker, Aust.
    J. Phys. 22 (1969) 293 and Warburton, PRC 33 (1986) 303).  A single pole far above the region of interest is the
    usual effective description of it; its position matters little once width and feeding are fitted.
    """

    E_x: float  #: pole position (excitation energy, internal units)
    reduced_width: float  #: gamma^2 (internal units)
    feeding: float  #: beta-feeding amplitude g relative to that of the 3.03 MeV level (sign included)
    source: str


#: the background pole.  Its reduced width and feeding are CALIBRATED, not taken from a compilation: they are the
#: least-squares values that make the computed spectrum reproduce the standard 8B spectrum (Bahcall et al., PRC 54
#: (1996) 411) through four of its numbers (computed here): the mean energy 6.7353 MeV and the SM 8B CEvNS
#: spectrum in 131Xe, dR/dE = 674.3, 229.52 and 17.07 /(t yr keV) at 0.5, 1 and 2 keVnr.  Reproduce with
#: ``python tools/calibrate_b8.py``.  The integrated rates above threshold are then predictions.
BE8_BACKGROUND: Be8BackgroundPole = Be8BackgroundPole(
    30.0 * MeV, 3.7697 * MeV, 0.77866,
    "calibrated to the standard 8B spectrum (Bahcall et al. 1996) through its mean energy and the 131Xe CEvNS "
    "dR/dE at 0.5, 1 and 2 keVnr (computed here from the standard spectrum); pole position fixed at 30 MeV "
    "(recalibrated at 20-45 MeV the "
    "spectrum's rates change by < 0.15 %). gamma^2 is about 3.7 Wigner limits (3 hbar^2 / 2 mu a^2 = 1.03 MeV): "
    "broader than any single level, as expected of a pole that stands for many",
)
#: the shapes of the 8B spectrum: the standard one (default), its -3 sigma ("soft") and +3 sigma ("hard") variants
#: (Bahcall et al., PRC 54 (1996) 411, arXiv:nucl-th/9601044), and the R-matrix computation (a cross-check)
B8_SHAPES: tuple[str, ...] = ("standard", "soft", "hard", "r-matrix")
#: the default 8B shape
B8_DEFAULT_SHAPE: str = "standard"
#: where each 8B shape comes from
B8_SHAPE_SOURCES: MappingProxyType[str, str] = MappingProxyType({
    "standard": "J.N. Bahcall et al., PRC 54 (1996) 411, arXiv:nucl-th/9601044: the standard 8B spectrum "
                "(lmt_lib/data/b8_spectrum_bahcall1996.txt)",
    "soft": "Bahcall et al. (1996), the same table: the spectrum 3 effective standard deviations softer",
    "hard": "Bahcall et al. (1996), the same table: the spectrum 3 effective standard deviations harder",
    "r-matrix": "computed here: the allowed beta+ shape folded over the 8Be R-matrix final-state distribution "
                "(levels: Tilley et al., NPA 745 (2004) 155), with the background pole calibrated to the standard "
                "spectrum of Bahcall et al. (1996) (cross-check only)",
})
#: the shipped standard-spectrum table
_B8_TABLE_PATH = Path(__file__).resolve().parent.parent / "data" / "b8_spectrum_bahcall1996.txt"
#: the step of the 8B convolution grid (the R-matrix 8B spectrum is tabulated on this uniform grid)
_B8_STEP: float = 5.0 * keV


@jit
def _coulomb_h_logderiv1(L, eta, rho):
    r"""H'/H = p + iq of the outgoing Coulomb function :math:`H^+_L = G_L + iF_L` (Steed's continued fraction CF2).

    Barnett, Feng, Steed & Goldfarb, Comput. Phys. Commun. 8 (1974) 377; Thompson & Barnett, CPC 36 (1985) 363:
    p + iq = i(1 - eta/rho) + (i/rho) a c / (2(rho - eta + i) + (a+1)(c+1) / (2(rho - eta + 2i) + ...)),
    a = i eta - L, c = i eta + L + 1, evaluated with the modified Lentz method.  From the Wronskian,
    F^2 + G^2 = 1/q, so the penetrability is P_L = rho q and the shift function S_L = rho p.
    """
    a = complex(-L, eta)
    c = complex(L + 1.0, eta)
    tiny = 1e-300
    f = complex(tiny, 0.0)
    C = f
    D = complex(0.0, 0.0)
    for k in range(1, 100000):
        ak = (a + (k - 1)) * (c + (k - 1))
        bk = 2.0 * complex(rho - eta, k)
        D = bk + ak * D
        if D == 0:
            D = complex(tiny, 0.0)
        C = bk + ak / C
        if C == 0:
            C = complex(tiny, 0.0)
        D = 1.0 / D
        delta = C * D
        f = f * delta
        if abs(delta - 1.0) < 1e-15:
            break
    return complex(0.0, 1.0 - eta / rho) + complex(0.0, 1.0 / rho) * f


@jit
def _coulomb_penetrability_shift(L, eta, rho):
    """Penetrability P_L and shift S_L at rho for arrays eta, rho (see :func:`_coulomb_h_logderiv1`)."""
    n = eta.shape[0]
    P = np.empty(n)
    S = np.empty(n)
    for i in range(n):
        h = _coulomb_h_logderiv1(L, eta[i], rho[i])
        # deep below the barrier (P < ~1e-12, alpha-alpha energies of a few keV) the continued fraction loses
        # the tiny imaginary part to rounding and may return a negative value: there P is 0 to that precision
        P[i] = max(rho[i] * h.imag, 0.0)
        S[i] = rho[i] * h.real
    return P, S


def coulomb_penetrability(L, E_cm, Z1Z2, reduced_mass, radius):
    r"""Coulomb penetrability :math:`P_L=\rho/(F_L^2+G_L^2)` and shift :math:`S_L=\rho(F_LF_L'+G_LG_L')/(F_L^2+G_L^2)`.

    Evaluated at :math:`\rho = ka` with :math:`k=\sqrt{2\mu E}`, :math:`\eta = Z_1Z_2\alpha\sqrt{\mu/2E}`
    (Lane & Thomas, Rev. Mod. Phys. 30 (1958) 257), via Steed's continued fraction.

    Parameters
    ----------
    L : int
        Orbital angular momentum.
    E_cm : float or ndarray
        Centre-of-mass kinetic energy (internal units), > 0.
    Z1Z2 : int
        Product of the charges.
    reduced_mass, radius : float
        Reduced mass and channel radius (internal units).

    Returns
    -------
    (P, S) : tuple of ndarray

    Examples
    --------
    >>> from lmt_lib.units import MeV, fm
    >>> P, S = coulomb_penetrability(2, 3.12 * MeV, 4, 1863.69 * MeV, 4.5 * fm)
    >>> round(float(P[0]), 4)
    0.9066
    """
    L = count("L", L, minimum=0, maximum=50)
    shape = np.atleast_1d(finite_array("E_cm", E_cm)).shape
    E = np.atleast_1d(finite_array("E_cm", E_cm)).ravel()
    if np.any(E <= 0):
        raise ValueError(f"E_cm={E_cm!r} must be finite and > 0")
    Z1Z2 = positive("Z1Z2", Z1Z2, allow_zero=True)
    reduced_mass = positive("reduced_mass", reduced_mass)
    radius = positive("radius", radius)
    k = np.sqrt(2.0 * reduced_mass * E)
    rho = k * radius
    eta = Z1Z2 * alpha_em * np.sqrt(reduced_mass / (2.0 * E))
    P, S = _coulomb_penetrability_shift(float(L), eta, rho)
    return P.reshape(shape), S.reshape(shape)


def be8_final_state_distribution(E_x, background: bool = True, radius: float | None = None):
    r"""Beta-strength density of 8B -> 8Be* (2+) per unit excitation energy, without the beta phase space.

    Single-channel (alpha + alpha, l = 2) multilevel R-matrix for beta-delayed particle emission (Barker, Aust. J.
    Phys. 22 (1969) 293; Warburton, PRC 33 (1986) 303):

    .. math::
        w(E) \propto P_2(E)\,\frac{\left|\sum_\lambda g_\lambda\gamma_\lambda/(E_\lambda-E)\right|^2}
        {\left|1-[S_2(E)-B+iP_2(E)]\sum_\lambda\gamma_\lambda^2/(E_\lambda-E)\right|^2}

    with :math:`E = E_x + 0.0918` MeV the alpha-alpha energy and channel radius :data:`BE8_CHANNEL_RADIUS`.

    - The observed levels (:data:`BE8_LEVELS`: 3.03 MeV and the 16.6/16.9 MeV doublet) take their reduced widths
      :math:`\gamma_\lambda^2` from their widths, :math:`\Gamma = 2\gamma^2P_2/(1+\gamma^2S_2')` at
      :math:`E_\lambda`, and their feeding from their Gamow-Teller strengths,
      :math:`g_\lambda^2 \propto 10^{-\log ft}(1+\gamma_\lambda^2S'_2)`.  The boundary condition is
      :math:`B = S_2(E_1)`.  The doublet interferes *constructively* with the 3 MeV level above its peak, the known
      excess of the alpha spectrum on the high-energy side (Alburger, Donovan & Wilkinson, PR 132 (1963) 334).
    - The background pole (:data:`BE8_BACKGROUND`, included when ``background``) stands for the broad 2+ strength
      above 17 MeV that fits of the alpha spectra need.  Its width and feeding are calibrated to the standard
      spectrum (see :data:`BE8_BACKGROUND`).

    Why the pole: the three observed levels alone reproduce the mean neutrino energy (6.736 MeV at 4.5 fm) but not
    the shape.  Their spectrum is too broad, and its tail above 10 MeV too hard: the 131Xe CEvNS rate above 2 keVnr
    came out 7 % above the value computed with the tabulated spectrum.  The pole's interference narrows the
    distribution on both sides of the 3 MeV peak; the low-:math:`E_x` side it trims feeds the high-energy
    neutrinos.

    Parameters
    ----------
    E_x : float or ndarray
        8Be excitation energy (internal units); zero below the alpha-alpha threshold (E_x < -0.0918 MeV).
    background : bool
        Include the calibrated background pole (default).  ``False`` gives the three observed levels only.
    radius : float, optional
        Channel radius (internal units, > 0); default :data:`BE8_CHANNEL_RADIUS`.

    Returns
    -------
    ndarray
        Un-normalised density (arbitrary units, 1/energy).

    Examples
    --------
    >>> from lmt_lib.units import MeV
    >>> w = be8_final_state_distribution([1.0 * MeV, 3.0 * MeV])
    >>> bool(w[1] > w[0])
    True
    """
    E_x = np.atleast_1d(finite_array("E_x", E_x))
    radius = _check_radius(radius)
    E = E_x + E_8BE_ALPHA_ALPHA
    out = np.zeros_like(E)
    pos = E > 0.0
    if np.any(pos):
        out[pos] = _be8_density(E[pos], _pole(background), radius)
    return out


def _check_radius(radius) -> float:
    return BE8_CHANNEL_RADIUS if radius is None else positive("radius", radius)


def _pole(background: bool):
    return BE8_BACKGROUND if flag("background", background) else None


@functools.lru_cache(maxsize=16)
def _be8_level_parameters(pole: Be8BackgroundPole | None, radius: float):
    """(E_lambda, gamma^2, g gamma, B) of the R-matrix poles (alpha-alpha energies, internal units).

    ``pole``: the background pole to add to :data:`BE8_LEVELS`, or None.
    """
    mu = M_ALPHA / 2.0
    E_lev = np.array([lv.E_x + E_8BE_ALPHA_ALPHA for lv in BE8_LEVELS])
    d = 1e-4 * MeV
    P0, S0 = coulomb_penetrability(2, E_lev, 4, mu, radius)
    _, Sp = coulomb_penetrability(2, E_lev + d, 4, mu, radius)
    _, Sm = coulomb_penetrability(2, E_lev - d, 4, mu, radius)
    dS = (Sp - Sm) / (2.0 * d)
    widths = np.array([lv.width for lv in BE8_LEVELS])
    gam2 = widths / (2.0 * P0 - widths * dS)
    strength = np.array([10.0 ** (BE8_LEVELS[0].log_ft - lv.log_ft) for lv in BE8_LEVELS])
    signs = np.array([float(lv.sign) for lv in BE8_LEVELS])
    feed = signs * np.sqrt(strength * (1.0 + gam2 * dS))
    if pole is not None:
        E_lev = np.append(E_lev, pole.E_x + E_8BE_ALPHA_ALPHA)
        gam2 = np.append(gam2, pole.reduced_width)
        feed = np.append(feed, pole.feeding * feed[0])
    return E_lev, gam2, feed * np.sqrt(gam2), float(S0[0])


def _be8_density(E, pole: Be8BackgroundPole | None, radius: float):
    E_lev, gam2, amp, B = _be8_level_parameters(pole, radius)
    P, S = coulomb_penetrability(2, E, 4, M_ALPHA / 2.0, radius)
    # multiply numerator and denominator by prod(E_lambda - E): no division by zero at E = E_lambda
    diff = E_lev[:, None] - E[None, :]
    num = np.zeros_like(E)
    rsum = np.zeros_like(E)
    for lam in range(len(E_lev)):
        others = np.prod(np.delete(diff, lam, axis=0), axis=0)
        num = num + amp[lam] * others
        rsum = rsum + gam2[lam] * others
    den = np.prod(diff, axis=0) - (S - B + 1j * P) * rsum
    return P * num**2 / np.abs(den) ** 2


@functools.lru_cache(maxsize=8)
def _b8_table(pole: Be8BackgroundPole | None = BE8_BACKGROUND, radius: float = BE8_CHANNEL_RADIUS,
              step: float = _B8_STEP):
    """8B spectrum on a uniform grid: the allowed shape convolved with the 8Be distribution.

    With E_nu = i h, E (alpha-alpha) = j h and positron kinetic energy T = (N - i - j) h, where
    N h = Q + 0.0918 MeV, the fold is a discrete convolution (trapezoid rule in E).
    """
    total = Q_8B + E_8BE_ALPHA_ALPHA
    N = int(round(total / step))
    h = total / N
    grid = np.arange(N + 1) * h
    w = np.zeros(N + 1)
    w[1:] = _be8_density(grid[1:], pole, radius)
    T = grid
    Tp = np.where(T > 0, T, 1.0)
    E_e = Tp + m_e
    g = np.where(T > 0, np.sqrt(Tp * (Tp + 2 * m_e)) * E_e * fermi_function(-4, E_e, 8), 0.0)
    conv = np.convolve(w, g) * h
    E_nu = grid
    shape = E_nu**2 * conv[N - np.arange(N + 1)]
    shape[-1] = 0.0
    norm = np.trapezoid(shape, E_nu)  # the exact integral of the linear interpolant used by differential_flux
    shape = shape / norm
    shape.flags.writeable = False
    E_nu.flags.writeable = False
    return E_nu, shape


@functools.lru_cache(maxsize=1)
def _b8_standard_tables():
    """The three columns of the standard table, with E = 0 prepended, each normalised to unit trapezoid integral."""
    data = np.loadtxt(_B8_TABLE_PATH, comments="#")
    E = np.concatenate([[0.0], data[:, 0]]) * MeV
    E.flags.writeable = False
    out = {}
    for name, col in (("standard", 1), ("soft", 2), ("hard", 3)):
        y = np.concatenate([[0.0], data[:, col]]) / MeV
        y = y / np.trapezoid(y, E)  # the exact integral of the linear interpolant
        y.flags.writeable = False
        out[name] = (E, y)
    return MappingProxyType(out)


def _check_b8_shape(b8_shape) -> str:
    if b8_shape is None:
        return B8_DEFAULT_SHAPE
    if b8_shape not in B8_SHAPES:
        raise ValueError(f"b8_shape={b8_shape!r} is unknown; expected one of {B8_SHAPES}")
    return b8_shape


def _b8_shape_table(b8_shape: str):
    """(grid, unit-normalised spectrum) of a validated 8B shape; read-only arrays."""
    if b8_shape == "r-matrix":
        return _b8_table()
    return _b8_standard_tables()[b8_shape]


def b8_spectrum(b8_shape: str | None = None, background: bool = True, radius: float | None = None):
    r"""The normalised 8B neutrino spectrum on its native grid: ``(E_nu, dN/dE_nu)``.

    ``b8_shape`` is one of :data:`B8_SHAPES` (default :data:`B8_DEFAULT_SHAPE`, the standard spectrum of Bahcall et
    al., PRC 54 (1996) 411, on its 0.02 MeV grid with E = 0 prepended; ``"soft"`` and ``"hard"`` are its ±3σ
    shapes).  :func:`differential_flux` interpolates the table linearly; each table integrates to exactly 1 under
    that interpolation.

    ``"r-matrix"`` is the cross-check computed from the 8Be levels (grid step ~5 keV).  Only for it, ``background``
    and ``radius`` show what the calibrated background pole does (validation appendix): ``background=False`` is the
    model of the three observed levels only.

    Parameters
    ----------
    b8_shape : str, optional
        One of :data:`B8_SHAPES`.
    background : bool
        R-matrix only: include the calibrated background pole :data:`BE8_BACKGROUND`.
    radius : float, optional
        R-matrix only: channel radius (internal units); default :data:`BE8_CHANNEL_RADIUS`.

    Returns
    -------
    (E_nu, shape) : tuple of ndarray
        Energies (internal units) and the unit-normalised spectrum (1/energy); copies.

    Examples
    --------
    >>> import numpy as np
    >>> from lmt_lib.units import MeV
    >>> E, y = b8_spectrum()
    >>> round(float(np.trapezoid(y, E)), 9), round(float(np.trapezoid(E * y, E) / MeV), 4)
    (1.0, 6.7353)
    >>> [round(float(np.trapezoid(E * y, E) / MeV), 3) for E, y in map(b8_spectrum, ("soft", "hard"))]
    [6.629, 6.842]
    >>> E, y = b8_spectrum("r-matrix")  # the calibrated R-matrix cross-check
    >>> round(float(np.trapezoid(E * y, E) / MeV), 3)
    6.739
    >>> E3, y3 = b8_spectrum("r-matrix", background=False)  # the observed levels only: a broader spectrum
    >>> round(float(np.trapezoid(E3 * y3, E3) / MeV), 3)
    6.703
    """
    shape = _check_b8_shape(b8_shape)
    if shape != "r-matrix":
        if background is not True:
            raise ValueError("background applies to b8_shape='r-matrix' only")
        if radius is not None:
            raise ValueError("radius applies to b8_shape='r-matrix' only")
        E, y = _b8_shape_table(shape)
    else:
        if not isinstance(background, bool):
            raise TypeError(f"background={background!r} must be a bool")
        E, y = _b8_table(_pole(background), _check_radius(radius))
    return E.copy(), y.copy()


@functools.lru_cache(maxsize=None)
def _allowed_norm(component):
    em = BETA_EMITTERS[component]
    E0 = em.endpoint / MeV  # integrate in MeV for a well-scaled quadrature
    f = lambda x: float(allowed_shape(x * MeV, em.endpoint, em.Z_daughter, em.A_daughter)) / MeV**5  # noqa: E731
    val, _ = integrate.quad(f, 0.0, E0, epsabs=0.0, epsrel=1e-11, limit=200)
    return val * MeV**5 * MeV


def _unit_shape(component, E, b8_shape: str = B8_DEFAULT_SHAPE):
    """Normalised shape (unit integral over E_nu, internal units 1/GeV) at energies E."""
    if component == "8B":
        grid, table = _b8_shape_table(b8_shape)
        return np.interp(E, grid, table, left=0.0, right=0.0)
    em = BETA_EMITTERS[component]
    return allowed_shape(E, em.endpoint, em.Z_daughter, em.A_daughter) / _allowed_norm(component)


# ----------------------------------------------------------------------------------------------------------------
# Standard solar models
# ----------------------------------------------------------------------------------------------------------------
#: fraction of 7Be electron captures to the 478 keV state of 7Li (the 0.3843 MeV line); Tilley et al., NPA 708 (2002) 3
BE7_EXCITED_BRANCHING: float = 0.1044
#: neutrino line energies (internal units): Bahcall's solar values, with the thermal shifts (Bahcall, PRD 49 (1994)
#: 3923)
LINE_ENERGIES: MappingProxyType[str, tuple[float, ...]] = MappingProxyType(
    {"pep": (1.442 * MeV,), "7Be": (0.3843 * MeV, 0.8613 * MeV)}
)

_B16_UNC = {"pp": 0.006, "pep": 0.01, "hep": 0.30, "7Be": 0.06, "8B": 0.12, "13N": 0.15, "15O": 0.17, "17F": 0.20}


@dataclass(frozen=True)
class SolarModel:
    """A standard-solar-model set of total fluxes.

    ``fluxes`` are in cm^-2 s^-1 (plain numbers, as published); ``uncertainties`` are 1-sigma fractions.
    ``be7_excited_branching`` is the fraction of the 7Be flux in the 0.3843 MeV line.
    """

    name: str
    fluxes: MappingProxyType  # component -> cm^-2 s^-1
    uncertainties: MappingProxyType  # component -> fractional 1 sigma
    be7_excited_branching: float
    source: str

    def flux(self, component: str) -> float:
        """Total flux of ``component`` in internal units."""
        return self.fluxes[_check_component(component)] * _FLUX_UNIT


#: the solar models, by name
SSMS: MappingProxyType[str, SolarModel] = MappingProxyType(
    {
        "B16-GS98": SolarModel(
            "B16-GS98",
            MappingProxyType({"pp": 5.98e10, "pep": 1.44e8, "hep": 7.98e3, "7Be": 4.93e9, "8B": 5.46e6,
                              "13N": 2.78e8, "15O": 2.05e8, "17F": 5.29e6}),
            MappingProxyType(dict(_B16_UNC)),
            BE7_EXCITED_BRANCHING,
            "Vinyoles et al., ApJ 835 (2017) 202, arXiv:1611.09867, Table 6 (high metallicity, GS98). "
            "Uncertainties: the B16 1-sigma column of the same table.",
        ),
        "B16-AGSS09met": SolarModel(
            "B16-AGSS09met",
            MappingProxyType({"pp": 6.03e10, "pep": 1.46e8, "hep": 8.25e3, "7Be": 4.50e9, "8B": 4.50e6,
                              "13N": 2.04e8, "15O": 1.44e8, "17F": 3.26e6}),
            MappingProxyType(dict(_B16_UNC)),
            BE7_EXCITED_BRANCHING,
            "Vinyoles et al., ApJ 835 (2017) 202, arXiv:1611.09867, Table 6 (low metallicity, AGSS09met). "
            "Uncertainties: the B16 1-sigma column of Vinyoles et al. (the GS98 values, used for both models).",
        ),
        "GS98-original": SolarModel(
            "GS98-original",
            MappingProxyType({"pp": 5.98e10, "pep": 1.448e8, "hep": 8.04e3, "7Be": 4.84e8 + 4.35e9, "8B": 5.58e6,
                              "13N": 2.97e8, "15O": 2.23e8, "17F": 5.52e6}),
            MappingProxyType(dict(_B16_UNC)),
            4.84e8 / (4.84e8 + 4.35e9),
            "The authors' first code version ('original' GS98 set, github.com/dwpamaral/SNuDD); 7Be lines 4.84e8 "
            "(0.384 MeV) and "
            "4.35e9 (0.861 MeV). Uncertainties: the B16 column of Vinyoles et al. 2017, for want of the original ones.",
        ),
    }
)


# ----------------------------------------------------------------------------------------------------------------
# Public API
# ----------------------------------------------------------------------------------------------------------------
def _check_component(component) -> str:
    if component not in COMPONENTS:
        raise ValueError(f"component={component!r} is unknown; expected one of {COMPONENTS}")
    return component


def _check_ssm(ssm) -> SolarModel:
    if not isinstance(ssm, str) or ssm not in SSMS:
        raise ValueError(f"ssm={ssm!r} is unknown; expected one of {tuple(SSMS)}")
    return SSMS[ssm]


def _check_energy(E_nu) -> np.ndarray:
    E = real_array("E_nu", E_nu)
    if not np.all(np.isfinite(E)):
        raise ValueError("E_nu must be finite (no NaN or inf)")
    if np.any(E < 0.0):
        raise ValueError("E_nu must be >= 0 (neutrino energy, internal units)")
    return E


def endpoint(component: str, b8_shape: str | None = None) -> float:
    """Maximum neutrino energy of ``component`` in internal units (the line energy for pep, the upper line for 7Be).

    For 8B it is where the spectrum ends: the last tabulated energy of the standard table, 16.56 MeV (the table is
    zero there; the kinematic limit :math:`Q_{\\beta^+} + 0.0918` MeV = 17.05 MeV carries a flux below 1e-7 of the
    total), or that kinematic limit for ``b8_shape="r-matrix"``.

    Examples
    --------
    >>> from lmt_lib.units import MeV
    >>> round(endpoint("8B") / MeV, 3), round(endpoint("8B", "r-matrix") / MeV, 3), round(endpoint("pp") / MeV, 4)
    (16.56, 17.05, 0.4234)
    """
    component = _check_component(component)
    shape = _check_b8_shape(b8_shape)
    if component in LINE_COMPONENTS:
        return max(LINE_ENERGIES[component])
    if component == "8B":
        if shape == "r-matrix":
            return Q_8B + E_8BE_ALPHA_ALPHA
        return float(_b8_shape_table(shape)[0][-1])
    return BETA_EMITTERS[component].endpoint


def total_flux(component: str, ssm: str = "B16-GS98") -> float:
    """Total flux at Earth of ``component`` in internal units (divide by ``1/(cm**2*s)`` for cm^-2 s^-1).

    Source: the SSM's citation (:data:`SSMS`), e.g. Vinyoles et al. 2017 (B16).

    Examples
    --------
    >>> from lmt_lib.units import cm, s
    >>> round(total_flux("8B") / (1 / (cm**2 * s)) / 1e6, 3)
    5.46
    """
    return _check_ssm(ssm).flux(_check_component(component))


def flux_uncertainty(component: str, ssm: str = "B16-GS98") -> float:
    """Fractional 1-sigma uncertainty of the total flux of ``component`` (B16, Vinyoles et al. 2017, Table 6).

    >>> flux_uncertainty("8B")
    0.12
    """
    return _check_ssm(ssm).uncertainties[_check_component(component)]


def lines(component: str, ssm: str = "B16-GS98") -> tuple[tuple[float, float], ...]:
    """Monochromatic lines of ``component``: tuple of (energy, flux) in internal units; empty if continuous.

    7Be: (0.3843 MeV, B x Phi), (0.8613 MeV, (1 - B) x Phi) with B the SSM's ``be7_excited_branching``
    (10.44 %, Tilley et al. 2002, for the B16 models).  pep: (1.442 MeV, Phi).

    Examples
    --------
    >>> from lmt_lib.units import MeV, cm, s
    >>> [(round(E / MeV, 4), round(f / (1 / (cm**2 * s)) / 1e9, 4)) for E, f in lines("7Be")]
    [(0.3843, 0.5147), (0.8613, 4.4153)]
    """
    component = _check_component(component)
    model = _check_ssm(ssm)
    if component not in LINE_COMPONENTS:
        return ()
    phi = model.flux(component)
    if component == "pep":
        return ((LINE_ENERGIES["pep"][0], phi),)
    b = model.be7_excited_branching
    E_lo, E_hi = LINE_ENERGIES["7Be"]
    return ((E_lo, b * phi), (E_hi, (1.0 - b) * phi))


def differential_flux(component: str, E_nu, ssm: str = "B16-GS98", b8_shape: str | None = None):
    r"""Differential flux :math:`d\Phi/dE_\nu` at Earth, in internal units (divide by ``1/(cm**2*s*MeV)``).

    The shape (unit integral; allowed beta+ for pp, hep, CNO; the standard spectrum for 8B, or the shape
    ``b8_shape`` of :data:`B8_SHAPES`, see the module docstring) times the SSM total flux.  For the line
    components (pep, 7Be) the continuous part is zero and this returns zeros:
    their flux is in :func:`lines`.

    Parameters
    ----------
    component : str
        One of :data:`COMPONENTS`.
    E_nu : float or ndarray
        Neutrino energy (internal units), finite and >= 0; beyond the endpoint the flux is 0.
    ssm : str
        One of :data:`SSMS`.
    b8_shape : str, optional
        8B only: one of :data:`B8_SHAPES` (default the standard spectrum).

    Returns
    -------
    float or ndarray
        Same shape as ``E_nu``.

    Examples
    --------
    >>> from lmt_lib.units import MeV, cm, s
    >>> round(float(differential_flux("8B", 10 * MeV) / (1 / (cm**2 * s * MeV))), -2)
    422100.0
    """
    component = _check_component(component)
    model = _check_ssm(ssm)
    E = _check_energy(E_nu)
    shape = _check_b8_shape(b8_shape)
    if component in LINE_COMPONENTS:
        out = np.zeros(E.shape)
    else:
        out = _unit_shape(component, E, shape) * model.flux(component)
    return float(out) if out.ndim == 0 else out


def mean_energy(component: str, b8_shape: str | None = None) -> float:
    """Mean neutrino energy (internal units) of the spectrum of ``component`` (the flux-weighted line energy for 7Be).

    Validation (Bahcall 1989; Bahcall et al. 1996): pp 0.2668, 13N 0.7063, 15O 0.9964, 17F 0.9977, 8B 6.735, hep 9.628
    MeV.

    Examples
    --------
    >>> from lmt_lib.units import MeV
    >>> round(mean_energy("8B") / MeV, 3)
    6.735
    """
    component = _check_component(component)
    shape = _check_b8_shape(b8_shape)
    if component in LINE_COMPONENTS:
        ls = lines(component)
        return sum(E * f for E, f in ls) / sum(f for _, f in ls)
    if component == "8B":  # the exact mean of the linear interpolant of the table
        E, y = _b8_shape_table(shape)
        h = np.diff(E)
        return float(np.sum(h * (E[:-1] * (2 * y[:-1] + y[1:]) + E[1:] * (y[:-1] + 2 * y[1:])) / 6))
    return _mean_cached(component)


@functools.lru_cache(maxsize=None)
def _mean_cached(component):
    E, y = spectrum_table(component, n=4001, ssm="B16-GS98")
    return float(np.trapezoid(E * y, E) / np.trapezoid(y, E))


def spectrum_table(component: str, n: int = 1000, ssm: str = "B16-GS98", b8_shape: str | None = None):
    r"""Tabulated spectrum for rate kernels: ``(E_grid, dPhi/dE)`` in internal units.

    The grid is :math:`E_k = \tfrac12 E_{\max}(1-\cos(\pi k/(n-1)))`, dense at both ends where the shapes bend.
    The trapezoid rule on it reproduces the total flux to better than 1e-4 for ``n >= 500``.  Line components
    return two empty arrays (no continuous part; use :func:`lines`).  ``b8_shape`` (8B only, one of
    :data:`B8_SHAPES`) selects the 8B shape; the rate engine (:mod:`lmt_lib.rates`) uses the default.

    Examples
    --------
    >>> import numpy as np
    >>> E, y = spectrum_table("15O")
    >>> round(float(np.trapezoid(y, E) / total_flux("15O")), 5)
    1.0
    """
    component = _check_component(component)
    _check_ssm(ssm)
    n = count("n", n, minimum=16)
    shape = _check_b8_shape(b8_shape)
    if component in LINE_COMPONENTS:
        return np.zeros(0), np.zeros(0)
    E, y = _table_cached(component, int(n), shape if component == "8B" else B8_DEFAULT_SHAPE)
    return E.copy(), y * SSMS[ssm].flux(component)


@functools.lru_cache(maxsize=64)
def _table_cached(component, n, b8_shape):
    Emax = endpoint(component, b8_shape)
    E = 0.5 * Emax * (1.0 - np.cos(np.pi * np.arange(n) / (n - 1)))
    y = _unit_shape(component, E, b8_shape)
    return E, y
