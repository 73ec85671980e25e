"""Readability report for the texts in app/texts."""
