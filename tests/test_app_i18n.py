"""The client in English, Turkish and Russian, at normal and double text size.

Every screen is rendered through the screenshot tour (real screens, a real short
game) and saved into tmp_path; on each screen no button or label may spill its
text out of its rectangle, no two widgets overlap, every label shows its whole text (a step smaller or
wrapped, never cut), and a button that shortens its text keeps the whole text
in a tooltip; the drawn meter and bar charts fit their text without cutting it. Then whole keyboard-only games in Turkish and Russian,
a live language switch, a visible focus ring, and a key for every table action.
"""

import itertools
import re

import pygame
import pytest
from pygame_gui.elements import UIButton, UIImage, UILabel, UITextBox, UITextEntryLine, UIVerticalScrollBar

from test_app_support import negotiate_by_keyboard, press, title_app, top_name, wait_for  # noqa: F401

from game import i18n
from game.app.screens.base import esc, text_room, visible_rect
from game.app import charts
from game.app.screenshots import Tour
from game.app.theme import strip_hint

CONFIGS = [(lang, size, scale) for lang in ("en", "tr", "ru")
           for size, scale in (((1280, 720), 1.0), ((1280, 720), 2.0), ((1024, 600), 2.0))]


def elements(container):
    for element in list(getattr(container, "elements", [])):
        yield element
        if hasattr(element, "elements"):
            yield from elements(element)
        else:
            inner = element.get_container() if hasattr(element, "get_container") else None
            if inner is not None and inner is not element:
                yield from elements(inner)


def on_screen(element) -> bool:
    rect = visible_rect(element)
    return element.visible and element.alive() and rect.width > 0 and rect.height > 0


def cut_labels(app) -> list[str]:
    """Every visible button or label whose text spills out of its rectangle or is not shown whole.

    A label must show its whole text (a step smaller, or wrapped onto lines with
    no scroll bar); a button may drop its key hint or shorten its text only if
    its tooltip keeps the whole text.
    """
    problems = []
    for element in elements(app.manager.get_root_container()):
        if isinstance(element, UITextBox) and hasattr(element, "parley_full") and on_screen(element):
            if element.scroll_bar is not None:
                problems.append(f"wrapped label {element.parley_full!r} needs a scroll bar in {element.rect.size}")
            continue
        if not isinstance(element, (UIButton, UILabel)) or not element.text or not on_screen(element):
            continue
        width = element.font.size(element.text)[0]
        room = text_room(element) + 2
        if width > room:
            problems.append(f"{type(element).__name__} {element.text!r}: {width} px in {room} px")
        full = getattr(element, "parley_full", element.text)
        if isinstance(element, UILabel) and element.text != full:
            problems.append(f"UILabel {full!r} is shown as {element.text!r}")
        if isinstance(element, UIButton) and element.text != full and element.text != strip_hint(full):
            tip = element.tool_tip_text or ""
            if not tip.startswith(esc(full)):
                problems.append(f"UIButton {element.text!r} is shortened and its tooltip {tip!r} lacks the text")
    return problems


def widgets(container):
    """The visible leaf widgets under `container` (not panels, containers or scroll bars and their buttons)."""
    seen = set()
    for element in elements(container):
        if id(element) in seen or not isinstance(element, (UIButton, UILabel, UITextBox, UIImage, UITextEntryLine)):
            continue
        seen.add(id(element))
        if isinstance(getattr(element, "parent_element", None), (UIVerticalScrollBar, UITextBox)):
            continue
        if on_screen(element):
            yield element


def overlapping(app) -> list[str]:
    """Pairs of widgets of one screen (or one dialog) drawn over each other."""
    problems = []
    for screen_root in list(app.manager.get_root_container().elements):
        placed = [(e, visible_rect(e)) for e in widgets(screen_root)]
        for (a, ra), (b, rb) in itertools.combinations(placed, 2):
            if getattr(a, "parley_over", None) is b or getattr(b, "parley_over", None) is a:
                continue  # a see-through button over the picture it makes clickable (the table's rows)
            common = ra.clip(rb)
            if common.width > 2 and common.height > 2:
                problems.append(f"{type(a).__name__} {getattr(a, 'text', '')[:30]!r} {tuple(ra)} overlaps "
                                f"{type(b).__name__} {getattr(b, 'text', '')[:30]!r} {tuple(rb)}")
    return problems


