"""Argument checks shared by the public API: one place for the wording of the errors.

Every public function validates its inputs before any kernel runs (the kernels use numba's ``error_model="numpy"``
and would turn a bad input into NaN); a bad argument raises ``ValueError`` naming the argument and what was
expected.  A value of the wrong *type* (a string where a number or a boolean is expected, ``None`` where an array
is) raises :class:`ArgumentTypeError`, which is both a ``TypeError`` and a ``ValueError``, so callers may catch
either.

Sizes are bounded (:data:`MAX_COUNT`, :data:`MAX_ELEMENTS`): an absurd request (10^10 nodes, toys or bins) is
refused with a message before anything is allocated.
"""

from __future__ import annotations

import math

import numpy as np

#: the largest integer count (quadrature nodes, toys, bins, grid points) a public function accepts; our own choice,
#: far above any use in the book and low enough that the arrays sized by it fit in memory
MAX_COUNT: int = 10_000_000
#: the largest number of elements of an array a public function builds from its arguments (about 800 MB of floats);
#: our own choice, for the same reason
MAX_ELEMENTS: int = 100_000_000


class ArgumentTypeError(TypeError, ValueError):
    """An argument of the wrong type; a ``TypeError`` that is also a ``ValueError`` (callers may catch either)."""


def _is_number_like(value) -> bool:
    """Whether ``value`` may be read as a real number (not a string, bytes, bool or None)."""
    return not isinstance(value, (str, bytes, bool, np.bool_)) and value is not None


def positive(name: str, value, *, allow_zero: bool = False, allow_inf: bool = False) -> float:
    """``float(value)`` if it is a real number > 0 (>= 0 with ``allow_zero``; inf only with ``allow_inf``).

    >>> positive("M", 0.01)
    0.01
    >>> positive("threshold", 0, allow_zero=True)
    0.0
    """
    v = real(name, value, allow_inf=True)
    if math.isnan(v) or (math.isinf(v) and not allow_inf) or v < 0.0 or (v == 0.0 and not allow_zero):
        raise ValueError(f"{name}={value!r} must be {'>= 0' if allow_zero else '> 0'} and finite")
    return v


def positive_array(name: str, values, *, hint: str = "", increasing: bool = False, at_least_1d: bool = True,
                   allow_zero: bool = False, max_ndim: int | None = None):
    """``values`` as a float array that is non-empty, finite and > 0 (>= 0 with ``allow_zero``; strictly increasing
    if asked).

    >>> positive_array("E_R", [1e-6, 2e-6]).tolist()
    [1e-06, 2e-06]
    """
    arr = real_array(name, values, max_ndim=max_ndim)
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


def finite_coupling(g, name: str = "coupling g", *, non_negative: bool = False):
    """A coupling as a float (scalar input) or a float array, all finite (and >= 0 with ``non_negative``, for a
    magnitude); the error names ``name``.

    >>> finite_coupling(5e-4), finite_coupling([1e-4, -1e-4]).tolist()
    (0.0005, [0.0001, -0.0001])
    """
    arr = real_array(name, g)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name}={g!r} must be a finite real number")
    if non_negative and np.any(arr < 0):
        raise ValueError(f"{name}={g!r} must be >= 0 (a magnitude; the sign is fixed by the model)")
    return arr if arr.ndim else float(arr)


def real(name: str, value, *, minimum: float | None = None, maximum: float | None = None,
         allow_inf: bool = False) -> float:
    """``float(value)`` for a real, finite number (inf only with ``allow_inf``) within [minimum, maximum].

    >>> real("z", 5)
    5.0
    """
    if not _is_number_like(value):
        raise ArgumentTypeError(f"{name}={value!r} must be a real number, not {type(value).__name__}")
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ArgumentTypeError(f"{name}={value!r} must be a real number, not {type(value).__name__}") from None
    if math.isnan(v) or (math.isinf(v) and not allow_inf):
        raise ValueError(f"{name}={value!r} must be a finite real number")
    if minimum is not None and v < minimum:
        raise ValueError(f"{name}={value!r} must be >= {minimum!r}")
    if maximum is not None and v > maximum:
        raise ValueError(f"{name}={value!r} must be <= {maximum!r}")
    return v


