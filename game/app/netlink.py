"""The client's link to the teacher's computer: the network thread talks, the frame loop acts.

`NetLink` runs `game.play.remote.link.Link` (its own thread) and posts every message and
status change to the frame loop as a call (`App.call_soon`), so the seat's state
and the screens change only in the loop's thread. While the connection is down
the app shows a banner ("Reconnecting to the teacher's computer...").
"""

from __future__ import annotations

from typing import Callable, Sequence

from game.app.banner import Banner
from game.i18n import _
from game.play.remote.link import GIVE_UP_AFTER, Link
from game.play.remote.seat import SeatState


class NetLink:
    def __init__(self, app, urls: Sequence[str], code: str, name: str, *,
                 on_message: Callable[[dict], None], on_status: Callable[[str, str], None],
                 give_up_after: float = GIVE_UP_AFTER):
        self.app = app
        self.state = SeatState()
        self.banner = Banner()
        self._on_message, self._on_status = on_message, on_status
        self.link = Link(urls, lambda: self.state.hello(code, name), self._posted_message, self._posted_status,
                         give_up_after=give_up_after)

    def start(self) -> "NetLink":
        self.app.overlays.append(self.banner.draw)
        self.link.start()
        return self

    def send(self, message: dict) -> bool:
        return self.link.send(message)

    def close(self) -> None:
        if self.banner.draw in self.app.overlays:
            self.app.overlays.remove(self.banner.draw)
        self.link.close()

    # -- from the link's thread ---------------------------------------------------------------------
    def _posted_message(self, msg: dict) -> None:
        self.app.call_soon(lambda: self._message(msg))

    def _posted_status(self, status: str, detail: str) -> None:
        self.app.call_soon(lambda: self._status(status, detail))

    # -- in the frame loop --------------------------------------------------------------------------
    def _message(self, msg: dict) -> None:
        was_seated = self.state.joined
        self._on_message(msg)
        if msg.get("type") == "welcome" and was_seated and self.state.pending is not None:
            self.send(self.state.pending)  # after a reconnection: the same move, the same id
        if msg.get("ended") and not self.state.finished:
            self.banner.show(_("The teacher has ended the class."))

    def _status(self, status: str, detail: str) -> None:
        if status == "reconnecting" and self.state.joined:
            self.banner.show(_("Reconnecting to the teacher's computer..."))
        elif status == "connected":
            self.banner.hide()
        elif status == "lost":
            self.banner.show(_("The teacher's computer cannot be reached. Ask your teacher."))
        self._on_status(status, detail)
        self.app.dirty = True
