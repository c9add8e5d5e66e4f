"""The table's numbers and words without pygame: one value per offer, what changed, red lines, the verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.app import table_model, table_text, verdict
from game.app.game_state import Game, GameSetup
from game.play.catalog import load_scenario
from game.play.match import PlayerSpec
from game.negotiation import Move

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def flagship():
    return load_scenario(str(ROOT / "scenarios" / "moscow_2020.yaml"))


@pytest.fixture(scope="module")
def tutorial():
    return load_scenario(str(ROOT / "scenarios" / "tutorial.yaml"))


def ids(scenario, picks: list[int]) -> dict[str, str]:
    """A package from option indexes; issues past the end of `picks` take their first option."""
    picks = list(picks) + [0] * (len(scenario.issues) - len(picks))
    return {i.id: i.options[k].id for i, k in zip(scenario.issues, picks)}


def zeros(scenario) -> list[int]:
    return [0] * len(scenario.issues)


def hotseat(scenario, tmp_path) -> Game:
    return Game(GameSetup(scenario, "turkey", PlayerSpec("human"), 1), base=tmp_path)


def test_one_number_for_one_offer_under_the_current_standing(flagship, tmp_path):
    """News moves Turkey's weights at round 3: the list, the header's value and the view agree afterwards."""
    game = hotseat(flagship, tmp_path)
    first = zeros(flagship)
    game.submit(Move.propose("turkey", ids(flagship, first)))
    game.submit(Move.propose("russia", ids(flagship, [3, 2, 3, 2, 0, 3, 2, 0])))
    before = game.offers[-1].points["turkey"]          # as things stood when Russia made it
    game.submit(Move.propose("turkey", ids(flagship, first)))
    game.submit(Move.propose("russia", ids(flagship, [3, 2, 3, 2, 0, 3, 2, 0])))   # round 3 opens: OCHA news
    view = game.session.view("turkey")
    now = table_model.offer_points(view, game.offers[1].indexes)
    assert now == view.points(tuple(game.offers[1].indexes)) and abs(now - before) > 0.05  # the news moved it
    history = table_text.history_html(game, "turkey")
    assert history.count(f"{now:.1f} points to you") == 2 and f"{before:.1f} points" not in history
    game.match.close()


def test_priority_shifts_name_the_issue_the_news_moved_and_sum_up_the_rest(flagship):
    issues = flagship.issues
    old = {i.id: 12.5 for i in issues}                                   # eight issues, 100 in all
    raised = dict(old, civilians=17.5)                                   # +5 on one issue ...
    new = {k: v * 100 / 105 for k, v in raised.items()}                  # ... then rescaled to 100
    assert table_model.priority_shifts(issues, old, new) == [
        "Civilians, displaced people and refugees 12.5% → 16.7%", "the other issues shrink in proportion"]
    both = dict(old, civilians=15.54, **{"political-framing": 4.5})      # two moved on their own, no rescale
    assert table_model.priority_shifts(issues, old, both) == [
        "Civilians, displaced people and refugees 12.5% → 15.5%", "Political framing 12.5% → 4.5%"]
    assert table_model.priority_shifts(issues, old, dict(old)) == []


def test_what_they_changed_is_measured_in_your_points(flagship, tmp_path):
    game = hotseat(flagship, tmp_path)
    game.submit(Move.propose("turkey", ids(flagship, zeros(flagship))))
    game.submit(Move.propose("russia", ids(flagship, [3, 2, 3, 2, 0, 3, 2, 0])))
    game.submit(Move.propose("turkey", ids(flagship, zeros(flagship))))
    game.submit(Move.propose("russia", ids(flagship, [3, 2, 1, 2, 0, 3, 2, 0])))   # moved on the corridor only
    view = game.session.view("turkey")
    red = table_model.red_checks(flagship, "turkey", game.session.book)
    lines = table_model.issue_lines(view, zeros(flagship), red)
    moved = [line for line in lines if line.moved_by is not None]
    assert [line.index for line in moved] == [2]
    corridor = moved[0]
    assert (corridor.previous, corridor.theirs) == (3, 1)
    w = view.weights[flagship.issues[2].id]
    expected = w * (view.value(2, 1) - view.value(2, 3)) / 100
    assert corridor.moved_by == pytest.approx(expected) and corridor.their_points == pytest.approx(w * view.value(2, 1) / 100)
    game.match.close()


def test_red_lines_say_what_the_package_does(flagship):
    from game.rules import Rulebook

    book = Rulebook(flagship)
    posts = next(n for n, i in enumerate(flagship.issues) if i.id == "observation-posts")
    north = next(k for k, o in enumerate(flagship.issues[posts].options) if o.id == "all-move-north")
    package = zeros(flagship)
    package[posts] = north
    checks = table_model.red_checks(flagship, "turkey", book)
    (breach,) = table_model.red_line_breaches(flagship, checks, tuple(package))
    label = flagship.issues[posts].options[north].label["en"]
    assert breach.what == f"Turkish observation posts: {label}"
    assert breach.rule == "The observation posts do not all move north."
    sentence = table_model.breach_sentence([breach], "offer")
    assert sentence.startswith(f"Your offer crosses your red line: Turkish observation posts: {label}.")
    assert sentence.endswith("Your instructions: “The observation posts do not all move north”")
    assert table_model.red_line_breaches(flagship, checks, tuple(zeros(flagship))) == []


def test_options_that_would_cross_a_red_line_are_marked(flagship, tmp_path):
    game = hotseat(flagship, tmp_path)
    view = game.session.view("turkey")
    lines = table_model.issue_lines(view, zeros(flagship), table_model.red_checks(flagship, "turkey", game.session.book))
    marked = {(line.index, k) for line in lines for k in line.red}
    issue_ids = [i.id for i in flagship.issues]
    expected = set()
    for rule in flagship.party("turkey").red_lines:   # each a plain `issue: x, is: y` in the flagship
        n = issue_ids.index(rule.when.issue)
        expected.add((n, [o.id for o in flagship.issues[n].options].index(rule.when.is_)))
    posts = issue_ids.index("observation-posts")
    assert (posts, [o.id for o in flagship.issues[posts].options].index("all-move-north")) in expected
    assert marked == expected
    game.match.close()


def test_the_verdict_by_hand(tutorial, tmp_path):
    """Turkey opens with its best package, then accepts Russia's: each side's points, walk-away and concession."""
    game = hotseat(tutorial, tmp_path)
    s = game.session
    best = [max(range(3), key=lambda k: s.book.values["turkey"][n][k]) for n in range(3)]
    game.submit(Move.propose("turkey", ids(tutorial, best)))
    other = [max(range(3), key=lambda k: s.book.values["russia"][n][k]) for n in range(3)]
    game.submit(Move.propose("russia", ids(tutorial, other)))
    game.submit(Move.accept("turkey"))
    result = game.result()
    v = verdict.build(game, "turkey")
    scorer = s.scorer()
    mine, theirs = result["scores"]["turkey"], result["scores"]["russia"]
    walk = result["walk_away"]
    assert v.lines[0] == (f"You got {mine:.1f} points; walking away would have given you {walk['turkey']:g} "
                          f"({'+' if mine - walk['turkey'] >= 0.05 else ''}{mine - walk['turkey']:.1f}).")
    assert f"got {theirs:.1f} points against its walk-away value of {walk['russia']:g}" in v.lines[1]
    conceded = scorer.points("turkey", tuple(best)) - scorer.points("turkey", tuple(other))
    assert f"You conceded {conceded:.1f} of your points" in v.lines[2]
    assert "conceded 0.0 of its own" in v.lines[2]           # Russia's only offer was the deal
    assert "frontier" in v.lines[3]
    game.match.close()


def test_the_verdict_flags_a_deal_across_your_own_red_line(flagship, tmp_path):
    game = hotseat(flagship, tmp_path)
    picks = zeros(flagship)
    posts = [i.id for i in flagship.issues].index("observation-posts")
    picks[posts] = [o.id for o in flagship.issues[posts].options].index("all-move-north")
    game.submit(Move.propose("turkey", ids(flagship, picks)))
    game.submit(Move.accept("russia"))
    assert verdict.build(game, "turkey").red_line.startswith("This deal crosses your red line: Turkish observation")
    russia = verdict.build(game, "russia").red_line     # each side is told of its own red lines only
    assert russia.startswith("This deal crosses your red line: ") and "observation" not in russia
    assert "No halt that also stops air strikes" in russia or "No return to the 2018 lines" in russia
    game.match.close()
