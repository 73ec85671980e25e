"""Warehouse stock counts."""

__version__ = "2.1.0"
