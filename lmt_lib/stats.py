r"""Binned Poisson statistics: deviance, Asimov data, discovery significance, exclusion, Δχ² levels, toys.

Conventions (Cowan et al., arXiv:1007.1727; used for the muon-beam, spallation and direct-detection analyses):

- The **Poisson deviance** of observed (or Asimov) counts :math:`n_i` against expected counts :math:`\mu_i` is

  .. math::
      q = 2\sum_i\big[\mu_i - n_i + n_i\ln(n_i/\mu_i)\big] + \sum_k(\theta_k/\sigma_k)^2,

  with :math:`n_i\ln(n_i/\mu_i)\to0` for :math:`n_i=0` (the authors' ``Llik_ratio`` plus Gaussian pulls).
- **Nuisance parameters** are normalisations acting linearly on given per-bin templates of the *fitted*
  hypothesis, :math:`\mu_i(\theta)=\mu_i+\sum_k\theta_k T_{ki}`, with Gaussian priors of width :math:`\sigma_k`.
  They are passed as ``nuisances=[(T_1, sigma_1), (T_2, sigma_2), ...]``: e.g. ``[(null_8B, 0.12)]`` scales the
  ⁸B part of the null by :math:`1+\theta` with a 12 % prior (B16).  Because :math:`\mu` is linear in
  :math:`\theta`, :math:`q(\theta)` is convex and is profiled by a damped Newton iteration vectorised over many
  hypotheses at once (see :func:`profile_nuisances`).
- **Asimov data** are the expected counts of the true hypothesis; the median significance is
  :math:`Z=\sqrt{\min_\theta q}` (Cowan, Cranmer, Gross, Vitells, EPJC 71 (2011) 1554, arXiv:1007.1727, Eq. 97 for
  one bin).
- **Combination** of independent experiments: add their :math:`q` (:func:`combine`).  When a nuisance is *shared*
  (the solar fluxes seen by two detectors), concatenate the bins of the experiments along the last axis and give
  one template spanning all of them: **concatenation is the combination**, and the shared nuisance is profiled
  once.

Every array argument is "counts per bin" along its **last** axis; leading axes enumerate hypotheses (a scan), so
``expected_alt`` of shape ``(n_points, n_bins)`` against ``expected_null`` of shape ``(n_bins,)`` returns
``n_points`` values.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import special, stats

from lmt_lib._kernels import jit
from lmt_lib._validation import choice, count, finite_array, flag, grid_size, real, real_array

__all__ = [
    "poisson_deviance",
    "asimov",
    "profile_nuisances",
    "ProfileResult",
    "discovery_significance",
    "exclusion_test_statistic",
    "excluded",
    "delta_chi2_threshold",
    "poisson_upper_limit",
    "chi2_gaussian",
    "combine",
    "toy_significances",
    "ToySignificances",
    "p_value_to_z",
    "z_to_p_value",
]


# ----------------------------------------------------------------------------------------------------------------
# Kernels: one deviance term, and the row sums
# ----------------------------------------------------------------------------------------------------------------
@jit
def _deviance_term1(n, mu):
    r"""One bin of the Poisson deviance, :math:`\mu - n + n\ln(n/\mu)` (Cowan et al., arXiv:1007.1727), for n >= 0.

    Written as :math:`\mu\,h(x)` with :math:`x=(n-\mu)/\mu` and :math:`h(x)=(1+x)\ln(1+x)-x`; for :math:`|x|<0.1`
    the series :math:`h(x)=\sum_{k\ge2}(-1)^k x^k/(k(k-1))` (16 terms, relative truncation below 1e-16) avoids the
    cancellation of the direct formula when n ≈ μ.  Returns +inf for μ < 0, or for μ = 0 with n > 0.
    """
    if mu < 0.0:
        return np.inf
    if n == 0.0:
        return mu
    if mu == 0.0:
        return np.inf
    x = (n - mu) / mu
    if abs(x) < 0.1:
        h = 0.0
        p = x * x
        sign = 1.0
        for k in range(2, 18):
            h += sign * p / (k * (k - 1.0))
            p *= x
            sign = -sign
        return mu * h
    # difference of logs: n/mu may underflow (subnormal n) or overflow (tiny mu); |ln n - ln mu| >= 0.095 here
    return n * (math.log(n) - math.log(mu)) - n + mu


@jit
def _deviance_rows(n, mu):
    """Row sums of 2*(deviance terms) for 2-d arrays n, mu of shape (n_rows, n_bins)."""
    rows, bins = n.shape
    out = np.empty(rows)
    for r in range(rows):
        acc = 0.0
        for b in range(bins):
            acc += _deviance_term1(n[r, b], mu[r, b])
        out[r] = 2.0 * acc
    return out


# ----------------------------------------------------------------------------------------------------------------
# Validation helpers
# ----------------------------------------------------------------------------------------------------------------
def _as_counts(name: str, x, *, allow_negative: bool = False) -> np.ndarray:
    arr = np.atleast_1d(real_array(name, x))
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (no NaN or inf); got {x!r}")
    if not allow_negative and np.any(arr < 0):
        raise ValueError(f"{name} must be >= 0 (expected or observed counts); got min {arr.min()!r}")
    return arr


def _same_bins(names, values) -> None:
    """The last (bin) axis of every array argument must have the same length: leading (hypothesis) axes may
    broadcast, bins may not (a 1-bin null against a 2-bin alternative is an error, not a broadcast).  Plain numbers
    (0-d) are exempt."""
    sizes = {n: np.shape(v)[-1] for n, v in zip(names, values, strict=True) if np.ndim(v) > 0}
    if len(set(sizes.values())) > 1:
        raise ValueError("inconsistent shapes: the bin axis (last) must have the same length in "
                         + ", ".join(f"{n} ({k} bins)" for n, k in sizes.items()))


def _broadcast(names, arrays):
    """Broadcast count arrays to one shape; ValueError naming the arguments when the shapes do not fit."""
    try:
        out = np.broadcast_arrays(*arrays)
    except ValueError:
        shapes = ", ".join(f"{n}{a.shape}" for n, a in zip(names, arrays, strict=True))
        raise ValueError(f"inconsistent shapes: {shapes} (bins along the last axis must match)") from None
    # copies: broadcast views are read-only (numba warns about them with numpy 2.0)
    return [np.array(a, dtype=float, order="C") for a in out]


def _check_cl(cl, name: str = "cl") -> float:
    v = real(name, cl)
    if not (0.0 < v < 1.0):
        raise ValueError(f"{name}={cl!r} must be a confidence level in (0, 1), e.g. 0.9")
    return v


def _check_dof(dof) -> int:
    return count("dof", dof, maximum=10_000)


def _unwrap(x):
    """0-d arrays become floats; others stay arrays."""
    x = np.asarray(x)
    return float(x) if x.ndim == 0 else x


# ----------------------------------------------------------------------------------------------------------------
# Deviance and Asimov data
# ----------------------------------------------------------------------------------------------------------------
def poisson_deviance(observed, expected):
    r"""The binned Poisson deviance :math:`q=2\sum_i[\mu_i-n_i+n_i\ln(n_i/\mu_i)]` (Cowan et al., arXiv:1007.1727; no
    pulls).

    Parameters
    ----------
    observed : array_like
        Counts :math:`n_i\ge0` along the last axis (need not be integers: Asimov data).
    expected : array_like
        Expected counts :math:`\mu_i\ge0`, broadcastable against ``observed``.

    Returns
    -------
    float or ndarray
        The sum over the last axis; :math:`n\ln(n/\mu)\to0` for :math:`n=0`.  A bin with :math:`\mu=0<n` gives
        +inf (such a hypothesis is infinitely disfavoured).

    Examples
    --------
    One bin, n = 15 against μ = 10: :math:`2[10-15+15\ln 1.5]`.

    >>> round(poisson_deviance([15.0], [10.0]), 4)
    2.164
    """
    n = _as_counts("observed", observed)
    mu = _as_counts("expected", expected)
    _same_bins(("observed", "expected"), (observed, expected))
    n, mu = _broadcast(("observed", "expected"), (n, mu))
    lead = n.shape[:-1]
    out = _deviance_rows(n.reshape(-1, n.shape[-1]), mu.reshape(-1, n.shape[-1]))
    return _unwrap(out.reshape(lead))


def asimov(expected):
    """The Asimov data set of a hypothesis: its expected counts, used as if observed (Cowan et al., arXiv:1007.1727).

    Cowan et al., EPJC 71 (2011) 1554, arXiv:1007.1727, Sec. 3.2.  Returns a float copy after validation.

    >>> asimov([2.5, 0.0, 1.0]).tolist()
    [2.5, 0.0, 1.0]
    """
    return _as_counts("expected", expected).copy()


# ----------------------------------------------------------------------------------------------------------------
# Profiling linear normalisation nuisances
# ----------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProfileResult:
    """The minimum over nuisances of q (:func:`profile_nuisances`).

    Attributes
    ----------
    q : float or ndarray
        :math:`\\min_\\theta[\\,\\text{deviance} + \\sum_k((\\theta_k-c_k)/\\sigma_k)^2]`, shape of the leading axes.
    theta : ndarray
        The profiled nuisances, shape ``leading + (K,)``.
    covariance : ndarray
        :math:`2\\,(\\partial^2 q/\\partial\\theta^2)^{-1}` at the minimum (q = −2 ln L), shape ``leading + (K, K)``.
    """

    q: object
    theta: np.ndarray
    covariance: np.ndarray


def _parse_nuisances(nuisances, name: str = "nuisances"):
    if nuisances is None:
        return [], np.zeros(0)
    if isinstance(nuisances, (str, bytes)):
        raise ValueError(f"{name}={nuisances!r} must be a list of (template, sigma) pairs")
    try:
        items = list(nuisances)
    except TypeError:
        raise ValueError(f"{name}={nuisances!r} must be a list of (template, sigma) pairs") from None
    templates, sigmas = [], []
    for i, item in enumerate(items):
        try:
            template, sigma = item
        except (TypeError, ValueError):
            raise ValueError(f"{name}[{i}] must be a (template, sigma) pair") from None
        templates.append(_as_counts(f"{name}[{i}] template", template, allow_negative=True))
        s = real(f"{name}[{i}] sigma", sigma)
        if s <= 0:
            raise ValueError(f"{name}[{i}] sigma={sigma!r} must be finite and > 0 (a Gaussian prior width)")
        sigmas.append(s)
    return templates, np.asarray(sigmas, dtype=float)


def _objective(n, mu, theta, centres, inv_s2):
    return _deviance_rows(n, mu) + np.sum((theta - centres) ** 2 * inv_s2, axis=-1)


def _grad_hess(n, mu, theta, centres, T, inv_s2):
    ok = (n > 0) & (mu > 0)  # mu = 0 < n only in rows whose q is +inf (not profiled): skip those bins
    r = np.divide(n, mu, out=np.zeros_like(n), where=ok)
    w = np.divide(r, mu, out=np.zeros_like(n), where=ok)
    grad = 2.0 * np.einsum("kpb,pb->pk", T, 1.0 - r) + 2.0 * (theta - centres) * inv_s2
    hess = 2.0 * np.einsum("kpb,lpb,pb->pkl", T, T, w)
    hess = hess + 2.0 * np.diag(inv_s2)[None, :, :]
    return grad, hess


def _newton(n, mu0, T, inv_s2, centres, max_iter: int = 200):
    """Minimise the convex q(θ) for every row of (n, mu0) at once; T has shape (K, P, B)."""
    P = n.shape[0]
    K = T.shape[0]
    theta = np.zeros((P, K))
    f = _objective(n, mu0, theta, centres, inv_s2)
    active = np.isfinite(f)
    for _ in range(max_iter):
        idx = np.flatnonzero(active)
        if idx.size == 0:
            break
        na, ta, ca, Ta = n[idx], theta[idx], centres[idx], T[:, idx]
        mua = mu0[idx] + np.einsum("pk,kpb->pb", ta, Ta)
        grad, hess = _grad_hess(na, mua, ta, ca, Ta, inv_s2)
        step = np.linalg.solve(hess, grad[..., None])[..., 0]
        decrement = np.einsum("pk,pk->p", grad, step)
        f_old = f[idx]
        alpha = np.ones(idx.size)
        accepted = np.zeros(idx.size, dtype=bool)
        new_theta = ta.copy()
        new_f = f_old.copy()
        for _ in range(60):  # backtracking: halve the step until q does not increase (and μ stays valid)
            pend = np.flatnonzero(~accepted)
            if pend.size == 0:
                break
            trial = ta[pend] - alpha[pend, None] * step[pend]
            mu_trial = mu0[idx[pend]] + np.einsum("pk,kpb->pb", trial, Ta[:, pend])
            f_trial = _objective(na[pend], mu_trial, trial, ca[pend], inv_s2)
            ok = f_trial <= f_old[pend]
            new_theta[pend[ok]] = trial[ok]
            new_f[pend[ok]] = f_trial[ok]
            accepted[pend[ok]] = True
            alpha[pend[~ok]] *= 0.5
        theta[idx] = new_theta
        f[idx] = new_f
        rel_step = np.max(np.abs(alpha[:, None] * step) * np.sqrt(inv_s2), axis=1)
        # converged: Newton decrement or step negligible, or q no longer changes at double precision (this last
        # case happens for astronomically large q, e.g. 1e11 at couplings far inside an excluded region)
        stalled = (f_old - new_f) <= 1e-15 * np.maximum(1.0, np.abs(f_old))
        done = (~accepted) | (decrement < 1e-20 * np.maximum(1.0, f_old)) | (rel_step < 1e-13) | stalled
        active[idx[done]] = False
    else:
        if np.any(active):  # pragma: no cover - the problem is convex; this guards against a silent wrong answer
            raise RuntimeError("nuisance profiling did not converge in 200 Newton steps")
    mu = mu0 + np.einsum("pk,kpb->pb", theta, T)
    _, hess = _grad_hess(n, mu, theta, centres, T, inv_s2)
    cov = 2.0 * np.linalg.inv(hess)
    return f, theta, cov


#: the profiling methods: the vectorised Newton iteration (default, fast) or iminuit's MIGRAD row by row (reference)
PROFILE_METHODS: tuple[str, ...] = ("newton", "minuit")


def _row_objective(n, mu0, T, inv_s2, centres):
    """q(theta) of one hypothesis, as a function of the nuisance vector alone (for MIGRAD)."""

    def fcn(th):
        mu = mu0 + np.asarray(th) @ T
        if np.any((mu <= 0.0) & (n > 0)):
            return 1e300  # outside the physical region: MIGRAD steps back
        return float(_objective(n[None], mu[None], np.asarray(th)[None], centres[None], inv_s2)[0])

    return fcn


def _minuit_rows(n, mu0, T, inv_s2, centres):
    """Profile every row with iminuit's MIGRAD (q = -2 ln L, so errordef 1): the reference for the Newton path."""
    from iminuit import Minuit

    P, K = centres.shape
    q = np.empty(P)
    theta = np.empty((P, K))
    cov = np.empty((P, K, K))
    for p in range(P):
        f0 = _objective(n[p][None], mu0[p][None], np.zeros((1, K)), centres[p][None], inv_s2)[0]
        if not np.isfinite(f0):  # as the Newton path: no normalisation can create counts where mu vanishes
            q[p], theta[p], cov[p] = np.inf, 0.0, 0.0
            continue

        fcn = _row_objective(n[p], mu0[p], T[:, p], inv_s2, centres[p])
        m = Minuit(fcn, np.zeros(K))
        m.errordef = Minuit.LEAST_SQUARES  # q is a chi-square-like -2 ln L: 1 sigma at Delta q = 1
        m.strategy = 2
        m.tol = 1e-10
        m.migrad()
        if not m.valid:
            raise RuntimeError(f"MIGRAD did not converge for hypothesis {p}: {m.fmin}")
        m.hesse()  # the covariance from the full second derivatives, not MIGRAD's running estimate
        q[p] = m.fval
        theta[p] = np.asarray(m.values)
        cov[p] = np.asarray(m.covariance)  # errordef 1 on q: 2 (d2q/dtheta2)^-1, as the Newton path
    return q, theta, cov


