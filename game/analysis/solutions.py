"""The classic bargaining solutions, chosen among the deal-zone packages.

Each function takes the points matrix (packages x parties), the walk-away vector
and the deal zone as ascending package indexes, and returns one package index, or
None when the deal zone is empty:

- Nash: the largest product of gains over the walk-away values;
- Kalai-Smorodinsky: the largest smallest normalised gain, where a party's gain is
  divided by its best possible gain over walk-away within the deal zone;
- maximum welfare: the largest joint points (the sum over parties).

Ties are broken deterministically: every package whose objective is within
`TOL x max(1, |best|)` of the best counts as tied, and the lowest package index
wins. So two packages that are equal on paper but differ by rounding noise
always give the same answer.
"""

from __future__ import annotations

import numpy as np

from game.analysis.pareto import TOL


def _first_best(zone: np.ndarray, objective: np.ndarray, tol: float) -> int | None:
    if len(zone) == 0:
        return None
    best = float(objective.max())
    tied = objective >= best - tol * max(1.0, abs(best))
    return int(zone[int(np.argmax(tied))])


def gains(points: np.ndarray, walk_away: np.ndarray, zone: np.ndarray) -> np.ndarray:
    """(len(zone), parties) gains over walk-away of the deal-zone packages."""
    return points[zone] - np.asarray(walk_away, dtype=np.float64)[None, :]


def nash(points: np.ndarray, walk_away: np.ndarray, zone: np.ndarray, tol: float = TOL) -> int | None:
    g = gains(points, walk_away, zone)
    product = g[:, 0].copy()
    for j in range(1, g.shape[1]):
        product *= g[:, j]
    return _first_best(zone, product, tol)


def kalai_smorodinsky(points: np.ndarray, walk_away: np.ndarray, zone: np.ndarray, tol: float = TOL) -> int | None:
    if len(zone) == 0:
        return None
    g = gains(points, walk_away, zone)
    ideal = g.max(axis=0)                   # > tol for every party: the zone beats walk-away
    normalised = g[:, 0] / ideal[0]
    for j in range(1, g.shape[1]):
        np.minimum(normalised, g[:, j] / ideal[j], out=normalised)
    return _first_best(zone, normalised, tol)


def max_welfare(points: np.ndarray, zone: np.ndarray, tol: float = TOL) -> int | None:
    sub = points[zone]
    total = sub[:, 0].copy()
    for j in range(1, sub.shape[1]):
        total += sub[:, j]
    return _first_best(zone, total, tol)
