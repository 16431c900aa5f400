"""Glossa's core: everything a user's work is made of, with no GUI dependency.

Nothing in this package may import Qt; ``tests/core/test_no_qt.py`` enforces it.
"""

__version__ = "0.1.0"
