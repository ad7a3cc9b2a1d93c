"""Shared code of the course *Social systems and recovery*.

Layers, imported one way only: ``widgets`` → ``plots`` → ``model`` → ``data``
(``text`` holds the Dutch and English strings and may be used by every layer).
"""

from helpers.text import get_language, set_language, t

__version__ = "2.1.0"
__all__ = ["__version__", "get_language", "set_language", "t"]
