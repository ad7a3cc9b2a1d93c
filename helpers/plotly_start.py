"""plotly, started without the optional packages a lesson does not use (docs/decisions/0001).

Imported by :mod:`helpers.plots`, the first module of the package that uses plotly, so it runs
before any figure is built (importing ``plotly`` and ``plotly.graph_objects`` is lazy).

* plotly's renderers import ``nbformat`` at start-up, only to check its version when
  ``plotly.io.show`` renders a figure as a notebook output. nbformat imports jsonschema and its
  format checkers: about 0.12 s of every lesson's set-up cell and of every Voilà page. The
  course's figures are widgets and never pass through ``show``. The renderers get
  :class:`NbformatOnDemand` instead, which imports nbformat when ``show`` first asks for it.
* jsonschema, once something imports it, compiles the grammar of the optional ``rfc3987_syntax``
  package (about 1.1 s). The course never checks IRI formats, so that package is marked absent.
"""

from __future__ import annotations

import sys

from _plotly_utils import optional_imports


class NbformatOnDemand:
    """Stands in for the nbformat module in plotly's renderers; imports it on first use."""

    @property
    def __version__(self) -> str:
        import nbformat

        return nbformat.__version__


if "rfc3987_syntax" not in sys.modules:
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]

if "nbformat" not in sys.modules and "plotly.io._renderers" not in sys.modules:
    sys.modules["nbformat"] = None  # type: ignore[assignment]  # the renderers' import then finds none
    try:
        from plotly.io import _renderers
    finally:
        del sys.modules["nbformat"]
    optional_imports._not_importable.discard("nbformat")
    _renderers.nbformat = NbformatOnDemand()
