r"""Parameter-space scans in :math:`(M_{A'}, g)` or :math:`(M_{A'}, g\varepsilon)`, vectorised over the coupling.

Every scan uses the template convention of :mod:`lmt_lib.rates`: the binned counts of an experiment are
:math:`N = N_{\rm SM} + x\,I(M) + x^2 B(M)` per flavour, with :math:`x = g\varepsilon`.  Templates are evaluated
**once per mass**; all couplings at that mass are array operations, and the test statistics of
:mod:`lmt_lib.stats` are vectorised over the hypotheses.

Scans return a :class:`ScanResult` (the grid, the test statistic, the level it is compared with, and contour
helpers) that :mod:`lmt_lib.plotting` draws.

The coupling axis is either the gauge coupling g (then :math:`x = \kappa g^2` with :math:`\kappa=\varepsilon/g`
of the model: :math:`\varepsilon_0/g = -1/69.3` for Lμ−Lτ) or the product :math:`g\varepsilon` itself
(``coupling="g_eps"``), which is what π-DAR CEvNS measures.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np

from lmt_lib import model as _model
from lmt_lib import stats as _stats
from lmt_lib._validation import finite_coupling, known_keys, positive, positive_array

#: how the coupling axis of a scan is read
COUPLINGS: tuple[str, ...] = ("g", "g_eps")


@dataclass(frozen=True, eq=False)
class ScanResult:
    r"""A scan over a grid of masses and couplings.

    Attributes
    ----------
    masses : ndarray, shape (n_M,)
        Mediator masses (GeV).
    couplings : ndarray, shape (n_g,)
        Couplings (g, or g·ε when :attr:`coupling` is ``"g_eps"``).
    statistic : ndarray, shape (n_M, n_g)
        The test statistic q (or Z for discovery scans, see :attr:`kind`).
    level : float
        The value of :attr:`statistic` that defines the contour (e.g. 2.71 for a 90 % CL exclusion).
    kind : str
        ``"exclusion"`` (q; excluded where q > level), ``"discovery"`` (Z; discovered where Z > level) or
        ``"reconstruction"`` (Δq from the best fit; allowed where Δq < level).
    coupling : str
        ``"g"`` or ``"g_eps"``.
    label : str
        What was scanned (experiments, benchmark), for legends.
    """

    masses: np.ndarray
    couplings: np.ndarray
    statistic: np.ndarray
    level: float
    kind: str
    coupling: str = "g"
    label: str = ""
    meta: dict = field(default_factory=dict)

    def inside(self) -> np.ndarray:
        """Boolean grid: excluded (exclusion), discovered (discovery) or allowed (reconstruction)."""
        if self.kind == "reconstruction":
            return self.statistic < self.level
        return self.statistic > self.level

    def curve(self) -> np.ndarray:
        r"""For each mass, the smallest coupling at which the statistic crosses :attr:`level`.

        Interpolated linearly in (log g, log statistic) between grid points, which is exact for the power laws
        of the physics (q ∝ g⁴ in the BSM-dominated regime); NaN where it never crosses within the grid.
        For exclusion and discovery this is the sensitivity curve :math:`g(M)` (the statistic rises with the
        coupling).
        """
        out = np.full(self.masses.size, np.nan)
        lg = np.log(self.couplings)
        for i, row in enumerate(self.statistic):
            above = np.flatnonzero(row > self.level)
            if above.size == 0:
                continue
            j = above[0]
            if j == 0:
                out[i] = self.couplings[0]
                continue
            y0, y1 = row[j - 1], row[j]
            if y0 > 0 and self.level > 0:  # log-log: exact for the power laws q ~ g^2 or g^4 of the physics
                t = math.log(self.level / y0) / math.log(y1 / y0)
            else:
                t = (self.level - y0) / (y1 - y0) if y1 != y0 else 0.0
            out[i] = math.exp(lg[j - 1] + t * (lg[j] - lg[j - 1]))
        return out


def _grid(name, values) -> np.ndarray:
    return positive_array(name, values, increasing=True)


def _check_coupling_kind(coupling: str) -> str:
    if coupling not in COUPLINGS:
        raise ValueError(f"coupling={coupling!r} must be one of {COUPLINGS}")
    return coupling


def coupling_products(model_name: str, couplings, coupling: str = "g") -> np.ndarray:
    r"""The coupling products :math:`x = g\varepsilon` for a grid of couplings.

    For ``coupling="g"``: :math:`x = \kappa g^2` with :math:`\kappa = \varepsilon_0/g` of the named model (its
    loop-induced mixing; the Lμ model with the default cut-off :math:`\Lambda=m_\tau`).  For ``"g_eps"`` the grid
    holds :math:`|g\varepsilon|` and the sign is that of the loop-induced mixing (negative in the library's
    convention, :mod:`lmt_lib.model`: destructive ν_μ interference in CEvNS).

    >>> round(float(coupling_products("Lmu-Ltau", [1e-3])[0] * 1e8), 4)
    -1.4433
    >>> float(coupling_products("Lmu-Ltau", [2e-8], coupling="g_eps")[0])
    -2e-08
    """
    g = finite_coupling(couplings, "couplings", non_negative=True)
    kappa = _model.model(_check_model_name(model_name), 1.0, 1.0).eps0
    if _check_coupling_kind(coupling) == "g_eps":
        return math.copysign(1.0, kappa) * g
    return kappa * g * g


def _check_model_name(model_name) -> str:
    if not isinstance(model_name, str) or model_name not in _model.MODEL_CHARGES:
        raise ValueError(f"unknown model_name {model_name!r}; expected one of {sorted(_model.MODEL_CHARGES)}")
    return model_name


def charges_of(model_name: str) -> np.ndarray:
    """The neutrino charges (ν_e, ν_μ, ν_τ) of a named model."""
    return np.array(_model.MODEL_CHARGES[_check_model_name(model_name)][3:], dtype=float)


def _check_flux_sigmas(flux_sigmas, components) -> dict:
    """``{component: fractional sigma}`` with known component names and finite sigmas > 0 (or None: no priors)."""
    if flux_sigmas is None:
        return {}
    out = known_keys("flux_sigmas", flux_sigmas, components)
    for k, v in out.items():
        positive(f"flux_sigmas[{k!r}]", v)
    return out


def _check_label(label) -> str:
    if not isinstance(label, str):
        raise ValueError(f"label={label!r} must be a string")
    return label


def _as_list(templates):
    from lmt_lib.rates import Templates

    if isinstance(templates, Templates):
        return [templates]
    if isinstance(templates, (str, bytes)) or not hasattr(templates, "__iter__"):
        raise ValueError(f"templates={templates!r} must be a rates.Templates or a non-empty sequence of them")
    items = list(templates)
    if not items or not all(isinstance(t, Templates) for t in items):
        raise ValueError("templates must be a rates.Templates or a non-empty sequence of them")
    return items


def _same_masses(items):
    M = items[0].masses
    for t in items[1:]:
        if t.masses.shape != M.shape or not np.allclose(t.masses, M, rtol=1e-12):
            raise ValueError("all templates of a scan must be built on the same mass grid")
    return M


class _Progress:
    """A tqdm bar that appears only when a scan runs longer than ~2 s."""

    def __init__(self, total: int, desc: str):
        self.total, self.desc, self.n = total, desc, 0
        self.t0 = time.perf_counter()
        self.bar = None

    def update(self):
        self.n += 1
        if self.bar is None and time.perf_counter() - self.t0 > 2.0 and self.n < self.total:
            from tqdm.auto import tqdm

            self.bar = tqdm(total=self.total, desc=self.desc, initial=self.n, leave=False)
        elif self.bar is not None:
            self.bar.update(1)

    def close(self):
        if self.bar is not None:
            self.bar.close()


def _nuisance_list(t, counts_by_component, flux_sigmas):
    """Per-experiment nuisances: each named component group scales its own counts (a list of (T, sigma))."""
    out = []
    for comp, sigma in flux_sigmas.items():
        idx = [i for i, n in enumerate(t.component_names) if n == comp]
        if idx:
            out.append((counts_by_component[..., idx, :].sum(axis=-2), sigma))
    if t.norm_sigma:
        out.append((counts_by_component.sum(axis=-2), t.norm_sigma))
    return out


def _statistic_for_mass(items, i, charges, x, kind, data=None, flux_sigmas=None):
    """Test statistic at mass index i for all couplings x (n_g,), summed over experiments.

    Each experiment's nuisances (its flux-component normalisations and its overall normalisation) are profiled
    separately (no sharing across experiments).
    """
    total = np.zeros(x.size)
    for k, t in enumerate(items):
        comp = t.component_counts(charges, x, mass_index=i)  # (n_g, n_comp, n_bins), background excluded
        alt = comp.sum(axis=-2) + t.background
        null_comp = t.sm_components()
        null = t.sm_counts()
        fs = flux_sigmas or {}
        if kind == "exclusion":
            nuis = _nuisance_list(t, comp, fs)
            total += _stats.exclusion_test_statistic(alt, null, nuis or None)
        elif kind == "discovery":
            nuis = _nuisance_list(t, null_comp, fs)
            q = _stats.discovery_significance(alt, null, nuis or None) ** 2
            total += q
        else:  # reconstruction: Asimov data of a benchmark, fitted with each grid point
            nuis = _nuisance_list(t, comp, fs)
            total += _stats.exclusion_test_statistic(alt, data[k], nuis or None)
    return total


def _scan_rows(items, n_masses, charges, x, kind, desc, data=None, flux_sigmas=None) -> np.ndarray:
    """The statistic for every mass (rows) and coupling (columns), with a progress bar for long scans."""
    out = np.empty((n_masses, x.size))
    prog = _Progress(n_masses, desc)
    for i in range(n_masses):
        out[i] = _statistic_for_mass(items, i, charges, x, kind, data=data, flux_sigmas=flux_sigmas)
        prog.update()
    prog.close()
    return out


def exclusion_scan(templates, model_name: str, couplings, cl: float = 0.9, coupling: str = "g",
                   flux_sigmas=None, label: str = "") -> ScanResult:
    r"""Expected exclusion (Asimov SM data) over a (mass, coupling) grid, one or several experiments combined.

    q(M, g), the binned Poisson likelihood ratio (Cowan et al., arXiv:1007.1727), with the SM as data, summed over
    experiments (:func:`lmt_lib.stats.combine`);
    excluded at ``cl`` where q > the 1-dof χ² quantile (2.71 at 90 %; a 1-d test in g at fixed M; Wilks' theorem).

    Parameters
    ----------
    templates : rates.Templates or sequence of them
        Binned templates of each experiment, on a common mass grid.
    model_name : {"Lmu-Ltau", "Lmu"}
        Which charges (and which loop mixing, for ``coupling="g"``).
    couplings : array
        The coupling grid (increasing).
    flux_sigmas : dict, optional
        Fractional priors of flux-component normalisations to profile, e.g. ``{"8B": 0.12}``.
    """
    items = _as_list(templates)
    M = _same_masses(items)
    gg = _grid("couplings", couplings)
    x = coupling_products(model_name, gg, coupling)
    Q = charges_of(model_name)
    level = _stats.delta_chi2_threshold(cl, 1)
    flux_sigmas = _check_flux_sigmas(flux_sigmas, {c for t in items for c in t.component_names})
    _check_label(label)
    q = _scan_rows(items, M.size, Q, x, "exclusion", "exclusion scan", flux_sigmas=flux_sigmas)
    return ScanResult(M, gg, q, level, "exclusion", coupling, label or " + ".join(t.name for t in items))


def discovery_scan(templates, model_name: str, couplings, z: float = 5.0, coupling: str = "g",
                   flux_sigmas=None, label: str = "") -> ScanResult:
    r"""Median discovery significance Z(M, g) of the model over the SM (Asimov data of the model).

    Excesses and deficits both count (Cowan et al., arXiv:1007.1727, Asimov data).  The statistic is Z (combined as
    :math:`\sqrt{\sum_k Z_k^2}` over
    independent experiments); :meth:`ScanResult.curve` gives the Z = ``z`` contour.
    """
    items = _as_list(templates)
    M = _same_masses(items)
    gg = _grid("couplings", couplings)
    x = coupling_products(model_name, gg, coupling)
    Q = charges_of(model_name)
    z = positive("z", z)
    flux_sigmas = _check_flux_sigmas(flux_sigmas, {c for t in items for c in t.component_names})
    _check_label(label)
    Z = np.sqrt(_scan_rows(items, M.size, Q, x, "discovery", "discovery scan", flux_sigmas=flux_sigmas))
    return ScanResult(M, gg, Z, float(z), "discovery", coupling, label or " + ".join(t.name for t in items))


def reconstruction_scan(templates, benchmark: _model.HiddenPhoton, couplings, model_name: str | None = None,
                        coupling: str = "g", flux_sigmas=None, label: str = "") -> ScanResult:
    r"""Δq(M, g) of each grid point against Asimov data of a benchmark point: the reconstructed region.

    The benchmark's counts (the Asimov data) are computed at its own mass: from the templates if that mass is on
    the grid, otherwise from templates built for it.  The regions are
    Δq < 2.30 (1σ) and < 6.18 (2σ) for two parameters (:func:`lmt_lib.stats.delta_chi2_threshold`).
    """
    items = _as_list(templates)
    M = _same_masses(items)
    gg = _grid("couplings", couplings)
    if not isinstance(benchmark, _model.HiddenPhoton):
        raise ValueError(f"benchmark={benchmark!r} must be a lmt_lib.model.HiddenPhoton")
    name = benchmark.name if model_name is None else model_name
    x = coupling_products(name, gg, coupling)
    Q = charges_of(name)
    flux_sigmas = _check_flux_sigmas(flux_sigmas, {c for t in items for c in t.component_names})
    _check_label(label)
    data = [t.counts_at(benchmark) for t in items]
    q = _scan_rows(items, M.size, Q, x, "reconstruction", "reconstruction scan", data=data, flux_sigmas=flux_sigmas)
    q = q - np.nanmin(q)
    return ScanResult(M, gg, q, _stats.delta_chi2_threshold(sigma=2, dof=2), "reconstruction", coupling,
                      label or " + ".join(t.name for t in items), {"benchmark": benchmark})


def threshold_exposure_map(detector, alt_model: _model.HiddenPhoton, null_model, thresholds, exposures,
                           flux_sigmas=None, **template_kwargs) -> ScanResult:
    r"""Median significance of ``alt_model`` over ``null_model`` on a (threshold, exposure) grid (our discovery
    analysis for the question of arXiv:2104.03297).

    The detector's threshold is lowered or raised with :meth:`~lmt_lib.detectors.Detector.with_threshold`
    (efficiency shifted in log E, as in the authors' public code); counts scale linearly with the exposure, so
    templates are built once per threshold.
    ``null_model`` is a HiddenPhoton (e.g. the Lμ model at the same M, g, ε) or None for the SM.

    Returns a :class:`ScanResult` whose ``masses`` axis holds the thresholds and ``couplings`` the exposures
    (``kind="discovery"``, level 5).
    """
    from lmt_lib import detectors, rates

    detector = detectors.get_detector(detector) if isinstance(detector, str) else detector
    if not isinstance(detector, detectors.Detector):
        raise ValueError(f"detector={detector!r} must be a Detector or a registry name of one")
    if not isinstance(alt_model, _model.HiddenPhoton):
        raise ValueError(f"alt_model={alt_model!r} must be a lmt_lib.model.HiddenPhoton")
    if null_model is not None and not isinstance(null_model, _model.HiddenPhoton):
        raise ValueError(f"null_model={null_model!r} must be a lmt_lib.model.HiddenPhoton or None (the SM)")
    th = _grid("thresholds", thresholds)
    ex = _grid("exposures", exposures)
    names = rates.SPALLATION_COMPONENTS if detector.kind == "spallation" else _solar_names()
    flux_sigmas = _check_flux_sigmas(flux_sigmas, names)
    Z = np.empty((th.size, ex.size))
    for i, e_th in enumerate(th):
        det = detector.with_threshold(float(e_th))
        t = rates.binned_templates(det, [alt_model.mass], **template_kwargs)
        alt_c = t.component_counts_for(alt_model)
        null_c = t.component_counts_for(null_model) if null_model is not None else t.sm_components()
        scale = ex / t.exposure
        for j, s in enumerate(scale):
            alt = s * (alt_c.sum(axis=0) + t.background)
            null = s * (null_c.sum(axis=0) + t.background)
            nuis = _nuisance_list(t, s * null_c, flux_sigmas)
            Z[i, j] = _stats.discovery_significance(alt, null, nuis or None)
    return ScanResult(th, ex, Z, 5.0, "discovery", "exposure", f"{detector.name}: {alt_model.name} vs "
                      f"{null_model.name if null_model is not None else 'SM'}")


def _solar_names() -> tuple[str, ...]:
    from lmt_lib.fluxes import solar

    return solar.COMPONENTS
