"""Align Russian, Belarusian and English versions of wire stories and compare them."""
__version__ = "0.1.0"
