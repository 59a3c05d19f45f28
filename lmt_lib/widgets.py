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
            f"  ($\\Delta a_\\mu/\\sigma$ = {sc.significance:.2f})", transform=ax.transAxes, va="top")
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
# Muon beams: what a given exposure tests (chapter on NA64mu and M3)
# ----------------------------------------------------------------------------------------------------------------
def _muon_target_coupling(mass, scenario):
    """The coupling a muon beam must reach at ``mass``: the scenario's central value if it favours a band, else
    its 2σ upper edge."""
    reg = _g2.g2_region([mass], scenario, n_sigma=2)
    sc = _g2.get_scenario(scenario)
    if reg.kind == "band":
        return float(_g2.coupling_for(mass, sc.delta_a)), "central value"
    return float(reg.g_high[0]), "2σ upper limit"


def _muon_figure(n_mot, mass, scenario, grid, base, axes):
    from lmt_lib import muon_beam, stats
    from lmt_lib.units import MeV

    ax1, ax2 = axes
    exp = muon_beam._experiment("NA64mu-2022").with_mot(n_mot)
    b = exp.expected_background
    s_up = float(stats.poisson_upper_limit(b, b, cl=0.9))
    plotting.g2_band(scenario, M=grid, ax=ax1)
    lim = np.sqrt(s_up / (base * n_mot))
    ax1.plot(grid / GeV, lim, color=plotting.colour("NA64mu"), label=f"NA64μ-like, {n_mot:.2g} MOT (90 % CL)")
    g_t, what = _muon_target_coupling(mass, scenario)
    ax1.plot(mass / GeV, g_t, marker="*", ms=12, color="k", ls="none", label=f"target: (g−2) {what}")
    ax1.legend(loc="lower right", fontsize=8)
    n = np.geomspace(1e9, 1e13, 60)
    per_mot = float(np.interp(np.log(mass), np.log(grid), np.log(base)))
    per_mot = float(np.exp(per_mot)) * g_t**2
    ax2.plot(n, per_mot * n, color=plotting.colour("NA64mu"), label=f"signal at the star, {mass / MeV:.3g} MeV")
    ax2.axhline(s_up, color="k", ls="--", lw=1, label=f"90 % CL count at {n_mot:.2g} MOT: {s_up:.2f}")
    ax2.axvline(n_mot, color="0.5", lw=1)
    ax2.set(xscale="log", yscale="log", xlabel="muons on target", ylabel="expected signal events")
    ax2.legend(loc="upper left", fontsize=8)
    return ax1, ax2


def _muon_base(grid):
    """Signal events per muon on target and per unit g² (BR_inv included) of NA64μ on ``grid``."""
    from lmt_lib import model, muon_beam

    exp = muon_beam._experiment("NA64mu-2022")
    br = np.array([model.invisible_branching_ratio(model.lmu_ltau(M, 1.0)) for M in grid])
    return br * muon_beam.yield_per_g2(exp, grid) / exp.n_mot


def muon_beam_static(n_mot: float = 1.98e10, mass=None, scenario="WP20_2021"):
    """The static figure the muon-beam explorer starts from: the (M, g) reach of an NA64μ-like run of ``n_mot``
    muons (efficiency x length of the registry), and the expected events at ``mass`` on the (g−2) coupling."""
    from lmt_lib.units import MeV

    mass = 10 * MeV if mass is None else mass
    grid = np.geomspace(1 * MeV, 1 * GeV, 40)
    fig, axes = plt.subplots(1, 2, figsize=(10.5, 4.2))
    _muon_figure(n_mot, mass, scenario, grid, _muon_base(grid), axes)
    fig.tight_layout()
    return fig


