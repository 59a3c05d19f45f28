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
# The strategy chapter
# ----------------------------------------------------------------------------------------------------------------
def _scenario_label(name: str) -> str:
    sc = _g2.get_scenario(name)
    return f"{sc.name.replace('_', ' ')}: ({sc.delta_a * 1e11:.0f} ± {sc.sigma * 1e11:.0f})×10⁻¹¹"


def strategy_static(curves, scenario="WP20_2021", groups=("P1", "P1+P2", "P3", "existing")):
    """The static strategy figure the explorer starts from (for the HTML)."""
    fig, ax = plt.subplots(figsize=(9.0, 5.2))
    plotting.strategy_figure(curves, scenario, groups=groups, ax=ax)
    return fig


def strategy_explorer(curves, scenario="WP20_2021", groups=("P1", "P1+P2", "P3", "existing")):
    """Choose the (g−2)_μ scenario and which probes are shown on the strategy figure.

    ``curves`` comes from :func:`lmt_lib.strategy.probe_curves` (computed once; redrawing only re-plots).
    """
    import ipywidgets as w

    sc = w.Dropdown(options=[(_scenario_label(n), n) for n in _g2.SCENARIOS], value=scenario,
                    description="(g−2)_μ")
    boxes = {g: w.Checkbox(value=g in groups, description=plotting.STRATEGY_GROUPS[g], indent=False)
             for g in plotting.STRATEGY_GROUPS}
    out = w.Output()

    def redraw(*_):
        with out:
            out.clear_output(wait=True)
            fig, ax = plt.subplots(figsize=(9.0, 5.2))
            plotting.strategy_figure(curves, sc.value, groups=tuple(g for g, b in boxes.items() if b.value), ax=ax)
            plt.show()

    for c in (sc, *boxes.values()):
        c.observe(redraw, names="value")
    redraw()
    return w.VBox([sc, w.HBox(list(boxes.values())), out])
