"""What the other side seems to want: a frequency model of its offers and statements.

From offers (after the frequency models of the ANAC agents, e.g. HardHeaded and
Baarslag et al.'s "smith frequency" model):

- an issue whose option the other side rarely changes between consecutive offers
  matters more to it: its raw weight is 1 + the number of consecutive offer pairs
  that kept that issue unchanged;
- an option it offers often, and early, is one it prefers: each offer adds
  `DECAY ** n` to the count of its options (n = offers before it: a side
  concedes over time, so its first offers say most about what it likes); an
  option's value is (1 + count) / (1 + the issue's highest count), so before any
  offer every option is worth 1.

From statements, each weighted by a trust in [0, 1]:

- `matters_most` ISSUE is read as a ranking: the issue's weight moves (by the
  trust) towards `RANK_STEP` times the heaviest other issue, if it is not there
  yet; `matters_little` ISSUE moves it towards the lightest other issue divided
  by `RANK_STEP`. A statement the offers already bear out changes nothing, so a
  truthful side is not counted twice;
- `cannot_accept` ISSUE OPTION multiplies the option's value by (1 - trust)
  (read as the game's truth check reads it: the option is the side's least liked
  on its issue), and every package containing the option loses
  `REFUSAL_WEIGHT` x trust of estimated utility (the other reading: no package
  with it will do). So a believed refusal is avoided among packages the model
  rates about equally for the other side, but it does not outweigh what the
  offers say the other side likes: with the whole 0..1 scale, refusals of options
  a side in fact likes (false, and believed until its offers contradict them)
  steered an AI into offers that side valued less, which read as stingy and made
  it hold out for more (fake refusals gained 5.3 points over the same refusals
  told truly against the linear AI on the flagship; 0.3: at most 2.0 over 20
  seeds, the honest mirror unchanged).

Trust blends a prior (`PRIOR_TRUST`) with how well the statement agrees with
the offers, as far as the offers say anything yet:
trust = (1 - c) * PRIOR_TRUST + c * agreement, with confidence c growing with
the number of offers seen (full after `CONFIDENT_AFTER`). Agreement is 1 when
the offers alone rank a "matters most" issue first (or a "matters little" one
last), falling linearly to 0 at the other end; for a refusal it falls with the
share of the other side's own offers that contain the refused option (half or
more: 0). A side that says one thing and offers another is believed less: every
claim its offers contradict (see `contradicted`: a refusal of an option it offers
later, a second refusal on one issue, a priority its offers rank in the wrong
half) multiplies its credibility, and so the trust of all its claims, by `DISTRUST`.

`utilities()` is the estimated utility of every package of the outcome space,
rescaled so that the package it likes least scores 0 and the one it likes most
1 (all 0 before it shows anything), built in O(N) as an outer sum of the
per-issue tables (packages are in C order, first issue slowest) and cached until
something new is observed. `at(rows)` gives the same floats for a few packages
without touching the whole space (a `Separable` sum: two tables of a few thousand
entries), which is what a decision reads.

The constants were tuned offline on the flagship: the regret of "the package the
other side values most at my target" (its true points lost against the best
choice) over 440 states of games against every strategy.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from game.negotiation.moves import Statement, StatementKind
from game.rules.space import Separable

PRIOR_TRUST = 0.7
CONFIDENT_AFTER = 4  # offers
DECAY = 0.8
RANK_STEP = 1.25
CONTRADICTS = 0.5  # a priority claim whose offer-only agreement falls below this is contradicted
DISTRUST = 0.5    # credibility is multiplied by this for every contradicted claim
PICK_BAND = 0.02  # share of my (best - walk-away) range
REFUSAL_WEIGHT = 0.3  # estimated utility (0..1) a fully believed refusal takes off a package with the option


class OpponentModel:
    def __init__(self, sizes: Sequence[int], issue_ids: Sequence[str], option_ids: Sequence[Sequence[str]]):
        self.sizes = list(sizes)
        self.issue_index = {iid: j for j, iid in enumerate(issue_ids)}
        self.option_index = [{oid: k for k, oid in enumerate(opts)} for opts in option_ids]
        self.counts = [np.zeros(n) for n in self.sizes]      # decayed: early offers count more
        self.seen = [np.zeros(n) for n in self.sizes]        # plain counts
        self.unchanged = np.zeros(len(self.sizes))
        self.offers: list[tuple] = []
        self.claims: list[tuple[StatementKind, int, int]] = []  # (kind, issue, option or -1)
        self.claimed_at: list[int] = []  # offers seen when each claim was made
        self._utilities: np.ndarray | None = None
        self._tables: list[np.ndarray] | None = None
        self._separable: Separable | None = None

    # -- observing ----------------------------------------------------------------
    def observe_offer(self, package: Sequence[int]) -> None:
        package = tuple(int(k) for k in package)
        if self.offers:
            last = self.offers[-1]
            self.unchanged += np.array([a == b for a, b in zip(last, package)], dtype=float)
        step = DECAY ** len(self.offers)
        for j, k in enumerate(package):
            self.counts[j][k] += step
            self.seen[j][k] += 1
        self.offers.append(package)
        self._utilities = self._tables = self._separable = None

    def observe_statement(self, statement: Statement) -> None:
        kind = statement.kind
        if kind in (StatementKind.MATTERS_MOST, StatementKind.MATTERS_LITTLE, StatementKind.CANNOT_ACCEPT):
            j = self.issue_index.get(statement.issue or "")
            if j is None:
                return
            k = self.option_index[j].get(statement.option or "", -1) if kind is StatementKind.CANNOT_ACCEPT else -1
            if kind is StatementKind.CANNOT_ACCEPT and k < 0:
                return
            self.claims.append((kind, j, k))
            self.claimed_at.append(len(self.offers))
            self._utilities = self._tables = self._separable = None

    # -- estimates -------------------------------------------------------------------
    def offer_weights(self) -> np.ndarray:
        """Issue weights from the offers alone (sum 1)."""
        raw = 1.0 + self.unchanged
        return raw / raw.sum()

    def confidence(self) -> float:
        return min(1.0, len(self.offers) / CONFIDENT_AFTER)

    def contradicted(self) -> list[int]:
        """Indexes of the claims the other side's own offers contradict: a refusal of an option it
        offered later, or of a second option of an issue where it already refused one (only one
        option of an issue can be its least liked, red lines aside); a priority its offers, once
        `CONFIDENT_AFTER` of them are in, rank in the wrong half (agreement below `CONTRADICTS`)."""
        out = []
        refused: set[int] = set()
        for i, ((kind, j, k), at) in enumerate(zip(self.claims, self.claimed_at)):
            if kind is StatementKind.CANNOT_ACCEPT:
                if j in refused or any(p[j] == k for p in self.offers[at:]):
                    out.append(i)
                refused.add(j)
            elif self.confidence() >= 1.0 and self._agreement(kind, j) < CONTRADICTS:
                out.append(i)
        return out

    def credibility(self) -> float:
        """1 while no claim is contradicted, times `DISTRUST` for each one that is."""
        return DISTRUST ** len(self.contradicted())

    def trust(self, kind: StatementKind, j: int, k: int = -1) -> float:
        return self._trust(kind, j, k) * self.credibility()

    def _agreement(self, kind: StatementKind, j: int, k: int = -1) -> float:
        """How well the offers alone bear a claim out (0..1)."""
        if kind is StatementKind.CANNOT_ACCEPT:
            share = self.seen[j][k] / len(self.offers) if self.offers else 0.0
            return max(0.0, 1.0 - 2.0 * share)
        n = len(self.sizes)
        w = self.offer_weights()
        if kind is StatementKind.MATTERS_MOST:
            rank = int(np.sum(w > w[j] + 1e-12))
        else:
            rank = int(np.sum(w < w[j] - 1e-12))
        return 1.0 - rank / (n - 1) if n > 1 else 1.0

    def _trust(self, kind: StatementKind, j: int, k: int = -1) -> float:
        c = self.confidence()
        return (1.0 - c) * PRIOR_TRUST + c * self._agreement(kind, j, k)

    def weights(self) -> np.ndarray:
        w = self.offer_weights().copy()
        for kind, j, _k in self.claims:
            if kind is StatementKind.CANNOT_ACCEPT or len(w) < 2:
                continue
            t = self.trust(kind, j)
            others = np.delete(w, j)
            if kind is StatementKind.MATTERS_MOST:
                w[j] = (1.0 - t) * w[j] + t * max(w[j], RANK_STEP * others.max())
            else:
                w[j] = (1.0 - t) * w[j] + t * min(w[j], others.min() / RANK_STEP)
        return w / w.sum()

    def values(self) -> list[np.ndarray]:
        out = [(1.0 + c) / (1.0 + c.max()) for c in self.counts]
        for kind, j, k in self.claims:
            if kind is StatementKind.CANNOT_ACCEPT:
                out[j][k] *= 1.0 - self.trust(kind, j, k)
        return out

    def top_issue(self) -> int:
        w = self.weights()
        return int(np.argmax(w))

    def tables(self) -> list[np.ndarray]:
        """Per issue, each option's share of the estimated utility (a package's utility is the sum of
        its options' entries, the first half of the issues added first, then the second half)."""
        if self._tables is None:
            w, v = self.weights(), self.values()
            tables = [w[j] * (v[j] - v[j].min()) for j in range(len(self.sizes))]
            span = sum(float(t.max()) for t in tables)
            if span > 0:  # 0 for the package it likes least, 1 for the one it likes most
                tables = [t / span for t in tables]
            for kind, j, k in self.claims:  # a believed refusal sinks every package that has it
                if kind is StatementKind.CANNOT_ACCEPT:
                    tables[j] = tables[j].copy()
                    tables[j][k] -= REFUSAL_WEIGHT * self.trust(kind, j, k)
            self._tables = tables
        return self._tables

    def _sums(self) -> Separable:
        if self._separable is None:
            self._separable = Separable(self.tables())
        return self._separable

    def utilities(self) -> np.ndarray:
        """Estimated utility of every package, in outcome-space order (read-only): 0..1, less
        `REFUSAL_WEIGHT` x the trust of every refusal a package contains."""
        if self._utilities is None:
            est = self._sums().whole()
            est.setflags(write=False)
            self._utilities = est
        return self._utilities

    def at(self, rows) -> np.ndarray:
        """`utilities()[rows]`, the same floats, without a pass over the whole space (a decision looks
        at the packages near its level only)."""
        return self._sums().at(np.asarray(rows, dtype=np.int64).reshape(-1))


