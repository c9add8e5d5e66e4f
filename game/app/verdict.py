"""The verdict of a finished game in plain language, first thing on the outcome screen.

Pure (no pygame): from the game record and the outcome space under the final
standing, for one viewer:

- your points and theirs, each against its own walk-away value;
- who conceded how much, each in its own points (from its first offer to the
  deal, or to its last offer when there was no deal), under the final standing,
  the same numbers the table showed at the end (`table_model.offer_points`);
- how far the deal is from the Pareto frontier, and the best trade that was still
  open (one or two issues changed, both sides better off);
- a deal that crosses a red line of the viewer's own side, said in words.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.app import table_model
from game import i18n
from game.i18n import _, local


@dataclass(frozen=True)
class Verdict:
    lines: list[str]            # plain sentences, the most important first
    red_line: str               # "" or the sentence saying which red line the deal crosses


def concession(game, party: str, scorer, deal: tuple | None) -> float | None:
    """`party`'s concession in its own points: its first offer minus the deal (or its last offer)."""
    own = [o for o in game.offers if o.party == party]
    if not own:
        return None
    start = scorer.points(party, tuple(own[0].indexes))
    end = scorer.points(party, deal) if deal is not None else scorer.points(party, tuple(own[-1].indexes))
    return max(0.0, start - end)


def build(game, viewer: str) -> Verdict:
    scenario, session = game.scenario, game.session
    other = scenario.other(viewer)
    names = {p.id: local(p.name) for p in scenario.parties}
    result = game.result()
    scores, walk = result["scores"], result["walk_away"]
    scorer = session.scorer()
    agreement = result["agreement"]
    deal = session.book.to_indexes(agreement) if agreement else None
    lines = []
    if deal is not None:
        mine, theirs = scores[viewer], scores[other]
        lines.append(_("You got {mine:.1f} points; walking away would have given you {walk:g} ({diff}).").format(
            mine=mine, walk=walk[viewer], diff=_signed(mine - walk[viewer])))
        lines.append(_("The {other} got {theirs:.1f} points against its walk-away value of {walk:g} ({diff}).").format(
            other=names[other], theirs=theirs, walk=walk[other], diff=_signed(theirs - walk[other])))
    else:
        lines.append(_("No deal: both sides got their walk-away values (you {mine:g}, the {other} {theirs:g}).").format(
            mine=walk[viewer], other=names[other], theirs=walk[other]))
    gave = {p: concession(game, p, scorer, deal) for p in (viewer, other)}
    if gave[viewer] is not None and gave[other] is not None:
        lines.append(_("You conceded {mine:.1f} of your points from your first offer; the {other} conceded "
                       "{theirs:.1f} of its own.").format(mine=gave[viewer], other=names[other], theirs=gave[other]))
    if deal is not None:
        lines += _frontier_lines(game, viewer, other, agreement, names)
    red = ""
    if deal is not None:
        checks = table_model.red_checks(scenario, viewer, session.book)
        breaches = table_model.red_line_breaches(scenario, checks, deal)
        red = table_model.breach_sentence(breaches, "deal")
    return Verdict(lines, red)


def _frontier_lines(game, viewer: str, other: str, agreement: dict, names: dict) -> list[str]:
    try:
        from game.analysis import Analysis

        analysis = Analysis(game.session.book, game.session.standing)
        position = analysis.position(agreement)
        distance = position.distance_to_frontier
        trades = position.missed_trades
    except Exception:  # an outcome space too large to analyse: the verdict keeps its other lines
        return []
    if distance < 0.05:
        return [_("Your deal is on the frontier: no package gives both sides more.")]
    out = [_("Your deal is {d:.1f} points inside the frontier: other packages give both sides more.").format(
        d=distance)]
    if trades:
        best = max(trades, key=lambda t: min(t.gains[viewer], t.gains[other]))
        scenario = game.scenario
        changes = _("; ").join(_("{issue}: “{option}”").format(
            issue=local(scenario.issue(c.issue).title),
            option=local(next(o.label for o in scenario.issue(c.issue).options if o.id == c.after)))
            for c in best.changes)
        out.append(_("The best trade still open: {changes}: you {mine}, the {other} {theirs}.").format(
            changes=changes, mine=_signed(best.gains[viewer]), other=names[other], theirs=_signed(best.gains[other])))
    return out


def _signed(x: float) -> str:
    return ("+" if x >= 0.05 else "") + i18n.number(x, 1)
