"""Scoring: packages to points, indicators and outcome tags, one at a time or in bulk."""

from game.rules.engine import Outcome, Rulebook, Scorer, Standing
from game.rules.redlines import crossed_red_lines
from game.rules.space import MAX_OUTCOMES, OutcomeSpace, SpaceTooLarge

__all__ = ["MAX_OUTCOMES", "Outcome", "crossed_red_lines", "OutcomeSpace", "Rulebook", "Scorer", "SpaceTooLarge", "Standing"]
