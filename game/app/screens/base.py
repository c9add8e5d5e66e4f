"""What every screen shares: a root container, widget helpers, keyboard focus.

A `Screen` builds its widgets in `build(metrics)` from its own state, so a
resize or a new text size just kills the root container and builds again.
Buttons are registered with an action; a click (pygame_gui's
UI_BUTTON_PRESSED) and the keyboard (Tab / Shift+Tab to move the focus ring,
Enter or Space to press) both call that same action. A screen declares its
keys once, in `keymap()` (`game.app.keymap`): that list dispatches the keys
(`on_key`), writes the F1 help (`shortcuts`) and the hints on its buttons
(`hinted(text, action)` gives "Walk away [W]").
"""

from __future__ import annotations

import html
from typing import Callable

import pygame
import pygame_gui
from pygame_gui.core import ObjectID, UIContainer
from pygame_gui.elements import UIButton, UIImage, UILabel, UIPanel, UITextBox, UITextEntryLine

from game.app import keymap as keys
from game.app.layout import Metrics, Rect, row
from game.app.logbox import LogBox
from game.app.scenes import Scene
from game.app.theme import class_font, fit_id, fit_sizes, shorten, strip_hint, wrap_id, wrap_text
from game.i18n import _

LINE_SPACING = 1.25  # pygame_gui's text boxes space lines by 1.25 line heights
ACTIVATE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


def esc(text: str) -> str:
    """Scenario or user text made safe for a pygame_gui HTML text box."""
    return html.escape(text or "", quote=False).replace("\n", "<br>")


def accent(text: str) -> str:
    """A heading inside a text box: bold, in the accent colour."""
    return "<b><font color='#e0a526'>" + esc(text) + "</font></b>"


def oid(cls: str | None) -> ObjectID | None:
    return ObjectID(class_id=cls) if cls else None


