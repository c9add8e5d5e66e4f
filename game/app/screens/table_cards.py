"""The issue cards of the negotiation table: one card per issue, one button per option.

Each option shows its points to you (weight x value / 100 as things stand), and
a thick red frame and a ◆ mark (not colour alone) show the option of their
standing offer.
The grid scrolls when the cards do not fit; `scroll_to` keeps the focused card
in view for keyboard players.
"""

from __future__ import annotations

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIScrollingContainer

from game.app.layout import Metrics, Rect, grid
from game.app.screens.base import scroll_into_view
from game.app.theme import OFFER_MARK, fit_text
from game import i18n
from game.i18n import _, local


class CardGrid:
    def __init__(self, screen, rect: Rect, m: Metrics, issues, on_pick):
        self.screen = screen
        self.rect = rect
        self.scroll = UIScrollingContainer(pygame.Rect(rect), screen.app.manager, container=screen.root,
                                           allow_scroll_x=False)
        self.cards = []
        self.buttons: list[list] = []
        self.points: list[list] = []
        self.markers: list[list] = []
        self.weights = []
        width = rect[2] - 20
        gap = m.gap
        cols, _rows = grid((0, 0, width, 0), len(issues), round(m.font * 19), gap)
        card_w = (width - gap * (cols - 1)) // cols
        opt_h = round(m.line * 0.95)
        pad = max(4, m.gap // 2)
        weight_w = round(m.font * 3.2)
        titles = [f"{n + 1 if n < 9 else '·'}  {local(issue.title)}" for n, issue in enumerate(issues)]
        title_hs = [screen.height_for(t, card_w - 2 * pad - 4 - weight_w, "@subheading", m.line) for t in titles]
        y = 0
        for start in range(0, len(issues), cols):
            title_h = max(title_hs[start:start + cols])  # a title wraps only where it must: cards in a row align
            row_h = max(title_h + pad * 2 + len(i.options) * (opt_h + pad) for i in issues[start:start + cols])
            for c, issue in enumerate(issues[start:start + cols]):
                n = start + c
                x = c * (card_w + gap)
                # The card's frame is drawn by the screen under the widgets (`draw`), not by a panel:
                # a panel per card costs a large alpha blit every frame.
                card = _Card(pygame.Rect(x, y, card_w, row_h))
                inner_w = card_w - 2 * pad - 4
                screen.label((x + pad, y + pad, inner_w - weight_w, title_h), titles[n], "@subheading",
                             container=self.scroll)
                self.weights.append(screen.label((x + pad + inner_w - weight_w, y + pad, weight_w, title_h), "",
                                                 "@small", container=self.scroll))
                row_buttons = []
                for k, option in enumerate(issue.options):
                    oy = pad + title_h + k * (opt_h + pad)
                    tip = local(option.label)
                    if local(option.description):
                        tip += "<br>" + local(option.description)
                    b = screen.button((x + pad, y + oy, inner_w, opt_h), "", lambda n=n, k=k: on_pick(n, k),
                                      cls="@option", container=self.scroll, tooltip=tip, focusable=False)
                    b.parley_label = f"{k + 1}. {local(option.label)}"
                    row_buttons.append(b)
                self.cards.append(card)
                self.buttons.append(row_buttons)
                self.points.append([None] * len(row_buttons))
                self.markers.append([False] * len(row_buttons))
            y += row_h + gap
        self.text_w = inner_w - 16  # the button's text area (theme padding 8 each side)
        self.font = screen.app.fonts.get(14)
        self.scroll.set_scrollable_area_dimensions((width, max(1, y - gap)))

    def update(self, selection: list[int], offer: tuple | None, values: list[list[float]], weights: list[float],
               enabled: bool) -> None:
        for n, row in enumerate(self.buttons):
            text = _("{w}%").format(w=i18n.number(round(weights[n], 1), 1).rstrip("0").rstrip(".,"))
            if getattr(self.weights[n], "parley_full", None) != text:
                self.screen.put_text(self.weights[n], text)
            for k, b in enumerate(row):
                want = offer is not None and offer[n] == k
                if want != self.markers[n][k]:  # the opponent's offer: a thick red frame and OFFER_MARK
                    b.change_object_id(ObjectID(class_id="@option_offer" if want else "@option"))
                    self.markers[n][k] = want
                    self.points[n][k] = None
                text = i18n.number(values[n][k], 1)
                if want:  # not by colour alone: a mark as well as the frame (the offer label carries the same mark)
                    text = f"{OFFER_MARK} {text}"
                if self.points[n][k] != text:
                    b.set_text(self.compose(b.parley_label, text))
                    self.points[n][k] = text
                if selection[n] == k:
                    if not b.is_selected:
                        b.select()
                elif b.is_selected:
                    b.unselect()
                if enabled and not b.is_enabled:
                    b.enable()
                elif not enabled and b.is_enabled:
                    b.disable()

    def compose(self, label: str, points: str) -> str:
        """The option's label, cut to fit, and its points pushed to the right edge with hair spaces."""
        font = self.font
        room = self.text_w - font.size(points)[0] - font.size("  ")[0]
        label = fit_text(font, label, room)
        gap = self.text_w - font.size(label)[0] - font.size(points)[0]
        hair = max(1, font.size("\u200a")[0])
        return label + "\u200a" * max(2, gap // hair - 1) + points

    def _view(self) -> pygame.Rect:
        return self.scroll.rect

    def _absolute(self, card: "_Card") -> pygame.Rect:
        inner = self.scroll.get_container().get_rect()
        return card.rect.move(inner.topleft)

    def scroll_to(self, n: int) -> None:
        if self.cards:
            scroll_into_view(self.scroll, self.cards[n].rect)

    def card_rect(self, n: int) -> pygame.Rect | None:
        if not 0 <= n < len(self.cards):
            return None
        rect = self._absolute(self.cards[n]).clip(self._view())
        return rect if rect.width > 0 and rect.height > 0 else None

    def draw(self, surface: pygame.Surface, palette) -> None:
        """The cards' frames, under the widgets, clipped to the scrolling view."""
        view = self._view()
        old = surface.get_clip()
        surface.set_clip(view)
        for card in self.cards:
            rect = self._absolute(card)
            if rect.colliderect(view):
                pygame.draw.rect(surface, palette["panel"], rect)
                pygame.draw.rect(surface, palette["grid"], rect, 1)
        surface.set_clip(old)


class _Card:
    """Where a card sits inside the scrolling area."""

    visible = True
    is_enabled = True

    def __init__(self, rect: pygame.Rect):
        self.rect = rect

    def alive(self) -> bool:
        return True
