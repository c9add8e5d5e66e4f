"""Title and scenario picker: the shipped scenarios and the teacher's own folder."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIScrollingContainer

from game import resources
from game.app import catalog, paths
from game.app import keymap as keys
from game.app.layout import Metrics, split_h, split_v, row
from game.app.screens.base import Screen, esc, scroll_into_view
from game import i18n
from game.i18n import _, local, ngettext


class TitleScreen(Screen):
    name = "title"

    def __init__(self, app, select: str | None = None):
        super().__init__(app)
        self.wanted = select or catalog.FLAGSHIP
        self.loader: catalog.Loader | None = None
        self.selected = 0
        if getattr(app, "catalog", None) is None:
            self.reload(rebuild=False)
        else:
            self.selected = catalog.default_index(app.catalog, self.wanted)

    @property
    def help_title(self) -> str:
        return _("Title")

    @property
    def entries(self) -> list[catalog.Entry]:
        return self.app.catalog or []

    @property
    def loading(self) -> bool:
        return self.loader is not None

    @property
    def animating(self) -> bool:
        return self.loading

    def reload(self, rebuild: bool = True) -> None:
        """Look at the scenario folders again (in a worker thread)."""
        user = paths.user_scenarios(self.app.base)
        try:
            user.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        self.app.catalog = None
        self.loader = catalog.Loader(resources.scenarios_dir(), user, self.app.wake, start=self.app.frames > 0)
        if rebuild:
            self.rebuild()

    def wait_until_loaded(self) -> None:
        if self.loader is not None:
            self.loader.start()
            self.loader.wait()
            self.update(0.0)

    def update(self, dt: float) -> None:
        if not getattr(self.app, "resume_offered", False):  # an unfinished autosaved game: offer it once
            self.app.resume_offered = True
            from game.app.launch import offer_resume

            offer_resume(self.app)
        if self.loader is not None and not self.loader.started and self.app.frames > 0:
            self.loader.start()  # after the first frame: its imports would slow that frame down
        if self.loader is not None and self.loader.done:
            loader, self.loader = self.loader, None
            self.app.catalog = loader.entries or []
            self.selected = catalog.default_index(self.app.catalog, self.wanted)
            self.rebuild()

    # -- layout ---------------------------------------------------------------------
    def build(self, m: Metrics) -> None:
        area = m.content()
        body, bottom = split_v(area, [1.0, m.line], gap=m.gap * 2)
        left, right = split_h(body, [0.42, 0.58], gap=m.margin)
        title_h = round(m.font * 3.4)
        title, subtitle, head, listing, folder = split_v(
            left, [title_h, m.line, m.line, 1.0, m.line * 2], gap=m.gap // 2)
        self.label(title, "Parley", "@title")
        self.label(subtitle, _("A negotiation game for the classroom"), "@small")
        self.label(head, _("Scenarios"), "@subheading")
        self.scroll = UIScrollingContainer(pygame.Rect(listing), self.app.manager, container=self.root,
                                           allow_scroll_x=False)
        inner_w = listing[2] - 22
        self.rows = []
        y = 0
        for n, entry in enumerate(self.entries):
            mark = "" if entry.ok else "⚠ "
            origin = "" if entry.origin == "shipped" else _(" (yours)")
            text = f"{mark}{entry.title}{origin}"
            b = self.button((0, y, inner_w, m.line), text, lambda n=n: self.choose(n),
                            cls="@list", container=self.scroll, tooltip=str(entry.path))
            self.rows.append(b)
            y += m.line + m.gap // 2
        if not self.entries:
            text = _("Loading the scenarios…") if self.loading else _("No scenarios found.")
            self.label((0, 0, inner_w, m.line), text, container=self.scroll)
        self.scroll.set_scrollable_area_dimensions((inner_w, max(y, 1)))
        folder_text = _("Your own scenarios: {path}").format(path=paths.user_scenarios(self.app.base))
        self.text_box(folder, esc(folder_text), "@small")
        self.details = self.text_box(right, self.details_html())
        play_w = round(m.font * 14)
        other_w = round(m.font * 11)
        play, join, reload_, teacher, settings, quit_ = row(bottom, [play_w] + [other_w] * 5, m.gap)
        entry = self.current
        self.play_button = self.button(play, self.play_text(), self.play, cls="@primary")
        self.button(join, self.hinted(_("Join a class"), "open_join"), self.open_join)
        self.button(reload_, self.hinted(_("Reload"), "reload"), self.reload)
        self.button(teacher, self.hinted(_("Teacher view"), "open_teacher"), self.open_teacher)
        self.button(settings, self.hinted(_("Settings"), "open_settings"), self.open_settings)
        self.button(quit_, self.hinted(_("Quit"), "quit_app"), self.quit_app)
        self.mark_selected()

    def play_text(self) -> str:
        entry = self.current
        if entry is not None and not entry.ok:
            return self.hinted(_("Show problems"), "play")
        return self.hinted(_("Play"), "play")

    @property
    def current(self) -> catalog.Entry | None:
        if 0 <= self.selected < len(self.entries):
            return self.entries[self.selected]
        return None

    def details_html(self) -> str:
        entry = self.current
        if entry is None and self.loading:
            return esc(_("Reading and checking the scenario files…"))
        if entry is None:
            return esc(_("Put scenario files (.yaml) into the folder shown on the left, then press R."))
        if not entry.ok:
            count = len(entry.errors)
            return (f"<b>{esc(entry.title)}</b><br><br>"
                    + esc(ngettext("This file has {n} problem and cannot be played.",
                                   "This file has {n} problems and cannot be played.", count).format(n=count))
                    + "<br><br>" + esc(_("Press Enter to see them, with the lines they are on.")))
        sc = entry.scenario
        assert sc is not None
        parts = [f"<b>{esc(local(sc.title))}</b>", f"<i>{esc(i18n.date(sc.date))}</i>", "", esc(local(sc.summary))]
        if sc.learning_goals:
            parts += ["", "<b>" + esc(_("Learning goals")) + "</b>"] + [f"• {esc(local(g))}" for g in sc.learning_goals]
        parties = i18n.conjunction_list([local(p.name) for p in sc.parties])
        parts += ["", esc(_("Parties: {parties}").format(parties=parties)),
                  esc(ngettext("{n} issue", "{n} issues", len(sc.issues)).format(n=len(sc.issues)) + " · "
                      + ngettext("{n} round", "{n} rounds", sc.protocol.rounds).format(n=sc.protocol.rounds))]
        return "<br>".join(parts)

    def mark_selected(self) -> None:
        for n, b in enumerate(self.rows):
            if n == self.selected:
                b.select()
            else:
                b.unselect()

    # -- actions ----------------------------------------------------------------------
    def choose(self, n: int) -> None:
        if n == self.selected:
            self.play()
            return
        self.selected = n
        self.details.set_text(self.details_html())
        self.put_text(self.play_button, self.play_text())
        self.mark_selected()
        self.scroll_to(n)

    def scroll_to(self, n: int) -> None:
        if 0 <= n < len(self.rows):
            scroll_into_view(self.scroll, self.rows[n].relative_rect)

    def play(self) -> None:
        entry = self.current
        if entry is None:
            return
        if not entry.ok:
            from game.app.screens.problems import ProblemsScreen

            self.app.stack.push(ProblemsScreen(self.app, entry))
            return
        from game.app.screens.setup import SetupScreen

        self.app.stack.push(SetupScreen(self.app, entry.scenario))

    def open_teacher(self) -> None:
        from game.app.screens.teacher import TeacherScreen

        if self.current is not None:
            self.app.stack.push(TeacherScreen(self.app, self.current.path))

    def open_join(self) -> None:
        from game.app.screens.join import JoinScreen

        self.app.stack.push(JoinScreen(self.app))

    def open_settings(self) -> None:
        from game.app.screens.settings import SettingsScreen

        self.app.stack.push(SettingsScreen(self.app))

    def step_entry(self, key: int) -> None:
        if not self.entries:
            return
        self.selected = (self.selected + (-1 if key == pygame.K_UP else 1)) % len(self.entries)
        self.details.set_text(self.details_html())
        self.put_text(self.play_button, self.play_text())
        self.mark_selected()
        self.scroll_to(self.selected)

    def quit_app(self) -> None:
        self.app.quit(0)

    def keymap(self) -> list[keys.Binding]:
        B = keys.Binding
        return [B((pygame.K_UP, pygame.K_DOWN), "step_entry", _("Up / Down"), _("Choose a scenario"), pass_key=True),
                B(keys.ENTER, "play", _("Enter"), _("Play it (or show its problems)"), guard="no_button_focused"),
                B((pygame.K_r,), "reload", "R", _("Reload the scenario folders")),
                B((pygame.K_t,), "open_teacher", "T", _("Teacher view of the scenario")),
                B((pygame.K_j,), "open_join", "J", _("Join a class")),
                B((pygame.K_s,), "open_settings", "S", _("Settings")),
                B((pygame.K_ESCAPE,), "quit_app", "Esc", _("Quit"))]

    def autoplay_step(self) -> None:
        if not self.loading:
            self.play()
