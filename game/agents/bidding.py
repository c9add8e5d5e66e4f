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
  holding is better than giving something away that helps nobody.

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
    fine = np.ones(rows.size, dtype=bool)
    for e in mine_before:  # less for me than an earlier offer of mine only if more for them, by the model
        fine &= ~((mine < own.u[e] - 1e-9) & (theirs <= est[e] + 1e-9))
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
    score = theirs + 1e-8 * mine  # everything near my level is dominated: the model's best of them
    near = mine <= low + BAND * span + 1e-9
    return _best(rows, np.where(near, score, -np.inf), rng)


def _best(rows: np.ndarray, score: np.ndarray, rng: random.Random | None) -> int:
    top = float(score.max())
    if rng is None:
        return int(rows[int(np.argmax(score))])
    close = np.flatnonzero(score >= top - TIE)
    return int(rows[int(close[rng.randrange(close.size)])])
