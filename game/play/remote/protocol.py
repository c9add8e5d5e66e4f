"""The class protocol: JSON messages over one WebSocket per seat, and what a seat may see.

Every message is a JSON object with `v` (the protocol version) and `type`.

Student to host:
    join    {code, name}                     take a free seat at a table
    rejoin  {token} | {code, pin}            back to one's seat (same or another computer)
    move    {seq, id, move}                  `seq`: moves the table had when the move was made;
                                             `id`: made by the client, a resend repeats it
Host to student:
    welcome {table, party, token, pin, seq, scenario, seed, records, names}
    ack     {id, seq}                        the move is on disk; its records follow in `update`
    update  {seq, records}                   records (move, event) everyone at the table may see
    reject  {id, reason, code}               the move was refused (the core's own reason)
    end     {seq, records, result, scenario} the game is over: the result, and both profiles
    error   {reason, code}                   the host closes the connection after it

A seat's `scenario` is the scenario with the OTHER party's profile taken out
(`seat_scenario`): neutral weights, zero values, no walk-away value, no red lines,
no briefings, no rule points and no event effects for it, no scenario tests. The
full scenario arrives only in `end`, for the debrief, as in a classroom debrief.

Pure: imports no Starlette, uvicorn, websockets or pygame.
"""

from __future__ import annotations

import json
from typing import Any, Mapping

from game.scenario.model import Scenario

VERSION = 1
MAX_FRAME = 4096                # bytes of one message a student sends (the host's are larger)
MAX_HOST_FRAME = 4 * 1024 * 1024  # bytes of one message the host sends (a welcome holds the scenario)
MAX_NAME = 40                   # characters of a student's name
CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY34679"  # no 0/O, 1/I/L, 2/Z, 5/S, 8/B
CODE_LENGTH = 6
PIN_LENGTH = 5

STUDENT_TYPES = ("join", "rejoin", "move")


class ProtocolError(ValueError):
    """A message that is not a well-formed message of this protocol."""

    def __init__(self, code: str, reason: str):
        super().__init__(reason)
        self.code = code
        self.reason = reason


def message(kind: str, **fields: Any) -> dict[str, Any]:
    return {"v": VERSION, "type": kind, **fields}


class Raw(str):
    """A field value that is already JSON text (the scenario of a welcome, encoded once per party)."""


def encode(msg: Mapping[str, Any]) -> str:
    raw = {k: v for k, v in msg.items() if isinstance(v, Raw)}
    text = json.dumps({k: v for k, v in msg.items() if k not in raw}, ensure_ascii=False, separators=(",", ":"),
                      sort_keys=True)
    for key, value in raw.items():
        text = text[:-1] + ("," if len(text) > 2 else "") + json.dumps(key) + ":" + value + "}"
    return text


def decode(text: str | bytes, *, expect: tuple[str, ...] | None = None, limit: int = MAX_FRAME) -> dict[str, Any]:
    """Parse one frame; ProtocolError (with a short English code) if it is not a valid message."""
    if isinstance(text, bytes):
        if len(text) > limit:
            raise ProtocolError("too-big", "frame too big")
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise ProtocolError("bad-json", "not UTF-8") from None
    if len(text) > limit or len(text.encode("utf-8")) > limit:
        raise ProtocolError("too-big", "frame too big")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise ProtocolError("bad-json", "not JSON") from None
    if not isinstance(data, dict):
        raise ProtocolError("bad-message", "not an object")
    if data.get("v") != VERSION:
        raise ProtocolError("version", f"protocol version {data.get('v')!r} is not {VERSION}")
    kind = data.get("type")
    if not isinstance(kind, str) or (expect is not None and kind not in expect):
        raise ProtocolError("bad-message", f"unexpected message type {kind!r}")
    return data


def clean_name(name: object) -> str:
    """A student's name as shown: printable, single-line, at most MAX_NAME characters ('' if none)."""
    if not isinstance(name, str):
        return ""
    text = "".join(ch if ch.isprintable() else " " for ch in name)
    return " ".join(text.split())[:MAX_NAME]


def normal_code(code: object) -> str:
    return "".join(str(code or "").split()).upper()


# -- what a seat may see ------------------------------------------------------------------
def scenario_data(scenario: Scenario) -> dict[str, Any]:
    """The scenario as JSON data that `scenario_from_data` turns back into the same model."""
    return scenario.model_dump(mode="json", by_alias=True, exclude_none=True)


def seat_scenario(scenario: Scenario, party: str) -> dict[str, Any]:
    """The scenario as `party` may see it: the other party's profile taken out."""
    data = scenario_data(scenario)
    other = scenario.other(party)
    issues = scenario.issues
    for p in data["parties"]:
        if p["id"] != other:
            continue
        p["briefing"] = ""
        p["confidential"] = ""
        p["weights"] = {i.id: round(100 / len(issues), 6) for i in issues}
        p["values"] = {i.id: {o.id: 0 for o in i.options} for i in issues}
        p["walk_away"] = {"value": 0}
        p["red_lines"] = []
        p["persona"] = {"name": p["persona"]["name"]}
    for rule in data.get("rules", []):
        rule.get("points", {}).pop(other, None)
    for event in data.get("events", []):
        event["effects"] = [e for e in event.get("effects", []) if e.get("party") != other]
    data["tests"] = []
    return data


def private_texts(scenario: Scenario, party: str) -> list[str]:
    """Texts only `party` may read (its briefings, walk-away story, red lines): for the tests' checks."""
    p = scenario.party(party)
    texts = []
    for text in (p.briefing, p.confidential, p.walk_away.story, *(r.text for r in p.red_lines)):
        values = text.values() if isinstance(text, dict) else [text]
        texts.extend(v for v in values if v and len(v) > 12)
    return texts


def scenario_from_data(data: Mapping[str, Any], *, content_hash: str = "", path: str = "") -> Scenario:
    scenario = Scenario.model_validate(dict(data))
    scenario._hash = content_hash
    scenario._path = path
    return scenario
