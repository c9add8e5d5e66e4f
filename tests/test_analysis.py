"""The outcome-space analysis: hand-checked on the tutorial, and against brute force.

The brute force below is deliberately plain Python: every package is scored one
at a time with `Scorer.points` (the scalar path, not the numpy matrix), and the
frontier is found by comparing every pair, with the tolerance definition written
out as in the module docstring of `game.analysis.pareto`.
"""

from __future__ import annotations

import csv
import json
import math
import time
from itertools import product
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gen import build_scenario, load_dict, scenario_dicts, scenarios, to_yaml
from game.analysis import TOL, Analysis, pareto_mask, standing_after
from game.main import main
from game.errors import ParleyError
from game.rules import Rulebook, SpaceTooLarge
from game.scenario import load

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
TUTORIAL = SCENARIOS / "tutorial.yaml"
MOSCOW = SCENARIOS / "moscow_2020.yaml"
JSON_KEYS = {"outcome_count", "parties", "walk_away", "pareto", "deal_zone_count", "nash", "kalai_smorodinsky",
             "max_welfare", "historical"}

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# -- brute force ---------------------------------------------------------------------
def dominates(q, p) -> bool:
    return all(a >= b - TOL for a, b in zip(q, p)) and any(a > b + TOL for a, b in zip(q, p))


def brute(scenario, standing=None, respect_red_lines=True) -> dict:
    book = Rulebook(scenario)
    scorer = book.scorer(standing)
    sizes = [len(i.options) for i in scenario.issues]
    packages = list(product(*[range(n) for n in sizes]))          # first issue slowest
    pts = [tuple(scorer.points(pid, pk) for pid in scenario.party_ids) for pk in packages]
    wa = [scorer.walk_away(pid) for pid in scenario.party_ids]
    frontier = [i for i, p in enumerate(pts) if not any(dominates(q, p) for q in pts)]
    zone = [i for i, p in enumerate(pts)
            if all(x > w + TOL for x, w in zip(p, wa))
            and not (respect_red_lines and any(book.crosses_red_line(pid, packages[i]) for pid in scenario.party_ids))]

    def pick(objective):
        if not zone:
            return None
        values = [objective(i) for i in zone]
        best = max(values)
        return next(i for i, v in zip(zone, values) if v >= best - TOL * max(1.0, abs(best)))

    def product_of_gains(i):
        out = pts[i][0] - wa[0]
        for k in range(1, len(wa)):
            out *= pts[i][k] - wa[k]
        return out

    ideal = [max(pts[i][k] - wa[k] for i in zone) for k in range(len(wa))] if zone else []
    return {
        "packages": packages, "points": pts, "walk_away": wa, "frontier": frontier, "zone": zone,
        "nash": pick(product_of_gains),
        "ks": pick(lambda i: min((pts[i][k] - wa[k]) / ideal[k] for k in range(len(wa)))),
        "welfare": pick(lambda i: sum(pts[i])),
    }


def euclid(a, b) -> float:
    return math.sqrt(sum((x - y) ** 2 for x, y in zip(a, b)))


