"""The API reference page (book/api.md) documents every module of lmt_lib.

Oracle: the package itself (pkgutil lists its modules); a module added to the library without an entry on the page
would be missing from the book's reference.
"""

import pkgutil
import re
from pathlib import Path

import lmt_lib

ROOT = Path(__file__).resolve().parents[1]


def test_every_public_module_is_on_the_api_page():
    modules = {m.name for m in pkgutil.walk_packages(lmt_lib.__path__, "lmt_lib.") if not
               any(part.startswith("_") for part in m.name.split("."))}
    documented = set(re.findall(r"^\.\. automodule:: (lmt_lib\.\S+)", (ROOT / "book" / "api.md").read_text(), re.M))
    assert modules, "no modules found"
    assert modules <= documented, f"modules missing from book/api.md: {sorted(modules - documented)}"
    assert documented <= modules, f"book/api.md documents modules that do not exist: {sorted(documented - modules)}"
