r"""Existing bounds on the :math:`A'` of :math:`U(1)_{L_\mu-L_\tau}` in the :math:`(M_{A'}, g)` plane.

Each bound cites its paper (arXiv number) in its ``citation`` string.

A :class:`Bound` is a curve :math:`g(M)` with the excluded side (``region="above"`` by default) and its provenance:

- ``kind="quoted"``: a published exclusion curve, shipped as a small table in ``lmt_lib/data`` (origin of each
  file in ``lmt_lib/data/README.md``; :data:`QUOTED_CURVES`).  Curves that were digitised from a figure say so,
  with the figure and the estimated uncertainty.  Bounds whose published curve could not be obtained as data are
  listed in :data:`UNAVAILABLE` with the reason, and are left out of the figures rather than approximated.
- ``kind="computed"``: derived by this library from our own likelihood of a published measurement (Borexino,
  COHERENT, ...).  The chapters add these with :func:`register_bound`.

Masses are in internal units (GeV): pass ``0.212 * GeV``.  The registry :data:`BOUNDS` maps names to bounds.

Examples
--------
>>> from lmt_lib.units import GeV
>>> b = get_bound("BaBar")
>>> f"{b.g_at(0.22662 * GeV):.2e}", bool(b.excludes(1 * GeV, 2e-2)), bool(b.excludes(1 * GeV, 1e-4))
('6.74e-04', True, False)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from lmt_lib._validation import ArgumentTypeError, finite_array, flag, positive, real, real_array
from lmt_lib.units import GeV, MeV

__all__ = ["Bound", "BOUNDS", "get_bound", "register_bound", "KINDS", "REGIONS", "LineRateMeasurement",
           "BOREXINO_BE7_2018", "line_rate_chi2", "borexino_be7_bound", "QuotedCurve", "QUOTED_CURVES",
           "UNAVAILABLE", "read_curve", "load_quoted", "DATA_DIR", "cevns_measurement_scan",
           "cevns_8b_counting_scan", "cevns_8b_flux_scan", "er_rate_scan"]

#: allowed provenance kinds
KINDS = ("computed", "quoted")
#: allowed excluded sides of the curve
REGIONS = ("above", "below")


def _readonly(name: str, x) -> np.ndarray:
    try:
        arr = np.array(x, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a 1-d array of numbers, got {x!r}") from None
    if arr.ndim != 1 or arr.size < 2:
        raise ValueError(f"{name} must be a 1-d array with at least 2 points, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)) or np.any(arr <= 0):
        raise ValueError(f"{name} must be finite and > 0 (log-log curve), got {arr.tolist()}")
    arr.setflags(write=False)
    return arr


@dataclass(frozen=True, eq=False)
class Bound:
    r"""An existing bound: the curve :math:`g(M)` and the side it excludes.

    Attributes
    ----------
    name : str
        Registry key, e.g. ``"BaBar"``.
    citation : str
        The source (collaboration/authors, journal, arXiv number, and where in the paper the numbers are).
    kind : {"computed", "quoted"}
        Provenance (see the module docstring).
    mass : array_like
        Strictly increasing masses of the curve, internal units (GeV).
    g : array_like
        Coupling :math:`g_{\mu-\tau}` on the curve at each mass (dimensionless, > 0).
    label : str
        Short legend text for figures (defaults to ``name``).
    notes : str
        What the numbers are and how approximate (e.g. "approximate, from the text of ...").
    region : {"above", "below"}
        Which side of the curve is excluded at each mass (default ``"above"``).

    Notes
    -----
    :meth:`g_at` interpolates linearly in :math:`(\ln M,\ln g)` and **raises ValueError outside the mass range**
    (the curve says nothing there).  :meth:`excludes` answers ``False`` outside the mass range, so it never needs
    a value the curve does not give.  Neither returns NaN.
    """

    name: str
    citation: str
    kind: str
    mass: np.ndarray
    g: np.ndarray
    label: str = ""
    notes: str = ""
    region: str = "above"
    _log_m: np.ndarray = field(init=False, repr=False)
    _log_g: np.ndarray = field(init=False, repr=False)

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError(f"name={self.name!r} must be a non-empty string")
        if not isinstance(self.citation, str) or not self.citation.strip():
            raise ValueError(f"citation of bound {self.name!r} must be a non-empty string")
        if self.kind not in KINDS:
            raise ValueError(f"kind={self.kind!r} of bound {self.name!r} must be one of {list(KINDS)}")
        if self.region not in REGIONS:
            raise ValueError(f"region={self.region!r} of bound {self.name!r} must be one of {list(REGIONS)}")
        mass = _readonly("mass", self.mass)
        g = _readonly("g", self.g)
        if mass.shape != g.shape:
            raise ValueError(f"mass{mass.shape} and g{g.shape} of bound {self.name!r} must have the same length")
        if np.any(np.diff(mass) <= 0):
            raise ValueError(f"mass of bound {self.name!r} must be strictly increasing, got {mass.tolist()}")
        object.__setattr__(self, "mass", mass)
        object.__setattr__(self, "g", g)
        object.__setattr__(self, "label", self.label or self.name)
        object.__setattr__(self, "_log_m", np.log(mass))
        object.__setattr__(self, "_log_g", np.log(g))

    @property
    def mass_range(self) -> tuple[float, float]:
        """(smallest, largest) mass of the curve, GeV."""
        return float(self.mass[0]), float(self.mass[-1])

    def _check_mass(self, M) -> np.ndarray:
        arr = real_array("mass M", M)
        if arr.size == 0:
            raise ValueError("mass M must not be empty")
        if not np.all(np.isfinite(arr)) or np.any(arr <= 0):
            raise ValueError(f"mass M={M!r} must be finite and > 0 (pass e.g. 10 * MeV)")
        return arr

    def g_at(self, M):
        r"""The coupling on the curve at mass M (GeV), log-log interpolation.

        Raises ValueError if any M lies outside :attr:`mass_range` (relative slack 1e-12 for rounding).

        >>> from lmt_lib.units import GeV
        >>> b = Bound("demo", "none", "quoted", [1 * GeV, 100 * GeV], [1e-3, 1e-1])
        >>> round(float(b.g_at(10 * GeV)), 6)
        0.01
        """
        arr = self._check_mass(M)
        lo, hi = self.mass_range
        if np.any(arr < lo * (1 - 1e-12)) or np.any(arr > hi * (1 + 1e-12)):
            raise ValueError(f"mass M={M!r} GeV lies outside the range [{lo:g}, {hi:g}] GeV of bound {self.name!r}")
        out = np.exp(np.interp(np.log(arr), self._log_m, self._log_g))
        return float(out) if out.ndim == 0 else out

    def excludes(self, M, g):
        r"""True where :math:`(M, g)` is excluded by this bound (vectorised; M and g broadcast).

        Uses :math:`|g|` (the physics is even in g).  Outside :attr:`mass_range` nothing is excluded.  For
        ``region="above"``: :math:`|g| > g_{\rm curve}(M)`; for ``"below"``: :math:`0 < |g| < g_{\rm curve}(M)`.

        >>> from lmt_lib.units import GeV
        >>> b = Bound("demo", "none", "quoted", [1 * GeV, 100 * GeV], [1e-3, 1e-1])
        >>> b.excludes([0.5 * GeV, 10 * GeV, 10 * GeV], [1.0, 0.02, 0.005]).tolist()
        [False, True, False]
        """
        m = self._check_mass(M)
        gg = real_array("coupling g", g)
        if gg.size == 0 or not np.all(np.isfinite(gg)):
            raise ValueError(f"coupling g={g!r} must be finite and non-empty")
        try:
            m, gg = np.broadcast_arrays(m, np.abs(gg))
        except ValueError:
            raise ValueError(f"mass M {m.shape} and coupling g {gg.shape} do not broadcast") from None
        lo, hi = self.mass_range
        inside = (m >= lo) & (m <= hi)
        thr = np.exp(np.interp(np.log(m), self._log_m, self._log_g))
        if self.region == "above":
            out = inside & (gg > thr)
        else:
            out = inside & (gg > 0) & (gg < thr)
        return bool(out) if out.ndim == 0 else out


#: the registry of bounds, by name
BOUNDS: dict[str, Bound] = {}


def register_bound(bound: Bound, *, replace: bool = False) -> Bound:
    """Add a :class:`Bound` to :data:`BOUNDS`; a name already taken raises ValueError unless ``replace=True``.

    >>> from lmt_lib.units import GeV
    >>> b = register_bound(Bound("demo-doc", "none", "computed", [1 * GeV, 2 * GeV], [1e-3, 2e-3]))
    >>> get_bound("demo-doc") is b
    True
    >>> _ = BOUNDS.pop("demo-doc")
    """
    if not isinstance(bound, Bound):
        raise ValueError(f"bound={bound!r} must be a lmt_lib.constraints.Bound")
    if bound.name in BOUNDS and not flag("replace", replace):
        raise ValueError(f"a bound named {bound.name!r} is already registered (pass replace=True to replace it)")
    BOUNDS[bound.name] = bound
    return bound


def get_bound(name: str) -> Bound:
    """The registered bound called ``name``; ValueError listing the known names otherwise.

    >>> get_bound("Belle II 2019").kind
    'quoted'
    """
    try:
        return BOUNDS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown bound {name!r} (argument name); expected one of {sorted(BOUNDS)}") from None


# ----------------------------------------------------------------------------------------------------------------
# Quoted bounds: published curves shipped as small tables in lmt_lib/data (origins in lmt_lib/data/README.md)
# ----------------------------------------------------------------------------------------------------------------
#: where the shipped curve tables live
DATA_DIR = Path(__file__).with_name("data")
#: the header line every curve table must carry (after its '#' comment lines)
CURVE_HEADER = "mass_GeV,g"


@dataclass(frozen=True)
class QuotedCurve:
    """Provenance of a published exclusion curve shipped as a table in ``lmt_lib/data``.

    Attributes
    ----------
    name : str
        Registry key of the bound it becomes.
    file : str
        File name in :data:`DATA_DIR` (columns ``mass_GeV,g``, '#' comment lines first).
    citation : str
        The publication and the figure the curve is from.
    origin : str
        Who digitised it and where the table was taken from.
    label : str
        Legend text (a reader's name, not a registry key).
    rel_uncertainty : float
        Estimated relative uncertainty of a tabulated point in g (digitisation, or rounding of an exact copy).
    cl : str
        Confidence level as published.
    """

    name: str
    file: str
    citation: str
    origin: str
    label: str
    rel_uncertainty: float
    cl: str


def _existing_path(name: str, path, *, file: bool) -> Path:
    """``path`` as a Path to an existing file (``file=True``) or directory; the error names the argument."""
    if not isinstance(path, (str, os.PathLike)) or (isinstance(path, str) and not path):
        raise ArgumentTypeError(f"{name}={path!r} must be a non-empty path (str or pathlib.Path)")
    p = Path(path)
    if not (p.is_file() if file else p.is_dir()):
        raise ValueError(f"{name}={path!r} is not an existing {'file' if file else 'directory'}")
    return p


def read_curve(path) -> tuple[np.ndarray, np.ndarray]:
    """Read a curve table: '#' comment lines, the header ``mass_GeV,g``, then rows of two positive numbers.

    Returns the masses in internal units (GeV) and the couplings.  Anything else raises ValueError naming the file
    and line: a wrong header, a row without exactly two numbers, a non-finite or non-positive value, or masses that
    do not strictly increase.

    >>> m, g = read_curve(DATA_DIR / "belle2_2019_invisible.csv")
    >>> m.size, round(float(g[0]), 3)
    (36, 0.051)
    """
    path = _existing_path("path", path, file=True)
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    rows = [(i + 1, ln) for i, ln in enumerate(lines) if ln and not ln.startswith("#")]
    if not rows or rows[0][1].replace(" ", "") != CURVE_HEADER:
        raise ValueError(f"path={path.name!r}: the first non-comment line must be the header {CURVE_HEADER!r}")
    mass, g = [], []
    for lineno, ln in rows[1:]:
        parts = ln.split(",")
        try:
            m_i, g_i = (float(x) for x in parts)
        except ValueError:
            raise ValueError(f"path={path.name!r}, line {lineno}: expected two numbers 'mass,g', got {ln!r}") from None
        if not (np.isfinite(m_i) and np.isfinite(g_i) and m_i > 0 and g_i > 0):
            raise ValueError(f"path={path.name!r}, line {lineno}: mass and g must be finite and > 0, got {ln!r}")
        mass.append(m_i)
        g.append(g_i)
    if len(mass) < 2:
        raise ValueError(f"path={path.name!r}: a curve needs at least two rows")
    mass = np.array(mass) * GeV
    if np.any(np.diff(mass) <= 0):
        k = int(np.flatnonzero(np.diff(mass) <= 0)[0])
        raise ValueError(f"path={path.name!r}: masses must strictly increase (row {k + 2} does not)")
    return mass, np.array(g)


def load_quoted(curve: QuotedCurve, data_dir=None) -> Bound:
    """The :class:`Bound` (``kind="quoted"``) of a shipped published curve (validated by :func:`read_curve`)."""
    if not isinstance(curve, QuotedCurve):
        raise ValueError(f"curve={curve!r} must be a QuotedCurve")
    folder = DATA_DIR if data_dir is None else _existing_path("data_dir", data_dir, file=False)
    mass, g = read_curve(folder / curve.file)
    return Bound(curve.name, curve.citation, "quoted", mass, g, label=curve.label,
                 notes=f"Published curve ({curve.cl}); {curve.origin}; estimated uncertainty of the tabulated points "
                       f"{100 * curve.rel_uncertainty:g} % in g.  Table: lmt_lib/data/{curve.file}.")


_DARKCAST = ("digitised by the DarkCast authors (Ilten, Soreq, Williams, Xue, arXiv:1801.04847; "
             "gitlab.com/darkcast/releases), taken from the copy in github.com/Noah-Everett/DS-Decay-Scripts")

#: the published curves shipped with the library
QUOTED_CURVES: tuple[QuotedCurve, ...] = (
    QuotedCurve(
        "BaBar", "babar2016_4mu.csv",
        "BaBar Collaboration, J.P. Lees et al., Phys. Rev. D 94 (2016) 011102(R), arXiv:1606.03501, Fig. 5: "
        "e+e- -> mu+ mu- Z', Z' -> mu+ mu-",
        _DARKCAST, r"BaBar $e^+e^-\to4\mu$", 0.05, "90 % CL"),
    QuotedCurve(
        "Belle II 2019", "belle2_2019_invisible.csv",
        "Belle II Collaboration, I. Adachi et al., Phys. Rev. Lett. 124 (2020) 141801, arXiv:1912.11276, Fig. 3: "
        "e+e- -> mu+ mu- Z', Z' -> invisible",
        _DARKCAST + " (DarkCast stores g'/e; multiplied back by e = 0.302822)",
        r"Belle II $\mu\mu+$invisible (2019)", 0.05, "90 % credibility"),
    QuotedCurve(
        "CCFR trident", "ccfr_trident_2014.csv",
        "W. Altmannshofer, S. Gori, M. Pospelov, I. Yavin, Phys. Rev. Lett. 113 (2014) 091801, arXiv:1406.2332: "
        "the CCFR neutrino trident cross section (sigma/sigma_SM = 0.82 +- 0.28) recast as a limit on g' of "
        "L_mu-L_tau",
        "third-party table, not a collaboration or author release: taken unchanged from github.com/spinjo/SNforMuTau "
        "(companion code of arXiv:2307.03143, commit 6bcd5ccedd78, mutau/OtherConstraints/nuTrident/NTPdata.csv), "
        "which does not say which figure it was read from",
        "CCFR neutrino trident", 0.10, "95 % CL"),
    QuotedCurve(
        "CMS Z->4mu", "cms2018_z4mu.csv",
        "CMS Collaboration, A.M. Sirunyan et al., Phys. Lett. B 792 (2019) 345, arXiv:1808.03684, Fig. 5: "
        "Z -> Z' mu mu -> 4 mu with B(Z' -> mu mu) = 1/3, observed limit",
        "not digitised: the 'Observed' graph of the figure's ROOT canvas, taken from the copy "
        "data/limits_EXO-18-008.root in github.com/jlrainbolt/Selection4l (commit 5f68dd03550b), rounded to 6 digits",
        r"CMS $Z\to4\mu$", 0.001, "95 % CL"),
)

#: existing bounds whose published curve could not be obtained as data: left out of the figures, not approximated
UNAVAILABLE: dict[str, str] = {
    "N_eff (BBN/CMB)": "M. Escudero, D. Hooper, G. Krnjaic, M. Pierre, JHEP 03 (2019) 071, arXiv:1901.02010: no "
                       "table or digitised copy of the curve was found (the N_eff files of public L_mu-L_tau codes "
                       "are their own calculations, not this curve); a thermalised A' lighter than a few MeV heats "
                       "the neutrinos too much.",
    "NA64e": "NA64 Collaboration, 'First constraints on the explanation of the muon g-2 anomaly from NA64-e at "
             "CERN', arXiv:2404.06982 (electron beam, through the kinetic mixing): no table or digitised copy of the "
             "curve was found; the paper excludes the (g-2) band from about 1 keV to a few MeV.",
    "Belle II 2022": "Belle II Collaboration, PRL 130 (2023) 231801, arXiv:2212.03066 (79.7 fb^-1): no table or "
                     "digitised copy of the coupling limit was found (not in the DarkCast copies searched); the "
                     "paper quotes g' from 3e-3 at low mass to 1 at 8 GeV.",
}

for _c in QUOTED_CURVES:
    register_bound(load_quoted(_c))
del _c


# ----------------------------------------------------------------------------------------------------------------
# Computed bounds: our own likelihood of a published measurement
# ----------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LineRateMeasurement:
    """A measured interaction rate of a solar neutrino line on electrons (counts per day per target)."""

    name: str
    component: str  #: solar component of the line, e.g. "7Be"
    line_energy: float  #: the line (internal units)
    rate: float  #: measured rate, counts per day
    stat: float  #: statistical uncertainty, counts per day
    syst_up: float  #: upper systematic uncertainty, counts per day
    syst_down: float  #: lower systematic uncertainty, counts per day
    n_electrons: float  #: target electrons the rate refers to
    source: str

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name:
            raise ValueError(f"LineRateMeasurement.name={self.name!r} must be a non-empty string")
        from lmt_lib.fluxes import solar

        if not isinstance(self.component, str) or self.component not in solar.LINE_COMPONENTS:
            raise ValueError(f"LineRateMeasurement.component={self.component!r} must be a solar line component, one "
                             f"of {solar.LINE_COMPONENTS}")
        for f in ("line_energy", "rate", "stat", "n_electrons"):
            positive(f"LineRateMeasurement.{f}", getattr(self, f))
        for f in ("syst_up", "syst_down"):
            positive(f"LineRateMeasurement.{f}", getattr(self, f), allow_zero=True)


#: Borexino Phase II, the 862 keV 7Be line (Borexino, Nature 562 (2018) 505, arXiv:1707.09279); the analysis is our
#: choice
BOREXINO_BE7_2018 = LineRateMeasurement(
    "Borexino 7Be (Phase II)", "7Be", 0.8613 * MeV, 48.3, 1.1, 0.4, 0.7, 3.307e31,
    "Borexino Collaboration, Nature 562 (2018) 505: 7Be interaction rate 48.3 +- 1.1 (stat) +0.4 -0.7 (syst) "
    "cpd/100 t; 3.307e31 electrons per 100 t (Borexino, Nature 562 (2018) 505)",
)


def line_rate_chi2(measurement: LineRateMeasurement, predicted, flux_sigma: float):
    r"""χ² of predicted line rates against a measurement (our total-rate analysis of Borexino, Nature 562 (2018) 505).

    :math:`\chi^2 = (R - R_{\rm obs})^2/(\sigma_{\rm stat}^2 + \sigma_{\rm syst}^2 + (\sigma_\Phi R)^2)`, where the
    systematic error is the measurement's upper one when the prediction lies above it and the lower one otherwise,
    and :math:`\sigma_\Phi` is the fractional flux uncertainty of the solar model (it scales the prediction).

    Parameters
    ----------
    measurement : LineRateMeasurement
    predicted : float or array_like
        Predicted rates in counts per day (plain numbers).
    flux_sigma : float
        Fractional flux uncertainty, e.g. 0.06 for 7Be in B16.

    Examples
    --------
    >>> round(float(line_rate_chi2(BOREXINO_BE7_2018, 46.7, 0.06)), 3)
    0.268
    """
    from lmt_lib import stats

    fs = real("flux_sigma", flux_sigma)
    if fs < 0:
        raise ValueError(f"flux_sigma={flux_sigma!r} must be >= 0")
    if not isinstance(measurement, LineRateMeasurement):
        raise ValueError(f"measurement={measurement!r} must be a LineRateMeasurement")
    m = measurement
    R = finite_array("predicted", predicted)
    if np.any(R < 0):
        raise ValueError(f"predicted={predicted!r} must be >= 0 (rates in counts per day)")
    syst = np.where(R > m.rate, m.syst_up, m.syst_down)
    # one bin per prediction: the Gaussian chi^2 with a profiled normalisation pull is exactly this closed form
    return stats.chi2_gaussian(m.rate, R[..., None], (m.stat**2 + syst**2)[..., None], fs)


def borexino_be7_bound(masses, model_name: str = "Lmu-Ltau", ssm: str = "B16-GS98", cl: float = 0.9,
                       oscillation=None, measurement: LineRateMeasurement = BOREXINO_BE7_2018,
                       couplings=None) -> Bound:
    r"""The bound on g from the Borexino ⁷Be rate, computed here (our total-rate analysis of Borexino, Nature 562
    (2018) 505).

    At each mass the predicted rate is :math:`R(g) = N_e\Phi\sum_\alpha P_{e\alpha}\sigma_\alpha(g)`
    (:func:`lmt_lib.rates.solar_line_templates`, quadratic in :math:`x = g\varepsilon`), compared with the
    measurement by :func:`line_rate_chi2` including the solar-model flux uncertainty.  The bound is where
    :math:`\Delta\chi^2 = \chi^2(g) - \min_{g'}\chi^2(g')` first exceeds the one-parameter level (2.71 at 90 % CL)
    above the best fit, interpolated in :math:`(\ln g, \ln\Delta\chi^2)`.  Masses where no coupling of the grid
    is excluded are left out of the returned curve.

    Parameters
    ----------
    masses : array_like
        Strictly increasing masses (internal units), at least two with a bound.
    model_name : {"Lmu-Ltau", "Lmu"}
    ssm : str
        Solar model for the ⁷Be flux and its uncertainty (``"B16-GS98"`` or ``"B16-AGSS09met"``).
    cl : float
        Confidence level (one parameter at fixed mass).
    couplings : array_like, optional
        The g grid (default 1e-6 to 1, 3001 log steps).

    Returns
    -------
    Bound
        ``kind="computed"``, excluded above.

    Examples
    --------
    >>> import numpy as np
    >>> from lmt_lib.units import MeV
    >>> b = borexino_be7_bound(np.array([5.0, 10.0, 20.0]) * MeV)
    >>> bool(b.g_at(10 * MeV) < 5.03e-4 < b.g_at(20 * MeV))  # excludes the (g-2) coupling at 10, not 20 MeV
    True
    """
    from lmt_lib import rates, scans, stats
    from lmt_lib._validation import positive_array
    from lmt_lib.fluxes import solar
    from lmt_lib.units import day

    if not isinstance(measurement, LineRateMeasurement):
        raise ValueError(f"measurement={measurement!r} must be a LineRateMeasurement")
    Ms = positive_array("masses", masses, increasing=True)
    gg = positive_array("couplings", np.geomspace(1e-6, 1.0, 3001) if couplings is None else couplings,
                        increasing=True)
    level = stats.delta_chi2_threshold(cl, dof=1)
    rates._osc_params(oscillation), rates._check_ssm(ssm)
    x = scans.coupling_products(model_name, gg)
    Q = scans.charges_of(model_name)
    flux_sigma = solar.flux_uncertainty(measurement.component, ssm)
    found_M, found_g = [], []
    for M in Ms:
        sm, it, bs = rates.solar_line_templates(measurement.component, measurement.line_energy,
                                                measurement.n_electrons, M, ssm, oscillation)
        R = rates.combine(sm, it, bs, Q, x)[:, 0] * day
        R_sm = float(rates.combine(sm, it, bs, Q, 0.0)[0] * day)
        chi2 = line_rate_chi2(measurement, R, flux_sigma)
        dchi2 = chi2 - min(float(chi2.min()), float(line_rate_chi2(measurement, R_sm, flux_sigma)))
        best = int(np.argmin(chi2))
        above = np.flatnonzero(dchi2[best:] > level)
        if above.size == 0:
            continue
        j = best + int(above[0])
        if j == 0:
            raise ValueError(f"the coupling grid starts inside the excluded region at M = {M!r} GeV; extend it "
                             "downwards")
        y0, y1 = max(dchi2[j - 1], 1e-300), dchi2[j]
        t = np.log(level / y0) / np.log(y1 / y0)
        found_M.append(M)
        found_g.append(float(np.exp(np.log(gg[j - 1]) + t * (np.log(gg[j]) - np.log(gg[j - 1])))))
    if len(found_M) < 2:
        raise ValueError("fewer than two masses have a bound within the coupling grid")
    return Bound(
        name=f"Borexino 7Be ({ssm}, this library)",
        citation=measurement.source,
        kind="computed",
        mass=np.array(found_M),
        g=np.array(found_g),
        label=f"Borexino ⁷Be ({ssm.replace('B16-', '')})",
        notes=f"Delta chi^2 = {level:.2f} ({100 * cl:g} % CL, one parameter at fixed mass) on the total 7Be rate; "
              f"{model_name}; flux uncertainty {100 * flux_sigma:g} % ({ssm}); tree-level nu-e cross sections",
    )


def cevns_measurement_scan(detector, masses, couplings, model_name: str = "Lmu-Ltau", coupling: str = "g",
                           cl: float = 0.9, label: str = ""):
    r"""Exclusion in :math:`(M, g)` from a published total CEvNS yield at a spallation source (computed here).

    The library's templates give the ratio :math:`r(M, g) = N(M, g)/N_{\rm SM}` for the detector; the published SM
    prediction :math:`N^{\rm pub}_{\rm SM}\pm\sigma_{\rm SM}` is scaled by it, so the response details the
    library does not model (the 2021 CsI quenching and efficiency, for instance) cancel in the ratio.  The χ²
    against the fitted yield :math:`N_{\rm obs}\pm\sigma_{\rm obs}` is the Gaussian χ² with the normalisation pull
    :math:`\sigma_{\rm norm}=\sigma_{\rm SM}/N^{\rm pub}_{\rm SM}` (:func:`lmt_lib.stats.chi2_gaussian`).  The
    statistic is :math:`\Delta\chi^2` from its minimum over the coupling grid and the SM, at each mass, compared
    with the one-parameter level (2.71 at 90 % CL).  For Lμ−Lτ the rate first falls with g (destructive ν_μ
    interference) and then rises, so the excluded set need not be everything above one line: a
    :class:`lmt_lib.scans.ScanResult` keeps the whole grid.

    Parameters
    ----------
    detector : str or Detector
        A measured spallation detector with a total ``fitted_signal`` (e.g. ``"COHERENT-CsI-2021"``,
        ``"CENNS-10-2020"``).
    masses, couplings : array_like
        Strictly increasing grids (internal units; g, or g·ε with ``coupling="g_eps"``).
    model_name, coupling, cl, label

    Returns
    -------
    lmt_lib.scans.ScanResult
        ``kind="exclusion"``: excluded where the statistic exceeds the level.

    Examples
    --------
    >>> import numpy as np
    >>> from lmt_lib.units import MeV
    >>> res = cevns_measurement_scan("COHERENT-CsI-2021", [10 * MeV], np.geomspace(1e-4, 1e-1, 7))
    >>> res.inside()[0].tolist()  # the (g-2) couplings (~5e-4) are allowed; g ~ 1e-2 and above is excluded
    [False, False, False, True, True, True, True]
    """
    from lmt_lib import detectors, rates, scans, stats
    from lmt_lib._validation import positive_array

    det = detectors.get_detector(detector) if isinstance(detector, str) else detector
    meas = getattr(det, "measurement", None) if isinstance(det, detectors.Detector) else None
    if meas is None or meas.observed_kind != "fitted_signal" or len(meas.observed) != 1 or \
            len(meas.sm_prediction) != 2:
        raise ValueError(f"detector={getattr(det, 'name', det)!r} has no published total fitted CEvNS yield with an "
                         "SM prediction (expected e.g. 'COHERENT-CsI-2021')")
    Ms = positive_array("masses", masses, increasing=True)
    gg = positive_array("couplings", couplings, increasing=True)
    x = scans.coupling_products(model_name, gg, coupling)
    Q = scans.charges_of(model_name)
    level = stats.delta_chi2_threshold(cl, dof=1)
    if not isinstance(label, str):
        raise ValueError(f"label={label!r} must be a string")
    T = rates.binned_templates(det, Ms)
    n_sm = float(T.sm_components().sum())
    sm_pub, sm_err = meas.sm_prediction
    n_obs, err_obs = float(meas.observed[0]), float(meas.observed_err[0])
    sigma_norm = sm_err / sm_pub
    chi2_sm = float(stats.chi2_gaussian([n_obs], [sm_pub], [err_obs**2], sigma_norm))
    q = np.empty((Ms.size, gg.size))
    for i in range(Ms.size):
        r = T.component_counts(Q, x, i).sum(axis=(1, 2)) / n_sm
        chi2 = np.asarray(stats.chi2_gaussian(n_obs, (sm_pub * r)[:, None], err_obs**2, sigma_norm))
        q[i] = chi2 - min(float(chi2.min()), chi2_sm)
    return scans.ScanResult(Ms, gg, q, level, "exclusion", coupling,
                            label or f"{det.label} (computed)", {"detector": det.name, "measurement": meas.source})


# ----------------------------------------------------------------------------------------------------------------
# Computed bounds from today's xenon data: measured 8B CEvNS signals and the measured low-energy ER rate
# ----------------------------------------------------------------------------------------------------------------
def _solar_flux(component: str, ssm: str) -> float:
    """Total SSM flux in cm^-2 s^-1."""
    from lmt_lib.fluxes import solar
    from lmt_lib.units import cm, s

    return float(solar.total_flux(component, ssm) * cm**2 * s)


def _scan_inputs(masses, couplings, model_name, coupling, cl, oscillation, ssm, label):
    """The checked grids, coupling products, charges and Delta chi^2 level of a computed scan; every option is
    checked here, before any template is built."""
    from lmt_lib import rates, scans, stats
    from lmt_lib._validation import positive_array

    Ms = positive_array("masses", masses, increasing=True)
    gg = positive_array("couplings", couplings, increasing=True)
    x, Q = scans.coupling_products(model_name, gg, coupling), scans.charges_of(model_name)
    level = stats.delta_chi2_threshold(cl, dof=1)
    rates._osc_params(oscillation)
    rates._check_ssm(ssm)
    scans._check_label(label)
    return Ms, gg, x, Q, level


def _pair(name: str, values) -> tuple[float, float]:
    """Two finite numbers (a value and its error, or the ends of a range); the error names the argument."""
    arr = finite_array(name, values)
    if arr.shape != (2,):
        raise ValueError(f"{name}={values!r} must be a pair of two numbers")
    return float(arr[0]), float(arr[1])


def _measured_solar(detector):
    from lmt_lib import detectors

    det = detectors.get_detector(detector) if isinstance(detector, str) else detector
    if not isinstance(det, detectors.Detector) or det.kind != "solar" or det.measurement is None:
        raise ValueError(f"detector={getattr(det, 'name', detector)!r} must be a measured solar-neutrino data set "
                         "(e.g. 'XENONnT-8B-2024')")
    return det


def cevns_8b_counting_scan(detector, masses, couplings, model_name: str = "Lmu-Ltau", coupling: str = "g",
                           cl: float = 0.9, oscillation=None, ssm: str = "B16-GS98", flux_sigma: float | None = None,
                           label: str = ""):
    r"""Exclusion in :math:`(M, g)` from a measured solar-⁸B CEvNS count (counting experiment, computed here).

    The expected count is :math:`\mu = (1+\theta_\Phi)\,S(M, g) + (1+\theta_b)\,b`, with :math:`S` the library's
    ⁸B + hep count for the detector's published signal efficiency and exposure (:func:`lmt_lib.rates.binned_templates`)
    and :math:`b` the published background with its uncertainty.  The statistic is the Poisson deviance with
    Gaussian penalties, :math:`q = 2[\mu - n + n\ln(n/\mu)] + (\theta_\Phi/\sigma_\Phi)^2 + (\theta_b/\sigma_b)^2`
    (Baker-Cousins form, e.g. PDG Statistics review Eq. 40.16), minimised over the nuisances
    (:func:`lmt_lib.stats.exclusion_test_statistic`), and :math:`\Delta q` is taken from the minimum over the
    coupling grid and the SM; excluded where :math:`\Delta q` exceeds the one-parameter level (2.71 at 90 % CL).

    Parameters
    ----------
    detector : str or Detector
        A complete measured ⁸B data set (``"XENONnT-8B-2024"``; entries with a ``todo`` raise).
    masses, couplings : array_like
        Strictly increasing grids (internal units).
    model_name : {"Lmu-Ltau", "Lmu"}
    coupling : {"g", "g_eps"}
    cl : float
    oscillation, ssm
        Oscillation parameters and solar model of the prediction.
    flux_sigma : float, optional
        Fractional ⁸B flux uncertainty (default: the solar model's, 12 % for B16).

    Returns
    -------
    lmt_lib.scans.ScanResult
        ``kind="exclusion"``.
    """
    from lmt_lib import rates, scans, stats
    from lmt_lib.fluxes import solar

    det = _measured_solar(detector)
    meas = det.measurement
    if len(meas.observed) != 1 or det.background.kind != "counts" or not det.background.uncertainty:
        raise ValueError(f"detector={det.name!r} has no published total count with a background and its error")
    Ms, gg, x, Q, level = _scan_inputs(masses, couplings, model_name, coupling, cl, oscillation, ssm, label)
    sf = solar.flux_uncertainty("8B", ssm) if flux_sigma is None else positive("flux_sigma", flux_sigma)
    T = rates.binned_templates(det, Ms, ssm=ssm, oscillation=oscillation)
    n = float(meas.observed[0])
    b = float(det.background_per_bin()[0])
    sb = float(det.background.uncertainty[0]) / float(det.background.counts[0])

    def q_of(S):  # S: (k,) signal counts -> q (k,) against the observed count, flux and background profiled
        hyp = (S + b)[:, None]
        nuis = [(S[:, None], sf), (np.full_like(hyp, b), sb)]
        return np.atleast_1d(stats.exclusion_test_statistic(hyp, [n], nuis))

    q_sm = float(q_of(np.array([T.sm_components().sum()]))[0])
    q = np.empty((Ms.size, gg.size))
    for i in range(Ms.size):
        S = T.component_counts(Q, x, i).sum(axis=(1, 2))
        qi = q_of(S)
        q[i] = qi - min(float(qi.min()), q_sm)
    return scans.ScanResult(Ms, gg, q, level, "exclusion", coupling,
                            label or f"{det.label} (computed)", {"detector": det.name, "measurement": meas.source})


def cevns_8b_flux_scan(detector, masses, couplings, model_name: str = "Lmu-Ltau", coupling: str = "g",
                       cl: float = 0.9, oscillation=None, ssm: str = "B16-GS98", label: str = ""):
    r"""Exclusion in :math:`(M, g)` from a measured ⁸B flux (CEvNS in xenon), computed here.

    A collaboration that measured :math:`\Phi_{^8B}` assuming the SM cross section measured in fact
    :math:`r(M,g)\,\Phi_{\rm true}`, with :math:`r = N(M,g)/N_{\rm SM}` the BSM/SM count ratio for its analysis.
    With the solar-model flux :math:`\Phi_{\rm SSM}\pm\sigma_{\rm SSM}`:
    :math:`\chi^2 = (r\Phi_{\rm SSM}-\Phi_{\rm meas})^2/(\sigma_{\rm meas}^2 + (r\sigma_{\rm SSM})^2)`, the measured
    error taken on the side of the prediction (our simplification of an asymmetric likelihood).  :math:`\Delta\chi^2`
    from the minimum over couplings and the SM is compared with the one-parameter level.

    For data sets whose signal efficiency is not in the library (PandaX-4T) the ratio is computed with a unit step
    at the analysis threshold: the ratio, unlike the count, depends only weakly on the efficiency's shape (our
    approximation, stated in the returned label).

    Parameters
    ----------
    detector : str or Detector
        A measured ⁸B entry with a published ``flux_8B`` (``"XENONnT-8B-2024"``, ``"PandaX-4T-8B-S2only"``).
    masses, couplings, model_name, coupling, cl, oscillation, ssm, label
        As in :func:`cevns_8b_counting_scan`.
    """
    from lmt_lib import rates, scans
    from lmt_lib.fluxes import solar

    det = _measured_solar(detector)
    meas = det.measurement
    if len(meas.flux_8B) != 3:
        raise ValueError(f"detector={det.name!r} has no published 8B flux")
    Ms, gg, x, Q, level = _scan_inputs(masses, couplings, model_name, coupling, cl, oscillation, ssm, label)
    T = rates.binned_templates(det, Ms, ssm=ssm, oscillation=oscillation, allow_incomplete=True)
    phi_ssm = _solar_flux("8B", ssm)
    s_ssm = solar.flux_uncertainty("8B", ssm) * phi_ssm
    phi, up, down = (float(v) for v in meas.flux_8B)
    n_sm = float(T.sm_components().sum())

    def chi2(r):
        pred = r * phi_ssm
        err = np.where(pred > phi, up, down)
        return (pred - phi) ** 2 / (err**2 + (r * s_ssm) ** 2)

    c_sm = float(chi2(np.array(1.0)))
    q = np.empty((Ms.size, gg.size))
    for i in range(Ms.size):
        c = chi2(T.component_counts(Q, x, i).sum(axis=(1, 2)) / n_sm)
        q[i] = c - min(float(c.min()), c_sm)
    tag = " (step efficiency)" if det.todo else ""
    return scans.ScanResult(Ms, gg, q, level, "exclusion", coupling,
                            label or f"{det.label}, flux{tag} (computed)",
                            {"detector": det.name, "measurement": meas.source})


def er_rate_scan(detector="XENONnT-ER", masses=None, couplings=None, measured_rate=None, E_range=(1.0, 30.0),
                 model_name: str = "Lmu-Ltau", coupling: str = "g", cl: float = 0.9, oscillation=None,
                 ssm: str = "B16-GS98", label: str = ""):
    r"""Conservative exclusion from a measured low-energy electron-recoil rate (computed here).

    All of the measured rate :math:`R_{\rm meas}\pm\sigma` in ``E_range`` (keVee) could be solar neutrinos, but not
    more: :math:`\chi^2 = ((R_\nu(M,g) - R_{\rm meas})/\sigma)^2` where the solar ν–e rate
    :math:`R_\nu` (true recoil energy, stepping-approximation binding) exceeds it, 0 otherwise; excluded where it
    exceeds the one-parameter level.  Ignoring every other background makes the bound weak but safe (our choice).
    The default measurement is XENONnT SR0, (15.8 ± 1.3) /(t yr keVee) in (1, 30) keVee (arXiv:2207.11330).

    Parameters
    ----------
    detector : str or Detector
        An ER detector (its target is used; efficiency and resolution are not: the measured rate is corrected).
    masses, couplings : array_like
    measured_rate : (float, float), optional
        Rate and 1σ error in /(t yr keVee); default :data:`lmt_lib.detectors.XENONNT_SR0_ER_RATE`.
    E_range : (float, float)
        Energy window in keVee.
    """
    from dataclasses import replace as _replace

    from lmt_lib import detectors, rates, scans
    from lmt_lib.units import keV, tonne, year

    det = detectors.get_detector(detector) if isinstance(detector, str) else detector
    if not isinstance(det, detectors.Detector) or det.channel != "ER":
        raise ValueError(f"detector={getattr(det, 'name', detector)!r} must be an electron-recoil detector")
    if masses is None or couplings is None:
        raise ValueError("masses and couplings must be given (increasing arrays)")
    rate, err = detectors.XENONNT_SR0_ER_RATE if measured_rate is None else _pair("measured_rate", measured_rate)
    if not (rate > 0 and err > 0):
        raise ValueError(f"measured_rate={measured_rate!r} must be (rate > 0, error > 0) in /(t yr keVee)")
    lo, hi = _pair("E_range", E_range)
    if not 0 < lo < hi:
        raise ValueError(f"E_range={E_range!r} must be (lo, hi) keVee with 0 < lo < hi")
    Ms, gg, x, Q, level = _scan_inputs(masses, couplings, model_name, coupling, cl, oscillation, ssm, label)
    one_bin = _replace(det, threshold=lo * keV, e_max=hi * keV, binning=detectors.SINGLE_BIN,
                       efficiency=detectors.Efficiency("step", "unit step (the measured rate is corrected)",
                                                       energy="ee", e50=lo * keV),
                       resolution=detectors.NO_RESOLUTION, background=detectors.NO_BACKGROUND,
                       exposure=tonne * year, todo="")
    T = rates.binned_templates(one_bin, Ms, ssm=ssm, oscillation=oscillation)
    width = hi - lo
    q = np.empty((Ms.size, gg.size))
    for i in range(Ms.size):
        R = T.component_counts(Q, x, i).sum(axis=(1, 2)) / width
        q[i] = np.where(R > rate, ((R - rate) / err) ** 2, 0.0)
    return scans.ScanResult(Ms, gg, q, level, "exclusion", coupling,
                            label or "XENONnT SR0 ER rate (computed)",
                            {"detector": det.name, "rate": (rate, err), "E_range": (lo, hi),
                             "sm_rate": float(T.sm_components().sum() / width)})