def _profile(n, mu, nuisances, centres=None, names=("observed", "expected"), method: str = "newton",
             nuisances_name: str = "nuisances"):
    """Shared engine: validated counts n, mu (already arrays) -> (q, theta, cov) with leading shapes."""
    choice("method", method, PROFILE_METHODS)
    templates, sigmas = _parse_nuisances(nuisances, nuisances_name)
    K = len(templates)
    n, mu = _broadcast(names, [n, mu])
    shaped = []
    for i, t in enumerate(templates):
        if t.shape[-1] != n.shape[-1]:
            raise ValueError(f"{nuisances_name}[{i}] template has {t.shape[-1]} bins, the counts {n.shape[-1]} "
                             "(the bin axis, last, must match)")
        try:
            shaped.append(np.ascontiguousarray(np.broadcast_to(t, n.shape)))
        except ValueError:
            raise ValueError(f"{nuisances_name}[{i}] template of shape {t.shape} does not fit the counts of shape "
                             f"{n.shape} (bins along the last axis must match)") from None
    templates = shaped
    lead, B = n.shape[:-1], n.shape[-1]
    n2, mu2 = n.reshape(-1, B), mu.reshape(-1, B)
    P = n2.shape[0]
    if K == 0:
        q = _deviance_rows(n2, mu2)
        return q.reshape(lead), np.zeros(lead + (0,)), np.zeros(lead + (0, 0))
    T = np.stack([t.reshape(-1, B) for t in templates])  # (K, P, B)
    if centres is None:
        c = np.zeros((P, K))
    else:
        c = finite_array("centres", centres)
        try:
            c = np.broadcast_to(c, lead + (K,)).reshape(P, K)
        except ValueError:
            raise ValueError(f"centres of shape {c.shape} must broadcast to {lead + (K,)}") from None
    solver = _newton if method == "newton" else _minuit_rows
    q, theta, cov = solver(n2, mu2, T, 1.0 / sigmas**2, np.ascontiguousarray(c))
    return q.reshape(lead), theta.reshape(lead + (K,)), cov.reshape(lead + (K, K))


