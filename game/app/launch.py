"""Start the client from the command line (`parley`, `parley play ...`)."""

from __future__ import annotations

from pathlib import Path

from game.app import catalog, paths
from game.app.app import App
from game.app.screens.title import TitleScreen
from game.app.settings import load
from game.errors import ParleyError, Problem, did_you_mean
from game.i18n import _

# The scenario model, the rules and numpy load only when a game starts (or in the
# title screen's worker thread), so the first frame does not wait for them.


def parse_size(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise ParleyError([Problem(_("--size takes WIDTHxHEIGHT, e.g. 1280x720, not '{text}'").format(text=text),
                                   code="usage")]) from None
    return (w, h)


def player_party(scenario, party: str | None) -> str:
    if party is None:
        return scenario.protocol.opens if scenario.protocol.opens in scenario.party_ids else scenario.party_ids[0]
    if party not in scenario.party_ids:
        raise ParleyError([Problem(_("'{id}' is not a party of this scenario").format(id=party),
                                   suggestion=did_you_mean(party, scenario.party_ids),
                                   hint=_("parties: {ids}").format(ids=", ".join(scenario.party_ids)), code="usage")])
    return party


def offer_resume(app) -> bool:
    """Over the title: offer every unfinished autosaved game, if there is one (never in autoplay)."""
    from game.app.game_state import unfinished_games

    if app.autoplay:
        return False
    saves = unfinished_games(app.base)
    if not saves:
        return False
    from game.i18n import local
    from game.play import autosave
    from game.play.catalog import load_scenario

    offers, refused = [], []
    for path in saves:
        try:
            data = autosave.load(path)
            # replayed (without touching the transcript) to check it can be resumed and to name its round
            scenario = load_scenario(data.meta.get("scenario_path") or data.scenario_file or data.scenario_id)
            data.meta["round"] = autosave.restore(data, scenario, continue_transcript=False).session.round
            data.meta["title"] = local(scenario.title)
            offers.append(data)
        except ParleyError as exc:
            refused.append(exc)
    if offers:
        app.stack.push(ResumeOffer(app, offers))
    if refused:  # shown first; the offer of the others waits under it
        app.stack.push(_problem_notice(app, refused[0]))
    return True


def resume_into(app, data=None, autoplay: bool | None = None) -> bool:
    """Rebuild an autosaved game (`data`, default: the latest) and go straight to the table; a refusal is shown."""
    from game.app import flow
    from game.app.game_state import Game

    try:
        game = Game.resume(app.base, autoplay=autoplay, data=data)
    except ParleyError as exc:
        app.stack.push(_problem_notice(app, exc))
        return False
    flow.to_table(app, game)
    return True


def _problem_notice(app, exc: ParleyError):
    from game.app.screens.base import esc
    from game.app.screens.dialogs import NoticeDialog

    text = "<br><br>".join(esc(p.message) + (("<br><i>" + esc(p.hint) + "</i>") if p.hint else "")
                           for p in exc.problems)
    return NoticeDialog(app, _("The saved game cannot be resumed"), text, button=_("Start a new game"))


MAX_OFFERED = 6  # the most recent unfinished games offered by name; older ones stay saved


def _resume_offer_class():
    from game.app import keymap as keys
    from game.app.layout import split_v
    from game.app.screens.dialogs import Dialog

    class _ResumeOffer(Dialog):
        """Every unfinished game, newest first: a button each (keys 1-6; R is the newest), or Not now."""

        name = "resume"
        height_share = 0.62

        def __init__(self, app, saves):
            super().__init__(app, _("Unfinished games"))
            self.saves = list(saves)[:MAX_OFFERED]
            self.lines = [_("Resume your game of {scenario} at round {n}").format(
                scenario=d.meta.get("title") or d.scenario_id, n=d.meta.get("round", "?")) for d in self.saves]
            self.line = self.lines[0]

        def build(self, m) -> None:
            """As tall as its rows need (text scale included); on a small screen, the newest games that fit."""
            room = m.height - 2 * m.margin - m.heading - 2 * m.line - 8 * m.gap
            self.shown = self.saves[:max(1, min(len(self.saves), room // (m.line + m.gap)))]
            needed = m.heading + m.line * (len(self.shown) + 2) + m.gap * (len(self.shown) + 8)
            self.height_share = min(1.0, needed / m.height)
            super().build(m)

        def build_body(self, m, body, buttons) -> None:
            more = len(self.saves) > 1
            intro = _("Pick a game to go on with; the others stay saved.") if more else \
                _("Your last game was not finished.")
            rows = split_v(body, [m.line] + [m.line] * len(self.shown) + [1.0], gap=m.gap)
            self.label(rows[0], intro, container=self.box)
            self.game_buttons = []
            for n, (rect, text) in enumerate(zip(rows[1:], self.lines), start=1):
                hint = f"[{n}] " if more else "[R] "  # first, so that a long title never hides the key
                self.game_buttons.append(self.button(rect, hint + text, lambda d=self.saves[n - 1]: self.resume(d),
                                                     cls="@primary" if n == 1 else None, container=self.box))
            x, y, w, h = buttons
            bw = min(w, round(m.font * 15))
            self.no_button = self.button((x + w - bw, y, bw, h), self.hinted(_("Not now"), "close"), self.close,
                                         container=self.box)
            self.focus_index = 0

        def resume(self, data) -> None:
            self.close()
            resume_into(self.app, data)

        def resume_newest(self) -> None:
            self.resume(self.saves[0])

        def resume_digit(self, key: int) -> None:
            n = keys.digit_of(key)
            if n is not None and n <= len(self.saves):
                self.resume(self.saves[n - 1])

        def keymap(self) -> list:
            import pygame

            B = keys.Binding
            out = [B((pygame.K_r,), "resume_newest", "R", _("Resume the newest game"))]
            if len(self.saves) > 1:
                out.append(B(keys.DIGITS, "resume_digit", f"1–{len(self.saves)}", _("Resume that game"),
                             pass_key=True))
            return out + [B((pygame.K_n, pygame.K_ESCAPE), "close", "N", _("Not now")),
                          B((), None, "Esc", _("Not now"))]

        def autoplay_step(self) -> None:
            self.close()

    return _ResumeOffer


def ResumeOffer(app, saves):  # noqa: N802 (the dialog class is made on first use: it needs pygame_gui)
    return _resume_offer_class()(app, saves)


def launch(scenario_name: str | None = None, *, party: str | None = None, opponent: str | None = None,
           seed: int | None = None, autoplay: bool = False, autoplay_delay: float = 1.5, size: str | None = None,
           fullscreen: bool = False, text_scale: float | None = None, base: Path | None = None,
           max_seconds: float | None = None, ready=None, lang: str | None = None, resume: bool = False) -> int:
    """Open the window and run until it closes; `ready(app)` is called before the loop (tests)."""
    base = base or paths.data_dir()
    settings = load(paths.settings_file(base))
    if size:
        w, h = parse_size(size)
        settings = settings.with_(width=w, height=h, fullscreen=False)
    if fullscreen:
        settings = settings.with_(fullscreen=True)
    if text_scale:
        settings = settings.with_(text_scale=text_scale)
    if lang:
        settings = settings.with_(language=lang)
    if resume:
        from game.app.game_state import unfinished_games

        if not unfinished_games(base):
            raise ParleyError([Problem(_("there is no unfinished game to resume in {path}").format(path=base),
                                       hint=_("start a game with `parley play`"), code="usage")])
    scenario = None
    if scenario_name:
        from game.play.catalog import load_scenario

        scenario = load_scenario(scenario_name)  # ParleyError: printed by the command line
        party = player_party(scenario, party)
    opponent_spec = None
    if opponent:
        from game.play.match import PlayerSpec

        opponent_spec = PlayerSpec.parse(opponent)
    app = App(settings, base=base, autoplay=autoplay, autoplay_delay=autoplay_delay,
              persist_settings=not autoplay)
    app.preset = {"party": party, "opponent": str(opponent_spec) if opponent_spec else None, "seed": seed}
    title = TitleScreen(app, select=scenario.id if scenario else catalog.FLAGSHIP)
    app.stack.push(title)
    if scenario is not None and autoplay:
        title.wait_until_loaded()
    if scenario is not None and not autoplay:
        from game.app import flow
        from game.app.game_state import Game, GameSetup
        from game.play.match import PlayerSpec

        other = scenario.other(party)
        spec = opponent_spec or PlayerSpec("ai", scenario.party(other).persona.strategy)
        setup = GameSetup(scenario, party, spec, seed if seed is not None else 0)
        flow.begin(app, Game(setup, base=base), push=True)
    elif scenario is not None:
        # autoplay a given file: select it on the title even if it is not in a scenario folder
        if all(e.id != scenario.id for e in app.catalog):
            from game.app.catalog import Entry, check

            app.catalog.insert(0, Entry(Path(scenario.path), "shipped", check(Path(scenario.path))))
            title.selected = 0
            title.rebuild()
    if resume:
        from game.app.game_state import Game
        from game.app import flow

        game = Game.resume(base, autoplay=autoplay)  # ParleyError: printed by the command line
        flow.to_table(app, game)
    if ready is not None:
        ready(app)
    return app.run(None, max_seconds=max_seconds)


def launch_join(urls: list[str], code: str, name: str, *, base: Path | None = None, lang: str | None = None,
                max_seconds: float | None = None, ready=None) -> int:
    """Open the window on "Join a class", filled in, and join at once (`parley join` without --ai)."""
    from game.app.screens.join import JoinScreen

    base = base or paths.data_dir()
    settings = load(paths.settings_file(base))
    if lang:
        settings = settings.with_(language=lang)
    app = App(settings, base=base)
    app.resume_offered = True  # a class game, not the autosaved one
    app.stack.push(TitleScreen(app))
    screen = JoinScreen(app, ",".join(urls), code, name)
    app.stack.push(screen)
    screen.join()
    if ready is not None:
        ready(app)
    return app.run(None, max_seconds=max_seconds)
