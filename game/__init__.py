"""Parley: an interactive negotiation simulator for the classroom."""

__version__ = "0.1.0"
