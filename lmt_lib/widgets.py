"""Interactive explorers used by the chapters ("try it" cells).

Each explorer draws its default state as an ordinary static figure (so the rendered HTML keeps a picture) and, in
a live kernel (JupyterLab, Binder), returns ipywidgets controls that redraw the figure.  The physics lives in the
other modules; these functions only wire sliders to them.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from lmt_lib import g2 as _g2
from lmt_lib import plotting
from lmt_lib.units import GeV


def _g2_figure(scenario, n_sigma: float, ax=None):
    ax = plotting.g2_band(scenario, ax=ax, n_sigmas=(1, n_sigma) if n_sigma > 1 else (n_sigma,))
    sc = _g2.get_scenario(scenario)
    ax.text(0.02, 0.97, rf"$\Delta a_\mu = ({sc.delta_a * 1e11:.0f} \pm {sc.sigma * 1e11:.0f})\times10^{{-11}}$"
            f"  ({sc.significance:.1f}$\\sigma$)", transform=ax.transAxes, va="top")
    ax.legend(loc="lower right")
    return ax


def g2_explorer(delta_a: float = 251e-11, sigma: float = 59e-11, n_sigma: float = 2.0):
    """Slider over :math:`\\Delta a_\\mu` and its error: watch the favoured band turn into an upper limit.

    Returns the ipywidgets box (drawn once in its default state); the chapter shows :func:`g2_static` beside it so
    that the rendered HTML, which has no kernel, keeps a picture.
    """
    import ipywidgets as w

    da = w.FloatSlider(value=delta_a * 1e11, min=-100, max=400, step=1, description="Δa_μ ×10¹¹")
    sg = w.FloatSlider(value=sigma * 1e11, min=10, max=150, step=1, description="σ ×10¹¹")
    ns = w.FloatSlider(value=n_sigma, min=1, max=3, step=0.5, description="nσ")
    out = w.Output()

    def redraw(*_):
        with out:
            out.clear_output(wait=True)
            fig, ax = plt.subplots()
            _g2_figure((da.value * 1e-11, sg.value * 1e-11), ns.value, ax=ax)
            plt.show()

    for s in (da, sg, ns):
        s.observe(redraw, names="value")
    redraw()
    return w.VBox([w.HBox([da, sg, ns]), out])


def g2_static(scenario=(251e-11, 59e-11), n_sigma: float = 2.0):
    """The static figure the explorer starts from (for the HTML)."""
    fig, ax = plt.subplots()
    _g2_figure(scenario, n_sigma, ax=ax)
    return fig


def scenario_comparison(scenarios=("WP20_2021", "WP25_final"), M=None, ax=None):
    """All chosen scenarios on one (M, g) plane: the 2021 band and the 2025 upper limit."""
    ax = ax if ax is not None else plt.subplots()[1]
    M = np.geomspace(1e-3, 1.0, 200) * GeV if M is None else M
    for sc in scenarios:
        plotting.g2_band(sc, M=M, ax=ax)
    ax.legend(loc="lower right")
    return ax


# ----------------------------------------------------------------------------------------------------------------
# Chapter P3: solar neutrinos in a DARWIN-like xenon detector
# ----------------------------------------------------------------------------------------------------------------
def _solar_figure(threshold_kev: float, exposure_tyr: float, mass_mev: float, g: float, preset: str, ax=None):
    """Binned NR counts (SM, Lmu-Ltau, Lmu at equal g and epsilon) with the discovery significances in the title."""
    from lmt_lib import detectors, model, rates, scans
    from lmt_lib.units import MeV, keV, tonne, year

    det = detectors.get_detector("DARWIN-A21-NR").with_threshold(threshold_kev * keV)
    det = det.with_exposure(exposure_tyr * tonne * year)
    M = mass_mev * MeV
    a = model.lmu_ltau(M, g)
    b = model.lmu(M, g, epsilon=a.eps0)
    t = rates.binned_templates(det, [M], oscillation=preset)
    edges = t.edges / keV
    ax = ax if ax is not None else plt.subplots()[1]
    for label, counts, key in (("SM", t.sm_counts(), "SM"), (r"$L_\mu-L_\tau$", t.counts_at(a), "Lmu-Ltau"),
                               (r"$L_\mu$ (same $g$, $\varepsilon$)", t.counts_at(b), "Lmu")):
        ax.stairs(counts / np.diff(edges), edges, label=label, color=plotting.colour(key), lw=1.5)
    z = {}
    for name, null in (("SM", None), ("Lmu", b)):
        res = scans.threshold_exposure_map(det, a, null, [det.threshold], [det.exposure], flux_sigmas={"8B": 0.12},
                                           oscillation=preset)
        z[name] = float(res.statistic[0, 0])
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(r"nuclear recoil energy $E_R$ [keV]")
    ax.set_ylabel("events per keV")
    ax.set_title(f"{exposure_tyr:g} t·yr, threshold {threshold_kev:g} keV, {preset}: "
                 f"Z(vs SM) = {z['SM']:.1f}, Z(vs $L_\\mu$) = {z['Lmu']:.1f}", fontsize=9)
    ax.legend(fontsize=8)
    return ax


def solar_static(threshold_kev: float = 1.0, exposure_tyr: float = 200.0, mass_mev: float = 10.0,
                 g: float = 5.03e-4, preset: str = "NuFIT6.0"):
    """The static figure :func:`solar_explorer` starts from (for the HTML)."""
    fig, ax = plt.subplots()
    _solar_figure(threshold_kev, exposure_tyr, mass_mev, g, preset, ax=ax)
    return fig


def solar_explorer(threshold_kev: float = 1.0, exposure_tyr: float = 200.0, mass_mev: float = 10.0,
                   g: float = 5.03e-4, preset: str = "NuFIT6.0"):
    """Sliders over threshold, exposure, mediator mass, coupling and the oscillation preset (chapter P3).

    Draws the ⁸B nuclear-recoil spectrum of a DARWIN-like detector (the reference analysis' method: XENONnT
    efficiency shifted to the threshold, 15 log bins) for the SM, Lμ−Lτ and Lμ, with the median discovery
    significance of Lμ−Lτ over the SM and over Lμ.
    """
    import ipywidgets as w

    from lmt_lib import oscillations

    th = w.FloatLogSlider(value=threshold_kev, base=10, min=-0.7, max=0.5, step=0.02, description="E_th [keV]")
    ex = w.FloatLogSlider(value=exposure_tyr, base=10, min=0, max=3.5, step=0.05, description="t·yr")
    ms = w.FloatLogSlider(value=mass_mev, base=10, min=0, max=2.5, step=0.05, description="M [MeV]")
    gg = w.FloatLogSlider(value=g, base=10, min=-5, max=-2.5, step=0.02, description="g")
    pr = w.Dropdown(options=list(oscillations.PRESETS), value=preset, description="oscillations")
    out = w.Output()

    def redraw(*_):
        with out:
            out.clear_output(wait=True)
            fig, ax = plt.subplots()
            _solar_figure(th.value, ex.value, ms.value, gg.value, pr.value, ax=ax)
            plt.show()

    for s in (th, ex, ms, gg, pr):
        s.observe(redraw, names="value")
    redraw()
    return w.VBox([w.HBox([th, ex]), w.HBox([ms, gg]), pr, out])
