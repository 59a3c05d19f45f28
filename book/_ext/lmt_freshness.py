"""Sphinx extension: a change to the library re-executes every chapter of the book.

Sphinx re-reads (and myst-nb with ``execute_notebooks: force`` re-executes) only the pages whose own source changed,
so after an edit of ``lmt_lib`` a second ``jupyter-book build .`` would keep every figure and number of the previous
build.  This extension records a hash of the library's files (``lmt_lib/**`` : the code, the data tables and the
plotting style) in the build environment and, when the hash differs from the recorded one, marks every page
outdated, so every chapter executes again.

Configuration (``_config.yml`` -> ``sphinx: config:``): ``lmt_freshness_paths``, the folders to hash, relative to
the book's root (default ``["lmt_lib"]``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

_SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints"}
_SKIP_SUFFIXES = {".pyc", ".pyo", ".nbi", ".nbc"}  # byte code and numba's on-disk cache


def tree_hash(root: Path, folders) -> str:
    """SHA-256 over the relative paths and contents of every file under ``root / folder`` for each folder."""
    h = hashlib.sha256()
    for folder in folders:
        base = root / folder
        files = sorted(p for p in base.rglob("*") if p.is_file() and not _SKIP_DIRS & set(p.relative_to(base).parts)
                       and p.suffix not in _SKIP_SUFFIXES) if base.is_dir() else []
        h.update(f"{folder}:{len(files)}\n".encode())
        for p in files:
            h.update(p.relative_to(root).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def _outdated(app, env, added, changed, removed):
    new = tree_hash(Path(app.srcdir), app.config.lmt_freshness_paths)
    old = getattr(env, "lmt_freshness_hash", None)
    env.lmt_freshness_hash = new
    if old is None or old == new:
        return []  # a fresh environment reads every page anyway; an unchanged library changes nothing
    stale = sorted(set(env.found_docs) - set(added) - set(changed))
    logger.info(f"lmt_freshness: the library changed since the last build; re-reading {len(stale)} pages")
    return stale


def setup(app):
    app.add_config_value("lmt_freshness_paths", ["lmt_lib"], "env")
    app.connect("env-get-outdated", _outdated)
    return {"version": "1.0", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
