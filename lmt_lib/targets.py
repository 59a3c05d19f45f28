r"""Targets: nuclei and their isotopic mixtures, the Helm form factor, and atomic binding for electron recoils.

Three concerns live here:

- **Nuclei and targets.**  A :class:`Nucleus` carries Z, A and a mass; a :class:`Target` is a mixture of nuclei
  given by *mass fractions* (the fraction of the target's mass carried by each isotope), so that the number of
  nuclei of isotope i per unit target mass is :math:`w_i/m_i` (:meth:`Target.nuclei_per_mass`).  Natural elements
  are built from their isotopic *abundances* (number fractions, IUPAC/CIAAW) by :func:`from_abundances`;
  compounds (CsI) from their stoichiometry by :func:`compound`.
- **Masses.**  Following the authors' public code (github.com/dwpamaral/SNuDD) the mass :math:`m_N` used in the
  kinematics is the **atomic** mass in u (``Nucleus.mass``), not the bare nuclear mass.  The difference,
  :math:`Z m_e` minus the electron binding, is :math:`2\times10^{-4}` of the mass for Xe and enters the rates at
  that level; :attr:`Nucleus.nuclear_mass` gives the bare mass for comparison.
- **Helm form factor** (Lewin & Smith, Astropart. Phys. 6 (1996) 87, Eqs. (4.7)-(4.11)).
- **Atomic binding in the stepping approximation** (Chen et al., arXiv:1610.04177): the number of electrons per atom
  that can take a recoil :math:`E_R` is :math:`Z_{\rm eff}(E_R) = \sum_i n_i\,\Theta(E_R - B_i)`.

Isotope data: abundances from the IUPAC 2013 evaluation (J. Meija et al., *Isotopic compositions of the elements
2013*, Pure Appl. Chem. 88 (2016) 293, as tabulated by NIST); atomic masses from the Atomic Mass Evaluation (AME2016,
M. Wang et al., Chin. Phys. C 41 (2017) 030003, as tabulated by NIST; the AME2020 values agree to the digits used
here), except where the authors' public code uses another value.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from lmt_lib._kernels import jit
from lmt_lib._validation import positive as _positive
from lmt_lib._validation import count, positive_array
from lmt_lib.units import HBAR_C_GEV_CM, amu, eV, m_e

# --------------------------------------------------------------------------------------------------------------
# Nuclei
# --------------------------------------------------------------------------------------------------------------
_AME = "atomic mass: AME2016 (Wang et al., Chin. Phys. C 41 (2017) 030003) via NIST"
_MASS_C = "atomic mass as in the authors' public code (github.com/dwpamaral/SNuDD)"
_MASS_L = "atomic mass from the AME2020 evaluation (Wang et al., Chin. Phys. C 45 (2021) 030003)"


@dataclass(frozen=True)
class Nucleus:
    r"""A nuclide: charge, mass number and mass.

    Attributes
    ----------
    name : str
        e.g. ``"Xe131"``.
    Z : int
        Proton number.
    A : int
        Mass number; :attr:`N` = A - Z.
    mass : float
        The **atomic** mass in internal units (GeV), the :math:`m_N` of the CEvNS cross section and the Helm factor
        (see module notes).
    source : str
        Where the mass comes from.

    Examples
    --------
    >>> from lmt_lib.units import amu
    >>> x = NUCLEI["Xe131"]
    >>> (x.Z, x.N, round(x.mass / amu, 8))
    (54, 77, 130.90508414)
    """

    name: str
    Z: int
    A: int
    mass: float
    source: str = field(default="", compare=False)

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name:
            raise ValueError(f"Nucleus.name={self.name!r} must be a non-empty string")
        Z = count(f"Nucleus {self.name!r}: Z", self.Z, maximum=150)
        A = count(f"Nucleus {self.name!r}: A", self.A, maximum=400)
        if not Z <= A:
            raise ValueError(f"Nucleus {self.name!r}: need 0 < Z <= A, got Z={self.Z}, A={self.A}")
        m = _positive(f"Nucleus {self.name!r}: mass", self.mass)
        object.__setattr__(self, "Z", Z)
        object.__setattr__(self, "A", A)
        object.__setattr__(self, "mass", m)

    @property
    def N(self) -> int:
        """Neutron number A - Z."""
        return self.A - self.Z

    @property
    def nuclear_mass(self) -> float:
        r"""The bare nuclear mass (GeV): atomic mass minus :math:`Z m_e` plus the total electron binding energy.

        The binding uses the fit :math:`B_{\rm el} = 14.4381\,Z^{2.39} + 1.55468\times10^{-6}\,Z^{5.35}` eV of
        Lunney, Pearson & Thibault, Rev. Mod. Phys. 75 (2003) 1021, Eq. (A4).  Not used by the rates (which follow the
        authors' atomic-mass convention); provided to quantify that choice.
        """
        b_el = (14.4381 * self.Z**2.39 + 1.55468e-6 * self.Z**5.35) * eV
        return self.mass - self.Z * m_e + b_el


def _nuc(name, Z, A, mass_u, source=_AME) -> Nucleus:
    return Nucleus(name, Z, A, mass_u * amu, source)


#: every nuclide the library knows, by name
NUCLEI: dict[str, Nucleus] = {
    n.name: n
    for n in (
        _nuc("Xe124", 54, 124, 123.9058920),
        _nuc("Xe126", 54, 126, 125.9042983),
        _nuc("Xe128", 54, 128, 127.9035310),
        _nuc("Xe129", 54, 129, 128.9047808611),
        _nuc("Xe130", 54, 130, 129.903509349),
        _nuc("Xe131", 54, 131, 130.90508414, _MASS_C),
        _nuc("Xe132", 54, 132, 131.9041550856),
        _nuc("Xe134", 54, 134, 133.90539466),
        _nuc("Xe136", 54, 136, 135.907214484),
        _nuc("Ar36", 18, 36, 35.967545105),
        _nuc("Ar38", 18, 38, 37.96273211),
        _nuc("Ar40", 18, 40, 39.96238312, _MASS_C),
        _nuc("Ge70", 32, 70, 69.92424875),
        _nuc("Ge72", 32, 72, 71.922075826),
        _nuc("Ge73", 32, 73, 72.9234590, _MASS_C),
        _nuc("Ge74", 32, 74, 73.921177761),
        _nuc("Ge76", 32, 76, 75.921402726),
        _nuc("Cs133", 55, 133, 132.905452, _MASS_L),
        _nuc("I127", 53, 127, 126.904473, _MASS_L),
        _nuc("Na23", 11, 23, 22.9897692820),
    )
}

_IUPAC = "abundances: IUPAC 2013 (Meija et al., Pure Appl. Chem. 88 (2016) 293) via NIST"

#: natural isotopic abundances (number fractions) used to build the natural elements, with their source
ABUNDANCES: dict[str, tuple[tuple[tuple[str, float], ...], str]] = {
    "Xe": (
        (("Xe124", 0.000952), ("Xe126", 0.000890), ("Xe128", 0.019102), ("Xe129", 0.264006),
         ("Xe130", 0.040710), ("Xe131", 0.212324), ("Xe132", 0.269086), ("Xe134", 0.104357),
         ("Xe136", 0.088573)),
        _IUPAC,
    ),
    "Ar": ((("Ar36", 0.003336), ("Ar38", 0.000629), ("Ar40", 0.996035)), _IUPAC + " (atmospheric argon)"),
    "Ge": (
        (("Ge70", 0.2057), ("Ge72", 0.2745), ("Ge73", 0.0775), ("Ge74", 0.3650), ("Ge76", 0.0773)),
        _IUPAC,
    ),
}


def get_nucleus(nucleus) -> Nucleus:
    """Return ``nucleus`` if it is a :class:`Nucleus`, else look the name up in :data:`NUCLEI`.

    >>> get_nucleus("Ar40").A
    40
    """
    if isinstance(nucleus, Nucleus):
        return nucleus
    if isinstance(nucleus, str) and nucleus in NUCLEI:
        return NUCLEI[nucleus]
    raise ValueError(f"unknown nucleus {nucleus!r}; expected a Nucleus or one of {sorted(NUCLEI)}")


# --------------------------------------------------------------------------------------------------------------
# Targets
# --------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    r"""A target material: a mixture of nuclides given by their **mass fractions**.

    Attributes
    ----------
    name : str
        e.g. ``"Xe"`` (natural xenon), ``"Xe131"``, ``"CsI"``.
    isotopes : tuple of (Nucleus, float)
        Each nuclide with the fraction :math:`w_i` of the target *mass* it carries; the :math:`w_i` sum to 1.
        (Build from number abundances with :func:`from_abundances`, from a formula with :func:`compound`.)
    source : str
        Citation of the composition.
    element : str or None
        The chemical element for the atomic-binding tables (:data:`SHELLS`), ``None`` for compounds.

    Examples
    --------
    >>> from lmt_lib.units import tonne
    >>> t = TARGETS["Xe131"]
    >>> f"{float(t.nuclei_per_mass().sum() * tonne):.4e}"
    '4.6004e+27'
    """

    name: str
    isotopes: tuple[tuple[Nucleus, float], ...]
    source: str = field(default="", compare=False)
    element: str | None = None

    def __post_init__(self):
        try:
            iso = tuple((get_nucleus(n), w) for n, w in _pairs(f"Target {self.name!r}: isotopes", self.isotopes))
        except ValueError as err:
            raise ValueError(f"Target {self.name!r}: isotopes: {err}") from None
        if not iso:
            raise ValueError(f"Target {self.name!r}: isotopes must not be empty")
        ws = np.array([w for _, w in iso])
        if not np.all(np.isfinite(ws)) or np.any(ws <= 0):
            raise ValueError(f"Target {self.name!r}: the mass fractions of isotopes {ws.tolist()} must be finite "
                             "and > 0")
        if abs(ws.sum() - 1.0) > 1e-9:
            raise ValueError(f"Target {self.name!r}: the mass fractions of isotopes must sum to 1, got {ws.sum()!r}")
        object.__setattr__(self, "isotopes", iso)
        if self.element is not None and self.element not in SHELLS:
            raise ValueError(f"Target {self.name!r}: element {self.element!r} not in {sorted(SHELLS)}")

    @property
    def nuclei(self) -> tuple[Nucleus, ...]:
        """The nuclides, in the order of :attr:`isotopes`."""
        return tuple(n for n, _ in self.isotopes)

    @property
    def mass_fractions(self) -> np.ndarray:
        """The mass fractions :math:`w_i` (sum 1)."""
        return np.array([w for _, w in self.isotopes])

    def nuclei_per_mass(self) -> np.ndarray:
        r"""Number of nuclei of each isotope per unit target mass, :math:`w_i/m_i`, in GeV⁻¹.

        Multiply by a detector mass (``1 * tonne``) to get the number of target nuclei :math:`N_T` of each isotope
        (the rate integral uses :math:`N_T = M_{\rm det}/m_N` for a single isotope).

        >>> from lmt_lib.units import tonne
        >>> n = TARGETS["CsI"].nuclei_per_mass() * tonne
        >>> round(float(n[0] / n[1]), 12)
        1.0
        """
        return np.array([w / n.mass for n, w in self.isotopes])

    def number_fractions(self) -> np.ndarray:
        """Fraction of the nuclei that are of each isotope (the isotopic abundance for an element)."""
        n = self.nuclei_per_mass()
        return n / n.sum()

    @property
    def mean_atomic_mass(self) -> float:
        """Mass per nucleus averaged over the mixture (GeV): 1 / (nuclei per unit mass)."""
        return 1.0 / float(self.nuclei_per_mass().sum())


def _pairs(name: str, items) -> list[tuple[object, float]]:
    """``items`` as a list of (thing, real number) pairs; the errors name ``name``."""
    if isinstance(items, (str, bytes)) or not hasattr(items, "__iter__"):
        raise ValueError(f"{name}={items!r} must be a sequence of (nuclide or target, number) pairs")
    out = []
    for item in items:
        try:
            thing, x = item
            x = float(x)
        except (TypeError, ValueError):
            raise ValueError(f"{name}: {item!r} is not a (nuclide or target, number) pair") from None
        out.append((thing, x))
    return out


def from_abundances(name: str, abundances, source: str = "", element: str | None = None) -> Target:
    r"""Build a :class:`Target` from number abundances :math:`x_i`: :math:`w_i = x_i m_i / \sum_j x_j m_j`.

    The abundances are renormalised to sum 1 (published sets round to ~1e-6).

    >>> t = from_abundances("Ar", [("Ar40", 0.5), ("Ar36", 0.5)])
    >>> round(float(t.number_fractions()[0]), 12)
    0.5
    """
    try:
        pairs = [(get_nucleus(n), x) for n, x in _pairs("abundances", abundances)]
    except ValueError as err:
        raise ValueError(f"abundances: {err}") from None
    xs = np.array([x for _, x in pairs])
    if xs.size == 0 or not np.all(np.isfinite(xs)) or np.any(xs <= 0):
        raise ValueError(f"abundances {xs.tolist()} must be finite and > 0 (and not empty)")
    ms = np.array([n.mass for n, _ in pairs])
    w = xs * ms / np.sum(xs * ms)
    w = w / w.sum()
    return Target(name, tuple((n, float(wi)) for (n, _), wi in zip(pairs, w, strict=True)), source, element)


def compound(name: str, parts, source: str = "") -> Target:
    """A compound from ``[(Target or target name, atoms per formula unit), ...]``; mass fractions follow the
    stoichiometry.

    >>> t = TARGETS["CsI"]
    >>> round(float(t.mass_fractions[0]), 4)
    0.5115
    """
    iso = []
    pairs = _pairs("parts", parts)
    if not pairs:
        raise ValueError("parts must not be empty")
    for tgt, c in pairs:
        if not math.isfinite(c) or c <= 0:
            raise ValueError(f"parts: atoms per formula unit={c!r} must be finite and > 0")
        if not isinstance(tgt, Target):
            try:
                tgt = get_target(tgt)
            except ValueError as err:
                raise ValueError(f"parts: {err}") from None
        for nuc, frac in zip(tgt.nuclei, tgt.number_fractions(), strict=True):
            iso.append((nuc, c * frac * nuc.mass))
    tot = sum(w for _, w in iso)
    ws = np.array([w / tot for _, w in iso])
    ws = ws / ws.sum()
    return Target(name, tuple((n, float(w)) for (n, _), w in zip(iso, ws, strict=True)), source, None)


def _build_targets() -> dict[str, Target]:
    t: dict[str, Target] = {}
    for el in ("Xe", "Ar", "Ge"):
        ab, src = ABUNDANCES[el]
        t[el] = from_abundances(el, ab, src, element=el)
    t["Xe131"] = Target("Xe131", ((NUCLEI["Xe131"], 1.0),), "single isotope as in the authors' public code "
                                                            "(github.com/dwpamaral/SNuDD)", "Xe")
    t["Ar40"] = Target("Ar40", ((NUCLEI["Ar40"], 1.0),), "single isotope as in the authors' public code "
                                                         "(github.com/dwpamaral/SNuDD)", "Ar")
    t["Ge73"] = Target("Ge73", ((NUCLEI["Ge73"], 1.0),), "single isotope as in the authors' public code "
                                                         "(github.com/dwpamaral/SNuDD)", "Ge")
    t["Cs"] = Target("Cs", ((NUCLEI["Cs133"], 1.0),), "133Cs is the only stable isotope", None)
    t["I"] = Target("I", ((NUCLEI["I127"], 1.0),), "127I is the only stable isotope", None)
    t["Na"] = Target("Na", ((NUCLEI["Na23"], 1.0),), "23Na is the only stable isotope", None)
    t["CsI"] = compound("CsI", [(t["Cs"], 1), (t["I"], 1)], "CsI: one Cs and one I per formula unit")
    return t


# --------------------------------------------------------------------------------------------------------------
# Atomic binding (stepping approximation, Chen et al., arXiv:1610.04177)
# --------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ShellTable:
    """Atomic (sub)shells of one element: labels, binding energies (GeV) and electron counts, with the source."""

    element: str
    labels: tuple[str, ...]
    binding: tuple[float, ...]
    counts: tuple[int, ...]
    source: str

    def __post_init__(self):
        if not (len(self.labels) == len(self.binding) == len(self.counts)):
            raise ValueError(f"ShellTable {self.element!r}: labels, binding and counts must have equal length")

    @property
    def Z(self) -> int:
        """Total number of electrons."""
        return int(sum(self.counts))

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """``(binding energies in GeV, electron counts as floats)``, the form the kernels take."""
        return np.array(self.binding, dtype=float), np.array(self.counts, dtype=float)


def _shells(element, rows, source):
    labels = tuple(r[0] for r in rows)
    return ShellTable(element, labels, tuple(r[1] * eV for r in rows), tuple(int(r[2]) for r in rows), source)


#: atomic shells per element, binding energies in GeV (internal units)
SHELLS: dict[str, ShellTable] = {
    "Xe": _shells(
        "Xe",
        [("5p3/2", 12.0, 4), ("5p1/2", 13.4, 2), ("5s", 27.5, 2), ("4d5/2", 71.7, 6), ("4d3/2", 73.8, 4),
         ("4p3/2", 162.8, 4), ("4p1/2", 175.6, 2), ("4s", 229.4, 2), ("3d5/2", 649.9, 6), ("3d3/2", 708.1, 4),
         ("3p3/2", 961.2, 4), ("3p1/2", 1024.8, 2), ("3s", 1170.5, 2), ("2p3/2", 4835.6, 4),
         ("2p1/2", 5161.5, 2), ("2s", 5509.8, 2), ("1s", 34759.0, 2)],
        "Chen et al., arXiv:1610.04177 (RRPA), as listed in the authors' public code (github.com/dwpamaral/SNuDD)",
    ),
    "Ar": _shells(
        "Ar",
        [("3p3/2", 15.7, 4), ("3p1/2", 15.9, 2), ("3s", 29.3, 2), ("2p3/2", 248.4, 4), ("2p1/2", 250.6, 2),
         ("2s", 326.3, 2), ("1s", 3205.9, 2)],
        "X-Ray Data Booklet (LBNL), Table 1-1 (G.P. Williams; Bearden & Burr, Rev. Mod. Phys. 39 (1967) 125); "
        "gas phase, relative to the vacuum level",
    ),
    "Ge": _shells(
        "Ge",
        [("4s4p (valence)", 0.0, 4), ("3d5/2", 29.2, 6), ("3d3/2", 29.8, 4), ("3p3/2", 120.8, 4),
         ("3p1/2", 124.9, 2), ("3s", 180.1, 2), ("2p3/2", 1217.0, 4), ("2p1/2", 1248.1, 2), ("2s", 1414.6, 2),
         ("1s", 11103.1, 2)],
        "X-Ray Data Booklet (LBNL), Table 1-1 (relative to the top of the valence band); the 4s2 4p2 valence "
        "electrons of the crystal are taken as always available (binding 0)",
    ),
}

#: every target by name (see :func:`get_target`)
TARGETS: dict[str, Target] = _build_targets()


def get_target(target) -> Target:
    """Return ``target`` if it is a :class:`Target`, else look the name up in :data:`TARGETS`.

    >>> get_target("Xe").element
    'Xe'
    """
    if isinstance(target, Target):
        return target
    if isinstance(target, str) and target in TARGETS:
        return TARGETS[target]
    raise ValueError(f"unknown target {target!r}; expected a Target or one of {sorted(TARGETS)}")


@jit
def _z_eff1(E_R, binding, counts):
    """Electrons with binding energy below E_R (GeV): sum_i n_i Theta(E_R - B_i)."""
    z = 0.0
    for i in range(binding.shape[0]):
        if binding[i] < E_R:
            z += counts[i]
    return z


@jit
def _z_eff(E_R, binding, counts):
    """Array kernel of :func:`_z_eff1` over a 1-d array of recoil energies."""
    out = np.empty(E_R.shape[0])
    for k in range(E_R.shape[0]):
        out[k] = _z_eff1(E_R[k], binding, counts)
    return out


def shell_table(target) -> ShellTable:
    """The :class:`ShellTable` of a target's element; compounds and elements without a table raise ``ValueError``."""
    if isinstance(target, str) and target in SHELLS:
        return SHELLS[target]
    t = get_target(target)
    if t.element is None:
        raise ValueError(
            f"target {t.name!r} has no atomic-shell table (stepping is defined per element: {sorted(SHELLS)})"
        )
    return SHELLS[t.element]


def z_effective(target, E_R):
    r"""Number of electrons per atom free to scatter at recoil energy ``E_R`` (stepping approximation).

    :math:`Z_{\rm eff}(E_R) = \sum_i n_i\,\Theta(E_R - B_i)` (stepping approximation; shells from :data:`SHELLS`).

    Parameters
    ----------
    target : str or Target
        ``"Xe"``, ``"Xe131"``, ``"Ar"``, ``"Ar40"``, ``"Ge"``, ``"Ge73"`` (an element with a shell table).
    E_R : float or array
        Electron recoil energy in internal units (pass ``10 * keV``), >= 0.

    Returns
    -------
    float or ndarray
        :math:`Z_{\rm eff}`, same shape as ``E_R``.

    Examples
    --------
    >>> from lmt_lib.units import keV
    >>> z_effective("Xe", [1 * keV, 10 * keV, 40 * keV]).tolist()
    [40.0, 52.0, 54.0]
    """
    tab = shell_table(target)
    E = positive_array("E_R", E_R, allow_zero=True, at_least_1d=False)
    b, c = tab.arrays()
    out = _z_eff(E.ravel(), b, c).reshape(E.shape)
    return float(out) if out.ndim == 0 else out


# --------------------------------------------------------------------------------------------------------------
# Helm form factor (Lewin & Smith, Astropart. Phys. 6 (1996) 87)
# --------------------------------------------------------------------------------------------------------------
#: Lewin-Smith Helm parameters in fm (Lewin & Smith, Astropart. Phys. 6 (1996) 87, Sec. 4.2)
HELM_PARAMETERS: dict[str, float] = {"c_slope": 1.23, "c_offset": -0.60, "a": 0.52, "s": 0.9}
HELM_SOURCE = "Lewin & Smith, Astropart. Phys. 6 (1996) 87, Eqs. (4.7)-(4.11)"
_FM_PER_INV_GEV = HBAR_C_GEV_CM * 1e13  # 1 GeV^-1 = 0.1973 fm
_HELM_A = HELM_PARAMETERS["a"]
_HELM_S = HELM_PARAMETERS["s"]
_HELM_C1 = HELM_PARAMETERS["c_slope"]
_HELM_C0 = HELM_PARAMETERS["c_offset"]


@jit
def _helm_radius_fm(A):
    """Helm radius R (fm): R^2 = c^2 + (7/3) pi^2 a^2 - 5 s^2, c = 1.23 A^(1/3) - 0.6 fm."""
    c = _HELM_C1 * A ** (1.0 / 3.0) + _HELM_C0
    return math.sqrt(c * c + (7.0 / 3.0) * math.pi**2 * _HELM_A**2 - 5.0 * _HELM_S**2)


@jit
def _helm_f1(q, A):
    r"""Helm F(q) for momentum transfer q (GeV) and mass number A: 3 j1(qR)/(qR) exp(-q^2 s^2/2).

    Below qR = 0.05 the series 1 - x^2/10 + x^4/280 - x^6/15120 replaces the cancelling (sin x - x cos x)/x^3.
    """
    qf = q / _FM_PER_INV_GEV  # q in fm^-1
    x = qf * _helm_radius_fm(A)
    if x < 0.05:
        x2 = x * x
        j = 1.0 - x2 / 10.0 + x2 * x2 / 280.0 - x2 * x2 * x2 / 15120.0
    else:
        j = 3.0 * (math.sin(x) - x * math.cos(x)) / (x * x * x)
    return j * math.exp(-0.5 * qf * qf * _HELM_S * _HELM_S)


@jit
def _helm_f2(q, A):
    """Helm F^2(q) (q in GeV): the scalar kernel the rate kernels call."""
    f = _helm_f1(q, A)
    return f * f


@jit
def _helm_f(q, A):
    """Array kernel of :func:`_helm_f1` over a 1-d array of q."""
    out = np.empty(q.shape[0])
    for k in range(q.shape[0]):
        out[k] = _helm_f1(q[k], A)
    return out


def helm_form_factor(q, A):
    r"""The Helm nuclear form factor :math:`F(q)` (Lewin & Smith, Astropart. Phys. 6 (1996) 87).

    .. math::
        F(q) = \frac{3 j_1(qR)}{qR} e^{-q^2 s^2/2},\quad R^2 = c^2 + \tfrac73\pi^2a^2 - 5s^2,\quad
        c = 1.23A^{1/3} - 0.6\ {\rm fm},\ a = 0.52\ {\rm fm},\ s = 0.9\ {\rm fm}.

    Parameters
    ----------
    q : float or array
        Momentum transfer in internal units (GeV; pass ``50 * MeV``), >= 0.
    A : int or float
        Mass number (> 0).

    Returns
    -------
    float or ndarray
        F (dimensionless, F(0) = 1; may be negative beyond the first zero).

    Examples
    --------
    >>> import math
    >>> from lmt_lib.units import keV, amu
    >>> q = math.sqrt(2 * 130.90508414 * amu * 10 * keV)
    >>> round(float(helm_form_factor(q, 131)) ** 2, 4)
    0.6118
    """
    Af = _positive("mass number A", A)
    qa = positive_array("q", q, allow_zero=True, at_least_1d=False)
    out = _helm_f(qa.ravel(), Af).reshape(qa.shape)
    return float(out) if out.ndim == 0 else out


def form_factor_squared(E_R, nucleus):
    r""":math:`F^2(q)` at the recoil energy ``E_R`` of ``nucleus``, with :math:`q = \sqrt{2 m_N E_R}` (Lewin & Smith
    1996).

    >>> from lmt_lib.units import keV
    >>> round(float(form_factor_squared(100 * keV, "Ar40")), 4)
    0.4668
    """
    nuc = get_nucleus(nucleus)
    E = positive_array("E_R", E_R, allow_zero=True, at_least_1d=False)
    return helm_form_factor(np.sqrt(2.0 * nuc.mass * E), nuc.A) ** 2
