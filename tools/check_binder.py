"""Check, without docker, that repo2docker (Binder) reads binder/ as intended.

Usage: ``pip install jupyter-repo2docker && python tools/check_binder.py``

repo2docker's Python API picks the build pack the way mybinder.org does and renders its Dockerfile; this script
prints the chosen build pack, the Python version, and the Dockerfile steps that install the requirements and run
``binder/postBuild``, and fails if any of them is not what the book needs.  (Opening a chapter as a notebook needs
JupyterLab with jupytext and the default viewer that postBuild sets; see the README's Binder notes.)
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    try:
        from repo2docker.app import Repo2Docker
    except ImportError:
        sys.exit("jupyter-repo2docker is not installed: pip install jupyter-repo2docker")
    os.chdir(ROOT)
    r2d = Repo2Docker()
    for build_pack in r2d.buildpacks:
        bp = build_pack(base_image=r2d.base_image)
        if bp.detect():
            break
    bp.platform = "linux/amd64"
    dockerfile = bp.render()
    steps = [line for line in dockerfile.splitlines() if re.search(r"pip install|postBuild|^COPY .*src/", line)]
    print(f"build pack: {type(bp).__name__}; binder dir: {bp.binder_dir}; Python {bp.python_version}")
    print("\n".join(steps))
    ok = (type(bp).__name__ == "PythonBuildPack" and bp.binder_dir == "binder" and bp.python_version == "3.12"
          and any('-r "binder/requirements.txt"' in s for s in steps) and any("binder/postBuild" in s for s in steps)
          and os.access(ROOT / "binder" / "postBuild", os.X_OK))
    # the requirements are installed after the whole repository is copied (they reference ../requirements.txt
    # and "-e ."), from the repository root
    copy_all = next(i for i, s in enumerate(steps) if s.startswith("COPY") and "src/ " in s)
    pip_step = next(i for i, s in enumerate(steps) if "binder/requirements.txt" in s and "pip install" in s)
    ok = ok and copy_all < pip_step
    print("OK" if ok else "NOT AS EXPECTED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
