"""A negotiation strategy: two decisions and a closed set of responses.

`propose(view)` returns the package (option indexes) to offer, or None to walk
away; `respond(view, offer)` answers the other side's standing offer with a
`Response`. `statements(view)` may add menu statements before the move. A
strategy sees only its `PartyView`, owns its seeded generator and reads no clock.
`decide` turns those answers into the moves of one turn.

Shared by every strategy here:

- `own(view)`: my arrays under the current standing (points of every package,
  the mask of packages I may propose or accept, my best points), computed once
  and reused every move until an event changes my standing;
- `allowed(view, package)`: the one test of "may I propose or accept this?":
  strictly above my walk-away value (by more than `TOL`) and across none of my
  red lines;
- the statement parameters `talk`, `honest`, `bluff` (see `statements.py`).
"""

from __future__ import annotations

import random
from enum import Enum
from functools import cached_property
from typing import Any, ClassVar, Mapping

import numpy as np

from game.agents.statements import StatementPolicy
from game.negotiation.session import MAX_STATEMENTS_PER_TURN
from game.i18n import _
from game.negotiation.moves import Move, MoveKind, Statement, StatementKind
from game.negotiation.view import PartyView

TOL = 1e-9  # points: "above the walk-away value" means by more than this (as in the analysis)

# Every strategy's statement policy (see game/agents/statements.py).
STATEMENT_PARAMS: dict[str, tuple[type, Any]] = {
    "talk": (bool, True),     # say anything at all
    "honest": (bool, True),   # truthful priorities and refusals (false: a decoy priority, a false refusal)
    "bluff": (bool, False),   # claim a strong alternative whatever the walk-away value
}


def _wrong_kind(kind: type) -> str:
    """The message for a strategy parameter of the wrong type, one whole sentence per type ({key}, {name})."""
    if kind is bool:
        return _("parameter '{key}' of strategy '{name}' must be true or false")
    if kind is float:
        return _("parameter '{key}' of strategy '{name}' must be a number")
    if kind is int:
        return _("parameter '{key}' of strategy '{name}' must be a whole number")
    if kind is str:
        return _("parameter '{key}' of strategy '{name}' must be text")
    return _("parameter '{key}' of strategy '{name}' has the wrong type")


class Response(Enum):
    ACCEPT = "accept"
    REJECT = "reject"
    WALK_AWAY = "walk_away"


class StrategyParamError(ValueError):
    pass


BELOW = np.float32(-1e9)  # `Own.coarse` of a package across a red line: about this, below any level
MARGIN = 1e-3            # points: well above float32 rounding of scores in the hundreds


class Points:
    """My exact points at any rows, as `points_at(rows)` gives them, indexed like an array (`u[rows]`,
    `u[row]`) without an array of the whole space. The rows `Own` found last are remembered with their
    points: a decision asks for the points of the same rows several times."""

    KEPT = 4

    def __init__(self, points_at):
        self.points_at = points_at
        self.known: list[tuple[np.ndarray, np.ndarray]] = []

    def remember(self, rows: np.ndarray, points: np.ndarray) -> None:
        points.setflags(write=False)
        self.known = [(rows, points)] + self.known[:self.KEPT - 1]

    def __getitem__(self, rows):
        if np.ndim(rows) == 0:
            return self.points_at([int(rows)])[0]
        for known, points in self.known:
            if known is rows:
                return points
        return self.points_at(rows)


