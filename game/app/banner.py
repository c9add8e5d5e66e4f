"""A strip across the top of the window that says something about the connection."""

from __future__ import annotations

import pygame


class Banner:
    def __init__(self) -> None:
        self.text = ""

    def show(self, text: str) -> None:
        self.text = text

    def hide(self) -> None:
        self.text = ""

    def draw(self, app, surface: pygame.Surface) -> None:
        if not self.text:
            return
        font = app.fonts.get(15)
        image = font.render(self.text, True, app.palette["background"], app.palette["accent"])
        pad = max(4, image.get_height() // 3)
        rect = pygame.Rect(0, 0, surface.get_width(), image.get_height() + 2 * pad)
        pygame.draw.rect(surface, app.palette["accent"], rect)
        surface.blit(image, ((rect.w - image.get_width()) // 2, pad))