def best_for_them(own, model: OpponentModel, target: float, band: float | None = PICK_BAND) -> int | None:
    """Among my allowed packages (`Own`) worth at least `target` to me, and at most `band` x my
    range above the least of them, the one the other side likely values most by `model` (ties: the
    better for me, then the lowest index); None when there is none.

    The band keeps the choice near my target: a package far above it that the model likes is
    more often a modelling error than a real trade (offline regret 10.1 with the band, 12.3 without).
    """
    rows = own.at_least(target) if band is None else own.near(target, band * max(own.best - own.walk_away, 1e-9))
    if rows.size == 0:
        return None
    score = model.at(rows) + 1e-8 * own.u[rows]  # my points (0..100) only break near-ties
    return int(rows[int(np.argmax(score))])


def nash_estimate(own, est: np.ndarray) -> int | None:
    """The allowed package with the largest product of my gain and the other side's estimated utility."""
    if own.rows.size == 0:
        return None
    product = (own.u_rows - own.walk_away) * est[own.rows]
    return int(own.rows[int(np.argmax(product))])


class Watcher:
    """Feeds an `OpponentModel` with what the other side did since the last look."""

    def __init__(self) -> None:
        self.model: OpponentModel | None = None
        self._offers = 0
        self._statements = 0

    def update(self, view) -> OpponentModel:
        if self.model is None:
            self.model = OpponentModel(view.issue_sizes, [i.id for i in view.issues],
                                       [[o.id for o in i.options] for i in view.issues])
        offers = view.offers
        for offer in offers[self._offers:]:
            if offer.party == view.other:
                self.model.observe_offer(offer.package)
        self._offers = len(offers)
        said = view.statements
        for s in said[self._statements:]:
            if s.party == view.other:
                self.model.observe_statement(s.statement)
        self._statements = len(said)
        return self.model
