"""Tests of the numba kernel cache (lmt_lib._kernels): it cannot serve stale code, and a read-only install works.

Oracles:
- an edit with a known effect: halving the Helm F^2 in targets.py (a module the cross-section kernel of xsec.py
  calls, not the kernel's own file) must halve the SM CEvNS cross section in the next process, although xsec.py
  itself did not change (numba's own cache=True would serve the old machine code here);
- the cache really caches: a second process with the same source loads the kernel from disk (numba's hit counter);
- a read-only install (source tree not writable, no writable home or cache folder) imports, computes the same
  number as a normal install, warns exactly once and writes nothing anywhere.

Each case runs a copy of the library in a fresh Python process (numba reads its caches at compile time).
"""

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import lmt_lib

PROBE = """
import json
from lmt_lib import _kernels, xsec
from lmt_lib.units import MeV, keV
v = xsec.cevns_dsigma(1 * keV, 30 * MeV, "Ar40")
hits = sum(xsec._cevns_templates.stats.cache_hits.values())
print(json.dumps(dict(value=v, hits=hits, cache_dir=str(getattr(_kernels, "CACHE_DIR", None)))))
"""


def _copy_library(dest: Path) -> Path:
    shutil.copytree(Path(lmt_lib.__file__).parent, dest / "lmt_lib",
                    ignore=shutil.ignore_patterns("__pycache__", "*.nbi", "*.nbc"))
    return dest


def _run(pkg_root: Path, env_extra: dict) -> tuple[dict, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NUMBA_", "XDG_"))}
    env.update(PYTHONPATH=str(pkg_root), PYTHONDONTWRITEBYTECODE="1", **env_extra)
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=pkg_root, capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1]), out.stderr


def test_editing_a_called_module_invalidates_the_callers_kernels(tmp_path):
    pkg = _copy_library(tmp_path / "pkg")
    env = dict(XDG_CACHE_HOME=str(tmp_path / "cache"), HOME=str(tmp_path / "home"))
    first, _ = _run(pkg, env)
    again, _ = _run(pkg, env)
    assert first["cache_dir"].startswith(str(tmp_path / "cache" / "lmt_lib" / "numba-"))
    assert again["hits"] > 0 and again["value"] == first["value"]  # the second process loads from disk
    targets = pkg / "lmt_lib" / "targets.py"
    src = targets.read_text()
    old = "    f = _helm_f1(q, A)\n    return f * f\n"
    assert src.count(old) == 1
    targets.write_text(src.replace(old, "    f = _helm_f1(q, A)\n    return 0.5 * f * f\n"))
    edited, _ = _run(pkg, env)
    assert edited["cache_dir"] != first["cache_dir"]
    assert edited["value"] == 0.5 * first["value"]


def test_read_only_install_imports_and_computes(tmp_path):
    reference, _ = _run(_copy_library(tmp_path / "ref"), dict(XDG_CACHE_HOME=str(tmp_path / "cache")))
    pkg = _copy_library(tmp_path / "ro")
    # a regular file where the home and cache folders should be: no folder can be made below it, not even by root
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    for path in [pkg, *pkg.rglob("*")]:
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    try:
        got, err = _run(pkg, dict(HOME=str(blocker / "home"), XDG_CACHE_HOME=str(blocker / "cache")))
    finally:
        for path in [pkg, *pkg.rglob("*")]:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
    assert got["value"] == reference["value"] and got["cache_dir"] == "None"
    assert err.count("KernelCacheWarning") == 1 and "no writable folder" in err
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before  # nothing written anywhere
