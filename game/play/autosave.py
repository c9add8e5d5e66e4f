"""Autosave and resume: a game in progress survives a crash, a kill or a closed window.

After every move the client calls `save(path, match, meta)`: one small JSON file,
written atomically (temporary file, flush, fsync, rename), naming the scenario
file and its content hash, the seed, the players, the client's own setup data
(`meta`), the transcript, and every move so far. `restore` rebuilds the game
at the exact move: it checks the scenario has not changed, replays the moves
through a fresh session, and reconciles the transcript, which is written before
the save and so may hold one completed move more (that move counts; a line cut
off mid-write does not). The transcript is then continued in place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.atomic import write_atomic
from game.errors import ParleyError, Problem
from game.i18n import _
from game.play.match import Match, PlayerSpec
from game.negotiation import transcript as tr
from game.negotiation.moves import Move
from game.negotiation.session import IllegalMove
from game.scenario.model import Scenario

FORMAT = 1


@dataclass
class SaveData:
    file: str
    scenario_id: str
    scenario_file: str
    scenario_hash: str
    seed: int
    players: dict[str, str]
    moves: list[dict]                      # {"party": ..., "move": {...}}
    transcript: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def move_count(self) -> int:
        return len(self.moves)


def _moves_of(log: list[dict]) -> list[dict]:
    return [{"party": r["party"], "move": r["move"]} for r in log if r["type"] == "move"]


def save(path: str | Path, match: Match, meta: dict[str, Any] | None = None) -> Path:
    """Write the autosave for `match` atomically; returns the path."""
    scenario = match.scenario
    data = {
        "type": "parley-autosave", "format": FORMAT,
        "scenario": scenario.id, "scenario_file": str(Path(scenario.path).resolve()) if scenario.path else "",
        "scenario_hash": scenario.content_hash, "seed": match.seed,
        "players": {k: str(v) for k, v in match.players.items()},
        "transcript": str(match.writer.path.resolve()) if match.writer else None,
        "finished": match.finished,
        "meta": meta or {},
        "moves": _moves_of(match.session.log),
    }
    return write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))


def _bad(file: str, message: str, hint: str = "") -> ParleyError:
    return ParleyError([Problem(message, file=file, line=1, col=1, hint=hint, code="autosave")])


def load(path: str | Path) -> SaveData:
    file = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise _bad(file, _("cannot read the saved game: {reason}").format(reason=exc.strerror or exc)) from None
    except ValueError:  # not UTF-8, not JSON, or a number too long to convert
        raise _bad(file, _("the saved game is damaged and cannot be read")) from None
    if not isinstance(data, dict) or data.get("type") != "parley-autosave" or data.get("format") != FORMAT:
        raise _bad(file, _("this is not a Parley saved game"))
    try:
        moves = [{"party": str(m["party"]), "move": dict(m["move"])} for m in data["moves"]]
        return SaveData(file, str(data["scenario"]), str(data.get("scenario_file", "")), str(data["scenario_hash"]),
                        int(data["seed"]), {str(k): str(v) for k, v in data["players"].items()}, moves,
                        data.get("transcript"), dict(data.get("meta") or {}))
    except (KeyError, TypeError, ValueError, AttributeError):
        raise _bad(file, _("the saved game is damaged and cannot be read")) from None


def _transcript_moves(path: Path) -> tuple[list[dict], int] | None:
    """The completed moves in a transcript (ignoring a cut-off last line) and its record count."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    complete = raw[: raw.rfind(b"\n") + 1]  # a line cut off mid-write is not a completed move
    records = []
    for line in complete.decode("utf-8", errors="replace").splitlines():
        try:
            records.append(json.loads(line))
        except ValueError:  # not JSON, or a number too long to convert
            return None
    if not records or records[0].get("type") != "header":
        return None
    body = records[1:]
    return _moves_of([r for r in body if isinstance(r, dict) and "type" in r]), len(body)


def restore(save_data: SaveData, scenario: Scenario, *, continue_transcript: bool = True) -> Match:
    """The game at its last completed move, ready to go on."""
    if scenario.content_hash != save_data.scenario_hash:
        raise _bad(save_data.file, _("the scenario file {path} has changed since this game was saved; it cannot be resumed").format(
            path=save_data.scenario_file or save_data.scenario_id),
            hint=_("restore the original file, or start a new game"))
    moves = save_data.moves
    transcript = Path(save_data.transcript) if save_data.transcript else None
    if transcript is not None and continue_transcript:
        found = _transcript_moves(transcript)
        if found is not None and len(found[0]) > len(moves) and found[0][: len(moves)] == moves:
            moves = found[0]  # the transcript got one completed move more than the save
    players = {k: PlayerSpec.parse(v) for k, v in save_data.players.items()}
    match = Match(scenario, seed=save_data.seed, players=players)
    # The computer's turns are decided again (strategies are deterministic, and so
    # their inner state comes back too) and must reproduce the saved moves.
    done = 0
    while done < len(moves) and not match.finished:
        if players[match.turn].kind == "ai":
            for record in match.step():
                if done < len(moves) and {"party": record["party"], "move": record["move"]} != moves[done]:
                    raise _bad(save_data.file, _("move {n} of the saved game cannot be reproduced").format(n=done + 1),
                               hint=_("the game was saved by another version of Parley"))
                done += 1
            continue
        entry = moves[done]
        try:
            match.submit(Move.from_json(entry["party"], entry["move"]))
        except (IllegalMove, KeyError, ValueError) as exc:
            reason = exc.reason if isinstance(exc, IllegalMove) else _("malformed move")
            raise _bad(save_data.file, _("move {n} of the saved game cannot be replayed: {reason}").format(
                n=done + 1, reason=reason)) from None
        done += 1
    if transcript is not None and continue_transcript:
        # Rewrite the transcript to exactly what was replayed, then append from there.
        lines = [tr.dumps(match.header())] + [tr.dumps(r) for r in match.session.log]
        write_atomic(transcript, "".join(line + "\n" for line in lines))
        match.attach_transcript(tr.TranscriptWriter(transcript, {}, append=True), written=len(match.session.log))
    return match
