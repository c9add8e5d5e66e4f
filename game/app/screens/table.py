"""The negotiation table: compose a package issue by issue, watch its points
against your walk-away value, answer the opponent's offer, talk, and follow the news.

Every issue is a row (your pick, their standing offer, what they changed), and
the focused issue's options are listed whole below the rows
(`table_rows.IssueTable`). Every number for an offer comes from one place,
`table_model.offer_points`, under the current standing. The computer's turn
runs in a worker thread (`Game.start_ai_turn`); meanwhile the screen says who is
thinking and keeps drawing. The keys are in `keymap()` (F1 lists them).
"""

from __future__ import annotations

import pygame

from game.app import flow, table_model, table_text
from game.app import keymap as keys
from game.app.charts import meter
from game.app.layout import Metrics, row, split_h, split_v
from game.app.screens.base import Screen, esc
from game.app.screens.dialogs import ConfirmDialog, NoticeDialog
from game.app.screens.table_rows import IssueTable
from game.app.theme import OFFER_MARK
from game.i18n import _, local
from game.negotiation.moves import Move
from game.negotiation.session import IllegalMove


PAINTS_PER_FRAME = 3  # issue rows or options painted in one frame of a spread refresh (about 0.4 ms each)


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
        self.board_behind = False   # a spread refresh has rows still to paint (see `refresh`)
        self.due: list = []         # ... or its labels and boxes of text still to show
        self.checked_version = -1   # the game's version whose news and end were last looked for
        self.think_timer = 0.0
        self.dots = 0.0
        view = self.view()
        game.walk_seen.setdefault(party, view.walk_away)
        game.weights_seen.setdefault(party, dict(view.weights))
        self.red_lines = table_model.red_checks(game.scenario, party, game.session.book)
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

    def keymap(self) -> list[keys.Binding]:
        B = keys.Binding
        return [
            B((pygame.K_RIGHT,), "next_issue", _("Right / Tab"), _("Next issue")),
            B((pygame.K_TAB,), "next_issue", _("Right / Tab"), _("Next issue"), shift=False, hint=False),
            B((pygame.K_LEFT,), "previous_issue", _("Left / Shift+Tab"), _("Previous issue")),
            B((pygame.K_TAB,), "previous_issue", _("Left / Shift+Tab"), _("Previous issue"), shift=True, hint=False),
            B((pygame.K_UP,), "previous_option", _("Up / Down"), _("Pick the previous / next option of the issue")),
            B((pygame.K_DOWN,), "next_option", _("Up / Down"), _("Pick the previous / next option of the issue")),
            B(keys.DIGITS, "pick_digit", _("1 … 9"), _("Pick option 1 … 9 of the issue"), pass_key=True),
            B(keys.ENTER, "propose", _("Enter"), _("Propose your package")),
            B((pygame.K_a,), "accept", "A", _("Accept the other side's offer (asks first)")),
            B((pygame.K_l,), "load_offer", "L", _("Load their offer as your picks")),
            B((pygame.K_s,), "statements", "S", _("Say something (statements)")),
            B((pygame.K_w,), "walk_away", "W", _("Walk away (asks first)")),
            B((pygame.K_b,), "show_briefing", "B", _("Read your briefing again")),
            B((pygame.K_ESCAPE,), "leave", "Esc", _("Leave the game (asks first)")),
            B((pygame.K_h,), "show_help", "H", _("This help")),
        ]

    # -- layout --------------------------------------------------------------------------
    def build(self, m: Metrics) -> None:
        scenario = self.game.scenario
        labels = [(self.hinted(_("Propose"), "propose"), self.propose, "@primary"),
                  (self.hinted(_("Accept offer"), "accept"), self.accept, None),
                  (self.hinted(_("Load offer"), "load_offer"), self.load_offer, None),
                  (self.hinted(_("Say…"), "statements"), self.statements, None),
                  (self.hinted(_("Walk away"), "walk_away"), self.walk_away, "@danger")]
        action_w, two_rows = self.action_widths(m, labels)
        bottom_h = m.line * 2 + m.gap if two_rows else m.line
        top, body, bottom = split_v(m.content(), [m.line, 1.0, bottom_h], gap=m.gap)
        font = self.app.fonts.get(15)
        tops = [(self.hinted(_("Briefing"), "show_briefing"), self.show_briefing),
                (self.hinted(_("Help"), "show_help"), self.show_help), (self.hinted(_("Leave"), "leave"), self.leave)]
        widths = [font.size(t)[0] + round(m.font * 1.6) for t, _a in tops]
        room = max(0, top[2] - round(top[2] * 0.4) - m.gap * 3)
        if sum(widths) > room:  # large text: the buttons narrow, their text a step smaller; the key hints stay
            widths = [max(1, w * room // sum(widths)) for w in widths]
        status_rect, *rects = row(top, [top[2] - sum(widths) - 3 * m.gap] + widths, m.gap)
        self.round_label = self.label(status_rect, "", "@heading")
        self.round_texts: list[str] | None = None
        for (text, action), rect in zip(tops, rects):
            self.button(rect, text, action, focusable=False)

        left, right = split_h(body, [0.66, 0.34], gap=m.margin)
        self.board = IssueTable(self, left, m, scenario.issues, self.focus_issue, self.pick)

        meter_h = min(round(m.font * 6), max(round(right[3] * 0.24), round(m.font * 4.6)))  # room for its labels
        self.compact = right[3] < m.line * 12
        if self.compact:  # little height: offers, talk and news share one box
            meter_rect, offer_rect, talk_head, talk_rect = split_v(
                right, [meter_h, m.line, m.line * 0.9, 1.0], gap=m.gap // 2)
            self.history = None
        else:
            meter_rect, offer_rect, hist_head, hist_rect, talk_head, talk_rect = split_v(
                right, [meter_h, m.line, m.line * 0.9, 0.42, m.line * 0.9, 0.58], gap=m.gap // 2)
        self.meter_rect = meter_rect
        self.meter = self.image(meter_rect, pygame.Surface((meter_rect[2], meter_rect[3])))
        self.offer_label = self.label(offer_rect, "", "@status")
        if not self.compact:
            self.label(hist_head, _("Offers (latest first)"), "@subheading")
            self.history = self.log_text(hist_rect)  # renders only lines it has not shown
        self.label(talk_head, _("Talk and news") if not self.compact else _("Offers, talk and news"), "@subheading")
        self.talk = self.log_text(talk_rect)

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
        self.meter_shown = None
        self.focusables = list(self.board.row_buttons)
        self.focus_index = self.card
        self.seen_version = -1
        self.refresh()
        self.board.scroll_to(self.card)

    def action_widths(self, m: Metrics, labels) -> tuple[list[int], bool]:
        """Widths of the action buttons, and whether they need two rows: a second row comes before a key
        hint goes (with text a step smaller, `put_text` keeps the hints on the narrowest window)."""
        room = m.content()[2]
        w = [self.app.fonts.get(15, bold=cls == "@primary").size(t)[0] + round(m.font * 1.6) for t, _a, cls in labels]
        return w, sum(w) > room - round(m.font * 8) - m.gap * len(w)

    # -- state to widgets -----------------------------------------------------------------
    def my_turn(self) -> bool:
        return (not self.game.finished and not self.game.thinking and self.game.session.turn == self.party
                and self.game.setup.players()[self.party].kind == "human")

    def breaches(self, package) -> list[table_model.Breach]:
        return table_model.red_line_breaches(self.game.scenario, self.red_lines, tuple(package))

    def refresh(self, spread: bool = False) -> None:
        """Show the game's state. `spread` (a move arrived, nobody pressed anything): the issue rows are
        painted a few a frame, then the labels, the offers and the talk, one a frame (`catch_up`), so that
        no frame is long."""
        game, view = self.game, self.view()
        if game.setup.players()[self.party].kind != "human":   # autoplay: the table shows the computer's real offer
            own = [o for o in game.offers if o.party == self.party]
            if own:
                self.selection = list(own[-1].indexes)
        offer = view.standing_offer
        package = tuple(self.selection)
        points = table_model.offer_points(view, package)
        crossing = self.breaches(package)
        offer_points = table_model.offer_points(view, offer.package) if offer is not None else None
        mine = self.my_turn()
        self.board_behind = self.board.update(table_model.issue_lines(view, self.selection, self.red_lines), self.card,
                                              mine, limit=PAINTS_PER_FRAME if spread else None)
        shown = (round(points, 2), view.walk_away, offer_points, bool(crossing))
        if shown != getattr(self, "meter_shown", None):  # drawn again only when what it shows changes
            self.meter_shown = shown
            self.meter.set_image(meter((self.meter_rect[2], self.meter_rect[3]), points, view.walk_away,
                                       offer_points, self.app.palette, self.app.fonts, red_line=bool(crossing)))
        if not spread:
            self.show_labels(crossing)
        buttons = self.action_buttons
        for key, ok in (("propose", mine), ("accept", mine and offer is not None), ("load_offer", offer is not None),
                        ("statements", mine), ("walk_away", mine)):
            b = buttons[key]
            if ok and not b.is_enabled:
                b.enable()
            elif not ok and b.is_enabled:
                b.disable()
        if spread:
            self.due = ["labels"] + [box for box in (self.history, self.talk) if box is not None]
        elif game.version != self.seen_version or self.due:
            self.due = [box for box in (self.history, self.talk) if box is not None]
            while self.due:
                self.show_next()
        self.seen_version = game.version

    def show_labels(self, crossing: list | None = None) -> None:
        """The line about their offer, the round and whose turn, and the status (a red line crossed:
        `crossing`, the breaches of the current pick, when the caller has them)."""
        view = self.view()
        names = {p.id: local(p.name) for p in self.game.scenario.parties}
        offer = view.standing_offer
        if offer is not None:
            offer_points = table_model.offer_points(view, offer.package)
            text = OFFER_MARK + " " + _("Their offer (round {n}): {points:.1f} points to you").format(
                n=offer.round, points=offer_points)
            for short in (_("their offer {points:.1f}"), _("{points:.1f} points")):  # large text: the points stay
                if self.fits(self.offer_label, text):
                    break
                text = OFFER_MARK + " " + short.format(points=offer_points)
        elif self.game.session.offers and self.game.session.offers[-1].party == self.party:
            text = _("Your offer is on the table; {other} answers it").format(other=names[self.other])
            if not self.fits(self.offer_label, text):
                text = _("Your offer is on the table")
        else:
            text = _("No offer on the table yet from {other}").format(other=names[self.other])
            if not self.fits(self.offer_label, text):
                text = _("No offer on the table")
        self.put_text(self.offer_label, text)
        self.set_round_label(self.round_text(names))
        message = self.message
        crossing = self.breaches(self.selection) if crossing is None else crossing
        if not message and crossing:
            message = table_model.RED_MARK + " " + _("Crosses your red line: {what}").format(what=crossing[0].what)
        self.put_text(self.status, message)

    def show_next(self) -> None:
        """The next part of a spread refresh (`due`): the labels, the offers box or the talk box."""
        box = self.due.pop(0)
        if box == "labels":
            self.show_labels()
            return
        if box is self.history:
            box.set_text(table_text.history_html(self.game, self.party))
        elif self.history is not None:  # the talk box beside the offers box: the offers are not needed
            box.set_text(table_text.talk_html(self.game, self.party))
        else:
            box.set_text(table_text.history_html(self.game, self.party) + "<br><br>"
                         + table_text.talk_html(self.game, self.party))

    def painting(self) -> bool:
        """A move is still being shown, a part a frame (its news and the end of the game come after)."""
        return (self.game.version != self.seen_version or self.board_behind or bool(self.due)
                or self.checked_version != self.game.version)

    def catch_up(self) -> None:
        """One frame's share of a spread refresh: a few more issue rows, else the next part of `due`."""
        if self.board_behind:
            board = self.board
            self.board_behind = board.update(board.lines, board.focused, board.enabled_shown, limit=PAINTS_PER_FRAME)
        elif self.due:
            self.show_next()

    def round_text(self, names) -> list[str]:
        """The status line, then shorter forms of it for a narrow window (the round always stays).
        It names the side whose turn it is (in hot-seat, the two players share the screen)."""
        s = self.game.session
        if self.game.finished:
            texts = [_("Round {n} of {total} · the talks are over")]
        elif self.game.thinking or s.turn != self.party:
            dots = "." * (1 + int(self.dots) % 3)
            texts = [_("Round {n} of {total} · {who} is thinking") + dots, _("Round {n} of {total} · their turn")]
        else:
            texts = [_("Round {n} of {total} · {who}, your turn"), _("Round {n} of {total} · your turn")]
            if s.round >= s.rounds:
                texts.insert(0, _("Round {n} of {total} (the last) · {who}, your turn"))
            if self.game.setup.hotseat:  # two players share the screen: the side's name before the round
                texts.insert(-1, _("{who}, your turn"))
        return [t.format(n=s.round, total=s.rounds, who=names[s.turn]) for t in texts + [_("Round {n} of {total}")]]

    def set_round_label(self, texts: list[str]) -> None:
        if texts == getattr(self, "round_texts", None):
            return
        self.round_texts = texts
        self.put_text(self.round_label, next((t for t in texts if self.fits(self.round_label, t)), texts[-1]))

    # -- the loop ---------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        game = self.game
        super().update(dt)
        if game.thinking:
            self.catch_up()
            self.dots += dt * 3
            self.set_round_label(self.round_text({p.id: local(p.name) for p in game.scenario.parties}))
            return
        if game.error is not None:
            error, game.error = game.error, None
            self.message = _("The computer player failed: {error}").format(error=error)
        if game.version != self.seen_version:
            self.refresh(spread=True)
            return
        if self.board_behind or self.due:  # news and the end wait until the table shows the move
            self.catch_up()
            return
        self.checked_version = game.version
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
        """News this side has not seen yet, in one dialog, with what it did to this side's numbers."""
        game = self.game
        news = table_text.news_for(game, self.party)
        seen = game.news_seen.get(self.party, 0)
        if len(news) <= seen:
            return False
        title, body = table_text.news_html(game, news[seen:])
        game.news_seen[self.party] = len(news)
        view = self.view()
        walk, old = view.walk_away, game.walk_seen.get(self.party)
        if old is not None and walk != old:
            body += "<br><br>" + esc(_("Your walk-away value is now {new:g} points (was {old:g}).").format(
                new=walk, old=old))
        game.walk_seen[self.party] = walk
        weights = dict(view.weights)
        shifts = table_model.priority_shifts(view.issues, game.weights_seen.get(self.party, weights), weights)
        if shifts:
            body += "<br><br>" + esc(_("Your priorities shifted: {changes}.").format(changes=_("; ").join(shifts)))
            body += "<br>" + esc(_("Every number on the table now uses the new priorities."))
        game.weights_seen[self.party] = weights
        self.app.stack.push(NoticeDialog(self.app, title, body))
        return True

    def autoplay_step(self) -> None:
        if self.game.ai_to_move():
            self.start_ai()

    # -- actions -------------------------------------------------------------------------------
    def focus_issue(self, issue: int) -> None:
        self.card = issue % len(self.game.scenario.issues)
        self.focus_index = self.card
        self.board.scroll_to(self.card)
        self.refresh()
        self.board.scroll_to_option(self.selection[self.card])   # your pick in view on the new issue

    def pick(self, issue: int, option: int) -> None:
        self.card = issue
        self.focus_index = issue
        if self.my_turn():
            self.selection[issue] = option
            self.message = ""
        self.board.scroll_to_option(self.selection[issue])
        self.refresh()

    def next_issue(self) -> None:
        self.focus_issue(self.card + 1)

    def previous_issue(self) -> None:
        self.focus_issue(self.card - 1)

    def next_option(self) -> None:
        count = len(self.game.scenario.issues[self.card].options)
        self.pick(self.card, (self.selection[self.card] + 1) % count)

    def previous_option(self) -> None:
        count = len(self.game.scenario.issues[self.card].options)
        self.pick(self.card, (self.selection[self.card] - 1) % count)

    def pick_digit(self, key: int) -> None:
        digit = keys.digit_of(key)
        if digit is not None and digit <= len(self.game.scenario.issues[self.card].options):
            self.pick(self.card, digit - 1)

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
        """Propose the picks; a package across your own red line asks first, saying what it crosses."""
        if not self.my_turn():
            return
        package = {i.id: i.options[k].id for i, k in zip(self.game.scenario.issues, self.selection)}
        breaches = self.breaches(self.selection)
        if not breaches:
            self.move(Move.propose(self.party, package))
            return
        text = table_model.breach_sentence(breaches, "offer") + "\n\n" + _(
            "If they accept, the deal breaks your instructions.")
        self.app.stack.push(ConfirmDialog(self.app, _("Propose across your red line?"), text, _("Propose anyway"),
                                          lambda: self.move(Move.propose(self.party, package)), danger=True))

    def accept(self) -> None:
        view = self.view()
        offer = view.standing_offer
        if not self.my_turn() or offer is None:
            return
        points = table_model.offer_points(view, offer.package)
        text = _("You get {points:.1f} points (your walk-away value is {walk:g}). The talks end with this agreement.").format(
            points=points, walk=view.walk_away)
        breaches = self.breaches(offer.package)
        if breaches:
            text = table_model.breach_sentence(breaches, "theirs") + "\n\n" + text
        self.app.stack.push(ConfirmDialog(self.app, _("Accept their offer?"), text,
                                          _("Accept anyway") if breaches else _("Accept"),
                                          lambda: self.move(Move.accept(self.party)), danger=bool(breaches)))

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

    def show_help(self) -> None:
        self.app.show_help()

    def leave(self) -> None:
        def leave_now() -> None:
            self.game.abandon()  # what the dialog says: no result, not offered for resuming
            flow.to_title(self.app)

        self.app.stack.push(ConfirmDialog(self.app, _("Leave this game?"),
                                          _("The game ends here without a result; its transcript stays saved."),
                                          _("Leave"), leave_now, danger=True))

    # -- drawing ------------------------------------------------------------------------------------
    def shortcuts(self):
        return keys.help_items(self.keymap() + self.common_keys()[2:])  # F1, F11 (Tab and Enter are the table's)

    def focused_rect(self):
        if not self.app.keyboard_used:
            return None
        return self.board.row_rect(self.card)