def profile_nuisances(observed, expected, nuisances, *, centres=None, method: str = "newton") -> ProfileResult:
    r"""Profile normalisation nuisances: minimise the binned Poisson q(θ) (Cowan et al., arXiv:1007.1727) with prior
    centres :math:`c_k`,

    .. math:: q(\theta)=2\sum_i\big[\mu_i(\theta)-n_i+n_i\ln(n_i/\mu_i(\theta))\big]+\sum_k((\theta_k-c_k)/\sigma_k)^2.

    The fitted model is :math:`\mu_i(\theta)=\mu_i+\sum_k\theta_kT_{ki}` .  The objective is convex
    in θ (μ is linear in θ, :math:`\mu-n\ln\mu` is convex), so a Newton iteration with step halving (which also
    keeps every μ valid) finds the unique minimum; it runs on all leading-axis rows at once.

    Parameters
    ----------
    observed, expected : array_like
        Counts along the last axis (n and the nominal μ), broadcastable.
    nuisances : list of (template, sigma)
        Per-bin counts each :math:`\theta_k` multiplies (broadcastable to ``expected``), and the prior width.
    centres : array_like, optional
        Prior centres :math:`c_k` (auxiliary measurements), shape broadcastable to ``leading + (K,)``; default 0.
    method : {"newton", "minuit"}
        The vectorised Newton iteration (default: all rows at once, thousands per second), or iminuit's MIGRAD
        row by row (the reference the Newton path is tested against; slow).

    Notes
    -----
    The iteration starts at θ = 0.  A row whose nominal μ vanishes in a bin with n > 0 has q = +inf there and is
    returned as q = +inf, θ = 0 without profiling (normalisation nuisances cannot create counts where the nominal
    expectation is zero).

    Returns
    -------
    ProfileResult
        q, θ̂ and the covariance :math:`2H^{-1}` of θ̂.

    Examples
    --------
    Data 10 % above a single-component expectation with a loose (50 %) prior on its normalisation: θ̂ is close to
    0.1 (the root of :math:`4\theta^2+304\theta-30=0`) and q nearly vanishes.

    >>> r = profile_nuisances([110.0, 220.0], [100.0, 200.0], [([100.0, 200.0], 0.5)])
    >>> round(float(r.theta[0]), 4), round(float(r.q), 4)
    (0.0986, 0.0394)
    """
    n = _as_counts("observed", observed)
    mu = _as_counts("expected", expected)
    _same_bins(("observed", "expected"), (observed, expected))
    q, theta, cov = _profile(n, mu, nuisances, centres, method=method)
    return ProfileResult(_unwrap(q), theta, cov)


