"""Setup: which party you play, who the opponent is (an AI persona or a second player), the seed."""

from __future__ import annotations

import random

import pygame
import pygame_gui
from pygame_gui.elements import UIScrollingContainer

from game.agents import registry
from game.app.game_state import Game, GameSetup
from game.app import keymap as keys
from game.app.layout import Metrics, row, split_h, split_v
from game.app.screens.base import Screen, esc, scroll_into_view
from game.i18n import _, local
from game.play.match import PlayerSpec
from game.scenario.model import Scenario

HOTSEAT = "human"


class SetupScreen(Screen):
    name = "setup"

    def __init__(self, app, scenario: Scenario, seed: int | None = None):
        super().__init__(app)
        self.scenario = scenario
        self.party = scenario.parties[-1].id if len(scenario.parties) > 1 else scenario.parties[0].id
        if scenario.protocol.opens in scenario.party_ids:
            self.party = scenario.protocol.opens
        self.choice = 0  # index into self.choices()
        self.seed = seed if seed is not None else random.Random().randrange(1, 10_000)
        preset = getattr(app, "preset", {}) or {}
        if preset.get("party") in scenario.party_ids:
            self.party = preset["party"]
        if preset.get("seed") is not None and seed is None:
            self.seed = int(preset["seed"])
        if preset.get("opponent"):
            specs = [spec for spec, _text in self.choices()]
            if preset["opponent"] in specs:
                self.choice = specs.index(preset["opponent"])
        self.message = ""

    @property
    def help_title(self) -> str:
        return _("Setup")

    # -- the choices -------------------------------------------------------------
    def choices(self) -> list[tuple[str, str]]:
        """(player spec, text) for every possible opponent."""
        other = self.scenario.party(self.scenario.other(self.party))
        persona = other.persona
        name = local(persona.name) or local(other.name)
        own = f"ai:{persona.strategy}"
        out = [(own, _("{name}: {style}").format(name=name, style=local(persona.style) or _("the scenario's persona")))]
        for strategy in registry.names():
            summary = _(registry.get(strategy).summary)  # marked with N_() where it is written
            out.append((f"ai:{strategy}", _("{name} playing ‘{strategy}’: {summary}").format(
                name=name, strategy=strategy, summary=summary)))
        out.append((HOTSEAT, _("A second player on this computer (hot-seat)")))
        return out

    # -- layout ----------------------------------------------------------------------
    def build(self, m: Metrics) -> None:
        title = _("New game: {title}").format(title=local(self.scenario.title))
        head_h = self.height_for(title, m.content()[2], "@heading", m.heading)
        head, body, bottom = split_v(m.content(), [head_h, 1.0, m.line], gap=m.gap)
        self.label(head, title, "@heading")
        left, right = split_h(body, [0.36, 0.64], gap=m.margin)
        parties = self.scenario.parties
        party_h = round(m.line * 1.2) if body[3] >= m.line * 8 else m.line  # large text: tighter rows
        rows = split_v(left, [m.line] + [party_h] * len(parties) + [m.line, m.line, 1.0], gap=m.gap)
        self.label(rows[0], _("You play"), "@subheading")
        self.party_buttons = []
        for n, party in enumerate(parties):
            text = f"{local(party.name)} [{n + 1}]"
            b = self.button(rows[1 + n], text, lambda pid=party.id: self.set_party(pid), cls="@list",
                            tooltip=local(party.leader) or None)
            if party.id == self.party:
                b.select()
            self.party_buttons.append(b)
        k = 1 + len(parties)
        self.label(rows[k], _("Seed"), "@subheading")
        entry_w = round(m.font * 5.5)  # four digits and room to type
        seed_rect, new_rect = row(rows[k + 1], [entry_w, rows[k + 1][2] - entry_w - m.gap], m.gap)
        self.seed_entry = self.entry(seed_rect, str(self.seed))
        self.seed_entry.set_allowed_characters("numbers")
        self.button(new_rect, self.hinted(_("New seed"), "new_seed"), self.new_seed)
        if rows[k + 2][3] >= m.line:  # room left: why a seed (it is in the F1 help too)
            self.text_box(rows[k + 2], esc(_("The same seed, sides and opponent give the same game.")), "@small")

        choices = self.choices()
        describe_h = max(m.line * 1.5, min(m.line * 3, right[3] * 0.3))
        head, listing, describe = split_v(right, [m.line, 1.0, describe_h], gap=m.gap // 2)
        self.label(head, _("Your counterpart"), "@subheading")
        self.choice_list = UIScrollingContainer(pygame.Rect(listing), self.app.manager, container=self.root,
                                                allow_scroll_x=False)
        inner_w, row_h = listing[2] - 22, round(m.line * 1.1)
        self.choice_buttons = []
        for n, (_spec, text) in enumerate(choices):
            b = self.button((0, n * (row_h + m.gap // 2), inner_w, row_h), text, lambda n=n: self.set_choice(n),
                            cls="@list", tooltip=text, container=self.choice_list)
            if n == self.choice:
                b.select()
            self.choice_buttons.append(b)
        self.choice_list.set_scrollable_area_dimensions((inner_w, len(choices) * (row_h + m.gap // 2)))
        self.choice_text = self.text_box(describe, esc(choices[self.choice][1]), "@small")
        self.show_choice()
        w = round(m.font * 12)
        start, back, status = row(bottom, [w, w, max(1, bottom[2] - 2 * w - 2 * m.gap)], m.gap)
        self.button(start, self.hinted(_("Start"), "start"), self.start, cls="@primary")
        self.button(back, self.hinted(_("Back"), "back"), self.back)
        self.status = self.label(status, self.message, "@status")

    # -- actions -----------------------------------------------------------------------
    def set_party(self, party: str) -> None:
        self.party = party
        self.choice = min(self.choice, len(self.choices()) - 1)
        self.read_seed()
        self.rebuild()

    def set_choice(self, n: int) -> None:
        self.choice = n
        for k, b in enumerate(self.choice_buttons):
            b.select() if k == n else b.unselect()
        self.choice_text.set_text(esc(self.choices()[n][1]))
        self.show_choice()

    def show_choice(self) -> None:
        """Scroll the counterpart list to the chosen one."""
        if self.choice_buttons:
            scroll_into_view(self.choice_list, self.choice_buttons[self.choice].relative_rect)

    def new_seed(self) -> None:
        self.seed = random.Random().randrange(1, 10_000)
        self.seed_entry.set_text(str(self.seed))

    def read_seed(self) -> bool:
        text = self.seed_entry.get_text().strip() if self.root is not None else str(self.seed)
        try:
            self.seed = int(text)
        except ValueError:
            self.message = _("The seed must be a whole number.")
            self.rebuild()  # the status line is laid out afresh: a long message wraps
            return False
        return True

    def setup(self) -> GameSetup:
        spec = self.choices()[self.choice][0]
        opponent = PlayerSpec("human") if spec == HOTSEAT else PlayerSpec.parse(spec)
        return GameSetup(self.scenario, self.party, opponent, self.seed, autoplay=self.app.autoplay)

    def start(self) -> None:
        if not self.read_seed():
            return
        from game.app import flow

        flow.begin(self.app, Game(self.setup(), base=self.app.base))

    def back(self) -> None:
        self.app.stack.pop()

    def on_event(self, event) -> bool:
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.seed_entry:
            self.start()
            return True
        return False

    def on_key(self, key: int, mod: int) -> bool:
        if self.seed_entry.is_focused:
            if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.start()
                return True
            if key == pygame.K_ESCAPE:
                self.app.manager.set_focus_set(None)
                return True
            return False
        return super().on_key(key, mod)

    def party_digit(self, key: int) -> None:
        n = keys.digit_of(key)
        if n is not None and n <= len(self.scenario.parties):
            self.set_party(self.scenario.parties[n - 1].id)

    def step_choice(self, key: int) -> None:
        self.set_choice((self.choice + (-1 if key == pygame.K_UP else 1)) % len(self.choice_buttons))

    def keymap(self) -> list[keys.Binding]:
        B = keys.Binding
        return [B(keys.DIGITS, "party_digit", _("1, 2"), _("Choose your party"), pass_key=True),
                B((pygame.K_UP, pygame.K_DOWN), "step_choice", _("Up / Down"), _("Choose your counterpart"),
                  pass_key=True),
                B((pygame.K_n,), "new_seed", "N", _("A new random seed")),
                B((), None, _("Tab to the seed"), _("Type a seed")),
                B(keys.ENTER, "start", _("Enter"), _("Start"), guard="no_button_focused"),
                B((pygame.K_ESCAPE,), "back", "Esc", _("Back"))]

    def shortcuts(self):
        return super().shortcuts() + [(_("Seed"), _("The same seed, sides and opponent give the same game."))]

    def autoplay_step(self) -> None:
        self.start()
