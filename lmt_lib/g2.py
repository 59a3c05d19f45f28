r"""The muon anomalous magnetic moment: the :math:`A'` one-loop contribution and the (g−2)_μ scenarios.

The hidden photon couples vectorially to the muon with strength :math:`g Q'_\mu`; its one-loop contribution is
(Jegerlehner & Nyffeler, Phys. Rept. 477 (2009) 1, Eq. (257); Pospelov, PRD 80 (2009) 095002)

.. math::
    \Delta a_\mu^{A'} = \frac{g^2}{4\pi^2}\int_0^1 dx\,\frac{m_\mu^2\,x(1-x)^2}{m_\mu^2(1-x)^2 + M_{A'}^2\,x}.

A scenario is a measured-minus-predicted :math:`\Delta a_\mu \pm \sigma`.  Where it prefers a non-zero value at
more than 2σ the model has a *favoured band* in :math:`(M_{A'}, g)`; otherwise only an *upper limit* on g.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import integrate

from lmt_lib._validation import finite_array, finite_coupling, positive, positive_array, real
from lmt_lib.units import m_mu


# ----------------------------------------------------------------------------------------------------------------
# The one-loop contribution
# ----------------------------------------------------------------------------------------------------------------
def _loop_function(M: float) -> float:
    """∫_0^1 dx m² x (1−x)² / (m²(1−x)² + M² x) for one mass (GeV); the integrand peaks at 1−x ~ M/m_μ."""
    r2 = (M / m_mu) ** 2

    def f(x):
        y = 1.0 - x
        return x * y * y / (y * y + r2 * x)

    # split at the peak region so that quad resolves the narrow structure for M << m_mu
    brk = max(0.0, 1.0 - 10.0 * math.sqrt(r2))
    pts = [p for p in (brk,) if 0.0 < p < 1.0]
    val, _ = integrate.quad(f, 0.0, 1.0, points=pts or None, epsabs=0.0, epsrel=1e-11, limit=200)
    return val


def _check_g(g) -> np.ndarray:
    return np.asarray(finite_coupling(g))


def loop_function(M):
    r"""The dimensionless integral :math:`\Delta a_\mu/(g^2/4\pi^2)` (Jegerlehner & Nyffeler 2009, Eq. (257)),
    vectorised over M (GeV).

    Tends to 1/2 for :math:`M\ll m_\mu` and to :math:`m_\mu^2/(3M^2)` for :math:`M\gg m_\mu`.

    >>> from lmt_lib.units import MeV
    >>> round(float(loop_function(1e-3 * MeV)), 4)
    0.5
    """
    arr = positive_array("mass M", M, hint="pass e.g. 10 * MeV", at_least_1d=False)
    out = np.array([_loop_function(float(x)) for x in arr.ravel()]).reshape(arr.shape)
    return float(out) if out.ndim == 0 else out


def delta_a_mu(M, g):
    r"""One-loop :math:`\Delta a_\mu` of a vector boson of mass M coupling vectorially to the muon with strength g.

    Jegerlehner & Nyffeler, Phys. Rept. 477 (2009) 1, Eq. (257); Pospelov, PRD 80 (2009) 095002.

    Parameters
    ----------
    M : float or array
        :math:`M_{A'}` in internal units (pass ``10 * MeV``).
    g : float or array
        Coupling to the muon (:math:`g Q'_\mu`); broadcast against M.

    Returns
    -------
    float or ndarray
        :math:`\Delta a_\mu` (dimensionless).

    Examples
    --------
    >>> from lmt_lib.units import MeV
    >>> f"{delta_a_mu(10 * MeV, 5.03e-4):.4e}"
    '2.5079e-09'
    >>> f"{delta_a_mu(100 * MeV, 5e-4):.4e}"
    '7.0089e-10'
    """
    gg = _check_g(g)
    out = gg**2 / (4.0 * math.pi**2) * loop_function(M)
    return float(out) if np.ndim(out) == 0 else out


def delta_a_mu_light(g):
    r"""The light-mediator limit :math:`\Delta a_\mu \to g^2/(8\pi^2)` (:math:`M\ll m_\mu`).

    >>> round(delta_a_mu_light(1.0), 7)
    0.0126651
    """
    gg = _check_g(g)
    out = gg**2 / (8.0 * math.pi**2)
    return float(out) if np.ndim(out) == 0 else out


def delta_a_mu_heavy(M, g):
    r"""The heavy-mediator limit :math:`\Delta a_\mu \to g^2 m_\mu^2/(12\pi^2 M^2)` (:math:`M\gg m_\mu`).

    >>> from lmt_lib.units import GeV
    >>> f"{delta_a_mu_heavy(10 * GeV, 1.0):.4e}"
    '9.4260e-07'
    """
    arr = positive_array("mass M", M, hint="pass e.g. 10 * MeV", at_least_1d=False)
    gg = _check_g(g)
    out = gg**2 * m_mu**2 / (12.0 * math.pi**2 * arr**2)
    return float(out) if np.ndim(out) == 0 else out


def coupling_for(M, delta_a):
    r"""The coupling g > 0 that gives :math:`\Delta a_\mu` = ``delta_a`` at mass M (inverts the one-loop formula; Δa ∝
    g²).

    >>> from lmt_lib.units import MeV
    >>> f"{coupling_for(10 * MeV, 251e-11):.4e}"
    '5.0321e-04'
    """
    da = finite_array("delta_a", delta_a)
    if np.any(da < 0):
        raise ValueError(f"delta_a={delta_a!r} must be finite and >= 0")
    out = np.sqrt(da * 4.0 * math.pi**2 / loop_function(M))
    return float(out) if np.ndim(out) == 0 else out


# ----------------------------------------------------------------------------------------------------------------
# Scenarios
# ----------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class G2Scenario:
    """A (g−2)_μ scenario: experiment minus Standard-Model prediction, :math:`\\Delta a_\\mu \\pm \\sigma`.

    Attributes
    ----------
    name : str
        Registry key (``"WP20_2021"``, ``"WP20_2023"``, ``"WP25_final"``) or a user label.
    delta_a, sigma : float
        Central value and 1σ error of :math:`\\Delta a_\\mu` (dimensionless, e.g. ``251e-11``).
    description, source : str
        What it means, and where the numbers come from.
    display_name : str
        The name shown to readers in legends and tables (``"WP20 2021"``); empty: :attr:`label` falls back to the
        registry key with spaces.
    """

    name: str
    delta_a: float
    sigma: float
    description: str = ""
    source: str = ""
    display_name: str = ""

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name:
            raise ValueError(f"name={self.name!r} must be a non-empty string")
        for field_name in ("delta_a", "sigma"):
            real(field_name, getattr(self, field_name))
        if self.sigma <= 0:
            raise ValueError(f"sigma={self.sigma!r} must be > 0")

    @property
    def label(self) -> str:
        """The readable name for legends and tables (``"WP20 2021"`` rather than the key ``"WP20_2021"``)."""
        return self.display_name or self.name.replace("_", " ")

    @property
    def significance(self) -> float:
        """The ratio :math:`\\Delta a_\\mu/\\sigma` of the rounded published numbers.

        This is not always the significance the publications quote (4.2σ for ``WP20_2021`` and 5.1σ for
        ``WP20_2023``, computed from unrounded values; see each scenario's ``description``): 251/59 = 4.25 and
        249/48 = 5.19.  Tables should label it Δa/σ.
        """
        return self.delta_a / self.sigma

    def prefers_new_physics(self, n_sigma: float = 2.0) -> bool:
        """True if zero is excluded at more than ``n_sigma``: then a favoured band exists at that level."""
        return self.delta_a - positive("n_sigma", n_sigma) * self.sigma > 0


SCENARIOS: dict[str, G2Scenario] = {
    s.name: s
    for s in (
        G2Scenario(
            "WP20_2021", 251e-11, 59e-11,
            "FNAL Run-1 + BNL world average minus the 2020 White Paper (data-driven HVP): 4.2σ; the paper's",
            "Muon g-2, PRL 126 (2021) 141801; Aoyama et al., Phys. Rept. 887 (2020) 1",
            "WP20 2021",
        ),
        G2Scenario(
            "WP20_2023", 249e-11, 48e-11,
            "2023 world average (FNAL Run-1-3 + BNL) minus the 2020 White Paper: 5.1σ",
            "Muon g-2, PRL 131 (2023) 161802",
            "WP20 2023",
        ),
        G2Scenario(
            "WP25_final", 38e-11, 63e-11,
            "2025 world average 116592071.5(14.5)e-11 minus the 2025 White Paper (lattice HVP) 116592033(62)e-11: "
            "0.6σ, no tension",
            "Muon g-2, arXiv:2506.03069; Aliberti et al. (Theory Initiative), arXiv:2505.21476",
            "WP25 2025",
        ),
    )
}


def get_scenario(scenario) -> G2Scenario:
    """A scenario from its name, a :class:`G2Scenario`, or a ``(delta_a, sigma)`` pair given by the user.

    >>> get_scenario("WP20_2021").delta_a
    2.51e-09
    >>> get_scenario((100e-11, 50e-11)).name
    'user'
    """
    if isinstance(scenario, G2Scenario):
        return scenario
    if isinstance(scenario, str):
        try:
            return SCENARIOS[scenario]
        except KeyError:
            raise ValueError(f"unknown scenario {scenario!r}; expected one of {sorted(SCENARIOS)} "
                             "or a (delta_a, sigma) pair") from None
    try:
        delta_a, sigma = scenario
    except (TypeError, ValueError):
        raise ValueError(f"scenario={scenario!r} must be a name, a G2Scenario or a (delta_a, sigma) pair") from None
    try:
        return G2Scenario("user", delta_a, sigma, "user-given", "user")
    except ValueError as err:
        raise ValueError(f"scenario={scenario!r}: {err}") from None


@dataclass(frozen=True)
class G2Region:
    """What a scenario says about :math:`(M_{A'}, g)` at a confidence level: a band or an upper limit.

    Attributes
    ----------
    scenario : G2Scenario
    n_sigma : float
    kind : str
        ``"band"`` (g_low < g < g_high favoured) or ``"upper limit"`` (g < g_high allowed; g_low is zero).
    mass, g_low, g_high : ndarray
        The masses (GeV) and the edges of the region at each mass.
    """

    scenario: G2Scenario
    n_sigma: float
    kind: str
    mass: np.ndarray
    g_low: np.ndarray
    g_high: np.ndarray


def g2_region(M, scenario="WP20_2021", n_sigma: float = 2.0) -> G2Region:
    r"""The region of :math:`(M_{A'}, g)` a (g−2)_μ scenario selects at ``n_sigma``.

    - If :math:`\Delta a_\mu - n\sigma > 0` the scenario prefers new physics: the favoured band is
      :math:`\Delta a_\mu - n\sigma < \Delta a_\mu^{A'}(M, g) < \Delta a_\mu + n\sigma`
      (:math:`\chi^2 \le n^2`; the band construction is our choice).
    - Otherwise the contribution must not exceed the upper edge: :math:`\Delta a_\mu^{A'} < \Delta a_\mu + n\sigma`,
      an upper limit on g (for WP25 at 2σ, :math:`\Delta a_\mu < 164\times10^{-11}`).

    Examples
    --------
    >>> from lmt_lib.units import MeV
    >>> r = g2_region([10 * MeV], "WP20_2021", 2)
    >>> r.kind, [f"{x:.4e}" for x in (r.g_low[0], r.g_high[0])]
    ('band', ['3.6630e-04', '6.1013e-04'])
    >>> r = g2_region([10 * MeV], "WP25_final", 2)
    >>> r.kind, f"{r.g_high[0]:.2e}"
    ('upper limit', '4.07e-04')
    """
    sc = get_scenario(scenario)
    n = positive("n_sigma", n_sigma)
    mass = np.atleast_1d(positive_array("mass M", M, hint="pass e.g. 10 * MeV", at_least_1d=False))
    hi = sc.delta_a + n * sc.sigma
    if hi <= 0:
        raise ValueError(f"scenario {sc.name!r} leaves no room for a positive contribution at {n} sigma")
    lf = loop_function(mass)
    g_high = np.sqrt(hi * 4.0 * math.pi**2 / lf)
    if sc.prefers_new_physics(n):
        g_low = np.sqrt((sc.delta_a - n * sc.sigma) * 4.0 * math.pi**2 / lf)
        kind = "band"
    else:
        g_low = np.zeros_like(g_high)
        kind = "upper limit"
    return G2Region(sc, n, kind, mass, np.atleast_1d(g_low), np.atleast_1d(g_high))


def chi2_g2(M, g, scenario="WP20_2021"):
    r""":math:`\chi^2_{g-2}(M, g) = [(\Delta a_\mu^{A'}(M,g) - \Delta a_\mu)/\sigma]^2`, broadcast over M, g.

    >>> from lmt_lib.units import MeV
    >>> round(float(chi2_g2(10 * MeV, 0.0)), 3)
    18.099
    """
    sc = get_scenario(scenario)
    return ((delta_a_mu(M, g) - sc.delta_a) / sc.sigma) ** 2
