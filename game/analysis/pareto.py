"""The Pareto frontier and the deal zone, on a matrix of points (packages x parties).

All comparisons use one tolerance, `TOL` (1e-9 points), so rounding noise in the
sums of `weight x value / 100` can neither keep a dominated package nor drop a
frontier one:

- `q` dominates `p` when `q[i] >= p[i] - TOL` for every party and
  `q[i] > p[i] + TOL` for at least one;
- a package is on the frontier when nothing dominates it (so packages with
  identical scores are all listed);
- a package is in the deal zone when `points[i] > walk_away[i] + TOL` for every
  party: it beats every walk-away value, not merely matches it.

For two parties the frontier is a sort and a sweep, O(N log N) and vectorised,
and exact with respect to the definition above: `p` is dominated exactly when

  (A) some `q` with `q.x > p.x + TOL` has `q.y >= p.y - TOL`, or
  (B) some `q` with `q.x >= p.x - TOL` has `q.y > p.y + TOL`.

With the packages sorted by x descending, both sets of candidate `q` are prefixes
of the order (found with `searchsorted`), so each test is one look-up in the
running maximum of y. Before sorting, packages beaten by more than TOL in both
coordinates by one of a few anchor packages are dropped (see
`_not_beaten_by_anchors` for why that changes no verdict), so only a fraction of
the space is sorted. Any other number of parties falls back to a chunked
pairwise comparison (quadratic, bounded memory).
"""

from __future__ import annotations

import numpy as np

TOL = 1e-9
_CHUNK_CELLS = 4_000_000  # booleans per block in the pairwise fallback


def pareto_mask(points: np.ndarray, tol: float = TOL) -> np.ndarray:
    """Boolean mask over the rows of `points` (N x parties): True on the frontier."""
    points = np.asarray(points, dtype=np.float64)
    if points.ndim != 2:
        raise ValueError("points must be a (packages, parties) matrix")
    n, k = points.shape
    if n == 0:
        return np.zeros(0, dtype=bool)
    if k == 2:
        return _sweep_2d(np.ascontiguousarray(points[:, 0]), np.ascontiguousarray(points[:, 1]), tol)
    return _pairwise(points, tol)


def _sweep_2d(x: np.ndarray, y: np.ndarray, tol: float) -> np.ndarray:
    cand = _not_beaten_by_anchors(x, y, tol)
    cx, cy = x[cand], y[cand]
    order = np.argsort(-cx)                # ties in x may come in any order: the prefixes below are by value
    ys = cy[order]
    neg_x = -cx[order]                     # ascending
    best_y = np.maximum.accumulate(ys)     # best_y[j]: max y among the first j+1 in the order
    # (A): q.x > p.x + tol  <=>  -q.x < -p.x - tol (negation is exact): a prefix of length a.
    a = np.searchsorted(neg_x, neg_x - tol, side="left")
    dominated = (a > 0) & (best_y[np.maximum(a - 1, 0)] >= ys - tol)
    # (B): q.x >= p.x - tol  <=>  -q.x <= -p.x + tol: a prefix of length b (b >= 1: p itself).
    b = np.searchsorted(neg_x, neg_x + tol, side="right")
    dominated |= best_y[b - 1] > ys + tol
    mask = np.zeros(len(x), dtype=bool)
    mask[cand[order[~dominated]]] = True
    return mask


def _not_beaten_by_anchors(x: np.ndarray, y: np.ndarray, tol: float) -> np.ndarray:
    """Indexes of the packages not beaten by more than `tol` in both coordinates by an anchor.

    Anchors are the best packages for a few weighted sums (each one among those kept so
    far, so it is kept itself). Dropping a package `q` with `a.x > q.x + tol` and
    `a.y > q.y + tol` changes no verdict: `q` is dominated by `a`, and whatever `q`
    dominates, `a` dominates too (rounding is monotonic and `fl(v + tol) >= v`, so the
    float comparisons chain exactly). Typically fewer than a fifth of the packages remain.
    """
    k = int(np.argmax(x + y))
    cand = np.flatnonzero((x + tol >= x[k]) | (y + tol >= y[k]))
    for w in (2.0, 0.5, 4.0, 0.25):
        cx, cy = x[cand], y[cand]
        k = int(np.argmax(w * cx + cy))
        cand = cand[(cx + tol >= cx[k]) | (cy + tol >= cy[k])]
    return cand


def _pairwise(points: np.ndarray, tol: float) -> np.ndarray:
    n, k = points.shape
    mask = np.ones(n, dtype=bool)
    step = max(1, _CHUNK_CELLS // max(1, n * k))
    for start in range(0, n, step):
        block = points[start:start + step]                                   # (c, k)
        at_least = np.all(points[None, :, :] >= block[:, None, :] - tol, axis=2)   # (c, n)
        more = np.any(points[None, :, :] > block[:, None, :] + tol, axis=2)
        mask[start:start + step] = ~np.any(at_least & more, axis=1)
    return mask


def deal_zone_mask(points: np.ndarray, walk_away: np.ndarray, tol: float = TOL,
                   excluded: np.ndarray | None = None) -> np.ndarray:
    """True for packages that beat every party's walk-away value by more than `tol`.

    `excluded` (a boolean mask, e.g. packages crossing a red line) is removed.
    """
    points = np.asarray(points, dtype=np.float64)
    walk_away = np.asarray(walk_away, dtype=np.float64)
    mask = np.ones(len(points), dtype=bool)
    for k in range(points.shape[1]):  # column by column: much faster than np.all(axis=1) on few columns
        mask &= points[:, k] > walk_away[k] + tol
    if excluded is not None:
        mask &= ~excluded
    return mask


def dominating(points: np.ndarray, score: np.ndarray, tol: float = TOL) -> np.ndarray:
    """Indexes of the packages strictly better than `score` for every party (beyond `tol`)."""
    points = np.asarray(points, dtype=np.float64)
    mask = np.ones(len(points), dtype=bool)
    for k in range(points.shape[1]):
        mask &= points[:, k] > float(score[k]) + tol
    return np.flatnonzero(mask)
