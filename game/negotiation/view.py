"""What one party may see of a negotiation: a read-only view for strategies and screens.

A view shows the public scenario (issues and options), the party's OWN profile as
events have moved it (weights, values, walk-away value, red lines), the history of
offers, statements and events, and whose turn it is. It never exposes the other
side's weights, values, walk-away value or red lines: a strategy that wants to
know them has to infer them from offers and statements, as a person would.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping, Sequence

import numpy as np

from game.negotiation.session import Fired, Offer, Said, Session


class PartyView:
    __slots__ = ("_session", "party", "other", "__dict__")

    def __init__(self, session: Session, party: str):
        self._session = session
        self.party = party
        self.other = session.scenario.other(party)

    # -- public facts -------------------------------------------------------------
    @property
    def scenario_id(self) -> str:
        return self._session.scenario.id

    @property
    def issues(self):
        """The issues and their options (public)."""
        return self._session.scenario.issues

    @property
    def issue_sizes(self) -> list[int]:
        return self._session.book.space.sizes

    @property
    def space_size(self) -> int:
        """How many packages there are."""
        return self._session.book.space.size

    @property
    def round(self) -> int:
        return self._session.round

    @property
    def rounds(self) -> int:
        return self._session.rounds

    @property
    def opener(self) -> str:
        return self._session.opener

    @property
    def is_my_turn(self) -> bool:
        return not self._session.finished and self._session.turn == self.party

    @property
    def finished(self) -> bool:
        return self._session.finished

    @property
    def progress(self) -> float:
        """0.0 at my first turn, 1.0 at my last turn before the deadline."""
        if self.rounds <= 1:
            return 1.0
        return min(1.0, (self.round - 1) / (self.rounds - 1))

    @property
    def is_last_round(self) -> bool:
        return self.round >= self.rounds

    @property
    def offers(self) -> Sequence[Offer]:
        return tuple(self._session.offers)

    def offers_by(self, party: str) -> list[Offer]:
        return [o for o in self._session.offers if o.party == party]

    @property
    def standing_offer(self) -> Offer | None:
        offer = self._session.standing_offer
        return offer if offer is not None and offer.party == self.other else None

    @property
    def statements(self) -> Sequence[Said]:
        return tuple(self._session.statements)

    @property
    def events(self) -> Sequence[Fired]:
        """The news I have heard so far: events for both sides and my own (another party's private news
        never shows; only my own effects show in my profile)."""
        return self._session.fired_for(self.party)

    # -- my own profile -------------------------------------------------------------
    @property
    def walk_away(self) -> float:
        return self._session.standing.walk_away(self.party)

    @property
    def weights(self) -> Mapping[str, float]:
        ps = self._session.standing.parties[self.party]
        return MappingProxyType({i.id: w for i, w in zip(self.issues, ps.weights)})

    def value(self, issue_index: int, option_index: int) -> float:
        return float(self._session.book.values[self.party][issue_index][option_index])

    def points(self, package: tuple) -> float:
        """My points for a package (option indexes), as things stand now."""
        return self._session.scorer().points(self.party, package)

    def crosses_red_line(self, package: tuple) -> bool:
        return self._session.book.crosses_red_line(self.party, package)

    def utilities(self) -> np.ndarray:
        """My points for every package of the outcome space (read-only array)."""
        return self._session.scorer().party_points(self.party)

    def points_at(self, rows) -> np.ndarray:
        """`utilities()[rows]`, the same floats, without scoring the whole space (`rows`: indexes)."""
        return self._session.scorer().points_at(self.party, rows)

    def coarse_utilities(self, below_red: float | None = None) -> np.ndarray:
        """My points for every package as float32, within `coarse_error` of `utilities()` (read-only;
        cheaper: a decision finds the packages near a level here and checks them with `points_at`);
        `below_red` is added to the packages across my red lines (to sink them), when given."""
        return self._session.scorer().coarse_points(self.party, below_red)

    @property
    def coarse_error(self) -> float:
        return self._session.scorer().coarse_error(self.party)

    def count_at_most(self, points: float) -> int:
        """How many packages are worth at most `points` to me (exactly)."""
        return self._session.scorer().count_at_most(self.party, points)

    @property
    def red_line_mask(self) -> np.ndarray:
        return self._session.book.red_line_mask(self.party)

    @property
    def red_line_grid(self) -> np.ndarray:
        """The same packages as a small grid over the issues my red lines name (`Rulebook.red_line_grid`)."""
        return self._session.book.red_line_grid(self.party)

    def package(self, row: int) -> tuple:
        return self._session.book.space.package(row)

    def row(self, package: tuple) -> int:
        return self._session.book.space.index_of(package)

    @property
    def packages(self) -> np.ndarray:
        rows = self._session.book.space.packages
        rows.setflags(write=False)
        return rows

    def to_ids(self, package: tuple) -> dict[str, str]:
        return self._session.book.to_ids(package)