def real_array(name: str, values, *, max_ndim: int | None = None) -> np.ndarray:
    """``values`` as a float array (of any shape, ``max_ndim`` dimensions at most); NaN and inf are not checked here.

    >>> real_array("E", [1, 2]).tolist()
    [1.0, 2.0]
    """
    if values is None or isinstance(values, (str, bytes, dict, set, bool, np.bool_)):
        raise ArgumentTypeError(f"{name}={values!r} must be a real number or an array of them")
    try:
        raw = np.asarray(values)
        if raw.dtype.kind in "bUSV":  # booleans and strings are not numbers, even where numpy would convert them
            raise TypeError
        arr = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        raise ArgumentTypeError(f"{name}={values!r} must be a real number or an array of them") from None
    if arr.size > MAX_ELEMENTS:
        raise ValueError(f"{name} has {arr.size} elements; at most {MAX_ELEMENTS} are accepted")
    if max_ndim is not None and arr.ndim > max_ndim:
        raise ValueError(f"{name} must have at most {max_ndim} dimension(s); got shape {arr.shape}")
    return arr


def finite_array(name: str, values, *, max_ndim: int | None = None, allow_empty: bool = True) -> np.ndarray:
    """``values`` as a float array whose elements are all finite.

    >>> finite_array("x", 0.5).tolist()
    0.5
    """
    arr = real_array(name, values, max_ndim=max_ndim)
    if not allow_empty and arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name}={values!r} must be finite (no NaN or inf)")
    return arr


def flag(name: str, value) -> bool:
    """A real boolean (``True``/``False`` or numpy's); a string such as ``"False"`` is refused, not taken as True.

    >>> flag("running", False)
    False
    """
    if not isinstance(value, (bool, np.bool_)):
        raise ArgumentTypeError(f"{name}={value!r} must be True or False, not {type(value).__name__}")
    return bool(value)


def count(name: str, value, *, minimum: int = 1, maximum: int = MAX_COUNT) -> int:
    """An integer in [minimum, maximum]; an integral float (``1e4``) is accepted, ``2.5`` or ``"3"`` are not.

    >>> count("n_nodes", 8), count("n_toys", 1e4)
    (8, 10000)
    """
    if isinstance(value, (bool, np.bool_)) or not _is_number_like(value):
        raise ArgumentTypeError(f"{name}={value!r} must be an integer, not {type(value).__name__}")
    if isinstance(value, (int, np.integer)):
        v = int(value)
    else:
        try:
            f = float(value)
        except (TypeError, ValueError):
            raise ArgumentTypeError(f"{name}={value!r} must be an integer") from None
        if not (math.isfinite(f) and f == int(f)):
            raise ValueError(f"{name}={value!r} must be an integer")
        v = int(f)
    if v < minimum or v > maximum:
        raise ValueError(f"{name}={value!r} must be an integer in [{minimum}, {maximum}]")
    return v


def choice(name: str, value, allowed):
    """``value`` if it is one of ``allowed`` (strings compared exactly); the message lists them.

    >>> choice("method", "newton", ("newton", "minuit"))
    'newton'
    """
    allowed = tuple(allowed)
    if isinstance(value, (list, dict, set, np.ndarray)) or value not in allowed:
        raise ValueError(f"{name}={value!r} is not one of {allowed}")
    return value


def known_keys(name: str, mapping, allowed) -> dict:
    """A dict whose keys are all in ``allowed``: a misspelt key is an error, not silently ignored.

    >>> known_keys("flux_sigmas", {"8B": 0.1}, ("8B", "hep"))
    {'8B': 0.1}
    """
    if not isinstance(mapping, dict):
        raise ArgumentTypeError(f"{name}={mapping!r} must be a dict")
    allowed = tuple(allowed)
    bad = [k for k in mapping if k not in allowed]
    if bad:
        raise ValueError(f"{name} has unknown key(s) {bad}; allowed: {allowed}")
    return dict(mapping)


def grid_size(name: str, n: int, maximum: int = MAX_ELEMENTS) -> int:
    """Refuse a grid of ``n`` elements above ``maximum`` before it is allocated."""
    if n > maximum:
        raise ValueError(f"{name}: a grid of {n} elements exceeds the limit of {maximum}")
    return n