# ----------------------------------------------------------------------------------------------------------------
# Discovery and exclusion
# ----------------------------------------------------------------------------------------------------------------
def discovery_significance(expected_alt, expected_null, nuisances=None, method: str = "newton"):
    r"""Median (Asimov) significance Z with which the alternative rejects the null, :math:`Z=\sqrt{\min_\theta q}`.

    Asimov data :math:`n_i` = ``expected_alt`` are fitted with the null :math:`\mu_i(\theta)` = ``expected_null``
    :math:`+\sum_k\theta_kT_{ki}` (Cowan et al., arXiv:1007.1727).  Works for excesses
    and deficits (CEvNS interference).  For one bin without nuisances this is
    :math:`\sqrt{2[(s+b)\ln(1+s/b)-s]}` (Cowan et al. Eq. 97), also for :math:`s<0`.

    Parameters
    ----------
    expected_alt : array_like
        Expected counts of the true hypothesis, shape ``(n_bins,)`` or ``(n_points, n_bins)``.
    expected_null : array_like
        Expected counts of the null, broadcastable against ``expected_alt``.
    nuisances : list of (template, sigma), optional
        Normalisation nuisances of the **null**: ``[(null_8B_part, 0.12)]`` means
        :math:`\mu(\theta)=\text{null}+\theta\cdot\text{null\_8B\_part}` with prior :math:`(\theta/0.12)^2`.
        To combine experiments sharing a nuisance, concatenate their bins (and the template) along the last axis.
    method : {"newton", "minuit"}
        How the nuisances are profiled (:func:`profile_nuisances`).

    Returns
    -------
    float or ndarray
        Z >= 0, one per leading-axis row.

    Examples
    --------
    s = 10 over b = 10 in one bin: :math:`\sqrt{2(20\ln2-10)}`; with a 10 % prior on b, θ̂ solves
    :math:`10\theta^2+11\theta-1=0` (θ̂ = 0.0844) and Z drops:

    >>> round(discovery_significance([20.0], [10.0]), 4)
    2.7795
    >>> round(discovery_significance([20.0], [10.0], nuisances=[([10.0], 0.1)]), 4)
    2.624
    """
    alt = _as_counts("expected_alt", expected_alt)
    null = _as_counts("expected_null", expected_null)
    _same_bins(("expected_alt", "expected_null"), (expected_alt, expected_null))
    q, _, _ = _profile(alt, null, nuisances, names=("expected_alt", "expected_null"), method=method)
    return _unwrap(np.sqrt(np.maximum(q, 0.0)))


