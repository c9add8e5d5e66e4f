"""The negotiation table: compose a package on the issue cards, watch its points
against your walk-away value, answer the opponent's offer, talk, and follow the news.

The computer's turn runs in a worker thread (`Game.start_ai_turn`); meanwhile the
screen says who is thinking and keeps drawing. Keys: Left/Right or Tab move
between cards, Up/Down or the digits pick an option, Enter proposes, A accepts,
L loads their offer into the cards, S opens the statements, W walks away, B
shows the briefing again, Esc leaves the game.
"""

from __future__ import annotations

import pygame

from game.app import flow, table_text
from game.app.charts import meter
from game.app.layout import Metrics, row, split_h, split_v
from game.app.screens.base import Screen, esc
from game.app.screens.dialogs import ConfirmDialog, NoticeDialog
from game.app.screens.table_cards import CardGrid
from game.app.theme import OFFER_MARK, strip_hint
from game.i18n import _, local
from game.negotiation.moves import Move
from game.negotiation.session import IllegalMove


class TableScreen(Screen):
    name = "table"

    def __init__(self, app, game, party: str):
        super().__init__(app)
        self.game, self.party = game, party
        self.other = game.scenario.other(party)
        self.card = 0
        self.selection = self._initial_selection()
        self.message = ""
        self.seen_version = -1
        self.think_timer = 0.0
        self.dots = 0.0
        game.walk_seen.setdefault(party, self.view().walk_away)
        self.leaving = False

    @property
    def help_title(self) -> str:
        return _("Negotiation table")

    @property
    def animating(self) -> bool:
        return self.game.thinking

    def view(self):
        return self.game.session.view(self.party)

    def _initial_selection(self) -> list[int]:
        mine = [o for o in self.game.offers if o.party == self.party]
        if mine:
            return list(mine[-1].indexes)
        view = self.view()
        return [max(range(len(issue.options)), key=lambda k: view.value(n, k)) for n, issue in enumerate(view.issues)]

    # -- layout --------------------------------------------------------------------------
    def build(self, m: Metrics) -> None:
        scenario = self.game.scenario
        labels = [(_("Propose [Enter]"), self.propose, "@primary"), (_("Accept offer [A]"), self.accept, None),
                  (_("Load offer [L]"), self.load_offer, None), (_("Say… [S]"), self.statements, None),
                  (_("Walk away [W]"), self.walk_away, "@danger")]
        action_w, two_rows = self.action_widths(m, labels)
        bottom_h = m.line * 2 + m.gap if two_rows else m.line
        top, body, bottom = split_v(m.content(), [m.line, 1.0, bottom_h], gap=m.gap)
        font = self.app.fonts.get(15)
        tops = [(_("Briefing [B]"), self.show_briefing), (_("Help [F1]"), self.app.show_help),
                (_("Leave [Esc]"), self.leave)]
        widths = [min(round(m.font * 9.5), font.size(t)[0] + round(m.font * 1.6)) for t, _a in tops]
        room = max(0, top[2] - round(top[2] * 0.45) - m.gap * 3)
        if sum(widths) > room:  # large text: the key hints go (they stay in the tooltips and the F1 help)
            widths = [font.size(strip_hint(t))[0] + round(m.font * 1.6) for t, _a in tops]
        if sum(widths) > room:
            widths = [max(1, w * room // sum(widths)) for w in widths]
        status_rect, *rects = row(top, [top[2] - sum(widths) - 3 * m.gap] + widths, m.gap)
        self.round_label = self.label(status_rect, "", "@heading")
        self.round_texts: list[str] | None = None
        for (text, action), rect in zip(tops, rects):
            self.button(rect, text, action, focusable=False)

        left, right = split_h(body, [0.62, 0.38], gap=m.margin)
        cards_rect, detail_rect = split_v(left, [1.0, round(m.line * 1.6)], gap=m.gap)
        self.cards = CardGrid(self, cards_rect, m, scenario.issues, self.pick)
        self.detail = self.text_box(detail_rect, "", "@detail")

        meter_h = min(round(m.font * 7), max(round(right[3] * 0.3), round(m.font * 4.6)))  # room for its labels
        self.compact = right[3] < m.line * 13
        if self.compact:  # little height: offers, talk and news share one box
            meter_rect, offer_rect, talk_head, talk_rect = split_v(
                right, [meter_h, m.line, m.line * 0.9, 1.0], gap=m.gap // 2)
            self.history = None
        else:
            meter_rect, offer_rect, hist_head, hist_rect, talk_head, talk_rect = split_v(
                right, [meter_h, m.line, m.line * 0.9, 0.45, m.line * 0.9, 0.55], gap=m.gap // 2)
        self.meter_rect = meter_rect
        self.meter = self.image(meter_rect, pygame.Surface((meter_rect[2], meter_rect[3])))
        self.offer_label = self.label(offer_rect, "", "@status")
        if not self.compact:
            self.label(hist_head, _("Offers (latest first)"), "@subheading")
            self.history = self.text_box(hist_rect, "")
        self.label(talk_head, _("Talk and news") if not self.compact else _("Offers, talk and news"), "@subheading")
        self.talk = self.text_box(talk_rect, "")

        if two_rows:  # large text on a small window: the actions take two rows, the status shares the second
            first = (bottom[0], bottom[1], bottom[2], m.line)
            second = (bottom[0], bottom[1] + m.line + m.gap, bottom[2], m.line)
            status_w = max(1, bottom[2] - sum(action_w[3:]) - m.gap * 2)
            rects = row(first, action_w[:3], m.gap) + row(second, action_w[3:] + [status_w], m.gap)
        else:
            status_w = max(round(m.font * 8), bottom[2] - sum(action_w) - m.gap * len(action_w))
            shrink = min(1.0, (bottom[2] - status_w - m.gap * len(action_w)) / max(1, sum(action_w)))
            rects = row(bottom, [round(w * shrink) for w in action_w] + [status_w], m.gap)
        self.action_buttons = {}
        for (text, action, cls), rect in zip(labels, rects):
            self.action_buttons[action.__name__] = self.button(rect, text, action, cls=cls,
                                                                focusable=False)
        self.status = self.label(rects[-1], "", "@status")
        self.focusables = list(self.cards.cards)
        self.focus_index = self.card
        self.seen_version = -1
        self.refresh()

    def action_widths(self, m: Metrics, labels) -> tuple[list[int], bool]:
        """Widths of the action buttons, and whether they need two rows (the key hints go first, then a row)."""
        room = m.content()[2]

        def widths(strip: bool) -> list[int]:
            return [self.app.fonts.get(15, bold=cls == "@primary").size(strip_hint(t) if strip else t)[0]
                    + round(m.font * 1.6) for t, _a, cls in labels]

        for strip in (False, True):
            w = widths(strip)
            if sum(w) <= room - round(m.font * 8) - m.gap * len(w):
                return w, False
        w = widths(False)
        if max(sum(w[:3]) + m.gap * 2, sum(w[3:]) + m.gap * 2 + round(m.font * 8)) > room:
            w = widths(True)
        return w, True

    # -- state to widgets -----------------------------------------------------------------
    def my_turn(self) -> bool:
        return (not self.game.finished and not self.game.thinking and self.game.session.turn == self.party
                and self.game.setup.players()[self.party].kind == "human")

    def refresh(self) -> None:
        game, view = self.game, self.view()
        scenario = game.scenario
        names = {p.id: local(p.name) for p in scenario.parties}
        weights = list(view.weights.values())
        values = [[view.value(n, k) * weights[n] / 100 for k in range(len(i.options))] for n, i in enumerate(scenario.issues)]
        offer = view.standing_offer
        package = tuple(self.selection)
        points = view.points(package)
        crossing = self.red_lines_crossed(package)
        offer_points = view.points(offer.package) if offer is not None else None
        mine = self.my_turn()
        self.cards.update(self.selection, offer.package if offer else None, values, weights, mine)
        self.meter.set_image(meter((self.meter_rect[2], self.meter_rect[3]), points, view.walk_away, offer_points,
                                   self.app.palette, self.app.fonts, red_line=bool(crossing)))
        if offer is not None:
            text = OFFER_MARK + " " + _("Their offer (round {n}): {points:.1f} points to you").format(
                n=offer.round, points=offer_points)
            for short in (_("their offer {points:.1f}"), _("{points:.1f} points")):  # large text: the points stay
                if self.fits(self.offer_label, text):
                    break
                text = OFFER_MARK + " " + short.format(points=offer_points)
        else:
            text = _("No offer on the table yet from {other}").format(other=names[self.other])
            if not self.fits(self.offer_label, text):
                text = _("No offer on the table")
        self.put_text(self.offer_label, text)
        self.set_round_label(self.round_text(names))
        buttons = self.action_buttons
        for key, ok in (("propose", mine), ("accept", mine and offer is not None), ("load_offer", offer is not None),
                        ("statements", mine), ("walk_away", mine)):
            b = buttons[key]
            if ok and not b.is_enabled:
                b.enable()
            elif not ok and b.is_enabled:
                b.disable()
        if game.version != self.seen_version:
            if self.history is not None:
                self.history.set_text(table_text.history_html(game, self.party))
                self.talk.set_text(table_text.talk_html(game, self.party))
            else:
                self.talk.set_text(table_text.history_html(game, self.party) + "<br><br>"
                                   + table_text.talk_html(game, self.party))
            self.seen_version = game.version
        self.show_detail()
        message = self.message
        if not message and crossing:
            message = _("Crosses your red line: {text}").format(text=crossing[0])
        self.set_text(self.status, message)

    def round_text(self, names) -> list[str]:
        """The status line, then shorter forms of it for a narrow window (the round always stays)."""
        s = self.game.session
        if self.game.finished:
            texts = [_("Round {n} of {total} · the talks are over")]
        elif self.game.thinking or s.turn != self.party:
            dots = "." * (1 + int(self.dots) % 3)
            texts = [_("Round {n} of {total} · {who} is thinking") + dots, _("Round {n} of {total} · their turn")]
        elif s.round >= s.rounds:
            texts = [_("Round {n} of {total} (the last) · your turn"), _("Round {n} of {total} · your turn")]
        else:
            texts = [_("Round {n} of {total} · your turn")]
        return [t.format(n=s.round, total=s.rounds, who=names[s.turn]) for t in texts + [_("Round {n} of {total}")]]

    def set_round_label(self, texts: list[str]) -> None:
        if texts == getattr(self, "round_texts", None):
            return
        self.round_texts = texts
        self.put_text(self.round_label, next((t for t in texts if self.fits(self.round_label, t)), texts[-1]))

    def red_lines_crossed(self, package: tuple) -> list[str]:
        book = self.game.session.book
        party = self.game.scenario.party(self.party)
        return [local(r.text) for r, c in zip(party.red_lines, book.red_lines[self.party]) if c.predicate(package)]

    def show_detail(self) -> None:
        issue = self.game.scenario.issues[self.card]
        option = issue.options[self.selection[self.card]]
        text = f"{local(issue.title)}: {local(option.label)}"
        if local(option.description):
            text += f" — {local(option.description)}"
        if text != getattr(self.detail, "parley_shown", None):  # a text box lays its text out anew: only on change
            self.detail.parley_shown = text
            self.detail.set_text(esc(text))

    # -- the loop ---------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        game = self.game
        if game.thinking:
            self.dots += dt * 3
            self.set_round_label(self.round_text({p.id: local(p.name) for p in game.scenario.parties}))
            return
        if game.error is not None:
            error, game.error = game.error, None
            self.message = _("The computer player failed: {error}").format(error=error)
        if game.version != self.seen_version:
            self.refresh()
        if self.check_news():
            return
        if game.finished:
            flow.to_outcome(self.app, game)
            return
        if game.ai_to_move() and not self.app.autoplay:
            self.think_timer += dt
            if self.think_timer >= self.app.think_delay:
                self.think_timer = 0.0
                self.start_ai()

    def start_ai(self) -> None:
        if self.game.start_ai_turn(self.app.wake):
            self.message = ""
            self.refresh()

    def check_news(self) -> bool:
        game = self.game
        seen = game.news_seen.get(self.party, 0)
        if len(game.news) <= seen:
            return False
        title, body = table_text.news_html(game, seen)
        game.news_seen[self.party] = len(game.news)
        walk, old = self.view().walk_away, game.walk_seen.get(self.party)
        if old is not None and walk != old:
            body += "<br><br>" + esc(_("Your walk-away value is now {new:g} points (was {old:g}).").format(
                new=walk, old=old))
        game.walk_seen[self.party] = walk
        self.app.stack.push(NoticeDialog(self.app, title, body))
        return True

    def autoplay_step(self) -> None:
        if self.game.ai_to_move():
            self.start_ai()

    # -- actions -------------------------------------------------------------------------------
    def pick(self, issue: int, option: int) -> None:
        self.card = issue
        self.focus_index = issue
        if not self.my_turn():
            return
        self.selection[issue] = option
        self.message = ""
        self.refresh()

    def move(self, move: Move) -> bool:
        try:
            self.game.submit(move)
        except IllegalMove as exc:
            self.message = exc.reason
            self.refresh()
            return False
        except RuntimeError:
            return False
        self.message = ""
        self.after_move()
        return True

    def after_move(self) -> None:
        game = self.game
        if game.finished:
            flow.to_outcome(self.app, game)
            return
        if game.setup.hotseat and game.session.turn != self.party:
            flow.to_table(self.app, game, previous=self.party)
            return
        self.refresh()

    def propose(self) -> None:
        if not self.my_turn():
            return
        package = {i.id: i.options[k].id for i, k in zip(self.game.scenario.issues, self.selection)}
        self.move(Move.propose(self.party, package))

    def accept(self) -> None:
        view = self.view()
        offer = view.standing_offer
        if not self.my_turn() or offer is None:
            return
        points = view.points(offer.package)
        text = _("You get {points:.1f} points (your walk-away value is {walk:g}). The talks end with this agreement.").format(
            points=points, walk=view.walk_away)
        self.app.stack.push(ConfirmDialog(self.app, _("Accept their offer?"), text, _("Accept"),
                                          lambda: self.move(Move.accept(self.party))))

    def walk_away(self) -> None:
        if not self.my_turn():
            return
        view = self.view()
        text = _("The talks end with no deal. Both sides get their walk-away values: you get {walk:g} points.").format(
            walk=view.walk_away)
        self.app.stack.push(ConfirmDialog(self.app, _("Walk away from the table?"), text, _("Walk away"),
                                          lambda: self.move(Move.walk_away(self.party)), danger=True))

    def load_offer(self) -> None:
        offer = self.view().standing_offer
        if offer is None:
            return
        self.selection = list(offer.package)
        self.refresh()

    def statements(self) -> None:
        if not self.my_turn():
            return
        from game.app.screens.statements import StatementMenu

        self.app.stack.push(StatementMenu(self.app, self))

    def say(self, kind, issue=None, option=None) -> None:
        self.move(Move.say(self.party, kind, issue, option))

    def show_briefing(self) -> None:
        from game.app.screens.briefing import BriefingScreen

        self.app.stack.push(BriefingScreen(self.app, self.game, self.party, review=True))

    def leave(self) -> None:
        from game.app import flow as _flow

        def leave_now() -> None:
            self.game.abandon()  # what the dialog says: no result, not offered for resuming
            _flow.to_title(self.app)

        self.app.stack.push(ConfirmDialog(self.app, _("Leave this game?"),
                                          _("The game ends here without a result; its transcript stays saved."),
                                          _("Leave"), leave_now, danger=True))

    # -- keyboard -------------------------------------------------------------------------------
    def set_card(self, n: int) -> None:
        self.card = n % len(self.game.scenario.issues)
        self.focus_index = self.card
        self.cards.scroll_to(self.card)
        self.show_detail()

    def on_key(self, key: int, mod: int) -> bool:
        issues = self.game.scenario.issues
        if key in (pygame.K_TAB, pygame.K_RIGHT, pygame.K_LEFT):
            back = key == pygame.K_LEFT or (key == pygame.K_TAB and mod & pygame.KMOD_SHIFT)
            self.set_card(self.card + (-1 if back else 1))
            return True
        if key in (pygame.K_UP, pygame.K_DOWN):
            count = len(issues[self.card].options)
            self.pick(self.card, (self.selection[self.card] + (-1 if key == pygame.K_UP else 1)) % count)
            self.cards.scroll_to(self.card)
            return True
        digit = {getattr(pygame, f"K_{d}"): d for d in range(1, 10)}
        digit.update({getattr(pygame, f"K_KP{d}"): d for d in range(1, 10)})
        if key in digit:
            if digit[key] <= len(issues[self.card].options):
                self.pick(self.card, digit[key] - 1)
            return True
        actions = {pygame.K_RETURN: self.propose, pygame.K_KP_ENTER: self.propose, pygame.K_a: self.accept,
                   pygame.K_w: self.walk_away, pygame.K_s: self.statements, pygame.K_l: self.load_offer,
                   pygame.K_b: self.show_briefing, pygame.K_ESCAPE: self.leave, pygame.K_h: self.app.show_help}
        if key in actions:
            actions[key]()
            return True
        return False

    def shortcuts(self):
        return [
            (_("Left / Right, Tab / Shift+Tab"), _("Move between the issue cards")),
            (_("Up / Down"), _("Pick the previous / next option on the card")),
            (_("1 … 9"), _("Pick option 1 … 9 on the card")),
            (_("Enter"), _("Propose the package on the cards")),
            ("A", _("Accept the other side's offer (asks first)")),
            ("L", _("Load their offer into the cards")),
            ("S", _("Say something (statements)")),
            ("W", _("Walk away (asks first)")),
            ("B", _("Read your briefing again")),
            ("Esc", _("Leave the game (asks first)")),
            ("F1 / H", _("This help")),
        ]

    def draw(self, surface) -> None:
        if self.root is not None:
            self.cards.draw(surface, self.app.palette)

    def focused_rect(self):
        if not self.app.keyboard_used:
            return None
        return self.cards.card_rect(self.card)
