"""Argument checks shared by the public API: one place for the wording of the errors.

Every public function validates its inputs before any kernel runs (the kernels use numba's ``error_model="numpy"``
and would turn a bad input into NaN); a bad argument raises ``ValueError`` naming the argument and what was
expected.
"""

from __future__ import annotations

import math

import numpy as np


def positive(name: str, value, *, allow_zero: bool = False, allow_inf: bool = False) -> float:
    """``float(value)`` if it is a real number > 0 (>= 0 with ``allow_zero``; inf only with ``allow_inf``).

    >>> positive("M", 0.01)
    0.01
    >>> positive("threshold", 0, allow_zero=True)
    0.0
    """
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name}={value!r} must be a real number") from None
    if math.isnan(v) or (math.isinf(v) and not allow_inf) or v < 0.0 or (v == 0.0 and not allow_zero):
        raise ValueError(f"{name}={value!r} must be {'>= 0' if allow_zero else '> 0'} and finite")
    return v


def positive_array(name: str, values, *, hint: str = "", increasing: bool = False, at_least_1d: bool = True,
                   allow_zero: bool = False):
    """``values`` as a float array that is non-empty, finite and > 0 (>= 0 with ``allow_zero``; strictly increasing
    if asked).

    >>> positive_array("E_R", [1e-6, 2e-6]).tolist()
    [1e-06, 2e-06]
    """
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name}={values!r} must be an array of real numbers") from None
    if at_least_1d:
        arr = np.atleast_1d(arr)
    extra = f" ({hint})" if hint else ""
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty{extra}")
    if not np.all(np.isfinite(arr)) or np.any(arr < 0) or (not allow_zero and np.any(arr == 0)):
        raise ValueError(f"{name}={values!r} must be finite and {'>= 0' if allow_zero else '> 0'}{extra}")
    if increasing and (arr.ndim != 1 or np.any(np.diff(arr) <= 0)):
        raise ValueError(f"{name} must be a 1-d, strictly increasing array{extra}")
    return arr


def finite_coupling(g):
    """A coupling as a float (scalar input) or a float array, all finite; ``ValueError`` naming ``coupling g``.

    >>> finite_coupling(5e-4), finite_coupling([1e-4, -1e-4]).tolist()
    (0.0005, [0.0001, -0.0001])
    """
    try:
        arr = None if isinstance(g, str) else np.asarray(g, dtype=float)
    except (TypeError, ValueError):
        arr = None
    if arr is None or not np.all(np.isfinite(arr)):
        raise ValueError(f"coupling g={g!r} must be a finite real number")
    return arr if arr.ndim else float(arr)