def exclusion_test_statistic(expected_signal_plus_bkg, expected_bkg, nuisances=None, method: str = "newton"):
    r"""q for excluding a hypothesis with Asimov SM data: :math:`n=` ``expected_bkg``, :math:`\mu=` signal + bkg.

    The "exclusion" direction of the binned Poisson likelihood ratio: the tested hypothesis :math:`\mu_i(\theta)` =
    ``expected_signal_plus_bkg`` :math:`+\sum_k\theta_kT_{ki}` is fitted to the SM (null) Asimov data, and
    nuisances (e.g. solar-flux normalisations of the tested hypothesis) are profiled.  Compare with
    :func:`excluded` (1-d in g at fixed M: q > 2.71 at 90 % CL).

    Parameters
    ----------
    expected_signal_plus_bkg : array_like
        Expected counts of the tested hypothesis, ``(n_bins,)`` or ``(n_points, n_bins)``.
    expected_bkg : array_like
        The SM expectation used as Asimov data, broadcastable.
    nuisances : list of (template, sigma), optional
        Templates of the **tested** hypothesis scaled by each nuisance.
    method : {"newton", "minuit"}
        How the nuisances are profiled (:func:`profile_nuisances`).

    Returns
    -------
    float or ndarray
        q >= 0.

    Examples
    --------
    A 5-event signal on 10 background events in one bin: :math:`2[15-10+10\ln(10/15)]`.

    >>> round(exclusion_test_statistic([15.0], [10.0]), 4)
    1.8907
    """
    alt = _as_counts("expected_signal_plus_bkg", expected_signal_plus_bkg)
    bkg = _as_counts("expected_bkg", expected_bkg)
    _same_bins(("expected_signal_plus_bkg", "expected_bkg"), (expected_signal_plus_bkg, expected_bkg))
    q, _, _ = _profile(bkg, alt, nuisances, names=("expected_bkg", "expected_signal_plus_bkg"), method=method)
    return _unwrap(q)


