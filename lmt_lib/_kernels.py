"""The house decorator for numba kernels, and where their compiled code is cached.

Every numerical kernel in :mod:`lmt_lib` is compiled with :func:`jit`, which is ``numba.njit`` with

- ``error_model="numpy"``: a division by zero gives inf/nan instead of raising, as numpy does.  The public API
  therefore validates its inputs before calling a kernel (no kernel sees a bad argument);
- ``nogil=True``: kernels release the GIL, so threads may run them side by side;
- a disk cache of the compiled machine code, so that a second process starts warm.

No ``fastmath`` and no ``parallel`` by default (the project's rule): the benchmarks decide.

**The cache cannot go stale.**  numba's own ``cache=True`` keys a kernel on the source file it is written in, so a
kernel that calls a function of another module (``rates`` calling ``targets._helm_f2``) would keep its old machine
code after that other module changed.  Here the cache directory is named by a hash of the whole library's source
(every ``lmt_lib/**/*.py``): any edit anywhere gives a fresh directory, and every kernel is compiled again once.
The directory is

- ``$NUMBA_CACHE_DIR/lmt_lib/numba-<hash>`` if the user set ``NUMBA_CACHE_DIR`` (numba's own setting);
- otherwise ``$XDG_CACHE_HOME/lmt_lib/numba-<hash>``, ``XDG_CACHE_HOME`` defaulting to ``~/.cache``;
- with neither writable (a read-only install with no writable home), the kernels are compiled in memory on every
  import and one :class:`KernelCacheWarning` says so.

Old ``numba-<hash>`` folders are never read again; delete ``~/.cache/lmt_lib`` to reclaim their space.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import warnings
from pathlib import Path

import numba
from numba.core import config as _numba_config
from numba.core.caching import CompileResultCacheImpl, FunctionCache, _CacheLocator

#: the folder of the library whose source keys the cache
_PACKAGE_DIR = Path(__file__).resolve().parent


class KernelCacheWarning(UserWarning):
    """No writable folder for numba's compiled kernels: they are compiled on every import instead."""


def source_hash(package_dir: Path = _PACKAGE_DIR) -> str:
    """A SHA-256 (first 16 hex digits) of every ``*.py`` file of the library, names and contents.

    >>> len(source_hash())
    16
    """
    h = hashlib.sha256()
    for path in sorted(package_dir.rglob("*.py")):
        h.update(path.relative_to(package_dir).as_posix().encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    return h.hexdigest()[:16]


def _writable(path: Path) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True)
        tempfile.TemporaryFile(dir=path).close()
    except OSError:
        return False
    return True


def _cache_dir(stamp: str) -> Path | None:
    """The cache folder of this version of the library, or None when none can be written (see the module docs)."""
    if _numba_config.CACHE_DIR:
        candidates = [Path(_numba_config.CACHE_DIR)]
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        candidates = [Path(xdg)] if xdg and os.path.isabs(xdg) else []
        try:
            candidates.append(Path.home() / ".cache")
        except RuntimeError:  # no home directory can be determined
            pass
    tried = []
    for base in candidates:
        path = base / "lmt_lib" / f"numba-{stamp}"
        if _writable(path):
            return path
        tried.append(str(path))
    warnings.warn(
        f"lmt_lib: no writable folder for the compiled numba kernels (tried {', '.join(tried) or 'none'}); they "
        "are compiled on every import. Set NUMBA_CACHE_DIR or XDG_CACHE_HOME to a writable folder to cache them.",
        KernelCacheWarning, stacklevel=2,
    )
    return None


#: the hash of the library's source, and the folder where its kernels are cached (None: no caching)
SOURCE_HASH: str = source_hash()
CACHE_DIR: Path | None = _cache_dir(SOURCE_HASH)


class _LibraryCacheLocator(_CacheLocator):
    """numba cache locator: :data:`CACHE_DIR`, one sub-folder per source folder, stamped with :data:`SOURCE_HASH`
    and the hash of the kernel's own file."""

    def __init__(self, py_func, py_file):
        self._py_file = py_file
        self._lineno = py_func.__code__.co_firstlineno
        self._cache_path = os.path.join(str(CACHE_DIR), self.get_suitable_cache_subpath(py_file))

    def get_cache_path(self):
        return self._cache_path

    def get_source_stamp(self):
        # the library's hash, and the kernel's own file (which matters for a kernel written outside the library
        # with this decorator, e.g. in benchmarks/)
        return SOURCE_HASH, hashlib.sha256(Path(self._py_file).read_bytes()).hexdigest()

    def get_disambiguator(self):
        return str(self._lineno)

    @classmethod
    def from_function(cls, py_func, py_file):
        if CACHE_DIR is None:
            return None
        self = cls(py_func, py_file)
        try:
            self.ensure_cache_path()
        except OSError:
            return None
        return self


class _LibraryCacheImpl(CompileResultCacheImpl):
    _locator_classes = [_LibraryCacheLocator]


class _LibraryFunctionCache(FunctionCache):
    _impl_class = _LibraryCacheImpl


def jit(func=None, **options):
    """``numba.njit`` with ``error_model="numpy"``, ``nogil=True`` and the library's disk cache (module docs).

    Use as ``@jit``, or ``@jit(...)`` with further ``numba.njit`` options.
    """

    def wrap(f):
        disp = numba.njit(error_model="numpy", nogil=True, **options)(f)
        if CACHE_DIR is not None:
            try:
                cache = _LibraryFunctionCache(f)
            except RuntimeError:  # no locator: the folder vanished or turned read-only since the import
                return disp
            disp._cache = cache  # what numba's own cache=True does (Dispatcher.enable_caching), with our locator
        return disp

    return wrap(func) if func is not None else wrap
