"""Shared code of the course *Social systems and recovery*.

One job per file, in layers that import one way only: CONTRIBUTING.md lists them (``tests/test_layers.py``
holds the table and checks every import).
"""

from helpers.text import get_language, set_language, t

__version__ = "2.2.0"
__all__ = ["__version__", "get_language", "set_language", "t"]
