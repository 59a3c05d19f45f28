"""Tests of the unit system.

Oracles: exact SI definitions (hbar c, the Julian year, E = m c^2), equivalent inputs giving identical outputs
(the unit contract: multiply inputs by their unit, divide outputs by it), and the PDG 2024 values.
"""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lmt_lib import units as u


def test_base_unit_and_prefixes():
    assert u.GeV == 1.0
    assert u.MeV == pytest.approx(1e-3)
    assert 5 * u.keV == pytest.approx(0.005 * u.MeV, rel=1e-15)


def test_length_and_cross_section_conversion():
    # 1 GeV^-2 = 0.38938 mb = 3.8938e-28 cm^2 (natural units)
    assert (1 / u.GeV**2) / u.cm**2 == pytest.approx(3.8938e-28, rel=1e-4)
    assert u.fm * u.GeV == pytest.approx(1 / 0.1973269804, rel=1e-9)


def test_time_and_exposure():
    assert u.year / u.s == pytest.approx(3.15576e7, rel=1e-12)
    assert 1 * u.tonne * u.year == pytest.approx(1000 * u.kg * 365.25 * u.day, rel=1e-14)


def test_kilogram_in_gev():
    # 1 kg c^2 = 5.60958860e26 GeV (CODATA)
    assert u.kg == pytest.approx(5.60958860e26, rel=1e-8)
    # the atomic mass unit times Avogadro's number is one gram (to the 2019-SI precision)
    assert u.amu * u.AVOGADRO / u.g_mass == pytest.approx(1.0, rel=1e-9)


def test_electric_charge():
    assert u.e_charge == pytest.approx(0.302822, rel=1e-6)
    assert u.e_charge**2 / (4 * math.pi) == pytest.approx(1 / 137.035999084, rel=1e-12)


def test_constants_table_complete_and_sourced():
    assert len(u.CONSTANTS) >= 10
    for c in u.CONSTANTS:
        assert c.source.strip(), c.symbol
        assert math.isfinite(c.shown)
    by_symbol = {c.symbol: c.shown for c in u.CONSTANTS}
    assert by_symbol["m_mu"] == pytest.approx(105.6583755)
    assert by_symbol["tau_mu"] == pytest.approx(2.1969811, rel=1e-9)


@given(st.floats(min_value=1e-3, max_value=1e3))
def test_equivalent_inputs_identical(x):
    assert x * u.keV == pytest.approx((x / 1000) * u.MeV, rel=1e-14)
    assert x * u.m == pytest.approx(100 * x * u.cm, rel=1e-14)


@pytest.mark.parametrize("bad", [0.0, -1.0, float("nan"), float("inf"), "abc", None])
def test_positive_check_rejects(bad):
    from lmt_lib._validation import positive

    with pytest.raises(ValueError, match="M="):
        positive("M", bad)
