r"""Solar-neutrino flavour fractions at Earth: adiabatic MSW in three flavours (SPEC §6.2).

A :math:`\nu_e` is produced at radius :math:`x=r/R_\odot` with energy :math:`E`.  It leaves the Sun adiabatically
as an incoherent mixture of mass eigenstates, and it reaches Earth with flavour fractions :math:`P_{e\alpha}`.
Earth matter (day/night) is **neglected**, as in the authors' 2021 code [SPEC §6.2, C].

1. Matter angle (SPEC Eq. 6.1):
   :math:`\cos2\theta_{12}^m = (\cos2\theta_{12}-\beta)/\sqrt{(\cos2\theta_{12}-\beta)^2+\sin^22\theta_{12}}`, with
   :math:`\beta = 2\sqrt2G_Fn_e(x)E\cos^2\theta_{13}/\Delta m^2_{21}`.
2. Electron density (SPEC Eq. 6.2, the fit of the authors' SNuDD code to the BS05 SSM, astro-ph/0511337):
   :math:`\log_{10}[n_e/(N_A\,{\rm cm^{-3}})] = 2.36-4.52x-0.33\,e^{-(x/0.075)^{1.1}}`.
3. Production average. :math:`\langle\cos2\theta_{12}^m\rangle` is averaged over
   :math:`f_s(x)\propto x^2e^{-(x/x_p)^2}` on :math:`0\le x\le0.35` (64-point Gauss-Legendre).  This is the
   **PROPOSED offline substitute** (SPEC §6.2) for the BS05 production tables used by the authors.  The peak
   radii :math:`x_p` are in :data:`PRODUCTION_PEAK` (SPEC §6.2 table, from arXiv:1302.2791 / BS05).
4. Mass-eigenstate content (SPEC Eq. 6.3): :math:`P_1=c_{13}^2(1+\langle\cos2\theta^m_{12}\rangle)/2`,
   :math:`P_2=c_{13}^2(1-\langle\cos2\theta^m_{12}\rangle)/2`, :math:`P_3=s_{13}^2`, and
   :math:`P_{e\alpha}=\sum_i|U_{\alpha i}|^2P_i`.

**Convention for U** (PDG parametrisation, SPEC §6.2):
:math:`U_{e1}=c_{12}c_{13}`, :math:`U_{e2}=s_{12}c_{13}`, :math:`U_{e3}=s_{13}e^{-i\delta}`,
:math:`U_{\mu1}=-s_{12}c_{23}-c_{12}s_{23}s_{13}e^{i\delta}`,
:math:`U_{\mu2}=c_{12}c_{23}-s_{12}s_{23}s_{13}e^{i\delta}`, :math:`U_{\mu3}=s_{23}c_{13}`,
:math:`U_{\tau1}=s_{12}s_{23}-c_{12}c_{23}s_{13}e^{i\delta}`,
:math:`U_{\tau2}=-c_{12}s_{23}-s_{12}c_{23}s_{13}e^{i\delta}`, :math:`U_{\tau3}=c_{23}c_{13}`.
So with :math:`\theta_{23}>45°` the :math:`\nu_3` content goes mostly to :math:`\nu_\mu`.  The :math:`\nu_2` content,
which dominates for 8B, goes mostly to :math:`\nu_\tau` (:math:`|U_{\tau2}|^2\approx c_{12}^2s_{23}^2`).  For 8B at
10 MeV, δ = 0 and the de Salas parameters this gives :math:`P_{e\tau} > P_{e\mu}` (0.435 vs 0.232;
SPEC §6.2 table: 0.4342 vs 0.2324).

Only :math:`\cos\delta` enters, so the fractions are unchanged under :math:`\delta\to-\delta`.  The exact
:math:`\mu\leftrightarrow\tau` symmetry is :math:`(\theta_{23},\delta)\to(90°-\theta_{23},\delta+180°)`.  It sends
:math:`U_{\mu i}\to-U_{\tau i}` for i = 1, 2 and :math:`U_{\mu3}\to U_{\tau3}`, so it swaps :math:`P_{e\mu}` and
:math:`P_{e\tau}`.  SNuDD 1.0's default output has the μ/τ numbers roughly interchanged relative to Eq. (6.3)
(SPEC §6.2 "open question").  That matches this symmetry, i.e. a code using :math:`90°-\theta_{23}` or
:math:`\delta+180°` relative to the PDG form.  This module follows Eq. (6.3) with the PDG U above.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, replace

import numpy as np

from lmt_lib._kernels import jit
from lmt_lib.units import AVOGADRO, G_F, cm, eV

#: peak radius x_p = r/R_sun of each component's production distribution (SPEC §6.2 table, summarising the BS05
#: production tables of arXiv:1302.2791 [C]); used in f_s(x) ∝ x^2 exp(-(x/x_p)^2)  (PROPOSED substitute)
PRODUCTION_PEAK: dict[str, float] = {
    "pp": 0.0995, "pep": 0.0834, "hep": 0.1236, "7Be": 0.0603,
    "8B": 0.0434, "13N": 0.0463, "15O": 0.0455, "17F": 0.0455,
}
PRODUCTION_SOURCE: str = (
    "f_s(x) ∝ x^2 exp(-(x/x_p)^2) on 0 <= x <= 0.35, x_p from SPEC §6.2 (peaks of the BS05 production tables, "
    "arXiv:1302.2791); a PROPOSED offline substitute reproducing the tabulated means and widths to ~5 % "
    "(not 13N's tail)"
)
#: the solar components whose production region is known here (the keys of :data:`PRODUCTION_PEAK`)
COMPONENTS: tuple[str, ...] = tuple(PRODUCTION_PEAK)
#: upper limit of the production-region integral (SPEC §6.2)
X_MAX: float = 0.35
_N_NODES = 64


def electron_density(x):
    r"""Solar electron number density :math:`n_e(x)` in internal units (divide by ``1/cm**3``).

    SPEC Eq. (6.2) [C, SNuDD, after astro-ph/0511337]:
    :math:`\log_{10}[n_e/(N_A\,{\rm cm^{-3}})] = 2.36-4.52x-0.33e^{-(x/0.075)^{1.1}}`, with :math:`x=r/R_\odot`.

    Examples
    --------
    >>> from lmt_lib.units import cm, AVOGADRO
    >>> round(float(electron_density(0.0) / (AVOGADRO / cm**3)), 2)
    107.15
    """
    x = np.asarray(x, dtype=float)
    if not np.all(np.isfinite(x)) or np.any(x < 0.0) or np.any(x > 1.0):
        raise ValueError("x = r/R_sun must be finite and within [0, 1]")
    return AVOGADRO / cm**3 * 10.0 ** (2.36 - 4.52 * x - 0.33 * np.exp(-((x / 0.075) ** 1.1)))


@dataclass(frozen=True)
class OscillationParameters:
    """Three-flavour oscillation parameters (angles in radians, dm2_21 in internal units GeV^2).

    Build them with :meth:`from_degrees` or :meth:`from_sin2`; change any of them with :meth:`with_`.  Only
    :math:`\\Delta m^2_{21}` matters for solar MSW in the adiabatic limit used here.
    """

    theta12: float
    theta13: float
    theta23: float
    delta_cp: float
    dm2_21: float
    name: str = "user"
    source: str = "user-defined"

    def __post_init__(self):
        for field in ("theta12", "theta13", "theta23"):
            v = getattr(self, field)
            if not (isinstance(v, (int, float)) and math.isfinite(v) and 0.0 <= v <= math.pi / 2):
                raise ValueError(f"{field}={v!r} must be a finite angle in [0, pi/2] (radians)")
        if not (isinstance(self.delta_cp, (int, float)) and math.isfinite(self.delta_cp)):
            raise ValueError(f"delta_cp={self.delta_cp!r} must be a finite angle (radians)")
        if not (isinstance(self.dm2_21, (int, float)) and math.isfinite(self.dm2_21) and self.dm2_21 > 0):
            raise ValueError(f"dm2_21={self.dm2_21!r} must be finite and > 0 (internal units, GeV^2)")

    @classmethod
    def from_degrees(cls, theta12, theta13, theta23, delta_cp, dm2_21_eV2, name="user", source="user-defined"):
        """Angles in degrees, dm2_21 in eV^2."""
        r = math.radians
        return cls(r(theta12), r(theta13), r(theta23), r(delta_cp), dm2_21_eV2 * eV**2, name, source)

    @classmethod
    def from_sin2(cls, sin2_12, sin2_13, sin2_23, delta_cp_deg, dm2_21_eV2, name="user", source="user-defined"):
        """sin^2 of the angles, delta in degrees, dm2_21 in eV^2."""
        for nm, v in (("sin2_12", sin2_12), ("sin2_13", sin2_13), ("sin2_23", sin2_23)):
            if not (math.isfinite(v) and 0.0 <= v <= 1.0):
                raise ValueError(f"{nm}={v!r} must be in [0, 1]")
        a = lambda s2: math.asin(math.sqrt(s2))  # noqa: E731
        return cls(a(sin2_12), a(sin2_13), a(sin2_23), math.radians(delta_cp_deg), dm2_21_eV2 * eV**2, name, source)

    def with_(self, **changes) -> OscillationParameters:
        """A copy with fields changed; also accepts ``*_deg`` angles and ``sin2_12/13/23``.

        >>> p = PRESETS["deSalas2020"].with_(delta_cp_deg=180.0)
        >>> round(math.degrees(p.delta_cp), 1)
        180.0
        """
        kw = {}
        for key, val in changes.items():
            if key.endswith("_deg") and key[:-4] in ("theta12", "theta13", "theta23", "delta_cp"):
                kw[key[:-4]] = math.radians(val)
            elif key in ("sin2_12", "sin2_13", "sin2_23"):
                if not (math.isfinite(val) and 0.0 <= val <= 1.0):
                    raise ValueError(f"{key}={val!r} must be in [0, 1]")
                kw["theta" + key[-2:]] = math.asin(math.sqrt(val))
            elif key in ("theta12", "theta13", "theta23", "delta_cp", "dm2_21", "name", "source"):
                kw[key] = val
            else:
                raise ValueError(f"unknown parameter {key!r} for OscillationParameters.with_")
        if "name" not in kw:
            kw["name"] = self.name + " (modified)"
        return replace(self, **kw)

    @property
    def sin2_12(self) -> float:
        """sin^2 theta_12."""
        return math.sin(self.theta12) ** 2

    @property
    def sin2_13(self) -> float:
        """sin^2 theta_13."""
        return math.sin(self.theta13) ** 2

    @property
    def sin2_23(self) -> float:
        """sin^2 theta_23."""
        return math.sin(self.theta23) ** 2


#: named parameter sets; "deSalas2020" (the authors' choice) is the default
PRESETS: dict[str, OscillationParameters] = {
    "deSalas2020": OscillationParameters.from_degrees(
        34.3, 8.58, 49.26, 0.0, 7.50e-5, "deSalas2020",
        "de Salas et al., JHEP 02 (2021) 071, arXiv:2006.11237, normal ordering; the authors' code [SPEC §6.2, C] "
        "with delta_CP = 0",
    ),
    "NuFIT5.0": OscillationParameters.from_sin2(
        0.304, 0.02219, 0.573, 197.0, 7.42e-5, "NuFIT5.0",
        "Esteban et al., JHEP 09 (2020) 178, arXiv:2007.14792 (NuFIT 5.0), normal ordering [SPEC §6.2]",
    ),
}
DEFAULT_PARAMETERS: OscillationParameters = PRESETS["deSalas2020"]


def mixing_matrix(params: OscillationParameters | None = None) -> np.ndarray:
    """The PMNS matrix U (3x3 complex, rows e, mu, tau; columns 1, 2, 3) in the PDG parametrisation.

    >>> U = mixing_matrix()
    >>> round(float(abs(U[0, 1]) ** 2), 4)
    0.3105
    """
    p = DEFAULT_PARAMETERS if params is None else params
    s12, c12 = math.sin(p.theta12), math.cos(p.theta12)
    s13, c13 = math.sin(p.theta13), math.cos(p.theta13)
    s23, c23 = math.sin(p.theta23), math.cos(p.theta23)
    ed = complex(math.cos(p.delta_cp), math.sin(p.delta_cp))
    return np.array(
        [
            [c12 * c13, s12 * c13, s13 / ed],
            [-s12 * c23 - c12 * s23 * s13 * ed, c12 * c23 - s12 * s23 * s13 * ed, s23 * c13],
            [s12 * s23 - c12 * c23 * s13 * ed, -c12 * s23 - s12 * c23 * s13 * ed, c23 * c13],
        ]
    )


# ----------------------------------------------------------------------------------------------------------------
# Kernels
# ----------------------------------------------------------------------------------------------------------------
@jit
def _mean_cos2m1(E, ne, w, cos2t, sin2t_sq, k):
    """<cos 2 theta_12^m>(E) = sum_j w_j cos2theta^m(x_j, E), beta = k n_e E (SPEC Eq. 6.1)."""
    acc = 0.0
    for j in range(ne.shape[0]):
        d = cos2t - k * ne[j] * E
        acc += w[j] * d / math.sqrt(d * d + sin2t_sq)
    return acc


@jit
def _flavour_fractions(E, ne, w, cos2t, sin2t_sq, k, c13sq, s13sq, U2):
    """P_e, P_mu, P_tau (rows) for energies E: SPEC Eq. (6.3) with U2[a, i] = |U_{alpha i}|^2."""
    n = E.shape[0]
    out = np.empty((3, n))
    for i in range(n):
        c = _mean_cos2m1(E[i], ne, w, cos2t, sin2t_sq, k)
        p1 = 0.5 * c13sq * (1.0 + c)
        p2 = 0.5 * c13sq * (1.0 - c)
        for a in range(3):
            out[a, i] = U2[a, 0] * p1 + U2[a, 1] * p2 + U2[a, 2] * s13sq
    return out


@functools.lru_cache(maxsize=None)
def _production_nodes(component: str):
    """Gauss-Legendre nodes on [0, X_MAX], the density there and the normalised f_s weights."""
    xg, wg = np.polynomial.legendre.leggauss(_N_NODES)
    x = 0.5 * X_MAX * (xg + 1.0)
    xp = PRODUCTION_PEAK[component]
    f = x**2 * np.exp(-((x / xp) ** 2)) * wg
    return electron_density(x), f / f.sum()


@functools.lru_cache(maxsize=64)
def _kernel_args(params: OscillationParameters):
    U2 = np.abs(mixing_matrix(params)) ** 2
    c13sq = math.cos(params.theta13) ** 2
    k = 2.0 * math.sqrt(2.0) * G_F * c13sq / params.dm2_21
    return math.cos(2 * params.theta12), math.sin(2 * params.theta12) ** 2, k, c13sq, math.sin(params.theta13) ** 2, U2


def _check_inputs(component, E_nu, params):
    if component not in PRODUCTION_PEAK:
        raise ValueError(f"component={component!r} is unknown; expected one of {COMPONENTS}")
    if params is None:
        params = DEFAULT_PARAMETERS
    elif isinstance(params, str):
        if params not in PRESETS:
            raise ValueError(f"params={params!r} is unknown; expected one of {tuple(PRESETS)} or OscillationParameters")
        params = PRESETS[params]
    elif not isinstance(params, OscillationParameters):
        raise ValueError(f"params must be OscillationParameters, a preset name or None, got {type(params).__name__}")
    try:
        E = np.asarray(E_nu, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"E_nu={E_nu!r} must be a real number or array (internal units)") from None
    if not np.all(np.isfinite(E)) or np.any(E <= 0.0):
        raise ValueError("E_nu must be finite and > 0 (neutrino energy, internal units)")
    return component, E, params


def flavour_fractions(component: str, E_nu, params: OscillationParameters | str | None = None) -> np.ndarray:
    r"""Flavour fractions :math:`(P_{ee}, P_{e\mu}, P_{e\tau})` at Earth of solar :math:`\nu_e` from ``component``.

    Adiabatic three-flavour MSW averaged over the production region, no Earth matter (SPEC Eqs. 6.1-6.3; see the
    module docstring for the U convention).  The three sum to 1 to rounding.

    Parameters
    ----------
    component : str
        One of :data:`COMPONENTS` (sets the production region).
    E_nu : float or ndarray
        Neutrino energy (internal units), finite and > 0.
    params : OscillationParameters, str or None
        Parameters or a :data:`PRESETS` name; default de Salas et al. 2020 with δ = 0 (the authors').

    Returns
    -------
    ndarray, shape (3, n)
        Rows :math:`P_e, P_\mu, P_\tau`; n = E_nu.size (n = 1 for a scalar).

    Examples
    --------
    >>> from lmt_lib.units import MeV
    >>> [round(float(v), 4) for v in flavour_fractions("8B", 10 * MeV)[:, 0]]
    [0.3327, 0.2324, 0.4349]
    """
    component, E, params = _check_inputs(component, E_nu, params)
    ne, w = _production_nodes(component)
    cos2t, s2sq, k, c13sq, s13sq, U2 = _kernel_args(params)
    return _flavour_fractions(np.ascontiguousarray(E.ravel()), ne, w, cos2t, s2sq, k, c13sq, s13sq, U2)


def survival_probability(component: str, E_nu, params: OscillationParameters | str | None = None):
    r"""Electron-neutrino survival probability :math:`P_{ee}` (see :func:`flavour_fractions`).

    Returns a float for scalar ``E_nu``, otherwise an array of E_nu's shape.

    Examples
    --------
    >>> from lmt_lib.units import MeV
    >>> round(survival_probability("pp", 0.2 * MeV), 4)
    0.5383
    """
    P = flavour_fractions(component, E_nu, params)[0]
    shape = np.shape(E_nu)
    return float(P[0]) if shape == () else P.reshape(shape)


def mean_cos2theta_matter(component: str, E_nu, params: OscillationParameters | str | None = None) -> np.ndarray:
    r"""Production-averaged :math:`\langle\cos2\theta^m_{12}\rangle(E)` (SPEC Eq. 6.1 averaged over :math:`f_s`).

    >>> from lmt_lib.units import MeV
    >>> round(float(mean_cos2theta_matter("8B", 10 * MeV)[0]), 3)
    -0.836
    """
    component, E, params = _check_inputs(component, E_nu, params)
    ne, w = _production_nodes(component)
    cos2t, s2sq, k, *_ = _kernel_args(params)
    return np.array([_mean_cos2m1(e, ne, w, cos2t, s2sq, k) for e in E.ravel()])


# ----------------------------------------------------------------------------------------------------------------
# Measured survival probabilities (comparison data for the figures; the rate code does not use them)
# ----------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MeasuredSurvival:
    r"""A published measurement of the solar :math:`\nu_e` survival probability, with its source.

    Attributes
    ----------
    name : str
        Short label, e.g. ``"Borexino 7Be (2011)"``.
    component : str
        The solar component measured (one of :data:`COMPONENTS`).
    value, error : float
        :math:`P_{ee}` and its 1σ uncertainty (statistical and systematic combined).
    E_range : tuple of float
        Neutrino energies (internal units) the value refers to: ``(E, E)`` for a line, otherwise the span of the
        spectrum the measurement averages over (see :attr:`note` for how the span was chosen).
    source : str
        Paper, arXiv number, and where in it the number stands (and where it was read).
    note : str
        What exactly was measured, and any derivation done here.
    """

    name: str
    component: str
    value: float
    error: float
    E_range: tuple[float, float]
    source: str
    note: str = ""

    def __post_init__(self):
        if self.component not in PRODUCTION_PEAK:
            raise ValueError(f"component={self.component!r} is unknown; expected one of {COMPONENTS}")
        if not (0.0 < self.value < 1.0 and 0.0 < self.error < 1.0):
            raise ValueError(f"value={self.value!r} and error={self.error!r} must lie in (0, 1)")
        lo, hi = self.E_range
        if not (0.0 < lo <= hi and math.isfinite(hi)):
            raise ValueError(f"E_range={self.E_range!r} must be 0 < lo <= hi (internal units)")
        if not self.source:
            raise ValueError("source must name the paper the number comes from")

    @property
    def is_line(self) -> bool:
        """True when the measurement refers to one neutrino energy (a line)."""
        return self.E_range[0] == self.E_range[1]


from lmt_lib.units import MeV as _MEV  # noqa: E402  (appended section; the module header imports stay as they are)
#: SNO salt phase, in 1e6 cm^-2 s^-1: (central, stat, syst); asymmetric errors symmetrised (mean of + and -)
_SNO_SALT_CC = (1.68, 0.06, 0.085)  # 1.68 +-0.06 (stat) +0.08 -0.09 (syst), undistorted 8B spectrum
_SNO_SALT_NC = (4.94, 0.21, 0.36)  # 4.94 +-0.21 (stat) +0.38 -0.34 (syst), total active 8B flux


def _sno_cc_over_nc() -> tuple[float, float]:
    cc, nc = _SNO_SALT_CC, _SNO_SALT_NC
    r = cc[0] / nc[0]
    return r, r * math.hypot(math.hypot(cc[1], cc[2]) / cc[0], math.hypot(nc[1], nc[2]) / nc[0])


#: published solar survival probabilities (each number was read in the paper's published abstract; see ``source``)
MEASURED_SURVIVAL: tuple[MeasuredSurvival, ...] = (
    MeasuredSurvival(
        "Borexino 7Be (2011)", "7Be", 0.51, 0.07, (0.862 * _MEV, 0.862 * _MEV),
        "G. Bellini et al. (Borexino), PRL 107 (2011) 141302, arXiv:1104.1816: 'an electron neutrino survival "
        "probability of 0.51 +- 0.07 at 862 keV' (published abstract, read on the Borexino collaboration's "
        "publication page)",
        "from the 7Be interaction rate 46.0 +- 1.5 (stat) +1.5 -1.6 (syst) cpd/100 t and the SSM flux",
    ),
    MeasuredSurvival(
        "Borexino 8B (2010)", "8B", 0.29, 0.10, (3.24 * _MEV, 16.4 * _MEV),
        "G. Bellini et al. (Borexino), PRD 82 (2010) 033006, arXiv:0808.2868: 'the average 8B nu_e survival "
        "probability above 3 MeV is measured to be 0.29 +- 0.10' (published abstract)",
        "average over the 8B spectrum seen above 3 MeV electron recoil energy, assuming the high-metallicity SSM "
        "8B flux; E_range is drawn from the neutrino energy that can give a 3 MeV recoil (3.24 MeV) to the 8B "
        "endpoint (~16.4 MeV, SPEC 6.1) -- a display choice, not a number from the paper",
    ),
    MeasuredSurvival(
        "SNO CC/NC (salt, 2005)", "8B", round(_sno_cc_over_nc()[0], 4), round(_sno_cc_over_nc()[1], 4),
        (5.0 * _MEV, 16.4 * _MEV),
        "B. Aharmim et al. (SNO), PRC 72 (2005) 055502, arXiv:nucl-ex/0502021 (391-day salt phase), published "
        "abstract: phi_CC = 1.68 +-0.06 (stat) +0.08 -0.09 (syst) and phi_NC = 4.94 +-0.21 (stat) +0.38 -0.34 "
        "(syst), in 1e6 cm^-2 s^-1",
        "DERIVED here: phi_CC/phi_NC, the nu_e fraction of the active 8B flux averaged over SNO's CC response "
        "(equal to <P_ee> for three active flavours); errors symmetrised and combined as if uncorrelated, which "
        "overestimates the uncertainty (CC and NC systematics are partly correlated); E_range 5-16.4 MeV is a "
        "display choice for the part of the 8B spectrum above SNO's analysis threshold, not a number from the "
        "abstract",
    ),
)


def measured_survival(name: str | None = None, component: str | None = None):
    r"""Published :math:`P_{ee}` measurements (:data:`MEASURED_SURVIVAL`), all, by ``name``, or by ``component``.

    Each entry carries its citation; where a number was derived here (the SNO CC/NC ratio) the ``note`` says how.
    Measurements quoted only inside papers that could not be read here (e.g. the Borexino Phase-II pp and pep
    values of Nature 562 (2018) 505) are deliberately left out.

    Parameters
    ----------
    name : str, optional
        One entry's :attr:`MeasuredSurvival.name`; returns that entry.
    component : str, optional
        Keep only the measurements of this solar component (a tuple, possibly empty).

    Examples
    --------
    >>> m = measured_survival("Borexino 7Be (2011)")
    >>> m.value, m.error, round(m.E_range[0] * 1e3, 3)
    (0.51, 0.07, 0.862)
    >>> [x.name for x in measured_survival(component="8B")]
    ['Borexino 8B (2010)', 'SNO CC/NC (salt, 2005)']
    """
    if name is not None and component is not None:
        raise ValueError("give either name or component, not both")
    if name is not None:
        for m in MEASURED_SURVIVAL:
            if m.name == name:
                return m
        raise ValueError(f"no measurement named {name!r}; known: {[m.name for m in MEASURED_SURVIVAL]}")
    if component is not None:
        if component not in PRODUCTION_PEAK:
            raise ValueError(f"component={component!r} is unknown; expected one of {COMPONENTS}")
        return tuple(m for m in MEASURED_SURVIVAL if m.component == component)
    return MEASURED_SURVIVAL
