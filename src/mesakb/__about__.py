"""The version of mesakb and of its content (one number for both)."""

__version__ = "0.1.0"
