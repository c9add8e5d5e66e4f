"""`parley run`: play a game headless (AI against AI, scripted moves, or a mix)."""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from pydantic import ValidationError

from game.cli.common import account, print_json, scenario_argument
from game.play.catalog import load_scenario
from game.errors import ParleyError, Problem, did_you_mean
from game.i18n import _
from game.play.match import Match, PlayerSpec, test_move_to_move
from game.negotiation.moves import Move
from game.negotiation.session import IllegalMove
from game.negotiation.transcript import unique_path
from game.play.results import write_results
from game.scenario.model import Node, TestMove
from game.scenario.source import SourceError, read
from game.scenario.validate import problems_from


class MovesFile(Node):
    moves: list[TestMove]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help=_("play a game headless and print the result"))
    scenario_argument(p)
    p.add_argument("--player", action="append", default=[], metavar="PARTY=PLAYER",
                   help=_("who plays a party: ai:STRATEGY or script (default: the scenario's persona)"))
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--moves", metavar="MOVES.yaml", help=_("scripted moves (a 'moves:' list as in scenario tests)"))
    p.add_argument("--transcript", metavar="FILE", help=_("write the transcript (JSON Lines) to FILE"))
    p.add_argument("--json", action="store_true", help=_("print one JSON object"))
    p.add_argument("--results", metavar="DIR",
                   help=_("also write the results file of the game into DIR (for `parley report`)"))
    p.set_defaults(func=main)


def parse_players(scenario, specs: list[str]) -> dict[str, PlayerSpec]:
    players = {}
    for text in specs:
        party, sep, player = text.partition("=")
        if not sep:
            raise ParleyError([Problem(_("--player takes PARTY=PLAYER, e.g. russia=ai:boulware"), code="usage")])
        if party not in scenario.party_ids:
            raise ParleyError([Problem(_("'{id}' is not a party of this scenario").format(id=party),
                                       suggestion=did_you_mean(party, scenario.party_ids), code="usage")])
        players[party] = PlayerSpec.parse(player)
    return players


def read_moves(path: str) -> list[tuple[Move, tuple[int, int]]]:
    """The moves of a moves file, each with the (line, column) it was written at."""
    try:
        located = read(path)
    except SourceError as exc:
        raise ParleyError([exc.problem]) from None
    if located.problems:
        raise ParleyError(located.problems)
    try:
        parsed = MovesFile.model_validate(located.data)
    except ValidationError as exc:
        raise ParleyError(problems_from(exc, located, MovesFile)) from None
    return [(test_move_to_move(m), located.where(("moves", n))) for n, m in enumerate(parsed.moves)]


def main(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    players = parse_players(scenario, args.player)
    written = read_moves(args.moves) if args.moves else []
    script = [move for move, _where in written]
    if script and not any(p.kind == "script" for p in players.values()):
        players = {**{p: PlayerSpec("script") for p in scenario.party_ids}, **players}
    if args.results and Path(args.results).exists() and not Path(args.results).is_dir():  # before the game is played
        raise ParleyError([Problem(_("'{path}' is a file, not a folder").format(path=args.results), file=args.results,
                                   code="io", hint=_("give --results a folder for the results files"))])
    transcript = unique_path(args.transcript) if args.transcript else None
    match = Match(scenario, seed=args.seed, players=players, script=script, transcript=transcript)
    try:
        result = match.run()
    except IllegalMove as exc:
        match.close()
        line, col = next((where for move, where in written if move is exc.move), (0, 0))
        first = exc.problems[0]
        raise ParleyError([Problem(_("a scripted move was refused: {reason}").format(reason=exc.reason),
                                   file=args.moves or "", line=line, col=col, suggestion=first.suggestion,
                                   hint=first.hint, code="illegal-move")]) from None
    saved = None
    if args.results and match.finished:
        saved = write_results(match, args.results, date=datetime.date.today(), transcript=transcript)
    elif args.results:
        print(_("warning: the game did not finish, so no results file was written"), file=sys.stderr)
    if args.json:
        print_json(result)
    else:
        print(account(scenario, match.session.log, result))
        if transcript:
            print(_("Transcript: {path}").format(path=transcript))
        if saved:
            print(_("Results: {path}").format(path=saved))
    return 0
