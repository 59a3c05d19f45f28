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
    "CCFR": "#ad494a",
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
    """Apply the book's matplotlib style (the ``lmt.mplstyle`` file shipped inside the package).

    In a Jupyter kernel (the book build, Binder) figures are also sent as "retina" PNGs: twice the pixels, shown at
    the same size, so they stay sharp on high-DPI screens.
    """
    plt.style.use(str(Path(__file__).with_name("lmt.mplstyle")))
    try:
        from IPython import get_ipython
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:  # plain Python without IPython: nothing to configure
        return
    if get_ipython() is not None:
        set_matplotlib_formats("retina")


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



def _mass_coupling_axes(ax, xlim=None, ylim=None):
    """Log axes of the (M_A' [GeV], g) plane, the labels every parameter-space figure shares."""
    ax.set_xscale("log")
    ax.set_yscale("log")
    if xlim is not None:
        ax.set_xlim(*xlim)
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.set_xlabel(r"$M_{A'}$ [GeV]")
    ax.set_ylabel(r"$g_{\mu\tau}$")
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
    name = label or sc.label
    for i, n in enumerate(sorted(n_sigmas, reverse=True)):
        reg = _g2.g2_region(M, sc, n)
        if reg.kind == "band":
            ax.fill_between(M / GeV, reg.g_low, reg.g_high, color=c, alpha=alpha * (1 + i) / len(n_sigmas),
                            lw=0, label=f"{name} ({n:g}$\\sigma$ favoured)")
        else:
            ax.plot(M / GeV, reg.g_high, color=c, lw=1.5, ls="-" if n == 2 else ":",
                    label=f"{name} ({n:g}$\\sigma$ upper limit)")
            if n == max(n_sigmas):
                ax.fill_between(M / GeV, reg.g_high, 1.0, color=c, alpha=0.12, lw=0, hatch="//")
    _mass_coupling_axes(ax, (M[0] / GeV, M[-1] / GeV))
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
                   label=f"{sc.label} ($1\\sigma$)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_ylim(_g2.delta_a_mu_light(g) * 1e-3, _g2.delta_a_mu_light(g) * 3)
    ax.set_xlabel(r"$M_{A'}$ [GeV]")
    ax.set_ylabel(r"$\Delta a_\mu$")
    ax.legend()
    return ax


# ----------------------------------------------------------------------------------------------------------------
# The parameter-space figure
# ----------------------------------------------------------------------------------------------------------------
def _label_colour(name: str, colour_key: str | None):
    return colour(colour_key or name)


def bounds(names=None, ax=None, xlim=None, alpha=0.25):
    """Shade existing bounds (:mod:`lmt_lib.constraints`) in the (M, g) plane, each with its colour and label.

    ``names`` selects registry entries by name, or passes :class:`lmt_lib.constraints.Bound` objects directly
    (e.g. a bound just computed); default: all registered (with ``xlim`` (GeV), only those reaching into that mass
    range).  Quoted bounds are hatched lightly to set them apart from the ones our code computes.
    """
    from lmt_lib import constraints

    ax = _axes(ax)
    chosen = constraints.BOUNDS.values() if names is None else [
        n if isinstance(n, constraints.Bound) else constraints.get_bound(n) for n in names]
    if names is None and xlim is not None:
        chosen = [b for b in chosen if b.mass[0] / GeV < xlim[1] and b.mass[-1] / GeV > xlim[0]]
    for b in chosen:
        m = np.asarray(b.mass)
        g = np.asarray(b.g)
        lab = b.label or b.name
        top = 1.0 if b.region == "above" else None
        if top is None:
            ax.fill_between(m / GeV, 1e-12, g, color=colour(b.name), alpha=alpha, lw=0, label=lab)
        else:
            ax.fill_between(m / GeV, g, top, color=colour(b.name), alpha=alpha, lw=0, label=lab,
                            hatch="//" if b.kind == "quoted" else None)
        ax.plot(m / GeV, g, color=colour(b.name), lw=0.8)
    return ax


def scan_curve(result, ax=None, label=None, colour_key=None, ls="-", **kw):
    """Draw the contour curve of a :class:`lmt_lib.scans.ScanResult` (sensitivity or discovery reach) as a line."""
    ax = _axes(ax)
    curve = result.curve()
    ax.plot(result.masses / GeV, curve, color=_label_colour(result.label, colour_key), ls=ls,
            label=label or result.label, **kw)
    return ax


def region(result, ax=None, label=None, colour_key=None, levels=None, alpha=0.35):
    r"""Fill a reconstructed region of a reconstruction :class:`ScanResult`: 1σ (dark) and 2σ (light) for 2 dof.

    ``levels`` are Δq values (default 2.30 and 6.18); the benchmark point, if recorded, is marked with a star.
    """
    from lmt_lib import stats

    ax = _axes(ax)
    lv = levels or (stats.delta_chi2_threshold(sigma=1, dof=2), stats.delta_chi2_threshold(sigma=2, dof=2))
    c = _label_colour(result.label, colour_key)
    X, Y = np.meshgrid(result.masses / GeV, result.couplings, indexing="ij")
    ax.contourf(X, Y, result.statistic, levels=[-1.0, lv[1]], colors=[c], alpha=alpha * 0.6)
    ax.contourf(X, Y, result.statistic, levels=[-1.0, lv[0]], colors=[c], alpha=alpha)
    ax.contour(X, Y, result.statistic, levels=list(lv), colors=[c], linewidths=0.8)
    ax.plot([], [], color=c, lw=6, alpha=alpha, label=label or result.label)
    bm = result.meta.get("benchmark") if result.meta else None
    if bm is not None:
        ax.plot(bm.mass / GeV, bm.g, marker="*", ms=11, color="k", ls="none")
    return ax


