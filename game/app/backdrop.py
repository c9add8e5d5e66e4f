"""Flat pictures behind a dialog: the veil over the screen below, and the dialog's frame.

A pygame_gui `UIPanel` builds a drawable shape with a surface for each of its five
states: a full-window veil cost about 9 ms and a dialog's frame 3 ms, both in the frame
that opens the dialog (the news after the other side's move). A `Backdrop` is a single
surface, drawn once per size and look and then shared, and it catches the mouse clicks
over it as a panel does, so nothing under a dialog can be clicked.
"""

from __future__ import annotations

import pygame
from pygame_gui.core import UIElement

_DRAWN: dict[tuple, pygame.Surface] = {}
_KEEP = 16  # distinct sizes and looks kept (a window resized many times drops the oldest)


def _number(value, default: int = 0) -> int:
    """A theme's misc value: a number, a numeric string, or a per-side dict (its largest side)."""
    if isinstance(value, dict):
        return max((_number(v) for v in value.values()), default=default)
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _misc(theme, name: str, ids: list[str]) -> int:
    try:
        return _number(theme.get_misc_data(name, ids))
    except LookupError:  # not themed: pygame_gui's own default for a panel is none
        return 0


def surface_for(size: tuple[int, int], fill: pygame.Color, border: pygame.Color, width: int,
                radius: int) -> pygame.Surface:
    """A rounded rectangle with a border, in the premultiplied colours pygame_gui blits with."""
    key = (size, tuple(fill), tuple(border), width, radius)
    surface = _DRAWN.get(key)
    if surface is None:
        surface = pygame.Surface(size, pygame.SRCALPHA)
        rect = surface.get_rect()
        if width > 0 and border.a:
            pygame.draw.rect(surface, border, rect, border_radius=radius)
            pygame.draw.rect(surface, fill, rect.inflate(-2 * width, -2 * width), border_radius=max(0, radius - width))
        else:
            pygame.draw.rect(surface, fill, rect, border_radius=radius)
        if len(_DRAWN) >= _KEEP:
            _DRAWN.pop(next(iter(_DRAWN)))
        _DRAWN[key] = surface
    return surface


class Backdrop(UIElement):
    """A panel's look (`dark_bg`, `normal_border`, `border_width`, `shape_corner_radius` of the
    theme class `cls`) without a panel's cost; a mouse button pressed over it goes no further."""

    def __init__(self, rect, manager, cls: str, container=None, starting_height: int = 1):
        super().__init__(pygame.Rect(rect), manager, container, starting_height=starting_height, layer_thickness=1,
                         element_id=["backdrop"])
        theme = manager.get_theme()
        ids = [cls, "panel"]
        self.shared = surface_for(self.rect.size, theme.get_colour("dark_bg", ids), theme.get_colour("normal_border", ids),
                                  _misc(theme, "border_width", ids), _misc(theme, "shape_corner_radius", ids))
        self.image = self.shared  # shown as it is: `_set_image` would copy it, 0.5-4 ms for a window's veil

    def _set_image_clip(self, rect) -> None:
        if rect is not None and self.image is self.shared:  # clipping draws into the image: never the shared one
            self.image = self.shared.copy()
        super()._set_image_clip(rect)

    def process_event(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.MOUSEBUTTONDOWN and event.button in (pygame.BUTTON_LEFT, pygame.BUTTON_RIGHT,
                                                                       pygame.BUTTON_MIDDLE):
            x, y = self.ui_manager.calculate_scaled_mouse_position(event.pos)
            return self.hover_point(x, y)
        return False
