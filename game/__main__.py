"""`python -m game` runs the same command line as `parley`."""

from game.main import run

run()
