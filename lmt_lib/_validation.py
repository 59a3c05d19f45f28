"""Argument checks shared by the public API: one place for the wording of the errors.

Every public function validates its inputs before any kernel runs (the kernels use numba's ``error_model="numpy"``
and would turn a bad input into NaN); a bad argument raises ``ValueError`` naming the argument and what was
expected.
"""

from __future__ import annotations

import math


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
