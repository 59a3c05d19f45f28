"""Figures of the book: one function per figure kind, one style, one colour per experiment.

Every function takes an optional matplotlib ``ax`` (a new figure is made when it is ``None``), draws, and returns
the ``ax``; none calls ``plt.show()`` or saves anything (the book build regenerates every figure).  Axis labels are
lowercase with units; figures carry no titles (the caption in the chapter says what to see).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from lmt_lib import g2 as _g2
from lmt_lib import model as _model
from lmt_lib.units import GeV, MeV

#: one colour per experiment, scenario or model, used by every figure in the book
COLOURS: dict[str, str] = {
    "WP20_2021": "#2ca02c",
    "WP20_2023": "#17becf",
    "WP25_final": "#7f7f7f",
    "user": "#bcbd22",
    "Lmu-Ltau": "#d62728",
    "Lmu": "#1f77b4",
    "SM": "#000000",
    "NA64mu": "#9467bd",
    "M3": "#8c564b",
    "COHERENT": "#ff7f0e",
    "CENNS-610": "#ff7f0e",
    "CCM": "#e377c2",
    "ESS": "#bcbd22",
    "ESS10": "#dbdb8d",
    "XENONnT": "#1f77b4",
    "LZ": "#17becf",
    "PandaX-4T": "#aec7e8",
    "DARWIN": "#393b79",
    "XLZD": "#393b79",
    "Borexino": "#8c6d31",
    "BaBar": "#c7c7c7",
    "CCFR": "#9c9ede",
    "Neff": "#e7969c",
}


def colour(name: str) -> str:
    """The colour of an experiment, scenario or model; names are matched on their leading part (``"LZ-low"`` -> LZ).

    >>> colour("DARWIN-low-NR") == colour("DARWIN")
    True
    """
    if name in COLOURS:
        return COLOURS[name]
    for key in sorted(COLOURS, key=len, reverse=True):
        if name.startswith(key):
            return COLOURS[key]
    return "#333333"


def use_style() -> None:
    """Apply the book's matplotlib style (the ``lmt.mplstyle`` file shipped inside the package)."""
    plt.style.use(str(Path(__file__).with_name("lmt.mplstyle")))


def _axes(ax):
    if ax is None:
        _, ax = plt.subplots()
    return ax


def kinetic_mixing_running(Q=None, ax=None, charges=_model.MODEL_CHARGES["Lmu-Ltau"]):
    r"""Plot :math:`|\varepsilon(q^2)|/g` against :math:`|q|` for spacelike (and timelike, below 2m_μ) q².

    Marks the :math:`q^2=0` value :math:`\simeq 1/69.3` and the muon and tau masses.
    """
    ax = _axes(ax)
    Q = np.geomspace(1e-3, 10.0, 400) * GeV if Q is None else np.asarray(Q, dtype=float)
    eps0 = abs(_model.kinetic_mixing(1.0, 0.0, charges))
    space = np.abs(_model.kinetic_mixing(1.0, -(Q**2), charges))
    ax.plot(Q / MeV, space, color=colour("Lmu-Ltau"), label=r"spacelike, $q^2=-Q^2$ (scattering)")
    Qt = Q[Q < 2 * _model.m_mu * 0.999]
    time = np.abs(_model.kinetic_mixing_complex(1.0, Qt**2, charges))
    ax.plot(Qt / MeV, time, color=colour("Lmu"), ls="--", label=r"timelike, $q^2=M^2$ (production)")
    ax.axhline(eps0, color="k", lw=0.8, ls=":", label=rf"$q^2=0$: $1/{1 / eps0:.1f}$")
    for mass, name in ((_model.m_mu, r"$m_\mu$"), (_model.m_tau, r"$m_\tau$")):
        ax.axvline(mass / MeV, color="0.5", lw=0.8)
        ax.text(mass / MeV * 1.05, 0.002, name, color="0.3")
    ax.set_xscale("log")
    ax.set_xlabel(r"$|q|$ [MeV]")
    ax.set_ylabel(r"$|\varepsilon(q^2)|/g$")
    ax.set_ylim(0, 0.02)
    ax.legend(loc="lower left")
    return ax


def g2_band(scenario="WP20_2021", M=None, ax=None, n_sigmas=(1, 2), label=None, alpha=0.35):
    r"""Draw what a (g−2)_μ scenario says in :math:`(M_{A'}, g)`: the 1σ/2σ favoured band, or the upper limit.

    A band is drawn as filled regions (darker for 1σ); an upper limit as a line with hatching above it (the
    excluded side).  Masses on the x axis in GeV, log-log axes.
    """
    ax = _axes(ax)
    M = np.geomspace(1e-3, 1.0, 200) * GeV if M is None else np.asarray(M, dtype=float)
    sc = _g2.get_scenario(scenario)
    c = colour(sc.name)
    name = label or sc.name.replace("_", " ")
    for i, n in enumerate(sorted(n_sigmas, reverse=True)):
        reg = _g2.g2_region(M, sc, n)
        if reg.kind == "band":
            ax.fill_between(M / GeV, reg.g_low, reg.g_high, color=c, alpha=alpha * (1 + i) / len(n_sigmas),
                            lw=0, label=f"{name} ({n:g}$\\sigma$ favoured)")
        else:
            ax.plot(M / GeV, reg.g_high, color=c, lw=1.5, ls="-" if n == 2 else ":",
                    label=f"{name}: {n:g}$\\sigma$ upper limit")
            if n == max(n_sigmas):
                ax.fill_between(M / GeV, reg.g_high, 1.0, color=c, alpha=0.12, lw=0, hatch="//")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(r"$M_{A'}$ [GeV]")
    ax.set_ylabel(r"$g_{\mu\tau}$")
    ax.set_xlim(M[0] / GeV, M[-1] / GeV)
    ax.set_ylim(1e-5, 1e-2)
    return ax


def delta_a_mu_curve(g, M=None, ax=None, scenario=None):
    r"""Plot :math:`\Delta a_\mu^{A'}(M)` at fixed g with its light and heavy limits, and optionally a scenario."""
    ax = _axes(ax)
    M = np.geomspace(1e-4, 10.0, 300) * GeV if M is None else np.asarray(M, dtype=float)
    ax.plot(M / GeV, _g2.delta_a_mu(M, g), color=colour("Lmu-Ltau"), label=rf"one loop, $g={g:.1e}$")
    ax.plot(M / GeV, np.full_like(M, _g2.delta_a_mu_light(g)), "k:", lw=1, label=r"$g^2/8\pi^2$")
    ax.plot(M / GeV, _g2.delta_a_mu_heavy(M, g), "k--", lw=1, label=r"$g^2m_\mu^2/12\pi^2M^2$")
    if scenario is not None:
        sc = _g2.get_scenario(scenario)
        ax.axhspan(sc.delta_a - sc.sigma, sc.delta_a + sc.sigma, color=colour(sc.name), alpha=0.3,
                   label=f"{sc.name}: $1\\sigma$")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylim(_g2.delta_a_mu_light(g) * 1e-3, _g2.delta_a_mu_light(g) * 3)
    ax.set_xlabel(r"$M_{A'}$ [GeV]")
    ax.set_ylabel(r"$\Delta a_\mu$")
    ax.legend()
    return ax
