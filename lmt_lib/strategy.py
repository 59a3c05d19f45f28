r"""The strategy: every probe of the :math:`U(1)_{L_\mu-L_\tau}` hidden photon on one plane, and their combination.

Three properties of the :math:`A'` are tested by three kinds of experiment (Amaral, Cerdeño, Cheek, Foldenauer,
EPJC 81 (2021) 861, arXiv:2104.03297):

- **P1**, the coupling g to the second generation: muon beams (NA64μ, M³) count :math:`A'` emissions,
  :math:`N = g^2\,{\rm BR}_{\rm inv}\,T(M)` (:mod:`lmt_lib.muon_beam`);
- **P2**, the loop-induced kinetic mixing ε: CEvNS of the :math:`\nu_\mu` and :math:`\bar\nu_\mu` of a spallation
  source, whose deviation from the Standard Model is set by the product :math:`g\varepsilon`
  (:mod:`lmt_lib.rates` templates, :math:`N = N_{\rm SM} + x\,I + x^2B` with :math:`x = g\varepsilon`);
- **P3**, the coupling to the third generation: solar neutrinos reach a xenon detector partly as :math:`\nu_\tau`,
  so nuclear and electron recoils measure :math:`g\varepsilon` weighted by the :math:`\nu_\mu` *and*
  :math:`\nu_\tau` charges.

:data:`PROBES` says which experiment measures what, and when.  :func:`probe_curves` computes the curves of the
parameter-space figure (today's limits and the projections).  :func:`combined_reconstruction` fits Asimov data of a
benchmark with all probes at once, in the parameters :math:`(M, g, |\varepsilon|, r_\tau)`, where
:math:`r_\tau = Q'_\tau/Q'_\mu` is the τ-sector charge in units of the muon charge (−1 for :math:`L_\mu-L_\tau`,
0 for a boson coupled to :math:`L_\mu` only).  ε is free here: the loop relation :math:`|\varepsilon|\simeq g/69.3`
is what the fit tests, not an input.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from lmt_lib import model as _model
from lmt_lib import stats as _stats
from lmt_lib._validation import choice, finite_array, finite_coupling, known_keys, positive, positive_array, real

__all__ = ["Probe", "PROBES", "ProbeCurve", "probe_curves", "CombinedFit", "combined_reconstruction",
           "invisible_branching", "STRATEGY_EXPERIMENTS", "excluded_by_data"]


# ----------------------------------------------------------------------------------------------------------------
# What each probe measures
# ----------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Probe:
    """One row of the strategy: a property of the :math:`A'`, the experiment that tests it, what it measures, when.

    Attributes
    ----------
    prop : str
        The property (P1, P2, P3 and what it is).
    experiment : str
        The experiment (readable name).
    measures : str
        The combination of parameters the observable depends on (Markdown with math).
    when : str
        Data taking: published result or planned run.
    source : str
        Where the status comes from.
    """

    prop: str
    experiment: str
    measures: str
    when: str
    source: str


#: the probes of the book, in the order of the strategy table
PROBES: tuple[Probe, ...] = (
    Probe("P1: coupling to the second generation", "NA64μ (CERN SPS M2, 160 GeV μ)",
          r"$g^2\,{\rm BR}_{\rm inv}$ from missing-energy events; the muon-energy spectrum adds mass information",
          "2022 run published (1.98×10¹⁰ MOT, 0 events); ~10¹² MOT projected after 2025",
          "NA64 Collaboration, PRL 132 (2024) 211803, arXiv:2401.01708; projections arXiv:2107.13297"),
    Probe("P1: coupling to the second generation", "M³ (Fermilab, 15 GeV μ)",
          r"$g^2\,{\rm BR}_{\rm inv}$ (missing momentum)", "proposed: phase 1 ~10¹⁰, phase 2 ~10¹³ MOT",
          "Kahn, Krnjaic, Tran, Whitbeck, JHEP 09 (2018) 153, arXiv:1804.03144"),
    Probe("P1 + P2: kinetic mixing, seen by ν_μ", "COHERENT (CsI 2021, LAr CENNS-10 2020; SNS)",
          r"$g\varepsilon$ through the $\nu_\mu,\bar\nu_\mu$ interference (a deficit for $L_\mu-L_\tau$)",
          "published 2020–2021", "COHERENT, PRL 129 (2022) 081801, arXiv:2110.07730; PRL 126 (2021) 012002, "
          "arXiv:2003.10630"),
    Probe("P1 + P2: kinetic mixing, seen by ν_μ", "CCM (LANL Lujan), ESS (LAr)",
          r"$g\varepsilon$ at higher statistics; $M$ through the recoil spectrum above $\sim$30 MeV",
          "CCM200 running since 2021; ESS programme from the late 2020s",
          "Amaral et al., arXiv:2104.03297 (detector set-ups); Baxter et al., JHEP 02 (2020) 123, arXiv:1911.00762"),
    Probe("P3: coupling to the third generation", "Borexino (⁷Be ν–e)",
          r"$g\varepsilon$ weighted by the solar $\nu_\mu$ and $\nu_\tau$ fractions; light $A'$ only",
          "Phase II published 2018", "Borexino, Nature 562 (2018) 505"),
    Probe("P3: coupling to the third generation", "LZ, XENONnT, DARWIN/XLZD (xenon NR + ER)",
          r"$g\varepsilon\,(P_{e\mu}Q'_{\nu_\mu}+P_{e\tau}Q'_{\nu_\tau})$ (interference) and "
          r"$(g\varepsilon)^2(P_{e\mu}Q'^2_{\nu_\mu}+P_{e\tau}Q'^2_{\nu_\tau})$: the $\nu_\tau$ charge, "
          r"$L_\mu-L_\tau$ against $L_\mu$",
          "LZ and XENONnT running (⁸B CEvNS seen 2024–2025); DARWIN/XLZD in the 2030s",
          "Amaral et al., JHEP 12 (2020) 155, arXiv:2006.11225; XLZD, arXiv:2410.17137"),
)


# ----------------------------------------------------------------------------------------------------------------
# The curves of the parameter-space figure
# ----------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class ProbeCurve:
    """A curve :math:`g(M)` of the strategy figure (the region above it is excluded or reached).

    Attributes
    ----------
    key : str
        Identifier, also the colour key of :mod:`lmt_lib.plotting`.
    label : str
        Legend text.
    group : str
        ``"P1"``, ``"P1+P2"``, ``"P3"`` or ``"existing"`` (bounds from other processes).
    status : str
        ``"data"`` (a limit from published data) or ``"projection"`` (an expected sensitivity).
    provenance : str
        ``"computed"`` (by this library) or ``"quoted"`` (a published curve).
    masses, g : ndarray
        The curve (GeV; NaN where no coupling of the grid is reached).
    """

    key: str
    label: str
    group: str
    status: str
    provenance: str
    masses: np.ndarray
    g: np.ndarray


#: the experiments of :func:`probe_curves`: key -> (label, group, status)
STRATEGY_EXPERIMENTS: dict[str, tuple[str, str, str]] = {
    "NA64mu-2022": ("NA64μ 2022 (computed)", "P1", "data"),
    "NA64mu-1e12": ("NA64μ, 10¹² MOT", "P1", "projection"),
    "M3-phase2": ("M³ phase 2, 10¹³ MOT", "P1", "projection"),
    "COHERENT-CsI-2021": ("COHERENT CsI 2021 (computed)", "P1+P2", "data"),
    "CENNS-10-2020": ("COHERENT LAr 2020 (computed)", "P1+P2", "data"),
    "CCM": ("CCM (7 t LAr)", "P1+P2", "projection"),
    "ESS": ("ESS (1 t LAr)", "P1+P2", "projection"),
    "Borexino": ("Borexino ⁷Be (computed)", "P3", "data"),
    "LZ-low": ("LZ NR+ER (15 t·yr)", "P3", "projection"),
    "DARWIN-low": ("DARWIN NR+ER (200 t·yr)", "P3", "projection"),
}


def probe_curves(masses, couplings, experiments=None, model_name: str = "Lmu-Ltau", cl: float = 0.9):
    r"""The curves of every probe on a grid of masses: 90 % CL limits from data and expected exclusions.

    - Muon beams: :func:`lmt_lib.muon_beam.coupling_limit` (the NA64μ 2022 null result, and the projections).
    - COHERENT: :func:`lmt_lib.constraints.cevns_measurement_scan` (our likelihood of the published yield); the
      curve is the smallest excluded coupling.
    - CCM, ESS, LZ, DARWIN: :func:`lmt_lib.scans.exclusion_scan` with Asimov SM data (xenon: NR and ER combined).
    - Borexino: :func:`lmt_lib.constraints.borexino_be7_bound`.

    Parameters
    ----------
    masses : array_like
        Increasing masses (internal units); use a coarse grid (a few tens of points) in chapters.
    couplings : array_like
        Increasing coupling grid g of the scans.
    experiments : sequence of str, optional
        Keys of :data:`STRATEGY_EXPERIMENTS` (default: all).
    model_name, cl

    Returns
    -------
    dict
        key -> :class:`ProbeCurve`, in the order asked for.

    Examples
    --------
    >>> import numpy as np
    >>> from lmt_lib.units import MeV
    >>> c = probe_curves(np.array([10.0, 100.0]) * MeV, np.geomspace(1e-5, 1e-1, 40), ["NA64mu-2022"])
    >>> bool(5e-4 < c["NA64mu-2022"].g[0] < 6e-4)
    True
    """
    from lmt_lib import constraints, muon_beam, rates, scans, stats
    from lmt_lib.units import MeV

    Ms = positive_array("masses", masses, increasing=True)
    gg = positive_array("couplings", couplings, increasing=True)
    if experiments is None:
        keys = list(STRATEGY_EXPERIMENTS)
    elif isinstance(experiments, (list, tuple)):
        keys = list(experiments)
        for key in keys:
            if not isinstance(key, str) or key not in STRATEGY_EXPERIMENTS:
                raise ValueError(f"experiments: unknown experiment {key!r}; expected some of "
                                 f"{list(STRATEGY_EXPERIMENTS)}")
    else:
        raise ValueError(f"experiments={experiments!r} must be a list of names from {list(STRATEGY_EXPERIMENTS)}")
    scans.charges_of(model_name)
    stats.delta_chi2_threshold(cl, dof=1)
    out = {}
    for key in keys:
        label, group, status = STRATEGY_EXPERIMENTS[key]
        if key.startswith(("NA64mu", "M3")):
            M, g = Ms, muon_beam.coupling_limit(key, Ms, model=model_name, cl=cl)
        elif key in ("COHERENT-CsI-2021", "CENNS-10-2020"):
            M, g = Ms, constraints.cevns_measurement_scan(key, Ms, gg, model_name=model_name, cl=cl).curve()
        elif key == "Borexino":
            light = Ms[Ms <= 200 * MeV]
            b = constraints.borexino_be7_bound(light, model_name=model_name, cl=cl)
            M, g = Ms, np.full(Ms.size, np.nan)
            g[np.isin(Ms, b.mass)] = b.g
        elif key in ("CCM", "ESS"):
            M, g = Ms, scans.exclusion_scan(rates.binned_templates(key, Ms), model_name, gg, cl=cl).curve()
        else:  # xenon NR + ER
            T = [rates.binned_templates(f"{key}-{ch}", Ms) for ch in ("NR", "ER")]
            M, g = Ms, scans.exclusion_scan(T, model_name, gg, cl=cl).curve()
        out[key] = ProbeCurve(key, label, group, status, "computed", np.asarray(M), np.asarray(g, dtype=float))
    return out


# ----------------------------------------------------------------------------------------------------------------
# The combination: all probes fitted together in (M, g, |eps|, r_tau)
# ----------------------------------------------------------------------------------------------------------------
def invisible_branching(masses, r_tau) -> np.ndarray:
    r""":math:`{\rm BR}(A'\to\nu\bar\nu)` for muon charge 1 and τ-sector charge :math:`r_\tau`, shape (n_M, n_r).

    Tree-level widths (:func:`lmt_lib.model.invisible_branching_ratio`): :math:`\Gamma_{\nu\bar\nu}\propto
    (1+r_\tau^2)/24`, :math:`\Gamma_{\mu\mu}\propto(1+2m_\mu^2/M^2)\sqrt{1-4m_\mu^2/M^2}/12` above :math:`2m_\mu`
    (the τ pair channel is closed below 3.55 GeV).  Equal to 1 below :math:`2m_\mu` whatever :math:`r_\tau`.

    >>> from lmt_lib.units import MeV
    >>> invisible_branching([10 * MeV, 300 * MeV], [-1.0, 0.0]).round(3).tolist()
    [[1.0, 1.0], [0.53, 0.361]]
    """
    Ms = positive_array("masses", masses, max_ndim=1)
    r = finite_array("r_tau", r_tau).ravel()
    out = np.empty((Ms.size, r.size))
    for i, M in enumerate(Ms):
        for j, rt in enumerate(r):
            A = _model.HiddenPhoton("tau-ratio", (0.0, 1.0, rt, 0.0, 1.0, rt), float(M), 1.0, epsilon=-1e-2)
            out[i, j] = _model.invisible_branching_ratio(A)
    return out


@dataclass(frozen=True, eq=False)
class CombinedFit:
    r"""Δχ² of every probe on a grid of :math:`(M, g, |\varepsilon|, r_\tau)` against Asimov data of a benchmark.

    Attributes
    ----------
    masses, g, eps, r_tau : ndarray
        The grid axes (masses in GeV; :math:`|\varepsilon|`; :math:`r_\tau = Q'_\tau/Q'_\mu`).
    chi2 : dict
        Probe name -> array of shape (n_M, n_g, n_eps, n_r), each minus nothing (raw Poisson deviance).
    benchmark : dict
        The true point: ``mass``, ``g``, ``eps``, ``r_tau``.
    """

    masses: np.ndarray
    g: np.ndarray
    eps: np.ndarray
    r_tau: np.ndarray
    chi2: dict
    benchmark: dict = field(default_factory=dict)

    AXES = ("mass", "g", "eps", "r_tau")

    def delta(self, probes=None) -> np.ndarray:
        """Δχ² (from the grid minimum) of the sum of the chosen probes (default all)."""
        if probes is None:
            names = list(self.chi2)
        elif isinstance(probes, (list, tuple)):
            names = list(probes)
        else:
            raise ValueError(f"probes={probes!r} must be a list of names from {list(self.chi2)}")
        unknown = [n for n in names if not isinstance(n, str) or n not in self.chi2]
        if unknown or not names:
            raise ValueError(f"probes {unknown or names!r} not in {list(self.chi2)}")
        tot = sum(self.chi2[n] for n in names)
        return tot - np.min(tot)

    def _axis(self, name: str, arg: str) -> int:
        if not isinstance(name, str) or name not in self.AXES:
            raise ValueError(f"{arg}={name!r}: the axis must be one of {self.AXES}")
        return self.AXES.index(name)

    def profile(self, keep, probes=None) -> np.ndarray:
        """Δχ² profiled (minimised) over every axis not in ``keep`` (a name or a pair of names)."""
        if isinstance(keep, str):
            keep = (keep,)
        elif not isinstance(keep, (list, tuple)) or not keep:
            raise ValueError(f"keep={keep!r} must be an axis name or a list of them, from {self.AXES}")
        idx = [self._axis(k, "keep") for k in keep]
        if len(set(idx)) != len(idx):
            raise ValueError(f"keep={keep!r} names an axis twice")
        d = self.delta(probes)
        other = tuple(i for i in range(4) if i not in idx)
        prof = np.min(d, axis=other) if other else d
        if len(idx) == 2 and idx[0] > idx[1]:
            prof = prof.T
        return prof

    def interval(self, name: str, probes=None, level: float = 1.0):
        """(low, high) of the grid values with profiled Δχ² < ``level`` (1: 68 % CL for one parameter).

        An end that touches the edge of the grid is returned as ``None`` (unconstrained within the grid).
        """
        self._axis(name, "name")
        level = positive("level", level)
        axis = getattr(self, "masses" if name == "mass" else name)
        prof = self.profile(name, probes)
        inside = np.flatnonzero(prof < level)
        lo = None if inside[0] == 0 else float(axis[inside[0]])
        hi = None if inside[-1] == axis.size - 1 else float(axis[inside[-1]])
        return lo, hi


def _muon_chi2(experiment, Ms, gg, rr, M0, g0, r0):
    """Poisson deviance of the muon-beam spectrum: counts g² BR(M, r) T(M) against the benchmark's."""
    from lmt_lib import muon_beam

    T = muon_beam.spectrum_templates(experiment, Ms)  # (n_M, n_bins)
    b = muon_beam.background_per_bin(experiment)
    br = invisible_branching(Ms, rr)  # (n_M, n_r)
    T0 = muon_beam.spectrum_templates(experiment, [M0])[0]
    data = g0**2 * invisible_branching([M0], [r0])[0, 0] * T0 + b
    mu = gg[None, :, None, None] ** 2 * br[:, None, :, None] * T[:, None, None, :] + b  # (M, g, r, bins)
    q = np.asarray(_stats.poisson_deviance(np.broadcast_to(data, mu.shape), mu), dtype=float)
    return q  # (n_M, n_g, n_r)


