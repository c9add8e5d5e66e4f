"""How far an AI gives way: a persona minimum, reciprocity gating and an AC_combi acceptance rule.

All three work in shares of the AI's own range (its best allowed package minus its
walk-away value, as the standing is now), so events that move a walk-away value
move the figures with it.

- The minimum (`draw_minimum`): each game the persona's `minimum` setting is
  moved by up to `SPREAD` either way, from the strategy's seeded generator: the
  AI never proposes or accepts less than walk-away + minimum x range, and no
  fixed script can know that figure for every seed.
- Reciprocity (`Gate`), after MiCRO (de Jonge 2022) and the "nice tit-for-tat"
  of Baarslag, Hindriks & Jonker: the AI's concession so far is at most
  `reciprocity` x how far the other side's offers have moved towards it,
  measured in the AI's own points from the other side's first offer (a new
  offer worth no more to the AI than its best earlier one earns nothing),
  plus `goodwill` x the AI's turns so far (a little time-based goodwill, so two
  careful players do not wait for each other forever). The strategy's own time
  rule (its schedule) caps it too, a concession is never taken back, and one
  turn never gives away more than `MAX_STEP` of the range (no collapse in one
  round). Statements play no part here: they only choose among packages of
  equal value (see `bidding.py`).
- Acceptance (`accepts`), after Baarslag, Hindriks & Jonker's AC_combi / MAX^W:
  never below the minimum; accept an offer worth at least the package the AI
  would propose now instead (AC_next); late in the game (`LATE` of the way or
  later) also accept an offer at least as good as every offer the other side
  made in its last `WINDOW` turns, if it is within `SLACK` of the range of the
  AI's own level; at its last chance (nobody answers after it) accept within
  `SLACK` of its level. Never "anything above walk-away".
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

SPREAD = 0.1      # the per-game minimum lies within the persona setting +- this share of the range
MAX_STEP = 0.25   # the most of its range an AI concedes in one turn
LATE = 0.75       # progress from which MAX^W applies
WINDOW = 3        # the other side's recent offers MAX^W compares with
SLACK = 0.1       # share of the range below its own level the AI still takes late in the game
EPS = 1e-9


def draw_minimum(setting: float, rng: random.Random) -> float:
    """This game's minimum, a share of the range in [0, 0.95]."""
    return min(0.95, max(0.0, setting + rng.uniform(-SPREAD, SPREAD)))


@dataclass
class Gate:
    """One AI's concession state over a game (shares of its range)."""

    minimum: float
    reciprocity: float
    goodwill: float
    conceded: float = 0.0                     # the share given way so far (never falls)
    turns: int = 0                            # proposals made
    history: list[float] = field(default_factory=list)  # the level of every proposal, in points

    @staticmethod
    def their_move(received: list[float], span: float) -> float:
        """How far the other side's offers have moved towards me since its first, in my points, as
        a share of my range (0..1)."""
        if len(received) < 2:
            return 0.0
        return min(1.0, max(0.0, (max(received) - received[0]) / span))

    def share(self, time_share: float, received: list[float], span: float) -> float:
        """The share of my range I may have given way by now (without recording it)."""
        earned = self.reciprocity * self.their_move(received, span) + self.goodwill * self.turns
        share = min(time_share, earned, 1.0 - self.minimum)
        share = min(max(share, self.conceded), self.conceded + MAX_STEP)
        return max(0.0, share)

    def record(self, share: float, level: float) -> None:
        self.conceded = max(self.conceded, share)
        self.turns += 1
        self.history.append(level)


def accepts(value: float, level: float, reserve: float, span: float, progress: float,
            recent: list[float], last_chance: bool) -> bool:
    """AC_combi: `value` is the offer's worth to me, `level` what I would propose now, `reserve`
    my minimum, `recent` the worth to me of the other side's last offers before this one."""
    if value < reserve - EPS:
        return False
    if value >= level - EPS:
        return True
    near = value >= level - SLACK * span - EPS
    if last_chance:
        return near
    if progress >= LATE - EPS:
        window = recent[-WINDOW:]
        return near and (not window or value >= max(window) - EPS)
    return False
