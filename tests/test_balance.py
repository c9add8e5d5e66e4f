"""`parley balance`: figures checked by hand on the tutorial, the win rule, what-ifs, JSON keys."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from game.analysis import Analysis
from game.main import main
from game.cli.balance import report
from game.workbench import balance as bal

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


@pytest.fixture(scope="module")
def figures(tutorial):
    return bal.measure(tutorial, games=1, seed=0)


def brute_force_zone(scenario) -> set[tuple[str, ...]]:
    """The deal zone recomputed without the analysis code: every package, scored by the formula."""
    zone = set()
    for combo in itertools.product(*[[o.id for o in i.options] for i in scenario.issues]):
        package = dict(zip(scenario.issue_ids, combo))
        ok = True
        for p in scenario.parties:
            score = sum(p.weights[i] * p.values[i][o] / 100 for i, o in package.items())
            for rule in scenario.rules:  # the tutorial's only point rule: turkey -5 for an open-ended session
                if p.id in rule.points and rule.when.issue == "length" and package["length"] == "open-ended":
                    score += rule.points[p.id]
            ok &= score > p.walk_away.value
        if ok:
            zone.add(combo)
    return zone


def test_tutorial_deal_zone_share_by_hand(tutorial, figures):
    # Both walk-away values are 35. Of the 27 packages, exactly five leave a side at or below 35:
    #   delegations-only, joint-ministers, open-ended:    turkey 15 + 15 + 2 - 5 (marathon) = 27
    #   delegations-only, leaders-announce, open-ended:   turkey 15 + 12 + 2 - 5 = 24
    #   leaders-only, separate-statements, short:         russia 8 + 12 + 4 = 24
    #   leaders-only, separate-statements, open-ended:    russia 8 + 12 + 12 = 32
    #   leaders-only, leaders-announce, short:            russia 8 + 20 + 4 = 32
    # so the deal zone holds 22 of 27 packages (81%).
    outside = {("delegations-only", "joint-ministers", "open-ended"),
               ("delegations-only", "leaders-announce", "open-ended"),
               ("leaders-only", "separate-statements", "short"),
               ("leaders-only", "separate-statements", "open-ended"),
               ("leaders-only", "leaders-announce", "short")}
    everything = set(itertools.product(*[[o.id for o in i.options] for i in tutorial.issues]))
    assert brute_force_zone(tutorial) == everything - outside
    assert figures.deal_zone_count == 22
    assert figures.deal_zone_share == pytest.approx(22 / 27)
    data = figures.to_json()["deal_zone"]
    assert data["count"] == 22 and data["packages"] == 27 and data["share"] == pytest.approx(0.814815)


def test_tutorial_real_deal_is_the_nash_package(figures):
    # Historical: russia 40x80 + 40x90 + 20x80 = 84, turkey 50x90 + 30x50 + 20x60 = 72; the largest
    # product of gains (84-35) x (72-35) in the zone, so the distance to the Nash package is 0.
    data = figures.to_json()
    assert data["historical"]["scores"] == {"russia": 84.0, "turkey": 72.0}
    assert data["nash"]["scores"] == {"russia": 84.0, "turkey": 72.0}
    assert data["historical"]["distance_to_nash"] == 0


def test_roles_add_up(tutorial, figures):
    n = len(bal.registry.names()) ** 2
    assert len(figures.played) == n
    for role in figures.roles:
        assert role.games == n and role.wins + role.ties + role.losses == n
    a, b = figures.roles
    assert a.wins == b.losses and a.losses == b.wins and a.ties == b.ties
    mean_a = sum(g.points[0] for g in figures.played) / n
    assert a.mean_points == pytest.approx(mean_a)


def test_win_is_the_larger_gain_over_the_own_walk_away():
    def game(points, walk):
        return bal.Played(("x", "y"), 0, {"i": "o"}, points, walk, 3)

    assert game((60, 50), (35, 35)).winner == 0
    assert game((60, 50), (45, 30)).winner == 1          # gains 15 against 20
    assert game((50, 40), (40, 30)).winner is None       # equal gains: a tie
    no_deal = bal.Played(("x", "y"), 0, None, (28, 43), (28, 43), 10)
    assert no_deal.gains == (0, 0) and no_deal.winner is None


def test_same_arguments_same_figures(tutorial, figures):
    again = bal.measure(tutorial, games=1, seed=0)
    assert again.to_json() == figures.to_json()


def test_walk_away_what_if_matches_a_real_change(tutorial):
    analysis = Analysis(tutorial)
    for party in tutorial.party_ids:
        change = bal.walk_away_for_share(analysis, party, 0.25)
        assert change.before == 35 and 0 <= change.after <= 100 and change.after == int(change.after)
        changed = Analysis(bal.change_walk_away(tutorial, party, change.after))
        assert len(changed.deal_zone) == change.count_after
        assert change.share_after == pytest.approx(change.count_after / 27)
        # No other whole value comes closer to the target.
        for v in range(0, 101):
            other = Analysis(bal.change_walk_away(tutorial, party, v))
            assert abs(len(other.deal_zone) / 27 - 0.25) >= abs(change.share_after - 0.25) - 1e-12


def test_tutorial_suggestions_say_how_to_shrink_the_wide_zone(figures):
    assert not figures.zone_ok
    text = report(figures)
    for c in figures.zone_suggestions:
        assert f"raising the walk-away value of {c.party} from 35 to {c.after:g} shrinks the deal zone from 81% to" in text
    assert len(figures.zone_suggestions) == 2


def test_weight_candidates_keep_the_sum_and_half_the_weight(tutorial, figures):
    candidates = bal.weight_candidates(tutorial, figures.played)
    assert candidates
    for c in candidates:
        party = tutorial.party(c.party)
        assert c.amount <= party.weights[c.source] / 2
        changed = c.apply(tutorial).party(c.party).weights
        assert sum(changed.values()) == pytest.approx(sum(party.weights.values()))
        assert changed[c.source] == party.weights[c.source] - c.amount
    gaps = [round(c.estimated_gap, 6) for c in candidates]  # as the sort compares them (float noise is a tie)
    assert gaps == sorted(gaps)


def test_weight_suggestion_is_replayed(tutorial):
    played = bal.measure(tutorial, games=1, seed=3).played  # a seed where a weight move narrows the gap
    best = bal.best_weight_change(tutorial, played, 1, 3, None, verify=2)
    assert best is not None
    replayed = bal.play_all(best.apply(tutorial), 1, 3)
    assert best.means_after == pytest.approx(bal.mean_points(tutorial, replayed))
    assert best.gap_after < best.gap_before


def test_a_balanced_scenario_is_said_to_be(tutorial, figures):
    even = [bal.Role(r.party, r.walk_away, 10, 60.0, 25.0, 4, 2, 4) for r in figures.roles]
    b = bal.Balance(tutorial, ["linear"], 1, 0, figures.deal_zone_share, figures.played, even, figures.analysis)
    assert b.balanced
    text = report(b)
    assert "already balanced" in text and "No change suggested" in text
    assert b.to_json()["suggestions"] == {"walk_away": [], "weights": None}


def test_json_keys(capsys):
    assert main(["balance", str(TUTORIAL), "--json", "--games", "1", "--strategy", "linear",
                 "--strategy", "conceder"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"scenario", "strategies", "games_per_pairing", "seed", "games", "agreements",
                         "agreement_rate", "roles", "points_gap", "win_rate_gap", "deal_zone", "nash", "historical",
                         "balanced", "points_even", "deal_zone_ok", "red_lines", "walk_away_what_if", "suggestions",
                         "pairings", "thresholds"}
    assert data["strategies"] == ["linear", "conceder"] and data["games"] == 4
    assert set(data["roles"]) == {"russia", "turkey"}
    assert set(data["roles"]["turkey"]) == {"party", "walk_away", "games", "mean_points", "mean_gain", "wins",
                                            "ties", "losses", "win_rate"}
    assert set(data["deal_zone"]) == {"count", "packages", "share", "target", "band"}
    assert set(data["suggestions"]) == {"walk_away", "weights"}
    assert {w["party"] for w in data["walk_away_what_if"]} == {"russia", "turkey"}
    assert set(data["walk_away_what_if"][0]) == {"party", "walk_away_before", "walk_away_after",
                                                 "deal_zone_share_before", "deal_zone_share_after",
                                                 "deal_zone_count_after"}
    assert len(data["pairings"]) == 4
    assert set(data["pairings"][0]) == {"strategies", "games", "agreements", "mean_points", "wins"}


def test_text_report(capsys):
    assert main(["balance", "tutorial", "--games", "1", "--strategy", "linear"]) == 0
    out = capsys.readouterr().out
    assert "Deal zone: 22 of 27 packages (81%)" in out
    assert "win rate" in out and "Suggestions" in out


def test_usage_mistakes(capsys):
    assert main(["balance", "tutorial", "--strategy", "linaer"]) == 1
    assert "did you mean 'linear'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["balance", "tutorial", "--games", "0"])
    assert exc.value.code == 2


def test_red_lines_that_narrow_the_deal_zone_are_named(tmp_path, capsys):
    """The teacher's scenario with a board red line most packages cross: the zone is narrow because
    of it, not because of the walk-away values, and the report says so with the shares."""
    text = (ROOT / "tests" / "teacher" / "harbour_strike.yaml").read_text(encoding="utf-8").replace(
        'when: {issue: wages, is: six-pct}', 'when: {any: [{issue: wages, attribute: pct, above: 2}, '
        '{issue: hours, attribute: hours, below: 40}]}')
    path = tmp_path / "strict_board.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["balance", str(path), "--json", "--games", "1", "--strategy", "linear"]) == 0
    red = json.loads(capsys.readouterr().out)["red_lines"]
    # wages above 2% (2 of 3 options) or hours below 40 (2 of 3): 1 - 1/9 of the packages for the board
    assert red["by_party"]["board"] == pytest.approx(8 / 9, abs=1e-6)
    # the union's: cranes free and no job guarantee, 1/9 of packages; both: 1/81
    assert red["by_party"]["dockers"] == pytest.approx(1 / 9, abs=1e-6)
    assert red["share"] == pytest.approx(8 / 9 + 1 / 9 - 8 / 81, abs=1e-6)
    assert red["narrow_the_deal_zone"] is True and red["deal_zone_share_without"] > 0.1
    assert main(["balance", str(path), "--games", "1", "--strategy", "linear"]) == 0
    out = capsys.readouterr().out
    assert "- red lines: 90% of all packages cross one (dockers 11%, board 89%)" in out
    assert "It is the red lines, not the walk-away values, that narrow the deal zone" in out
    assert "lowering the walk-away value of dockers from 40" in out and "dockers's" not in out  # any id, no possessive


def test_red_lines_are_not_blamed_for_a_zone_they_do_not_narrow(tutorial):
    b = bal.measure(tutorial, games=1, strategies=["linear"])
    assert b.red_line_share == 0 and not b.narrowed_by_red_lines
    assert "red lines" not in report(b)