class CheckingTour(Tour):
    """The screenshot tour, checking every screen it saves."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.problems: list[str] = []
        self.texts: dict[str, list[str]] = {}

    def shot(self, name: str, frames: int = 3) -> None:
        super().shot(name, frames)
        self.problems += [f"{name}: {p}" for p in cut_labels(self.app) + overlapping(self.app)]
        top = self.app.stack.top
        if name == "table":  # the points meter fits all its text at some allowed size, never cut to fit
            game, w, h = top.game, top.meter_rect[2], top.meter_rect[3]
            view = game.session.view(top.party)
            offer = view.standing_offer
            args = (view.points(tuple(top.selection)), view.walk_away, view.points(offer.package) if offer else None,
                    self.app.palette, self.app.fonts)
            if all(charts._meter((w, h), *args, False, step) is None for step in charts.TEXT_STEPS):
                self.problems.append(f"table: the meter cannot fit its text in {w}x{h}")
        self.texts[name] = [e.text for e in elements(self.app.manager.get_root_container())
                            if isinstance(e, UIButton) and e.text]


def test_text_steps_down_at_most_to_its_floor():
    from game.app.theme import class_font, fit_sizes

    for cls in (None, "@title", "@heading", "@subheading", "@small", "@status"):
        size = class_font(cls)[0]
        assert fit_sizes(cls, 1.0)[0] == size and fit_sizes(cls, 1.0)[-1] >= round(0.85 * size)
        big = fit_sizes(cls, 2.0)
        assert big[0] == 2 * size and big[-1] >= round(1.2 * size) and big == sorted(big, reverse=True)


@pytest.mark.parametrize("lang,size,scale", CONFIGS, ids=[f"{lg}-{w}x{h}-{s:g}" for lg, (w, h), s in CONFIGS])
def test_every_screen_renders_and_no_label_is_cut(tmp_path, lang, size, scale):
    tour = CheckingTour(tmp_path, size, None, scale, f"-{lang}-{scale:g}", lang)
    try:
        saved = tour.run()
    finally:
        tour.close()
    names = {p.name.split("-")[1] for p in saved}
    assert {"title", "briefing", "table", "outcome", "debrief", "settings"} <= names
    for path in saved:
        assert pygame.image.load(str(path)).get_size() == size
    propose = i18n.catalog(lang).gettext("Propose")
    assert any(t.startswith(propose[:3]) for t in tour.texts["table"]), tour.texts["table"]
    assert not tour.problems, "\n".join(tour.problems)


def test_the_screenshots_command_renders_the_chosen_language(tmp_path):
    from game.main import main

    assert main(["screenshots", str(tmp_path), "--size", "1024x600", "--text-scale", "2.0", "--lang", "tr"]) == 0
    assert (tmp_path / "05-table-1024x600.png").exists()
    i18n.set_language("en")


# -- keyboard-only games in Turkish and Russian ------------------------------------------------

@pytest.mark.parametrize("lang", ["tr", "ru"])
def test_a_whole_game_by_keyboard_only_in(make_app, lang):
    app = make_app()
    app.apply_settings(app.settings.with_(language=lang))
    from game.app.screens.title import TitleScreen

    app.stack.push(TitleScreen(app, select="tutorial"))
    app.pump(2)
    app.preset = {"seed": 3}
    press(app, pygame.K_RETURN)
    assert top_name(app) == "setup"
    press(app, pygame.K_2)
    press(app, pygame.K_RETURN)
    assert top_name(app) == "briefing"
    press(app, pygame.K_RETURN)
    game = app.stack.top.game
    party = game.setup.player

    def propose_button_translated(table):
        assert table.action_buttons["propose"].text.startswith(
            i18n.catalog(lang).gettext("Propose")[:3])

    negotiate_by_keyboard(app, game, party, check_table=propose_button_translated)
    assert top_name(app) == "outcome"
    press(app, pygame.K_RETURN)
    assert top_name(app) == "debrief"
    assert i18n.language() == lang


def test_the_settings_screen_switches_the_language_live(make_app):
    from game.app.screens.settings import SettingsScreen

    app = title_app(make_app)
    title = app.stack.top
    play_en = title.play_button.text
    app.stack.push(SettingsScreen(app))
    app.pump(2)
    settings = app.stack.top
    ru = next(b for b in elements(settings.root) if isinstance(b, UIButton) and b.text == "Русский")
    from test_app_support import click

    click(app, ru)
    press(app, pygame.K_RETURN)  # apply
    assert app.settings.language == "ru" and i18n.language() == "ru"
    assert settings.root is not None and any(isinstance(e, UILabel) and e.text == "Настройки"
                                             for e in elements(settings.root))
    press(app, pygame.K_ESCAPE)
    assert top_name(app) == "title"
    assert app.stack.top.play_button.text != play_en
    assert app.stack.top.play_button.text == i18n.catalog("ru").gettext(play_en) or "[" in app.stack.top.play_button.text


# -- focus and keys ------------------------------------------------------------------------------

def test_after_tab_the_focused_button_is_drawn_differently(make_app):
    app = title_app(make_app)
    title = app.stack.top
    app.pump(2)
    before = app.screen.copy()
    press(app, pygame.K_TAB)
    app.pump(2)
    rect = title.focused_rect()
    assert rect is not None
    ring = rect.inflate(4, 4)
    colour = app.palette["focus"]
    edge = [(x, ring.top) for x in range(ring.left + 8, ring.right - 8, 4)]
    assert sum(app.screen.get_at(p)[:3] == colour[:3] for p in edge) > len(edge) // 2
    assert any(app.screen.get_at(p) != before.get_at(p) for p in edge)


KEYS = {"enter": pygame.K_RETURN, "esc": pygame.K_ESCAPE, "f1": pygame.K_F1}


def test_every_table_action_has_a_key(make_app):
    from test_app_screens import start_table

    app = title_app(make_app, select="tutorial")
    table = start_table(app)
    pressed = []
    options = set(table.board.row_buttons + table.board.option_buttons)  # arrows, Tab and 1 ... 9
    for button, action in list(table._actions.items()):
        if button in options:
            continue
        full = button.tool_tip_text or button.text
        hint = re.search(r"\[([^\]]+)\]\s*$", full)
        assert hint, f"the button {full!r} names no key"
        key_name = hint.group(1).lower()
        key = KEYS.get(key_name, pygame.key.key_code(key_name) if len(key_name) == 1 else None)
        assert key is not None, full
        owner = action.__self__
        name = action.__name__
        calls = []
        setattr(owner, name, lambda calls=calls: calls.append(1))
        try:
            press(app, key)
        finally:
            delattr(owner, name)
        assert calls, f"{key_name} does not do {full!r}"
        pressed.append(name)
        while top_name(app) != "table":
            app.stack.pop()
    assert {"propose", "accept", "load_offer", "statements", "walk_away"} <= set(pressed)
