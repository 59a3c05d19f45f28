"""Smoke tests of the figure functions: they draw artists with the right labels and never show or save.

Oracles: the matplotlib artist tree (labels, scales, number of drawn objects) and the library's own numbers
(the band drawn is the band computed).
"""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from lmt_lib import g2, plotting, widgets
from lmt_lib.units import GeV


def test_style_loads():
    plotting.use_style()
    assert plt.rcParams["axes.grid"] is True


def test_colour_lookup_is_consistent():
    assert plotting.colour("DARWIN-low-ER") == plotting.COLOURS["DARWIN"]
    assert plotting.colour("WP25_final") == plotting.COLOURS["WP25_final"]
    assert plotting.colour("something-new").startswith("#")


def test_g2_band_draws_band_and_limit():
    ax = plotting.g2_band("WP20_2021")
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert "m_{a'}" in ax.get_xlabel().lower() or "M_{A'}" in ax.get_xlabel()
    assert len(ax.collections) == 2  # 1 sigma and 2 sigma bands
    # the drawn 2 sigma band is the computed one
    M = np.geomspace(1e-3, 1.0, 200) * GeV
    path = ax.collections[0].get_paths()[0].vertices
    reg = g2.g2_region(M, "WP20_2021", 2)
    assert path[:, 1].max() == pytest.approx(reg.g_high.max(), rel=1e-9)
    ax2 = plotting.g2_band("WP25_final")
    assert len(ax2.lines) == 2  # 1 and 2 sigma upper limits


def test_legends_show_readable_names_not_registry_keys():
    ax = widgets.scenario_comparison(("WP20_2021", "WP25_final"))
    ax = plotting.delta_a_mu_curve(5e-4, scenario="WP20_2023", ax=ax)
    labels = [t.get_text() for t in ax.legend().get_texts()]
    assert "WP20 2021 (1$\\sigma$ favoured)" in labels and "WP25 2025 (2$\\sigma$ upper limit)" in labels
    assert "WP20 2023 ($1\\sigma$)" in labels
    assert not [lab for lab in labels if any(key in lab for key in g2.SCENARIOS)], labels


def test_other_figures():
    ax = plotting.kinetic_mixing_running()
    assert len(ax.lines) >= 3
    ax = plotting.delta_a_mu_curve(5e-4, scenario="WP20_2021")
    assert len(ax.lines) == 3
    fig = widgets.g2_static()
    assert fig.axes
    ax = widgets.scenario_comparison()
    assert ax.get_legend() is not None


def test_explorer_builds_and_redraws():
    box = widgets.g2_explorer(delta_a=100e-11, sigma=80e-11)
    sliders = box.children[0].children
    sliders[0].value = 300  # moving a slider redraws without error
    assert sliders[0].value == 300


def test_bounds_accepts_registered_names_and_bound_objects():
    from lmt_lib import constraints

    computed = constraints.Bound("test-computed", "none", "computed", [1e-3 * GeV, 1e-1 * GeV], [1e-4, 1e-2])
    ax = plotting.bounds(["BaBar", computed])
    labels = [t.get_label() for t in ax.collections]
    assert computed.name in labels and get_label_of("BaBar") in labels
    # the curve of the computed bound is drawn where it is
    xs, ys = ax.lines[-1].get_data()
    np.testing.assert_allclose(xs, [1e-3, 1e-1])
    np.testing.assert_allclose(ys, [1e-4, 1e-2])
    with pytest.raises(ValueError):
        plotting.bounds(["no-such-bound"])
    plt.close("all")


def get_label_of(name):
    from lmt_lib import constraints

    b = constraints.get_bound(name)
    return b.label or b.name


def test_muon_beam_figures_draw_the_computed_numbers():
    from lmt_lib import model, muon_beam
    from lmt_lib.units import MeV

    ax = plotting.muon_limits(("NA64mu-2022",), M=np.array([10.0, 100.0]) * MeV, scenario=None, published=())
    np.testing.assert_allclose(ax.lines[0].get_ydata(),
                               muon_beam.coupling_limit("NA64mu-2022", np.array([10.0, 100.0]) * MeV), rtol=1e-12)
    ax = plotting.muon_calibration(("M3-phase1",))
    np.testing.assert_allclose(ax.lines[0].get_ydata(), 100 * muon_beam.calibration_residuals("M3-phase1"),
                               rtol=1e-12)
    ax = plotting.muon_missing_energy("NA64mu-2022", np.array([10.0, 300.0]) * MeV)
    assert len(ax.patches) == 2
    ax = plotting.muon_x_spectrum(np.array([10.0]) * MeV)
    assert ax.get_yscale() == "log" and len(ax.lines) == 1
    ax = plotting.muon_events_vs_mot("NA64mu-2022", {"a": model.lmu_ltau(10 * MeV, 5e-4)})
    assert len(ax.lines) == 2  # the yield and the 90 % CL count


def test_muon_explorer_builds_and_redraws():
    fig = widgets.muon_beam_static()
    assert len(fig.axes) == 2
    box = widgets.muon_beam_explorer()
    mot, mass, scenario = box.children[0].children
    mot.value = 1e12
    scenario.value = "WP25_final"  # the (g-2) switch redraws without error
    assert scenario.value == "WP25_final" and mass.value == pytest.approx(10.0)
