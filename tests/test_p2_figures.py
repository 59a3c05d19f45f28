"""Figures and explorer of chapter P2 (lmt_lib.plotting, lmt_lib.widgets).

Oracles: each drawing function returns its axes with the artists it promises (one curve per hypothesis, the
lines of every ratio asked for, a legend without registry keys), and the explorer's static figure states the
counts and significance it computed.
"""

import numpy as np

from lmt_lib import joint_fit as J
from lmt_lib import model, plotting, widgets
from lmt_lib.units import MeV, keV, us


def test_pidar_source_draws_spectra_and_timing():
    left, right = plotting.pidar_source()
    assert len(left.get_lines()) >= 3 and len(right.get_lines()) == 4


def test_observed_spectra_and_arrival_times_use_readable_labels():
    bp = model.lmu_ltau(30 * MeV, 5e-4)
    E = np.linspace(25, 100, 50) * keV
    s = J.observed_spectrum("CCM", E, [None, bp], energy="nr")
    axes = plotting.observed_spectra([("CCM", s / s[0].max())], [E])
    assert len(axes[0][0].get_lines()) == 2
    t = np.linspace(-1, 8, 50) * us
    ax = plotting.arrival_times(t, {"SM": J.arrival_time_spectrum("CCM", t),
                                    "Lmu-Ltau": J.arrival_time_spectrum("CCM", t, bp)})
    labels = [h.get_label() for h in ax.get_lines()]
    assert len(labels) == 4 and not any(lab.startswith("Lmu-Ltau") for lab in labels)


def test_g_eps_plane_draws_every_ratio_line():
    bp = model.lmu_ltau(30 * MeV, 5e-4)
    fit = J.joint_fit(J.muon_run("NA64mu-1e12", 30 * MeV), J.cevns_run("ESS", 30 * MeV), bp,
                      np.linspace(4e-4, 6e-4, 21), np.linspace(-1.5e-5, 2e-6, 31))
    ratios = {"loop": bp.eps0 / bp.g, "zero": 0.0, "Lmu 100 GeV": J.lmu_ratio(100.0)}
    ax = plotting.g_eps_plane(fit, ratios)
    labels = [h.get_label() for h in ax.get_lines()]
    assert all(lab in labels for lab in ratios)


def test_spallation_static_reports_counts():
    fig = widgets.spallation_static("CENNS-610", 30 * MeV, 5e-4)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert any("SM" in t and "Z" in t for t in texts)
    fig1 = widgets.spallation_static("COHERENT-CsI-2021", 30 * MeV, 5e-4)
    assert fig1.axes
