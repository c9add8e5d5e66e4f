"""Statements: what an AI says at the table, and whether a statement was true.

The truth, for the debrief (`statement_truth`) and for honest speakers alike. For
a party with weights w (as events left them), option values v and walk-away
value r, in a scenario of n issues, with k = ceil(n / 3):

- `matters_most` ISSUE is true when fewer than k issues weigh strictly more than
  ISSUE (it is among the top third by weight; ties count as top);
- `matters_little` ISSUE is true when fewer than k issues weigh strictly less
  (it is among the bottom third);
- `cannot_accept` ISSUE OPTION is true when OPTION is the party's lowest-valued
  option of ISSUE (ties count), or when no package containing OPTION is
  acceptable to the party: every such package crosses one of its red lines or
  scores at or below its walk-away value;
- `alternative_strong` is true when r is at least the party's points for at
  least half of all packages (r at or above the lower median of its points over
  the outcome space); `alternative_weak` when it is not;
- `ask_priorities` is a question, and `final_offer`, `moved_on`, `need_movement`
  and `not_moved` are remarks about the talks (see `explain.py`): neither true
  nor false (None).

The policy (`StatementPolicy`), set by three strategy parameters:

- `talk` (default true): say anything at all; a silent strategy says nothing;
- `honest` (default true): its priorities and refusals are the truth as defined
  above. When false it names a decoy: it says its least-weighted issue matters
  most (to "give it up" later for something real) and refuses an option of its
  top issue that it could live with;
- `bluff` (default false): it claims a strong alternative whatever its
  walk-away value. An honest speaker without bluff claims a strong alternative
  only when it has one, and never volunteers a weak one.

At its first turn a speaker says what matters most to it (and, if its strategy
asks, asks the other side the same), claims its alternative as above, and names
one option it truly cannot accept because of a red line (or, when dishonest, a
decoy refusal). Later it answers every `ask_priorities` with its (claimed) top
issue, and refuses, once each, options of its top issues that the other side
puts in its offers and that it truly cannot accept. At most
`MAX_STATEMENTS_PER_TURN` a turn; the rest wait for the next turn.
"""

from __future__ import annotations

from math import ceil
from typing import TYPE_CHECKING, Sequence

import numpy as np

from game.negotiation.moves import Statement, StatementKind
from game.negotiation.session import MAX_STATEMENTS_PER_TURN

if TYPE_CHECKING:  # pragma: no cover
    from game.negotiation.view import PartyView
    from game.rules import Rulebook, Standing
    from game.scenario.model import Scenario

_TOL = 1e-9


# -- the definitions ----------------------------------------------------------------
def top_issues(weights: Sequence[float]) -> list[int]:
    """Issue indexes among the top third by weight (ties included), heaviest first."""
    w = [float(x) for x in weights]
    k = ceil(len(w) / 3)
    tops = [j for j, x in enumerate(w) if sum(1 for y in w if y > x + _TOL) < k]
    return sorted(tops, key=lambda j: (-w[j], j))


def bottom_issues(weights: Sequence[float]) -> list[int]:
    """Issue indexes among the bottom third by weight (ties included), lightest first."""
    w = [float(x) for x in weights]
    k = ceil(len(w) / 3)
    bottoms = [j for j, x in enumerate(w) if sum(1 for y in w if y < x - _TOL) < k]
    return sorted(bottoms, key=lambda j: (w[j], j))


def lowest_options(values: Sequence[float]) -> list[int]:
    """Option indexes with the lowest value of an issue (ties included)."""
    low = min(float(v) for v in values)
    return [k for k, v in enumerate(values) if float(v) <= low + _TOL]


def unacceptable_options(bad: np.ndarray, sizes: Sequence[int]) -> list[np.ndarray]:
    """Per issue, a mask of the options every package of which is `bad`: a mask over the outcome space
    (packages in C order: first issue slowest), or a grid that broadcasts to its shape (one axis per
    issue, of the issue's size or of size 1, as `Rulebook.red_line_grid` gives: a few options' worth of
    work instead of a pass over the space per issue)."""
    bad = np.asarray(bad, dtype=bool)
    good = ~(bad.reshape(tuple(sizes)) if bad.ndim == 1 else bad)
    out = []
    for j, size in enumerate(sizes):
        some = np.moveaxis(good, j, 0).reshape(good.shape[j], -1).any(axis=1)
        out.append(np.broadcast_to(~some, (size,)).copy())
    return out


def strong_alternative(walk_away: float, points: np.ndarray) -> bool:
    """The walk-away value is worth at least as much as half of the packages (O(N), no sorting)."""
    return 2 * int(np.count_nonzero(points <= walk_away + _TOL)) >= len(points)


