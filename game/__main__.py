"""`python -m game` runs the same command line as `parley`."""

import sys

from game.main import main

sys.exit(main())
