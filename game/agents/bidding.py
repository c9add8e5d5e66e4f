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

from game.rules.space import Separable, options_at

BAND = 0.02      # share of my range treated as "about equal value to me"
WIDE = 0.08      # the wider band tried before moving more than MAX_MOVED issues
MAX_MOVED = 3
TIE = 0.02       # model utilities (0..1) this close to the best count as equally good for them


def choose(own, model, level: float, sizes, mine_before: list[int], rng: random.Random | None = None) -> int | None:
    """The row to offer (see the module docstring); None when nothing allowed reaches `level`.

    `own` is the strategy's `Own`, `model` the opponent model (its `at(rows)`: the other side's
    estimated utilities of those packages), `sizes` the issues' option counts, `mine_before` the rows I
    offered earlier (oldest first). With `rng`, one of the packages within `TIE` of the model's best is
    drawn (people do not always pick the same package; the strategy's generator is seeded, so a replay
    is the same). Only the packages within the widest band are looked at unless none of them will do."""
    span = max(own.best - own.walk_away, 1e-9)
    near = own.near(level, WIDE * span + 1e-9)
    if near.size == 0:
        return None
    low = float(own.u[near].min())
    last = None
    if mine_before:  # how many issues a package moves from my last offer: a sum of one 0 or 1 per issue
        before = options_at([mine_before[-1]], sizes)[0]
        last = Separable([(np.arange(n) != k).astype(float) for n, k in zip(sizes, before)])
    row = _pick(own, model, near, low, span, last, mine_before, rng,
                ((BAND, True), (WIDE, True), (BAND, False), (WIDE, False)))
    if row is not None:
        return row
    rows = own.at_least(level)
    row = _pick(own, model, rows, low, span, last, mine_before, rng, ((1.0, False),))
    if row is not None:
        return row
    # every allowed package is worse for both than an earlier offer that is no longer allowed (an
    # event moved my standing): hold as high as I may, giving away nothing the model can see
    return int(rows[int(np.argmax(own.u[rows] - 1e-8 * model.at(rows)))])


def _pick(own, model, rows: np.ndarray, low: float, span: float, last, mine_before: list[int],
          rng: random.Random | None, widths) -> int | None:
    """The choice among `rows` (ascending) in the first of `widths` (band width, whether to move few
    issues) that has a package not worse for both; None when no width has one."""
    mine, theirs = own.u[rows], model.at(rows)
    fine = ~worse_for_both(own, model, rows, mine_before, theirs)
    moved = None if last is None else last.at(rows)
    for width, few in widths:
        pick = fine & (mine <= low + width * span + 1e-9)
        if few and moved is not None:
            pick &= moved <= MAX_MOVED
        if pick.any():
            return _best(rows, np.where(pick, theirs + 1e-8 * mine, -np.inf), rng)
    return None


def worse_for_both(own, model, rows: np.ndarray, mine_before: list[int], theirs: np.ndarray | None = None) -> np.ndarray:
    """Per row: worth less to me than an earlier offer of mine and no more to them by the model
    (a flat model included: then any row worth less to me than an earlier offer). `theirs`: the
    model's utilities of `rows`, when already at hand."""
    mine = own.u[rows]
    theirs = model.at(rows) if theirs is None else theirs
    out = np.zeros(np.shape(rows), dtype=bool)
    if mine_before:
        earlier = model.at(mine_before)
        for e, est_e in zip(mine_before, earlier):
            out |= (mine < own.u[e] - 1e-9) & (theirs <= est_e + 1e-9)
    return out


def _best(rows: np.ndarray, score: np.ndarray, rng: random.Random | None) -> int:
    top = float(score.max())
    if rng is None:
        return int(rows[int(np.argmax(score))])
    close = np.flatnonzero(score >= top - TIE)
    return int(rows[int(close[rng.randrange(close.size)])])
