"""Sphinx extension: the single-page HTML build (the source of the PDF) renders every node the HTML build renders.

Sphinx looks up the HTML writers of extension nodes first under the builder's name and only if there are none
under its format: sphinx-exercise registers writers for "singlehtml", so ``--builder singlehtml`` loses every other
extension's HTML writers (myst-nb's folded-code cells among them: "unknown node type: HideCodeCellNode").  This
extension copies the missing "html" writers to "singlehtml" when that builder starts.

It also writes the single page as ``index.html``: the builder links everything (styles, MathJax, figures) relative
to the output folder's root, but names the page after the root document (``book/intro.html``), where none of those
links resolve; ``index.html`` would otherwise be a mere redirect to that broken copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path


def _share_html_writers(app):
    if app.builder.name != "singlehtml":
        return
    handlers = app.registry.translation_handlers
    single = handlers.setdefault("singlehtml", {})
    for node_name, visit_depart in handlers.get("html", {}).items():
        single.setdefault(node_name, visit_depart)


def _page_at_root(app, exception):
    if exception is not None or app.builder.name != "singlehtml" or app.config.root_doc == "index":
        return
    outdir = Path(app.outdir)
    shutil.copyfile(outdir / f"{app.config.root_doc}.html", outdir / "index.html")


def setup(app):
    app.connect("builder-inited", _share_html_writers)
    app.connect("build-finished", _page_at_root, priority=400)  # before sphinx-external-toc writes its redirect
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
