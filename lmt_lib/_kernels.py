"""The house decorator for numba kernels.

Every numerical kernel in :mod:`lmt_lib` is compiled with :func:`jit`, which is ``numba.njit`` with

- ``cache=True``: compiled machine code is stored beside the source, so a second process starts warm;
- ``error_model="numpy"``: a division by zero gives inf/nan instead of raising, as numpy does.  The public API
  therefore validates its inputs before calling a kernel (no kernel sees a bad argument);
- ``nogil=True``: kernels release the GIL, so threads may run them side by side.

No ``fastmath`` and no ``parallel`` by default (the project's rule): the benchmarks decide.
"""

from __future__ import annotations

import functools

import numba

#: ``@jit`` is the decorator every kernel uses
jit = functools.partial(numba.njit, cache=True, error_model="numpy", nogil=True)
