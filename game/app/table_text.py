"""Words for the negotiation table: statements, the offer history and the news.

Pure functions (no pygame) over the game record; everything a party sees is
from its own side: an offer's points are shown only to the viewer ("to you"),
never the other side's private score.
"""

from __future__ import annotations

import html

from game.app import table_model
from game.app.game_state import Game, OfferEntry
from game.i18n import _, local
from game.negotiation.moves import Statement, StatementKind


def esc(text: str) -> str:
    return html.escape(text or "", quote=False).replace("\n", "<br>")


def option_label(scenario, issue_id: str | None, option_id: str | None) -> str:
    if issue_id is None or option_id is None:
        return ""
    issue = scenario.issue(issue_id)
    option = next((o for o in issue.options if o.id == option_id), None)
    return local(option.label) if option is not None else option_id


def statement_text(scenario, statement: Statement) -> str:
    issue = local(scenario.issue(statement.issue).title) if statement.issue else ""
    kind = statement.kind
    if kind is StatementKind.MATTERS_MOST:
        return _("“{issue}” matters most to us.").format(issue=issue)
    if kind is StatementKind.MATTERS_LITTLE:
        return _("“{issue}” matters little to us.").format(issue=issue)
    if kind is StatementKind.CANNOT_ACCEPT:
        return _("On “{issue}” we cannot accept: {option}.").format(
            issue=issue, option=option_label(scenario, statement.issue, statement.option))
    if kind is StatementKind.ALTERNATIVE_STRONG:
        return _("Our alternative to a deal is strong.")
    if kind is StatementKind.ALTERNATIVE_WEAK:
        return _("Our alternative to a deal is weak.")
    if kind is StatementKind.FINAL_OFFER:
        return _("This is our final offer.")
    if kind is StatementKind.MOVED_ON:
        return _("We moved on “{issue}”.").format(issue=issue)
    if kind is StatementKind.NEED_MOVEMENT:
        return _("We need movement on “{issue}”.").format(issue=issue)
    if kind is StatementKind.NOT_MOVED:
        return _("You have not moved since round {n}.").format(n=statement.since)
    return _("What matters most to you?")


def kind_menu_text(kind: StatementKind) -> str:
    return {
        StatementKind.MATTERS_MOST: _("“… matters most to us” (choose an issue)"),
        StatementKind.MATTERS_LITTLE: _("“… matters little to us” (choose an issue)"),
        StatementKind.CANNOT_ACCEPT: _("“We cannot accept …” (choose an issue and an option)"),
        StatementKind.ALTERNATIVE_STRONG: _("“Our alternative to a deal is strong.”"),
        StatementKind.ALTERNATIVE_WEAK: _("“Our alternative to a deal is weak.”"),
        StatementKind.ASK_PRIORITIES: _("“What matters most to you?”"),
        StatementKind.FINAL_OFFER: _("“This is our final offer.”"),
        StatementKind.MOVED_ON: _("“We moved on …” (choose an issue)"),
        StatementKind.NEED_MOVEMENT: _("“We need movement on …” (choose an issue)"),
    }[kind]


def menu_kinds() -> list[StatementKind]:
    """What a player may say from the menu (a remark about a round is the AI's alone)."""
    return [k for k in StatementKind if not k.needs_round]


def who(game: Game, party: str, me: str) -> str:
    return _("You") if party == me else local(game.scenario.party(party).name)


def history_html(game: Game, me: str) -> str:
    """Every offer, the latest first, with its points to `me` (the one number for an offer,
    `table_model.offer_points`, under the current standing) and a ⚠ where it crosses a red line of `me`."""
    view = game.session.view(me)
    checks = table_model.red_checks(game.scenario, me, game.session.book)
    lines = []
    for entry in reversed(game.offers):
        red = any(c.crossed(entry.indexes) for c in checks)
        lines.append(_offer_line(game, entry, me, table_model.offer_points(view, entry.indexes), red))
    return "<br>".join(lines) if lines else esc(_("No offers yet."))


def _offer_line(game: Game, entry: OfferEntry, me: str, points: float, red: bool) -> str:
    colour = "#e9e6df" if entry.party == me else "#f0a090"
    head = _("Round {n} · {who}: {points:.1f} points to you").format(n=entry.round, who=who(game, entry.party, me),
                                                                      points=points)
    line = f"<font color='{colour}'>{esc(head)}</font>"
    if red:
        line += " <font color='#e46e5a'><b>" + esc(table_model.RED_MARK + " " + _("crosses your red line")) + "</b></font>"
    return line


def news_for(game: Game, party: str) -> list[tuple[int, str]]:
    """The news `party` hears (events for both sides and its own: `Event.audience`), in order."""
    events = {e.id: e for e in game.scenario.events}
    return [(rnd, eid) for rnd, eid in game.news if eid in events and events[eid].seen_by(party)]


def talk_html(game: Game, me: str) -> str:
    """Statements and news, the latest first."""
    items: list[tuple[int, int, str]] = []
    events = {e.id: e for e in game.scenario.events}
    for n, (rnd, event_id) in enumerate(news_for(game, me)):
        event = events.get(event_id)
        title = local(event.title) if event else event_id
        items.append((rnd, n, "<b><font color='#e0a526'>" + esc(_("NEWS")) + "</font></b> " + esc(title)))
    for n, said in enumerate(game.said):
        speaker = who(game, said.party, me)
        colour = "#e9e6df" if said.party == me else "#f0a090"
        items.append((said.round, 1000 + n, f"<font color='{colour}'>{esc(speaker)}:</font> "
                                            f"{esc(statement_text(game.scenario, said.statement))}"))
    items.sort(key=lambda t: (t[0], t[1]), reverse=True)
    if not items:
        return esc(_("Nothing said yet. Statements tell the other side what matters to you."))
    # TRANSLATORS: the round's number before each line of the talk, kept short ("R3").
    mark = _("R{n}")
    return "<br>".join("<font color='#8d97a8'>" + mark.format(n=rnd) + "</font> " + text for rnd, _n, text in items)


def news_html(game: Game, news: list[tuple[int, str]]) -> tuple[str, str]:
    """Title and text of `news` (one dialog for all of it)."""
    events = {e.id: e for e in game.scenario.events}
    items = [events[eid] for _r, eid in news if eid in events]
    if len(items) == 1:
        return local(items[0].title), esc(local(items[0].text))
    title = _("News")
    body = "<br><br>".join(f"<b>{esc(local(e.title))}</b><br>{esc(local(e.text))}" for e in items)
    return title, body
