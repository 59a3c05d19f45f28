r"""The test of the second property: fit :math:`g` (muon beam) and :math:`g\varepsilon` (π-DAR CEvNS) independently.

In :math:`U(1)_{L_\mu-L_\tau}` the kinetic mixing is not a free parameter: the μ and τ loops fix
:math:`\varepsilon(0) = \frac{eg}{6\pi^2}\ln\frac{m_\mu}{m_\tau}\simeq -g/69.3` (Amaral et al., JHEP 12 (2020) 155,
arXiv:2006.11225, Eq. (7); :func:`lmt_lib.model.kinetic_mixing`).  Two experiments measure two different
combinations of the couplings:

- a muon missing-energy experiment (NA64μ, M³) counts :math:`N_\mu = g^2\,{\rm BR}_{\rm inv}\,Y(M) + b`
  (:func:`lmt_lib.muon_beam.yield_per_g2`): it measures :math:`g`;
- CEvNS at a π-DAR source sees only :math:`\nu_\mu`, :math:`\bar\nu_\mu` (charge +1) and :math:`\nu_e` (charge 0),
  so its counts are :math:`N = N_{\rm SM} + x\,I(M) + x^2B(M)` with :math:`x = g\varepsilon`
  (:mod:`lmt_lib.rates`; Amaral et al., EPJC 81 (2021) 861, arXiv:2104.03297): it measures :math:`g\varepsilon`.

Fitting both with :math:`(g, \varepsilon)` free (the likelihoods add, Cowan et al., EPJC 71 (2011) 1554,
arXiv:1007.1727) tests the loop relation: the allowed region in the :math:`(g,\varepsilon)` plane must contain the
line :math:`\varepsilon = -g/69.3` and exclude :math:`\varepsilon = 0` and the :math:`U(1)_{L_\mu}` values
:math:`\varepsilon = \frac{eg}{6\pi^2}\ln\frac{m_\mu}{\Lambda}` of cut-offs :math:`\Lambda \ne m_\tau`.  No published
code performs this fit; the statistics (Asimov data, Poisson deviance with a profiled normalisation, Wilks
levels) are those of :mod:`lmt_lib.stats`.

Arrival time.  At a pulsed source the prompt :math:`\nu_\mu` arrive with the proton pulse and the delayed
:math:`\nu_e`, :math:`\bar\nu_\mu` over the muon lifetime (:mod:`lmt_lib.fluxes.spallation`).  Splitting the counts
in time windows lets the uncharged :math:`\nu_e` calibrate the flux normalisation in situ (:func:`cevns_run` with
``time_edges``).

Mass.  Both experiments are evaluated at one mediator mass, the benchmark's; the mass dependence is the subject
of :mod:`lmt_lib.scans`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import minimize_scalar

from lmt_lib import model as _model
from lmt_lib import stats as _stats
from lmt_lib._validation import choice, finite_array, finite_coupling, flag, positive, positive_array

__all__ = [
    "COMPONENT_TIMING",
    "time_fractions",
    "CEvNSRun",
    "cevns_run",
    "MuonRun",
    "muon_run",
    "JointFit",
    "joint_fit",
    "line_delta_chi2",
    "separation_curve",
    "exposure_for_separation",
    "lmu_ratio",
    "observed_spectrum",
    "arrival_time_spectrum",
]

#: the timing population of each π-DAR component (the order of :data:`lmt_lib.rates.SPALLATION_COMPONENTS`)
COMPONENT_TIMING: dict[str, str] = {"prompt": "prompt", "nu_e": "delayed", "nubar_mu": "delayed"}


def _scale(name: str, value) -> float:
    return positive(name, value)


def _single(name: str, value) -> float:
    """One finite number (a coupling, a product of couplings or a ratio eps/g)."""
    v = finite_coupling(value, name)
    if np.ndim(v):
        raise ValueError(f"{name}={value!r} must be a single number")
    return v


def _time_edges(time_edges) -> np.ndarray:
    t = finite_array("time_edges", time_edges, max_ndim=1)
    if t.ndim != 1 or t.size < 2 or np.any(np.diff(t) <= 0):
        raise ValueError(f"time_edges={time_edges!r} must be a 1-d, strictly increasing array of >= 2 finite times "
                         "(internal units, e.g. 1 * us)")
    return t


def time_fractions(source, time_edges) -> np.ndarray:
    r"""Fraction of each π-DAR component arriving in each time window.

    Parameters
    ----------
    source : str or SpallationSource
        ``"SNS"``, ``"Lujan"``, ``"ESS"`` (:data:`lmt_lib.fluxes.spallation.SOURCES`).
    time_edges : array_like
        Strictly increasing window edges (internal time units, pass ``1 * us``); times after the pulse centre.

    Returns
    -------
    ndarray, shape (3, n_windows)
        Rows: prompt :math:`\nu_\mu`, delayed :math:`\nu_e`, delayed :math:`\bar\nu_\mu`
        (:func:`lmt_lib.fluxes.spallation.fraction_in_window`).

    Examples
    --------
    >>> from lmt_lib.units import us
    >>> f = time_fractions("SNS", [-2 * us, 1 * us, 20 * us])
    >>> [round(float(v), 3) for v in f[:, 0]]
    [1.0, 0.356, 0.356]
    """
    from lmt_lib.fluxes import spallation

    t = _time_edges(time_edges)
    src = spallation.get_source(source)
    out = np.empty((3, t.size - 1))
    for i, comp in enumerate(COMPONENT_TIMING.values()):
        out[i] = spallation.fraction_in_window(comp, t[:-1], t[1:], src)
    return out


# ----------------------------------------------------------------------------------------------------------------
# The CEvNS run: counts in energy (x time) bins as a quadratic in x = g * eps
# ----------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class CEvNSRun:
    r"""Expected CEvNS counts of one π-DAR detector at one mediator mass, as :math:`N_{\rm SM} + xI + x^2B`.

    Attributes
    ----------
    name, label : str
        Registry name and plot label of the detector.
    mass : float
        Mediator mass (GeV).
    sm, interference, bsm : ndarray, shape (n_bins,)
        Counts for the nominal exposure; bins are energy bins, or (time window, energy bin) pairs flattened
        time-major when :attr:`time_edges` is set.  The charges of the model are already applied.
    norm_sigma : float
        Fractional flux-normalisation uncertainty, a Gaussian prior on a common scale of all counts.
    time_edges : ndarray or None
        The time windows (GeV⁻¹), or None for time-integrated counts.
    """

    name: str
    label: str
    mass: float
    sm: np.ndarray
    interference: np.ndarray
    bsm: np.ndarray
    norm_sigma: float
    time_edges: np.ndarray | None = None
    meta: dict = field(default_factory=dict)

    def counts(self, x, scale: float = 1.0) -> np.ndarray:
        r"""Counts :math:`s\,(N_{\rm SM} + xI + x^2B)` for coupling products ``x`` (shape ``x.shape + (n_bins,)``).

        ``scale`` multiplies the exposure (e.g. years of running for a projection quoted per year).
        """
        s = _scale("scale", scale)
        xx = np.asarray(finite_coupling(x, "x"), dtype=float)[..., None]
        return s * (self.sm + xx * self.interference + xx * xx * self.bsm)

    def delta_chi2(self, x_true, x, scale: float = 1.0):
        r"""Asimov :math:`\Delta\chi^2(x)` of hypotheses ``x`` against data generated at ``x_true``.

        The Poisson deviance :math:`2\sum_i[\mu_i - n_i + n_i\ln(n_i/\mu_i)]` with the normalisation of the
        hypothesis profiled under a Gaussian prior of width :attr:`norm_sigma`
        (:func:`lmt_lib.stats.exclusion_test_statistic`); zero at ``x = x_true``.
        """
        xt = _single("x_true", x_true)
        data = self.counts(xt, scale)
        hyp = np.atleast_2d(self.counts(x, scale))
        nuis = [(hyp, self.norm_sigma)] if self.norm_sigma > 0 else None
        q = np.asarray(_stats.exclusion_test_statistic(hyp, data, nuis), dtype=float).reshape(np.shape(x))
        return float(q) if q.ndim == 0 else q

    def separation(self, x_true, x_null: float = 0.0, scale: float = 1.0) -> float:
        r"""Median significance :math:`Z=\sqrt{\Delta\chi^2}` with which data at ``x_true`` reject ``x_null``.

        With ``x_null = 0`` this is the significance of the deficit (the SM, which ε = 0 predicts for any g).
        """
        return math.sqrt(max(self.delta_chi2(x_true, _single("x_null", x_null), scale), 0.0))


def cevns_run(detector, mass, model_name: str = "Lmu-Ltau", time_edges=None, running: bool = False) -> CEvNSRun:
    r"""Build a :class:`CEvNSRun` from a registered spallation detector at one mediator mass.

    The binned templates come from :func:`lmt_lib.rates.binned_templates` (CEvNS cross section with the
    :math:`A'`, Eq. (5) of arXiv:2104.03297, Helm form factor, the detector's efficiency and quenching); the
    flavour templates are weighted with the model's neutrino charges, so the :math:`\nu_e` template drops out of
    the interference and BSM terms.  With ``time_edges`` every component is split over the time windows with
    :func:`time_fractions` of the detector's source.

    Parameters
    ----------
    detector : str or Detector
        A spallation detector, e.g. ``"CENNS-610"``, ``"CCM"``, ``"ESS"``, ``"ESS10"``.
    mass : float
        Mediator mass (internal units, pass ``30 * MeV``).
    model_name : {"Lmu-Ltau", "Lmu"}
        The charges (identical at a π-DAR source, which has no :math:`\nu_\tau`).
    time_edges : array_like, optional
        Time windows after the pulse (pass ``[0, 1, 6] * us``); the detector must have no background then.
    running : bool
        Use the running mixing :math:`\varepsilon(-Q^2)/\varepsilon(0)` in the templates.

    Examples
    --------
    >>> from lmt_lib.units import MeV
    >>> run = cevns_run("CENNS-610", 30 * MeV)
    >>> round(float(run.sm.sum()), 0)
    3089.0
    >>> bool(run.interference.sum() > 0)  # x = g * eps < 0: a deficit
    True
    """
    from lmt_lib import detectors, rates, scans

    det = detectors.get_detector(detector) if isinstance(detector, str) else detector
    if not isinstance(det, detectors.Detector) or det.kind != "spallation":
        raise ValueError(f"detector={detector!r} must be a spallation detector (e.g. 'CENNS-610')")
    M = positive("mass", mass)
    Q = scans.charges_of(model_name)
    running = flag("running", running)
    t_edges = None if time_edges is None else _time_edges(time_edges)
    T = rates.binned_templates(det, [M], running=running)
    sm_c = T.sm.sum(axis=1)  # (n_comp, n_bins)
    it_c = np.einsum("a,cab->cb", Q, T.interference[0])
    bs_c = np.einsum("a,cab->cb", Q * Q, T.bsm[0])
    bkg = np.asarray(T.background, dtype=float)
    edges = None
    if time_edges is not None:
        if np.any(bkg > 0):
            raise ValueError(f"time_edges: detector {det.name!r} has a background, whose arrival time is not modelled")
        f = time_fractions(det.beam.source_name, t_edges)
        edges = t_edges

        def split(c):
            return np.einsum("ct,cb->tb", f, c).ravel()

        sm, it, bs = split(sm_c), split(it_c), split(bs_c)
    else:
        sm, it, bs = sm_c.sum(axis=0) + bkg, it_c.sum(axis=0), bs_c.sum(axis=0)
    return CEvNSRun(det.name, det.label, M, sm, it, bs, float(det.sigma_norm), edges,
                    {"source": det.source, "model": model_name})


# ----------------------------------------------------------------------------------------------------------------
# The muon-beam run: a counting experiment in g^2
# ----------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class MuonRun:
    r"""Expected signal of a muon missing-energy experiment at one mass: :math:`N = g^2Y_{\rm BR} + b`.

    Attributes
    ----------
    name, label : str
    mass : float
        Mediator mass (GeV).
    yield_per_g2 : float
        Signal events per unit :math:`g^2`, including the invisible branching ratio at :attr:`mass`.
    background : float
        Expected background events.
    """

    name: str
    label: str
    mass: float
    yield_per_g2: float
    background: float

    def counts(self, g, scale: float = 1.0):
        """Expected events for couplings ``g`` with the exposure multiplied by ``scale``."""
        s = _scale("scale", scale)
        gg = np.asarray(finite_coupling(g, "g"), dtype=float)
        return s * (gg * gg * self.yield_per_g2 + self.background)

    def delta_chi2(self, g_true, g, scale: float = 1.0):
        r"""Asimov :math:`\Delta\chi^2(g) = 2[\mu - n + n\ln(n/\mu)]` of one counting bin, data at ``g_true``.

        The shape of the missing-energy spectrum does not depend on g at fixed M (:mod:`lmt_lib.muon_beam`), so
        the total count carries all the information on g; zero at :math:`|g| = |g_{\rm true}|`.
        """
        gt = _single("g_true", g_true)
        n = self.counts(gt, scale)
        mu = self.counts(g, scale)
        if np.any(mu <= 0):
            raise ValueError("g = 0 with no background predicts no event: give a background or g != 0")
        q = _stats.poisson_deviance(np.reshape(n, (1,)), np.asarray(mu, dtype=float)[..., None])  # one bin
        return float(q) if np.ndim(q) == 0 else q


def muon_run(experiment, mass, model_name: str = "Lmu-Ltau") -> MuonRun:
    r"""Build a :class:`MuonRun` from a registered muon-beam experiment (e.g. ``"NA64mu-1e12"``).

    The yield is :func:`lmt_lib.muon_beam.yield_per_g2` (the improved Weizsäcker–Williams cross section above the
    experiment's :math:`x_{\rm cut}`) times the invisible branching ratio of ``model_name`` at ``mass``; the
    background is the experiment's expected one.

    Examples
    --------
    >>> from lmt_lib.units import MeV
    >>> run = muon_run("NA64mu-1e12", 30 * MeV)
    >>> round(float(run.counts(5e-4)), 1)
    99.3
    """
    from lmt_lib import detectors, muon_beam, scans

    exp = detectors.get_detector(experiment) if isinstance(experiment, str) else experiment
    if not isinstance(exp, detectors.MuonBeamExperiment):
        raise ValueError(f"experiment={experiment!r} must be a muon-beam experiment (e.g. 'NA64mu-1e12')")
    M = positive("mass", mass)
    scans.charges_of(model_name)
    br = _model.invisible_branching_ratio(_model.model(model_name, M, 1.0))
    Y = float(muon_beam.yield_per_g2(exp, M)[0]) * br
    return MuonRun(exp.name, exp.label, M, Y, float(exp.expected_background))


# ----------------------------------------------------------------------------------------------------------------
# The joint fit in (g, eps)
# ----------------------------------------------------------------------------------------------------------------
def _check_runs(muon, cevns, benchmark):
    if not isinstance(muon, MuonRun):
        raise ValueError(f"muon={muon!r} must be a MuonRun (see muon_run)")
    if not isinstance(cevns, CEvNSRun):
        raise ValueError(f"cevns={cevns!r} must be a CEvNSRun (see cevns_run)")
    if not isinstance(benchmark, _model.HiddenPhoton):
        raise ValueError(f"benchmark={benchmark!r} must be a lmt_lib.model.HiddenPhoton")
    for run in (muon, cevns):
        if not math.isclose(run.mass, benchmark.mass, rel_tol=1e-9):
            raise ValueError(f"benchmark mass {benchmark.mass!r} GeV differs from the mass {run.mass!r} GeV of "
                             f"run {run.name!r}: build the runs at the benchmark's mass")


def lmu_ratio(cutoff) -> float:
    r""":math:`\varepsilon/g` of the effective :math:`U(1)_{L_\mu}` model with cut-off Λ (GeV, internal units).

    :math:`\varepsilon = \frac{eg}{6\pi^2}\ln\frac{m_\mu}{\Lambda}` (only the muon loop is calculable;
    :func:`lmt_lib.model.lmu`).  At :math:`\Lambda = m_\tau` it equals the :math:`L_\mu-L_\tau` value.

    >>> from lmt_lib.units import GeV
    >>> round(1 / lmu_ratio(1e3 * GeV), 2)
    -21.36
    """
    lam = positive("cutoff", cutoff)
    return float(_model.lmu(1.0, 1.0, cutoff=lam).eps0)


def line_delta_chi2(muon: MuonRun, cevns: CEvNSRun, benchmark, ratio, muon_scale: float = 1.0,
                    cevns_scale: float = 1.0) -> float:
    r""":math:`\min_g\Delta\chi^2(g, \varepsilon = kg)`: how strongly the data of ``benchmark`` reject the line
    :math:`\varepsilon/g = k` (``ratio``), with g profiled.

    :math:`\Delta\chi^2(g,\varepsilon) = \Delta\chi^2_\mu(g) + \Delta\chi^2_{\rm CEvNS}(g\varepsilon)`; the minimum
    over g is found on a logarithmic grid around the benchmark coupling and refined with a bounded scalar
    minimisation.  For ``ratio = 0`` the CEvNS term does not depend on g and the result is the significance of the
    CEvNS deficit squared.  One parameter of interest (k), so :math:`Z=\sqrt{\Delta\chi^2}`.
    """
    _check_runs(muon, cevns, benchmark)
    k = _single("ratio", ratio)
    _scale("muon_scale", muon_scale)
    _scale("cevns_scale", cevns_scale)
    g0, x0 = abs(benchmark.g), benchmark.g_eps

    def q_of(lng):
        g = np.exp(lng)
        return (np.asarray(muon.delta_chi2(g0, g, muon_scale), dtype=float)
                + np.asarray(cevns.delta_chi2(x0, k * g * g, cevns_scale), dtype=float))

    # two vectorised passes: a coarse logarithmic grid (a factor 30 either side), then a fine one around its minimum
    lg = np.linspace(math.log(g0) - math.log(30.0), math.log(g0) + math.log(30.0), 401)
    for _ in range(2):
        qs = q_of(lg)
        j = int(np.argmin(qs))
        lg = np.linspace(lg[max(j - 1, 0)], lg[min(j + 1, lg.size - 1)], 201)
    return float(np.min(q_of(lg)))


@dataclass(frozen=True, eq=False)
class JointFit:
    r"""The joint :math:`\Delta\chi^2` of a muon-beam run and a CEvNS run in the :math:`(g, \varepsilon)` plane.

    Attributes
    ----------
    g, eps : ndarray
        The grids (g > 0; ε of either sign).
    statistic : ndarray, shape (n_g, n_eps)
        :math:`\Delta\chi^2` from the grid minimum (Asimov data of :attr:`benchmark`).
    benchmark : HiddenPhoton
        The true point.
    muon, cevns : MuonRun, CEvNSRun
    muon_scale, cevns_scale : float
        Exposure multipliers of the two runs.
    levels : tuple of float
        The 1σ and 2σ levels for two parameters (2.30, 6.18).
    """

    g: np.ndarray
    eps: np.ndarray
    statistic: np.ndarray
    benchmark: _model.HiddenPhoton
    muon: MuonRun
    cevns: CEvNSRun
    muon_scale: float
    cevns_scale: float
    levels: tuple

    @property
    def best(self) -> tuple[float, float]:
        """(g, ε) of the grid minimum."""
        i, j = np.unravel_index(int(np.argmin(self.statistic)), self.statistic.shape)
        return float(self.g[i]), float(self.eps[j])

    @property
    def best_ratio(self) -> float:
        r"""The fitted :math:`\varepsilon/g`, from the minimum of :meth:`line` over a fine grid of ratios."""
        k0 = self.benchmark.eps0 / self.benchmark.g
        ks = np.linspace(3.0 * k0, -1.0 * k0, 41) if k0 < 0 else np.linspace(-k0, 3.0 * k0, 41)
        q = np.array([self.line(k) for k in ks])
        j = int(np.argmin(q))
        res = minimize_scalar(self.line, bounds=(ks[max(j - 1, 0)], ks[min(j + 1, ks.size - 1)]), method="bounded",
                              options={"xatol": 1e-9})
        return float(res.x)

    def line(self, ratio) -> float:
        r""":func:`line_delta_chi2` of the line :math:`\varepsilon = k g` for these runs and exposures."""
        return line_delta_chi2(self.muon, self.cevns, self.benchmark, ratio, self.muon_scale, self.cevns_scale)

    def separation(self, ratio) -> float:
        r"""Median significance :math:`Z=\sqrt{\Delta\chi^2}` rejecting the line :math:`\varepsilon = kg`."""
        return math.sqrt(max(self.line(ratio), 0.0))


def joint_fit(muon: MuonRun, cevns: CEvNSRun, benchmark, g, eps, muon_scale: float = 1.0,
              cevns_scale: float = 1.0) -> JointFit:
    r"""Joint Asimov fit of :math:`g` and :math:`\varepsilon` as independent parameters (see the module docstring).

    :math:`\Delta\chi^2(g,\varepsilon) = \Delta\chi^2_\mu(g) + \Delta\chi^2_{\rm CEvNS}(g\varepsilon)`, minus its
    minimum over the grid; the regions are :math:`\Delta\chi^2 < 2.30` (1σ) and :math:`< 6.18` (2σ) for two
    parameters (:func:`lmt_lib.stats.delta_chi2_threshold`).

    Parameters
    ----------
    muon, cevns : MuonRun, CEvNSRun
        Built at the benchmark's mass (:func:`muon_run`, :func:`cevns_run`).
    benchmark : HiddenPhoton
        The true model, e.g. ``lmu_ltau(30 * MeV, 5e-4)``: data are its Asimov counts.
    g : array_like
        Increasing grid of g > 0.
    eps : array_like
        Increasing grid of ε (negative values for the Lμ−Lτ sign convention).
    muon_scale, cevns_scale : float
        Exposure multipliers.

    Examples
    --------
    >>> import numpy as np
    >>> from lmt_lib.units import MeV
    >>> from lmt_lib.model import lmu_ltau
    >>> bp = lmu_ltau(30 * MeV, 5e-4)
    >>> fit = joint_fit(muon_run("NA64mu-1e12", 30 * MeV), cevns_run("ESS", 30 * MeV), bp,
    ...                 np.linspace(4e-4, 6e-4, 41), np.linspace(-1.2e-5, 0, 61))
    >>> round(fit.best_ratio * 69.29, 2)
    -1.0
    """
    _check_runs(muon, cevns, benchmark)
    gg = positive_array("g", g, increasing=True)
    ee = finite_array("eps", eps, max_ndim=1)
    if ee.ndim != 1 or ee.size < 2 or np.any(np.diff(ee) <= 0):
        raise ValueError(f"eps={eps!r} must be a 1-d, strictly increasing array of finite numbers")
    ms, cs = _scale("muon_scale", muon_scale), _scale("cevns_scale", cevns_scale)
    q_mu = np.asarray(muon.delta_chi2(benchmark.g, gg, ms), dtype=float)
    x = gg[:, None] * ee[None, :]
    q_ce = np.asarray(cevns.delta_chi2(benchmark.g_eps, x.ravel(), cs), dtype=float).reshape(x.shape)
    q = q_mu[:, None] + q_ce
    q = q - np.min(q)
    levels = (_stats.delta_chi2_threshold(sigma=1, dof=2), _stats.delta_chi2_threshold(sigma=2, dof=2))
    return JointFit(gg, ee, q, benchmark, muon, cevns, ms, cs, levels)


# ----------------------------------------------------------------------------------------------------------------
# How much exposure the test needs
# ----------------------------------------------------------------------------------------------------------------
def separation_curve(muon: MuonRun, cevns: CEvNSRun, benchmark, scales, null_ratio: float = 0.0,
                     muon_scale: float = 1.0) -> np.ndarray:
    r"""Median significance Z with which the benchmark's data reject the line :math:`\varepsilon/g` = ``null_ratio``,
    for each CEvNS exposure multiplier in ``scales``.

    With ``null_ratio = 0`` (no kinetic mixing) the muon run drops out and Z is the significance of the CEvNS
    deficit; without a normalisation uncertainty it grows as the square root of the exposure, with one it
    saturates unless the spectrum (or the arrival time) carries the information.

    Examples
    --------
    >>> import numpy as np
    >>> from lmt_lib.units import MeV
    >>> from lmt_lib.model import lmu_ltau
    >>> z = separation_curve(muon_run("NA64mu-1e12", 30 * MeV), cevns_run("ESS", 30 * MeV),
    ...                      lmu_ltau(30 * MeV, 5e-4), [1.0, 4.0])
    >>> bool(z[1] > z[0] > 2)
    True
    """
    _check_runs(muon, cevns, benchmark)
    s = positive_array("scales", scales)
    k = _single("null_ratio", null_ratio)
    _scale("muon_scale", muon_scale)
    out = np.empty(s.size)
    for i, sc in enumerate(s.ravel()):
        if k == 0.0:
            out[i] = cevns.separation(benchmark.g_eps, 0.0, sc)
        else:
            out[i] = math.sqrt(max(line_delta_chi2(muon, cevns, benchmark, k, muon_scale, sc), 0.0))
    return out.reshape(s.shape)


def exposure_for_separation(muon: MuonRun, cevns: CEvNSRun, benchmark, z: float, null_ratio: float = 0.0,
                            scale_range=(1e-3, 1e4), muon_scale: float = 1.0) -> float:
    r"""The CEvNS exposure multiplier at which the line :math:`\varepsilon/g` = ``null_ratio`` is rejected at Z = ``z``.

    Z(scale) of :func:`separation_curve` increases with the exposure; the crossing is bracketed on a logarithmic
    grid over ``scale_range`` and interpolated in (ln scale, ln Z).  Returns ``inf`` when Z stays below ``z`` over
    the whole range (a normalisation systematic can make Z saturate).

    Examples
    --------
    >>> from lmt_lib.units import MeV
    >>> from lmt_lib.model import lmu_ltau
    >>> s = exposure_for_separation(muon_run("NA64mu-1e12", 30 * MeV), cevns_run("ESS", 30 * MeV),
    ...                             lmu_ltau(30 * MeV, 5e-4), 2.0)
    >>> bool(0.1 < s < 1.0)  # ESS 1 t: a third of a year for 2 sigma
    True
    """
    zz = positive("z", z)
    rng = finite_array("scale_range", scale_range)
    if rng.shape != (2,):
        raise ValueError(f"scale_range={scale_range!r} must be a pair (low, high)")
    lo, hi = (positive("scale_range[0]", rng[0]), positive("scale_range[1]", rng[1]))
    if not lo < hi:
        raise ValueError(f"scale_range={scale_range!r} must be (low, high) with low < high")
    s = np.geomspace(lo, hi, 57)
    Z = separation_curve(muon, cevns, benchmark, s, null_ratio, muon_scale)
    above = np.flatnonzero(Z >= zz)
    if above.size == 0:
        return math.inf
    j = int(above[0])
    if j == 0:
        return float(s[0])
    z0, z1 = max(Z[j - 1], 1e-300), Z[j]
    t = math.log(zz / z0) / math.log(z1 / z0) if z1 > z0 else 0.0
    return float(math.exp(math.log(s[j - 1]) + t * (math.log(s[j]) - math.log(s[j - 1]))))


# ----------------------------------------------------------------------------------------------------------------
# Spectra in the energy each experiment reports, and in arrival time
# ----------------------------------------------------------------------------------------------------------------
def _spallation_detector(detector):
    from lmt_lib import detectors

    det = detectors.get_detector(detector) if isinstance(detector, str) else detector
    if not isinstance(det, detectors.Detector) or det.kind != "spallation":
        raise ValueError(f"detector={detector!r} must be a spallation detector (e.g. 'CENNS-610')")
    return det


def _models(models):
    if models is None or isinstance(models, _model.HiddenPhoton):
        items = [models]
    elif isinstance(models, (list, tuple)) and models:
        items = list(models)
    else:
        raise ValueError(f"models={models!r} must be a HiddenPhoton, None (the SM) or a non-empty list of them")
    for m in items:
        if m is not None and not isinstance(m, _model.HiddenPhoton):
            raise ValueError(f"models entry {m!r} must be a HiddenPhoton or None (the SM)")
    return items


def observed_spectrum(detector, E_obs, models=None, energy: str = "ee", efficiency: bool = True,
                      per_unit_fluence: bool = False) -> np.ndarray:
    r"""CEvNS counts per unit *reported* energy of a π-DAR detector, :math:`dN/dE_{\rm obs}`, for several models.

    The nuclear-recoil spectrum :math:`dN/dE_{nr}` (:func:`lmt_lib.rates.differential_templates`, Eq. (5.7)-type
    flux integral of the CEvNS cross section with the :math:`A'`) is mapped to the electron-equivalent energy with
    the detector's quenching, :math:`E_{ee}=Q(E_{nr})E_{nr}` and
    :math:`dN/dE_{ee} = (dN/dE_{nr})/(dE_{ee}/dE_{nr})` (:class:`lmt_lib.detectors.Quenching`), times the
    detector's efficiency at the true energy if ``efficiency``.

    Parameters
    ----------
    detector : str or Detector
        A spallation detector.
    E_obs : array_like
        Reported energies (GeV; keVee for ``energy="ee"``, keVnr for ``"nr"``), > 0.
    models : HiddenPhoton, None, or a sequence of them
        None is the SM.
    energy : {"ee", "nr"}
    efficiency : bool
    per_unit_fluence : bool
        Counts per unit detector mass and unit fluence per flavour (for detectors whose mass or beam numbers are
        not available, e.g. the COHERENT Ge entry); otherwise counts for the detector's exposure.

    Returns
    -------
    ndarray, shape (n_models, n_E)
        GeV⁻¹ (multiply by ``keV`` for counts per keV).

    Examples
    --------
    One year of CENNS-610 between 20 and 120 keVnr (the reference analysis' recipe gives 2492 up to the
    kinematic end point, about 150 keVnr):

    >>> from lmt_lib.units import keV
    >>> E = np.linspace(20, 120, 2001) * keV
    >>> round(float(np.trapezoid(observed_spectrum("CENNS-610", E, energy="nr")[0], E)))
    2485
    """
    from lmt_lib import rates

    det = _spallation_detector(detector)
    choice("energy", energy, ("ee", "nr"))
    E = positive_array("E_obs", E_obs, hint="pass e.g. 5 * keV", max_ndim=1)
    efficiency, per_unit_fluence = flag("efficiency", efficiency), flag("per_unit_fluence", per_unit_fluence)
    items = _models(models)
    if per_unit_fluence:
        fluence, mass = 1.0, 1.0
    else:
        if det.mass is None:
            raise ValueError(f"detector {det.name!r} lacks its mass ({det.todo}); use per_unit_fluence=True")
        fluence, mass = det.beam.fluence_per_flavour, det.mass
    E_nr = np.asarray(det.quenching.e_nr(E), dtype=float) if energy == "ee" else E
    jac = np.asarray(det.quenching.jacobian(E_nr), dtype=float) if energy == "ee" else np.ones_like(E)
    eff = np.asarray(det.efficiency_true(E_nr), dtype=float) if efficiency else np.ones_like(E)
    comps = rates.spallation_components(fluence)
    out = []
    for m in items:
        Q, x, M, run = rates._model_terms(m)
        sm, it, bs = rates.differential_templates("NR", det.target, E_nr, comps, [M], running=run)
        dR = rates.combine(sm.sum(axis=0), it[0].sum(axis=0), bs[0].sum(axis=0), Q, x)
        out.append(mass * dR * eff / jac)
    return np.array(out)


def arrival_time_spectrum(detector, t, model=None) -> np.ndarray:
    r"""Counts per unit time after the beam pulse, per π-DAR component: :math:`N_c\,p_c(t)`.

    :math:`N_c` are the binned counts of component c (prompt :math:`\nu_\mu`, delayed :math:`\nu_e`, delayed
    :math:`\bar\nu_\mu`) in the detector's energy bins (:func:`lmt_lib.rates.binned_templates`), and :math:`p_c`
    the prompt or delayed arrival-time density of the source (:func:`lmt_lib.fluxes.spallation.timing_pdf`).

    Returns
    -------
    ndarray, shape (3, n_t)
        GeV (multiply by ``us`` for counts per μs).

    Examples
    --------
    Integrated over time, each component gives its binned count (CENNS-610, one year):

    >>> from lmt_lib.units import us
    >>> t = np.linspace(-2, 30, 6401) * us
    >>> np.trapezoid(arrival_time_spectrum("CENNS-610", t), t, axis=1).round(0).tolist()
    [674.0, 990.0, 1426.0]
    """
    from lmt_lib import rates
    from lmt_lib.fluxes import spallation

    det = _spallation_detector(detector)
    tt = np.atleast_1d(finite_array("t", t, max_ndim=1, allow_empty=False))
    if not (model is None or isinstance(model, _model.HiddenPhoton)):
        raise ValueError(f"model={model!r} must be a HiddenPhoton or None (the SM)")
    m = model
    M = m.mass if m is not None else 1.0
    T = rates.binned_templates(det, [M], running=bool(m.running) if m is not None else False)
    N = (T.component_counts_for(m) if m is not None else T.sm_components()).sum(axis=1)
    pdf = {c: spallation.timing_pdf(c, tt, det.beam.source_name) for c in ("prompt", "delayed")}
    return np.array([N[i] * pdf[COMPONENT_TIMING[name]] for i, name in enumerate(T.component_names)])
