"""Analysis of the outcome space: Pareto frontier, deal zone, Nash, Kalai-Smorodinsky,
maximum welfare, and where a deal stands (distance to the frontier, missed trades).
"""

from game.analysis.analysis import Analysis, analyze
from game.analysis.export import write_outcomes, write_outcomes_csv
from game.analysis.pareto import TOL, deal_zone_mask, dominating, pareto_mask
from game.analysis.position import Change, MissedTrade, Point, Position
from game.analysis.standing import standing_after

__all__ = ["Analysis", "Change", "MissedTrade", "Point", "Position", "TOL", "analyze", "deal_zone_mask",
           "dominating", "pareto_mask", "standing_after", "write_outcomes", "write_outcomes_csv"]