class Screen(Scene):
    name = "screen"
    help_title = ""
    layer = 1

    def __init__(self, app):
        self.app = app
        self.root: UIContainer | None = None
        self._actions: dict[object, Callable[[], None]] = {}
        self.focusables: list[object] = []
        self.focus_index = -1
        self.built = 0
        self.exited = False
        self.log_boxes: list[LogBox] = []

    # -- lifecycle -----------------------------------------------------------------
    def enter(self) -> None:
        self._build()

    def exit(self) -> None:
        self.exited = True
        self._kill()

    def rebuild(self) -> None:
        if self.root is None:  # covered by another screen: built when shown again
            return
        self._kill()
        self._build()

    def set_shown(self, shown: bool) -> None:
        if shown and self.root is None and not self.exited:
            self._build()
        elif not shown and self.root is not None:
            self._kill()

    def _build(self) -> None:
        m = self.app.metrics
        self.root = UIContainer(pygame.Rect(0, 0, m.width, m.height), self.app.manager, starting_height=self.layer)
        self._actions = {}
        self.focusables = []
        self.log_boxes = []
        self.build(m)
        self.built += 1
        if self.focus_index >= len(self.focusables):
            self.focus_index = len(self.focusables) - 1

    def _kill(self) -> None:
        if self.root is not None:
            self.root.kill()
            self.root = None

    def build(self, m: Metrics) -> None:
        """Create the widgets for the window described by `m`."""

    # -- widget helpers -------------------------------------------------------------
    def _parent(self, container):
        return container if container is not None else self.root

    def button(self, rect: Rect, text: str, action: Callable[[], None] | None, *, cls: str | None = None,
               container=None, tooltip: str | None = None, focusable: bool = True, enabled: bool = True) -> UIButton:
        b = UIButton(pygame.Rect(rect), text, self.app.manager, container=self._parent(container),
                     tool_tip_text=tooltip, object_id=oid(cls))
        b.parley_cls, b.parley_tooltip = cls, tooltip
        self.put_text(b, text)
        if action is not None:
            self._actions[b] = action
        if not enabled:
            b.disable()
        if focusable:
            self.focusables.append(b)
        return b

    def tab_row(self, rect: Rect, names: list[str], current: int, choose: Callable[[int], None]) -> list[UIButton]:
        """Equal tab buttons "1 Name", "2 Name"... across `rect`, the `current` one selected."""
        gap = self.app.metrics.gap
        widths = [(rect[2] - gap * (len(names) - 1)) // len(names)] * len(names)
        buttons = []
        for n, (place, name) in enumerate(zip(row(rect, widths, gap), names)):
            b = self.button(place, f"{n + 1} {name}", lambda n=n: choose(n), cls="@tab")
            if n == current:
                b.select()
            buttons.append(b)
        return buttons

    def label(self, rect: Rect, text: str, cls: str | None = None, container=None) -> UILabel | UITextBox:
        """A line of text; one too long for a line even a step smaller wraps onto lines, if the height holds them."""
        element = UILabel(pygame.Rect(rect), "", self.app.manager, container=self._parent(container),
                          object_id=oid(cls))
        element.parley_cls = cls
        if self.put_text(element, text) == text:
            return element
        bold, sizes = self.text_sizes(cls)
        for px in sizes:
            font = self.app.fonts.px(px, bold)
            if len(wrap_text(font, text, rect[2] - 4)) * font.get_linesize() > rect[3]:
                continue
            html_text = f"<b>{esc(text)}</b>" if bold else esc(text)  # a text box draws the theme's regular face
            box = UITextBox(html_text, pygame.Rect(rect), self.app.manager, container=self._parent(container),
                            object_id=ObjectID(object_id=wrap_id(px, bold), class_id=cls))
            if box.scroll_bar is None:  # pygame_gui's own layout decides: the lines fit
                element.kill()
                box.parley_full = text
                return box
            box.kill()
        return element

    def height_for(self, text: str, width: int, cls: str | None, line_h: int) -> int:
        """Height a `label` of `text` needs in `width`: `line_h` if one line holds it (a step smaller at most),
        else the height of its lines wrapped at full size."""
        bold, sizes = self.text_sizes(cls)
        if self.app.fonts.px(sizes[-1], bold).size(text)[0] <= width - 4:
            return line_h
        full = self.app.fonts.px(sizes[0], bold)
        return max(line_h, len(wrap_text(full, text, width - 4)) * round(full.get_linesize() * LINE_SPACING) + 6)

    def text_sizes(self, cls: str | None, kind: str = "label") -> tuple[bool, list[int]]:
        """Whether text of `cls` is bold, and the pixel sizes it may take, largest first (`theme.fit_sizes`)."""
        return class_font(cls, kind)[1], fit_sizes(cls, self.app.settings.text_scale, kind)

    def fits(self, element, text: str) -> bool:
        """Would `put_text` show `text` whole on `element` (at some allowed size)?"""
        bold, sizes = self.text_sizes(getattr(element, "parley_cls", None), _kind(element))
        return self.app.fonts.px(sizes[-1], bold).size(text)[0] <= text_room(element)

    def put_text(self, element, text: str) -> str:
        """Show `text` on a button or label as whole as its place allows; return what is shown.

        In order: the whole text at the size the text scale asks for, then a step
        smaller, down to the floor `theme.fit_sizes` sets (a key hint stays as long
        as it can); then a button's text without its key hint (the keys stay in the
        F1 help and the tooltip), from the full size down; only then cut with an
        ellipsis. A button that does not show its whole text keeps it in its
        tooltip; `element.parley_full` always holds the whole text.
        """
        kind, cls = _kind(element), getattr(element, "parley_cls", None)
        bold, sizes = self.text_sizes(cls, kind)
        room = text_room(element)
        bare = strip_hint(text) if kind == "button" else text
        tries = [(text, px) for px in sizes] + ([(bare, px) for px in sizes] if bare != text else [])
        shown, px = next(((t, px) for t, px in tries if self.app.fonts.px(px, bold).size(t)[0] <= room), (None, sizes[-1]))
        if shown is None:
            shown = shorten(self.app.fonts.px(px, bold), bare, room)
        wanted, current = (0 if px == sizes[0] else px), getattr(element, "parley_px", 0)
        element.parley_full = text
        if kind == "button":
            tooltip = getattr(element, "parley_tooltip", None)
            element.tool_tip_text = tooltip if shown == text else esc(text) + (f"<br>{tooltip}" if tooltip else "")
        # the new text first when the font grows, the new font first when it shrinks: neither ever overflows
        growing = current and (not wanted or wanted > current)
        if growing:
            self.set_text(element, shown)
        if current != wanted:
            element.change_object_id(oid(cls) if not wanted else ObjectID(object_id=fit_id(px, bold), class_id=cls))
            element.parley_px = wanted
        if not growing:
            self.set_text(element, shown)
        return shown

    def text_box(self, rect: Rect, html_text: str, cls: str | None = None, container=None) -> UITextBox:
        return UITextBox(html_text, pygame.Rect(rect), self.app.manager, container=self._parent(container),
                         object_id=oid(cls))

    def log_text(self, rect: Rect, markup: str | None = None, container=None) -> LogBox:
        """A box of text that appears in one frame at any length (a `UITextBox` parses and lays out its
        whole text when built): `<b>`, `<font color>`, `<br>` and entities; it scrolls when long."""
        box = LogBox(rect, self.app.manager, self.app.fonts, container=self._parent(container))
        if markup is not None:
            box.set_text(markup)
        self.log_boxes.append(box)
        return box

    def update(self, dt: float) -> None:
        for box in self.log_boxes:   # follow their scroll bars
            box.update()

    def image(self, rect: Rect, surface: pygame.Surface, container=None) -> UIImage:
        return UIImage(pygame.Rect(rect), surface, self.app.manager, container=self._parent(container))

    def panel(self, rect: Rect, cls: str | None = None, container=None, layer: int = 1) -> UIPanel:
        return UIPanel(pygame.Rect(rect), starting_height=layer, manager=self.app.manager,
                       container=self._parent(container), object_id=oid(cls))

    def entry(self, rect: Rect, text: str, container=None) -> UITextEntryLine:
        e = UITextEntryLine(pygame.Rect(rect), self.app.manager, container=self._parent(container), initial_text=text)
        self.focusables.append(e)
        return e

    def font_px(self, cls: str | None) -> int:
        sizes = {"@title": 40, "@heading": 21, "@subheading": 16, "@small": 13, "@option": 14, "@tab": 14}
        return sizes.get(cls or "", 15)

    @staticmethod
    def set_text(element, text: str) -> None:
        """Change a widget's text only when it differs (a new text re-renders the widget)."""
        current = getattr(element, "html_text", None) if hasattr(element, "html_text") else element.text
        if current != text:
            element.set_text(text)

    def on(self, element, action: Callable[[], None]) -> None:
        self._actions[element] = action

    # -- events ---------------------------------------------------------------------
    def handle_event(self, event) -> bool:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            action = self._actions.get(event.ui_element)
            if action is not None:
                action()
                return True
            return False
        if event.type == pygame.KEYDOWN:
            if self.on_key(event.key, event.mod):
                return True
            if event.key == pygame.K_TAB:
                self.move_focus(-1 if event.mod & pygame.KMOD_SHIFT else 1)
                return True
            if event.key in ACTIVATE_KEYS and 0 <= self.focus_index < len(self.focusables):
                target = self.focusables[self.focus_index]
                if isinstance(target, UIButton):
                    self.activate(target)
                    return True
        if any(box.handle_event(event) for box in self.log_boxes):  # the mouse wheel over a box of text
            return True
        return self.on_event(event)

    def keymap(self) -> list[keys.Binding]:
        """Hook: this screen's keys, once (dispatch, F1 help and button hints all read it)."""
        return []

    def hinted(self, text: str, action: str) -> str:
        """A button's text with the key that runs the same action: "Walk away [W]"."""
        return keys.hinted(self.keymap(), text, action)

    def on_key(self, key: int, mod: int) -> bool:
        """Run the keymap's binding for `key`; True if one acted."""
        binding = keys.find(self.keymap(), key, mod)
        if binding is None or (binding.guard is not None and not getattr(self, binding.guard)()):
            return False
        action = getattr(self, binding.action)
        if binding.pass_key:
            action(key)
        else:
            action()
        return True

    def no_button_focused(self) -> bool:
        """Guard for an Enter binding: Enter presses the focused button instead, when there is one."""
        return not self.button_focused()

    def button_focused(self) -> bool:
        """True when the keyboard focus ring is on a button (Enter presses it)."""
        return (self.app.keyboard_used and 0 <= self.focus_index < len(self.focusables)
                and isinstance(self.focusables[self.focus_index], UIButton))

    def on_event(self, event) -> bool:
        return False

    def activate(self, element) -> None:
        action = self._actions.get(element)
        if action is not None and getattr(element, "is_enabled", True):
            action()

    def move_focus(self, step: int) -> None:
        usable = [n for n, e in enumerate(self.focusables) if getattr(e, "is_enabled", True) and e.visible]
        if not usable:
            return
        if self.focus_index not in usable:
            self.focus_index = usable[0] if step > 0 else usable[-1]
        else:
            pos = usable.index(self.focus_index)
            self.focus_index = usable[(pos + step) % len(usable)]
        target = self.focusables[self.focus_index]
        if isinstance(target, UITextEntryLine):
            self.app.manager.set_focus_set(target)
        else:
            self.app.manager.set_focus_set(None)
        self.focus_changed(target)

    def focus_changed(self, element) -> None:
        """Hook: scroll the element into view, show its details..."""

    def focus_on(self, element) -> None:
        if element in self.focusables:
            self.focus_index = self.focusables.index(element)

    def common_keys(self) -> list[keys.Binding]:
        """Keys every screen has (handled by the base screen and the window): help lines only."""
        return [keys.Binding((), None, _("Tab / Shift+Tab"), _("Move between buttons")),
                keys.Binding((), None, _("Enter / Space"), _("Press the highlighted button")),
                keys.Binding((), None, "F1", _("This help")), keys.Binding((), None, "F11", _("Full screen on or off"))]

    def shortcuts(self) -> list[tuple[str, str]]:
        return keys.help_items(self.keymap() + self.common_keys())

    # -- drawing -------------------------------------------------------------------
    def focused_rect(self) -> pygame.Rect | None:
        if not self.app.keyboard_used or not 0 <= self.focus_index < len(self.focusables):
            return None
        element = self.focusables[self.focus_index]
        if not element.alive() or not element.visible:
            return None
        rect = visible_rect(element)
        return rect if rect.width > 0 and rect.height > 0 else None

    def draw_after(self, surface: pygame.Surface) -> None:
        rect = self.focused_rect()
        if rect is not None:
            width = max(2, round(2 * self.app.settings.text_scale))
            pygame.draw.rect(surface, self.app.palette["focus"], rect.inflate(width * 2, width * 2), width,
                             border_radius=6)


class TabKeys:
    """Keys of a screen with numbered tabs (`tab`, `set_tab`, `tab_count`): 1 … n, and Left / Right."""

    tab: int
    tab_count: int

    def tabs_usable(self) -> bool:
        return True

    def tab_digit(self, key: int) -> None:
        n = keys.digit_of(key)
        if self.tabs_usable() and n is not None and n <= self.tab_count:
            self.set_tab(n - 1)

    def step_tab(self, key: int) -> None:
        if self.tabs_usable():
            self.set_tab(self.tab + (-1 if key == pygame.K_LEFT else 1))

    def tab_bindings(self, help_text: str) -> list[keys.Binding]:
        label = _("1 … {n}, Left / Right").format(n=self.tab_count)
        return [keys.Binding(keys.DIGITS, "tab_digit", label, help_text, pass_key=True),
                keys.Binding((pygame.K_LEFT, pygame.K_RIGHT), "step_tab", label, help_text, pass_key=True)]


def _kind(element) -> str:
    return "button" if isinstance(element, UIButton) else "label"


def visible_rect(element) -> pygame.Rect:
    """The part of a widget on screen: its rectangle clipped by every container it sits in (scrolled lists)."""
    rect, container = element.rect.copy(), element.ui_container
    for _depth in range(16):  # the manager's root container is its own container
        if container is None:
            break
        rect = rect.clip(container.get_rect())
        parent = getattr(container, "ui_container", None)
        container = parent if parent is not container else None
    return rect


def text_room(element) -> int:
    """Pixels of a button's or label's width its text may use (less the theme's side padding)."""
    try:
        pad = int(element.ui_theme.get_misc_data("text_horiz_alignment_padding", element.combined_element_ids) or 0)
    except (AttributeError, LookupError, TypeError, ValueError):  # no padding in the theme
        pad = 0
    return element.rect.width - 2 * pad - 2


def scroll_into_view(scroll, rect: pygame.Rect) -> None:
    """Scroll a scrolling container the least that shows `rect` (in the scrolled area's coordinates:
    a widget's `relative_rect`)."""
    bar = getattr(scroll, "vert_scroll_bar", None)
    if bar is None:
        return
    total = max(1, scroll.get_container().get_rect().height)
    visible, start = bar.visible_percentage, bar.start_percentage
    if rect.top / total < start:
        bar.set_scroll_from_start_percentage(max(0.0, rect.top / total))
    elif rect.bottom / total > start + visible:
        bar.set_scroll_from_start_percentage(max(0.0, min(1.0 - visible, rect.bottom / total - visible)))


def scroll_text(box, key: int) -> None:
    """Scroll a text box (a `UITextBox` or a `LogBox`) with the keyboard."""
    bar = getattr(box, "scroll_bar", None) or getattr(box, "bar", None)
    if bar is None:
        return
    step = {pygame.K_DOWN: 0.08, pygame.K_UP: -0.08, pygame.K_PAGEDOWN: 0.4, pygame.K_PAGEUP: -0.4}[key]
    visible = getattr(bar, "visible_percentage", 0.2)
    new = max(0.0, min(1.0 - visible, bar.start_percentage + step * max(visible, 0.1) * 2))
    bar.set_scroll_from_start_percentage(new)
