"""The rules engine against scores worked out by hand from scenarios/tutorial.yaml."""

import numpy as np
import pytest

from game import resources
from game.rules import Rulebook, Standing
from game.scenario import load

TUTORIAL = str(resources.shipped_scenario("tutorial"))


@pytest.fixture(scope="module")
def book():
    return Rulebook(load(TUTORIAL))


def pkg(book, **choice):
    return book.to_indexes({k.replace("_", "-") if False else k: v for k, v in choice.items()})


def test_historical_package_by_hand(book):
    # russia: 40*80 + 40*90 + 20*80 = 8400 -> 84.0 ; turkey: 50*90 + 30*50 + 20*60 = 7200 -> 72.0
    out = book.scorer().score(pkg(book, format="one-on-one-first", readout="joint-ministers", length="half-day"))
    assert out.points == {"russia": 84.0, "turkey": 72.0}
    # public-clarity starts at 50; rule single-text adds 30
    assert out.indicators == {"public-clarity": 80.0}
    assert out.tags == ["one-voice"]


def test_rule_points_and_attribute_condition(book):
    # length open-ended has hours 10 -> rule 'marathon' (hours at_least 10): turkey -5
    # turkey: 50*30 + 30*80 + 20*10 = 4100 -> 41.0 - 5 = 36.0 ; russia: 40*60 + 40*30 + 20*60 = 4800 -> 48.0
    out = book.scorer().score(pkg(book, format="delegations-only", readout="separate-statements", length="open-ended"))
    assert out.points == {"russia": 48.0, "turkey": 36.0}
    assert out.tags == ["marathon"]
    assert out.indicators == {"public-clarity": 50.0}


def test_no_deal_uses_walk_away_and_no_deal_indicators(book):
    out = book.scorer().no_deal()
    assert out.agreement is None
    assert out.points == {"russia": 35.0, "turkey": 35.0}
    assert out.indicators == {"public-clarity": 30.0}


def test_event_moves_walk_away_and_weights(book):
    scenario = book.scenario
    event = next(e for e in scenario.events if e.id == "waiting-room")
    standing = Standing.initial(scenario)
    for effect in event.effects:
        standing = standing.apply(effect, scenario)
    assert standing.walk_away("turkey") == 30.0
    assert standing.walk_away("russia") == 35.0
    from game.scenario.model import Effect
    heavier = standing.apply(Effect(party="russia", change_weights={"length": 20}), scenario)
    # russia's weights 40/40/20 -> 40/40/40, rescaled to keep the total 100: 33.33 each
    assert heavier.parties["russia"].weights == pytest.approx((100 / 3, 100 / 3, 100 / 3))
    # historical package: (80 + 90 + 80) / 3 = 83.33 (was 84.0)
    p = pkg(book, format="one-on-one-first", readout="joint-ministers", length="half-day")
    assert book.scorer(heavier).points("russia", p) == pytest.approx(250 / 3)


def test_bulk_and_single_agree_exactly(book):
    scorer = book.scorer()
    bulk = scorer.bulk_points()
    for row in range(book.space.size):
        package = book.space.package(row)
        for party in book.scenario.party_ids:
            assert bulk[party][row] == scorer.points(party, package)  # exact, not approximate


def test_space_enumeration_order_and_index(book):
    rows = book.space.packages
    assert rows.shape == (27, 3)
    assert len({tuple(r) for r in rows}) == 27
    for row in (0, 5, 26):
        assert book.space.index_of(book.space.package(row)) == row


def test_matrix_is_parties_in_scenario_order(book):
    m = book.scorer().matrix
    assert m.shape == (27, 2)
    np.testing.assert_array_equal(m[:, 0], book.scorer().bulk_points()["russia"])


@pytest.mark.parametrize("name", ["tutorial", "sochi_2018"])
def test_whole_space_forms_agree_with_the_rows(name):
    """The grid form of every rule and red line, the options worked out from indexes, and the bulk points
    (scored without enumerating the space) agree exactly with the row-by-row forms."""
    book = Rulebook(load(str(resources.shipped_scenario(name))))
    rows = book.space.packages
    conditions = [c for _rule, c in book.rules] + [c for p in book.scenario.party_ids for c in book.red_lines[p]]
    assert conditions
    for c in conditions:
        np.testing.assert_array_equal(book.space.flat(c.grid()), c.mask(rows))
    for party in book.scenario.party_ids:
        np.testing.assert_array_equal(book.red_line_mask(party), np.logical_or.reduce(
            [c.mask(rows) for c in book.red_lines[party]] + [np.zeros(len(rows), dtype=bool)]))
    picked = np.array([0, 1, 7, book.space.size // 3, book.space.size - 1])
    np.testing.assert_array_equal(book.space.options_at(picked), rows[picked])
    scorer = book.scorer()
    bulk = scorer.bulk_points()
    for party in book.scenario.party_ids:
        assert np.array_equal(bulk[party], scorer.bulk_points(rows)[party])  # exact
        assert all(bulk[party][r] == scorer.points(party, book.space.package(int(r))) for r in picked)


@pytest.mark.parametrize("name", ["tutorial", "sochi_2018", "moscow_2020"])
@pytest.mark.parametrize("half_entries", [None, 4])
def test_points_near_a_level_agree_with_the_whole_space(name, half_entries, monkeypatch):
    """What a decision reads instead of the whole space (rules/nearby.py): exact points at rows are the
    same floats, counts are exact, the float32 map is within its error bound; also when the issues are
    split so that rules name issues on both sides (half_entries=4), and after an event moved weights."""
    from game.rules import nearby

    if half_entries:
        monkeypatch.setattr(nearby, "HALF_ENTRIES", half_entries)
    scenario = load(str(resources.shipped_scenario(name)))
    book = Rulebook(scenario)
    effects = [e for event in scenario.events for e in event.effects if e.change_weights]
    standings = [Standing.initial(scenario)] + ([Standing.initial(scenario).apply(effects[0], scenario)]
                                               if effects else [])
    rows = np.unique(np.random.default_rng(0).integers(0, book.space.size, 3000))
    for standing in standings:
        lazy, whole = book.scorer(standing), Rulebook(scenario).scorer(standing)
        for party in scenario.party_ids:
            points = whole.party_points(party)
            assert np.array_equal(lazy.points_at(party, rows), points[rows])  # exact, before any whole pass
            for value in [float(points[r]) for r in rows[:5]] + [0.0, standing.walk_away(party), 1000.0]:
                assert lazy.count_at_most(party, value) == np.count_nonzero(points <= value)
            error = lazy.coarse_error(party)
            assert np.abs(lazy.coarse_points(party) - points).max() <= error
            red = book.red_line_mask(party)
            sunk = lazy.coarse_points(party, -1e9)
            assert np.abs(sunk - points)[~red].max() <= error and (sunk[red] < -1e8).all()