def delta_chi2_threshold(cl=None, dof=1, *, sigma=None) -> float:
    r"""The Δχ² (Δq) threshold of a confidence region with ``dof`` parameters, from the χ² distribution (Wilks).

    Give either a confidence level ``cl`` in (0, 1) or a number of Gaussian standard deviations ``sigma`` (a
    coverage of :math:`\operatorname{erf}(\sigma/\sqrt2)`, i.e. 68.27 % for 1σ).  Levels (PDG Statistics review, Table
    40.2): 2 dof: 1σ 2.30,
    2σ 6.18, 90 % 4.61, 95 % 5.99; 1 dof: 90 % 2.71, 95 % 3.84 (PDG, *Statistics*, Table 40.2).

    Examples
    --------
    >>> round(delta_chi2_threshold(sigma=1, dof=2), 2), round(delta_chi2_threshold(0.9, 2), 2)
    (2.3, 4.61)
    >>> round(delta_chi2_threshold(0.9), 2)
    2.71
    """
    k = _check_dof(dof)
    if (cl is None) == (sigma is None):
        raise ValueError("give exactly one of cl (a confidence level in (0, 1)) or sigma (a number of sigmas > 0)")
    if sigma is not None:
        z = real("sigma", sigma)
        # beyond 37.5 sigma the two-sided tail 2 Phi(-z) underflows double precision (the threshold would be inf)
        if not 0 < z <= 37.5:
            raise ValueError(f"sigma={sigma!r} must be > 0 and <= 37.5 (the tail probability underflows beyond)")
        return float(stats.chi2.isf(2.0 * stats.norm.sf(z), k))
    return float(stats.chi2.ppf(_check_cl(cl), k))


def excluded(q, cl=0.9, dof=1):
    r"""True where the test statistic q exceeds the Δχ² threshold at ``cl`` (1-d: 90 % → 2.71, 95 % → 3.84).

    The threshold is the χ²(dof) quantile (Wilks' theorem; Cowan et al., arXiv:1007.1727), the convention of the
    authors' limits.

    >>> excluded([2.0, 3.0]).tolist(), bool(excluded(3.0, cl=0.95))
    ([False, True], False)
    """
    arr = _as_counts("q", q)
    out = arr > delta_chi2_threshold(_check_cl(cl), dof)
    return bool(out[0]) if np.ndim(q) == 0 else out


# ----------------------------------------------------------------------------------------------------------------
# Counting experiment upper limits
# ----------------------------------------------------------------------------------------------------------------
def _poisson_cdf(k, lam):
    """P(n <= k | lam) = Q(k+1, lam), the regularised upper incomplete gamma (continuous in k)."""
    return special.gammaincc(k + 1.0, lam)


def _upper_limit1(n_obs: float, b: float, cl: float, method: str) -> float:
    from scipy.optimize import brentq

    alpha = 1.0 - cl
    lam_up = float(special.gammainccinv(n_obs + 1.0, alpha))  # P(n <= n_obs | lam_up) = 1 - CL
    if method == "neyman":
        return max(lam_up - b, 0.0)
    denom = _poisson_cdf(n_obs, b)

    def f(s):
        return _poisson_cdf(n_obs, s + b) / denom - alpha

    hi = max(lam_up, 1.0)
    while f(hi) > 0:
        hi *= 2.0
    return float(brentq(f, 0.0, hi, xtol=1e-12, rtol=1e-12))


def poisson_upper_limit(observed, background=0.0, cl=0.9, method="neyman"):
    r"""Upper limit on the signal count s of a counting experiment with known background b.

    - ``method="neyman"`` (default): the classical Neyman upper limit, the s solving
      :math:`P(n\le n_{\rm obs}\,|\,s+b)=1-\mathrm{CL}` (PDG, *Statistics*, Sec. 40.4.2.3).  For
      :math:`n_{\rm obs}=0,b=0` this gives :math:`-\ln(1-\mathrm{CL})` = 2.303 at 90 % (the zero-background Poisson
      limit).  When
      :math:`n_{\rm obs}` lies far below b the classical interval is empty; 0 is then returned (documented, not
      an error; CLs avoids this).
    - ``method="cls"``: :math:`P(n\le n_{\rm obs}|s+b)/P(n\le n_{\rm obs}|b)=1-\mathrm{CL}` (Read, J. Phys. G 28
      (2002) 2693).  Equal to Neyman for b = 0, larger otherwise.

    :math:`P(n\le k|\lambda)` is evaluated as the regularised incomplete gamma :math:`Q(k+1,\lambda)`, which also
    accepts non-integer (e.g. Asimov) ``observed``.

    Parameters
    ----------
    observed : float or array_like
        Observed counts (>= 0).
    background : float or array_like
        Expected background counts (>= 0), broadcastable.
    cl : float
        Confidence level in (0, 1).
    method : {"neyman", "cls"}

    Examples
    --------
    >>> round(poisson_upper_limit(0, 0.0, cl=0.9), 3), round(poisson_upper_limit(0, 0.0, cl=0.95), 3)
    (2.303, 2.996)
    >>> round(poisson_upper_limit(3, 1.0, cl=0.9, method="cls"), 3)
    5.711
    """
    choice("method", method, ("neyman", "cls"))
    c = _check_cl(cl)
    n = _as_counts("observed", observed)
    b = _as_counts("background", background)
    grid_size("observed", max(n.size, b.size), 1_000_000)
    n, b = _broadcast(("observed", "background"), (n, b))
    out = np.array([_upper_limit1(float(x), float(y), c, method) for x, y in zip(n.ravel(), b.ravel(), strict=True)])
    out = out.reshape(n.shape)
    return float(out[0]) if np.ndim(observed) == 0 and np.ndim(background) == 0 else out