def _template_chi2(templates, Ms, x, rr, i0, x0, r0, flux_sigmas):
    """Profiled Poisson deviance of binned-template experiments for signed couplings x and τ charges r.

    Returns shape (n_M, n_x, n_r); nuisances of each experiment (its flux components and normalisation) are
    profiled separately, as in :mod:`lmt_lib.scans`.
    """
    from lmt_lib.scans import _nuisance_list

    out = np.zeros((Ms.size, x.size, rr.size))
    for t in templates:
        data = t.component_counts([0.0, 1.0, r0], [x0], i0)[0].sum(axis=0) + t.background
        for i in range(Ms.size):
            for j, r in enumerate(rr):
                comp = t.component_counts([0.0, 1.0, r], x, i)
                alt = comp.sum(axis=-2) + t.background
                nuis = _nuisance_list(t, comp, flux_sigmas or {})
                out[i, :, j] += _stats.exclusion_test_statistic(alt, data, nuis or None)
    return out


def _detector_list(name: str, value, kind: str) -> tuple:
    """A list of registry names (or Detector objects) of ``kind``; empty leaves the probe out."""
    from lmt_lib import detectors

    if not isinstance(value, (list, tuple)):
        raise ValueError(f"{name}={value!r} must be a list of {kind} detector names (empty to leave it out)")
    for d in value:
        det = detectors.DETECTORS.get(d) if isinstance(d, str) else d
        if not isinstance(det, detectors.Detector) or det.kind != kind:
            raise ValueError(f"{name}: {d!r} is not a {kind} detector of the registry")
    return tuple(value)


