"""A pure-numpy reference of the rate engine: the (E_nu, E_R) double integral done by brute force.

No numba and no flux moments: for every recoil energy and every mass the CEvNS and nu-e cross sections with the
A' (Amaral et al., arXiv:2006.11225 and arXiv:2104.03297) are evaluated on the whole neutrino-energy grid and
integrated with the trapezoid rule.  It is what a straightforward implementation would do, and it is the oracle the
benchmark compares speed (and agreement) with.
"""

from __future__ import annotations

import math

import numpy as np

from lmt_lib import oscillations, targets
from lmt_lib.fluxes import solar
from lmt_lib.units import HBAR_C_GEV_CM, G_F, e_charge, m_e

INV_FM_PER_GEV = 1.0 / (HBAR_C_GEV_CM * 1e13)  # q[fm^-1] = q[GeV] / (hbar c in GeV fm)


def helm_f2(q, A):
    """Helm form factor squared (Lewin & Smith, Astropart. Phys. 6 (1996) 87), numpy."""
    s = 0.9
    c = 1.23 * A ** (1 / 3) - 0.6
    R = np.sqrt(c**2 + 7 / 3 * math.pi**2 * 0.52**2 - 5 * s**2)
    x = np.maximum(q * INV_FM_PER_GEV * R, 1e-8)
    j1 = (np.sin(x) - x * np.cos(x)) / x**2
    return (3 * j1 / x) ** 2 * np.exp(-((q * INV_FM_PER_GEV * s) ** 2))


def solar_table(components, n=2000):
    """(E_nu grid, flux x flavour fractions) for each continuous component; lines as (E, flux x P)."""
    out = []
    for c in components:
        E, phi = solar.spectrum_table(c, n=n)
        E = np.maximum(E, 1e-12)  # the grids start at E = 0, where the flux vanishes
        if E.size:
            out.append((E, phi[None, :] * oscillations.flavour_fractions(c, E)))
        for El, fl in solar.lines(c):
            out.append((np.array([El]), fl * oscillations.flavour_fractions(c, np.array([El]))))
    return out


def cevns_nr(E_R, masses, target="Xe", s2w=0.23122, components=solar.COMPONENTS):
    """SM rate (n_E,) and int, bsm (n_M, 3, n_E) per unit target mass, brute force."""
    tgt = targets.get_target(target)
    tables = solar_table(components)
    E_R = np.asarray(E_R)[:, None]
    sm = np.zeros(E_R.shape[0])
    it = np.zeros((len(masses), 3, E_R.shape[0]))
    bs = np.zeros_like(it)
    for nuc, npm in zip(tgt.nuclei, tgt.nuclei_per_mass(), strict=True):
        mN, Z, N, A = nuc.mass, nuc.Z, nuc.N, nuc.A
        QW = N - (1 - 4 * s2w) * Z
        q2 = 2 * mN * E_R
        F2 = helm_f2(np.sqrt(q2), A)
        for Enu, fP in tables:
            Emax = 2 * Enu**2 / (mN + 2 * Enu)
            kin = np.where(E_R <= Emax[None, :], 1 - mN * E_R / (2 * Enu[None, :] ** 2), 0.0)
            P = G_F**2 * mN / math.pi * F2 * kin  # (n_E, n_nu)
            w = (lambda y: np.trapezoid(y, Enu, axis=-1)) if Enu.size > 1 else (lambda y: y[..., 0])
            for a in range(3):
                base = w(P * fP[a][None, :])
                sm += npm * base * QW**2 / 4
                for m, M in enumerate(masses):
                    X = e_charge * Z / (math.sqrt(2) * G_F * (q2[:, 0] + M**2))
                    it[m, a] += npm * base * QW * X
                    bs[m, a] += npm * base * X * X
    return sm, it, bs


def electron_er(E_R, masses, target="Xe", s2w=0.23122, components=solar.COMPONENTS):
    """SM rate and int, bsm templates per unit target mass for nu-e scattering with stepping, brute force."""
    tgt = targets.get_target(target)
    atoms = float(np.sum(tgt.nuclei_per_mass()))
    zeff = targets.z_effective(tgt.name, np.asarray(E_R))
    tables = solar_table(components)
    E_R = np.asarray(E_R)[:, None]
    sm = np.zeros(E_R.shape[0])
    it = np.zeros((len(masses), 3, E_R.shape[0]))
    bs = np.zeros_like(it)
    for Enu, fP in tables:
        y = E_R / Enu[None, :]
        Emax = 2 * Enu**2 / (m_e + 2 * Enu)
        ok = E_R <= Emax[None, :]
        w = (lambda v: np.trapezoid(v, Enu, axis=-1)) if Enu.size > 1 else (lambda v: v[..., 0])
        for a in range(3):
            gl, gr = s2w - 0.5 + (1.0 if a == 0 else 0.0), s2w
            k = m_e * E_R / Enu[None, :] ** 2
            pref = 2 * G_F**2 * m_e / math.pi * atoms * zeff
            f = fP[a][None, :] * ok
            sm += pref * w(f * (gl**2 + gr**2 * (1 - y) ** 2 - gl * gr * k))
            for m, M in enumerate(masses):
                d = e_charge / (2 * math.sqrt(2) * G_F * (2 * m_e * E_R[:, 0] + M**2))
                it[m, a] += pref * d * w(f * (2 * gl + 2 * gr * (1 - y) ** 2 - (gl + gr) * k))
                bs[m, a] += pref * d * d * w(f * (2 - 2 * y + y**2 - k))
    return sm, it, bs
