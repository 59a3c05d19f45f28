r"""Natural units for the whole library.

Base unit: **GeV**, with :math:`\hbar = c = 1`.  Every dimensionful *input* is multiplied by its unit and every
*output* is divided by the unit it should be shown in::

    >>> from lmt_lib.units import keV, MeV, cm, s, tonne, year
    >>> E_R = 5 * keV                       # a recoil energy, stored in GeV
    >>> round(E_R / MeV, 6)                 # shown in MeV
    0.005
    >>> round((1 * cm) * (1.973269804e-14), 6)   # 1 cm in GeV^-1 times hbar*c in GeV cm
    1.0

Kernels take plain floats in GeV (and GeV^-1 for lengths and times).  Each constant below carries its value,
its unit and its source; :data:`CONSTANTS` collects them with their citation so that the book's inputs appendix
can render the same objects the code uses.

Sources
-------
- PDG: R.L. Workman et al. (Particle Data Group), *Review of Particle Physics*, PTEP 2022 083C01 and its 2024
  update (S. Navas et al., PRD 110 (2024) 030001).
- CODATA 2018 for the SI-defining constants (exact since the 2019 SI).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from lmt_lib._validation import real

# --------------------------------------------------------------------------------------------------------------
# Energy (base)
# --------------------------------------------------------------------------------------------------------------
GeV: float = 1.0  #: the base unit
MeV: float = 1e-3 * GeV  #: mega-electronvolt
keV: float = 1e-6 * GeV  #: kilo-electronvolt
eV: float = 1e-9 * GeV  #: electronvolt
TeV: float = 1e3 * GeV  #: tera-electronvolt

# --------------------------------------------------------------------------------------------------------------
# Conversion constants (exact in the 2019 SI, CODATA 2018)
# --------------------------------------------------------------------------------------------------------------
HBAR_C_GEV_CM: float = 1.973269804e-14  #: hbar*c in GeV cm (CODATA 2018, exact to the digits shown)
HBAR_GEV_S: float = 6.582119569e-25  #: hbar in GeV s (CODATA 2018)
C_LIGHT_CM_S: float = 2.99792458e10  #: speed of light in cm/s (exact)
ELEMENTARY_CHARGE_C: float = 1.602176634e-19  #: elementary charge in coulomb (exact)
AVOGADRO: float = 6.02214076e23  #: Avogadro's number in mol^-1 (exact)

# --------------------------------------------------------------------------------------------------------------
# Length, time, mass
# --------------------------------------------------------------------------------------------------------------
cm: float = 1.0 / HBAR_C_GEV_CM  #: centimetre in GeV^-1
m: float = 100.0 * cm  #: metre
km: float = 1e5 * cm  #: kilometre
fm: float = 1e-13 * cm  #: femtometre
s: float = 1.0 / HBAR_GEV_S  #: second in GeV^-1
ns: float = 1e-9 * s  #: nanosecond
us: float = 1e-6 * s  #: microsecond
ms: float = 1e-3 * s  #: millisecond
day: float = 86400.0 * s  #: day
year: float = 365.25 * day  #: Julian year (365.25 d), the unit of exposures
kg: float = C_LIGHT_CM_S**2 * 1e-4 / (ELEMENTARY_CHARGE_C * 1e9)  #: kilogram in GeV (E = m c^2)
g_mass: float = 1e-3 * kg  #: gram (named ``g_mass`` so that ``g`` stays the gauge coupling)
tonne: float = 1e3 * kg  #: metric tonne
amu: float = 0.93149410242 * GeV  #: atomic mass unit (CODATA 2018)
barn: float = 1e-24 * cm**2  #: barn
mol: float = AVOGADRO  #: a mole, as a pure number

# --------------------------------------------------------------------------------------------------------------
# Physical constants (PDG 2024)
# --------------------------------------------------------------------------------------------------------------
G_F: float = 1.1663788e-5 / GeV**2  #: Fermi constant (PDG 2024), +- 0.0000006e-5 GeV^-2
alpha_em: float = 1.0 / 137.035999084  #: fine-structure constant in the Thomson limit (CODATA 2018)
e_charge: float = math.sqrt(4.0 * math.pi * alpha_em)  #: electric charge e = sqrt(4 pi alpha) = 0.302822
m_e: float = 0.51099895 * MeV  #: electron mass (PDG 2024)
m_mu: float = 105.6583755 * MeV  #: muon mass (PDG 2024), +- 0.0000023 MeV
m_tau: float = 1776.86 * MeV  #: tau mass (PDG 2024), +- 0.12 MeV
m_pi: float = 139.57039 * MeV  #: charged-pion mass (PDG 2024), +- 0.00018 MeV
m_p: float = 938.27208816 * MeV  #: proton mass (CODATA 2018)
m_n: float = 939.56542052 * MeV  #: neutron mass (CODATA 2018)
tau_mu: float = 2.1969811e-6 * s  #: muon lifetime (PDG 2024)
tau_pi: float = 2.6033e-8 * s  #: charged-pion lifetime (PDG 2024)
#: weak mixing angle, MS-bar at M_Z (PDG 2024: 0.23122(4)); the value used in the authors' public code
#: (github.com/dwpamaral/SNuDD)
SIN2_THETA_W_MZ: float = 0.23122
#: weak mixing angle, MS-bar running value at Q -> 0 (PDG 2024 electroweak review: 0.23857(5))
SIN2_THETA_W_LOW: float = 0.23857

#: the named choices of the weak mixing angle, selectable in the cross sections
SIN2_THETA_W: dict[str, float] = {"MZ": SIN2_THETA_W_MZ, "low": SIN2_THETA_W_LOW}


@dataclass(frozen=True)
class Constant:
    """A named input number with its unit (as shown) and its source; rendered by the inputs appendix."""

    symbol: str
    value: float  #: in internal (GeV-based) units
    unit_name: str  #: the unit used to display the value, e.g. ``"MeV"``
    unit: float  #: that unit's value in internal units
    source: str

    def __post_init__(self):
        for name in ("symbol", "unit_name", "source"):
            if not isinstance(getattr(self, name), str) or not getattr(self, name):
                raise ValueError(f"Constant.{name}={getattr(self, name)!r} must be a non-empty string")
        for name in ("value", "unit"):
            real(f"Constant.{name}", getattr(self, name))
        if self.unit <= 0:
            raise ValueError(f"Constant.unit={self.unit!r} must be > 0")

    @property
    def shown(self) -> float:
        """The value expressed in :attr:`unit_name`."""
        return self.value / self.unit


#: every constant above, in the order the inputs appendix shows them
CONSTANTS: tuple[Constant, ...] = (
    Constant("G_F", G_F, "GeV^-2", 1 / GeV**2, "PDG 2024"),
    Constant("alpha", alpha_em, "1", 1.0, "CODATA 2018, Thomson limit 1/137.035999084"),
    Constant("m_e", m_e, "MeV", MeV, "PDG 2024"),
    Constant("m_mu", m_mu, "MeV", MeV, "PDG 2024"),
    Constant("m_tau", m_tau, "MeV", MeV, "PDG 2024"),
    Constant("m_pi+", m_pi, "MeV", MeV, "PDG 2024"),
    Constant("m_p", m_p, "MeV", MeV, "CODATA 2018"),
    Constant("m_n", m_n, "MeV", MeV, "CODATA 2018"),
    Constant("tau_mu", tau_mu, "us", us, "PDG 2024"),
    Constant("tau_pi+", tau_pi, "ns", ns, "PDG 2024"),
    Constant("sin2 theta_W (M_Z)", SIN2_THETA_W_MZ, "1", 1.0, "PDG 2024, MS-bar at M_Z; used by the authors' code"),
    Constant("sin2 theta_W (Q->0)", SIN2_THETA_W_LOW, "1", 1.0, "PDG 2024, MS-bar running to Q -> 0"),
    Constant("hbar c", HBAR_C_GEV_CM, "GeV cm", 1.0, "CODATA 2018"),
    Constant("u", amu, "GeV", GeV, "CODATA 2018 atomic mass unit"),
    Constant("year", year, "s", s, "Julian year, 365.25 d (IAU definition)"),
)
