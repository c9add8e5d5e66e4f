"""Scenarios by name: the shipped ones (`moscow_2020`, `sochi_2018`, `tutorial`) or a file.

Every front end that takes a scenario (each command, the client, the network host)
resolves it here, so a shipped scenario's name works wherever a path does.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from game import resources
from game.errors import ParleyError, Problem, ScenarioError
from game.i18n import _

if TYPE_CHECKING:  # the model pulls in pydantic: loaded only when a scenario is
    from game.play.results import GameResults
    from game.scenario.model import Scenario

FLAGSHIP = "moscow_2020"


def shipped_names() -> list[str]:
    """The names of the shipped scenarios, sorted."""
    return [p.stem for p in resources.shipped_scenarios()]


def resolve_scenario_path(name: str | Path) -> Path:
    """A path as given, or the name of a shipped scenario (`moscow_2020`)."""
    path = Path(name)
    if path.is_file():
        return path
    shipped = resources.shipped_scenario(str(name))
    if shipped is not None:
        return shipped
    if path.exists():
        raise ParleyError([Problem(_("'{name}' is a folder, not a scenario file").format(name=name),
                                   file=str(name), code="io")])
    raise ParleyError([Problem(_("no scenario file or shipped scenario called '{name}'").format(name=name),
                               file=str(name), code="io",
                               hint=_("shipped scenarios: {names}").format(names=", ".join(shipped_names())))])


def load_scenario(name: str | Path) -> "Scenario":
    """Load, validate and reference-check a scenario; ScenarioError with every problem if it has errors."""
    from game.agents import registry
    from game.play import scenario_cache

    result = scenario_cache.load_file(resolve_scenario_path(name), known_strategies=registry.names())
    if not result.ok:
        raise ScenarioError([p for p in result.problems if p.is_error])
    assert result.scenario is not None
    return result.scenario


def scenario_of_results(results: Iterable["GameResults"], folder: str | Path = "") -> "Scenario":
    """The scenario most of `results` were played on, found from the results themselves.

    Its file is looked for where the games recorded loading it (`scenario_path`),
    next to the results folder (`scenario_file`), and among the shipped scenarios;
    the first file whose id and SHA-256 match the games' is taken, so a teacher's
    own scenario is found as readily as a shipped one.
    """
    games = list(results)
    if not games:
        raise ParleyError([Problem(_("there are no readable results files to report on"), file=str(folder),
                                   code="results")])
    (scenario_id, content_hash), _count = Counter((g.scenario, g.scenario_hash) for g in games).most_common(1)[0]
    candidates: list[Path] = []
    for game in games:
        if game.scenario == scenario_id and game.scenario_hash == content_hash:
            if game.scenario_path:
                candidates.append(Path(game.scenario_path))
            if game.scenario_file and folder:
                candidates += [Path(folder) / game.scenario_file, Path(folder).parent / game.scenario_file]
    shipped = resources.shipped_scenario(scenario_id)
    if shipped is not None:
        candidates.append(shipped)
    seen = set()
    for path in candidates:
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        try:
            scenario = load_scenario(path)
        except ParleyError:
            continue
        if scenario.id == scenario_id and scenario.content_hash == content_hash:
            return scenario
    raise ParleyError([Problem(
        _("the results are of scenario '{id}', and no file of that scenario (in the version they were played on) "
          "was found").format(id=scenario_id), file=str(folder), code="results",
        hint=_("name its file with --scenario FILE"))])
