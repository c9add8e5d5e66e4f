"""What every screen shares: a root container, widget helpers, keyboard focus.

A `Screen` builds its widgets in `build(metrics)` from its own state, so a
resize or a new text size just kills the root container and builds again.
Buttons are registered with an action; a click (pygame_gui's
UI_BUTTON_PRESSED) and the keyboard (Tab / Shift+Tab to move the focus ring,
Enter or Space to press) both call that same action. Screens add their own
shortcuts in `on_key` and list them in `shortcuts()` for the help overlay (F1).
"""

from __future__ import annotations

import html
from typing import Callable

import pygame
import pygame_gui
from pygame_gui.core import ObjectID, UIContainer
from pygame_gui.elements import UIButton, UIImage, UILabel, UIPanel, UITextBox, UITextEntryLine

from game.app.layout import Metrics, Rect
from game.app.scenes import Scene
from game.app.theme import shorten
from game.i18n import _

ACTIVATE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


def esc(text: str) -> str:
    """Scenario or user text made safe for a pygame_gui HTML text box."""
    return html.escape(text or "", quote=False).replace("\n", "<br>")


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
        self.full_texts: dict[str, str] = {}  # shortened text -> the whole text (see fit)
        self.focus_index = -1
        self.built = 0
        self.exited = False

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
        full = self.full_texts.get(text, text)
        b = UIButton(pygame.Rect(rect), text, self.app.manager, container=self._parent(container),
                     tool_tip_text=tooltip, object_id=oid(cls))
        short = shorten(b.font, text, text_room(b))  # the element's own font: a label never spills out
        if short != text:
            b.set_text(short)
        if short != full:  # a shortened label keeps its whole text (and key hint) in the tooltip
            b.tool_tip_text = esc(full) + (f"<br>{tooltip}" if tooltip else "")
        if action is not None:
            self._actions[b] = action
        if not enabled:
            b.disable()
        if focusable:
            self.focusables.append(b)
        return b

    def label(self, rect: Rect, text: str, cls: str | None = None, container=None, fit: bool = True) -> UILabel:
        if fit:
            text = self.fit(text, rect[2] - 4, cls)
        return UILabel(pygame.Rect(rect), text, self.app.manager, container=self._parent(container), object_id=oid(cls))

    def text_box(self, rect: Rect, html_text: str, cls: str | None = None, container=None) -> UITextBox:
        return UITextBox(html_text, pygame.Rect(rect), self.app.manager, container=self._parent(container),
                         object_id=oid(cls))

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

    def fit(self, text: str, width: int, cls: str | None = None) -> str:
        bold = cls in ("@title", "@heading", "@subheading", "@status", "@primary")
        short = shorten(self.app.fonts.get(self.font_px(cls), bold=bold), text, width - 16)
        if short != text:
            self.full_texts[short] = text
        return short

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
        return self.on_event(event)

    def on_key(self, key: int, mod: int) -> bool:
        return False

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

    def shortcuts(self) -> list[tuple[str, str]]:
        return [(_("Tab / Shift+Tab"), _("Move between buttons")), (_("Enter / Space"), _("Press the highlighted button")),
                ("F1", _("This help")), ("F11", _("Full screen on or off"))]

    # -- drawing -------------------------------------------------------------------
    def focused_rect(self) -> pygame.Rect | None:
        if not self.app.keyboard_used or not 0 <= self.focus_index < len(self.focusables):
            return None
        element = self.focusables[self.focus_index]
        if not element.alive() or not element.visible:
            return None
        rect = element.rect.copy()
        container = element.ui_container
        for _depth in range(16):  # the manager's root container is its own container
            if container is None:
                break
            rect = rect.clip(container.get_rect())
            parent = getattr(container, "ui_container", None)
            container = parent if parent is not container else None
        return rect if rect.width > 0 and rect.height > 0 else None

    def draw_after(self, surface: pygame.Surface) -> None:
        rect = self.focused_rect()
        if rect is not None:
            width = max(2, round(2 * self.app.settings.text_scale))
            pygame.draw.rect(surface, self.app.palette["focus"], rect.inflate(width * 2, width * 2), width,
                             border_radius=6)


def text_room(element) -> int:
    """Pixels of a button's or label's width its text may use (less the theme's side padding)."""
    try:
        pad = int(element.ui_theme.get_misc_data("text_horiz_alignment_padding", element.combined_element_ids) or 0)
    except (AttributeError, LookupError, TypeError, ValueError):  # no padding in the theme
        pad = 0
    return element.rect.width - 2 * pad - 2


def scroll_text(box, key: int) -> None:
    """Scroll a text box with the keyboard."""
    bar = getattr(box, "scroll_bar", None)
    if bar is None:
        return
    step = {pygame.K_DOWN: 0.08, pygame.K_UP: -0.08, pygame.K_PAGEDOWN: 0.4, pygame.K_PAGEUP: -0.4}[key]
    visible = getattr(bar, "visible_percentage", 0.2)
    new = max(0.0, min(1.0 - visible, bar.start_percentage + step * max(visible, 0.1) * 2))
    bar.set_scroll_from_start_percentage(new)