def combined_reconstruction(benchmark, masses, g, eps, r_tau, muon_beam_experiment: str = "NA64mu-1e12",
                            spallation=("CCM", "ESS"), xenon=("DARWIN-low-NR", "DARWIN-low-ER"),
                            flux_sigmas=None, oscillation=None) -> CombinedFit:
    r"""Fit Asimov data of a benchmark with all probes together: Δχ² on a grid of :math:`(M, g, |\varepsilon|, r_\tau)`.

    The template structure of each probe (arXiv:2104.03297; this library's conventions):

    - muon beam: :math:`N_i = g^2\,{\rm BR}_{\rm inv}(M, r_\tau)\,T_i(M) + b_i` (:func:`invisible_branching`);
    - spallation CEvNS (ν_e, ν_μ, ν̄_μ only): :math:`N_i = N^{\rm SM}_i + x\,I_i(M) + x^2B_i(M)` with the ν_μ charge
      1 and :math:`x = g\varepsilon` (ε negative in the library's sign convention: the loop sign);
    - xenon NR and ER (solar ν_e, ν_μ, ν_τ): the same with charges :math:`(0, 1, r_\tau)` per flavour.

    Each probe's statistic is the Poisson deviance against the benchmark's counts, with its flux and
    normalisation nuisances profiled (``flux_sigmas``, e.g. ``{"8B": 0.12}``); the probes are independent, so
    their Δχ² add (:meth:`CombinedFit.delta`).

    Parameters
    ----------
    benchmark : dict
        ``mass`` (GeV, must be on the mass grid), ``g``, ``eps`` (:math:`|\varepsilon|`) and ``r_tau``.
    masses, g, eps, r_tau : array_like
        The grid (masses and couplings increasing and > 0; r_tau increasing).
    muon_beam_experiment : str
    spallation, xenon : sequence of str
        Detector names (empty to leave a probe out).
    flux_sigmas : dict, optional
    oscillation : OscillationParameters or str, optional
        Solar oscillation parameters of the xenon templates (default: the library's default preset).  The
        :math:`\nu_\mu`/:math:`\nu_\tau` split of solar neutrinos depends on :math:`\theta_{23}` and
        :math:`\delta_{CP}`, and so does how well :math:`r_\tau` is measured.

    Returns
    -------
    CombinedFit

    Examples
    --------
    >>> import numpy as np
    >>> from lmt_lib.units import MeV
    >>> bm = {"mass": 10 * MeV, "g": 5e-4, "eps": 5e-4 / 69.3, "r_tau": -1.0}
    >>> fit = combined_reconstruction(bm, [10 * MeV], np.geomspace(3e-4, 8e-4, 9), np.geomspace(2e-6, 2e-5, 9),
    ...                               np.linspace(-2, 1, 7), spallation=(), xenon=())
    >>> fit.interval("eps", ["muon beam"])  # a muon beam alone says nothing about epsilon
    (None, None)
    """
    from lmt_lib import muon_beam, rates, scans
    from lmt_lib.fluxes import solar

    Ms = positive_array("masses", masses, increasing=True)
    gg = positive_array("g", g, increasing=True)
    ee = positive_array("eps", eps, increasing=True)
    rr = finite_array("r_tau", r_tau).ravel()
    if rr.size < 2 or np.any(np.diff(rr) <= 0):
        raise ValueError(f"r_tau={r_tau!r} must be a finite, strictly increasing grid of at least 2 values")
    keys = ("mass", "g", "eps", "r_tau")
    bm = known_keys("benchmark", benchmark, keys)
    if set(bm) != set(keys):
        raise ValueError(f"benchmark={benchmark!r} must be a dict with numbers 'mass', 'g', 'eps', 'r_tau'")
    M0, g0, e0, r0 = (real(f"benchmark[{k!r}]", bm[k]) for k in keys)
    if muon_beam_experiment:
        muon_beam._experiment(muon_beam_experiment)
    spallation = _detector_list("spallation", spallation, "spallation")
    xenon = _detector_list("xenon", xenon, "solar")
    allowed = (rates.SPALLATION_COMPONENTS if spallation else ()) + (tuple(solar.COMPONENTS) if xenon else ())
    flux_sigmas = scans._check_flux_sigmas(flux_sigmas, allowed)
    rates._osc_params(oscillation)
    hit = np.flatnonzero(np.isclose(Ms, M0, rtol=1e-9, atol=0.0))
    if hit.size == 0:
        raise ValueError(f"the benchmark mass {M0!r} GeV must be one of the grid masses")
    i0 = int(hit[0])
    sign = math.copysign(1.0, _model.lmu_ltau(M0, 1.0).eps0)  # the loop sign of epsilon in this library
    x = sign * (gg[:, None] * ee[None, :]).ravel()  # (n_g * n_eps,)
    x0 = sign * g0 * e0
    n = (Ms.size, gg.size, ee.size, rr.size)
    chi2 = {}
    if muon_beam_experiment:
        q = _muon_chi2(muon_beam_experiment, Ms, gg, rr, M0, g0, r0)
        chi2["muon beam"] = np.broadcast_to(q[:, :, None, :], n).copy()
    for name, dets in (("spallation CEvNS", spallation), ("xenon NR + ER", xenon)):
        if not dets:
            continue
        opts = {"oscillation": oscillation} if name == "xenon NR + ER" else {}
        T = [rates.binned_templates(d, Ms, **opts) for d in dets]
        q = _template_chi2(T, Ms, x, rr, i0, x0, r0, flux_sigmas)
        chi2[name] = q.reshape(n)
    if not chi2:
        raise ValueError("no probe selected: muon_beam_experiment, spallation and xenon are all empty")
    return CombinedFit(Ms, gg, ee, rr, chi2, {"mass": M0, "g": g0, "eps": e0, "r_tau": r0})


