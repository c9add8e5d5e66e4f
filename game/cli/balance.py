"""`parley balance SCENARIO [--json] [--games N] [--seed S] [--target PERCENT] [--strategy NAME]`.

How even a scenario is: each role's mean points and win rate over every AI
pairing (every registered strategy against every other, in both roles, N games
each, seeds S .. S+N-1), the deal zone as a share of all packages, the distance
from the real deal to the Nash package, and what-if suggestions (walk-away values
that bring the deal zone share to the target, and the issue weight change that
brings the roles' mean points closest). A game is won by the side whose points
exceed its own walk-away value (as it stood at the end) by more than the other
side's; a game without a deal, or with equal gains, is a tie. The definitions
and thresholds are in `game/workbench/balance.py`. Deterministic: the same
arguments give the same figures. `--json` prints the same for tools (keys:
scenario, strategies, games_per_pairing, seed, games, agreements,
agreement_rate, roles, points_gap, win_rate_gap, deal_zone, nash, historical,
balanced, points_even, deal_zone_ok, walk_away_what_if, suggestions, pairings,
thresholds).
"""

from __future__ import annotations

import argparse
import sys

from game.agents import registry
from game.cli.common import print_json, scenario_argument
from game.play.catalog import load_scenario
from game.errors import ParleyError, Problem, did_you_mean
from game.i18n import _, local, ngettext, number, percent
from game.workbench import balance as bal


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{text}' is not a whole number").format(text=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be 1 or more"))
    return value


def _percent(text: str) -> float:
    try:
        value = float(text.rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{text}' is not a percentage").format(text=text)) from None
    if not 0 < value < 100:
        raise argparse.ArgumentTypeError(_("must be between 0 and 100"))
    return value / 100.0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "balance", help=_("how even a scenario is, with suggestions to make it more even"),
        description=_("Play every AI pairing on a scenario and report each role's mean points and win rate, the "
                      "deal zone and the distance from the real deal to the Nash package, with what-if suggestions "
                      "for walk-away values and issue weights."))
    scenario_argument(p)
    p.add_argument("--json", action="store_true", help=_("print the figures as JSON"))
    p.add_argument("--games", type=_positive, default=bal.DEFAULT_GAMES, metavar="N",
                   help=_("games per pairing of strategies (default {n})").format(n=bal.DEFAULT_GAMES))
    p.add_argument("--seed", type=int, default=0, metavar="S", help=_("the first game's seed (default 0)"))
    p.add_argument("--target", type=_percent, default=None, metavar="PERCENT",
                   help=_("the deal zone share to aim for, in percent of all packages (default {n:g})").format(
                       n=bal.ZONE_TARGET * 100))
    p.add_argument("--strategy", action="append", metavar="NAME", dest="strategies",
                   help=_("use only this strategy (repeat for several; default: every registered strategy)"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    strategies = _strategies(args.strategies)
    target = bal.ZONE_TARGET if args.target is None else args.target
    progress = _progress if sys.stderr.isatty() and not args.json else None
    figures = bal.measure(scenario, args.games, args.seed, strategies, target, progress=progress)
    if progress is not None:
        print("\r\033[K", end="", file=sys.stderr)
    if args.json:
        print_json(figures.to_json())
    else:
        print(report(figures))
    return 0


def _strategies(names: list[str] | None) -> list[str] | None:
    if not names:
        return None
    known = registry.names()
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ParleyError([Problem(_("'{name}' is not a known strategy").format(name=n), code="strategy",
                                   suggestion=did_you_mean(n, known),
                                   hint=_("known strategies: {names}").format(names=", ".join(known)))
                           for n in unknown])
    return list(dict.fromkeys(names))


def _progress(done: int, total: int) -> None:
    print("\r" + _("playing: {done}/{total} games").format(done=done, total=total), end="", file=sys.stderr)


# -- the report ------------------------------------------------------------------------


def pts(x: float) -> str:
    """Points for people, by the locale: at most one decimal, no trailing zero, no "-0"."""
    return number(x, 1, trim=True)


def share(x: float) -> str:
    """A share as a percentage, by the locale ("81%", "%81", "81 %"): whole numbers, one decimal below 10%,
    '<0.1%' for tiny non-zero shares."""
    if x == 0:
        return percent(0)
    if x < 0.001:
        return "<" + percent(0.001, 1)
    return percent(x, 1) if x < 0.1 else percent(x)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[c]) for r in [header] + rows) for c in range(len(header))]
    return ["  " + "  ".join(cell.rjust(w) if c else cell.ljust(w) for c, (cell, w) in enumerate(zip(r, widths))).rstrip()
            for r in [header] + rows]