def parameter_space(scenario="WP20_2021", curves=(), regions=(), bound_names=None, ax=None,
                    xlim=(1e-3, 1.0), ylim=(1e-5, 1e-2), legend=True):
    r"""The book's parameter-space figure in :math:`(M_{A'}, g_{\mu\tau})`.

    Log M from 1 MeV to 1 GeV and log g from 1e-5 to 1e-2 by default; the (g−2)_μ band or limit of ``scenario``
    (None for none), shaded existing bounds (``bound_names``; ``[]`` for none), sensitivity curves
    (``curves``: ScanResults or ``(ScanResult, label)`` pairs) and reconstructed regions (``regions``).
    """
    ax = _axes(ax)
    M = np.geomspace(xlim[0], xlim[1], 200) * GeV
    if bound_names is None or len(bound_names):
        bounds(bound_names, ax=ax, xlim=xlim)
    if scenario is not None:
        g2_band(scenario, M=M, ax=ax)
    for item in curves:
        res, lab = item if isinstance(item, tuple) else (item, None)
        scan_curve(res, ax=ax, label=lab)
    for item in regions:
        res, lab = item if isinstance(item, tuple) else (item, None)
        region(res, ax=ax, label=lab)
    _mass_coupling_axes(ax, xlim, ylim)
    if legend:
        ax.legend(loc="upper left", fontsize=8, ncol=2)
    return ax


# ----------------------------------------------------------------------------------------------------------------
# Spectra
# ----------------------------------------------------------------------------------------------------------------
def spectrum_comparison(edges, counts: dict, reference: str = "SM", axes=None, energy_unit=None,
                        energy_label: str = r"$E$ [keV]", per_width: bool = True):
    r"""Binned spectra of several hypotheses with a ratio sub-panel to the ``reference`` one.

    Parameters
    ----------
    edges : array
        Bin edges (GeV).
    counts : dict
        Label -> counts per bin; the label picks the colour (``"SM"``, ``"Lmu-Ltau"``, ``"Lmu"``, an experiment).
    reference : str
        The label the lower panel divides by.
    axes : pair of Axes, optional
        (upper, lower); new ones are made if None.
    per_width : bool
        Draw counts per unit energy (counts / bin width) in the upper panel.

    Returns
    -------
    (ax_top, ax_ratio)
    """
    from lmt_lib.units import keV

    unit = energy_unit or keV
    if axes is None:
        fig, axes = plt.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 1.2], "hspace": 0.05},
                                 figsize=(6.4, 5.0))
    top, bot = axes
    e = np.asarray(edges, dtype=float) / unit
    w = np.diff(e)
    if reference not in counts:
        raise ValueError(f"reference {reference!r} is not among the spectra {sorted(counts)}")
    ref = np.asarray(counts[reference], dtype=float)
    for lab, c in counts.items():
        c = np.asarray(c, dtype=float)
        y = c / w if per_width else c
        col = colour(lab)
        top.stairs(y, e, color=col, lw=1.8 if lab != reference else 1.2, ls="-" if lab != reference else "--",
                   label=lab, baseline=None)
        ratio = np.divide(c, ref, out=np.ones_like(c), where=ref > 0)
        bot.stairs(ratio, e, color=col, lw=1.5 if lab != reference else 1.0, ls="-" if lab != reference else "--",
                   baseline=None)
    top.set_yscale("log")
    top.set_ylabel("counts / keV" if per_width else "counts per bin")
    top.legend()
    bot.axhline(1.0, color="0.4", lw=0.6)
    bot.set_ylabel(f"ratio to {reference}")
    bot.set_xlabel(energy_label)
    return top, bot


# ----------------------------------------------------------------------------------------------------------------
# Statistics figures
# ----------------------------------------------------------------------------------------------------------------
def toy_distribution(toys, ax=None, bins=60, label_alt="toys, alternative true", label_null="toys, null true"):
    r"""Histograms of a toy test statistic under both hypotheses, with the Asimov value marked.

    ``toys`` is a :class:`lmt_lib.stats.ToySignificances` (``t_alt``, ``t_null`` and ``q_asimov``); the x axis is
    the test statistic q, log-scaled counts on y.
    """
    ax = _axes(ax)
    t_alt = np.asarray(toys.t_alt)
    t_null = np.asarray(toys.t_null)
    both = np.concatenate([t_alt, t_null])
    lo = min(0.0, float(np.quantile(both, 0.001)))  # the statistic is negative for most null toys
    hi = float(np.quantile(both, 0.999))
    edges = np.linspace(lo, max(hi, 1.2 * float(toys.q_asimov)), bins + 1)
    ax.hist(t_null, edges, histtype="stepfilled", alpha=0.35, color=colour("SM"), label=label_null)
    ax.hist(t_alt, edges, histtype="step", lw=1.6, color=colour("Lmu-Ltau"), label=label_alt)
    ax.axvline(float(toys.q_asimov), color="k", ls="--", lw=1.0, label="Asimov $q$ (median)")
    ax.set_yscale("log")
    ax.set_xlabel(r"test statistic $q$")
    ax.set_ylabel("toys per bin")
    ax.legend()
    return ax


