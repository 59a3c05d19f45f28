"""Tests of lmt_lib.stats.

Oracles:

- analytic closed forms: the one-bin Asimov significance sqrt(2((s+b)ln(1+s/b)-s)) of Cowan et al. (arXiv:1007.1727,
  Eq. 97; Cowan et al., arXiv:1007.1727), for excesses and deficits; the one-bin exclusion q = 2(s - b ln(1+s/b)); the
  zero-background
  90 % CL upper limit -ln(0.1) = 2.303; the χ² quantiles of scipy.stats.chi2 and the tabulated
  2.30/6.18/4.61/5.99/2.71/3.84 (Cowan et al., arXiv:1007.1727; PDG Statistics Table 40.2);
- independent reimplementations (numpy twins): the deviance term in extended precision (np.longdouble), the
  Neyman/CLs limits via scipy.stats.poisson and brentq, the pull-profiled Gaussian chi^2 by numerical minimisation
  over the pull;
- independent minimisers: the vectorised Newton profiling against iminuit (MIGRAD) and scipy.optimize;
- statistical calibration with seeded toys: toy median p-values agree with the Asimov p-value, and pulls of a fitted
  normalisation have mean 0 and variance 1, with tolerances derived from the toy counts (stated in each test);
- structural properties: profiling never increases q; concatenating experiments equals adding q without shared
  nuisances and is >= the sum of separately profiled q with a shared one; vectorised == looped calls.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from iminuit import Minuit
from scipy import optimize, special
from scipy import stats as sps

from lmt_lib import stats
from lmt_lib.stats import _deviance_term1

SETTINGS = settings(max_examples=60, deadline=None)


# ------------------------------------------------------------------------------------------------------------------
# numpy twins
# ------------------------------------------------------------------------------------------------------------------
def twin_deviance_term(n, mu):
    """mu - n + n ln(n/mu) in extended precision (np.longdouble), n ln(n/mu) -> 0 for n = 0."""
    n = np.longdouble(n)
    mu = np.longdouble(mu)
    if n == 0:
        return float(mu)
    return float(mu - n + n * np.log(n / mu))


def twin_q(n, mu):
    """Plain numpy deviance with scipy.special.xlogy (double precision)."""
    n = np.asarray(n, float)
    mu = np.asarray(mu, float)
    return float(2.0 * np.sum(mu - n + special.xlogy(n, n) - special.xlogy(n, mu)))


def random_case(seed, n_bins=None, n_nuis=1):
    rng = np.random.default_rng(seed)
    B = int(n_bins or rng.integers(1, 12))
    null = rng.uniform(0.5, 200.0, B)
    alt = null * rng.uniform(0.6, 1.5, B)
    templates = [null * rng.uniform(0.0, 1.0, B) for _ in range(n_nuis)]
    sigmas = rng.uniform(0.02, 0.3, n_nuis)
    return alt, null, templates, sigmas


def objective(theta, n, mu0, templates, sigmas):
    mu = mu0 + sum(t * th for t, th in zip(templates, theta, strict=True))
    if np.any(mu <= 0):
        return 1e300
    return twin_q(n, mu) + float(np.sum((np.asarray(theta) / sigmas) ** 2))


# ------------------------------------------------------------------------------------------------------------------
# The deviance kernel
# ------------------------------------------------------------------------------------------------------------------
@SETTINGS
@given(n=st.floats(0.0, 1e6), mu=st.floats(1e-3, 1e6))
def test_deviance_term_matches_extended_precision_twin(n, mu):
    # 1e-12 absolute on the scale (n + mu) covers the rounding of the long-double twin's own cancellation
    assert _deviance_term1(n, mu) == pytest.approx(twin_deviance_term(n, mu), rel=1e-10, abs=1e-12 * (n + mu))


@pytest.mark.parametrize("x", [1e-4, 1e-3, 0.05, -0.05, -1e-3, 0.0999, 0.1001])
def test_deviance_term_near_equal_counts_extended_precision(x):
    # the series branch (|x| < 0.1) and its border against the long-double twin; at mu = 1e3 the twin's own
    # cancellation error is ~1e-19 * mu, far below mu x^2/2 for |x| >= 1e-4
    mu = 1e3
    n = mu * (1 + x)
    assert _deviance_term1(n, mu) == pytest.approx(twin_deviance_term(n, mu), rel=1e-10)


@pytest.mark.parametrize("x", [1e-12, 1e-9, 1e-6, -1e-6])
def test_deviance_term_tiny_deviation_analytic(x):
    # mu h(x) = mu (x^2/2 - x^3/6 + ...): for |x| <= 1e-6 the first two terms are exact to 1e-12 relative, where the
    # direct formula n ln(n/mu) - n + mu would have lost every digit
    mu = 1e6
    n = mu * (1 + x)
    x_eff = (n - mu) / mu  # the x actually represented after rounding n
    assert _deviance_term1(n, mu) == pytest.approx(mu * (x_eff**2 / 2 - x_eff**3 / 6), rel=1e-9)


def test_deviance_conventions():
    # n = 0 contributes mu; mu = 0 with n = 0 contributes nothing; mu = 0 < n is infinitely disfavoured
    assert stats.poisson_deviance([0.0, 0.0], [3.0, 0.0]) == pytest.approx(6.0)
    assert stats.poisson_deviance([1.0], [0.0]) == math.inf
    assert stats.poisson_deviance([5.0, 7.0], [5.0, 7.0]) == 0.0
    assert stats.asimov([1.5, 2.0]).tolist() == [1.5, 2.0]
    # with nuisances, an infeasible row stays +inf (no warning, no NaN) while the other rows are profiled
    res = stats.profile_nuisances([[1.0, 2.0], [1.0, 1.0]], [[0.0, 1.0], [1.0, 1.5]], [([1.0, 1.0], 0.1)])
    assert res.q[0] == math.inf and res.theta[0, 0] == 0.0
    assert np.isfinite(res.q[1]) and np.all(np.isfinite(res.covariance))


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1))
def test_poisson_deviance_matches_twin(seed):
    alt, null, _, _ = random_case(seed)
    assert stats.poisson_deviance(alt, null) == pytest.approx(twin_q(alt, null), rel=1e-9, abs=1e-9)


# ------------------------------------------------------------------------------------------------------------------
# Asimov significance: closed form for one bin (excess and deficit)
# ------------------------------------------------------------------------------------------------------------------
@SETTINGS
@given(b=st.floats(0.1, 1e4), frac=st.floats(-0.999, 10.0))
def test_asimov_one_bin_closed_form(b, frac):
    s = frac * b
    z_formula = math.sqrt(abs(2.0 * ((s + b) * math.log1p(s / b) - s)))
    z = stats.discovery_significance([s + b], [b])
    # compare q = Z^2: the closed form itself loses ~eps*(|s|+b) to cancellation, hence the absolute term
    assert z**2 == pytest.approx(z_formula**2, rel=1e-9, abs=1e-11 * (abs(s) + b))


def test_asimov_deficit_to_zero():
    # s = -b: n = 0, q = 2b (the limit of the closed form)
    assert stats.discovery_significance([0.0], [7.0]) == pytest.approx(math.sqrt(14.0))


def test_vectorised_equals_loop():
    rng = np.random.default_rng(7)
    null = rng.uniform(1, 50, 6)
    alt = null * rng.uniform(0.7, 1.3, (40, 6))
    tmpl = 0.4 * null
    z_vec = stats.discovery_significance(alt, null, nuisances=[(tmpl, 0.12)])
    z_loop = [stats.discovery_significance(a, null, nuisances=[(tmpl, 0.12)]) for a in alt]
    assert z_vec.shape == (40,)
    np.testing.assert_allclose(z_vec, z_loop, rtol=1e-12)
    q_vec = stats.exclusion_test_statistic(alt, null, nuisances=[(0.4 * alt, 0.12)])
    q_loop = [stats.exclusion_test_statistic(a, null, nuisances=[(0.4 * a, 0.12)]) for a in alt]
    np.testing.assert_allclose(q_vec, q_loop, rtol=1e-12)


# ------------------------------------------------------------------------------------------------------------------
# Exclusion
# ------------------------------------------------------------------------------------------------------------------
@SETTINGS
@given(b=st.floats(0.1, 1e4), frac=st.floats(1e-3, 10.0))
def test_exclusion_one_bin_closed_form(b, frac):
    s = frac * b
    q_formula = 2.0 * (s - b * math.log1p(s / b))  # n = b, mu = s + b
    assert stats.exclusion_test_statistic([s + b], [b]) == pytest.approx(q_formula, rel=1e-9, abs=1e-11 * (s + b))


def test_excluded_thresholds():
    assert not stats.excluded(2.70)
    assert stats.excluded(2.72)
    assert not stats.excluded(3.83, cl=0.95)
    assert stats.excluded(3.85, cl=0.95)
    np.testing.assert_array_equal(stats.excluded([1.0, 5.0]), [False, True])


def test_zero_background_upper_limit_is_2_30():
    ul = stats.poisson_upper_limit(0, 0.0, cl=0.9)
    assert ul == pytest.approx(-math.log(0.1), rel=1e-12)
    assert round(ul, 2) == 2.30
    assert stats.poisson_upper_limit(0, 0.0, cl=0.9, method="cls") == pytest.approx(ul, rel=1e-10)
    # an exclusion at 90 % CL of 2.30 signal events = Poisson probability of observing nothing is 10 %
    assert sps.poisson.pmf(0, ul) == pytest.approx(0.1, rel=1e-12)


@pytest.mark.parametrize("n_obs", [0, 1, 3, 10])
@pytest.mark.parametrize("b", [0.0, 0.5, 3.0])
@pytest.mark.parametrize("cl", [0.9, 0.95])
def test_upper_limits_against_scipy_poisson(n_obs, b, cl):
    def neyman(s):
        return sps.poisson.cdf(n_obs, s + b) - (1 - cl)

    def cls(s):
        return sps.poisson.cdf(n_obs, s + b) / sps.poisson.cdf(n_obs, b) - (1 - cl)

    s_ney = max(optimize.brentq(neyman, -b, 100.0, xtol=1e-13), 0.0) if neyman(0.0) > 0 else 0.0
    s_cls = optimize.brentq(cls, 0.0, 100.0, xtol=1e-13)
    assert stats.poisson_upper_limit(n_obs, b, cl) == pytest.approx(s_ney, rel=1e-8, abs=1e-10)
    assert stats.poisson_upper_limit(n_obs, b, cl, method="cls") == pytest.approx(s_cls, rel=1e-8)
    assert s_cls >= s_ney - 1e-9  # CLs is conservative


# ------------------------------------------------------------------------------------------------------------------
# Δχ² thresholds
# ------------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "table"),
    [
        (dict(sigma=1, dof=2), 2.30),
        (dict(sigma=2, dof=2), 6.18),
        (dict(cl=0.9, dof=2), 4.61),
        (dict(cl=0.95, dof=2), 5.99),
        (dict(cl=0.9, dof=1), 2.71),
        (dict(cl=0.95, dof=1), 3.84),
        (dict(sigma=1, dof=1), 1.00),
    ],
)
def test_delta_chi2_tabulated(kwargs, table):
    assert round(stats.delta_chi2_threshold(**kwargs), 2) == table


@pytest.mark.parametrize("dof", [1, 2, 3, 5])
@pytest.mark.parametrize("cl", [0.5, 0.6827, 0.9, 0.95, 0.99])
def test_delta_chi2_is_chi2_quantile(cl, dof):
    assert stats.delta_chi2_threshold(cl, dof) == pytest.approx(sps.chi2.ppf(cl, dof), rel=1e-12)
    z = sps.norm.isf((1 - cl) / 2)  # the same coverage given as sigmas
    assert stats.delta_chi2_threshold(sigma=z, dof=dof) == pytest.approx(sps.chi2.ppf(cl, dof), rel=1e-9)


def test_p_z_round_trip():
    assert stats.p_value_to_z(stats.z_to_p_value(3.0)) == pytest.approx(3.0, rel=1e-12)
    assert stats.z_to_p_value(5.0) == pytest.approx(2.866515718791939e-07, rel=1e-9)
    assert stats.z_to_p_value(0.0) == 0.5


# ------------------------------------------------------------------------------------------------------------------
# Nuisance profiling
# ------------------------------------------------------------------------------------------------------------------
@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), n_nuis=st.integers(1, 3))
def test_profiling_never_increases_q(seed, n_nuis):
    # a 10 % flux nuisance widens a contour, never narrows it: q(profiled) <= q(theta = 0)
    alt, null, templates, _ = random_case(seed, n_nuis=n_nuis)
    nuis = [(t, 0.10) for t in templates]
    assert stats.discovery_significance(alt, null, nuisances=nuis) <= stats.discovery_significance(alt, null) + 1e-12
    assert stats.exclusion_test_statistic(alt, null, nuisances=nuis) <= stats.exclusion_test_statistic(alt, null)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_nuis=st.integers(1, 3))
def test_library_minuit_path_equals_newton(seed, n_nuis):
    alt, null, templates, sigmas = random_case(seed, n_nuis=n_nuis)
    nuis = list(zip(templates, sigmas, strict=True))
    newton = stats.profile_nuisances(alt, null, nuis)
    minuit = stats.profile_nuisances(alt, null, nuis, method="minuit")
    assert minuit.q == pytest.approx(newton.q, rel=1e-6, abs=1e-9)
    np.testing.assert_allclose(minuit.theta, newton.theta, rtol=0, atol=1e-5)
    # HESSE differentiates numerically; with three strongly correlated nuisances (|rho| ~ 0.7) its covariance was
    # seen 3 % off the analytic Newton one (seed 138), so 5 %: the Newton Hessian itself is checked against finite
    # differences to 1e-4 elsewhere in this module
    scale = float(np.max(np.diag(newton.covariance)))  # small off-diagonal terms: error relative to the diagonal
    np.testing.assert_allclose(minuit.covariance, newton.covariance, rtol=5e-2, atol=5e-3 * scale)
    z_n = stats.discovery_significance(alt, null, nuis)
    assert stats.discovery_significance(alt, null, nuis, method="minuit") == pytest.approx(z_n, rel=1e-6)


def test_unknown_profile_method():
    with pytest.raises(ValueError, match="method"):
        stats.discovery_significance([20.0], [10.0], [([10.0], 0.1)], method="simplex")


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n_nuis=st.integers(1, 2))
def test_profiling_matches_iminuit_and_scipy(seed, n_nuis):
    alt, null, templates, sigmas = random_case(seed, n_nuis=n_nuis)
    res = stats.profile_nuisances(alt, null, list(zip(templates, sigmas, strict=True)))

    def fcn(*theta):
        return objective(theta, alt, null, templates, sigmas)

    m = Minuit(fcn, *np.zeros(n_nuis), name=[f"t{k}" for k in range(n_nuis)])
    m.errordef = Minuit.LEAST_SQUARES
    m.strategy = 2
    m.tol = 1e-10
    m.migrad()
    assert m.valid
    sp = optimize.minimize(lambda th: fcn(*th), np.zeros(n_nuis), method="Nelder-Mead",
                           options=dict(xatol=1e-11, fatol=1e-13, maxiter=20000))
    # the tolerance 1e-6 is the brief's; the minimisers agree on q far better (q is flat at the minimum)
    assert res.q == pytest.approx(m.fval, rel=1e-6, abs=1e-9)
    assert res.q == pytest.approx(sp.fun, rel=1e-6, abs=1e-9)
    np.testing.assert_allclose(res.theta, sp.x, rtol=0, atol=1e-6)
    np.testing.assert_allclose(res.theta, np.asarray(m.values), rtol=0, atol=1e-5)
    # covariance 2 H^-1 (q = -2 ln L): against a central finite-difference Hessian of the twin objective
    # (step 1e-3 sigma: truncation ~1e-6, rounding ~1e-16 q / h^2 ~ 1e-8 relative) and, loosely, HESSE
    h = 1e-3 * sigmas
    th0 = np.asarray(res.theta, float)
    H = np.empty((n_nuis, n_nuis))
    for i in range(n_nuis):
        for j in range(n_nuis):
            def f(di, dj):
                t = th0.copy()
                t[i] += di * h[i]
                t[j] += dj * h[j]
                return fcn(*t)
            H[i, j] = (f(1, 1) - f(1, -1) - f(-1, 1) + f(-1, -1)) / (4 * h[i] * h[j])
    np.testing.assert_allclose(res.covariance, 2 * np.linalg.inv(H), rtol=1e-4, atol=1e-12)
    # loosely: HESSE's numerical off-diagonal second derivative is less precise than the finite differences above,
    # and strong correlation amplifies that in the errors by ~1/(1 - rho^2) (seed 273, n_nuis 2: rho = -0.85, HESSE
    # 1.9 % off while the finite-difference Hessian agrees to 1e-4 even with steps of 0.3 sigma)
    m.hesse()
    np.testing.assert_allclose(np.sqrt(np.diag(res.covariance)), np.asarray(m.errors), rtol=5e-2)


def test_profiling_many_points_matches_single_calls():
    # the vectorised Newton iteration on 500 hypotheses at once equals one-by-one minimisation (scipy)
    rng = np.random.default_rng(11)
    null = rng.uniform(5, 80, 8)
    tmpl = null * rng.uniform(0.2, 0.9, 8)
    alt = null * rng.uniform(0.8, 1.25, (500, 8))
    res = stats.profile_nuisances(alt, null, [(tmpl, 0.12)])
    for i in rng.choice(500, 10, replace=False):
        one = optimize.minimize_scalar(lambda t: objective([t], alt[i], null, [tmpl], np.array([0.12])),
                                       bounds=(-0.9, 0.9), method="bounded", options=dict(xatol=1e-12))
        assert res.q[i] == pytest.approx(one.fun, rel=1e-8, abs=1e-10)
        assert res.theta[i, 0] == pytest.approx(one.x, abs=1e-6)


def test_pull_calibration():
    """Pulls of a fitted normalisation over seeded toys: mean 0, variance 1 (iminuit test_cost style).

    Model: mu_i(theta) = (1 + theta) T_i with an auxiliary measurement c ~ N(theta_true, sigma) entering as the
    Gaussian prior ((theta - c)/sigma)^2.  With N = 3000 toys the standard error of the mean pull is 1/sqrt(N) =
    0.018 and of the variance sqrt(2/N) = 0.026; the tolerances are 4 standard errors (counts of 50-150 per bin make
    the asymptotic bias negligible next to these).
    """
    N = 3000
    rng = np.random.default_rng(2021)
    T = np.linspace(50.0, 150.0, 10)
    sigma, theta_true = 0.1, 0.05
    data = rng.poisson((1 + theta_true) * T, size=(N, T.size)).astype(float)
    centres = rng.normal(theta_true, sigma, size=(N, 1))
    res = stats.profile_nuisances(data, T, [(T, sigma)], centres=centres)
    pulls = (res.theta[:, 0] - theta_true) / np.sqrt(res.covariance[:, 0, 0])
    assert abs(np.mean(pulls)) < 4 / math.sqrt(N)
    assert abs(np.var(pulls, ddof=1) - 1.0) < 4 * math.sqrt(2 / N)


# ------------------------------------------------------------------------------------------------------------------
# Toy Monte Carlo against the Asimov median
# ------------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("sign", [+1, -1], ids=["excess", "deficit"])
def test_toy_p_value_agrees_with_asimov(sign):
    """Median toy p-value vs the Asimov p-value z_to_p_value(Z_A) (Cowan et al. 2011).

    10 bins with 20-40 expected events each and a 12 % shape-dependent excess (or deficit): Z_A ~ 2, p ~ 0.02, so
    8000 toys per hypothesis measure p to ~8 %.  The statistical error combines the binomial error of the null
    fraction, sqrt(p(1-p)/N), and the error of the median of t under the alternative propagated through the null
    density, 1.2533 phi(Z)/sqrt(N) (Gaussian approximation of t: mean ±Z^2, variance 4 Z^2).  Tolerance 3 sigma.
    """
    N = 8000
    null = np.linspace(20.0, 40.0, 10)
    alt = null * (1 + sign * np.linspace(0.08, 0.16, 10))
    z_a = stats.discovery_significance(alt, null)
    res = stats.toy_significances(alt, null, N, np.random.default_rng(99))
    assert res.q_asimov == pytest.approx(z_a**2, rel=1e-10)
    # the alternative's t is linear in n, so its mean is exactly the Asimov value (stat. error 2 Z / sqrt(N))
    assert np.mean(res.t_alt) == pytest.approx(z_a**2, abs=3 * 2 * z_a / math.sqrt(N))
    p_a = stats.z_to_p_value(z_a)
    err = math.sqrt(p_a * (1 - p_a) / N + (1.2533 * sps.norm.pdf(z_a)) ** 2 / N)
    assert res.p_value == pytest.approx(p_a, abs=3 * err)


def test_toys_with_nuisance_reproduce_profiled_asimov():
    # with a profiled 8B-like normalisation the Asimov t is the profiled q, and the toy median p-value follows it;
    # 8000 toys, tolerance 3 sigma as in the test above
    N = 8000
    null = np.linspace(20.0, 40.0, 10)
    alt = null * (1 + np.linspace(0.0, 0.3, 10))
    nuis = [(0.8 * null, 0.05)]
    z_a = stats.discovery_significance(alt, null, nuisances=nuis)
    res = stats.toy_significances(alt, null, N, np.random.default_rng(5), nuisances=nuis)
    assert res.q_asimov == pytest.approx(z_a**2, rel=1e-10)
    assert z_a < stats.discovery_significance(alt, null)
    p_a = stats.z_to_p_value(z_a)
    err = math.sqrt(p_a * (1 - p_a) / N + (1.2533 * sps.norm.pdf(z_a)) ** 2 / N)
    assert res.p_value == pytest.approx(p_a, abs=3 * err)


# ------------------------------------------------------------------------------------------------------------------
# Gaussian χ² with a profiled pull (a Gaussian χ² with a normalisation pull)
# ------------------------------------------------------------------------------------------------------------------
@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), sigma_norm=st.floats(0.01, 1.0))
def test_chi2_gaussian_against_numerical_minimum(seed, sigma_norm):
    rng = np.random.default_rng(seed)
    th = rng.uniform(1, 100, 7)
    obs = th * rng.uniform(0.7, 1.3, 7)
    var = obs + rng.uniform(0, 20, 7)

    def chi2(a):
        return np.sum((obs - (1 + a) * th) ** 2 / var) + (a / sigma_norm) ** 2

    best = optimize.minimize_scalar(chi2, bracket=(-1, 1), options=dict(xtol=1e-12))
    c2, a = stats.chi2_gaussian(obs, th, var, sigma_norm, return_pull=True)
    assert c2 == pytest.approx(best.fun, rel=1e-9, abs=1e-10)
    assert a == pytest.approx(best.x, abs=1e-7)


def test_chi2_gaussian_limits():
    obs = np.array([100.0, 50.0])
    th = np.array([90.0, 45.0])
    var = obs.copy()
    # sigma_norm = 0: no pull, plain chi2
    assert stats.chi2_gaussian(obs, th, var, 0.0) == pytest.approx(1.5)
    # sigma_norm = inf: a free normalisation absorbs a pure rescaling exactly
    assert stats.chi2_gaussian(obs, th, var, math.inf) == pytest.approx(0.0, abs=1e-12)
    # vectorised over hypotheses
    vec = stats.chi2_gaussian(obs, np.stack([th, obs]), var, 0.05)
    assert vec.shape == (2,) and vec[1] == 0.0


# ------------------------------------------------------------------------------------------------------------------
# Combination
# ------------------------------------------------------------------------------------------------------------------
@SETTINGS
@given(seed=st.integers(0, 2**32 - 1))
def test_combination_by_concatenation(seed):
    a1, n1, (t1,), _ = random_case(seed)
    a2, n2, (t2,), _ = random_case(seed + 1)
    cat = np.concatenate
    # without nuisances, concatenating bins == adding q
    q_sep = stats.combine(stats.discovery_significance(a1, n1) ** 2, stats.discovery_significance(a2, n2) ** 2)
    assert stats.discovery_significance(cat([a1, a2]), cat([n1, n2])) ** 2 == pytest.approx(q_sep, rel=1e-10)
    # a shared nuisance profiled once: the concatenated call minimises D1(theta) + D2(theta) + (theta/0.1)^2
    q_shared = stats.discovery_significance(cat([a1, a2]), cat([n1, n2]), nuisances=[(cat([t1, t2]), 0.1)]) ** 2
    best = optimize.minimize_scalar(
        lambda t: twin_q(a1, n1 + t * t1) + twin_q(a2, n2 + t * t2) + (t / 0.1) ** 2,
        bounds=(-0.6, 0.6), method="bounded", options=dict(xatol=1e-12))
    assert q_shared == pytest.approx(best.fun, rel=1e-8)
    assert q_shared <= q_sep * (1 + 1e-12)


def test_combine_broadcasts():
    np.testing.assert_allclose(stats.combine([1.0, 2.0], [[0.5], [1.5]]), [[1.5, 2.5], [2.5, 3.5]])


# ------------------------------------------------------------------------------------------------------------------
# Bad input
# ------------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("call", "word"),
    [
        (lambda: stats.discovery_significance([-1.0, 2.0], [1.0, 1.0]), "expected_alt"),
        (lambda: stats.discovery_significance([1.0, 2.0], [1.0, np.nan]), "expected_null"),
        (lambda: stats.discovery_significance([1.0, 2.0], [1.0, 1.0, 1.0]), "shapes"),
        (lambda: stats.discovery_significance([], []), "expected_alt"),
        (lambda: stats.discovery_significance([1.0], [1.0], nuisances=[([1.0], -0.1)]), "sigma"),
        (lambda: stats.discovery_significance([1.0], [1.0], nuisances=[([1.0, 2.0], 0.1)]), "template"),
        (lambda: stats.discovery_significance([1.0], [1.0], nuisances=[0.1]), "nuisances"),
        (lambda: stats.exclusion_test_statistic([1.0], [np.inf]), "expected_bkg"),
        (lambda: stats.poisson_deviance([1.0], [-2.0]), "expected"),
        (lambda: stats.poisson_upper_limit(0, 0.0, cl=1.0), "cl"),
        (lambda: stats.poisson_upper_limit(0, 0.0, cl=0.0), "cl"),
        (lambda: stats.poisson_upper_limit(-1, 0.0), "observed"),
        (lambda: stats.poisson_upper_limit(0, -1.0), "background"),
        (lambda: stats.poisson_upper_limit(0, 0.0, method="fc"), "method"),
        (lambda: stats.delta_chi2_threshold(0.9, 0), "dof"),
        (lambda: stats.delta_chi2_threshold(0.9, 1.5), "dof"),
        (lambda: stats.delta_chi2_threshold(1.2, 2), "cl"),
        (lambda: stats.delta_chi2_threshold(0.9, 2, sigma=1), "exactly one"),
        (lambda: stats.delta_chi2_threshold(sigma=-1), "sigma"),
        (lambda: stats.excluded(2.0, cl=95), "cl"),
        (lambda: stats.excluded(np.nan), "q"),
        (lambda: stats.chi2_gaussian([1.0], [1.0], [0.0], 0.1), "sigma_stat2"),
        (lambda: stats.chi2_gaussian([1.0], [1.0], [1.0], -0.1), "sigma_norm"),
        (lambda: stats.combine(), "at least one"),
        (lambda: stats.combine([1.0], [-1.0]), "q[1]"),
        (lambda: stats.p_value_to_z(1.5), "p="),
        (lambda: stats.z_to_p_value(np.nan), "z="),
        (lambda: stats.toy_significances([1.0], [1.0], 10, 42), "rng"),
        (lambda: stats.toy_significances([1.0], [1.0], 0, np.random.default_rng(1)), "n_toys"),
        (lambda: stats.toy_significances([[1.0]], [[1.0]], 5, np.random.default_rng(1)), "1-d"),
        (lambda: stats.profile_nuisances([1.0], [1.0], [([1.0], 0.1)], centres=[0.0, 1.0]), "centres"),
    ],
)
def test_bad_input_raises(call, word):
    with pytest.raises(ValueError, match=None) as exc:
        call()
    assert word in str(exc.value)


def test_chi2_gaussian_stable_for_predictions_far_above_the_data():
    # one bin: the pull-profiled chi^2 is r^2 / (var + (sigma_norm th)^2) exactly; the difference form
    # sum r^2/var - C^2/A cancels to rounding once th >> sqrt(var)/sigma_norm (a far-excluded hypothesis)
    n, var, sn = 48.3, 1.7, 0.06
    for th in (50.0, 1e4, 1e8, 1e12):
        exact = (n - th) ** 2 / (var + (sn * th) ** 2)
        assert stats.chi2_gaussian([n], [th], [var], sn) == pytest.approx(exact, rel=1e-9)
