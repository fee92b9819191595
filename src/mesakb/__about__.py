"""The edition of mesakb: its version and release date, recorded once.

One number for the package and its content. The date is the day the edition was
released; every citation of a concept names both (so pandoc, biber and bibtex print a
year), and the packaging reads the version from here.
"""

__version__ = "0.1.0"
__released__ = "2026-12-03"
"""The release date of this edition (ISO 8601, YYYY-MM-DD)."""
