"""Which package an AI offers at its level: one a person would make.

Among my allowed packages worth at least my level and within a narrow band above
the least of them (packages of about equal value to me), the one the opponent
model says the other side values most (after HardHeaded and Atlas3: bid near the
target, pick by the model), with two more rules:

- never an offer worse for both than one I made earlier, as far as I can tell:
  one worth less to me than an earlier offer of mine must be worth more to them
  by the model (a concession that gives them nothing I can see is not made);
- move 1 to `MAX_MOVED` issues from my last offer when I can (a wider band
  first, then any number of issues): people change a few terms at a time;
- when every package near my level is worse for both than an earlier offer of
  mine, the best package above my level that is not (an earlier offer, say):
  holding is better than giving something away that helps nobody; when every
  allowed package is (an event took my earlier offers out of reach), the best
  one for me.

The model's utilities already sink options the other side refused (by how far
its offers bear the refusal out), so refused options are avoided where the
band allows. Statements never change my level: they only choose inside the band.
"""

from __future__ import annotations

import random

import numpy as np

BAND = 0.02      # share of my range treated as "about equal value to me"
WIDE = 0.08      # the wider band tried before moving more than MAX_MOVED issues
MAX_MOVED = 3
TIE = 0.02       # model utilities (0..1) this close to the best count as equally good for them


def choose(own, est: np.ndarray, level: float, packages: np.ndarray, mine_before: list[int],
           rng: random.Random | None = None) -> int | None:
    """The row to offer (see the module docstring); None when nothing allowed reaches `level`.

    `own` is the strategy's `Own`, `est` the model's utilities of every package,
    `mine_before` the rows I offered earlier (oldest first). With `rng`, one of the
    packages within `TIE` of the model's best is drawn (people do not always pick
    the same package; the strategy's generator is seeded, so a replay is the same)."""
    rows = own.at_least(level)
    if rows.size == 0:
        return None
    mine = own.u[rows]
    span = max(own.best - own.walk_away, 1e-9)
    low = float(mine.min())
    theirs = est[rows]
    fine = ~worse_for_both(own, est, rows, mine_before)
    moved = None
    if mine_before:
        last = packages[mine_before[-1]]
        moved = np.count_nonzero(packages[rows] != last, axis=1)
    for width, few in ((BAND, True), (WIDE, True), (BAND, False), (WIDE, False), (1.0, False)):
        pick = fine & (mine <= low + width * span + 1e-9)
        if few and moved is not None:
            pick &= moved <= MAX_MOVED
        if pick.any():
            return _best(rows, np.where(pick, theirs + 1e-8 * mine, -np.inf), rng)
    # every allowed package is worse for both than an earlier offer that is no longer allowed (an
    # event moved my standing): hold as high as I may, giving away nothing the model can see
    return int(rows[int(np.argmax(mine - 1e-8 * theirs))])


def worse_for_both(own, est: np.ndarray, rows: np.ndarray, mine_before: list[int]) -> np.ndarray:
    """Per row: worth less to me than an earlier offer of mine and no more to them by the model
    (`est`, a flat model included: then any row worth less to me than an earlier offer)."""
    mine, theirs = own.u[rows], est[rows]
    out = np.zeros(np.shape(rows), dtype=bool)
    for e in mine_before:
        out |= (mine < own.u[e] - 1e-9) & (theirs <= est[e] + 1e-9)
    return out


def _best(rows: np.ndarray, score: np.ndarray, rng: random.Random | None) -> int:
    top = float(score.max())
    if rng is None:
        return int(rows[int(np.argmax(score))])
    close = np.flatnonzero(score >= top - TIE)
    return int(rows[int(close[rng.randrange(close.size)])])
