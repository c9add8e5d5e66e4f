"""What the debrief shows, computed without pygame from a finished game.

The outcome space comes from `game.analysis` (Pareto frontier, Nash package,
the historical package's position, missed trades), under the standing at the
end of the game (events may have moved walk-away values or weights). Axes are
in the scenario's party order on every chart (the class tab and the teacher's
view too): the first party's points across (x), the second's up (y), whoever
the viewer is (`Debrief.axes`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.app.game_state import Game
from game import i18n
from game.i18n import _, local
from game.negotiation.patterns import Pattern, patterns
from game.scenario import labels


@dataclass
class Space:
    points: np.ndarray                 # (packages, 2): viewer, other
    frontier: np.ndarray               # (k, 2) sorted by x
    walk_away: tuple[float, float]
    nash: tuple[float, float] | None
    deal: tuple[float, float] | None
    historical: tuple[float, float] | None
    deal_zone_count: int


@dataclass
class ClauseRow:
    issue: str
    ours: str
    theirs: str
    clause: str
    same: bool


@dataclass
class Trade:
    changes: list[str]
    gains: tuple[float, float]


@dataclass
class Debrief:
    viewer: str
    other: str
    names: dict[str, str]
    space: Space | None
    space_error: str
    curves: dict[str, list[tuple[int, float]]]
    rounds: int
    trades: list[Trade]
    trades_note: str
    clauses: list[ClauseRow]
    historical_summary: str
    aftermath: list[tuple[str, str]]
    reflection: list[str]
    agreement: str = ""  # the scenario's name for the real agreement ("Additional Protocol")
    day: str = ""        # the day it was agreed, for the locale
    patterns: list[str] = field(default_factory=list)  # what the viewer's play showed, in words, with rounds
    red_line: str = ""  # the deal crosses a red line of the viewer's side: which, in words (`verdict`)
    axes: tuple[str, str] = ("", "")  # the party across (x) and the party up (y): scenario order, every chart
    extras: dict = field(default_factory=dict)

    def agreement_line(self, option: str) -> str:
        """One of its clauses, dated: "14 June 2011: Three-year contract"."""
        return _("{date}: {option}").format(date=self.day, option=option)


def _label(scenario, issue_id: str, option_id: str | None) -> str:
    if option_id is None:
        return "—"
    issue = scenario.issue(issue_id)
    option = next((o for o in issue.options if o.id == option_id), None)
    return local(option.label) if option is not None else option_id


def pattern_texts(scenario, found: list[Pattern]) -> list[str]:
    """The patterns of `game.negotiation.patterns` in words, addressed to the player."""
    out = []
    for p in found:
        if p.kind == "no_concessions":
            out.append(_("You held your first offer from round {first} to round {last} and made no concession: "
                         "a side that never moves gives the other no reason to move.").format(
                first=p.rounds[0], last=p.rounds[1]))
        elif p.kind == "waited_for_deadline":
            out.append(_("You held firm until round {held} and gave way only in round {moved}, at the deadline: "
                         "waiting for the last round leaves no time to trade.").format(
                held=p.rounds[0], moved=p.rounds[1]))
        elif p.kind == "claim_contradicted":
            out.append(_("In round {said} you said you cannot accept “{option}” ({issue}); in round {offered} "
                         "you offered it: a claim your own offers contradict makes the other side trust your "
                         "words less.").format(said=p.rounds[0], offered=p.rounds[1],
                                               option=_label(scenario, p.issue, p.option),
                                               issue=local(scenario.issue(p.issue).title)))
    return out


def build(game: Game, viewer: str) -> Debrief:
    scenario = game.scenario
    session = game.session
    other = scenario.other(viewer)
    names = {p.id: local(p.name) for p in scenario.parties}
    result = game.result()
    agreement = result["agreement"]

    space, space_error, trades, trades_note = None, "", [], ""
    axes = (scenario.parties[0].id, scenario.parties[1].id)
    try:
        from game.analysis import Analysis

        analysis = Analysis(session.book, session.standing)
        first, second = axes = (scenario.parties[0].id, scenario.parties[1].id)
        cols = [analysis.party_ids.index(first), analysis.party_ids.index(second)]
        pts = analysis.points[:, cols]
        front = pts[analysis.frontier]
        front = front[np.argsort(front[:, 0], kind="stable")]
        wa = (float(analysis.walk_away[cols[0]]), float(analysis.walk_away[cols[1]]))

        def xy(point):
            return None if point is None else (point.scores[first], point.scores[second])

        deal_pos = analysis.position(agreement) if agreement else None
        hist = analysis.historical
        space = Space(pts, front, wa, xy(analysis.nash), xy(deal_pos.point) if deal_pos else None,
                      xy(hist.point) if hist else None, int(len(analysis.deal_zone)))
        if deal_pos is not None:
            for t in deal_pos.missed_trades[:6]:
                changes = [_("{issue}: “{before}” → “{after}”").format(
                    issue=local(scenario.issue(c.issue).title), before=_label(scenario, c.issue, c.before),
                    after=_label(scenario, c.issue, c.after)) for c in t.changes]
                trades.append(Trade(changes, (t.gains[viewer], t.gains[other])))
            if not trades:
                trades_note = _("No change of one or two issues would have made both sides better off: "
                                "your deal is efficient in that sense.")
        else:
            trades_note = _("There was no deal, so no trade was missed within one; {n} packages would have "
                            "given both sides more than walking away.").format(
                n=i18n.number(len(analysis.deal_zone), 0))
    except Exception as exc:  # e.g. an outcome space too large to chart
        space_error = str(exc)

    # each offer in its maker's own points under the final standing: the numbers the table showed at the end
    curves: dict[str, list[tuple[int, float]]] = {axes[0]: [], axes[1]: []}   # party order: same shapes for all
    scorer = session.scorer()
    for offer in game.offers:
        curves.setdefault(offer.party, []).append((offer.round, scorer.points(offer.party, tuple(offer.indexes))))

    clauses = []
    hist = scenario.historical
    for issue in scenario.issues:
        ours = agreement.get(issue.id) if agreement else None
        theirs = hist.package.get(issue.id) if hist else None
        clause = local(hist.clauses.get(issue.id)) if hist and issue.id in hist.clauses else ""
        clauses.append(ClauseRow(local(issue.title), _label(scenario, issue.id, ours),
                                 _label(scenario, issue.id, theirs), clause, ours is not None and ours == theirs))
    return Debrief(
        viewer=viewer, other=other, names=names, space=space, space_error=space_error, curves=curves,
        rounds=session.rounds, trades=trades, trades_note=trades_note, clauses=clauses,
        historical_summary=local(hist.summary) if hist else "",
        aftermath=[(i18n.date(m.date), local(m.text)) for m in scenario.aftermath],
        reflection=[local(q) for q in scenario.reflection],
        agreement=labels.agreement_name(scenario), day=i18n.date(labels.agreement_day(scenario)),
        patterns=pattern_texts(scenario, patterns(scenario, session.log, viewer, session.book)),
        red_line=_red_line(game, viewer, agreement),
        axes=axes,
    )


def _red_line(game: Game, viewer: str, agreement) -> str:
    from game.app import table_model

    if not agreement:
        return ""
    book = game.session.book
    checks = table_model.red_checks(game.scenario, viewer, book)
    breaches = table_model.red_line_breaches(game.scenario, checks, book.to_indexes(agreement))
    return table_model.breach_sentence(breaches, "deal")