def significance_curve(x, z, ax=None, label=None, colour_key="Lmu-Ltau", levels=(3.0, 5.0), xlabel=None):
    """Z against a scanned quantity (signal strength, exposure, threshold), with the 3σ and 5σ lines."""
    ax = _axes(ax)
    ax.plot(x, z, color=colour(colour_key), label=label)
    for lv in levels:
        ax.axhline(lv, color="0.5", lw=0.8, ls=":")
        ax.text(x[0], lv * 1.03, f"{lv:g}$\\sigma$", color="0.4", fontsize=8)
    ax.set_ylabel(r"median significance $Z$")
    if xlabel:
        ax.set_xlabel(xlabel)
    if label:
        ax.legend()
    return ax


# ----------------------------------------------------------------------------------------------------------------
# Validation figures (numerics appendix)
# ----------------------------------------------------------------------------------------------------------------
#: one colour per solar component, used by the validation figures
SOLAR_COLOURS: dict[str, str] = {
    "pp": "#1f77b4", "pep": "#17becf", "hep": "#8c564b", "7Be": "#ff7f0e",
    "8B": "#d62728", "13N": "#2ca02c", "15O": "#9467bd", "17F": "#e377c2",
}


def solar_spectra(ssm: str = "B16-GS98", E_range=(0.1 * MeV, 20 * MeV), ax=None, n: int = 2000, y_min=1.0):
    r"""Every solar component: :math:`d\Phi/dE_\nu` of the continuous spectra (log-log) and the lines.

    Lines (pep, ⁷Be) are vertical markers whose top is the line flux in cm⁻² s⁻¹ (the continuous spectra are in
    cm⁻² s⁻¹ MeV⁻¹).  Data from :mod:`lmt_lib.fluxes.solar` with the ``ssm`` normalisations.
    """
    from lmt_lib.fluxes import solar
    from lmt_lib.units import cm, s

    ax = _axes(ax)
    per_mev = 1.0 / (cm**2 * s * MeV)
    per_line = 1.0 / (cm**2 * s)
    for comp in solar.CONTINUOUS_COMPONENTS:
        E, y = solar.spectrum_table(comp, n=n, ssm=ssm)
        keep = (y / per_mev > y_min) & (E >= E_range[0])
        ax.plot(E[keep] / MeV, y[keep] / per_mev, color=SOLAR_COLOURS[comp], label=comp)
    for comp in solar.LINE_COMPONENTS:
        for k, (E, f) in enumerate(solar.lines(comp, ssm)):
            ax.vlines(E / MeV, y_min, f / per_line, color=SOLAR_COLOURS[comp], ls="--", lw=1.4,
                      label=f"{comp} line [cm$^{{-2}}$ s$^{{-1}}$]" if k == 0 else None)
            ax.plot(E / MeV, f / per_line, marker="v", color=SOLAR_COLOURS[comp], ms=5)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(E_range[0] / MeV, E_range[1] / MeV)
    ax.set_ylim(y_min, None)
    ax.set_xlabel(r"neutrino energy $E_\nu$ [MeV]")
    ax.set_ylabel(r"$d\Phi/dE_\nu$ [cm$^{-2}$ s$^{-1}$ MeV$^{-1}$]")
    ax.legend(ncol=2)
    return ax


def michel_spectra(ax=None, n: int = 801):
    r"""The π-DAR spectra: the delayed ν_e and ν̄_μ Michel pdfs, their means, and the prompt ν_μ line."""
    from lmt_lib.fluxes import spallation

    ax = _axes(ax)
    for fl, col, lab in (("nu_e", "#1f77b4", r"$\nu_e$"), ("nubar_mu", "#d62728", r"$\bar\nu_\mu$")):
        E, pdf = spallation.spectrum_table(fl, n)
        ax.plot(E / MeV, pdf * MeV, color=col, label=f"{lab} (delayed)")
        mean = np.trapezoid(E * pdf, E)
        ax.axvline(mean / MeV, color=col, ls=":", lw=1.0)
    Ep = spallation.prompt_energy() / MeV
    ax.axvline(Ep, color="k", ls="--", lw=1.2, label=rf"$\nu_\mu$ prompt line, {Ep:.2f} MeV")
    ax.set_xlabel(r"neutrino energy $E_\nu$ [MeV]")
    ax.set_ylabel(r"$dN/dE_\nu$ [MeV$^{-1}$] (unit integral)")
    ax.set_xlim(0, None)
    ax.set_ylim(0, None)
    ax.legend()
    return ax