class Own:
    """My arrays under one standing. A decision looks at the packages near a level of points: it finds
    them in `coarse` (float32, half the memory, one comparison per bound) and checks them against the
    exact points `u` (an array of the whole space, or `Points`: exact at the rows asked only), so it
    never lists or gathers the whole space. `coarse`: my points as float32 within `error`, `BELOW`
    added across my red lines (by default `u` rounded, with `BELOW` across them); `any_red`: whether
    any package crosses one of my red lines (a strategy works it out once a game: red lines never
    move)."""

    def __init__(self, u, walk_away: float, red: np.ndarray, any_red: bool, coarse: np.ndarray | None = None,
                 error: float = 0.0):
        self.u = u                   # my exact points (read-only, shared with the view)
        self.walk_away = walk_away
        self.red = red               # packages across my red lines
        self.margin = max(MARGIN, 4 * error)  # coarse points this close to a bound are checked exactly
        # my points, `BELOW` across a red line (no branches: fast)
        if coarse is None:
            coarse = u.astype(np.float32)
            if any_red:
                np.copyto(coarse, BELOW, where=red)
        self.coarse = coarse
        top = self.between(float(self.coarse.max()) - self.margin, np.inf)
        self.any_ok = top.size > 0
        # my best points among the packages I may take (the walk-away value when there are none)
        self.best = float(self.u[top].max()) if self.any_ok else walk_away

    @cached_property
    def rows(self) -> np.ndarray:
        """The indexes of the packages I may propose or accept (ascending): above my walk-away value,
        across none of my red lines."""
        if isinstance(self.u, np.ndarray):  # the whole space is at hand
            return np.flatnonzero((self.u > self.walk_away + TOL) & ~self.red)
        return self.between(self.walk_away, np.inf)

    @cached_property
    def ok(self) -> np.ndarray:
        """The same packages as a mask over the whole space."""
        mask = np.zeros(self.red.shape, dtype=bool)
        mask[self.rows] = True
        return mask

    @cached_property
    def u_rows(self) -> np.ndarray:
        """My points for them."""
        return self.u[self.rows]

    def at_least(self, target: float) -> np.ndarray:
        """Indexes of the packages I may propose worth at least `target` to me (ascending)."""
        return self.between(target, np.inf)

    def between(self, low: float, high: float) -> np.ndarray:
        """Indexes (ascending) of the packages I may propose worth at least `low` (less 1e-9) and at
        most `high` to me, exactly."""
        low = max(low, self.walk_away)
        above = self.coarse >= low - self.margin
        rows = np.flatnonzero(above if high == np.inf else above & (self.coarse <= high + self.margin))
        mine = self.u[rows]
        keep = (mine > self.walk_away + TOL) & ~self.red[rows] & (mine >= low - 1e-9) & (mine <= high)
        return self._found(rows[keep], mine[keep])

    def _found(self, rows: np.ndarray, mine: np.ndarray) -> np.ndarray:
        """`rows`, whose points are `mine`, remembered for the next `u[rows]`."""
        if isinstance(self.u, Points):
            self.u.remember(rows, mine)
        return rows

    def near(self, target: float, width: float) -> np.ndarray:
        """Indexes (ascending) of the packages I may propose worth at least `target` to me and at most
        `width` points above the least of them; empty when none reaches `target`. A package whose coarse
        points are this far above the target and my walk-away value surely reaches them (red ones are
        sunk), so the least of them is worth at most the least such coarse points plus the margin: only
        the packages up to that plus `width` are checked; the whole space only when there is none."""
        floor = max(target, self.walk_away) + self.margin
        least = float(np.min(self.coarse, where=self.coarse >= floor, initial=np.inf))
        if least == np.inf:
            rows = self.at_least(target)
            if rows.size == 0:
                return rows
            least = float(self.u[rows].min())
        rows = self.between(target, least + self.margin + width)
        mine = self.u[rows]
        low = float(mine.min())  # the least of them: it is worth at most `least` + the margin
        keep = mine <= low + width
        return self._found(rows[keep], mine[keep])


