"""Serving a class: uvicorn on a socket we bind ourselves (so `--port 0` can pick a free port).

Once the socket accepts connections, `serve` writes the info file atomically
(`{"url", "code", "teacher_url"}`) and calls `announce` with the addresses to show.
The class state is in the journal, so stopping the host (Ctrl+C, or a crash) loses
no acknowledged move: `parley host --resume` continues the class.
"""

from __future__ import annotations

import asyncio
import json
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import uvicorn

from game.atomic import write_atomic
from game.play.remote import protocol as proto
from game.net.classroom import Classroom
from game.net.server import build_app


@dataclass(frozen=True)
class Addresses:
    url: str             # for students: ws://ADDR:PORT
    teacher_url: str     # for the teacher: http://ADDR:PORT/teacher#key=KEY
    others: tuple[str, ...]  # the same port on the machine's other addresses (a second network card)
    code: str


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback (as the system names them; no traffic sent)."""
    found = []
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            address = info[4][0]
            if not address.startswith("127.") and address not in found:
                found.append(address)
    except OSError:
        pass
    return found


def addresses(room: Classroom, host: str, port: int, tls: bool) -> Addresses:
    ws, http = ("wss", "https") if tls else ("ws", "http")
    shown = [host] if host not in ("0.0.0.0", "") else (lan_addresses() or ["127.0.0.1"])
    local = "127.0.0.1" if host in ("0.0.0.0", "") else host
    return Addresses(f"{ws}://{shown[0]}:{port}", f"{http}://{local}:{port}/teacher#key={room.key}",
                     tuple(f"{ws}://{a}:{port}" for a in shown[1:]), room.code)


def websocket_implementation() -> str:
    """uvicorn's implementation on the websockets library (the sans-I/O one where this uvicorn has it)."""
    try:
        import uvicorn.protocols.websockets.websockets_sansio_impl  # noqa: F401
        return "websockets-sansio"
    except ImportError:
        return "websockets"


def bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(512)
    sock.setblocking(False)
    return sock


def serve(room: Classroom, *, host: str = "0.0.0.0", port: int = 0, info_file: str | Path | None = None,
          tls: tuple[str, str] | None = None, announce: Callable[[Addresses], None] | None = None) -> None:
    """Serve the class until interrupted (Ctrl+C or SIGTERM)."""
    sock = bind(host, port)
    # No per-message compression: it cost the host more CPU than the moves themselves (a welcome is
    # ~130 KB, sent once a student; a move's messages are a few hundred bytes), and a LAN has the bandwidth.
    config = uvicorn.Config(build_app(room), ws=websocket_implementation(), ws_max_size=proto.MAX_FRAME,
                            ws_per_message_deflate=False, ws_ping_interval=10, ws_ping_timeout=20,
                            log_level="warning", access_log=False, lifespan="on",
                            ssl_certfile=tls[0] if tls else None, ssl_keyfile=tls[1] if tls else None,
                            timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)

    async def main() -> None:
        task = asyncio.ensure_future(server.serve(sockets=[sock]))
        while not server.started and not task.done():
            await asyncio.sleep(0.02)
        if server.started:
            where = addresses(room, host, sock.getsockname()[1], tls is not None)
            if info_file:
                write_atomic(info_file, json.dumps({"url": where.url, "code": where.code,
                                                    "teacher_url": where.teacher_url}) + "\n")
            if announce:
                announce(where)
        await task

    try:
        run(main())
    finally:
        sock.close()


def run(main) -> None:
    """Run the host's event loop: uvloop's where it is installed (a dependency except on Windows: a move
    then costs the host about a fifth less CPU on the saturation run of benchmarks/bench_net.py), else
    asyncio's own."""
    try:
        import uvloop
    except ImportError:
        asyncio.run(main)
        return
    uvloop.run(main)