def survival_probability(components=("pp", "7Be", "8B"), params=None, measured=True, E_range=(0.1 * MeV, 20 * MeV),
                         ax=None):
    r"""Adiabatic-MSW :math:`P_{ee}(E)` of each component's production region, with published measurements.

    Each curve is dashed over the whole energy range and solid over the component's own spectrum (a marker at
    each line).  ``measured`` adds :data:`lmt_lib.oscillations.MEASURED_SURVIVAL` of these components: a point for
    a line, a horizontal bar over the energies an averaged measurement covers.
    """
    from lmt_lib import oscillations
    from lmt_lib.fluxes import solar

    ax = _axes(ax)
    E = np.geomspace(E_range[0], E_range[1], 300)
    for comp in components:
        col = SOLAR_COLOURS.get(comp, "#333333")
        P = oscillations.survival_probability(comp, E, params)
        ax.plot(E / MeV, P, color=col, ls="--", lw=0.9)
        if comp in solar.LINE_COMPONENTS:
            for El, _ in solar.lines(comp):
                ax.plot(El / MeV, oscillations.survival_probability(comp, El, params), "o", color=col, ms=6,
                        mfc="white", label=f"{comp} (line)" if El == solar.lines(comp)[-1][0] else None)
        else:
            own = np.geomspace(max(E_range[0], 1e-3 * solar.endpoint(comp)), solar.endpoint(comp), 200)
            ax.plot(own / MeV, oscillations.survival_probability(comp, own, params), color=col, label=comp)
    if measured:
        for k, m in enumerate(x for x in oscillations.MEASURED_SURVIVAL if x.component in components):
            lo, hi = m.E_range
            x = np.sqrt(lo * hi)
            mk = ("s", "D", "^", "P")[k % 4]
            ax.errorbar(x / MeV, m.value, yerr=m.error,
                        xerr=None if m.is_line else [[(x - lo) / MeV], [(hi - x) / MeV]],
                        fmt=mk, color="k", ms=5, capsize=2, lw=1.0, label=m.name)
    ax.set_xscale("log")
    ax.set_xlim(E_range[0] / MeV, E_range[1] / MeV)
    ax.set_ylim(0.0, 0.8)
    ax.set_xlabel(r"neutrino energy $E_\nu$ [MeV]")
    ax.set_ylabel(r"survival probability $P_{ee}$")
    ax.legend(ncol=2, fontsize=8)
    return ax


def flavour_split(component: str = "8B", E_nu=10 * MeV, theta23_deg=(42.0, 45.0, 49.26, 52.0), params=None,
                  ax=None, n: int = 181):
    r""":math:`P_{e\mu}-P_{e\tau}` against :math:`\delta_{CP}` for several :math:`\theta_{23}` (the ν_μ and ν_τ
    interference terms carry opposite signs).

    The net :math:`L_\mu-L_\tau` interference on a flavour-blind target goes as :math:`P_{e\mu}-P_{e\tau}`; this
    shows how its size and sign depend on the two parameters solar neutrinos do not measure.
    """
    from lmt_lib import oscillations

    ax = _axes(ax)
    base = oscillations.DEFAULT_PARAMETERS if params is None else params
    delta = np.linspace(0.0, 360.0, n)
    cmap = plt.get_cmap("viridis")
    for k, t23 in enumerate(theta23_deg):
        diff = np.empty(n)
        for i, d in enumerate(delta):
            P = oscillations.flavour_fractions(component, E_nu, base.with_(theta23_deg=t23, delta_cp_deg=d))[:, 0]
            diff[i] = P[1] - P[2]
        ax.plot(delta, diff, color=cmap(k / max(1, len(theta23_deg) - 1)), label=rf"$\theta_{{23}}={t23:g}°$")
    ax.axhline(0.0, color="0.4", lw=0.7)
    ax.set_xlim(0, 360)
    ax.set_xticks([0, 90, 180, 270, 360])
    ax.set_xlabel(r"$\delta_{CP}$ [degrees]")
    ax.set_ylabel(rf"$P_{{e\mu}}-P_{{e\tau}}$ ({component}, {E_nu / MeV:g} MeV)")
    ax.legend()
    return ax


def relative_difference(x, series: dict, ax=None, xlabel: str = r"recoil energy $E_R$ [keV]", logx: bool = True):
    r"""Relative differences (e.g. template vs direct calculation) against an energy, one line per label."""
    ax = _axes(ax)
    for k, (lab, y) in enumerate(series.items()):
        ax.plot(np.asarray(x), np.asarray(y), marker="os^D"[k % 4], ms=4, label=lab)
    ax.axhline(0.0, color="0.4", lw=0.7)
    if logx:
        ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("relative difference")
    ax.ticklabel_format(axis="y", style="sci", scilimits=(-2, 2))
    ax.legend()
    return ax


# ----------------------------------------------------------------------------------------------------------------
# Muon beams (chapter on NA64mu and M3)
# ----------------------------------------------------------------------------------------------------------------
def muon_x_spectrum(masses, E0=None, Z: float = 82.0, A: float = 207.2, x_cut: float = 0.5, ax=None, n: int = 400):
    r"""Shape of the A′ energy fraction, :math:`(1/\sigma)\,d\sigma/dx`, for several masses (one line each).

    The region :math:`x > x_{\rm cut}` that a missing-energy search keeps is shaded.  Default beam: 160 GeV on lead.
    """
    from lmt_lib import muon_beam

    ax = _axes(ax)
    E0 = 160 * GeV if E0 is None else E0
    x = np.linspace(1e-3, 0.999, n)
    cmap = plt.get_cmap("viridis")
    masses = np.atleast_1d(np.asarray(masses, dtype=float))
    for k, M in enumerate(masses):
        s = muon_beam.dsigma_dx(x, M, E0, Z, A)
        ax.plot(x, s / muon_beam.cross_section(M, E0, Z, A), color=cmap(k / max(1, masses.size - 1)),
                label=rf"$M_{{A'}}$ = {M / MeV:g} MeV")
    ax.axvspan(x_cut, 1.0, color="0.5", alpha=0.12, lw=0, label=rf"signal region $x>{x_cut:g}$")
    ax.set_yscale("log")
    ax.set_xlim(0, 1)
    ax.set_xlabel(r"energy fraction of the A′, $x = E_{A'}/E_0$")
    ax.set_ylabel(r"$(1/\sigma)\,d\sigma/dx$")
    ax.legend(loc="upper center", ncol=2)
    return ax


