"""lmt_lib: the library behind the executable monograph on the U(1)_{Lmu-Ltau} hidden photon and (g-2)_mu.

Modules, with the arrows pointing one way (inputs -> cross sections -> rates -> statistics -> scans/plots):

- :mod:`lmt_lib.units` natural units (base GeV) and constants with sources
- :mod:`lmt_lib.model` the hidden-photon models, charges and kinetic mixing
- :mod:`lmt_lib.g2` the muon anomalous magnetic moment and its scenarios
- :mod:`lmt_lib.fluxes` neutrino sources (solar, spallation)
- :mod:`lmt_lib.oscillations` solar MSW flavour fractions
- :mod:`lmt_lib.targets` nuclei, form factors and atomic binding
- :mod:`lmt_lib.xsec` CEvNS and neutrino-electron cross sections with the A'
- :mod:`lmt_lib.detectors` experiment descriptions and their registry
- :mod:`lmt_lib.rates` binned expected counts as SM / interference / BSM templates
- :mod:`lmt_lib.muon_beam` muon-beam production of the A' (NA64μ, M³): cross section, yields, spectra
- :mod:`lmt_lib.joint_fit` the test of ε/g: g from a muon beam and gε from π-DAR CEvNS fitted together
- :mod:`lmt_lib.stats`, :mod:`lmt_lib.scans`, :mod:`lmt_lib.constraints`, :mod:`lmt_lib.plotting`

Import the submodule you need (``from lmt_lib import model, g2``); nothing heavy is imported here.
"""

__version__ = "0.1.0"