def report(b: bal.Balance) -> str:
    s = b.scenario
    names = {p.id: p.id for p in s.parties}
    lines = [_("Balance of '{title}' ({id})").format(title=local(s.title), id=s.id)]
    n = len(b.played)
    lines.append(_("{games} AI games: {k} strategies in each role ({names}), {g} per pairing, seeds {a}-{z}; "
                   "{deals} ended in a deal ({rate}).").format(
        games=n, k=len(b.strategies), names=", ".join(b.strategies), g=b.games, a=b.seed, z=b.seed + b.games - 1,
        deals=b.agreements, rate=share(b.agreements / n if n else 0)))
    lines.append("")
    header = [_("role"), _("walk-away"), _("mean points"), _("mean gain"), _("wins"), _("ties"), _("losses"),
              _("win rate")]
    rows = [[names[r.party], pts(r.walk_away), pts(r.mean_points), pts(r.mean_gain), str(r.wins), str(r.ties),
             str(r.losses), share(r.win_rate)] for r in b.roles]
    lines.extend(_table(header, rows))
    lines.append("  " + _("gain = points minus the party's own walk-away value at the end of the game; a win = a "
                          "larger gain than the other side's (no deal, or equal gains: a tie)."))
    lines.append("")
    lines.append(_("Deal zone: {count:,} of {total:,} packages ({share}) beat both walk-away values and cross no "
                   "red line (target {target}, band {low}-{high}).").format(
        count=b.deal_zone_count, total=b.analysis.outcome_count, share=share(b.deal_zone_share),
        target=share(b.target), low=share(max(0.0, b.target - bal.ZONE_SLACK)),
        high=share(min(1.0, b.target + bal.ZONE_SLACK))))
    if b.nash is None:
        lines.append(_("Nash package: none (the deal zone is empty)."))
    else:
        lines.append(_("Nash package: {scores} ({package})").format(scores=_scores(b, b.nash.scores),
                                                                  package=_package(b.nash.outcome)))
    lines.append(_historical(b))
    lines.append("")
    lines.extend(_verdict(b))
    return "\n".join(lines)


def _scores(b: bal.Balance, scores: dict[str, float]) -> str:
    return ", ".join(f"{pid} {pts(scores[pid])}" for pid in b.party_ids)