def muon_beam_explorer(n_mot: float = 1.98e10, mass=None, scenario="WP20_2021", draw: bool = False):
    """Sliders for the muons on target and the A′ mass, and a (g−2) scenario switch (2021 band or 2025 upper
    limit).  Returns the ipywidgets box; the chapter shows :func:`muon_beam_static` for the HTML.

    With ``draw=False`` (default) the figure is drawn at the first change of a control: its default state is the
    static figure the chapter already shows, and drawing it again would only slow the book build down."""
    import ipywidgets as w

    from lmt_lib.units import MeV

    mass = 10 * MeV if mass is None else mass
    grid = np.geomspace(1 * MeV, 1 * GeV, 40)
    base = _muon_base(grid)
    mot = w.FloatLogSlider(value=n_mot, base=10, min=9, max=13, step=0.1, description="MOT")
    ms = w.FloatLogSlider(value=mass / MeV, base=10, min=0, max=3, step=0.05, description="M [MeV]")
    sc = w.Dropdown(options=[("2021 band (WP20)", "WP20_2021"), ("2025 upper limit (WP25)", "WP25_final")],
                    value=scenario, description="(g−2)")
    out = w.Output()

    def redraw(*_):
        with out:
            out.clear_output(wait=True)
            fig, axes = plt.subplots(1, 2, figsize=(10.5, 4.2))
            _muon_figure(mot.value, ms.value * MeV, sc.value, grid, base, axes)
            fig.tight_layout()
            plt.show()

    for c in (mot, ms, sc):
        c.observe(redraw, names="value")
    if draw:
        redraw()
    else:
        with out:
            print("Move a control to redraw; the default state is the figure above.")
    return w.VBox([w.HBox([mot, ms, sc]), out])
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
# ----------------------------------------------------------------------------------------------------------------
# Chapter P2: CEvNS at a spallation source
# ----------------------------------------------------------------------------------------------------------------
#: detectors offered by the spallation explorer: label -> registry name
SPALLATION_CHOICES: dict[str, str] = {
    "CENNS-610 (LAr, SNS)": "CENNS-610",
    "CCM200 (LAr, Lujan)": "CCM",
    "ESS 1 t (LAr)": "ESS",
    "ESS 10 kg (LAr, 0.1 keVnr)": "ESS10",
    "COHERENT CsI (2021)": "COHERENT-CsI-2021",
}


def _spallation_figure(detector: str, mass, g: float, axes=None):
    from lmt_lib import model as _model
    from lmt_lib import rates, stats

    A = _model.lmu_ltau(mass, g)
    t = rates.binned_templates(detector, [mass])
    sm, bsm = t.sm_counts(), t.counts_at(A)
    nuis = [(bsm, t.norm_sigma)] if t.norm_sigma else None
    z = stats.discovery_significance(bsm, sm, nuis)
    if t.n_bins == 1:
        if axes is None:
            _, ax = plt.subplots(figsize=(6.4, 4.0))
        else:
            ax = axes[0]
        ax.bar(["SM", "with the A'"], [sm[0], bsm[0]], color=[plotting.colour("SM"), plotting.colour("Lmu-Ltau")])
        ax.set_ylabel("counts")
        top = ax
    else:
        top, _ = plotting.spectrum_comparison(t.edges, {"SM": sm, "Lmu-Ltau": bsm}, axes=axes,
                                              energy_label=r"$E_R$ [keVnr]")
        handles, labels = top.get_legend_handles_labels()
        top.legend(handles, [plotting._READABLE.get(lab, lab) for lab in labels])
    top.text(0.02, 0.03, rf"$M_{{A'}}$ = {mass / GeV * 1e3:.3g} MeV, $g$ = {g:.2e}: "
             rf"$N$ = {bsm.sum():.0f} vs {sm.sum():.0f} (SM), $Z$ = {z:.2f}", transform=top.transAxes, fontsize=8)
    return top


def spallation_explorer(detector: str = "CENNS-610", mass_MeV: float = 30.0, g: float = 5e-4):
    """Dropdown over π-DAR detectors and sliders over M and log10 g: the CEvNS spectrum with the Lμ−Lτ A′
    against the SM, and the significance of the deficit (normalisation uncertainty profiled)."""
    import ipywidgets as w

    from lmt_lib.units import MeV

    names = {v: k for k, v in SPALLATION_CHOICES.items()}
    det = w.Dropdown(options=list(SPALLATION_CHOICES), value=names.get(detector, list(SPALLATION_CHOICES)[0]),
                     description="detector")
    lm = w.FloatSlider(value=np.log10(mass_MeV), min=0.0, max=3.0, step=0.05, description="log₁₀ M/MeV")
    lg = w.FloatSlider(value=np.log10(g), min=-5.0, max=-2.0, step=0.05, description="log₁₀ g")
    out = w.Output()

    def redraw(*_):
        with out:
            out.clear_output(wait=True)
            _spallation_figure(SPALLATION_CHOICES[det.value], 10 ** lm.value * MeV, 10 ** lg.value)
            plt.show()

    for s in (det, lm, lg):
        s.observe(redraw, names="value")
    redraw()
    return w.VBox([w.HBox([det, lm, lg]), out])


def spallation_static(detector: str = "CENNS-610", mass=None, g: float = 5e-4):
    """The explorer's default figure (for the HTML): CENNS-610, 30 MeV, g = 5e-4 unless told otherwise."""
    from lmt_lib.units import MeV

    ax = _spallation_figure(detector, 30 * MeV if mass is None else mass, g)
    return ax.figure
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
