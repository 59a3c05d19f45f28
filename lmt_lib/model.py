r"""The hidden-photon models: charges, gauge coupling, mass and the (loop-induced) kinetic mixing.

Conventions (Amaral, Cerdeño, Foldenauer, Reid, JHEP 12 (2020) 155, arXiv:2006.11225, Eq. (7)):

- Below the electroweak scale the :math:`A'` couples as :math:`g A'_\mu J^\mu_X` with
  :math:`J_X^\mu = \sum_f Q'_f \bar f \gamma^\mu f` (left-handed neutrinos only), and mixes kinetically with the photon,
  :math:`-\tfrac{\varepsilon}{2} F_{\mu\nu}F'^{\mu\nu}`.
- **Sign convention.** :math:`\varepsilon` is *negative* for :math:`U(1)_{L_\mu-L_\tau}` with :math:`g>0`:
  :math:`\varepsilon(0) = \frac{e g}{6\pi^2}\ln\frac{m_\mu}{m_\tau} \simeq -g/69.3`.  The cross sections
  (:mod:`lmt_lib.xsec`) are written so that, with this sign, :math:`\nu_\mu` (:math:`Q'=+1`) interferes
  destructively with the SM Z exchange in CEvNS and :math:`\nu_\tau` constructively; every observable depends on
  :math:`g\varepsilon \propto g^2` only, so :math:`g \to -g` changes nothing.

Charges are stored in the order of :data:`FERMIONS` = (e, mu, tau, nu_e, nu_mu, nu_tau).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from lmt_lib._kernels import jit
from lmt_lib._validation import finite_array, finite_coupling, flag, real_array
from lmt_lib._validation import positive as _positive
from lmt_lib.units import GeV, e_charge, m_e, m_mu, m_tau

#: the order in which charges are stored
FERMIONS: tuple[str, ...] = ("e", "mu", "tau", "nu_e", "nu_mu", "nu_tau")
#: the charged leptons' masses, in the order of the first three entries of :data:`FERMIONS`
CHARGED_LEPTON_MASSES: tuple[float, float, float] = (m_e, m_mu, m_tau)
#: the neutrino flavours as the cross sections and rates index them
FLAVOURS: tuple[str, ...] = ("e", "mu", "tau")

MODEL_CHARGES: dict[str, tuple[float, ...]] = {
    # U(1)_{Lmu - Ltau}: anomaly free, finite loop-induced kinetic mixing (arXiv:2006.11225, Eq. (2))
    "Lmu-Ltau": (0.0, 1.0, -1.0, 0.0, 1.0, -1.0),
    # effective U(1)_{Lmu}: anomalous, mixing set by the UV cut-off (arXiv:2104.03297;
    # 2104.03297 compares the models "with the same kinetic mixing")
    "Lmu": (0.0, 1.0, 0.0, 0.0, 1.0, 0.0),
}


# ----------------------------------------------------------------------------------------------------------------
# The vacuum-polarisation integral behind the kinetic mixing
# ----------------------------------------------------------------------------------------------------------------
@jit
def _loop_j(a):
    r"""J(a) = \int_0^1 dx\, x(1-x) \ln[1 + a\,x(1-x)] for a = Q^2/m^2 >= 0 (spacelike), in closed form.

    J(a) = -5/18 + 2/(3a) + (1/6)(1 - 2/a) b ln((b+1)/(b-1)),  b = sqrt(1 + 4/a); a series below a = 1e-3.
    """
    if a < 1e-3:
        return a / 30.0 - a * a / 280.0 + a * a * a / 1890.0
    b = math.sqrt(1.0 + 4.0 / a)
    return -5.0 / 18.0 + 2.0 / (3.0 * a) + (1.0 / 6.0) * (1.0 - 2.0 / a) * b * math.log((b + 1.0) / (b - 1.0))


@jit
def _mixing_ratio_spacelike(Q2, m_light2, m_heavy2):
    r"""ε(-Q²)/ε(0) for a pair of leptons with opposite charges (the Lμ−Lτ case), spacelike Q² >= 0.

    From 2006.11225 Eq. (7): ε(q²) ∝ ∫ x(1-x) ln[(m_τ² - x(1-x) q²)/(m_μ² - x(1-x) q²)], whose q²=0 value is
    ln(m_τ²/m_μ²)/6.
    """
    num = math.log(m_heavy2 / m_light2) / 6.0 + _loop_j(Q2 / m_heavy2) - _loop_j(Q2 / m_light2)
    return num / (math.log(m_heavy2 / m_light2) / 6.0)


def _loop_integral(q2: np.ndarray, m2: float) -> np.ndarray:
    r"""Complex \int_0^1 x(1-x) \ln[(m^2 - x(1-x) q^2 - i0)/m^2] for any real q² (closed form, -i0 prescription)."""
    q2 = np.asarray(q2, dtype=float)
    a = -q2 / m2  # a > 0 spacelike
    out = np.empty(q2.shape, dtype=complex)
    small = np.abs(a) < 1e-3
    asm = a[small]
    out[small] = asm / 30.0 - asm**2 / 280.0 + asm**3 / 1890.0
    al = a[~small].astype(complex)
    # the -i0 prescription: q^2 -> q^2 + i0, i.e. a -> a - i0
    al = al - 1e-300j
    b = np.sqrt(1.0 + 4.0 / al)
    out[~small] = -5.0 / 18.0 + 2.0 / (3.0 * al) + (1.0 - 2.0 / al) * b * np.log((b + 1.0) / (b - 1.0)) / 6.0
    return out


def kinetic_mixing(g, q2=0.0, charges=MODEL_CHARGES["Lmu-Ltau"], cutoff: float | None = None):
    r"""Loop-induced kinetic mixing :math:`\varepsilon(q^2)` of the hidden photon with the photon.

    .. math::
        \varepsilon(q^2) = \frac{e\,g}{2\pi^2}\sum_{\ell=e,\mu,\tau} Q'_\ell \int_0^1 dx\,x(1-x)\,
        \ln\frac{m_\ell^2 - x(1-x)\,q^2}{\Lambda^2}

    which for :math:`U(1)_{L_\mu-L_\tau}` is Eq. (7) of Amaral et al., arXiv:2006.11225,
    :math:`\varepsilon = -\frac{eg}{2\pi^2}\int_0^1 dx\,x(1-x)\ln\frac{m_\tau^2-x(1-x)q^2}{m_\mu^2-x(1-x)q^2}`,
    with :math:`\varepsilon(0) = \frac{eg}{6\pi^2}\ln\frac{m_\mu}{m_\tau} = -g/69.29`.  The cut-off :math:`\Lambda`
    cancels when :math:`\sum_\ell Q'_\ell = 0`; otherwise (e.g. the :math:`L_\mu` model, whose muon loop is cut off at
    Λ) it must be given.

    Parameters
    ----------
    g : float or array
        Gauge coupling (dimensionless, any sign: ε is odd in g).
    q2 : float or array
        Four-momentum transfer squared through the :math:`A'` in GeV² (internal units); negative for
        t-channel scattering (:math:`q^2=-2m_NE_R`), :math:`M_{A'}^2` for on-shell production.  Must stay below
        the pair threshold :math:`4m_\ell^2` of the lightest charged lepton with a charge (there ε is complex:
        use :func:`kinetic_mixing_complex`).
    charges : sequence of 6 floats
        Charges in the order of :data:`FERMIONS`; only the charged leptons enter the loop.
    cutoff : float, optional
        :math:`\Lambda` in GeV, required when the charged-lepton charges do not sum to zero.

    Returns
    -------
    float or ndarray
        ε (dimensionless), negative for Lμ−Lτ with g > 0 (the library's convention, see the module docstring).

    Examples
    --------
    >>> round(float(kinetic_mixing(1.0)), 6)
    -0.014433
    >>> from lmt_lib.units import MeV
    >>> round(float(kinetic_mixing(1.0, q2=-(100 * MeV) ** 2) / kinetic_mixing(1.0)), 4)
    0.9711
    """
    eps = kinetic_mixing_complex(g, q2, charges, cutoff)
    qmax = _threshold(charges)
    if np.any(np.asarray(q2) >= qmax):
        raise ValueError(
            f"q2 must be below the pair threshold 4 m_l^2 = {qmax:.6g} GeV^2 for a real kinetic mixing; "
            "use kinetic_mixing_complex above it"
        )
    out = eps.real
    return float(out) if np.ndim(out) == 0 else out


def _threshold(charges) -> float:
    ms = [mm for mm, c in zip(CHARGED_LEPTON_MASSES, charges[:3], strict=True) if c != 0.0]
    return 4.0 * min(ms) ** 2 if ms else math.inf


def kinetic_mixing_complex(g, q2=0.0, charges=MODEL_CHARGES["Lmu-Ltau"], cutoff: float | None = None):
    r"""The kinetic mixing :math:`\varepsilon(q^2)` as a complex number, valid also above the pair thresholds.

    Same formula and conventions as :func:`kinetic_mixing` (2006.11225 Eq. (7)), with the Feynman
    :math:`q^2 + i0` prescription; the imaginary part appears above :math:`4 m_\mu^2`.

    Examples
    --------
    >>> from lmt_lib.units import MeV
    >>> r = kinetic_mixing_complex(1.0, (200 * MeV) ** 2) / kinetic_mixing(1.0)
    >>> round(float(r.real), 4)
    1.2587
    """
    g = finite_coupling(g)
    charges = _check_charges(charges)
    q2 = finite_array("q2", q2)
    lep = charges[:3]
    total = sum(lep)
    lam = None if cutoff is None else _positive("cutoff", cutoff)
    if abs(total) > 1e-12:
        if lam is None:
            raise ValueError(
                "cutoff (Lambda, in GeV) is required: the charged-lepton charges do not sum to zero, "
                "so the loop-induced mixing depends on the UV completion (the muon loop is cut off at Λ)"
            )
        lam2 = lam**2
    else:
        lam2 = 1.0 * GeV**2  # cancels
    s = np.zeros(q2.shape, dtype=complex)
    for mass, c in zip(CHARGED_LEPTON_MASSES, lep, strict=True):
        if c != 0.0:
            s = s + c * (math.log(mass**2 / lam2) / 6.0 + _loop_integral(q2, mass**2))
    eps = e_charge * np.asarray(g) / (2.0 * math.pi**2) * s
    return eps if eps.ndim else complex(eps)


def mixing_ratio(Q2, charges=MODEL_CHARGES["Lmu-Ltau"]):
    r"""ε(−Q²)/ε(0) for spacelike momentum transfer Q² ≥ 0 (GeV²), used to switch on the running mixing in rates.

    Only defined for charge assignments whose loop is finite (charges of the charged leptons summing to zero).

    >>> from lmt_lib.units import MeV
    >>> round(float(mixing_ratio((50 * MeV) ** 2)), 4)
    0.9923
    """
    Q2 = real_array("Q2", Q2)
    if np.any(Q2 < 0) or not np.all(np.isfinite(Q2)):
        raise ValueError("Q2 must be finite and >= 0 (spacelike momentum transfer squared, GeV^2)")
    return kinetic_mixing(1.0, -Q2, charges) / kinetic_mixing(1.0, 0.0, charges)


# ----------------------------------------------------------------------------------------------------------------
# Models
# ----------------------------------------------------------------------------------------------------------------
def _check_charges(charges):
    c = tuple(real_array("charges", charges, max_ndim=1).ravel().tolist())
    if len(c) != 6 or not all(math.isfinite(x) for x in c):
        raise ValueError(f"charges={charges!r} must be 6 finite numbers in the order {FERMIONS}")
    return c


@dataclass(frozen=True)
class HiddenPhoton:
    r"""A hidden photon :math:`A'`: charges, mass, gauge coupling and kinetic mixing.

    Build it with :func:`lmu_ltau`, :func:`lmu` or :func:`custom` rather than directly.

    Attributes
    ----------
    name : str
        ``"Lmu-Ltau"``, ``"Lmu"`` or a user label.
    charges : tuple of 6 floats
        :math:`Q'` in the order of :data:`FERMIONS`.
    mass : float
        :math:`M_{A'}` in GeV (internal units).
    g : float
        Gauge coupling :math:`g` (also written :math:`g_{\mu\tau}`, :math:`g_x`).
    epsilon : float or None
        A constant kinetic mixing, or ``None`` for the loop-induced one (then :attr:`cutoff` is used where the
        loop needs it).
    running : bool
        With the loop-induced mixing: use the full :math:`\varepsilon(q^2)` (True) or its :math:`q^2=0` value
        (False, the authors' choice in their public code).
    cutoff : float or None
        UV scale :math:`\Lambda` (GeV) for anomalous charge sets such as :math:`L_\mu` (the muon loop is cut off at Λ).
    """

    name: str
    charges: tuple[float, ...]
    mass: float
    g: float
    epsilon: float | None = None
    running: bool = False
    cutoff: float | None = None
    source: str = field(default="", compare=False)

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name:
            raise ValueError(f"name={self.name!r} must be a non-empty string")
        object.__setattr__(self, "charges", _check_charges(self.charges))
        object.__setattr__(self, "mass", _positive("mass M", self.mass))
        g = finite_coupling(self.g)
        if np.ndim(g):
            raise ValueError(f"coupling g={self.g!r} must be a scalar; scan couplings with the template API")
        object.__setattr__(self, "g", float(g))
        object.__setattr__(self, "running", flag("running", self.running))
        if self.epsilon is not None:
            e = finite_coupling(self.epsilon, "epsilon")
            if np.ndim(e):
                raise ValueError(f"epsilon={self.epsilon!r} must be a scalar")
            object.__setattr__(self, "epsilon", float(e))
        if self.cutoff is not None:
            object.__setattr__(self, "cutoff", _positive("cutoff", self.cutoff))
        if self.epsilon is None and abs(sum(self.charges[:3])) > 1e-12 and self.cutoff is None:
            raise ValueError(
                f"model {self.name!r}: the loop-induced mixing of these charges needs a cutoff (Lambda, GeV), "
                "or give a constant epsilon"
            )
        if self.running and self.epsilon is not None:
            raise ValueError("running=True applies only to the loop-induced mixing (epsilon=None)")

    # -- couplings --------------------------------------------------------------------------------------------
    def charge(self, fermion: str) -> float:
        """:math:`Q'` of ``fermion`` (one of :data:`FERMIONS`)."""
        try:
            return self.charges[FERMIONS.index(fermion)]
        except ValueError:
            raise ValueError(f"unknown fermion {fermion!r}; expected one of {FERMIONS}") from None

    @property
    def neutrino_charges(self) -> np.ndarray:
        """:math:`(Q'_{\\nu_e}, Q'_{\\nu_\\mu}, Q'_{\\nu_\\tau})` as an array (the order of :data:`FLAVOURS`)."""
        return np.array(self.charges[3:], dtype=float)

    @property
    def eps0(self) -> float:
        r"""The kinetic mixing at :math:`q^2 = 0` (or the constant one)."""
        if self.epsilon is not None:
            return self.epsilon
        return kinetic_mixing(self.g, 0.0, self.charges, self.cutoff)

    def eps(self, q2=0.0):
        r"""The kinetic mixing at momentum transfer squared ``q2`` (GeV², negative for scattering).

        Constant if :attr:`epsilon` is given or :attr:`running` is False; otherwise the loop of
        :func:`kinetic_mixing`.
        """
        if self.epsilon is not None or not self.running:
            q2 = finite_array("q2", q2)
            return np.full(q2.shape, self.eps0) if q2.ndim else self.eps0
        return kinetic_mixing(self.g, q2, self.charges, self.cutoff)

    @property
    def g_eps(self) -> float:
        r"""The coupling product :math:`g\,\varepsilon(0)` that multiplies the interference templates."""
        return self.g * self.eps0

    def with_(self, **changes) -> HiddenPhoton:
        """A copy with some fields changed (validated again)."""
        return replace(self, **changes)


def lmu_ltau(mass, g, epsilon=None, running: bool = False) -> HiddenPhoton:
    r"""The gauged :math:`U(1)_{L_\mu-L_\tau}` hidden photon (arXiv:2006.11225; arXiv:2104.03297).

    Parameters
    ----------
    mass : float
        :math:`M_{A'}` in internal units (pass ``10 * MeV``).
    g : float
        Gauge coupling :math:`g_{\mu\tau}`.
    epsilon : float, optional
        A constant kinetic mixing instead of the loop-induced one (e.g. to treat ε as free).
    running : bool
        Use the full :math:`\varepsilon(q^2)` of 2006.11225 Eq. (7) instead of its :math:`q^2=0` value.

    Examples
    --------
    >>> from lmt_lib.units import MeV
    >>> A = lmu_ltau(10 * MeV, 5e-4)
    >>> round(A.g / A.eps0, 2)
    -69.29
    """
    return HiddenPhoton("Lmu-Ltau", MODEL_CHARGES["Lmu-Ltau"], mass, g, epsilon, running,
                        source="Amaral et al., arXiv:2104.03297; mixing: arXiv:2006.11225 Eq. (7)")


#: the cut-off that makes the Lμ model's mixing equal to the Lμ−Lτ one (our default Λ = m_τ: arXiv:2104.03297
#: compares the models at equal kinetic mixing)
LMU_DEFAULT_CUTOFF: float = m_tau


def lmu(mass, g, epsilon=None, cutoff: float = LMU_DEFAULT_CUTOFF) -> HiddenPhoton:
    r"""The effective :math:`U(1)_{L_\mu}`-like comparison model (Amaral et al., arXiv:2104.03297).

    Only the muon (and :math:`\nu_\mu`) are charged.  The loop-induced mixing
    :math:`\varepsilon = \frac{eg}{6\pi^2}\ln\frac{m_\mu}{\Lambda}` depends on the cut-off Λ (as in
    the authors' public ``LMu(g, m_A, mass_scale)``); the default Λ = m_τ gives the same mixing as :func:`lmu_ltau`, the
    comparison "with the same kinetic mixing" of arXiv:2104.03297.

    Examples
    --------
    >>> from lmt_lib.units import MeV
    >>> abs(lmu(10 * MeV, 5e-4).eps0 - lmu_ltau(10 * MeV, 5e-4).eps0) < 1e-15
    True
    """
    return HiddenPhoton("Lmu", MODEL_CHARGES["Lmu"], mass, g, epsilon, False, cutoff,
                        source="effective U(1)_Lmu, arXiv:2104.03297; mixing from the muon loop cut off at Λ")


def custom(name: str, charges, mass, g, epsilon=None, cutoff=None) -> HiddenPhoton:
    """A hidden photon with user-given charges (order :data:`FERMIONS`) and a constant or loop-induced mixing."""
    return HiddenPhoton(name, charges, mass, g, epsilon, False, cutoff)


def model(name: str, mass, g, **kwargs) -> HiddenPhoton:
    """Build a named model: ``"Lmu-Ltau"`` or ``"Lmu"``; unknown names raise ``ValueError``."""
    builders = {"Lmu-Ltau": lmu_ltau, "Lmu": lmu}
    if not isinstance(name, str) or name not in builders:
        raise ValueError(f"unknown model name {name!r}; expected one of {sorted(builders)}")
    return builders[name](mass, g, **kwargs)


# ----------------------------------------------------------------------------------------------------------------
# Decay widths (tree level)
# ----------------------------------------------------------------------------------------------------------------
def invisible_branching_ratio(A: HiddenPhoton) -> float:
    r"""BR(A' → νν̄) from the tree-level widths (e.g. Bauer, Foldenauer, Jaeckel, JHEP 07 (2018) 094, arXiv:1803.05466).

    :math:`\Gamma(\nu\bar\nu) = g^2 Q'^2 M/(24\pi)` per flavour (left-handed only) and
    :math:`\Gamma(\ell\ell) = g^2 Q'^2 M/(12\pi)(1+2m_\ell^2/M^2)\sqrt{1-4m_\ell^2/M^2}`.  Decays through ε are
    neglected (suppressed by :math:`(e\varepsilon)^2 \sim 2\times10^{-5} g^2`).

    >>> from lmt_lib.units import MeV
    >>> invisible_branching_ratio(lmu_ltau(100 * MeV, 1e-3))
    1.0
    """
    if not isinstance(A, HiddenPhoton):
        raise ValueError(f"A={A!r} must be a lmt_lib.model.HiddenPhoton")
    M = A.mass
    inv = sum(q**2 for q in A.charges[3:]) / 24.0
    vis = 0.0
    for ml, q in zip(CHARGED_LEPTON_MASSES, A.charges[:3], strict=True):
        if q != 0.0 and M > 2 * ml:
            r = ml**2 / M**2
            vis += q**2 / 12.0 * (1 + 2 * r) * math.sqrt(1 - 4 * r)
    return inv / (inv + vis) if inv > 0 else 0.0