def _package(outcome: dict[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in outcome.items())


def _historical(b: bal.Balance) -> str:
    if b.scenario.historical is None:
        return _("Real deal: none given in the scenario ('historical:').")
    h = b.historical
    if h is None:
        return _("Real deal: incomplete (no option for: {issues}).").format(
            issues=", ".join(b.analysis.historical_missing))
    if h.distance_to_nash is None:
        return _("Real deal: {scores}; no Nash package to compare with.").format(scores=_scores(b, h.scores))
    if h.in_deal_zone:
        text = _("Real deal: {scores}, {d} points from the Nash package.")
    else:
        text = _("Real deal: {scores}, {d} points from the Nash package (outside the deal zone).")
    return text.format(scores=_scores(b, h.scores), d=pts(h.distance_to_nash))


def _verdict(b: bal.Balance) -> list[str]:
    roles = b.roles
    hi = max(roles, key=lambda r: r.mean_points)
    lo = min(roles, key=lambda r: r.mean_points)
    if b.balanced:
        return [_("Verdict: the scenario is already balanced: mean points within {p:g} of each other, win rates "
                  "within {w}, and the deal zone within the target band.").format(
            p=bal.POINTS_GAP_OK, w=share(bal.WIN_RATE_GAP_OK)), _("No change suggested.")]
    lines = [_("Verdict:")]
    if b.points_gap > bal.POINTS_GAP_OK:
        lines.append("  " + _("- {hi} scores {gap} points more than {lo} on average (more than {ok:g} apart).").format(
            hi=hi.party, lo=lo.party, gap=pts(b.points_gap), ok=bal.POINTS_GAP_OK))
    else:
        lines.append("  " + _("- the mean points are close ({gap} apart).").format(gap=pts(b.points_gap)))
    win_hi = max(roles, key=lambda r: r.win_rate)
    win_lo = min(roles, key=lambda r: r.win_rate)
    if b.win_rate_gap > bal.WIN_RATE_GAP_OK:
        lines.append("  " + _("- {hi} wins more often: {a} of the games against {b} for {lo}.").format(
            hi=win_hi.party, lo=win_lo.party, a=share(win_hi.win_rate), b=share(win_lo.win_rate)))
    else:
        lines.append("  " + _("- the win rates are within {w} of each other ({rates}).").format(
            w=share(bal.WIN_RATE_GAP_OK), rates=", ".join(f"{r.party} {share(r.win_rate)}" for r in roles)))
    if b.zone_ok:
        lines.append("  " + _("- the deal zone ({share}) is within the target band.").format(share=share(b.deal_zone_share)))
    elif b.deal_zone_share > b.target:
        lines.append("  " + _("- the deal zone is wide ({share}): almost any deal beats walking away, so there is "
                              "little to fight over.").format(share=share(b.deal_zone_share)))
    else:
        lines.append("  " + _("- the deal zone is narrow ({share}): deals are hard to find.").format(
            share=share(b.deal_zone_share)))
    if b.red_line_share > 0 and (b.narrowed_by_red_lines or b.deal_zone_share < b.target - bal.ZONE_SLACK):
        lines.append("  " + _("- red lines: {share} of all packages cross one ({parties}); without them {z} of "
                              "packages would beat both walk-away values.").format(
            share=share(b.red_line_share), z=share(b.zone_share_without_red_lines),
            parties=", ".join(f"{p} {share(v)}" for p, v in b.red_line_shares.items())))
        if b.narrowed_by_red_lines:
            lines.append("    " + _("It is the red lines, not the walk-away values, that narrow the deal zone: "
                                   "loosen a red line before lowering a walk-away value."))
    lines.append("")
    suggestions = _suggestions(b)
    if suggestions:
        lines.append(_("Suggestions (each computed by what-if analysis, one change at a time):"))
        lines.extend("  - " + text for text in suggestions)
    else:
        lines.append(_("No single change found that helps; try other walk-away values or weights by hand."))
    return lines


def _suggestions(b: bal.Balance) -> list[str]:
    out = []
    for c in b.zone_suggestions:
        raising, shrinking = c.after > c.before, c.share_after < c.share_before
        if raising and shrinking:
            text = _("raising the walk-away value of {party} from {before} to {after} shrinks the deal zone from {a} "
                     "to {z} of packages")
        elif raising:
            text = _("raising the walk-away value of {party} from {before} to {after} widens the deal zone from {a} "
                     "to {z} of packages")
        elif shrinking:
            text = _("lowering the walk-away value of {party} from {before} to {after} shrinks the deal zone from {a} "
                     "to {z} of packages")
        else:
            text = _("lowering the walk-away value of {party} from {before} to {after} widens the deal zone from {a} "
                     "to {z} of packages")
        out.append(text.format(party=c.party, before=pts(c.before), after=pts(c.after), a=share(c.share_before),
                               z=share(c.share_after)))
    w = b.weight_change
    if w is not None:
        out.append(_("moving {amount} weight points of {party} from '{source}' to '{target}' ({source} {s0} -> {s1}, "
                     "{target} {t0} -> {t1}) brings the mean points closer: {before} (gap {g0}) -> {after} "
                     "(gap {g1}), replayed over the same AI pairings").format(
            amount=pts(w.amount), party=w.party, source=w.source, target=w.target,
            s0=pts(w.weights_before[0]), s1=pts(w.weights_after[0]), t0=pts(w.weights_before[1]),
            t1=pts(w.weights_after[1]),
            before=" / ".join(f"{p} {pts(v)}" for p, v in zip(b.party_ids, w.means_before)), g0=pts(w.gap_before),
            after=" / ".join(f"{p} {pts(v)}" for p, v in zip(b.party_ids, w.means_after)), g1=pts(w.gap_after)))
    elif b.points_gap > bal.POINTS_GAP_OK:
        out.append(ngettext("no single move of up to {n} weight point between two issues narrows the gap in mean "
                            "points", "no single move of up to {n} weight points between two issues narrows the gap "
                            "in mean points", max(bal.WEIGHT_STEPS)).format(n=max(bal.WEIGHT_STEPS)))
    if b.points_gap > bal.POINTS_GAP_OK:
        walk = {r.party: r.walk_away for r in b.roles}
        if len(set(walk.values())) > 1:
            out.append(_("part of the gap in points comes from the walk-away values ({values}): compare the mean "
                         "gains as well").format(values=", ".join(f"{p} {pts(v)}" for p, v in walk.items())))
    return out