def muon_events_vs_mot(experiment, models: dict, n_mot=None, ax=None, cl_events=None):
    r"""Expected signal events against muons on target (log-log), one line per model in ``models``
    (label -> HiddenPhoton), with the 90 % CL count of a background-free null result as a horizontal line."""
    from lmt_lib import muon_beam, stats

    ax = _axes(ax)
    n = np.geomspace(1e9, 1e13, 50) if n_mot is None else np.asarray(n_mot, dtype=float)
    cmap = plt.get_cmap("plasma")
    for k, (lab, A) in enumerate(models.items()):
        ax.plot(n, muon_beam.expected_events(experiment, A, n), color=cmap(0.85 * k / max(1, len(models) - 1)),
                label=lab)
    s_up = float(stats.poisson_upper_limit(0, 0.0, cl=0.9)) if cl_events is None else cl_events
    ax.axhline(s_up, color="k", ls="--", lw=1, label=f"{s_up:.2f} events (90 % CL, no event seen)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("muons on target")
    ax.set_ylabel("expected signal events")
    ax.legend(loc="upper left")
    return ax


def muon_missing_energy(experiment, masses, ax=None):
    r"""Normalised binned missing-energy spectra :math:`E_{\rm miss} = E_0 - E_{\mu'}` of a muon-beam experiment
    (:func:`lmt_lib.muon_beam.spectrum_templates`, with the momentum resolution), one line per mass."""
    from lmt_lib import muon_beam

    ax = _axes(ax)
    exp = muon_beam._experiment(experiment)
    edges = muon_beam.bin_edges(exp)
    T = muon_beam.spectrum_templates(exp, masses)
    miss = (exp.E0 - edges[::-1]) / GeV
    cmap = plt.get_cmap("viridis")
    masses = np.atleast_1d(np.asarray(masses, dtype=float))
    for k, (M, t) in enumerate(zip(masses, T, strict=True)):
        ax.stairs(t[::-1] / t.sum(), miss, color=cmap(k / max(1, masses.size - 1)), lw=1.8,
                  label=rf"$M_{{A'}}$ = {M / MeV:g} MeV", baseline=None)
    ax.set_xlabel(r"missing energy $E_0 - E_{\mu'}$ [GeV]")
    ax.set_ylabel("fraction of signal events per bin")
    ax.legend(loc="upper left")
    return ax


#: line styles of the muon-beam experiments in the limit figures
_MUON_LS = {"NA64mu-2022": "-", "NA64mu-1e11": "--", "NA64mu-1e12": ":", "M3-phase1": "-.", "M3-phase2": (0, (5, 1))}


def muon_limits(names=("NA64mu-2022", "NA64mu-1e11", "NA64mu-1e12", "M3-phase1", "M3-phase2"), M=None,
                scenario="WP20_2021", published=("M3-phase1", "M3-phase2"), ax=None):
    r"""Limits and projected sensitivities of muon-beam experiments (90 % CL) in :math:`(M_{A'}, g)`, over the
    (g−2)_μ region of ``scenario`` (None for none); the published curves in ``published`` as grey markers."""
    from lmt_lib import detectors, muon_beam

    ax = _axes(ax)
    M = np.geomspace(1 * MeV, 1 * GeV, 60) if M is None else np.asarray(M, dtype=float)
    if scenario is not None:
        g2_band(scenario, M=M, ax=ax)
    for name in names:
        exp = detectors.get_detector(name)
        ax.plot(M / GeV, muon_beam.coupling_limit(exp, M), color=colour(name), ls=_MUON_LS.get(name, "-"),
                label=exp.label + (" (estimate)" if name.startswith("NA64mu") else ""))
    for k, name in enumerate(published or ()):
        c = muon_beam.published_curve(name)
        sel = slice(None, None, 6)
        ax.plot(c.masses[sel] / GeV, c.g[sel], ls="none", marker="o", ms=3.5, mfc="none", color="0.35",
                label="published M³ projections" if k == 0 else None)
    _mass_coupling_axes(ax, (M[0] / GeV, M[-1] / GeV), (3e-6, 1e-2))
    ax.legend(loc="lower right", fontsize=8, ncol=2)
    return ax


def muon_calibration(names=("M3-phase1", "M3-phase2"), masses=None, ax=None):
    r"""Residuals of the computed limits against the published curves, :math:`g_{\rm lib}/g_{\rm pub}-1`, with the
    digitisation uncertainty of the published curves as a band."""
    from lmt_lib import detectors, muon_beam

    ax = _axes(ax)
    Ms = muon_beam.CALIBRATION_MASSES if masses is None else np.asarray(masses, dtype=float)
    for k, name in enumerate(names):
        r = muon_beam.calibration_residuals(name, masses=Ms)
        ax.plot(Ms / MeV * (1 + 0.03 * k), 100 * r, marker="os^D"[k % 4], ls="none", color=colour(name),
                mfc="none" if k else colour(name), label=detectors.get_detector(name).label)
    unc = muon_beam.published_curve(names[0]).uncertainty
    ax.axhspan(-100 * unc, 100 * unc, color="0.5", alpha=0.2, lw=0, label="digitisation (1σ)")
    ax.axhline(0.0, color="0.4", lw=0.7)
    ax.set_xscale("log")
    ax.set_xlabel(r"$M_{A'}$ [MeV]")
    ax.set_ylabel("computed / published − 1 [%]")
    ax.set_ylim(-20, 20)
    ax.legend(loc="lower left")
    return ax
# ----------------------------------------------------------------------------------------------------------------
# The strategy chapter: all probes on one plane, and the combined reconstruction
# ----------------------------------------------------------------------------------------------------------------
for _key, _c in (("NA64mu-2022", "#9467bd"), ("NA64mu-1e12", "#9467bd"), ("M3-phase2", "#8c564b"),
                 ("COHERENT-CsI-2021", "#ff7f0e"), ("CENNS-10-2020", "#d9a441"), ("Belle II", "#6b6ecf"),
                 ("muon beam", "#9467bd"), ("spallation CEvNS", "#ff7f0e"), ("xenon NR + ER", "#393b79")):
    COLOURS.setdefault(_key, _c)
del _key, _c

#: probe groups of the strategy figure, in legend order, with their readable titles
STRATEGY_GROUPS: dict[str, str] = {
    "P1": "P1 muon beams", "P1+P2": "P1+P2 spallation CEvNS", "P3": "P3 solar ν", "existing": "other searches",
}


def strategy_figure(curves, scenario="WP20_2021", groups=("P1", "P1+P2", "P3", "existing"), bound_names=None,
                    ax=None, xlim=(1e-3, 1.0), ylim=(1e-5, 1e-1)):
    r"""All probes in :math:`(M_{A'}, g_{\mu\tau})` with the (g−2)_μ band or upper limit of ``scenario``.

    ``curves`` is the dict of :func:`lmt_lib.strategy.probe_curves`.  Limits from published data are filled above
    their line; projections are dashed lines; the published curves of other searches
    (:mod:`lmt_lib.constraints`, group ``"existing"``; by default those reaching into ``xlim``) are hatched.
    ``groups`` selects what is drawn.  Legend entries are readable names, grouped by probe, outside the axes on the
    right.
    """
    from lmt_lib import constraints

    unknown = [g for g in groups if g not in STRATEGY_GROUPS]
    if unknown:
        raise ValueError(f"groups {unknown!r} must be among {list(STRATEGY_GROUPS)}")
    if ax is None:
        _, ax = plt.subplots(figsize=(9.0, 5.2))
    M = np.geomspace(xlim[0], xlim[1], 200) * GeV
    for c in curves.values():
        if c.group not in groups:
            continue
        ok = np.isfinite(c.g)
        if not np.any(ok):
            continue
        col = colour(c.key)
        m, g = c.masses[ok] / GeV, c.g[ok]
        if c.status == "data":
            ax.fill_between(m, g, 1.0, color=col, alpha=0.10, lw=0)
            ax.plot(m, g, color=col, lw=1.8, label=c.label)
        else:
            ax.plot(m, g, color=col, lw=1.8, ls="--" if "DARWIN" not in c.key and "phase2" not in c.key else ":",
                    label=c.label)
    if "existing" in groups:  # by default the published curves that reach into the mass range drawn
        names = [b.name for b in constraints.BOUNDS.values() if b.kind == "quoted" and b.mass[0] / GeV < xlim[1]
                 and b.mass[-1] / GeV > xlim[0]] if bound_names is None else list(bound_names)
        if names:
            bounds(names, ax=ax, alpha=0.3)
    if scenario is not None:
        n_before, l_before = len(ax.collections), len(ax.lines)
        g2_band(scenario, M=M, ax=ax, alpha=0.5)
        for art in ax.collections[n_before:]:
            art.set_zorder(3)  # the scenario stays visible on top of the shaded limits
        for line in ax.lines[l_before:]:
            line.set_linewidth(2.6)
            line.set_zorder(4)
    _mass_coupling_axes(ax, xlim, ylim)
    handles, labels = ax.get_legend_handles_labels()
    if scenario is not None:  # the scenario first, then the probes in drawing order
        tag = _g2.get_scenario(scenario).name.replace("_", " ")
        order = sorted(range(len(labels)), key=lambda i: not labels[i].startswith(tag))
        handles, labels = [handles[i] for i in order], [labels[i] for i in order]
    ax.legend(handles, labels, loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8, frameon=False)
    return ax


_AXIS_LABELS = {"mass": r"$M_{A'}$ [MeV]", "g": r"$g_{\mu\tau}$", "eps": r"$|\varepsilon|$",
                "r_tau": r"$r_\tau = Q'_\tau/Q'_\mu$"}


def combined_regions(fit, pair=("g", "eps"), probe_sets=None, ax=None, level=None):
    r"""The 1σ regions (Δχ² < 2.30, two parameters, the others profiled) of a :class:`lmt_lib.strategy.CombinedFit`.

    ``probe_sets`` maps a legend label to the list of probes fitted together (default: the muon beam, then with
    spallation CEvNS, then all).  The benchmark is a star; in the :math:`(g, |\varepsilon|)` plane the loop relation
    :math:`|\varepsilon| = |\varepsilon_0/g|\,g` is a dotted line, in the :math:`r_\tau` plane the two models are
    horizontal lines.
    """
    from lmt_lib import model as _m
    from lmt_lib import stats

    ax = _axes(ax)
    lv = level or stats.delta_chi2_threshold(sigma=1, dof=2)
    sets = probe_sets or {"muon beam": ["muon beam"],
                          "+ spallation CEvNS": ["muon beam", "spallation CEvNS"],
                          "+ xenon NR + ER (all)": list(fit.chi2)}
    axes_vals = {"mass": fit.masses / MeV, "g": fit.g, "eps": fit.eps, "r_tau": fit.r_tau}
    X, Y = np.meshgrid(axes_vals[pair[0]], axes_vals[pair[1]], indexing="ij")
    keys = ("muon beam", "spallation CEvNS", "xenon NR + ER")
    for k, (lab, probes) in enumerate(sets.items()):
        prof = fit.profile(pair, probes)
        col = colour(keys[min(k, 2)])
        ax.contourf(X, Y, prof, levels=[-1.0, lv], colors=[col], alpha=0.25 + 0.1 * k)
        ax.contour(X, Y, prof, levels=[lv], colors=[col], linewidths=1.2)
        ax.plot([], [], color=col, lw=6, alpha=0.45, label=lab)
    bm = fit.benchmark
    bx = bm["mass"] / MeV if pair[0] == "mass" else bm[pair[0]]
    by = bm["mass"] / MeV if pair[1] == "mass" else bm[pair[1]]
    ax.plot(bx, by, marker="*", ms=12, color="k", ls="none", label="benchmark")
    if pair == ("g", "eps"):
        kappa = abs(_m.lmu_ltau(bm["mass"], 1.0).eps0)
        ax.plot(fit.g, kappa * fit.g, "k:", lw=1, label=rf"loop: $|\varepsilon| = g/{1 / kappa:.1f}$")
    if pair[1] == "r_tau":
        ax.axhline(-1.0, color=colour("Lmu-Ltau"), lw=0.9, ls="--", label=r"$L_\mu-L_\tau$")
        ax.axhline(0.0, color=colour("Lmu"), lw=0.9, ls="--", label=r"$L_\mu$")
    for axis, name in ((ax.xaxis, pair[0]), (ax.yaxis, pair[1])):
        axis.set_label_text(_AXIS_LABELS[name])
    if pair[0] in ("g", "eps"):
        ax.set_xscale("log")
    if pair[1] in ("g", "eps"):
        ax.set_yscale("log")
    ax.legend(fontsize=8)
    return ax
# ----------------------------------------------------------------------------------------------------------------
# Chapter P2: pi-DAR sources, CEvNS spectra and the (g, eps) test
# ----------------------------------------------------------------------------------------------------------------
#: legend names of the model keys used as colour keys in the P2 figures
_READABLE: dict[str, str] = {"Lmu-Ltau": r"with the $A'$ ($L_\mu-L_\tau$)", "Lmu": r"with the $A'$ ($L_\mu$)"}


def g2_upper_line(scenario="WP25_final", M=None, ax=None, n_sigma: float = 2.0):
    """Draw only the line of a (g−2) scenario's upper limit (or the upper edge of its band), without hatching."""
    ax = _axes(ax)
    M = np.geomspace(1e-3, 1.0, 200) * GeV if M is None else np.asarray(M, dtype=float)
    sc = _g2.get_scenario(scenario)
    reg = _g2.g2_region(M, sc, n_sigma)
    ax.plot(M / GeV, reg.g_high, color=colour(sc.name), lw=1.5,
            label=f"{sc.name.replace('_', ' ')}: {n_sigma:g}$\\sigma$ upper limit")
    return ax


def pidar_source(axes=None, sources=("SNS", "Lujan")):
    r"""Two panels: the π-DAR energy spectra (prompt line, Michel ν_e and ν̄_μ) and the arrival-time densities
    of the prompt and delayed neutrinos at pulsed sources (:mod:`lmt_lib.fluxes.spallation`)."""
    from lmt_lib.fluxes import spallation
    from lmt_lib.units import us

    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    left, right = axes
    michel_spectra(ax=left)
    t = np.linspace(-1.0, 10.0, 1101) * us
    for src, ls in zip(sources, ("-", "--"), strict=False):
        for comp, col in (("prompt", "k"), ("delayed", "#1f77b4")):
            right.plot(t / us, spallation.timing_pdf(comp, t, src) * us, color=col, ls=ls,
                       label=f"{comp} ({src})")
    right.set_xlabel(r"time after the pulse centre $t$ [$\mu$s]")
    right.set_ylabel(r"$dN/dt$ [$\mu$s$^{-1}$] (unit integral)")
    right.set_yscale("log")
    right.set_ylim(1e-3, 5.0)
    right.legend(fontsize=8)
    return left, right


def observed_spectra(panels, E_obs, axes=None, model_label="Lmu-Ltau"):
    r"""A row of spectrum panels with ratio sub-panels, one per detector.

    ``panels`` is a list of ``(title, spectra)`` with ``spectra`` of shape (2, n_E): SM and the model, already
    normalised (e.g. to the SM integral); ``E_obs`` (GeV) the reported energies of each panel (a list).
    """
    from lmt_lib.units import keV

    n = len(panels)
    if axes is None:
        fig, axes = plt.subplots(2, n, figsize=(2.7 * n, 4.2), sharex="col",
                                 gridspec_kw={"height_ratios": [3, 1.3], "hspace": 0.06, "wspace": 0.35},
                                 squeeze=False)
    for k, ((title, spec), E) in enumerate(zip(panels, E_obs, strict=True)):
        top, bot = axes[0][k], axes[1][k]
        e = np.asarray(E) / keV
        top.plot(e, spec[0] * keV, color=colour("SM"), ls="--", lw=1.2, label="SM")
        top.plot(e, spec[1] * keV, color=colour(model_label), lw=1.6, label=r"with the $A'$")
        top.set_title(title, fontsize=9)
        top.set_yscale("log")
        top.yaxis.set_minor_formatter(plt.NullFormatter())
        ratio = np.divide(spec[1], spec[0], out=np.ones_like(spec[0]), where=spec[0] > 0)
        bot.plot(e, ratio, color=colour(model_label))
        bot.axhline(1.0, color="0.4", lw=0.6)
        bot.set_xlabel(r"$E$ [keVee]")
        if k == 0:
            top.set_ylabel(r"$\frac{1}{N_{\rm SM}}\frac{dN}{dE}$ [keV$^{-1}$]")
            bot.set_ylabel("ratio")
            top.legend(fontsize=8)
    return axes


def arrival_times(t, spectra: dict, ax=None):
    r"""Counts per μs against time after the pulse: each entry of ``spectra`` is (3, n_t) per component
    (:func:`lmt_lib.joint_fit.arrival_time_spectrum`); the labels pick the colours ("SM", "Lmu-Ltau")."""
    from lmt_lib.units import us

    ax = _axes(ax)
    for lab, s in spectra.items():
        col = colour(lab)
        ls = "--" if lab == "SM" else "-"
        name = _READABLE.get(lab, lab)
        ax.plot(t / us, s.sum(axis=0) * us, color=col, ls=ls, lw=1.6, label=f"{name}: total")
        ax.plot(t / us, s[1] * us, color=col, ls=":", lw=1.0, label=rf"{name}: $\nu_e$ only")
    ax.set_xlabel(r"time after the pulse centre $t$ [$\mu$s]")
    ax.set_ylabel(r"counts per $\mu$s")
    ax.set_yscale("log")
    ax.legend(fontsize=8)
    return ax


def exclusion_region(result, ax=None, colour_key=None, label=None, alpha=0.3, color=None):
    """Shade the excluded part of an exclusion :class:`lmt_lib.scans.ScanResult` (statistic above its level)."""
    ax = _axes(ax)
    c = color or _label_colour(result.label, colour_key)
    ax.contourf(result.masses / GeV, result.couplings, result.statistic.T, levels=[result.level, np.inf],
                colors=[c], alpha=alpha)
    ax.contour(result.masses / GeV, result.couplings, result.statistic.T, levels=[result.level], colors=[c],
               linewidths=0.8)
    ax.fill_between([], [], color=c, alpha=alpha, label=label or result.label)
    return ax


def g_eps_plane(fit, ratios: dict, ax=None, colour_key="CCM"):
    r"""The (g, ε) plane of a :class:`lmt_lib.joint_fit.JointFit`: the joint 1σ/2σ regions, the separate muon-beam
    (g) and CEvNS (g·ε) 2σ bands, and lines ε = k g for the ratios k in ``ratios`` (label -> k)."""
    from lmt_lib import stats

    if ax is None:
        _, ax = plt.subplots(figsize=(8.6, 4.4))
    G, E = np.meshgrid(fit.g, fit.eps, indexing="ij")
    c = colour(colour_key)
    ax.contourf(G, E, fit.statistic, levels=[-1.0, fit.levels[1]], colors=[c], alpha=0.25)
    ax.contourf(G, E, fit.statistic, levels=[-1.0, fit.levels[0]], colors=[c], alpha=0.45)
    ax.contour(G, E, fit.statistic, levels=list(fit.levels), colors=[c], linewidths=0.8)
    ax.plot([], [], color=c, lw=6, alpha=0.45, label="joint fit (1σ, 2σ)")
    lvl1 = stats.delta_chi2_threshold(sigma=2, dof=1)
    q_mu = fit.muon.delta_chi2(fit.benchmark.g, fit.g, fit.muon_scale)
    inside = fit.g[q_mu < lvl1]
    ax.axvspan(inside.min(), inside.max(), color=colour("NA64mu"), alpha=0.15, lw=0,
               label=f"{fit.muon.label}: g (2σ)")
    q_ce = fit.cevns.delta_chi2(fit.benchmark.g_eps, (G * E).ravel(), fit.cevns_scale).reshape(G.shape)
    ax.contour(G, E, q_ce, levels=[lvl1], colors=["0.3"], linestyles=":", linewidths=1.0)
    ax.plot([], [], color="0.3", ls=":", label=rf"{fit.cevns.label}: $g\varepsilon$ (2σ)")
    styles = ["-", "--", "-.", (0, (5, 1, 1, 1)), (0, (1, 1))]
    for (lab, k), ls in zip(ratios.items(), styles * 3, strict=False):
        ax.plot(fit.g, k * fit.g, color="k", ls=ls, lw=1.1, label=lab)
    ax.plot(fit.benchmark.g, fit.benchmark.eps0, marker="*", ms=11, color="k", ls="none")
    ax.set_xlim(fit.g[0], fit.g[-1])
    ax.set_ylim(fit.eps[0], fit.eps[-1])
    ax.set_xlabel(r"$g$")
    ax.set_ylabel(r"$\varepsilon$")
    ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.02, 0.5))
    return ax
