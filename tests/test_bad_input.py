"""Bad input anywhere in the public API gets a clear error that names the argument, before any kernel runs.

Oracle: the contract of the public API (validate arguments at the API boundary): a bad argument
raises ``ValueError`` or ``TypeError`` (``lmt_lib._validation.ArgumentTypeError`` is both) whose message names the
argument; never a silent number, NaN or inf, never numba's TypingError, numpy's or Python's internal messages
(``float()``, ``AttributeError``, ``IndexError``), never a hang or an unbounded allocation.

How: :data:`CASES` maps every public callable of every module (functions, constructors of the records a user may
build, and the public methods that take arguments) to a valid call and, per argument, a hypothesis strategy of bad
values of each kind that applies: strings where numbers or booleans are expected, ``None``, NaN and inf, negative
or zero values where only positive ones make sense, non-integer, zero and absurd (10^10) counts, unknown names and
misspelt dictionary keys, and arrays that are empty, non-finite or two-dimensional where one axis is expected.
Each bad call runs under a time limit.  :func:`test_every_public_callable_is_covered` lists every public callable
programmatically, so a new public function without an entry here fails the suite; :data:`EXEMPT` says why the
few callables without one need none.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import inspect
import math
import pkgutil
import signal
from dataclasses import dataclass, field

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import lmt_lib
from lmt_lib import constraints, detectors, g2, joint_fit, model, muon_beam, oscillations, plotting, rates, scans
from lmt_lib import stats, strategy, targets, units, widgets, xsec
from lmt_lib.fluxes import solar, spallation
from lmt_lib.units import GeV, MeV, keV, kg, m, tonne, us, year

NAN, INF = float("nan"), float("inf")

# ---------------------------------------------------------------------------------------------------------------
# kinds of bad values
# ---------------------------------------------------------------------------------------------------------------
NOT_A_NUMBER = st.sampled_from(["abc", "1.0", None, [1.0, "x"], {"x": 1.0}, True])
NON_FINITE = st.sampled_from([NAN, INF, -INF])
NEGATIVE = st.floats(max_value=-1e-300, allow_nan=False, allow_infinity=False)
#: a finite real number is expected (any sign)
REAL = st.one_of(NOT_A_NUMBER, NON_FINITE)
#: a real number >= 0 is expected
NONNEG = st.one_of(REAL, NEGATIVE)
#: a real number > 0 is expected
POSITIVE = st.one_of(NONNEG, st.just(0.0))
#: a real number > 0 or +inf ("no limit") is expected
POSITIVE_OR_INF = st.one_of(NOT_A_NUMBER, st.sampled_from([NAN, -INF, 0.0]), NEGATIVE)


def outside(lo, hi, *, lo_open=False, hi_open=False):
    """Real numbers outside [lo, hi] (lo/hi themselves excluded when the interval is open there), and non-numbers."""
    parts = [REAL, st.floats(max_value=lo, exclude_max=not lo_open, allow_nan=False, allow_infinity=False),
             st.floats(min_value=hi, exclude_min=not hi_open, allow_nan=False, allow_infinity=False)]
    return st.one_of(*parts)


#: a probability / confidence level in (0, 1)
PROBABILITY = outside(0.0, 1.0, lo_open=True, hi_open=True)
#: True or False is expected: strings, numbers and None are refused (a non-empty string would read as True)
FLAG = st.sampled_from(["False", "no", "yes", "True", "", 0, 1, 1.0, None, [True]])
#: an integer count (nodes, bins, toys, grid points)
COUNT = st.one_of(st.sampled_from([2.5, 0, -3, 10**10, 1e12, "8", None, NAN, INF, True]),
                  st.floats(0.01, 1e3).filter(lambda x: x != int(x)))
#: a name from a registry or a list of choices
NAME = st.sampled_from(["no-such-name", "", None, 3, 2.5, ["x"], ("x",)])
#: an array of real numbers > 0 (or one number)
POSITIVE_ARRAY = st.one_of(POSITIVE, st.sampled_from([[NAN], [1.0, INF], [-1.0, 1.0], [0.0], [], "abc", [None],
                                                      [[1.0, 2.0], [NAN, 1.0]], [["a"]]]))
#: the same, for functions that map an array to an array of the same shape: an empty array is a valid input there
#: (it gives an empty result, which the solar components without lines rely on)
POSITIVE_ARRAY_OR_EMPTY = st.one_of(POSITIVE, st.sampled_from([[NAN], [1.0, INF], [-1.0, 1.0], [0.0], "abc", [None],
                                                               [[1.0, 2.0], [NAN, 1.0]], [["a"]]]))
#: an array of real numbers >= 0 (or one number)
NONNEG_ARRAY = st.one_of(NONNEG, st.sampled_from([[NAN], [1.0, INF], [-1.0, 1.0], "abc", [None], [[NAN]]]))
#: an array of finite real numbers (or one number)
REAL_ARRAY = st.one_of(REAL, st.sampled_from([[NAN], [1.0, INF], "abc", [None], [[NAN]], [1.0, "x"]]))
#: a HiddenPhoton (or None for the SM) is expected
MODEL = st.sampled_from(["Lmu", "Lmu-Ltau", 3, 1e-3, {"g": 1e-3}, [1e-3]])
#: a flux-uncertainty dict {component: fractional sigma}
FLUX_SIGMAS = st.sampled_from([{"promtp": 0.1}, {"no-such": 0.1}, {"8B": NAN}, {"8B": -0.1}, {"prompt": INF},
                               "abc", [0.1], 0.1])
#: three neutrino charges (Q'_nu_e, Q'_nu_mu, Q'_nu_tau)
CHARGES3 = st.sampled_from([[0.0, 1.0], [0.0, NAN, -1.0], [0.0, INF, 1.0], "abc", None, [[0.0, 1.0, -1.0]] * 2])
#: the six charges of a model (e, mu, tau, nu_e, nu_mu, nu_tau)
CHARGES6 = st.sampled_from([[0.0, 1.0], [0.0, NAN, -1.0, 0.0, 1.0, -1.0], "abcdef", None, [INF] * 6])
#: the weak mixing angle choice: "MZ", "low" or a number in (0, 1)
SIN2W = st.sampled_from(["MZ ", "mz", None, NAN, 1.5, 0.0, -0.2, INF, [0.23]])
#: a numpy Generator is expected
RNG = st.sampled_from([1, None, "seed", np.random.RandomState(1) if hasattr(np.random, "RandomState") else 1])
#: a list of (template-shaped counts, fractional sigma) nuisances
NUISANCES = st.sampled_from([[([1.0, 1.0], NAN)], [([1.0, 1.0], -0.1)], [([1.0], 0.1)], [([NAN, 1.0], 0.1)], "abc",
                             [(1.0,)], 3])
#: a detector name or object (an unknown name is reported as an unknown experiment name)
DETECTOR = st.sampled_from(["no-such-detector", "", None, 3, ["CENNS-610"]])
EXPERIMENT = ("experiment",)
#: a model name, "Lmu-Ltau" or "Lmu"
MODEL_NAME = st.sampled_from(["Lmu-Ltau ", "lmu", "", None, 3, ["Lmu"]])
#: bin edges in time: a 1-d, strictly increasing array of at least two finite times
TIME_EDGES = st.sampled_from([[NAN, 1.0], [2.0, 1.0], [1.0, 1.0], [1.0], [], "abc", [None], 3.0,
                              [[0.0, 1.0], [2.0, 3.0]], [0.0, INF]])


# ---------------------------------------------------------------------------------------------------------------
# valid objects the calls are built from (built once)
# ---------------------------------------------------------------------------------------------------------------
@functools.cache
def templates():
    return rates.binned_templates("CENNS-610", [10 * MeV, 20 * MeV])


@functools.cache
def det():
    return detectors.get_detector("CENNS-610")


@functools.cache
def solar_det():
    return detectors.get_detector("DARWIN-low-NR")


@functools.cache
def muon_exp():
    return detectors.get_detector("NA64mu-2022")


@functools.cache
def component():
    return rates.solar_components(["8B"], n=200)[0]


def A(mass=10 * MeV, g=5e-4):
    return model.lmu_ltau(mass, g)


@functools.cache
def mu_run():
    return joint_fit.muon_run("NA64mu-1e12", 30 * MeV)


@functools.cache
def ce_run():
    return joint_fit.cevns_run("CENNS-610", 30 * MeV)


def RUNS():
    return dict(muon=mu_run(), cevns=ce_run(), benchmark=A(30 * MeV, 5e-4))


#: bad runs and benchmarks of the joint fit: wrong types, swapped runs, a benchmark at another mass
BAD_RUNS = dict(muon=st.deferred(lambda: st.sampled_from([None, "NA64mu-1e12", 3, ce_run()])),
                cevns=st.deferred(lambda: st.sampled_from([None, "CENNS-610", 3, mu_run()])),
                benchmark=st.one_of(MODEL, st.deferred(lambda: st.just(A(10 * MeV, 5e-4)))))


@functools.cache
def jfit():
    return joint_fit.joint_fit(**RUNS(), g=[4e-4, 5e-4, 6e-4], eps=[-1.2e-5, -7e-6, 0.0])


_BM = dict(mass=10 * MeV, g=5e-4, eps=5e-4 / 69.3, r_tau=-1.0)


@functools.cache
def cfit():
    return strategy.combined_reconstruction(_BM, [10 * MeV], [3e-4, 5e-4, 8e-4], [2e-6, 7e-6, 2e-5],
                                            [-2.0, -1.0, 1.0], spallation=(), xenon=())


def probe_curve():
    return strategy.ProbeCurve("demo", "demo", "P1", "data", "demo", np.array([5 * MeV, 50 * MeV]),
                               np.array([1e-3, 1e-3]))


# ---------------------------------------------------------------------------------------------------------------
# the table: every public callable, a valid call and the bad values of each argument
# ---------------------------------------------------------------------------------------------------------------
@dataclass
class Case:
    """``func(**good())`` is valid; ``func(**{**good(), arg: v})`` must be refused for every v in ``bad[arg]``."""

    func: object
    good: object  # a dict, or a function returning one
    bad: dict
    names: dict = field(default_factory=dict)  # words the message may use for an argument instead of its name
    arrays: tuple = ()  # arguments that take 1-d arrays: a 2-d one must work or be refused clearly

    def kwargs(self):
        return dict(self.good() if callable(self.good) else self.good)


def method(obj, name):
    """A method of a lazily built object, callable with keyword arguments."""

    def call(**kw):
        return getattr(obj() if callable(obj) and not inspect.isclass(obj) else obj, name)(**kw)

    call.__name__ = name
    call.target = lambda: getattr(obj() if callable(obj) and not inspect.isclass(obj) else obj, name)
    return call


def none_is_valid(case: Case, arg: str) -> bool:
    """Whether the argument is optional with default None (then None is not a bad value)."""
    func = case.func.target() if hasattr(case.func, "target") else case.func
    try:
        param = inspect.signature(func).parameters.get(arg)
    except (TypeError, ValueError):
        return False
    return param is not None and param.default is None


_DET_PARTS = dict(
    name="demo", label="demo", kind="solar", channel="NR", target="Xe", observable="nr", exposure=1 * tonne * year,
    threshold=1 * keV, e_max=10 * keV, binning=detectors.Binning(1 * keV, "demo"),
    efficiency=detectors.Efficiency("step", "demo", e50=1 * keV), resolution=detectors.Resolution("none", "demo"),
    quenching=detectors.Quenching("none", "demo"), background=detectors.Background("none", "demo"),
    sigma_norm=0.0, source="demo", projection=True)
_MUON = dict(name="demo", label="demo", E0=160 * GeV, target_name="Pb", Z=82.0, A=207.2, density=11.35,
             thickness=40.0, eps_L_T=0.1, x_cut=0.5, n_mot=1e10, background_per_mot=1e-12, source="demo",
             projection=True)
_EFF = dict(kind="logistic", source="demo", energy="nr", plateau=0.9, e50=2 * keV, slope=1 * keV)
_LINE = dict(name="demo", component="7Be", line_energy=0.8613 * MeV, rate=48.3, stat=1.1, syst_up=0.4,
             syst_down=0.7, n_electrons=3.3e31, source="demo")
_OSC = dict(theta12=0.59, theta13=0.15, theta23=0.84, delta_cp=3.4, dm2_21=7.5e-5 * 1e-18)

CASES: dict[str, Case] = {
    # ----- units
    "units.Constant": Case(units.Constant, dict(symbol="x", value=1.0, unit_name="MeV", unit=MeV, source="demo"),
                           dict(value=REAL, unit=POSITIVE, symbol=st.sampled_from([None, 3, ""]),
                                source=st.sampled_from([None, 3, ""]))),
    # ----- model
    "model.HiddenPhoton": Case(model.HiddenPhoton, dict(name="x", charges=model.MODEL_CHARGES["Lmu-Ltau"],
                                                        mass=10 * MeV, g=5e-4),
                               dict(mass=POSITIVE, g=REAL, epsilon=REAL, running=FLAG, cutoff=POSITIVE,
                                    charges=CHARGES6, name=st.sampled_from([None, 3, ""]))),
    "model.custom": Case(model.custom, dict(name="x", charges=(0, 1, -1, 0, 1, -1), mass=10 * MeV, g=5e-4),
                         dict(mass=POSITIVE, g=REAL, epsilon=REAL, cutoff=POSITIVE, charges=CHARGES6)),
    "model.lmu_ltau": Case(model.lmu_ltau, dict(mass=10 * MeV, g=5e-4),
                           dict(mass=POSITIVE, g=REAL, epsilon=REAL, running=FLAG)),
    "model.lmu": Case(model.lmu, dict(mass=10 * MeV, g=5e-4), dict(mass=POSITIVE, g=REAL, epsilon=REAL,
                                                                    cutoff=POSITIVE)),
    "model.model": Case(model.model, dict(name="Lmu-Ltau", mass=10 * MeV, g=5e-4),
                        dict(name=MODEL_NAME, mass=POSITIVE, g=REAL)),
    "model.invisible_branching_ratio": Case(model.invisible_branching_ratio, dict(A=A()), dict(A=MODEL)),
    "model.kinetic_mixing": Case(model.kinetic_mixing, dict(g=1e-3, q2=-(10 * MeV) ** 2),
                                 dict(g=REAL, q2=st.one_of(REAL, st.just(1.0)), charges=CHARGES6, cutoff=POSITIVE),
                                 arrays=("g", "q2")),
    "model.kinetic_mixing_complex": Case(model.kinetic_mixing_complex, dict(g=1e-3, q2=1.0),
                                         dict(g=REAL, q2=REAL, charges=CHARGES6, cutoff=POSITIVE),
                                         arrays=("g", "q2")),
    "model.mixing_ratio": Case(model.mixing_ratio, dict(Q2=1e-4), dict(Q2=NONNEG_ARRAY, charges=CHARGES6),
                               arrays=("Q2",)),
    "model.HiddenPhoton.charge": Case(method(A, "charge"), dict(fermion="mu"), dict(fermion=NAME)),
    "model.HiddenPhoton.eps": Case(method(lambda: A().with_(running=True), "eps"), dict(q2=-1e-4),
                                   dict(q2=REAL), arrays=("q2",)),
    "model.HiddenPhoton.with_": Case(method(A, "with_"), dict(mass=20 * MeV),
                                     dict(mass=POSITIVE, g=REAL, running=FLAG)),
    # ----- g2
    "g2.G2Scenario": Case(g2.G2Scenario, dict(name="x", delta_a=2.5e-9, sigma=5.9e-10),
                          dict(delta_a=REAL, sigma=POSITIVE, name=st.sampled_from([None, 3, ""]))),
    "g2.G2Scenario.prefers_new_physics": Case(method(lambda: g2.get_scenario("WP20_2021"), "prefers_new_physics"),
                                              dict(n_sigma=2.0), dict(n_sigma=POSITIVE)),
    "g2.chi2_g2": Case(g2.chi2_g2, dict(M=10 * MeV, g=5e-4),
                       dict(M=POSITIVE_ARRAY, g=REAL_ARRAY, scenario=st.one_of(NAME, st.just((NAN, 1e-10)))),
                       names=dict(M=("M", "mass")), arrays=("M", "g")),
    "g2.coupling_for": Case(g2.coupling_for, dict(M=10 * MeV, delta_a=2.5e-9),
                            dict(M=POSITIVE_ARRAY, delta_a=NONNEG), names=dict(M=("M", "mass")), arrays=("M",)),
    "g2.delta_a_mu": Case(g2.delta_a_mu, dict(M=10 * MeV, g=5e-4), dict(M=POSITIVE_ARRAY, g=REAL_ARRAY),
                          names=dict(M=("M", "mass")), arrays=("M", "g")),
    "g2.delta_a_mu_heavy": Case(g2.delta_a_mu_heavy, dict(M=10 * GeV, g=1.0), dict(M=POSITIVE_ARRAY, g=REAL_ARRAY),
                                names=dict(M=("M", "mass")), arrays=("M", "g")),
    "g2.delta_a_mu_light": Case(g2.delta_a_mu_light, dict(g=1.0), dict(g=REAL_ARRAY), arrays=("g",)),
    "g2.loop_function": Case(g2.loop_function, dict(M=10 * MeV), dict(M=POSITIVE_ARRAY),
                             names=dict(M=("M", "mass")), arrays=("M",)),
    "g2.g2_region": Case(g2.g2_region, dict(M=[10 * MeV, 20 * MeV]),
                         dict(M=POSITIVE_ARRAY, scenario=NAME, n_sigma=POSITIVE), names=dict(M=("M", "mass"))),
    "g2.get_scenario": Case(g2.get_scenario, dict(scenario="WP20_2021"),
                            dict(scenario=st.one_of(NAME, st.sampled_from([(NAN, 1e-10), (1e-9, -1.0), (1e-9,)])))),
    # ----- fluxes.solar
    "fluxes.solar.fermi_function": Case(solar.fermi_function, dict(Z=6, E_e=1 * MeV, A=13),
                                        dict(Z=st.one_of(REAL, st.sampled_from([200, -140, 2.5])),
                                             E_e=st.one_of(NONNEG_ARRAY, st.just(0.1 * MeV)), A=COUNT),
                                        arrays=("E_e",)),
    "fluxes.solar.allowed_shape": Case(solar.allowed_shape,
                                       dict(E_nu=1 * MeV, endpoint=1.732 * MeV, Z_daughter=7, A_daughter=15),
                                       dict(E_nu=NONNEG_ARRAY, endpoint=POSITIVE, Z_daughter=COUNT, A_daughter=COUNT),
                                       arrays=("E_nu",)),
    "fluxes.solar.coulomb_penetrability": Case(
        solar.coulomb_penetrability, dict(L=2, E_cm=3.12 * MeV, Z1Z2=4, reduced_mass=1863.69 * MeV, radius=4.5e-13 *
                                          units.cm),
        dict(L=st.sampled_from([2.5, -1, None, "2", NAN, 10**10]), E_cm=POSITIVE_ARRAY_OR_EMPTY, Z1Z2=NONNEG,
             reduced_mass=POSITIVE, radius=POSITIVE), arrays=("E_cm",)),
    "fluxes.solar.b8_spectrum": Case(solar.b8_spectrum, dict(), dict(background=FLAG, radius=POSITIVE)),
    "fluxes.solar.be8_final_state_distribution": Case(solar.be8_final_state_distribution, dict(E_x=[1 * MeV]),
                                                      dict(E_x=REAL_ARRAY, background=FLAG, radius=POSITIVE),
                                                      arrays=("E_x",)),
    "fluxes.solar.differential_flux": Case(solar.differential_flux, dict(component="8B", E_nu=10 * MeV),
                                           dict(component=NAME, E_nu=NONNEG_ARRAY, ssm=NAME), arrays=("E_nu",)),
    "fluxes.solar.endpoint": Case(solar.endpoint, dict(component="8B"), dict(component=NAME)),
    "fluxes.solar.flux_uncertainty": Case(solar.flux_uncertainty, dict(component="8B"),
                                          dict(component=NAME, ssm=NAME)),
    "fluxes.solar.lines": Case(solar.lines, dict(component="7Be"), dict(component=NAME, ssm=NAME)),
    "fluxes.solar.mean_energy": Case(solar.mean_energy, dict(component="8B"), dict(component=NAME)),
    "fluxes.solar.total_flux": Case(solar.total_flux, dict(component="8B"), dict(component=NAME, ssm=NAME)),
    "fluxes.solar.spectrum_table": Case(solar.spectrum_table, dict(component="pp", n=50),
                                        dict(component=NAME, n=COUNT, ssm=NAME)),
    "fluxes.solar.SolarModel.flux": Case(method(lambda: solar.SSMS["B16-GS98"], "flux"), dict(component="8B"),
                                         dict(component=NAME)),
    # ----- fluxes.spallation
    "fluxes.spallation.SpallationSource": Case(
        spallation.SpallationSource, dict(name="x", proton_energy=1 * GeV, nu_per_flavour_per_pot=0.08,
                                          pulse_fwhm=350 * units.ns, source="demo"),
        dict(proton_energy=POSITIVE, nu_per_flavour_per_pot=POSITIVE, pulse_fwhm=POSITIVE)),
    "fluxes.spallation.SpallationSource.with_r": Case(method(lambda: spallation.get_source("SNS"), "with_r"),
                                                      dict(r=0.09), dict(r=POSITIVE)),
    "fluxes.spallation.fluence": Case(spallation.fluence, dict(source_or_r="SNS", n_pot=1e23, distance=20 * m),
                                      dict(source_or_r=st.one_of(st.sampled_from(["no-such", "", None, ["x"], True]),
                                                                 NEGATIVE, NON_FINITE), n_pot=POSITIVE,
                                           distance=POSITIVE),
                                      names=dict(source_or_r=("source_or_r", "source"))),
    "fluxes.spallation.fraction_in_window": Case(spallation.fraction_in_window,
                                                 dict(component="prompt", t0=-1 * us, t1=1 * us),
                                                 dict(component=NAME, t0=REAL, t1=REAL, source=NAME)),
    "fluxes.spallation.get_source": Case(spallation.get_source, dict(source="SNS"),
                                         dict(source=NAME, r=POSITIVE)),
    "fluxes.spallation.michel_cdf": Case(spallation.michel_cdf, dict(flavour="nu_e", E_nu=20 * MeV),
                                         dict(flavour=NAME, E_nu=NONNEG_ARRAY), arrays=("E_nu",)),
    "fluxes.spallation.michel_spectrum": Case(spallation.michel_spectrum, dict(flavour="nu_e", E_nu=20 * MeV),
                                              dict(flavour=NAME, E_nu=NONNEG_ARRAY), arrays=("E_nu",)),
    "fluxes.spallation.spectrum_table": Case(spallation.spectrum_table, dict(flavour="nu_e", n=33),
                                             dict(flavour=NAME, n=COUNT)),
    "fluxes.spallation.timing_cdf": Case(spallation.timing_cdf, dict(component="prompt", t=1 * us),
                                         dict(component=NAME, t=REAL_ARRAY, source=NAME), arrays=("t",)),
    "fluxes.spallation.timing_pdf": Case(spallation.timing_pdf, dict(component="prompt", t=1 * us),
                                         dict(component=NAME, t=REAL_ARRAY, source=NAME), arrays=("t",)),
    # ----- oscillations
    "oscillations.OscillationParameters": Case(oscillations.OscillationParameters, _OSC,
                                               dict(theta12=outside(0, math.pi / 2), theta13=outside(0, math.pi / 2),
                                                    theta23=outside(0, math.pi / 2), delta_cp=REAL,
                                                    dm2_21=POSITIVE)),
    "oscillations.OscillationParameters.from_degrees": Case(
        oscillations.OscillationParameters.from_degrees,
        dict(theta12=33.4, theta13=8.6, theta23=49.0, delta_cp=195.0, dm2_21_eV2=7.4e-5),
        dict(theta12=outside(0, 90), theta13=outside(0, 90), theta23=outside(0, 90), delta_cp=REAL,
             dm2_21_eV2=POSITIVE)),
    "oscillations.OscillationParameters.from_sin2": Case(
        oscillations.OscillationParameters.from_sin2,
        dict(sin2_12=0.31, sin2_13=0.022, sin2_23=0.57, delta_cp_deg=195.0, dm2_21_eV2=7.4e-5),
        dict(sin2_12=outside(0.0, 1.0), sin2_13=outside(0.0, 1.0), sin2_23=outside(0.0, 1.0), delta_cp_deg=REAL,
             dm2_21_eV2=POSITIVE)),
    "oscillations.OscillationParameters.with_": Case(method(lambda: oscillations.PRESETS["deSalas2020"], "with_"),
                                                     dict(theta12=0.6), dict(theta12=outside(0, math.pi / 2),
                                                                             dm2_21=POSITIVE)),
    "oscillations.electron_density": Case(oscillations.electron_density, dict(x=0.1),
                                          dict(x=st.one_of(NONNEG_ARRAY, st.just(1.5))), arrays=("x",)),
    "oscillations.flavour_fractions": Case(oscillations.flavour_fractions, dict(component="8B", E_nu=10 * MeV),
                                           dict(component=NAME, E_nu=POSITIVE_ARRAY_OR_EMPTY, params=NAME),
                                           arrays=("E_nu",)),
    "oscillations.mean_cos2theta_matter": Case(oscillations.mean_cos2theta_matter,
                                               dict(component="8B", E_nu=10 * MeV),
                                               dict(component=NAME, E_nu=POSITIVE_ARRAY_OR_EMPTY, params=NAME),
                                               arrays=("E_nu",)),
    "oscillations.survival_probability": Case(oscillations.survival_probability, dict(component="pp", E_nu=0.2 * MeV),
                                              dict(component=NAME, E_nu=POSITIVE_ARRAY_OR_EMPTY, params=NAME),
                                              arrays=("E_nu",)),
    "oscillations.measured_survival": Case(oscillations.measured_survival, dict(component="8B"),
                                           dict(component=NAME, name=NAME)),
    "oscillations.mixing_matrix": Case(oscillations.mixing_matrix, dict(),
                                       dict(params=st.sampled_from([3, "abc", [1.0]]))),
    # ----- targets
    "targets.Nucleus": Case(targets.Nucleus, dict(name="X", Z=18, A=40, mass=39.96 * units.amu),
                            dict(Z=COUNT, A=COUNT, mass=POSITIVE, name=st.sampled_from([None, 3, ""]))),
    "targets.Target": Case(targets.Target, lambda: dict(name="X", isotopes=((targets.get_nucleus("Ar40"), 1.0),)),
                           dict(isotopes=st.sampled_from([(), (("Zz40", 1.0),), ((None, 1.0),), (("Ar40", NAN),),
                                                           (("Ar40", 0.5),), "abc", None]))),
    "targets.compound": Case(targets.compound, dict(name="X", parts=[("Cs", 1), ("I", 1)]),
                             dict(parts=st.sampled_from([[], [("Cs", NAN)], [("Cs", -1)], [("Zz", 1)], "abc", None,
                                                         [("Cs",)]]))),
    "targets.from_abundances": Case(targets.from_abundances, dict(name="X", abundances=[("Ar40", 0.5), ("Ar36", 0.5)]),
                                    dict(abundances=st.sampled_from([[], [("Ar40", NAN)], [("Ar40", -1.0)],
                                                                     [("Zz1", 1.0)], "abc", None]))),
    "targets.form_factor_squared": Case(targets.form_factor_squared, dict(E_R=10 * keV, nucleus="Ar40"),
                                        dict(E_R=NONNEG_ARRAY, nucleus=NAME), arrays=("E_R",)),
    "targets.helm_form_factor": Case(targets.helm_form_factor, dict(q=0.05, A=40), dict(q=NONNEG_ARRAY, A=POSITIVE),
                                     arrays=("q",)),
    "targets.get_nucleus": Case(targets.get_nucleus, dict(nucleus="Ar40"), dict(nucleus=NAME)),
    "targets.get_target": Case(targets.get_target, dict(target="Ar"), dict(target=NAME)),
    "targets.shell_table": Case(targets.shell_table, dict(target="Xe"), dict(target=NAME)),
    "targets.z_effective": Case(targets.z_effective, dict(target="Xe", E_R=10 * keV),
                                dict(target=NAME, E_R=NONNEG_ARRAY), arrays=("E_R",)),
    # ----- xsec
    "xsec.cevns_dsigma": Case(xsec.cevns_dsigma, dict(E_R=1 * keV, E_nu=30 * MeV, nucleus="Ar40", model=A()),
                              dict(E_R=NONNEG_ARRAY, E_nu=POSITIVE_ARRAY, nucleus=NAME, model=MODEL, flavour=NAME,
                                   antineutrino=FLAG, sin2w=SIN2W), arrays=("E_R", "E_nu")),
    "xsec.cevns_templates": Case(xsec.cevns_templates, dict(E_R=1 * keV, E_nu=30 * MeV, nucleus="Ar40",
                                                            mass=10 * MeV),
                                 dict(E_R=NONNEG_ARRAY, E_nu=POSITIVE_ARRAY, nucleus=NAME, mass=POSITIVE, sin2w=SIN2W,
                                      running=FLAG), arrays=("E_R", "E_nu")),
    "xsec.cevns_total_templates": Case(xsec.cevns_total_templates, dict(E_nu=30 * MeV, nucleus="Ar40", mass=10 * MeV,
                                                                        n=32),
                                       dict(E_nu=POSITIVE_ARRAY, nucleus=NAME, mass=POSITIVE, sin2w=SIN2W,
                                            running=FLAG, n=COUNT), arrays=("E_nu",)),
    "xsec.cevns_total_xsec": Case(xsec.cevns_total_xsec, dict(E_nu=30 * MeV, nucleus="Ar40", n=32),
                                  dict(E_nu=POSITIVE_ARRAY, nucleus=NAME, model=MODEL, flavour=NAME,
                                       antineutrino=FLAG, sin2w=SIN2W, n=COUNT), arrays=("E_nu",)),
    "xsec.electron_dsigma": Case(xsec.electron_dsigma, dict(E_R=10 * keV, E_nu=1 * MeV, model=A()),
                                 dict(E_R=NONNEG_ARRAY, E_nu=POSITIVE_ARRAY, flavour=NAME, model=MODEL,
                                      antineutrino=FLAG, sin2w=SIN2W, target=NAME), arrays=("E_R", "E_nu")),
    "xsec.electron_templates": Case(xsec.electron_templates, dict(E_R=10 * keV, E_nu=1 * MeV, flavour="mu",
                                                                  mass=10 * MeV),
                                    dict(E_R=NONNEG_ARRAY, E_nu=POSITIVE_ARRAY, flavour=NAME, mass=POSITIVE,
                                         antineutrino=FLAG, sin2w=SIN2W, running=FLAG), arrays=("E_R", "E_nu")),
    "xsec.electron_total_templates": Case(xsec.electron_total_templates,
                                          dict(E_nu=1 * MeV, flavour="mu", mass=10 * MeV, n=32),
                                          dict(E_nu=POSITIVE_ARRAY, flavour=NAME, mass=POSITIVE, antineutrino=FLAG,
                                               sin2w=SIN2W, running=FLAG, n=COUNT), arrays=("E_nu",)),
    "xsec.electron_total_xsec": Case(xsec.electron_total_xsec, dict(E_nu=1 * MeV, n=32),
                                     dict(E_nu=POSITIVE_ARRAY, flavour=NAME, model=MODEL, antineutrino=FLAG,
                                          sin2w=SIN2W, n=COUNT), arrays=("E_nu",)),
    "xsec.max_recoil": Case(xsec.max_recoil, dict(E_nu=30 * MeV, target_mass=37 * GeV),
                            dict(E_nu=NONNEG_ARRAY, target_mass=POSITIVE), arrays=("E_nu",)),
    "xsec.min_neutrino_energy": Case(xsec.min_neutrino_energy, dict(E_R=1 * keV, target_mass=37 * GeV),
                                     dict(E_R=NONNEG_ARRAY, target_mass=POSITIVE), arrays=("E_R",)),
    "xsec.weak_mixing": Case(xsec.weak_mixing, dict(sin2w="MZ"), dict(sin2w=SIN2W)),
    # ----- detectors
    "detectors.Binning": Case(detectors.Binning, dict(width=1 * keV, source="demo"),
                              dict(width=st.one_of(NOT_A_NUMBER, st.sampled_from([NAN, 0.0, -INF]), NEGATIVE),
                                   fine_width=NONNEG, switch=NONNEG, n_log=COUNT,
                                   source=st.sampled_from([None, 3, ""]))),
    "detectors.Binning.edges": Case(method(lambda: detectors.Binning(1 * keV, "demo"), "edges"),
                                    dict(lo=1 * keV, hi=10 * keV), dict(lo=NONNEG, hi=POSITIVE)),
    "detectors.Binning.edges(tiny width)": Case(
        lambda width, lo, hi: detectors.Binning(width, "demo").edges(lo, hi),
        dict(width=1e-7, lo=1e-6, hi=2e-6), dict(width=st.sampled_from([1e-300, 1e-20, 1e-15]))),
    "detectors.Background": Case(detectors.Background, dict(kind="flat", source="demo", rate=1.0),
                                 dict(kind=NAME, rate=NONNEG, reference_exposure=NONNEG,
                                      counts=st.sampled_from([(NAN,), (-1.0,), "abc"]))),
    "detectors.Background.per_bin": Case(method(lambda: detectors.Background("flat", "demo", rate=1.0), "per_bin"),
                                         dict(edges=[1 * keV, 2 * keV], exposure=1.0),
                                         dict(edges=st.sampled_from([[2.0, 1.0], [NAN, 1.0], [1.0], "abc", None]),
                                              exposure=POSITIVE)),
    "detectors.Efficiency": Case(detectors.Efficiency, _EFF,
                                 dict(kind=NAME, energy=NAME, plateau=outside(0, 1, lo_open=True), e50=NONNEG,
                                      slope=POSITIVE, scale=POSITIVE)),
    "detectors.Efficiency.__call__": Case(lambda E: detectors.Efficiency(**_EFF)(E), dict(E=2 * keV),
                                          dict(E=NONNEG_ARRAY), arrays=("E",)),
    "detectors.Efficiency.extended": Case(method(lambda: detectors.Efficiency(**_EFF), "extended"),
                                          dict(new_threshold=1 * keV), dict(new_threshold=POSITIVE)),
    "detectors.Efficiency.tabulate": Case(method(lambda: detectors.Efficiency(**_EFF), "tabulate"),
                                          dict(e_min=1 * keV, e_max=10 * keV, n=20),
                                          dict(e_min=POSITIVE, e_max=POSITIVE, n=COUNT)),
    "detectors.hill_from_points": Case(detectors.hill_from_points,
                                       dict(plateau=0.9, e_half=2 * keV, point=(4 * keV, 0.8), energy="nr",
                                            source="demo"),
                                       dict(plateau=outside(0, 1, lo_open=True), e_half=POSITIVE, energy=NAME,
                                            point=st.sampled_from([(NAN, 0.5), (1e-6, 2.0), "ab", None, (1.0,)]))),
    "detectors.Resolution": Case(detectors.Resolution, dict(kind="sqrt", source="demo", a=0.1),
                                 dict(kind=NAME, a=NONNEG, b=NONNEG, cap_energy=NONNEG)),
    "detectors.Resolution.fractional": Case(method(lambda: detectors.Resolution("sqrt", "demo", a=0.1), "fractional"),
                                            dict(E_ee=1 * keV), dict(E_ee=NONNEG_ARRAY), arrays=("E_ee",)),
    "detectors.Resolution.sigma": Case(method(lambda: detectors.Resolution("sqrt", "demo", a=0.1), "sigma"),
                                       dict(E_ee=1 * keV), dict(E_ee=NONNEG_ARRAY), arrays=("E_ee",)),
    "detectors.Resolution.extended": Case(method(lambda: detectors.Resolution("sqrt", "demo", a=0.1), "extended"),
                                          dict(cap_energy=1 * keV), dict(cap_energy=POSITIVE)),
    "detectors.Quenching": Case(detectors.Quenching, dict(kind="lindhard", source="demo", Z=54, k=0.166),
                                dict(kind=NAME, Z=POSITIVE, k=POSITIVE)),
    **{f"detectors.Quenching.{f}": Case(method(lambda: detectors.Quenching("lindhard", "demo", Z=54, k=0.166), f),
                                        {arg: 5 * keV}, {arg: NONNEG_ARRAY}, arrays=(arg,))
       for f, arg in (("factor", "E_nr"), ("e_ee", "E_nr"), ("jacobian", "E_nr"), ("e_nr", "E_ee"))},
    "detectors.SpallationBeam": Case(detectors.SpallationBeam, dict(source_name="SNS", n_pot=1e23, distance=20 * m,
                                                                    r=0.08, source="demo"),
                                     dict(source_name=NAME, n_pot=POSITIVE, distance=POSITIVE, r=POSITIVE)),
    "detectors.Detector": Case(detectors.Detector, _DET_PARTS,
                               dict(kind=NAME, channel=NAME, observable=NAME, exposure=POSITIVE, threshold=NONNEG,
                                    e_max=POSITIVE, sigma_norm=NONNEG, projection=FLAG,
                                    target=st.sampled_from([None, 3, "", ["Xe"]]),
                                    first_edge_fraction=outside(0, 1, lo_open=True),
                                    binning=st.sampled_from([None, "abc", 1.0]))),
    "detectors.Detector.efficiency_true": Case(method(det, "efficiency_true"), dict(E=10 * keV),
                                               dict(E=NONNEG_ARRAY), arrays=("E",)),
    "detectors.Detector.resolution_sigma": Case(method(det, "resolution_sigma"), dict(E=10 * keV),
                                                dict(E=NONNEG_ARRAY), arrays=("E",)),
    "detectors.Detector.response": Case(method(det, "response"), dict(max_energy=100 * keV),
                                        dict(max_energy=POSITIVE_OR_INF, n_nodes=COUNT, breakpoints=REAL_ARRAY)),
    "detectors.Detector.with_threshold": Case(method(det, "with_threshold"), dict(E_th=10 * keV),
                                              dict(E_th=POSITIVE)),
    "detectors.Detector.with_exposure": Case(method(det, "with_exposure"), dict(exposure=610 * kg * 1e23),
                                             dict(exposure=POSITIVE)),
    "detectors.MuonBeamExperiment": Case(detectors.MuonBeamExperiment, _MUON,
                                         dict(E0=POSITIVE, Z=POSITIVE, A=POSITIVE, density=POSITIVE,
                                              thickness=POSITIVE, eps_L_T=POSITIVE,
                                              x_cut=PROBABILITY, n_mot=POSITIVE, background_per_mot=NONNEG,
                                              projection=FLAG, n_bins=COUNT, momentum_resolution=NONNEG,
                                              observed=st.sampled_from([-1, 2.5, NAN, "3"]))),
    "detectors.MuonBeamExperiment.with_calibration": Case(method(muon_exp, "with_calibration"), dict(eps_L_T=0.1),
                                                          dict(eps_L_T=POSITIVE)),
    "detectors.MuonBeamExperiment.with_mot": Case(method(muon_exp, "with_mot"), dict(n_mot=1e11),
                                                  dict(n_mot=POSITIVE)),
    "detectors.get_detector": Case(detectors.get_detector, dict(name="CENNS-610"), dict(name=NAME)),
    "detectors.list_detectors": Case(detectors.list_detectors, dict(), dict(kind=NAME, projection=FLAG)),
    # ----- rates
    "rates.FluxComponent": Case(rates.FluxComponent, dict(name="x", E=[1 * MeV, 2 * MeV], flux=np.ones((3, 2)),
                                                          line_E=[1 * MeV], line_flux=np.ones((3, 1))),
                                dict(E=st.sampled_from([[2.0, 1.0], [NAN, 1.0], "ab", None, [-1.0, 1.0]]),
                                     flux=st.sampled_from([np.ones((3, 3)), np.full((3, 2), NAN), -np.ones((3, 2)),
                                                           "abc", None]),
                                     line_E=st.sampled_from([[NAN], [-1.0], "ab"]), antineutrino=FLAG)),
    "rates.FluxComponent.moments": Case(method(component, "moments"), dict(E_min=[1 * MeV, 2 * MeV]),
                                        dict(E_min=NONNEG_ARRAY), arrays=("E_min",)),
    "rates.Templates.component_counts": Case(method(templates, "component_counts"),
                                             dict(charges=[0, 1, -1], x=1e-8, mass_index=0),
                                             dict(charges=CHARGES3, x=REAL_ARRAY,
                                                  mass_index=st.sampled_from([2, -3, 0.5, None, "0", NAN]))),
    "rates.Templates.counts": Case(method(templates, "counts"), dict(charges=[0, 1, -1], x=1e-8, mass_index=0),
                                   dict(charges=CHARGES3, x=REAL_ARRAY,
                                        mass_index=st.sampled_from([2, -3, 0.5, "0", NAN]))),
    "rates.Templates.component_counts_for": Case(method(templates, "component_counts_for"), dict(model=A()),
                                                 dict(model=MODEL)),
    "rates.Templates.counts_at": Case(method(templates, "counts_at"), dict(model=A()), dict(model=MODEL)),
    "rates.binned_templates": Case(rates.binned_templates, dict(detector="CENNS-610", masses=[10 * MeV]),
                                   dict(detector=DETECTOR, masses=POSITIVE_ARRAY, ssm=NAME, sin2w=SIN2W, running=FLAG,
                                        n_nodes=COUNT, oscillation=NAME), arrays=("masses",),
                                   names=dict(detector=("detector", "experiment"))),
    "rates.combine": Case(rates.combine, lambda: dict(sm=np.ones((3, 4)), interference=np.ones((3, 4)),
                                                      bsm=np.ones((3, 4)), charges=[0, 1, -1], x=1e-3),
                          dict(x=REAL_ARRAY, charges=CHARGES3,
                               sm=st.sampled_from([np.ones((2, 4)), np.full((3, 4), NAN), "abc", None]),
                               interference=st.sampled_from([np.ones((3, 5)), np.full((3, 4), INF), None]),
                               bsm=st.sampled_from([np.ones((4,)), np.full((3, 4), NAN), None]))),
    "rates.differential_templates": Case(rates.differential_templates,
                                         lambda: dict(channel="NR", target="Xe", E_R=[1 * keV],
                                                      components=[component()], masses=[10 * MeV]),
                                         dict(channel=NAME, target=NAME, E_R=POSITIVE_ARRAY, masses=POSITIVE_ARRAY,
                                              sin2w=SIN2W, running=FLAG,
                                              components=st.sampled_from(["8B", [None], None, 3, []])),
                                         arrays=("E_R", "masses")),
    "rates.response_matrix": Case(rates.response_matrix,
                                  lambda: dict(det=det(), components=rates.spallation_components(1.0)),
                                  dict(det=DETECTOR, n_nodes=COUNT, max_energy=POSITIVE,
                                       components=st.sampled_from([[], None, 3, ["x"]])),
                                  names=dict(det=("det", "experiment"))),
    "rates.solar_components": Case(rates.solar_components, dict(components=["8B"], n=100),
                                   dict(components=st.sampled_from([["9C"], "8B ", 3, [None]]), ssm=NAME, n=COUNT,
                                        oscillation=NAME)),
    "rates.solar_differential_rate": Case(rates.solar_differential_rate,
                                          dict(channel="NR", target="Xe", E_R=1 * keV, components=["8B"]),
                                          dict(channel=NAME, target=NAME, E_R=POSITIVE_ARRAY, model=MODEL, ssm=NAME,
                                               oscillation=NAME, components=st.sampled_from([["9C"], 3, [None]]),
                                               sin2w=SIN2W), arrays=("E_R",)),
    "rates.solar_event_rate": Case(rates.solar_event_rate,
                                   dict(channel="NR", target="Xe", E_min=1 * keV, E_max=2 * keV, components=["8B"]),
                                   dict(channel=NAME, target=NAME, E_min=POSITIVE, E_max=POSITIVE, model=MODEL,
                                        ssm=NAME, oscillation=NAME, sin2w=SIN2W, n_nodes=COUNT,
                                        components=st.sampled_from([["9C"], 3, [None]]))),
    "rates.solar_line_rate": Case(rates.solar_line_rate, dict(component="7Be", line_energy=0.8613 * MeV,
                                                              n_electrons=3.3e31),
                                  dict(component=NAME, line_energy=POSITIVE, n_electrons=POSITIVE, model=MODEL,
                                       ssm=NAME, oscillation=NAME, sin2w=SIN2W)),
    "rates.solar_line_templates": Case(rates.solar_line_templates, dict(component="7Be", line_energy=0.8613 * MeV,
                                                                        n_electrons=3.3e31, mass=10 * MeV),
                                       dict(component=NAME, line_energy=POSITIVE, n_electrons=POSITIVE, mass=POSITIVE,
                                            ssm=NAME, oscillation=NAME, sin2w=SIN2W, running=FLAG)),
    "rates.spallation_components": Case(rates.spallation_components, dict(fluence=1.0, n=65),
                                        dict(fluence=POSITIVE, n=COUNT)),
    # ----- muon_beam
    "muon_beam.background_per_bin": Case(muon_beam.background_per_bin, dict(experiment="NA64mu-2022"),
                                         dict(experiment=DETECTOR)),
    "muon_beam.bin_edges": Case(muon_beam.bin_edges, dict(experiment="NA64mu-2022"), dict(experiment=DETECTOR)),
    "muon_beam.coupling_limit": Case(muon_beam.coupling_limit, dict(experiment="NA64mu-2022", masses=[10 * MeV]),
                                     dict(experiment=DETECTOR, masses=POSITIVE_ARRAY, model=MODEL_NAME, cl=PROBABILITY,
                                          method=NAME), arrays=("masses",)),
    "muon_beam.cross_section": Case(muon_beam.cross_section, dict(mass=10 * MeV, E0=160 * GeV, Z=82, A=207.2),
                                    dict(mass=POSITIVE, E0=POSITIVE, Z=POSITIVE, A=POSITIVE,
                                         x_min=outside(0.0, 1.0, hi_open=True), g=REAL)),
    "muon_beam.dsigma_dx": Case(muon_beam.dsigma_dx, dict(x=0.5, mass=10 * MeV, E0=160 * GeV, Z=82, A=207.2),
                                dict(x=st.one_of(REAL_ARRAY, st.sampled_from([-0.1, 1.5])), mass=POSITIVE,
                                     E0=POSITIVE, Z=POSITIVE, A=POSITIVE, g=REAL), arrays=("x",)),
    "muon_beam.expected_spectrum": Case(muon_beam.expected_spectrum, dict(experiment="NA64mu-2022", model=A()),
                                        dict(experiment=DETECTOR, model=MODEL)),
    "muon_beam.mean_x": Case(muon_beam.mean_x, dict(mass=10 * MeV, E0=160 * GeV, Z=82, A=207.2),
                             dict(mass=POSITIVE, E0=POSITIVE, Z=POSITIVE, A=POSITIVE,
                                  x_min=outside(0.0, 1.0, hi_open=True))),
    "muon_beam.photon_flux": Case(muon_beam.photon_flux, dict(mass=10 * MeV, E0=160 * GeV, Z=82, A=207.2),
                                  dict(mass=POSITIVE, E0=POSITIVE, Z=POSITIVE, A=POSITIVE)),
    "muon_beam.reconstruction_scan": Case(muon_beam.reconstruction_scan,
                                          lambda: dict(experiment="NA64mu-1e11", benchmark=A(5 * MeV, 5e-4),
                                                       masses=[5 * MeV, 10 * MeV], couplings=[1e-4, 1e-3]),
                                          dict(experiment=DETECTOR, benchmark=MODEL, masses=POSITIVE_ARRAY,
                                               couplings=POSITIVE_ARRAY, model_name=MODEL_NAME,
                                               label=st.sampled_from([None, 3])), arrays=("masses", "couplings")),
    "muon_beam.signal_yield": Case(muon_beam.signal_yield, dict(experiment="NA64mu-2022", model=A()),
                                   dict(experiment=DETECTOR, model=MODEL)),
    "muon_beam.spectrum_templates": Case(muon_beam.spectrum_templates, dict(experiment="NA64mu-2022",
                                                                            masses=[10 * MeV]),
                                         dict(experiment=DETECTOR, masses=POSITIVE_ARRAY), arrays=("masses",)),
    "muon_beam.tsai_g2": Case(muon_beam.tsai_g2, dict(t=1e-3, Z=82, A=207.2),
                              dict(t=NONNEG_ARRAY, Z=POSITIVE, A=POSITIVE), arrays=("t",)),
    "muon_beam.yield_per_g2": Case(muon_beam.yield_per_g2, dict(experiment="NA64mu-2022", masses=[10 * MeV]),
                                   dict(experiment=DETECTOR, masses=POSITIVE_ARRAY), arrays=("masses",)),
    # ----- stats
    "stats.asimov": Case(stats.asimov, dict(expected=[2.5, 1.0]), dict(expected=NONNEG_ARRAY), arrays=("expected",)),
    "stats.chi2_gaussian": Case(stats.chi2_gaussian, dict(observed=[100.0, 50.0], expected=[90.0, 45.0],
                                                          sigma_stat2=[100.0, 50.0], sigma_norm=0.05),
                                dict(observed=REAL_ARRAY, expected=REAL_ARRAY, sigma_stat2=POSITIVE_ARRAY,
                                     sigma_norm=st.one_of(NOT_A_NUMBER, st.just(NAN), NEGATIVE), return_pull=FLAG)),
    "stats.combine": Case(lambda q1, q2: stats.combine(q1, q2), dict(q1=2.0, q2=3.5),
                          dict(q1=REAL_ARRAY, q2=st.sampled_from([[-1.0], [NAN], NAN, "x"])),
                          names=dict(q1=("q",), q2=("q",))),
    "stats.delta_chi2_threshold": Case(stats.delta_chi2_threshold, dict(cl=0.9),
                                       dict(cl=PROBABILITY, dof=COUNT)),
    "stats.delta_chi2_threshold(sigma)": Case(stats.delta_chi2_threshold, dict(sigma=2.0),
                                              dict(sigma=st.one_of(POSITIVE, st.sampled_from([40.0, 1e3])))),
    "stats.discovery_significance": Case(stats.discovery_significance, dict(expected_alt=[20.0, 5.0],
                                                                           expected_null=[10.0, 5.0]),
                                         dict(expected_alt=st.one_of(NONNEG_ARRAY, st.just([20.0, 5.0, 1.0])),
                                              expected_null=st.one_of(NONNEG_ARRAY, st.just([10.0])),
                                              nuisances=NUISANCES, method=NAME)),
    "stats.exclusion_test_statistic": Case(stats.exclusion_test_statistic,
                                           dict(expected_signal_plus_bkg=[15.0, 5.0], expected_bkg=[10.0, 5.0]),
                                           dict(expected_signal_plus_bkg=st.one_of(NONNEG_ARRAY, st.just([1.0] * 3)),
                                                expected_bkg=st.one_of(NONNEG_ARRAY, st.just([1.0])),
                                                nuisances=NUISANCES, method=NAME)),
    "stats.excluded": Case(stats.excluded, dict(q=2.0), dict(q=REAL_ARRAY, cl=PROBABILITY, dof=COUNT)),
    "stats.p_value_to_z": Case(stats.p_value_to_z, dict(p=1e-3), dict(p=st.one_of(REAL_ARRAY, st.just(1.5),
                                                                                   NEGATIVE))),
    "stats.z_to_p_value": Case(stats.z_to_p_value, dict(z=3.0),  # z = +-inf is a valid significance (p = 0 or 1)
                               dict(z=st.one_of(NOT_A_NUMBER, st.sampled_from([NAN, [NAN], "abc", [None]])))),
    "stats.poisson_deviance": Case(stats.poisson_deviance, dict(observed=[15.0, 3.0], expected=[10.0, 3.0]),
                                   dict(observed=st.one_of(NONNEG_ARRAY, st.just([1.0, 2.0, 3.0])),
                                        expected=st.one_of(NONNEG_ARRAY, st.just([1.0])))),
    "stats.poisson_upper_limit": Case(stats.poisson_upper_limit, dict(observed=3),
                                      dict(observed=NONNEG, background=NONNEG,
                                           cl=PROBABILITY, method=NAME)),
    "stats.profile_nuisances": Case(stats.profile_nuisances, dict(observed=[110.0, 220.0], expected=[100.0, 200.0],
                                                                  nuisances=[([100.0, 200.0], 0.5)]),
                                    dict(observed=st.one_of(NONNEG_ARRAY, st.just([1.0, 2.0, 3.0])),
                                         expected=st.one_of(NONNEG_ARRAY, st.just([1.0])), nuisances=NUISANCES,
                                         centres=st.sampled_from([[NAN], [1.0, 2.0], "abc"]), method=NAME)),
    "stats.toy_significances": Case(stats.toy_significances, lambda: dict(
        expected_alt=[25.0] * 2, expected_null=[20.0] * 2, n_toys=20, rng=np.random.default_rng(1)),
        dict(expected_alt=st.one_of(NONNEG_ARRAY, st.just([1.0] * 3)), expected_null=NONNEG_ARRAY, n_toys=COUNT,
             rng=RNG, nuisances=NUISANCES, alt_nuisances=NUISANCES)),
    # ----- scans
    "scans.charges_of": Case(scans.charges_of, dict(model_name="Lmu"), dict(model_name=MODEL_NAME)),
    "scans.coupling_products": Case(scans.coupling_products, dict(model_name="Lmu-Ltau", couplings=[1e-3]),
                                    dict(model_name=MODEL_NAME, couplings=NONNEG_ARRAY, coupling=NAME),
                                    arrays=("couplings",)),
    "scans.exclusion_scan": Case(scans.exclusion_scan, lambda: dict(templates=templates(), model_name="Lmu-Ltau",
                                                                    couplings=[1e-4, 1e-3]),
                                 dict(templates=st.sampled_from([None, "CENNS-610", [], [3]]), model_name=MODEL_NAME,
                                      couplings=POSITIVE_ARRAY, cl=PROBABILITY, coupling=NAME,
                                      flux_sigmas=FLUX_SIGMAS, label=st.sampled_from([None, 3])),
                                 arrays=("couplings",)),
    "scans.discovery_scan": Case(scans.discovery_scan, lambda: dict(templates=templates(), model_name="Lmu-Ltau",
                                                                    couplings=[1e-4, 1e-3]),
                                 dict(templates=st.sampled_from([None, "CENNS-610", [], [3]]), model_name=MODEL_NAME,
                                      couplings=POSITIVE_ARRAY, z=POSITIVE, coupling=NAME,
                                      flux_sigmas=FLUX_SIGMAS, label=st.sampled_from([None, 3])),
                                 arrays=("couplings",)),
    "scans.reconstruction_scan": Case(scans.reconstruction_scan, lambda: dict(templates=templates(), benchmark=A(),
                                                                              couplings=[1e-4, 1e-3]),
                                      dict(templates=st.sampled_from([None, "CENNS-610", [], [3]]), benchmark=MODEL,
                                           couplings=POSITIVE_ARRAY, model_name=MODEL_NAME, coupling=NAME,
                                           flux_sigmas=FLUX_SIGMAS, label=st.sampled_from([None, 3])),
                                      arrays=("couplings",)),
    "scans.threshold_exposure_map": Case(scans.threshold_exposure_map,
                                         lambda: dict(detector=solar_det(), alt_model=A(), null_model=None,
                                                      thresholds=[1 * keV], exposures=[10 * tonne * year]),
                                         dict(detector=DETECTOR, alt_model=MODEL, null_model=MODEL,
                                              thresholds=POSITIVE_ARRAY, exposures=POSITIVE_ARRAY,
                                              flux_sigmas=FLUX_SIGMAS), arrays=("thresholds", "exposures"),
                                         names=dict(detector=("detector", "experiment"))),
    # ----- constraints
    "constraints.Bound": Case(constraints.Bound, dict(name="demo", citation="demo", kind="quoted",
                                                      mass=[1 * GeV, 2 * GeV], g=[1e-3, 2e-3]),
                              dict(kind=NAME, region=NAME, mass=st.sampled_from([[2.0, 1.0], [NAN, 1.0], [1.0], "ab"]),
                                   g=st.sampled_from([[1e-3], [NAN, 1e-3], [-1e-3, 1e-3], "ab"]),
                                   name=st.sampled_from([None, 3, ""]))),
    "constraints.Bound.g_at": Case(method(lambda: constraints.get_bound("BaBar"), "g_at"), dict(M=1 * GeV),
                                   dict(M=POSITIVE_ARRAY), arrays=("M",)),
    "constraints.Bound.excludes": Case(method(lambda: constraints.get_bound("BaBar"), "excludes"),
                                       dict(M=1 * GeV, g=1e-3), dict(M=POSITIVE_ARRAY, g=REAL_ARRAY),
                                       arrays=("M", "g")),
    "constraints.LineRateMeasurement": Case(constraints.LineRateMeasurement, _LINE,
                                            dict(line_energy=POSITIVE, rate=POSITIVE, stat=POSITIVE, syst_up=NONNEG,
                                                 syst_down=NONNEG, n_electrons=POSITIVE, component=NAME)),
    "constraints.get_bound": Case(constraints.get_bound, dict(name="BaBar"), dict(name=NAME)),
    "constraints.register_bound": Case(constraints.register_bound, lambda: dict(bound=constraints.get_bound("BaBar"),
                                                                                replace=True),
                                       dict(bound=st.sampled_from([None, "BaBar", 3]), replace=FLAG)),
    "constraints.line_rate_chi2": Case(constraints.line_rate_chi2,
                                       dict(measurement=constraints.BOREXINO_BE7_2018, predicted=46.7, flux_sigma=0.06),
                                       dict(measurement=st.sampled_from([None, "Borexino", 3]), predicted=NONNEG_ARRAY,
                                            flux_sigma=NONNEG)),
    "constraints.borexino_be7_bound": Case(constraints.borexino_be7_bound,
                                           dict(masses=[5 * MeV, 10 * MeV, 20 * MeV],
                                                couplings=np.geomspace(1e-5, 1e-2, 61)),
                                           dict(masses=POSITIVE_ARRAY, model_name=MODEL_NAME, ssm=NAME, cl=PROBABILITY,
                                                oscillation=NAME, couplings=POSITIVE_ARRAY,
                                                measurement=st.sampled_from([None, "Borexino", 3])),
                                           arrays=("masses",)),
    "constraints.cevns_measurement_scan": Case(constraints.cevns_measurement_scan,
                                               dict(detector="COHERENT-CsI-2021", masses=[10 * MeV],
                                                    couplings=[1e-4, 1e-2]),
                                               dict(detector=DETECTOR, masses=POSITIVE_ARRAY, couplings=POSITIVE_ARRAY,
                                                    model_name=MODEL_NAME, coupling=NAME, cl=PROBABILITY,
                                                    label=st.sampled_from([None, 3])),
                                               arrays=("masses", "couplings"),
                                               names=dict(detector=("detector", "experiment"))),
    "constraints.read_curve": Case(constraints.read_curve,
                                   dict(path=constraints.DATA_DIR / "belle2_2019_invisible.csv"),
                                   dict(path=st.sampled_from(["no-such-file.csv", "", None, 3, 2.5, ["x"],
                                                              constraints.DATA_DIR,
                                                              constraints.DATA_DIR / "README.md"]))),
    "constraints.load_quoted": Case(constraints.load_quoted, dict(curve=constraints.QUOTED_CURVES[0]),
                                    dict(curve=st.sampled_from([None, "BaBar", 3, constraints.get_bound("BaBar")]),
                                         data_dir=st.sampled_from(["no-such-dir", "", 3, ["x"],
                                                                   constraints.DATA_DIR / "README.md"]))),
    **{f"constraints.{f.__name__}": Case(
        f, dict(detector="XENONnT-8B-2024", masses=[10 * MeV], couplings=[1e-4, 1e-3]),
        dict(detector=st.one_of(DETECTOR, st.sampled_from(["CENNS-610", "XENONnT-ER"])), masses=POSITIVE_ARRAY,
             couplings=POSITIVE_ARRAY, model_name=MODEL_NAME, coupling=NAME, cl=PROBABILITY, oscillation=NAME,
             ssm=NAME, label=st.sampled_from([None, 3]), **extra),
        arrays=("masses", "couplings"), names=dict(detector=("detector", "experiment")))
       for f, extra in ((constraints.cevns_8b_counting_scan, dict(flux_sigma=POSITIVE)),
                        (constraints.cevns_8b_flux_scan, {}))},
    "constraints.er_rate_scan": Case(
        constraints.er_rate_scan, dict(detector="XENONnT-ER", masses=[10 * MeV], couplings=[1e-4, 1e-3]),
        dict(detector=st.one_of(DETECTOR, st.just("XENONnT-8B-2024")), masses=POSITIVE_ARRAY,
             couplings=POSITIVE_ARRAY, model_name=MODEL_NAME, coupling=NAME, cl=PROBABILITY, oscillation=NAME,
             ssm=NAME, label=st.sampled_from([None, 3]),
             measured_rate=st.sampled_from([(NAN, 1.0), (15.8, -1.3), (15.8, INF), (0.0, 1.0), "ab", (15.8,), 3,
                                            (15.8, 1.3, 2.0), ("a", 1.3), [[15.8, 1.3]]]),
             E_range=st.sampled_from([(NAN, 30.0), (30.0, 1.0), (0.0, 30.0), (-1.0, 30.0), (1.0, INF), "ab", None,
                                      (1.0,), 3, ("1", "30")])),
        arrays=("masses", "couplings"), names=dict(detector=("detector", "experiment"))),
    # ----- muon_beam (calibration against published curves, exposure)
    "muon_beam.published_curve": Case(muon_beam.published_curve, dict(name="M3-phase1"),
                                      dict(name=st.one_of(NAME, st.just("NA64mu-2022")))),
    "muon_beam.published_limit": Case(muon_beam.published_limit, dict(name="M3-phase2", masses=10 * MeV),
                                      dict(name=NAME, masses=st.one_of(POSITIVE_ARRAY, st.just(1e3 * GeV))),
                                      arrays=("masses",)),
    "muon_beam.calibration_residuals": Case(muon_beam.calibration_residuals,
                                            dict(experiment="M3-phase1", masses=[10 * MeV, 30 * MeV]),
                                            dict(experiment=st.one_of(DETECTOR, st.just("CENNS-610")),
                                                 name=st.one_of(NAME, st.just("NA64mu-2022")),
                                                 masses=POSITIVE_ARRAY), arrays=("masses",)),
    "muon_beam.fit_eps_L": Case(muon_beam.fit_eps_L, dict(experiments=["M3-phase1", "M3-phase2"], masses=[10 * MeV]),
                                dict(experiments=st.sampled_from([None, 3, [], "", "no-such", ["no-such"], [None],
                                                                  ["CENNS-610"], ["M3-phase1", "NA64mu-2022"],
                                                                  {"M3-phase1": 1}]),
                                     masses=POSITIVE_ARRAY), arrays=("masses",),
                                names=dict(experiments=("experiment",))),
    "muon_beam.expected_events": Case(muon_beam.expected_events, dict(experiment="NA64mu-2022", model=A(),
                                                                      n_mot=[1e10, 2e10]),
                                      dict(experiment=DETECTOR, model=MODEL, n_mot=POSITIVE_ARRAY),
                                      arrays=("n_mot",)),
    "muon_beam.limit_vs_mot": Case(muon_beam.limit_vs_mot, dict(experiment="NA64mu-2022", masses=[10 * MeV],
                                                                n_mot=[1e10, 1e11]),
                                   dict(experiment=DETECTOR, masses=POSITIVE_ARRAY, n_mot=POSITIVE_ARRAY,
                                        model=MODEL_NAME), arrays=("masses", "n_mot")),
    # ----- oscillations (presets, mass eigenstates)
    "oscillations.get_preset": Case(oscillations.get_preset, dict(name="Amaral2021"), dict(name=NAME)),
    # an empty E_nu gives an empty result, as in flavour_fractions (the components without lines rely on it)
    "oscillations.mass_fractions": Case(oscillations.mass_fractions, dict(component="8B", E_nu=10 * MeV),
                                        dict(component=NAME, E_nu=POSITIVE_ARRAY.filter(lambda v: not (
                                            isinstance(v, list) and not v)), params=NAME), arrays=("E_nu",)),
    # ----- rates (mass-eigenstate rates, the (theta23, delta) plane)
    "rates.mass_eigenstate_rates": Case(rates.mass_eigenstate_rates,
                                        dict(channel="NR", target="Xe131", E_min=1 * keV, E_max=10 * keV,
                                             mass=10 * MeV),
                                        dict(channel=NAME, target=NAME, E_min=POSITIVE, E_max=POSITIVE, mass=POSITIVE,
                                             components=st.sampled_from([["9C"], "8B", 3, [None], []]), ssm=NAME,
                                             oscillation=NAME, sin2w=SIN2W, n_nodes=COUNT)),
    "rates.oscillation_plane_ratio": Case(rates.oscillation_plane_ratio,
                                          lambda: dict(channel="NR", target="Xe131", E_min=1 * keV, E_max=10 * keV,
                                                       model=A(), theta23_deg=[45.0, 49.0], delta_deg=[0.0, 180.0]),
                                          dict(channel=NAME, target=NAME, E_min=POSITIVE, E_max=POSITIVE,
                                               model=st.one_of(MODEL, st.just(None)),
                                               theta23_deg=st.one_of(outside(0.0, 90.0), REAL_ARRAY,
                                                                     st.just([45.0, 91.0])),
                                               delta_deg=REAL_ARRAY,
                                               components=st.sampled_from([["9C"], "8B", 3, [None], []]), ssm=NAME,
                                               oscillation=NAME, sin2w=SIN2W),
                                          arrays=("theta23_deg", "delta_deg")),
    # ----- joint_fit
    "joint_fit.time_fractions": Case(joint_fit.time_fractions, dict(source="SNS", time_edges=[0.0, 1 * us, 10 * us]),
                                     dict(source=NAME, time_edges=TIME_EDGES), arrays=("time_edges",)),
    "joint_fit.cevns_run": Case(joint_fit.cevns_run, dict(detector="CENNS-610", mass=30 * MeV),
                                dict(detector=st.one_of(DETECTOR, st.just("NA64mu-2022")), mass=POSITIVE,
                                     model_name=MODEL_NAME, time_edges=TIME_EDGES, running=FLAG),
                                names=dict(detector=("detector", "experiment"))),
    "joint_fit.muon_run": Case(joint_fit.muon_run, dict(experiment="NA64mu-1e12", mass=30 * MeV),
                               dict(experiment=st.one_of(DETECTOR, st.just("CENNS-610")), mass=POSITIVE,
                                    model_name=MODEL_NAME)),
    "joint_fit.CEvNSRun.counts": Case(method(ce_run, "counts"), dict(x=-5e-4 * 7e-6),
                                      dict(x=REAL_ARRAY, scale=POSITIVE), arrays=("x",)),
    "joint_fit.CEvNSRun.delta_chi2": Case(method(ce_run, "delta_chi2"), dict(x_true=-3.6e-9, x=[0.0, -1e-9]),
                                          dict(x_true=st.one_of(REAL, st.just([1e-9, 2e-9])), x=REAL_ARRAY,
                                               scale=POSITIVE), arrays=("x",)),
    "joint_fit.CEvNSRun.separation": Case(method(ce_run, "separation"), dict(x_true=-3.6e-9),
                                          dict(x_true=st.one_of(REAL, st.just([1e-9, 2e-9])),
                                               x_null=st.one_of(REAL, st.just([1e-9, 2e-9])), scale=POSITIVE)),
    "joint_fit.MuonRun.counts": Case(method(mu_run, "counts"), dict(g=5e-4), dict(g=REAL_ARRAY, scale=POSITIVE),
                                     arrays=("g",)),
    "joint_fit.MuonRun.delta_chi2": Case(method(mu_run, "delta_chi2"), dict(g_true=5e-4, g=[4e-4, 6e-4]),
                                         dict(g_true=st.one_of(REAL, st.just([1e-4, 2e-4])), g=REAL_ARRAY,
                                              scale=POSITIVE), arrays=("g",)),
    **{f"joint_fit.JointFit.{f}": Case(method(jfit, f), dict(ratio=-1 / 69.3),
                                       dict(ratio=st.one_of(REAL, st.just([0.0, 1.0]))))
       for f in ("line", "separation")},
    "joint_fit.joint_fit": Case(joint_fit.joint_fit, lambda: dict(**RUNS(), g=[4e-4, 5e-4, 6e-4],
                                                                  eps=[-1.2e-5, -7e-6, 0.0]),
                                dict(**BAD_RUNS, g=POSITIVE_ARRAY, eps=st.one_of(REAL_ARRAY, st.just([1.0, 0.0])),
                                     muon_scale=POSITIVE, cevns_scale=POSITIVE), arrays=("g", "eps")),
    "joint_fit.line_delta_chi2": Case(joint_fit.line_delta_chi2, lambda: dict(**RUNS(), ratio=-1 / 69.3),
                                      dict(**BAD_RUNS, ratio=st.one_of(REAL, st.just([0.0, 1.0])),
                                           muon_scale=POSITIVE, cevns_scale=POSITIVE)),
    "joint_fit.separation_curve": Case(joint_fit.separation_curve, lambda: dict(**RUNS(), scales=[1.0, 2.0]),
                                       dict(**BAD_RUNS, scales=POSITIVE_ARRAY,
                                            null_ratio=st.one_of(REAL, st.just([0.0, 1.0])), muon_scale=POSITIVE),
                                       arrays=("scales",)),
    "joint_fit.exposure_for_separation": Case(
        joint_fit.exposure_for_separation, lambda: dict(**RUNS(), z=2.0),
        dict(**BAD_RUNS, z=POSITIVE, null_ratio=st.one_of(REAL, st.just([0.0, 1.0])), muon_scale=POSITIVE,
             scale_range=st.sampled_from([(NAN, 1.0), (10.0, 1.0), (0.0, 1.0), (1.0, INF), "ab", None, (1.0,), 3,
                                          (1.0, 2.0, 3.0)]))),
    "joint_fit.lmu_ratio": Case(joint_fit.lmu_ratio, dict(cutoff=1e3 * GeV), dict(cutoff=POSITIVE)),
    "joint_fit.observed_spectrum": Case(joint_fit.observed_spectrum,
                                        lambda: dict(detector="CENNS-610", E_obs=[20 * keV, 30 * keV],
                                                     models=[None, A()]),
                                        dict(detector=st.one_of(DETECTOR, st.just("NA64mu-2022")),
                                             E_obs=POSITIVE_ARRAY,
                                             models=st.one_of(MODEL, st.sampled_from([[None, "Lmu"], [], {"x": 1}])),
                                             energy=NAME, efficiency=FLAG, per_unit_fluence=FLAG),
                                        arrays=("E_obs",), names=dict(detector=("detector", "experiment"))),
    "joint_fit.arrival_time_spectrum": Case(joint_fit.arrival_time_spectrum,
                                            dict(detector="CENNS-610", t=[0.5 * us, 2 * us]),
                                            dict(detector=st.one_of(DETECTOR, st.just("NA64mu-2022")),
                                                 t=st.one_of(REAL_ARRAY, st.just([])),
                                                 model=st.one_of(MODEL, st.just([None, None]))),
                                            arrays=("t",), names=dict(detector=("detector", "experiment"))),
    # ----- strategy
    "strategy.probe_curves": Case(strategy.probe_curves, dict(masses=[10 * MeV, 20 * MeV], couplings=[1e-4, 1e-3],
                                                              experiments=["NA64mu-2022"]),
                                  dict(masses=POSITIVE_ARRAY, couplings=POSITIVE_ARRAY, model_name=MODEL_NAME,
                                       cl=PROBABILITY,
                                       experiments=st.sampled_from([["no-such"], "NA64mu-2022", 3, [None], [3],
                                                                    ["NA64mu-2022", "no-such"]])),
                                  arrays=("masses", "couplings"), names=dict(experiments=("experiment",))),
    "strategy.invisible_branching": Case(strategy.invisible_branching, dict(masses=[10 * MeV], r_tau=[-1.0, 0.0]),
                                         dict(masses=POSITIVE_ARRAY, r_tau=REAL_ARRAY), arrays=("masses", "r_tau")),
    "strategy.combined_reconstruction": Case(
        strategy.combined_reconstruction,
        dict(benchmark=_BM, masses=[10 * MeV], g=[3e-4, 5e-4, 8e-4], eps=[2e-6, 7e-6, 2e-5], r_tau=[-2.0, -1.0, 1.0],
             spallation=(), xenon=()),
        dict(benchmark=st.sampled_from([None, "abc", 3, {**_BM, "mass": NAN}, {**_BM, "g": INF},
                                        {**_BM, "g": "x"}, {**_BM, "eps": NAN}, {**_BM, "r_tau": NAN},
                                        {**_BM, "mass": 20 * MeV}, {**_BM, "rtau": -1.0},
                                        {k: v for k, v in _BM.items() if k != "g"}]),
             masses=POSITIVE_ARRAY, g=POSITIVE_ARRAY, eps=POSITIVE_ARRAY,
             r_tau=st.one_of(REAL_ARRAY, st.sampled_from([[1.0, 0.0], [0.0]])),
             muon_beam_experiment=st.one_of(DETECTOR, st.sampled_from(["CENNS-610", 3, ["NA64mu-1e12"]])),
             spallation=st.sampled_from(["CCM", ["no-such"], 3, [None], ["NA64mu-1e12"], ["DARWIN-low-NR"]]),
             xenon=st.sampled_from(["DARWIN-low-NR", ["no-such"], 3, [None], ["CCM"]]),
             flux_sigmas=FLUX_SIGMAS, oscillation=NAME),
        arrays=("masses", "g", "eps", "r_tau"),
        names=dict(muon_beam_experiment=("muon_beam_experiment", "experiment"))),
    "strategy.CombinedFit.delta": Case(method(cfit, "delta"), dict(probes=["muon beam"]),
                                       dict(probes=st.sampled_from([["no-such"], "muon beam", 3, [], [None]]))),
    "strategy.CombinedFit.profile": Case(method(cfit, "profile"), dict(keep="g"),
                                         dict(keep=st.sampled_from(["no-such", "chi2", 3, None, [], ["g", "g"],
                                                                    ["g", 3]]),
                                              probes=st.sampled_from([["no-such"], "muon beam", 3, []]))),
    "strategy.CombinedFit.interval": Case(method(cfit, "interval"), dict(name="g"),
                                          dict(name=st.one_of(NAME, st.sampled_from(["chi2", "AXES", "benchmark"])),
                                               probes=st.sampled_from([["no-such"], "muon beam", 3, []]),
                                               level=POSITIVE)),
    "strategy.excluded_by_data": Case(strategy.excluded_by_data,
                                      lambda: dict(curves={"x": probe_curve()}, masses=[10 * MeV, 20 * MeV],
                                                   g=[1e-3, 1e-4]),
                                      dict(curves=st.sampled_from([None, 3, "abc", [1], {"x": 3}, {"x": None}]),
                                           masses=POSITIVE_ARRAY, g=st.one_of(NONNEG_ARRAY, st.just([1e-3] * 3)),
                                           bound_names=st.sampled_from([["no-such"], "BaBar", 3, [None], [3]])),
                                      arrays=("masses", "g")),
}

#: public callables without a bad-input case, and why they need none
EXEMPT: dict[str, str] = {
    **{f"plotting.{n}": "draws on matplotlib axes; its numbers come from the validated functions it calls"
       for n in dir(plotting) if not n.startswith("_")},
    **{f"widgets.{n}": "an interactive explorer (ipywidgets); its numbers come from validated functions"
       for n in dir(widgets) if not n.startswith("_")},
    "detectors.UnknownExperimentError": "an exception class",
    "g2.G2Region": "a result container built by g2_region",
    "rates.Templates": "a result container built by binned_templates",
    "scans.ScanResult": "a result container built by the scans",
    "stats.ProfileResult": "a result container built by profile_nuisances",
    "stats.ToySignificances": "a result container built by toy_significances",
    "fluxes.solar.Be8Level": "a record of published 8Be level data, built once in the module's table",
    "fluxes.solar.Be8BackgroundPole": "a record of the calibrated 8B background pole, built once in the module",
    "fluxes.solar.BetaEmitter": "a record of published beta-decay data, built once in the module's table",
    "fluxes.solar.SolarModel": "a record of a published standard solar model, built once in the module's table",
    "oscillations.MeasuredSurvival": "a record of a published measurement, built once in the module's table",
    "detectors.Measurement": "a record of published data attached to a registry detector",
    "targets.ShellTable": "a record of published atomic binding energies, built once in the module's table",
    "constraints.QuotedCurve": "a record of a published curve's provenance, built once in the module's table",
    "muon_beam.PublishedCurve": "a record of a published curve, built once in the module from its data table",
    "oscillations.ParameterRange": "a record of a published global fit's ranges, built once in the module's table",
    "joint_fit.CEvNSRun": "a result container built by cevns_run",
    "joint_fit.MuonRun": "a result container built by muon_run",
    "joint_fit.JointFit": "a result container built by joint_fit",
    "strategy.Probe": "a record of a probe's published description, built once in the module's table",
    "strategy.ProbeCurve": "a result container built by probe_curves",
    "strategy.CombinedFit": "a result container built by combined_reconstruction",
}

MODULES = ("units", "model", "g2", "fluxes.solar", "fluxes.spallation", "oscillations", "targets", "xsec",
           "detectors", "rates", "muon_beam", "stats", "scans", "constraints", "joint_fit", "strategy", "plotting",
           "widgets")


def public_callables() -> set[str]:
    """Every public function and class of every module, and every public method that takes an argument."""
    out = set()
    for modname in MODULES:
        mod = importlib.import_module(f"lmt_lib.{modname}")
        for name, obj in vars(mod).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != mod.__name__:
                continue
            if inspect.isfunction(obj):
                if inspect.signature(obj).parameters:
                    out.add(f"{modname}.{name}")
            elif inspect.isclass(obj):
                out.add(f"{modname}.{name}")
                for mname, meth in vars(obj).items():
                    f = meth.__func__ if isinstance(meth, (classmethod, staticmethod)) else meth
                    if mname.startswith("_") or not inspect.isfunction(f):
                        continue
                    if [p for p in inspect.signature(f).parameters if p not in ("self", "cls")]:
                        out.add(f"{modname}.{name}.{mname}")
    return out


def test_every_public_callable_is_covered():
    found = public_callables()
    covered = {k.split("(")[0] for k in CASES} | set(EXEMPT)
    assert not found - covered, f"public callables without a bad-input case: {sorted(found - covered)}"
    assert not {k.split("(")[0] for k in CASES} - found - {"detectors.Efficiency.__call__"}, "stale cases"


def test_every_module_is_listed():
    public = {m.name.removeprefix("lmt_lib.") for m in pkgutil.walk_packages(lmt_lib.__path__, "lmt_lib.")
              if not any(part.startswith("_") for part in m.name.split("."))}
    assert public - {"fluxes"} == set(MODULES)


# ---------------------------------------------------------------------------------------------------------------
# running a bad call
# ---------------------------------------------------------------------------------------------------------------
class Hang(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float):
    def handler(signum, frame):
        raise Hang(f"no answer within {seconds} s")

    old = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def check_refused(case: Case, arg: str, value):
    kwargs = case.kwargs()
    kwargs[arg] = value
    with time_limit(20.0):
        try:
            result = case.func(**kwargs)
        except (ValueError, TypeError) as exc:
            err = exc
        else:
            pytest.fail(f"accepted {arg}={value!r}: returned {result!r:.200}")
    msg = str(err)
    tokens = case.names.get(arg, (arg,))
    assert any(t in msg for t in tokens), f"{arg}={value!r}: the message does not name {tokens}: {msg!r}"
    assert type(err).__module__.split(".")[0] in ("builtins", "lmt_lib"), f"{type(err)}: {msg}"


PAIRS = [(name, arg) for name, case in CASES.items() for arg in case.bad]


@pytest.mark.parametrize("name, arg", PAIRS, ids=[f"{n}:{a}" for n, a in PAIRS])
@settings(max_examples=8, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_bad_argument_is_refused_with_its_name(name, arg, data):
    case = CASES[name]
    value = data.draw(case.bad[arg], label=arg)
    assume(not (value is None and none_is_valid(case, arg)))
    check_refused(case, arg, value)


def test_valid_calls_work():
    """The valid call of every case runs (so a refused bad call is refused for its bad argument)."""
    for name, case in CASES.items():
        if name == "detectors.Binning.edges(tiny width)":
            continue
        with time_limit(60.0):
            case.func(**case.kwargs())


ARRAY_PAIRS = [(name, arg) for name, case in CASES.items() for arg in case.arrays]


@pytest.mark.parametrize("name, arg", ARRAY_PAIRS, ids=[f"{n}:{a}" for n, a in ARRAY_PAIRS])
def test_two_dimensional_arrays_work_or_are_refused_by_name(name, arg):
    case = CASES[name]
    kwargs = case.kwargs()
    good = np.asarray(kwargs[arg], dtype=float).ravel()
    kwargs[arg] = np.stack([good, good])
    with time_limit(60.0):
        try:
            case.func(**kwargs)
        except (ValueError, TypeError) as exc:
            assert arg in str(exc) or any(t in str(exc) for t in case.names.get(arg, ())), str(exc)
            assert type(exc).__module__.split(".")[0] in ("builtins", "lmt_lib"), f"{type(exc)}: {exc}"
