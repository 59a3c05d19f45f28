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
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_xlabel(r"$M_{A'}$ [GeV]")
    ax.set_ylabel(r"$g_{\mu\tau}$")
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
    r""":math:`P_{e\mu}-P_{e\tau}` against :math:`\delta_{CP}` for several :math:`\theta_{23}` (SPEC §6.2 warning).

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