def excluded_by_data(curves, masses, g, bound_names=None) -> np.ndarray:
    r"""True where a coupling :math:`g(M)` lies above any limit from data: the ``status="data"`` curves of
    :func:`probe_curves` (interpolated in :math:`(\ln M, \ln g)`; nothing excluded outside a curve's masses) and the
    published curves of :mod:`lmt_lib.constraints` (``bound_names``; default all quoted ones).

    Parameters
    ----------
    curves : dict
        From :func:`probe_curves`.
    masses : array_like
        Masses (GeV).
    g : array_like
        Couplings, one per mass (e.g. the centre of a (g−2) band).

    Examples
    --------
    >>> import numpy as np
    >>> from lmt_lib.units import MeV
    >>> c = probe_curves(np.array([10.0, 100.0]) * MeV, np.geomspace(1e-5, 1e-1, 40), ["NA64mu-2022"])
    >>> excluded_by_data(c, np.array([10.0, 10.0]) * MeV, [5e-4, 6e-4], bound_names=[]).tolist()
    [False, True]
    """
    from lmt_lib import constraints

    if not isinstance(curves, dict) or not all(isinstance(c, ProbeCurve) for c in curves.values()):
        raise ValueError(f"curves={curves!r} must be the dict of ProbeCurve of probe_curves")
    Ms = positive_array("masses", masses)
    g_arr = finite_coupling(g, "g", non_negative=True)
    try:
        gg = np.broadcast_to(np.asarray(g_arr, dtype=float), Ms.shape)
    except ValueError:
        raise ValueError(f"g has shape {np.shape(g_arr)}, which does not broadcast to masses {Ms.shape}") from None
    if bound_names is not None:
        if not isinstance(bound_names, (list, tuple)):
            raise ValueError(f"bound_names={bound_names!r} must be a list of names from {list(constraints.BOUNDS)}")
        for n in bound_names:
            choice("bound_names entry", n, tuple(constraints.BOUNDS))
    out = np.zeros(Ms.shape, dtype=bool)
    for c in curves.values():
        ok = np.isfinite(c.g)
        if c.status != "data" or ok.sum() < 2:
            continue
        curve = constraints.Bound(c.key, c.label, "computed", c.masses[ok], c.g[ok], label=c.label)  # for excludes
        out |= curve.excludes(Ms, gg)  # log-log interpolation, nothing excluded outside the curve's masses
    names = [b.name for b in constraints.BOUNDS.values() if b.kind == "quoted"] if bound_names is None \
        else list(bound_names)
    for n in names:
        out |= np.asarray(constraints.get_bound(n).excludes(Ms, gg), dtype=bool)
    return out
