"""The issues of the negotiation table: one row per issue, and the options of the chosen issue.

Every issue is a row (two lines, or one when that keeps every issue of a long
scenario in view): its title and weight, YOUR pick with its points, THEIR
standing option (◆) with its points, and a mark where they changed it since
their previous offer, with what that change did to your points (▲ +3.2 /
▼ −1.5). Below the rows, the options of the focused issue, each with its whole
label (wrapped onto a second line when it must; never cut), its points, and the
marks: ✓ your pick, ◆ their offer, ⚠ crosses your red line with the rest of
your package. Meaning is never by colour alone.

pygame_gui buttons draw one line of text, so a row and an option are a picture
(`UIImage`, painted here, only when what it shows changes) under a see-through
button (`@overlay`) that takes the clicks, the hover and the tooltip. The
picture follows the state, not the button: your pick stays marked while the
buttons are disabled (the computer's turn), after news and after a resume.
Both lists scroll when they do not fit (large text on a small window) and
keep the focused row and option in view.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIImage, UIScrollingContainer

from game.app.layout import Metrics, Rect
from game.app.screens.base import esc, scroll_into_view, visible_rect
from game.app.table_model import PICK_MARK, RED_MARK, IssueLine
from game.app.theme import OFFER_MARK, fit_text, wrap_text
from game import i18n
from game.i18n import _, local

UP, DOWN = "▲", "▼"
ROW_FONT = 15   # px at 100% text: the body size (was 13-14 on the cards), readable from the back of a room
OPAQUE = True  # the pictures have no see-through pixel: pygame_gui need not premultiply their alpha


def two_lines(font, text: str, width: int) -> list[str]:
    """`text` on at most two lines of `width` pixels; only a text longer than that is cut (with …)."""
    lines = wrap_text(font, text, width)
    if len(lines) <= 2:
        return [fit_text(font, line, width) for line in lines]
    return [fit_text(font, lines[0], width), fit_text(font, " ".join(lines[1:]), width)]


def points_text(x: float) -> str:
    return i18n.number(x, 1)


class IssueTable:
    """The rows and the option list; `update` repaints only what changed."""

    def __init__(self, screen, rect: Rect, m: Metrics, issues, on_focus, on_pick):
        self.screen, self.issues = screen, issues
        app = screen.app
        self.fonts, self.palette = app.fonts, app.palette
        self.font = app.fonts.get(ROW_FONT)
        self.bold = app.fonts.get(ROW_FONT, bold=True)
        self.small = app.fonts.get(13)
        self.pad = pad = max(4, m.gap // 2)
        gap = self.gap = max(2, m.gap // 3)
        line = self.font.get_linesize()
        x, y, w, h = rect
        # -- sizes: the rows above, the options of the focused issue below --------------------
        head_h = self.small.get_linesize() + 2
        title_h = self.bold.get_linesize() + pad
        self.opt_w = w - 20
        self.opt_text_w = self.opt_w - 2 * pad - self._marks_w() - self.font.size("  00.0")[0] - 4
        self.opt_hs = [[self._option_h(k, o) for k, o in enumerate(issue.options)] for issue in issues]
        self.opt_h = max(max(hs) for hs in self.opt_hs)
        most = max(len(i.options) for i in issues)
        opts_total = max(sum(hs) + gap * (len(hs) - 1) for hs in self.opt_hs)
        want_opts = title_h + pad + opts_total
        # rows of two lines; of one line when that is what keeps every issue in view (many issues)
        self.row_lines = 2
        if head_h + len(issues) * (line * 2 + pad * 2 + gap) - gap + m.gap + want_opts > h:
            if head_h + len(issues) * (line + pad * 2 + gap) - gap + m.gap + want_opts <= h:
                self.row_lines = 1
        self.row_h = line * self.row_lines + pad * 2
        rows_total = len(issues) * (self.row_h + gap) - gap
        want_rows = head_h + rows_total
        if want_rows + m.gap + want_opts <= h:   # everything fits: the options get what is left
            rows_h = want_rows
        else:  # large text on a small window: the options keep what they need (to 60%), the rows scroll
            rows_h = max(head_h + self.row_h, h - m.gap - min(want_opts, round((h - m.gap) * 0.6)))
        rows_rect = (x, y, w, rows_h)
        options_rect = (x, y + rows_h + m.gap, w, h - rows_h - m.gap)
        # -- the rows -------------------------------------------------------------------------
        self.head = screen.image((x, y, w, head_h), pygame.Surface((max(1, w), head_h)))
        self.rows_rect = (x, y + head_h, w, rows_h - head_h)
        fits = rows_total <= self.rows_rect[3]
        self.rows_scroll = UIScrollingContainer(pygame.Rect(self.rows_rect), app.manager, container=screen.root,
                                                allow_scroll_x=False)
        self.row_w = w - (0 if fits else 20)
        self.columns = self._columns(self.row_w)
        self._paint_head(w, head_h)
        self.row_images, self.row_buttons = [], []
        for n, issue in enumerate(issues):
            r = (0, n * (self.row_h + gap), self.row_w, self.row_h)
            self.row_images.append(UIImage(pygame.Rect(r), pygame.Surface(r[2:]), app.manager,
                                           container=self.rows_scroll))
            b = screen.button(r, "", lambda n=n: on_focus(n), cls="@overlay", container=self.rows_scroll,
                              tooltip=esc(local(issue.title)), focusable=True)
            b.parley_over = self.row_images[-1]   # the see-through button over its picture
            self.row_buttons.append(b)
        if not fits:  # room under the last row: the bar's steps can always show it whole
            self.rows_scroll.set_scrollable_area_dimensions((self.row_w, rows_total + self.SCROLL_MARGIN))
        # -- the options of the focused issue ----------------------------------------------------
        x, y, w, h = options_rect
        self.title_image = screen.image((x, y, w, title_h), pygame.Surface((max(1, w), title_h)))
        self.opt_rect = (x, y + title_h + pad, w, max(1, h - title_h - pad))
        self.options_scroll = UIScrollingContainer(pygame.Rect(self.opt_rect), app.manager, container=screen.root,
                                                   allow_scroll_x=False)
        self.option_images, self.option_buttons = [], []
        for k in range(most):
            r = (0, k * (self.opt_h + gap), self.opt_w, self.opt_h)
            self.option_images.append(UIImage(pygame.Rect(r), pygame.Surface(r[2:]), app.manager,
                                              container=self.options_scroll))
            b = screen.button(r, "", lambda k=k: on_pick(self.focused, k), cls="@overlay",
                              container=self.options_scroll, focusable=False)
            b.parley_over = self.option_images[-1]
            self.option_buttons.append(b)
        self.focused = 0
        self.painted_rows: list = [None] * len(issues)
        self.painted_options: list = [None] * most
        self.option_pictures: list = [None] * most   # what each option shows (its image may be clipped)
        self._pictures: dict[tuple, pygame.Surface] = {}
        self.painted_title = None
        self.lines: list[IssueLine] = []

    # -- geometry ------------------------------------------------------------------------------
    def _columns(self, w: int) -> dict[str, tuple[int, int, int, int]]:
        """(x, line, width, lines) of each cell of a row: issue, weight, your pick, their offer.

        Wide rows have four columns, each cell on two lines. A narrow row (large text on a small window)
        stacks: the issue and its weight on the first line, your pick and their offer side by side on the
        second, so the issue's name is never squeezed into a sliver."""
        pad = self.pad
        weight_w = self.small.size("100%")[0] + pad
        self.stacked = w < self.font.size("M")[0] * 48 and self.row_lines == 2
        if self.stacked:
            half = (w - 3 * pad) // 2
            return {"issue": (pad, 0, w - 3 * pad - weight_w, 1), "weight": (w - pad - weight_w, 0, weight_w, 1),
                    "pick": (pad, 1, half, 1), "offer": (2 * pad + half, 1, half, 1)}
        rest = w - 2 * pad - weight_w - 3 * pad
        title_w = round(rest * 0.26)
        pick_w = round((rest - title_w) / 2)
        offer_w = rest - title_w - pick_w
        x, out = pad, {}
        for name, width in (("issue", title_w), ("weight", weight_w), ("pick", pick_w), ("offer", offer_w)):
            out[name] = (x, 0, width, self.row_lines)
            x += width + pad
        return out

    def _marks_w(self) -> int:
        return self.font.size(f"{PICK_MARK} {OFFER_MARK} ")[0]

    def _option_h(self, k: int, option) -> int:
        """An option is as tall as its whole label: it wraps onto as many lines as it needs, never cut."""
        lines = len(wrap_text(self.font, self._option_label(k, option), self.opt_text_w))
        return self.font.get_linesize() * lines + self.pad * 2

    @staticmethod
    def _option_label(k: int, option) -> str:
        return f"{k + 1}. {local(option.label)}"

    def row_rect(self, n: int) -> pygame.Rect | None:
        if not 0 <= n < len(self.row_buttons):
            return None
        rect = visible_rect(self.row_buttons[n])
        return rect if rect.width > 0 and rect.height > 0 else None

    # -- painting ------------------------------------------------------------------------------
    def _paint_head(self, w: int, h: int) -> None:
        s = pygame.Surface((max(1, w), h))
        s.fill(self.palette["background"])
        cols = self.columns
        heads = [("pick", _("Your pick")), ("offer", OFFER_MARK + " " + _("Their offer"))]
        if not self.stacked:
            heads += [("issue", _("Issue")), ("weight", "%")]
        for name, text in heads:
            x, _line, width, _n = cols[name]
            s.blit(self.small.render(fit_text(self.small, text, width), True, self.palette["muted"]), (x, 1))
        self.head.set_image(s)

    def update(self, lines: list[IssueLine], focused: int, enabled: bool, limit: int | None = None) -> bool:
        """Show `lines`; with a `limit`, paint at most that many changed rows and options now (a message
        from the other side changes every row: the frame that brings it stays short). True if some wait."""
        self.lines, self.focused, self.enabled_shown = lines, focused, enabled
        budget = len(lines) + len(self.option_images) if limit is None else limit
        for n, line in enumerate(lines):
            state = (line, n == focused)
            if self.painted_rows[n] != state and budget > 0:
                budget -= 1
                picture = self._painted(("row",) + state, self._paint_row, line, n == focused)
                self.row_images[n].set_image(picture, image_is_alpha_premultiplied=OPAQUE)
                self.painted_rows[n] = state
                self.row_buttons[n].tool_tip_text = self._row_tip(line)
            _set_state(self.row_buttons[n], enabled=True, selected=n == focused)
        line = lines[focused]
        issue = self.issues[focused]
        title = (issue.id, line.weight, focused)
        if title != self.painted_title:
            self.title_image.set_image(self._paint_title(focused, line), image_is_alpha_premultiplied=OPAQUE)
            self.painted_title = title
            self._place_options(focused)
        for k, (image, button) in enumerate(zip(self.option_images, self.option_buttons)):
            if k >= len(issue.options):
                button.hide()
                image.hide()
                self.painted_options[k] = None
                continue
            if not button.visible:
                button.show()
                image.show()
            state = (focused, k, line, enabled)
            if self.painted_options[k] != state and budget > 0:
                budget -= 1
                self.option_pictures[k] = self._painted(("option",) + state, self._paint_option, issue, k, line, enabled)
                image.set_image(self.option_pictures[k], image_is_alpha_premultiplied=OPAQUE)
                self.painted_options[k] = state
                option = issue.options[k]
                tip = esc(local(option.label))
                if local(option.description):
                    tip += "<br>" + esc(local(option.description))
                button.tool_tip_text = tip
            _set_state(button, enabled=enabled, selected=line.pick == k)
        return limit is not None and self.stale()

    def stale(self) -> bool:
        """Some row or option does not show its line yet (see `update`'s limit)."""
        issue = self.issues[self.focused]
        line = self.lines[self.focused]
        return (any(self.painted_rows[n] != (ln, n == self.focused) for n, ln in enumerate(self.lines))
                or any(self.painted_options[k] != (self.focused, k, line, self.enabled_shown)
                       for k in range(len(issue.options))))

    CACHE_SIZE = 256  # pictures kept: moving about the table shows the same rows again

    def _painted(self, key: tuple, paint, *args) -> pygame.Surface:
        """A picture painted once per state (a row or an option looks the same whenever its state recurs)."""
        picture = self._pictures.get(key)
        if picture is None:
            if len(self._pictures) >= self.CACHE_SIZE:
                self._pictures.clear()
            picture = self._pictures[key] = paint(*args)
        return picture

    def _place_options(self, n: int) -> None:
        """Each option of issue `n` as tall as its label needs (one line or two)."""
        for k in range(len(self.opt_hs[n])):
            self.painted_options[k] = None
        if self.opt_hs[n] == getattr(self, "_placed", None):
            return
        self._placed = self.opt_hs[n]
        y = 0
        for k, h in enumerate(self.opt_hs[n]):
            for element in (self.option_images[k], self.option_buttons[k]):
                if element.relative_rect.topleft != (0, y):
                    element.set_relative_position((0, y))
                if element.relative_rect.size != (self.opt_w, h):  # a button resized rebuilds its shape: rarely
                    element.set_dimensions((self.opt_w, h))
            self.painted_options[k] = None
            y += h + self.gap
        height = y - self.gap
        if height > self.opt_rect[3]:
            height += self.SCROLL_MARGIN
        self.options_scroll.set_scrollable_area_dimensions((self.opt_w, max(1, height)))

    def _row_tip(self, line: IssueLine) -> str:
        issue = self.issues[line.index]
        parts = [esc(local(issue.title)),
                 esc(_("Your pick: {option}").format(option=local(issue.options[line.pick].label)))]
        if line.theirs is not None:
            parts.append(esc(_("Their offer: {option}").format(option=local(issue.options[line.theirs].label))))
        return "<br>".join(parts)

    def _paint_row(self, line: IssueLine, focused: bool) -> pygame.Surface:
        p, font, pad = self.palette, self.font, self.pad
        issue = self.issues[line.index]
        s = pygame.Surface((self.row_w, self.row_h))
        s.fill(p["row_focus"] if focused else p["panel"])
        pygame.draw.rect(s, p["focus"] if focused else p["grid"], s.get_rect(), 2 if focused else 1, border_radius=4)
        cols, step = self.columns, font.get_linesize()
        number = f"{line.index + 1 if line.index < 9 else '·'}  "
        x, row, w, lines = cols["issue"]
        self._lines(s, self.bold, number + local(issue.title), x, pad + row * step, w, p["accent"], lines)
        x, row, w, _n = cols["weight"]
        weight = _("{w}%").format(w=i18n.number(round(line.weight, 1), 1).rstrip("0").rstrip(".,"))
        s.blit(self.small.render(weight, True, p["muted"]), (x, pad + row * step + 2))
        # your pick (⚠ when it crosses a red line with the rest of your package)
        x, row, w, lines = cols["pick"]
        red = line.pick in line.red
        mark = (RED_MARK + " ") if red else ""
        self._cell(s, mark + local(issue.options[line.pick].label), points_text(line.pick_points), x,
                   pad + row * step, w, lines, p["bad"] if red else p["text"], p["bad"] if red else p["good"])
        # their offer, and what they changed since their previous one (in your points)
        x, row, w, lines = cols["offer"]
        y = pad + row * step
        if line.theirs is None:
            s.blit(font.render(fit_text(font, _("no offer yet"), w), True, p["muted"]), (x, y))
            return s
        room = w
        if line.moved_by is not None:
            arrow = UP if line.moved_by > 0.05 else DOWN if line.moved_by < -0.05 else "•"
            tail = f"{arrow} {'+' if line.moved_by > 0.05 else ''}{points_text(line.moved_by)}"
            colour = p["good"] if line.moved_by > 0.05 else p["bad"] if line.moved_by < -0.05 else p["muted"]
            tw = font.size(tail)[0]
            tag = pygame.Rect(x + w - tw - 6, y + step * (lines - 1) - (1 if lines > 1 else 0), tw + 6, step)
            pygame.draw.rect(s, p["row_focus"], tag, border_radius=3)
            pygame.draw.rect(s, colour, tag, 1, border_radius=3)
            s.blit(font.render(tail, True, colour), (tag.x + 3, tag.y))
            room = w - tw - 10
        self._cell(s, OFFER_MARK + " " + local(issue.options[line.theirs].label), points_text(line.their_points),
                   x, y, w if lines > 1 else room, lines, p["text"], p["bad"], last_room=room)
        return s

    def _cell(self, s, text: str, tail: str, x: int, y: int, w: int, lines: int, colour, tail_colour, *,
              last_room: int | None = None) -> None:
        """A label on up to `lines` lines with its points at the end of the first line; the last line may be
        shorter (`last_room`: a tag beside it); only a label longer than that is cut (with …)."""
        font = self.font
        tw = font.size(" " + tail)[0]
        first_room = w - tw
        wrapped = wrap_text(font, text, first_room)
        first = fit_text(font, wrapped[0] if lines > 1 else text, first_room)
        s.blit(font.render(first, True, colour), (x, y))
        s.blit(font.render(tail, True, tail_colour), (x + w - font.size(tail)[0], y))
        rest = " ".join(wrapped[1:])
        if rest and lines > 1:
            s.blit(font.render(fit_text(font, rest, last_room or w), True, colour), (x, y + font.get_linesize()))

    def _lines(self, s, font, text: str, x: int, y: int, w: int, colour, lines: int = 2) -> None:
        shown = two_lines(font, text, w) if lines > 1 else [fit_text(font, text, w)]
        for n, line in enumerate(shown):
            s.blit(font.render(line, True, colour), (x, y + n * font.get_linesize()))

    def _paint_title(self, n: int, line: IssueLine) -> pygame.Surface:
        issue = self.issues[n]
        w, h = self.title_image.rect.size
        s = pygame.Surface((max(1, w), h))
        s.fill(self.palette["background"])
        text = _("Options on “{issue}”: 1 … {count} or Up / Down to pick").format(
            issue=local(issue.title), count=len(issue.options))
        if self.bold.size(text)[0] > w:  # the issue's name is in its row, just above: the keys stay whole
            text = _("Options: 1 … {count} or Up / Down to pick").format(count=len(issue.options))
        s.blit(self.bold.render(fit_text(self.bold, text, w), True, self.palette["accent"]), (0, 0))
        return s

    def _paint_option(self, issue, k: int, line: IssueLine, enabled: bool) -> pygame.Surface:
        p, font, pad = self.palette, self.font, self.pad
        option = issue.options[k]
        mine, theirs, red = line.pick == k, line.theirs == k, k in line.red
        s = pygame.Surface((self.opt_w, self.opt_hs[line.index][k]))
        s.fill(p["selected"] if mine else p["panel"])
        border = p["bad"] if theirs else p["selected_border"] if mine else p["grid"]
        pygame.draw.rect(s, border, s.get_rect(), 3 if theirs else 2 if mine else 1, border_radius=4)
        text_colour = p["text"] if (enabled or mine) else p["muted"]
        marks = [m for m in ((PICK_MARK, p["text"]) if mine else None, (OFFER_MARK, p["bad"]) if theirs else None,
                             (RED_MARK, p["text"] if mine else p["bad"]) if red else None) if m is not None]
        x = pad + 2
        space = " " if font.size(" ".join(m for m, _c in marks))[0] <= self._marks_w() - 4 else ""
        for mark, colour in marks:  # ✓ your pick, ◆ their offer, ⚠ crosses a red line: in the room of two
            s.blit(font.render(mark, True, colour), (x, pad))
            x += font.size(mark + space)[0]
        x = pad + 2 + self._marks_w()
        for n, text in enumerate(wrap_text(font, self._option_label(k, option), self.opt_text_w)):
            s.blit(font.render(text, True, text_colour), (x, pad + n * font.get_linesize()))
        pts = points_text(line.points[k])
        s.blit(font.render(pts, True, text_colour), (self.opt_w - pad - 4 - font.size(pts)[0], pad))
        return s

    # -- scrolling -----------------------------------------------------------------------------
    # A scroll bar moves in steps of its track's pixels (a few of the list's): aim a little wide of the row.
    SCROLL_MARGIN = 8

    def scroll_to(self, n: int) -> None:
        scroll_into_view(self.rows_scroll, self.row_buttons[n].relative_rect.inflate(0, 2 * self.SCROLL_MARGIN))

    def scroll_to_option(self, k: int) -> None:
        if 0 <= k < len(self.option_buttons):
            rect = self.option_buttons[k].relative_rect.inflate(0, 2 * self.SCROLL_MARGIN)
            scroll_into_view(self.options_scroll, rect)


def _set_state(button, *, enabled: bool, selected: bool) -> None:
    """Enable or disable a button and keep its selection: pygame_gui's `disable()` clears the selection and
    `enable()` draws the normal look, so the selection is put back after either."""
    if enabled and not button.is_enabled:
        button.enable()
    elif not enabled and button.is_enabled:
        button.disable()
    state = button.drawable_shape.active_state.state_id if button.drawable_shape is not None else None
    if selected and (not button.is_selected or state != "selected"):
        button.select()
    elif not selected and button.is_selected:
        button.unselect()
        if not enabled:
            button.drawable_shape.set_active_state("disabled")
