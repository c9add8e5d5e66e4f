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


def launch(scenario_name: str | None = None, *, party: str | None = None, opponent: str | None = None,
           seed: int | None = None, autoplay: bool = False, autoplay_delay: float = 1.5, size: str | None = None,
           fullscreen: bool = False, text_scale: float | None = None, base: Path | None = None,
           max_seconds: float | None = None, ready=None, lang: str | None = None) -> int:
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
    scenario = None
    if scenario_name:
        from game.cli.common import load_scenario

        scenario = load_scenario(scenario_name)  # ParleyError: printed by the command line
        party = player_party(scenario, party)
    opponent_spec = None
    if opponent:
        from game.match import PlayerSpec

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
        from game.match import PlayerSpec

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
    if ready is not None:
        ready(app)
    return app.run(None, max_seconds=max_seconds)
