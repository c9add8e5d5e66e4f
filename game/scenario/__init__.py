"""Scenario files: reading, validating and checking what teachers write."""

from game.scenario.loader import LoadResult, load, load_file, load_text
from game.scenario.model import Scenario

__all__ = ["LoadResult", "Scenario", "load", "load_file", "load_text"]