# ----------------------------------------------------------------------------------------------------------------
# Gaussian χ² with an analytically profiled normalisation pull (spallation)
# ----------------------------------------------------------------------------------------------------------------
def chi2_gaussian(observed, expected, sigma_stat2, sigma_norm, *, return_pull=False):
    r"""The Gaussian χ² with its normalisation pull a profiled analytically (spallation CEvNS):

    .. math::
        \chi^2=\min_a\Big[\sum_i(N^{\rm obs}_i-(1+a)N^{\rm th}_i)^2/\sigma_i^2+(a/\sigma_{\rm norm})^2\Big].

    The bracket is quadratic in a, so the minimum is closed-form: with :math:`r_i=N^{\rm obs}_i-N^{\rm th}_i`,
    :math:`A=\sum_i N^{{\rm th}\,2}_i/\sigma_i^2+1/\sigma_{\rm norm}^2` and :math:`C=\sum_i N^{\rm th}_ir_i/\sigma_i^2`,

    .. math:: \hat a=C/A,\qquad \chi^2_{\min}=\sum_i r_i^2/\sigma_i^2-C^2/A.

    It is evaluated as the bracket at :math:`\hat a` (pulled residuals), not as the difference above: when
    :math:`N^{\rm th}\gg\sigma/\sigma_{\rm norm}` the two terms of the difference cancel to rounding.

    Parameters
    ----------
    observed, expected : array_like
        :math:`N^{\rm obs}_i` and :math:`N^{\rm th}_i` along the last axis (broadcastable).
    sigma_stat2 : array_like
        Per-bin variance :math:`\sigma_i^2` (e.g. :math:`N^{\rm obs}_i+B_i`), > 0.
    sigma_norm : float
        Normalisation uncertainty; 0 disables the pull (a = 0), ``inf`` leaves it free.
    return_pull : bool
        Also return :math:`\hat a`.

    Examples
    --------
    Observed = SM, prediction 10 % low, 5 % normalisation prior:

    >>> round(chi2_gaussian([100.0, 50.0], [90.0, 45.0], [100.0, 50.0], 0.05), 4)
    1.1505
    """
    n = _as_counts("observed", observed)
    th = _as_counts("expected", expected)
    var = _as_counts("sigma_stat2", sigma_stat2)
    if np.any(var <= 0):
        raise ValueError("sigma_stat2 must be > 0 in every bin (e.g. N_obs + B)")
    return_pull = flag("return_pull", return_pull)
    sn = real("sigma_norm", sigma_norm, allow_inf=True)
    if sn < 0:
        raise ValueError(f"sigma_norm={sigma_norm!r} must be >= 0 (0: no pull, inf: free normalisation)")
    _same_bins(("observed", "expected", "sigma_stat2"), (observed, expected, sigma_stat2))
    n, th, var = _broadcast(("observed", "expected", "sigma_stat2"), (n, th, var))
    r = n - th
    if sn == 0.0:
        chi2 = np.sum(r * r / var, axis=-1)
        a = np.zeros_like(chi2)
    else:
        A = np.sum(th * th / var, axis=-1) + (0.0 if math.isinf(sn) else 1.0 / sn**2)
        if np.any(A <= 0):
            raise ValueError("with sigma_norm=inf the expected counts must not all vanish")
        C = np.sum(th * r / var, axis=-1)
        a = C / A
        pulled = r - a[..., None] * th
        chi2 = np.sum(pulled * pulled / var, axis=-1) + (0.0 if math.isinf(sn) else (a / sn) ** 2)
    if return_pull:
        return _unwrap(chi2), _unwrap(a)
    return _unwrap(chi2)


# ----------------------------------------------------------------------------------------------------------------
# Combination and p-values
# ----------------------------------------------------------------------------------------------------------------
def combine(*q):
    r"""Combine independent experiments by adding their test statistics q (arrays broadcast).

    This is exact for independent likelihoods without shared nuisances.  For a **shared** nuisance, profile it
    once: concatenate the bins of the experiments (and the template) along the last axis and call
    :func:`discovery_significance` / :func:`exclusion_test_statistic` on the concatenation.

    >>> float(combine(2.0, 3.5)), combine([1.0, 2.0], 1.0).tolist()
    (5.5, [2.0, 3.0])
    """
    if len(q) == 0:
        raise ValueError("combine needs at least one q")
    arrays = [_as_counts(f"q[{i}]", x) for i, x in enumerate(q)]
    arrays = _broadcast(tuple(f"q[{i}]" for i in range(len(q))), arrays)
    out = np.sum(arrays, axis=0)
    return float(out[0]) if all(np.ndim(x) == 0 for x in q) else out


def p_value_to_z(p):
    r"""One-sided Gaussian significance of a p-value, :math:`Z=\Phi^{-1}(1-p)` (Cowan et al., arXiv:1007.1727, Eq. 2).

    >>> round(p_value_to_z(2.866515718791939e-07), 4)
    5.0
    """
    arr = real_array("p", p)
    if not np.all(np.isfinite(arr)) or np.any(arr < 0) or np.any(arr > 1):
        raise ValueError(f"p={p!r} must be a probability in [0, 1]")
    return _unwrap(stats.norm.isf(arr))


