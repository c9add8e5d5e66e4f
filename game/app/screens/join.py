"""Join a class: the teacher's address, the class code and your name; then the game at your table.

The screen opens a `NetLink` to the teacher's computer. When the host seats the
student it sends the seat's view of the scenario; the game then starts as any
other (briefing, table, outcome, debrief) on a `RemoteGame`. A refusal (a wrong
code, a full class) is shown here, in the host's own words.
"""

from __future__ import annotations

import pygame
import pygame_gui

from game.app.layout import Metrics, row, split_v
from game.app.screens.base import Screen, esc
from game.i18n import _


class JoinScreen(Screen):
    name = "join"

    def __init__(self, app, url: str = "", code: str = "", student: str = ""):
        super().__init__(app)
        self.values = {"url": url, "code": code, "name": student}
        self.message = ""
        self.link = None
        self.game = None

    @property
    def help_title(self) -> str:
        return _("Join a class")

    def build(self, m: Metrics) -> None:
        area = m.content()
        fields = [("url", _("The teacher's address")), ("code", _("Class code")), ("name", _("Your name"))]
        intro = _("Your teacher's screen shows the address (e.g. ws://192.168.1.20:8765) and the class code.")
        intro_h = self.height_for(intro, area[2], "@small", m.line)
        heights = [m.heading, intro_h] + [m.line] * len(fields) + [1.0, m.line]
        rects = split_v(area, heights, gap=m.gap)
        self.label(rects[0], _("Join a class"), "@heading")
        self.text_box(rects[1], esc(intro), "@small")
        self.entries = {}
        label_w = round(area[2] * 0.3)
        entry_w = min(area[2] - label_w - m.gap, round(m.font * 26))
        for n, (key, text) in enumerate(fields):
            label, entry = row(rects[2 + n], [label_w, entry_w], m.gap)
            self.label(label, text, "@subheading")
            self.entries[key] = self.entry(entry, self.values[key])
        self.status = self.text_box(rects[-2], esc(self.message), "@small")
        w = round(m.font * 12)
        join, back = row(rects[-1], [w, w], m.gap)
        self.join_button = self.button(join, _("Join [Enter]"), self.join, cls="@primary")
        self.button(back, _("Back [Esc]"), self.back)

    def read(self) -> None:
        for key, entry in getattr(self, "entries", {}).items():
            self.values[key] = entry.get_text().strip()

    def say(self, text: str) -> None:
        self.message = text
        self.status.set_text(esc(text))

    # -- actions ------------------------------------------------------------------------
    def join(self) -> None:
        self.read()
        urls = [u for u in self.values["url"].split(",") if u.strip()]
        if not urls or not self.values["code"] or not self.values["name"]:
            self.say(_("Please fill in the address, the class code and your name."))
            return
        if self.link is not None:
            return
        from game.app.netlink import NetLink

        self.say(_("Connecting to the teacher's computer..."))
        self.link = NetLink(self.app, urls, self.values["code"], self.values["name"],
                            on_message=self.on_message, on_status=self.on_status).start()

    def on_message(self, msg: dict) -> None:
        if self.game is not None:
            self.game.receive(msg)
            return
        self.link.state.receive(msg)
        if msg.get("type") == "welcome":
            from game.app import flow
            from game.app.remote_game import RemoteGame

            self.game = RemoteGame(self.link.state, self.link.send, base=self.app.base)
            self.game.link = self.link
            flow.begin(self.app, self.game, push=True)

    def on_status(self, status: str, detail: str) -> None:
        if self.game is not None:
            return
        if status in ("refused", "lost"):
            self.link.close()
            self.link = None
            self.say(detail if status == "refused" else _("The teacher's computer cannot be reached. Ask your teacher."))
        elif status == "reconnecting":
            self.say(_("Cannot reach the teacher's computer yet; trying again..."))

    def back(self) -> None:
        if self.link is not None and self.game is None:
            self.link.close()
            self.link = None
        self.app.stack.pop()

    def rebuild(self) -> None:
        self.read()  # what was typed survives a new window size
        super().rebuild()

    def exit(self) -> None:
        if self.link is not None:
            self.link.close()
            self.link = None
        super().exit()

    def on_event(self, event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element in self.entries.values():
            self.join()  # Enter in a field
            return True
        return False

    def on_key(self, key: int, mod: int) -> bool:
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER) and not self.button_focused():
            self.join()
            return True
        if key == pygame.K_ESCAPE:
            self.back()
            return True
        return False

    def shortcuts(self):
        return [(_("Enter"), _("Join the class")), ("Esc", _("Back"))] + super().shortcuts()