def run_cli(capsys, *args) -> tuple[int, str, str]:
    code = main(["analyze", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


# -- the tutorial, by hand -------------------------------------------------------------
def test_tutorial_frontier_by_hand(tutorial):
    a = Analysis(tutorial)
    # format: one-on-one-first is best for both sides; readout: leaders-announce is beaten by
    # joint-ministers for both; length: open-ended is beaten by half-day for both (marathon -5).
    # What remains is a 2 x 2 trade-off, none of which dominates another:
    expected = [
        ({"format": "one-on-one-first", "readout": "joint-ministers", "length": "half-day"}, {"russia": 84, "turkey": 72}),
        ({"format": "one-on-one-first", "readout": "joint-ministers", "length": "short"}, {"russia": 72, "turkey": 74}),
        ({"format": "one-on-one-first", "readout": "separate-statements", "length": "half-day"}, {"russia": 60, "turkey": 81}),
        ({"format": "one-on-one-first", "readout": "separate-statements", "length": "short"}, {"russia": 48, "turkey": 83}),
    ]
    got = [(p["outcome"], p["scores"]) for p in a.to_json()["pareto"]]
    assert got == expected
    assert a.outcome_count == 27


def test_tutorial_solutions_by_hand(tutorial):
    a = Analysis(tutorial)
    hist = {"format": "one-on-one-first", "readout": "joint-ministers", "length": "half-day"}
    # gains over 35/35: (49, 37) product 1813 beats (37, 39) 1443, (25, 46) 1150, (13, 48) 624
    assert a.nash.outcome == hist
    # normalised by the best gains in the zone (49 for Russia, 48 for Turkey): min(1, 37/48) is the largest
    assert a.kalai_smorodinsky.outcome == hist
    assert a.max_welfare.outcome == hist and a.max_welfare.joint == 156
    h = a.historical
    assert h.on_frontier and h.in_deal_zone and h.distance_to_frontier == 0 and h.distance_to_nash == 0
    assert h.beaten_by == [] and h.missed_trades == []


def test_tutorial_matches_brute_force(tutorial):
    a, b = Analysis(tutorial), brute(tutorial)
    assert sorted(a.frontier.tolist()) == b["frontier"]
    assert a.deal_zone.tolist() == b["zone"] and len(b["zone"]) == 22
    assert (a.nash_index, a.kalai_smorodinsky_index, a.max_welfare_index) == (b["nash"], b["ks"], b["welfare"])


def test_tutorial_dominated_agreement(tutorial):
    a = Analysis(tutorial)
    deal = {"format": "leaders-only", "readout": "leaders-announce", "length": "open-ended"}
    pos = a.position(deal)
    assert pos.scores == {"russia": 40.0, "turkey": 39.0}  # 8+20+12; 30+12+2-5
    assert not pos.on_frontier and pos.in_deal_zone
    assert pos.distance_to_nash == pytest.approx(euclid((40, 39), (84, 72)))
    assert pos.distance_to_frontier == pytest.approx(min(euclid((40, 39), f) for f in [(84, 72), (72, 74), (60, 81), (48, 83)]))
    assert len(pos.beaten_by) > 0 and all(p.scores["russia"] > 40 and p.scores["turkey"] > 39 for p in pos.beaten_by)
    first = pos.missed_trades[0]  # best first: the largest joint gain
    assert [c.issue for c in first.changes] == ["format", "readout"]
    assert first.point.outcome == {"format": "one-on-one-first", "readout": "joint-ministers", "length": "open-ended"}
    # format alone to one-on-one-first: Russia 32+20+12 = 64, Turkey 45+12+2-5 = 54
    single = [t for t in pos.missed_trades if len(t.changes) == 1 and t.changes[0].after == "one-on-one-first"]
    assert single and single[0].point.scores == {"russia": 64.0, "turkey": 54.0}


def test_tutorial_after_event_moves_the_deal_zone(tutorial):
    before = Analysis(tutorial)
    after = Analysis(tutorial, standing_after(tutorial, ["waiting-room"]))
    assert after.walk_away.tolist() == [35.0, 30.0]
    b = brute(tutorial, standing_after(tutorial, ["waiting-room"]))
    assert after.deal_zone.tolist() == b["zone"]
    assert set(before.deal_zone.tolist()) <= set(after.deal_zone.tolist())


def test_position_rejects_a_bad_package(tutorial):
    a = Analysis(tutorial)
    with pytest.raises(ParleyError) as err:
        a.position({"format": "one-on-one", "readout": "joint-ministers"})
    codes = {p.code for p in err.value.problems}
    assert codes == {"unknown-option", "incomplete-package"}
    assert any(p.suggestion == "one-on-one-first" for p in err.value.problems)


def test_unknown_event_has_did_you_mean(tutorial):
    with pytest.raises(ParleyError) as err:
        standing_after(tutorial, ["waiting-rom"])
    assert err.value.problems[0].suggestion == "waiting-room"


# -- the command line ------------------------------------------------------------------
def test_cli_json_keys(capsys):
    code, out, _err = run_cli(capsys, TUTORIAL, "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == JSON_KEYS
    assert data["parties"] == ["russia", "turkey"] and data["outcome_count"] == 27
    assert all(set(p) == {"outcome", "scores"} for p in data["pareto"])
    for key in ("nash", "kalai_smorodinsky", "max_welfare"):
        assert set(data[key]) == {"outcome", "scores"}
    assert {"outcome", "scores", "on_frontier", "distance_to_frontier", "beaten_by"} <= set(data["historical"])


def test_cli_takes_a_shipped_scenario_by_name(capsys):
    code, out, _err = run_cli(capsys, "tutorial", "--json")
    assert code == 0 and json.loads(out)["outcome_count"] == 27


def test_cli_csv(capsys, tmp_path):
    target = tmp_path / "out.csv"
    code, out, _err = run_cli(capsys, TUTORIAL, "--outcomes", target)
    assert code == 0 and "27" in out
    rows = list(csv.reader(target.open(encoding="utf-8")))
    assert rows[0] == ["format", "readout", "length", "russia", "turkey", "red_line"]
    assert len(rows) == 1 + 27
    assert rows[1 + 9 * 0 + 3 * 0 + 1] == ["one-on-one-first", "joint-ministers", "half-day", "84.0", "72.0", ""]


def test_the_csv_alone_rebuilds_the_deal_zone_of_a_scenario_with_red_lines(capsys, tmp_path):
    teacher = Path(__file__).parent / "teacher" / "harbour_strike.yaml"  # red lines on both sides
    target = tmp_path / "out.csv"
    code, out, _err = run_cli(capsys, teacher, "--json", "--outcomes", target)
    data = json.loads(out)
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    crossing = {r["red_line"] for r in rows}
    assert crossing == {"", "dockers", "board", "dockers board"}
    both = next(r for r in rows if r["red_line"] == "dockers board")
    assert (both["wages"], both["cranes"], both["job-guarantee"]) == ("six-pct", "free", "none")
    assert all((r["wages"] == "six-pct") == ("board" in r["red_line"].split()) for r in rows)
    zone = [r for r in rows if not r["red_line"]
            and all(float(r[p]) > data["walk_away"][p] + 1e-9 for p in ("dockers", "board"))]
    assert len(zone) == data["deal_zone_count"] > 0


def test_cli_after_event(capsys):
    code, out, _err = run_cli(capsys, TUTORIAL, "--json", "--after-event", "waiting-room")
    assert code == 0
    data = json.loads(out)
    assert data["walk_away"] == {"russia": 35.0, "turkey": 30.0}
    code, out, err = run_cli(capsys, TUTORIAL, "--after-event", "waiting-rom")
    assert code == 1 and out == ""
    assert "waiting-rom" in err and "did you mean 'waiting-room'" in err


def test_cli_summary(capsys):
    code, out, _err = run_cli(capsys, TUTORIAL)
    assert code == 0
    for text in ("27 packages", "Nash", "Kalai-Smorodinsky", "Pareto frontier (4 packages)", "Historical"):
        assert text in out


def test_cli_bad_file(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\n", encoding="utf-8")
    code, _out, err = run_cli(capsys, bad)
    assert code == 1 and "bad.yaml" in err


# -- size limit ----------------------------------------------------------------------
def test_billion_packages_refused_at_once(capsys, tmp_path):
    data = build_scenario(issues=9, options=10)
    scenario = load_dict(data)
    start = time.perf_counter()
    with pytest.raises(SpaceTooLarge):
        Analysis(scenario)
    assert time.perf_counter() - start < 0.5
    path = tmp_path / "huge.yaml"
    path.write_text(to_yaml(data), encoding="utf-8")
    code, _out, err = run_cli(capsys, path, "--json")
    assert code == 1 and "1,000,000,000" in err


# -- properties against brute force ------------------------------------------------------
@PROPERTY
@given(scenarios())
def test_analysis_matches_brute_force(scenario):
    a, b = Analysis(scenario), brute(scenario)
    assert np.array_equal(a.points, np.array(b["points"]))           # bulk == scalar scoring, exactly
    assert sorted(a.frontier.tolist()) == b["frontier"]
    assert a.deal_zone.tolist() == b["zone"]
    assert a.nash_index == b["nash"]
    assert a.kalai_smorodinsky_index == b["ks"]
    assert a.max_welfare_index == b["welfare"]
    data = json.loads(json.dumps(a.to_json()))
    assert set(data) == JSON_KEYS and data["deal_zone_count"] == len(b["zone"])
    assert len(data["pareto"]) == len(b["frontier"])


@PROPERTY
@given(scenarios(), st.data())
def test_positions_match_brute_force(scenario, data):
    a, b = Analysis(scenario), brute(scenario)
    index = data.draw(st.integers(0, a.outcome_count - 1))
    pos = a.position(b["packages"][index])
    p = b["points"][index]
    assert pos.on_frontier == (index in b["frontier"])
    assert pos.in_deal_zone == (index in b["zone"])
    assert pos.distance_to_frontier == pytest.approx(min(euclid(p, b["points"][f]) for f in b["frontier"]), abs=1e-9)
    better = [i for i, q in enumerate(b["points"]) if all(x > y + TOL for x, y in zip(q, p))]
    assert sorted(x.index for x in pos.beaten_by) == better
    joints = [x.joint for x in pos.beaten_by]
    assert joints == sorted(joints, reverse=True)
    near = [i for i, pk in enumerate(b["packages"])
            if 1 <= sum(x != y for x, y in zip(pk, b["packages"][index])) <= 2
            and all(x > y + TOL for x, y in zip(b["points"][i], p))]
    assert sorted(t.point.index for t in pos.missed_trades) == near
    for t in pos.missed_trades:
        assert all(t.point.scores[pid] > pos.scores[pid] + TOL for pid in scenario.party_ids)
        assert 1 <= len(t.changes) <= 2 and all(c.before != c.after for c in t.changes)
        changed = {iid for iid in scenario.issue_ids if t.point.outcome[iid] != pos.outcome[iid]}
        assert changed == {c.issue for c in t.changes}
    gains = [sum(t.gains.values()) for t in pos.missed_trades]
    assert gains == sorted(gains, reverse=True)
    if a.nash_index is not None:
        assert pos.distance_to_nash == pytest.approx(euclid(p, b["points"][a.nash_index]), abs=1e-9)


@PROPERTY
@given(scenario_dicts(events=True), st.data())
def test_after_event_matches_brute_force(data_dict, data):
    assume(data_dict.get("events"))
    scenario = load_dict(data_dict)
    eid = data.draw(st.sampled_from([e.id for e in scenario.events]))
    standing = standing_after(scenario, [eid])
    a, b = Analysis(scenario, standing), brute(scenario, standing)
    assert a.walk_away.tolist() == b["walk_away"]
    assert sorted(a.frontier.tolist()) == b["frontier"]
    assert a.deal_zone.tolist() == b["zone"]
    assert (a.nash_index, a.kalai_smorodinsky_index) == (b["nash"], b["ks"])


@PROPERTY
@given(scenarios(red_lines=True))
def test_red_lines_only_shrink_the_deal_zone(scenario):
    strict, loose = Analysis(scenario), Analysis(scenario, respect_red_lines=False)
    assert set(strict.deal_zone.tolist()) <= set(loose.deal_zone.tolist())
    assert not strict.red_line_mask[strict.deal_zone].any()
    assert strict.deal_zone.tolist() == brute(scenario)["zone"]
    assert loose.deal_zone.tolist() == brute(scenario, respect_red_lines=False)["zone"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(scenario_dicts(max_issues=3))
def test_cli_on_generated_scenarios(capsys, tmp_path, data_dict):
    path = tmp_path / "gen.yaml"
    path.write_text(to_yaml(data_dict), encoding="utf-8")
    target = tmp_path / "out.csv"
    code, out, _err = run_cli(capsys, path, "--json", "--outcomes", target)
    assert code == 0
    data = json.loads(out)
    assert set(data) == JSON_KEYS
    scenario = load(path)
    rows = list(csv.reader(target.open(encoding="utf-8")))
    assert rows[0] == scenario.issue_ids + scenario.party_ids + ["red_line"]
    assert len(rows) - 1 == data["outcome_count"] == math.prod(len(i.options) for i in scenario.issues)
    assert [bool(r[-1]) for r in rows[1:]] == Analysis(scenario).red_line_mask.tolist()
    assert (data["historical"] is None) == (scenario.historical is None)


# -- the frontier alone, with adversarial rounding noise -----------------------------------
NOISE = st.sampled_from([0.0, 0.5e-9, -0.5e-9, 1e-9, -1e-9, 1.5e-9, -1.5e-9, 3e-9, -3e-9])


@settings(max_examples=300, deadline=None)
@given(st.integers(2, 3).flatmap(lambda k: st.lists(
    st.tuples(*[st.tuples(st.integers(0, 3), NOISE).map(lambda t: t[0] + t[1]) for _ in range(k)]),
    min_size=1, max_size=40)))
def test_pareto_mask_tolerance_exact(rows):
    pts = np.array(rows, dtype=np.float64)
    expected = [not any(dominates(q, p) for q in rows) for p in rows]
    assert pareto_mask(pts).tolist() == expected


def test_pareto_lists_identical_scores():
    pts = np.array([[1.0, 2.0], [1.0, 2.0], [2.0, 1.0], [1.0, 1.0], [2.0, 1.0 + 5e-10]])
    assert pareto_mask(pts).tolist() == [True, True, True, False, True]


# -- every shipped scenario ----------------------------------------------------------------
@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.stem)
def test_shipped_scenarios(path):
    a = Analysis(load(path))
    pts = a.points
    for f in a.frontier:  # nothing dominates a frontier package (checked against every package)
        p = pts[f]
        assert not np.any(np.all(pts >= p - TOL, axis=1) & np.any(pts > p + TOL, axis=1))
    rng = np.random.default_rng(0)
    off = np.flatnonzero(~a.frontier_mask)
    for i in rng.choice(off, size=min(100, len(off)), replace=False):  # something dominates the others
        p = pts[i]
        assert np.any(np.all(pts >= p - TOL, axis=1) & np.any(pts > p + TOL, axis=1))
    for index in (a.nash_index, a.kalai_smorodinsky_index, a.max_welfare_index):
        assert index is None or a.deal_zone_mask[index]
    assert set(json.loads(json.dumps(a.to_json()))) == JSON_KEYS


# -- the flagship scenario, when present ---------------------------------------------------
def test_moscow_real_deal_position():
    a = Analysis(load(MOSCOW))
    h = a.historical
    assert h is not None
    assert h.in_deal_zone
    assert not h.on_frontier and h.distance_to_frontier > 0
    assert h.beaten_by