def z_to_p_value(z):
    r"""One-sided p-value of a Gaussian significance, :math:`p=1-\Phi(Z)`.

    >>> round(z_to_p_value(3.0), 6)
    0.00135
    """
    arr = real_array("z", z)
    if np.any(np.isnan(arr)):
        raise ValueError(f"z={z!r} must not be NaN")
    return _unwrap(stats.norm.sf(arr))


# ----------------------------------------------------------------------------------------------------------------
# Toy Monte Carlo
# ----------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ToySignificances:
    r"""Toy distributions of the discovery test statistic t (see :func:`toy_significances`).

    Attributes
    ----------
    t_alt, t_null : ndarray
        t for toys drawn from the alternative and from the null.
    q_asimov : float
        t of the Asimov data set of the alternative (:math:`Z_A^2`).
    """

    t_alt: np.ndarray
    t_null: np.ndarray
    q_asimov: float

    @property
    def median_t_alt(self) -> float:
        """Median of t under the alternative."""
        return float(np.median(self.t_alt))

    @property
    def p_value(self) -> float:
        """Fraction of null toys with t at least the median of the alternative: the median p-value."""
        return float(np.mean(self.t_null >= self.median_t_alt))

    @property
    def p_value_error(self) -> float:
        """Binomial error of :attr:`p_value` from the number of null toys."""
        p = self.p_value
        return math.sqrt(max(p * (1.0 - p), 1.0 / self.t_null.size) / self.t_null.size)

    @property
    def z(self) -> float:
        """The median significance from toys, ``p_value_to_z(p_value)``."""
        return float(p_value_to_z(self.p_value))


def toy_significances(expected_alt, expected_null, n_toys, rng, nuisances=None,
                      alt_nuisances=None) -> ToySignificances:
    r"""Toy Monte Carlo of the discovery test statistic, drawn under both hypotheses.

    The statistic is the profile likelihood ratio of the null against the alternative, both profiled,

    .. math:: t(n, c) = \min_\theta\big[D(n,\mu_0(\theta)) + \sum_k((\theta_k-c_k)/\sigma_k)^2\big]
              - \min_\theta\big[D(n,\mu_1(\theta)) + \sum_k((\theta_k-c_k)/\sigma_k)^2\big],

    with D the Poisson deviance and c the auxiliary measurements of the nuisances (drawn from
    :math:`N(0,\sigma_k)` per toy; true θ = 0).  For the Asimov data of the alternative, t equals
    :func:`discovery_significance` squared.  The median p-value of the null given the alternative is
    :attr:`ToySignificances.p_value` (Cowan et al., arXiv:1007.1727, Sec. 3).

    Parameters
    ----------
    expected_alt, expected_null : array_like, shape (n_bins,)
        Expected counts of the two hypotheses.
    n_toys : int
        Toys per hypothesis (>= 1).
    rng : numpy.random.Generator
        Seeded generator, e.g. ``np.random.default_rng(1)``.
    nuisances : list of (template, sigma), optional
        As in :func:`discovery_significance` (templates of the null).
    alt_nuisances : list of (template, sigma), optional
        The same nuisances acting on the alternative (same order and widths); by default the null's templates.
        Profiling both hypotheses keeps the toys' median on the Asimov value (a fixed alternative would not).

    Examples
    --------
    >>> res = toy_significances([25.0] * 4, [20.0] * 4, 2000, np.random.default_rng(3))
    >>> round(res.q_asimov, 3), round(res.q_asimov ** 0.5, 3), round(res.z, 1)
    (4.629, 2.151, 2.2)
    """
    alt = _as_counts("expected_alt", expected_alt)
    null = _as_counts("expected_null", expected_null)
    if alt.ndim != 1 or null.shape != alt.shape:
        raise ValueError(f"expected_alt{alt.shape} and expected_null{null.shape} must be 1-d with equal shapes")
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng={rng!r} must be a numpy.random.Generator (np.random.default_rng(seed))")
    n_toys = count("n_toys", n_toys)
    grid_size("n_toys x bins", n_toys * alt.size)
    _, sigmas = _parse_nuisances(nuisances)
    K = sigmas.size
    if alt_nuisances is None:
        alt_nuisances = nuisances
    elif not np.allclose(_parse_nuisances(alt_nuisances, "alt_nuisances")[1], sigmas):
        raise ValueError("alt_nuisances must have the same number and widths of nuisances as nuisances")

    def statistic(data, centres):
        q0, _, _ = _profile(data, null, nuisances, centres)
        q1, _, _ = _profile(data, alt, alt_nuisances, centres, nuisances_name="alt_nuisances")
        return q0 - q1

    q_asimov = float(statistic(alt[None, :], np.zeros((1, K)))[0])
    draws = {}
    for label, mean in (("alt", alt), ("null", null)):
        data = rng.poisson(mean, size=(n_toys, mean.size)).astype(float)
        centres = rng.normal(0.0, 1.0, size=(n_toys, K)) * sigmas
        draws[label] = np.asarray(statistic(data, centres))
    return ToySignificances(draws["alt"], draws["null"], q_asimov)
