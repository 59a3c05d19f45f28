"""Neutrino sources: :mod:`lmt_lib.fluxes.solar` (the Sun) and :mod:`lmt_lib.fluxes.spallation` (pi-DAR)."""
