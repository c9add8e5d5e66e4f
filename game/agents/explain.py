"""An AI that explains itself, in the statement menu's plain language.

After choosing its proposal an AI may add remarks (statements whose kind
`explains`), each said once for the same reason:

- `final_offer`: its proposal is its last word: it opens the talks and this is
  the last round (the other side's answer ends the game), or its level has come
  down to this game's minimum;
- `not_moved` since round N: the other side's last two offers gave it nothing
  more than its best offer before them, first made in round N;
- `moved_on` X and `need_movement` Y: it conceded this turn (its level fell and
  its package changed) while the other side's latest offer did not improve on its
  earlier ones: X is the issue on which its new package gave up the most (the
  concession it points at), Y the issue on which the other side's latest offer
  costs it most against its best option (weighted).

Pure: everything comes from the view and the strategy's own record of levels
and offers; nothing here moves a level or chooses a package.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.negotiation.moves import Statement, StatementKind
from game.negotiation.view import PartyView

STILL = 1e-6  # points: an offer no better than this has not moved


@dataclass
class Explainer:
    said: set = field(default_factory=set)  # the reasons already given

    def remarks(self, view: PartyView, package: tuple, levels: list[float], reserve: float,
                received: list[float], previous: tuple | None) -> list[Statement]:
        out: list[Statement] = []
        final = (view.party == view.opener and view.is_last_round) or (levels and levels[-1] <= reserve + STILL)
        if final and ("final", view.round if view.is_last_round else 0) not in self.said:
            self.said.add(("final", view.round if view.is_last_round else 0))
            out.append(Statement(StatementKind.FINAL_OFFER))
        since = stalled_since(view, received)
        if since is not None and ("still", since) not in self.said:
            self.said.add(("still", since))
            out.append(Statement(StatementKind.NOT_MOVED, since=since))
        conceded = len(levels) >= 2 and levels[-1] < levels[-2] - STILL
        their_latest_moved = len(received) >= 2 and received[-1] > max(received[:-1]) + STILL
        if conceded and previous is not None and previous != package and not their_latest_moved and received:
            moved = _moved_issue(view, previous, package)
            need = _needed_issue(view, view.offers_by(view.other)[-1].package)
            if moved is not None and need is not None and ("trade", moved, need) not in self.said:
                self.said.add(("trade", moved, need))
                out += [Statement(StatementKind.MOVED_ON, view.issues[moved].id),
                        Statement(StatementKind.NEED_MOVEMENT, view.issues[need].id)]
        return out


def stalled_since(view: PartyView, received: list[float]) -> int | None:
    """The round of the other side's best offer (to me) when its last two offers added nothing to it."""
    offers = view.offers_by(view.other)
    if len(received) < 3 or len(received) != len(offers):
        return None
    before = max(received[:-2])
    if max(received[-2:]) > before + STILL:
        return None
    first = next(n for n, v in enumerate(received) if v >= before - STILL)
    return offers[first].round


def _cost(view: PartyView, j: int, k: int) -> float:
    """What option k of issue j costs me against my best option of that issue, weighted."""
    best = max(view.value(j, o) for o in range(view.issue_sizes[j]))
    return list(view.weights.values())[j] * (best - view.value(j, k))


def _moved_issue(view: PartyView, before: tuple, now: tuple) -> int | None:
    changed = [j for j, (a, b) in enumerate(zip(before, now)) if a != b]
    gave = [j for j in changed if _cost(view, j, now[j]) > _cost(view, j, before[j]) + STILL]
    return max(gave, key=lambda j: (_cost(view, j, now[j]) - _cost(view, j, before[j]), -j)) if gave else None


def _needed_issue(view: PartyView, theirs: tuple) -> int | None:
    costs = [(_cost(view, j, k), -j) for j, k in enumerate(theirs)]
    top = max(costs)
    return -top[1] if top[0] > STILL else None