class Strategy:
    """Base class. Subclasses set `name`, `summary` and `PARAMS` (name -> (type, default))."""

    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    PARAMS: ClassVar[dict[str, tuple[type, Any]]] = {}
    asks_priorities: ClassVar[bool] = False  # open with "what matters most to you?"

    def __init__(self, params: Mapping[str, Any] | None = None, rng: random.Random | None = None):
        self.rng = rng or random.Random(0)
        self.params = self.resolve_params(params or {})
        self.said: list[Statement] = []
        self.policy = (StatementPolicy(self.params["talk"], self.params["honest"], self.params["bluff"])
                       if "talk" in self.params else None)
        self._own: Own | None = None
        self._red: np.ndarray | None = None
        self._any_red = False
        self._coarse: np.ndarray | None = None

    @classmethod
    def resolve_params(cls, params: Mapping[str, Any]) -> dict[str, Any]:
        out = {key: default for key, (_type, default) in cls.PARAMS.items()}
        for key, value in params.items():
            if key not in cls.PARAMS:
                if not cls.PARAMS:
                    raise StrategyParamError(_("strategy '{name}' has no parameter '{key}': it takes no parameters")
                                             .format(name=cls.name, key=key))
                raise StrategyParamError(_("strategy '{name}' has no parameter '{key}' (known: {known})").format(
                    name=cls.name, key=key, known=", ".join(sorted(cls.PARAMS))))
            kind = cls.PARAMS[key][0]
            if kind is float and isinstance(value, (int, float)) and not isinstance(value, bool):
                value = float(value)
            if not isinstance(value, kind):
                raise StrategyParamError(_wrong_kind(kind).format(key=key, name=cls.name))
            out[key] = value
        return out

    # -- my own arrays, cached per standing -------------------------------------------
    def own(self, view: PartyView) -> Own:
        coarse, w = view.coarse_utilities(below_red=float(BELOW)), view.walk_away
        cached = self._own
        if cached is not None and self._coarse is coarse and cached.walk_away == w:
            return cached
        if self._red is None:  # red lines never move during a game
            self._red = np.asarray(view.red_line_mask)
            self._any_red = bool(self._red.any())
        self._coarse = coarse
        self._own = Own(Points(view.points_at), w, self._red, self._any_red, coarse, view.coarse_error)
        return self._own

    def allowed(self, view: PartyView, package: tuple) -> bool:
        return view.points(package) > view.walk_away + TOL and not view.crosses_red_line(package)

    def answer(self, view: PartyView, offer: tuple, target: float, take_any: bool) -> Response:
        """The usual answer to an offer: walk away when nothing beats walking away,
        reject what is not allowed, accept at or above `target` (or anything
        allowed when `take_any`, e.g. in the last round)."""
        if not self.own(view).any_ok:
            return Response.WALK_AWAY
        if not self.allowed(view, offer):
            return Response.REJECT
        if take_any or view.points(offer) >= target - 1e-9:
            return Response.ACCEPT
        return Response.REJECT

    # -- the two decisions ---------------------------------------------------------
    def propose(self, view: PartyView) -> tuple | None:
        raise NotImplementedError

    def respond(self, view: PartyView, offer: tuple) -> Response:
        raise NotImplementedError

    def statements(self, view: PartyView) -> list[Statement]:
        if self.policy is None:
            return []
        said = self.policy.statements(view, ask=self.asks_priorities)
        self.said.extend(said)
        return said

    def explain(self, view: PartyView, package: tuple) -> list[Statement]:
        """Remarks on the proposal just chosen ("final offer", "you have not moved since ..."); none here."""
        return []

    def retract(self, statement: Statement) -> None:
        """Take back a statement chosen this turn but not said (it may be said later)."""
        if statement in self.said:
            self.said.remove(statement)
        if self.policy is not None:
            self.policy.retract(statement)


def last_chance(view: PartyView) -> bool:
    """My turn is the last of the game: a rejected offer means no deal."""
    return view.is_last_round and view.party != view.opener


def decide(strategy: Strategy, view: PartyView) -> list[Move]:
    """The moves of one turn: statements, then accept, walk away or a proposal."""
    party = view.party
    offer = view.standing_offer
    if offer is not None:
        answer = strategy.respond(view, offer.package)
        if answer is Response.ACCEPT:
            return [Move.accept(party)]
        if answer is Response.WALK_AWAY:
            return [Move.walk_away(party)]
    said = strategy.statements(view)
    package = strategy.propose(view)
    if package is not None:  # never "we cannot accept X" with X in the same turn's proposal
        offered = set(view.to_ids(package).items())
        for s in [s for s in said if s.kind is StatementKind.CANNOT_ACCEPT and (s.issue, s.option) in offered]:
            said.remove(s)
            strategy.retract(s)
    if package is not None:
        said += strategy.explain(view, package)
    moves = [Move(party, MoveKind.SAY, statement=s) for s in said[:MAX_STATEMENTS_PER_TURN]]
    if package is None:
        return moves + [Move.walk_away(party)]
    return moves + [Move.propose(party, view.to_ids(package))]
