"""Every shipped scenario loads without errors and passes its own scenario tests."""

import pytest

from game import resources
from game.agents import registry
from game.scenario import load_file
from game.play.scenariotest import describe, run_test

FILES = resources.shipped_scenarios()  # the installed package data, whatever the working folder
CASES = []
for _path in FILES:
    _loaded = load_file(_path, known_strategies=registry.names())
    for _test in (_loaded.scenario.tests if _loaded.scenario else []):
        CASES.append(pytest.param(_loaded.scenario, _test, id=f"{_path.stem}::{_test.name}"))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_scenario_loads_without_errors(path):
    assert {"moscow_2020", "sochi_2018", "tutorial"} <= {p.stem for p in FILES}
    result = load_file(path, known_strategies=registry.names())
    assert result.ok, "\n".join(p.headline() for p in result.problems)
    assert result.scenario.tests, "every shipped scenario carries scenario tests"


@pytest.mark.parametrize("scenario, test", CASES)
def test_scenario_test_passes(scenario, test):
    result = run_test(scenario, test)
    assert result.passed, describe(result)


def test_cli_test_command_passes_on_shipped_scenarios(capsys):
    from game.main import main
    assert main(["test", str(resources.scenarios_dir())]) == 0
    assert " 0 failed" in capsys.readouterr().err


ROUND_WORDS = {"en": "round", "tr": "tur", "ru": "раунд"}


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
@pytest.mark.parametrize("lang", sorted(ROUND_WORDS))
def test_the_story_time_sentence_names_the_round_once_in_every_language(path, lang):
    """The briefing's sentence supplies "each round"; the scenario's story_time gives only the time."""
    import re

    from game import i18n
    from game.scenario.labels import story_time

    scenario = load_file(path, known_strategies=registry.names()).scenario
    i18n.set_language(lang)
    try:
        sentence = story_time(scenario)
    finally:
        i18n.set_language("en")
    if scenario.protocol.story_time:
        assert len(re.findall(ROUND_WORDS[lang], sentence, re.IGNORECASE)) == 1, sentence