def statement_truth(scenario: "Scenario", party: str, statement: Statement, standing: "Standing",
                    book: "Rulebook | None" = None) -> bool | None:
    """Was `party`'s `statement` true under `standing`? None for a question (definitions above).

    Pass the game's `Rulebook` as `book` to reuse its outcome space when checking many statements.
    """
    from game.rules import Rulebook

    book = book or Rulebook(scenario)
    kind = statement.kind
    if kind is StatementKind.ASK_PRIORITIES or kind.explains:
        return None
    weights = standing.parties[party].weights
    walk_away = standing.walk_away(party)
    if kind in (StatementKind.MATTERS_MOST, StatementKind.MATTERS_LITTLE):
        j = scenario.issue_ids.index(statement.issue)
        pick = top_issues if kind is StatementKind.MATTERS_MOST else bottom_issues
        return j in pick(weights)
    points = book.scorer(standing).party_points(party)
    if kind is StatementKind.CANNOT_ACCEPT:
        j = scenario.issue_ids.index(statement.issue)
        k = book.option_index[j][statement.option]
        if k in lowest_options(book.values[party][j]):
            return True
        bad = book.red_line_mask(party) | (points <= walk_away + _TOL)
        return bool(unacceptable_options(bad, book.space.sizes)[j][k])
    strong = strong_alternative(walk_away, points)
    return strong if kind is StatementKind.ALTERNATIVE_STRONG else not strong


# -- the policy -------------------------------------------------------------------------
class StatementPolicy:
    """One speaker's statements over a game (it remembers what it said, and never repeats it).

    Its own truths come from the view: the weights as they stand now; the options
    it refuses for good (lowest-valued, or ruled out by its red lines alone),
    worked out once per game since values and red lines never move.
    """

    def __init__(self, talk: bool = True, honest: bool = True, bluff: bool = False):
        self.talk, self.honest, self.bluff = talk, honest, bluff
        self.turns = 0
        self.pending: list[Statement] = []
        self.done: list[Statement] = []
        self._seen = 0
        self._blocked: list[np.ndarray] | None = None   # per issue: options only red-line packages contain
        self._refused: list[list[int]] | None = None    # per issue: options it truly cannot accept

    # -- its own truths --------------------------------------------------------------
    def ranks(self, view: "PartyView") -> tuple[list[int], list[int]]:
        weights = list(view.weights.values())  # in issue order
        return top_issues(weights), bottom_issues(weights)

    def blocked(self, view: "PartyView") -> list[np.ndarray]:
        if self._blocked is None:
            self._blocked = unacceptable_options(view.red_line_grid, view.issue_sizes)
        return self._blocked

    def refused(self, view: "PartyView") -> list[list[int]]:
        if self._refused is None:
            blocked = self.blocked(view)
            self._refused = []
            for j, size in enumerate(view.issue_sizes):
                low = lowest_options([view.value(j, k) for k in range(size)])
                self._refused.append([k for k in range(size) if k in low or blocked[j][k]])
        return self._refused

    # -- speaking --------------------------------------------------------------------
    def statements(self, view: "PartyView", ask: bool = False) -> list[Statement]:
        """This turn's statements (also remembered, so nothing is said twice)."""
        if not self.talk:
            return []
        issues = view.issues
        top, bottom = self.ranks(view)
        new = view.statements[self._seen:]
        self._seen = len(view.statements)
        asked = any(s.party == view.other and s.statement.kind is StatementKind.ASK_PRIORITIES for s in new)
        claim = Statement(StatementKind.MATTERS_MOST, issues[top[0] if self.honest else bottom[0]].id)
        now: list[Statement] = []
        if self.turns == 0:
            now.append(claim)
            if ask:
                now.append(Statement(StatementKind.ASK_PRIORITIES))
            if self.bluff or (self.honest and 2 * view.count_at_most(view.walk_away + _TOL) >= view.space_size):
                now.append(Statement(StatementKind.ALTERNATIVE_STRONG))
            refusal = self._opening_refusal(view, top)
        else:
            if asked:
                now.append(claim)
            refusal = self._reaction(view, top)
        if refusal is not None:
            self.pending.append(refusal)
        self.turns += 1
        queue = now + [s for s in self.pending if s not in now]
        out = queue[:MAX_STATEMENTS_PER_TURN]
        self.pending = queue[MAX_STATEMENTS_PER_TURN:]
        self.done.extend(out)
        return out

    def retract(self, statement: Statement) -> None:
        """Forget a statement handed out this turn but not said."""
        if statement in self.done:
            self.done.remove(statement)

    def _refusal(self, view: "PartyView", j: int, k: int) -> Statement | None:
        s = Statement(StatementKind.CANNOT_ACCEPT, view.issues[j].id, view.issues[j].options[k].id)
        return None if s in self.done or s in self.pending else s

    def _opening_refusal(self, view: "PartyView", top: list[int]) -> Statement | None:
        blocked = self.blocked(view)
        for j in top + [j for j in range(len(blocked)) if j not in top]:
            hits = np.flatnonzero(blocked[j])
            if hits.size:
                return self._refusal(view, j, int(hits[0]))
        if not self.honest:  # a decoy: the least-valued option of its top issue it could in fact accept
            j = top[0]
            refused = self.refused(view)[j]
            decoys = sorted((k for k in range(view.issue_sizes[j]) if k not in refused),
                            key=lambda k: (view.value(j, k), k))
            if len(decoys) > 1:  # never its favourite
                return self._refusal(view, j, decoys[0])
        return None

    def _reaction(self, view: "PartyView", top: list[int]) -> Statement | None:
        offer = view.standing_offer
        if offer is None:
            return None
        refused = self.refused(view)
        for j in top:
            k = offer.package[j]
            if k in refused[j]:
                return self._refusal(view, j, k)
            if not self.honest:
                values = [view.value(j, o) for o in range(view.issue_sizes[j])]
                if values[k] < sum(values) / len(values) - _TOL:
                    return self._refusal(view, j, k)
        return None
