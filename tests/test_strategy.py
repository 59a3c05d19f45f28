"""Tests of lmt_lib.strategy and of the strategy figures.

Oracles:

- structure of the template models (exact): the muon-beam statistic does not depend on epsilon nor, below 2 m_mu,
  on the tau charge; the spallation statistic does not depend on the tau charge (no nu_tau at a pi-DAR source) and
  depends on g and epsilon only through their product; the benchmark itself has Delta chi^2 = 0;
- model discrimination: xenon recoils measure the tau charge of the benchmark (Lmu-Ltau: -1, Lmu: 0) and exclude
  the other model;
- analytic limits: BR(A' -> invisible) = 1 below the muon pair threshold for any tau charge, and equal to the
  library's branching ratios of the two named models above it; even in r_tau;
- physics ordering: a muon-beam projection with more muons on target reaches smaller couplings than the 2022 data;
  the NA64mu 2022 limit at light masses lies at g ~ (5-6)e-4 (arXiv:2401.01708 excludes part of the (g-2) band);
- readable figures: legends use reader's names (no registry keys), the scenario comes first;
- bad input raises ValueError naming the argument.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from lmt_lib import g2, model, plotting, strategy, widgets
from lmt_lib.units import GeV, MeV

M_B = 10 * MeV
G_B = 4.4e-4
EPS_B = abs(model.lmu_ltau(M_B, G_B).eps0)
MASSES = np.array([7.0, 10.0, 14.0]) * MeV
# equal log steps in g and eps, so that the products g*eps of different grid points coincide
G = np.geomspace(3.2e-4, 6e-4, 13)
STEP = G[1] / G[0]
EPS = EPS_B * STEP ** np.arange(-6, 7)
R = np.linspace(-2.0, 1.0, 13)


@pytest.fixture(scope="module")
def fit_lmutau():
    bm = {"mass": M_B, "g": G_B, "eps": EPS_B, "r_tau": -1.0}
    return strategy.combined_reconstruction(bm, MASSES, G, EPS, R, flux_sigmas={"8B": 0.12})


@pytest.fixture(scope="module")
def curves():
    return strategy.probe_curves(np.array([3.0, 10.0, 100.0]) * MeV, np.geomspace(1e-5, 1e-1, 50),
                                 ["NA64mu-2022", "NA64mu-1e12", "CCM"])


def test_probe_table_covers_the_three_properties():
    props = " ".join(p.prop for p in strategy.PROBES)
    assert all(tag in props for tag in ("P1", "P2", "P3"))
    for p in strategy.PROBES:
        assert p.experiment and p.measures and p.when and ("arXiv" in p.source or "Nature" in p.source)


def test_invisible_branching_limits():
    r = np.array([-2.0, -1.0, 0.0, 1.0, 2.0])
    below = strategy.invisible_branching([1 * MeV, 100 * MeV, 200 * MeV], r)
    np.testing.assert_array_equal(below, 1.0)  # no visible channel below 2 m_mu
    above = strategy.invisible_branching([300 * MeV, 1000 * MeV], r)
    np.testing.assert_allclose(above, above[:, ::-1], rtol=1e-14)  # even in r_tau
    for M in (300 * MeV, 1000 * MeV):
        i = 0 if M < 500 * MeV else 1
        assert above[i, 1] == pytest.approx(model.invisible_branching_ratio(model.lmu_ltau(M, 1e-3)), rel=1e-12)
        assert above[i, 2] == pytest.approx(model.invisible_branching_ratio(model.lmu(M, 1e-3)), rel=1e-12)


def test_benchmark_is_the_minimum(fit_lmutau):
    d = fit_lmutau.delta()
    i = (int(np.argmin(np.abs(MASSES - M_B))), int(np.argmin(np.abs(G - G_B))),
         int(np.argmin(np.abs(EPS - EPS_B))), int(np.argmin(np.abs(R + 1.0))))
    assert d[i] == pytest.approx(0.0, abs=1e-6)
    assert np.all(d >= 0)


def test_muon_beam_sees_neither_epsilon_nor_the_tau_charge(fit_lmutau):
    q = fit_lmutau.chi2["muon beam"]
    np.testing.assert_allclose(q, np.broadcast_to(q[:, :, :1, :1], q.shape), rtol=0, atol=1e-9)
    assert fit_lmutau.interval("eps", ["muon beam"]) == (None, None)
    assert fit_lmutau.interval("r_tau", ["muon beam"]) == (None, None)
    lo, hi = fit_lmutau.interval("g", ["muon beam"])
    assert lo < G_B < hi


def test_spallation_measures_the_product_g_eps_only(fit_lmutau):
    q = fit_lmutau.chi2["spallation CEvNS"]
    # no nu_tau at a pi-DAR source: independent of the tau charge
    np.testing.assert_allclose(q, np.broadcast_to(q[..., :1], q.shape), rtol=0, atol=1e-9)
    # (g_i, eps_j) and (g_{i+1}, eps_{j-1}) have the same product (equal log steps)
    np.testing.assert_allclose(q[:, 1:, :-1, 0], q[:, :-1, 1:, 0], rtol=1e-9, atol=1e-9)
    lo, hi = fit_lmutau.interval("eps", ["muon beam", "spallation CEvNS"])
    assert lo is not None and hi is not None and lo < EPS_B < hi


def test_xenon_measures_the_tau_charge(fit_lmutau):
    lo, hi = fit_lmutau.interval("r_tau")
    assert lo is not None and hi is not None and lo <= -1.0 <= hi
    prof = fit_lmutau.profile("r_tau")
    assert prof[np.argmin(np.abs(R))] > 9.0  # the L_mu hypothesis (r_tau = 0) is excluded at > 3 sigma


def test_lmu_benchmark_is_told_apart():
    bm = {"mass": M_B, "g": G_B, "eps": EPS_B, "r_tau": 0.0}
    fit = strategy.combined_reconstruction(bm, MASSES, G, EPS, R, spallation=(), flux_sigmas={"8B": 0.12})
    lo, hi = fit.interval("r_tau")
    assert lo <= 0.0 <= hi and not (lo <= -1.0 <= hi)


def test_profile_shapes_and_errors(fit_lmutau):
    assert fit_lmutau.profile(("g", "eps")).shape == (G.size, EPS.size)
    assert fit_lmutau.profile(("eps", "g")).shape == (EPS.size, G.size)
    with pytest.raises(ValueError, match="axis"):
        fit_lmutau.profile("nope")
    with pytest.raises(ValueError, match="probes"):
        fit_lmutau.delta(["no such probe"])


@pytest.mark.parametrize("kwargs, word", [
    ({"benchmark": {"mass": 11 * MeV, "g": G_B, "eps": EPS_B, "r_tau": -1.0}}, "grid masses"),
    ({"benchmark": {"mass": M_B, "g": G_B}}, "benchmark"),
    ({"r_tau": [0.0]}, "r_tau"),
    ({"r_tau": [1.0, 0.0]}, "r_tau"),
    ({"eps": [-1e-6, 1e-6]}, "eps"),
])
def test_combined_reconstruction_rejects_bad_input(kwargs, word):
    args = {"benchmark": {"mass": M_B, "g": G_B, "eps": EPS_B, "r_tau": -1.0}, "masses": MASSES, "g": G,
            "eps": EPS, "r_tau": R, "spallation": (), "xenon": ()}
    args.update(kwargs)
    with pytest.raises(ValueError, match=word):
        strategy.combined_reconstruction(**args)


def test_probe_curves_physics_ordering(curves):
    na64 = curves["NA64mu-2022"].g
    assert np.all((na64[:2] > 5e-4) & (na64[:2] < 6e-4))  # flat at light masses, g ~ (5-6)e-4
    assert np.all(curves["NA64mu-1e12"].g < na64)  # more muons on target reach smaller couplings
    assert curves["CCM"].status == "projection" and curves["NA64mu-2022"].status == "data"
    with pytest.raises(ValueError, match="unknown experiment"):
        strategy.probe_curves([10 * MeV, 20 * MeV], [1e-4, 1e-3], ["NA64"])


def test_excluded_by_data_follows_the_curve(curves):
    lim = curves["NA64mu-2022"].g[1]
    out = strategy.excluded_by_data(curves, [10 * MeV, 10 * MeV, 1 * GeV], [0.99 * lim, 1.01 * lim, 1.0],
                                    bound_names=[])
    assert out.tolist() == [False, True, False]  # nothing excluded outside the curves' masses


def test_strategy_figure_is_readable(curves):
    ax = plotting.strategy_figure(curves, "WP20_2021")
    labels = ax.get_legend().get_texts()
    texts = [t.get_text() for t in labels]
    assert texts[0].startswith("WP20 2021")  # the scenario first
    assert not any(k in " ".join(texts) for k in ("NA64mu-", "_", "CCM-"))  # no registry keys
    assert any("BaBar" in t for t in texts) and any("CCFR" in t for t in texts)
    assert not any("CMS" in t for t in texts)  # published curves outside the masses drawn stay out of the legend
    ax2 = plotting.strategy_figure(curves, "WP25_final", groups=("P1",))
    texts2 = [t.get_text() for t in ax2.get_legend().get_texts()]
    assert any("upper limit" in t for t in texts2) and not any("CCM" in t for t in texts2)
    with pytest.raises(ValueError, match="groups"):
        plotting.strategy_figure(curves, groups=("P4",))
    plt.close("all")


def test_combined_regions_and_explorer(fit_lmutau, curves):
    fig, axs = plt.subplots(1, 2)
    plotting.combined_regions(fit_lmutau, ("g", "eps"), ax=axs[0])
    plotting.combined_regions(fit_lmutau, ("g", "r_tau"), ax=axs[1])
    assert axs[0].get_xscale() == "log" and axs[1].get_yscale() == "linear"
    assert "benchmark" in [t.get_text() for t in axs[1].get_legend().get_texts()]
    box = widgets.strategy_explorer(curves, "WP20_2021")
    box.children[0].value = "WP25_final"  # changing the scenario redraws without error
    assert box.children[0].value == "WP25_final"
    fig = widgets.strategy_static(curves, "WP25_final")
    assert fig.axes
    plt.close("all")


def test_scenario_changes_the_strategy_figure(curves):
    a = plotting.strategy_figure(curves, "WP20_2021")
    b = plotting.strategy_figure(curves, "WP25_final")
    la = {t.get_text() for t in a.get_legend().get_texts()}
    lb = {t.get_text() for t in b.get_legend().get_texts()}
    assert la != lb and any("favoured" in t for t in la) and not any("favoured" in t for t in lb)
    assert g2.get_scenario("WP25_final").prefers_new_physics(2) is False
    plt.close("all")


def test_chapter_figure_follows_the_scenario_of_its_first_cell():
    """The strategy chapter's first code cell sets SCENARIO and the parameter-space figure is drawn with it."""
    from pathlib import Path

    import jupytext

    nb = jupytext.read(Path(__file__).resolve().parents[1] / "book" / "strategy.md")
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert code[0].strip().startswith("SCENARIO = ")
    assert any("plotting.strategy_figure(curves, SCENARIO)" in c for c in code)
    assert any("widgets.strategy_static(curves, SCENARIO)" in c for c in code)


