"""The host's web application (Starlette): one WebSocket per seat, and the teacher's page.

    /ws             a student's seat (see `game.play.remote.protocol`)
    /ws/teacher     the teacher's live page: state pushes; `fill` and `end` actions; needs ?key=
    /teacher        the page itself (plain HTML and JS; the key stays in the URL's #fragment)
    /report         the class report once the class has ended (needs ?key=)

Every student connection has a token bucket (floods are cut off), a frame limit
(`MAX_FRAME`, also enforced by uvicorn) and must join within its first message.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from game.i18n import _
from game.play.remote import protocol as proto
from game.net import security
from game.net.classroom import Classroom, Refusal

STATIC = ("teacher.html", "teacher.js", "teacher.css")
PUSH_EVERY = 0.25  # seconds between two pushes of the teacher's page at most
CLOSE_POLICY, CLOSE_TOO_BIG = 1008, 1009


class SocketPeer:
    def __init__(self, ws: WebSocket):
        self.ws = ws
        self.address = ws.client.host if ws.client else "?"
        self.bucket = security.Bucket(now=time.monotonic())

    async def send(self, message: dict) -> None:
        await self.send_text(proto.encode(message))

    async def send_text(self, text: str) -> None:
        """Send a message already encoded (the teacher's page state, encoded once for every teacher)."""
        if self.ws.application_state != WebSocketState.CONNECTED:
            return
        try:
            await self.ws.send_text(text)
        except (RuntimeError, OSError, WebSocketDisconnect):
            pass  # the socket went away; its seat is told again when it reconnects

    async def refuse(self, code: str, reason: str, close: int = CLOSE_POLICY) -> None:
        await self.send(proto.message("error", code=code, reason=reason))
        try:
            await self.ws.close(close)
        except RuntimeError:
            pass


async def _frames(ws: WebSocket):
    while True:
        event = await ws.receive()
        if event["type"] == "websocket.disconnect":
            return
        yield event.get("text") if event.get("text") is not None else event.get("bytes")


def page_texts() -> dict[str, str]:
    """The teacher's page's words, in the host's language ({placeholders} are filled in by the page)."""
    return {
        "page_title": _("Parley: the class"), "code": _("Class code:"), "projector": _("Projector mode"),
        "reveal": _("Reveal points"), "hide": _("Hide points"), "fill": _("Computer players for empty seats"),
        "end": _("End the class"), "end_confirm": _("End the class now? Games still going are stopped."),
        "report": _("Open the class report"), "ended": _("The class has ended."),
        "reconnecting": _("Reconnecting to the host..."), "connected": _("connected"),
        "disconnected": _("not connected"), "open_seat": _("(open seat)"), "pin": _("PIN"),
        "table": _("Table {n}"), "waiting": _("waiting for students"), "round": _("round {k}/{n}"),
        "deal": _("deal"), "no_deal": _("no deal"), "last_offer": _("Last offer, by {who}:"),
        "points": _("Points:"), "scores": _("Scores:"),
        "count_playing": _("Playing: {playing}"), "count_finished": _("Finished: {finished}/{tables}"),
        "count_deals": _("Deals: {deals}"), "count_students": _("Students connected: {connected}/{students}"),
    }


def state_message(room: Classroom) -> dict:
    """The teacher's page state; the table cards spliced in as JSON encoded once per change of a card."""
    snapshot = room.snapshot()
    del snapshot["tables"]
    head = proto.encode({**snapshot, "texts": page_texts()})
    cards = ",".join(table.card_text() for table in room.tables.values())
    return proto.message("state", state=proto.Raw(head[:-1] + ',"tables":[' + cards + "]}"))


def build_app(room: Classroom) -> Starlette:
    teachers: set[SocketPeer] = set()
    dirty = asyncio.Event()

    def changed() -> None:
        if teachers:  # nobody watching: no wake-up a move (a teacher who connects gets the state at once)
            dirty.set()

    room.on_change = changed

    async def push_loop() -> None:
        while True:
            await dirty.wait()
            dirty.clear()
            if not teachers:
                continue
            state = proto.encode(state_message(room))
            for peer in list(teachers):
                await peer.send_text(state)
            await asyncio.sleep(PUSH_EVERY)

    async def seat(ws: WebSocket) -> None:
        await ws.accept()
        peer = SocketPeer(ws)
        seat_ = None
        try:
            async for frame in _frames(ws):
                if not peer.bucket.take(time.monotonic()):
                    await peer.refuse("flood", _("too many messages: the connection was closed"))
                    return
                try:
                    msg = proto.decode(frame or "", expect=proto.STUDENT_TYPES)
                except proto.ProtocolError as exc:
                    await peer.refuse(exc.code, _("the host could not read a message: {reason}").format(reason=exc.reason),
                                      CLOSE_TOO_BIG if exc.code == "too-big" else CLOSE_POLICY)
                    return
                try:
                    if seat_ is None and msg["type"] == "join":
                        seat_ = await room.join(peer, msg.get("code"), msg.get("name"))
                    elif seat_ is None and msg["type"] == "rejoin":
                        seat_ = await room.rejoin(peer, msg)
                    elif seat_ is not None and msg["type"] == "move":
                        await room.move(seat_, peer, msg)
                    else:
                        raise Refusal("bad-message", _("join the class first"))
                except Refusal as exc:
                    await peer.refuse(exc.code, exc.reason)
                    return
        except WebSocketDisconnect:
            pass
        finally:
            room.detach(peer, seat_)

    async def teacher(ws: WebSocket) -> None:
        await ws.accept()
        peer = SocketPeer(ws)
        if not security.same(ws.query_params.get("key", ""), room.key):
            await peer.refuse("wrong-key", _("this is not the teacher's address of this class"))
            return
        teachers.add(peer)
        await peer.send(state_message(room))
        try:
            async for frame in _frames(ws):
                try:
                    msg = proto.decode(frame or "", expect=("fill", "end", "refresh"))
                except proto.ProtocolError:
                    continue
                try:
                    if msg["type"] == "fill":
                        await room.fill_with_ai()
                    elif msg["type"] == "end" and not room.ended:
                        await room.end_class()
                        await peer.send(proto.message("report", url="/report?key=" + room.key))
                except Refusal as exc:
                    await peer.send(proto.message("error", code=exc.code, reason=exc.reason))
                changed()
        except WebSocketDisconnect:
            pass
        finally:
            teachers.discard(peer)

    async def static(request: Request) -> Response:
        name = request.path_params.get("name", "teacher.html")
        if name not in STATIC:
            return PlainTextResponse("not found", status_code=404)
        text = (resources.files("game.net") / "static" / name).read_text(encoding="utf-8")
        kind = {"html": "text/html", "js": "text/javascript", "css": "text/css"}[name.rsplit(".", 1)[1]]
        return Response(text, media_type=kind + "; charset=utf-8",
                        headers={"Content-Security-Policy": "default-src 'self'; connect-src 'self' ws: wss:",
                                 "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"})

    async def report(request: Request) -> Response:
        if not security.same(request.query_params.get("key", ""), room.key):
            return PlainTextResponse(_("this is not the teacher's address of this class"), status_code=403)
        path = room.folder / "class.html"
        if not path.exists():
            return PlainTextResponse(_("the class report is written when the class ends"), status_code=404)
        return FileResponse(path, media_type="text/html; charset=utf-8")

    async def home(request: Request) -> Response:
        return HTMLResponse("<!doctype html><title>Parley</title><p>Parley</p>")

    @contextlib.asynccontextmanager
    async def lifespan(app: Any):
        task = asyncio.get_running_loop().create_task(push_loop())
        await room.start()
        try:
            yield
        finally:
            task.cancel()

    return Starlette(routes=[
        Route("/", home),
        Route("/teacher", static),
        Route("/static/{name}", static),
        Route("/report", report),
        WebSocketRoute("/ws", seat),
        WebSocketRoute("/ws/teacher", teacher),
    ], lifespan=lifespan)