@pytest.mark.parametrize("changes", [
    # NuFIT 6.0 normal ordering (Esteban et al., arXiv:2410.05380): with and without Super-Kamiokande atmospheric data
    {"sin2_12": 0.308, "sin2_13": 0.02215, "sin2_23": 0.470, "delta_cp_deg": 212.0},
    {"sin2_12": 0.307, "sin2_13": 0.02195, "sin2_23": 0.561, "delta_cp_deg": 177.0},
])
def test_tau_charge_is_measured_for_current_oscillation_fits(changes):
    """The nu_mu/nu_tau split of solar neutrinos depends on theta23 and delta_CP; the reconstruction of the tau
    charge must not rely on the authors' delta = 0."""
    from lmt_lib import oscillations

    params = oscillations.DEFAULT_PARAMETERS.with_(**changes)
    bm = {"mass": M_B, "g": G_B, "eps": EPS_B, "r_tau": -1.0}
    fit = strategy.combined_reconstruction(bm, MASSES, G, EPS, R, spallation=(), flux_sigmas={"8B": 0.12},
                                           oscillation=params)
    lo, hi = fit.interval("r_tau")
    assert lo is not None and hi is not None and lo <= -1.0 <= hi
    assert fit.profile("r_tau")[np.argmin(np.abs(R))] > 9.0
