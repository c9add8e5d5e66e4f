"""Unit tests of the strategies, the opponent model, the statement policy and `statement_truth`."""

from dataclasses import replace

import numpy as np
import pytest

from game.agents import registry
from game.agents.base import Response, StrategyParamError, decide
from game.agents.statements import bottom_issues, statement_truth, top_issues
from game.agents.timebased import Boulware, Conceder
from game.play.catalog import load_scenario
from game.negotiation.moves import Move, Statement, StatementKind
from game.negotiation.session import Session
from game.rules import Rulebook, Standing
from tests.gen import load_dict

FLAGSHIP = "moscow_2020"
SCENARIOS = ["tutorial", FLAGSHIP]
S = StatementKind


@pytest.fixture(scope="module", params=SCENARIOS)
def scenario(request):
    return load_scenario(request.param)


def best_allowed(view) -> float:
    u = np.asarray(view.utilities())
    ok = (u > view.walk_away + 1e-9) & ~np.asarray(view.red_line_mask)
    return float(u[ok].max())


# -- the registry ------------------------------------------------------------------------
def test_every_strategy_has_a_name_a_summary_and_statement_params():
    assert {"boulware", "linear", "conceder", "titfortat", "modeller"} <= set(registry.names())
    for name, summary in registry.summaries().items():
        cls = registry.get(name)
        assert cls.name == name and summary and "\n" not in summary
        assert {"talk", "honest", "bluff"} <= set(cls.PARAMS)


def test_unknown_or_mistyped_parameters_are_refused():
    with pytest.raises(StrategyParamError, match="no parameter 'speed'"):
        registry.create("modeller", {"speed": 1}, 0, "russia")
    with pytest.raises(StrategyParamError, match="must be true or false"):
        registry.create("boulware", {"honest": "yes"}, 0, "russia")
    assert registry.create("boulware", {"exponent": 1}, 0, "russia").params["exponent"] == 1.0


# -- time-based ------------------------------------------------------------------------------
def test_boulware_first_offer_is_its_best_package(scenario):
    session = Session(scenario, seed=3)
    view = session.view(session.turn)
    package = Boulware(rng=None).propose(view)
    assert package is not None
    assert view.points(package) == pytest.approx(best_allowed(view))
    assert not view.crosses_red_line(package)


def test_conceder_concedes_faster_than_boulware(scenario):
    session = Session(scenario)
    view = session.view(session.turn)
    boulware, conceder = Boulware(), Conceder()
    assert boulware.target(view, 0.0) == pytest.approx(conceder.target(view, 0.0))
    assert conceder.target(view, 0.5) < boulware.target(view, 0.5) - 1.0
    assert boulware.target(view, 1.0) == pytest.approx(view.walk_away)


def test_time_based_accepts_at_its_target_and_rejects_below_walk_away(tutorial):
    session = Session(tutorial)
    session.apply(Move.propose("turkey", {"format": "one-on-one-first", "readout": "joint-ministers",
                                          "length": "half-day"}))  # russia 84: its best
    view = session.view("russia")
    assert Boulware().respond(view, view.standing_offer.package) is Response.ACCEPT
    worst = view.to_ids(view.package(int(np.argmin(view.utilities()))))
    session2 = Session(tutorial)
    session2.apply(Move.propose("turkey", worst))
    view2 = session2.view("russia")
    assert Conceder().respond(view2, view2.standing_offer.package) is Response.REJECT


# -- tit-for-tat -----------------------------------------------------------------------------
def test_titfortat_opens_with_its_best_and_reciprocates(scenario):
    opener, other = scenario.protocol.opens, scenario.other(scenario.protocol.opens)

    def second_target(concede: bool) -> float:
        session = Session(scenario, seed=1)
        tft = registry.create("titfortat", {"goodwill": 0.0, "talk": False}, 1, opener)
        view = session.view(opener)
        first = tft.propose(view)
        assert view.points(first) == pytest.approx(best_allowed(view))
        session.apply(Move.propose(opener, view.to_ids(first)))
        # the other side: its worst package for the tit-for-tat player, then (maybe) a better one
        mine = np.asarray(view.utilities())
        order = np.argsort(mine, kind="stable")
        session.apply(Move.propose(other, view.to_ids(view.package(int(order[0])))))
        tft.propose(session.view(opener))
        session.apply(Move.propose(opener, view.to_ids(first)))
        later = int(order[len(order) * 3 // 4]) if concede else int(order[0])
        session.apply(Move.propose(other, view.to_ids(view.package(later))))
        return tft.target(session.view(opener))

    assert second_target(concede=True) < second_target(concede=False) - 1e-6


# -- the modeller --------------------------------------------------------------------------
def scripted_offers(scenario, party: str, fixed_issue: int, n: int, seed: int = 0):
    """`n` packages for `party` that keep issue `fixed_issue` on one option and vary the rest."""
    rng = np.random.default_rng(seed)
    sizes = [len(i.options) for i in scenario.issues]
    out, last = [], None
    for _ in range(n):
        package = [int(rng.integers(s)) for s in sizes]
        if last is not None:  # change every other issue, so only the fixed one stays put
            package = [(last[j] + 1 + int(rng.integers(s - 1))) % s if s > 1 else 0 for j, s in enumerate(sizes)]
        package[fixed_issue] = 0
        out.append(tuple(package))
        last = package
    return out


@pytest.mark.parametrize("fixed", [0, 1, 2])
def test_modeller_learns_the_opponents_top_issue_from_its_offers(scenario, fixed):
    if fixed >= len(scenario.issues):
        pytest.skip("not that many issues")
    opener, other = scenario.protocol.opens, scenario.other(scenario.protocol.opens)
    modeller = registry.create("modeller", {"talk": False}, 0, other)
    session = Session(scenario)
    book = Rulebook(scenario)
    for package in scripted_offers(scenario, opener, fixed, 4):
        session.apply(Move.propose(opener, book.to_ids(package)))
        view = session.view(other)
        modeller.watcher.update(view)
        # keep the game going without letting the modeller end it
        session.apply(Move.propose(other, book.to_ids(package)))
    assert modeller.model.top_issue() == fixed
    assert len(modeller.model.offers) == 4


def test_the_model_at_a_few_rows_is_its_whole_space_estimate_exactly(scenario):
    """A decision reads the model at the packages near its level (`at`): the same floats as the whole
    space's `utilities()`, statements and refusals included."""
    opener, other = scenario.protocol.opens, scenario.other(scenario.protocol.opens)
    modeller = registry.create("modeller", {"talk": False}, 0, other)
    session, book = Session(scenario), Rulebook(scenario)
    issue = scenario.issues[0]
    session.apply(Move.say(opener, S.CANNOT_ACCEPT, issue.id, issue.options[-1].id))
    session.apply(Move.say(opener, S.MATTERS_MOST, scenario.issues[-1].id))
    for package in scripted_offers(scenario, opener, 0, 3):
        session.apply(Move.propose(opener, book.to_ids(package)))
        modeller.watcher.update(session.view(other))
        session.apply(Move.propose(other, book.to_ids(package)))
    model = modeller.model
    rows = np.unique(np.random.default_rng(0).integers(0, book.space.size, 500))
    assert np.array_equal(model.at(rows), model.utilities()[rows])


def test_modeller_trusts_statements_less_when_the_offers_contradict_them(tutorial):
    book = Rulebook(tutorial)

    def trust_after(claimed: str) -> float:
        modeller = registry.create("modeller", {"talk": False}, 0, "russia")
        session = Session(tutorial)
        session.apply(Move.say("turkey", S.MATTERS_MOST, claimed))
        for package in scripted_offers(tutorial, "turkey", 0, 4):  # the offers say: format matters
            session.apply(Move.propose("turkey", book.to_ids(package)))
            modeller.watcher.update(session.view("russia"))
            session.apply(Move.propose("russia", book.to_ids(package)))
        model = modeller.model
        return model.trust(S.MATTERS_MOST, tutorial.issue_ids.index(claimed))

    assert trust_after("format") > trust_after("length") + 0.3


def test_modeller_proposes_what_the_other_side_values_at_its_target(tutorial):
    modeller = registry.create("modeller", {"talk": False}, 0, "russia")
    session = Session(tutorial)
    book = Rulebook(tutorial)
    # turkey keeps insisting on its favourite format and varies the rest
    for package in scripted_offers(tutorial, "turkey", 0, 3):
        session.apply(Move.propose("turkey", book.to_ids(package)))
        view = session.view("russia")
        proposal = modeller.propose(view)
        assert view.points(proposal) >= modeller.target(view) - 1e-9
        session.apply(Move.propose("russia", view.to_ids(proposal)))
    assert proposal[0] == 0  # it gives turkey the format it keeps asking for


def test_modeller_answers_ask_priorities_truthfully_when_honest(tutorial):
    for honest in (True, False):
        modeller = registry.create("modeller", {"honest": honest}, 0, "russia")
        session = Session(tutorial)
        session.apply(Move.say("turkey", S.ASK_PRIORITIES))
        session.apply(Move.propose("turkey", {"format": "leaders-only", "readout": "separate-statements",
                                              "length": "short"}))
        said = [m.statement for m in decide(modeller, session.view("russia")) if m.statement]
        most = [s for s in said if s.kind is S.MATTERS_MOST]
        assert most, said
        truth = statement_truth(tutorial, "russia", most[0], session.standing)
        assert truth is honest
        assert Statement(S.ASK_PRIORITIES) in said  # and it asks back


# -- statements --------------------------------------------------------------------------------
def test_honest_statements_are_true_and_a_bluff_is_not(scenario):
    for name in registry.names():
        for party in scenario.party_ids:
            session = Session(scenario)
            agent = registry.create(name, {"honest": True, "bluff": False}, 0, party)
            said = agent.policy.statements(session.view(party), ask=True)
            assert said, name
            for s in said:
                assert statement_truth(scenario, party, s, session.standing) in (True, None), (name, s)
    # a bluff: a party whose walk-away value is below the median claims a strong alternative
    party = scenario.party_ids[0]
    session = Session(scenario)
    bluffer = registry.create("boulware", {"bluff": True}, 0, party)
    said = bluffer.policy.statements(session.view(party))
    assert Statement(S.ALTERNATIVE_STRONG) in said
    low = replace(session.standing.parties[party], walk_away=0.0)
    standing = Standing({**session.standing.parties, party: low})
    assert statement_truth(scenario, party, Statement(S.ALTERNATIVE_STRONG), standing) is False


def test_a_dishonest_speaker_names_a_decoy(tutorial):
    session = Session(tutorial)
    agent = registry.create("linear", {"honest": False}, 0, "turkey")
    said = agent.policy.statements(session.view("turkey"))
    most = next(s for s in said if s.kind is S.MATTERS_MOST)
    assert most.issue == "length"  # turkey weighs it least
    assert statement_truth(tutorial, "turkey", most, session.standing) is False
    refusal = next(s for s in said if s.kind is S.CANNOT_ACCEPT)
    assert statement_truth(tutorial, "turkey", refusal, session.standing) is False


def test_silent_strategies_say_nothing(tutorial):
    session = Session(tutorial)
    agent = registry.create("modeller", {"talk": False}, 0, "turkey")
    assert all(m.kind.value != "say" for m in decide(agent, session.view("turkey")))


def test_at_most_three_statements_a_turn_and_none_repeated(scenario):
    for name in registry.names():
        session = Session(scenario)
        agents = {p: registry.create(name, None, 0, p) for p in scenario.party_ids}
        said = {p: [] for p in scenario.party_ids}
        while not session.finished:
            party = session.turn
            moves = decide(agents[party], session.view(party))
            assert sum(m.kind.value == "say" for m in moves) <= 3
            said[party] += [m.statement for m in moves if m.statement]
            for m in moves:
                session.apply(m)
        for party, statements in said.items():
            refusals = [s for s in statements if s.kind is S.CANNOT_ACCEPT]
            assert len(refusals) == len(set(refusals)), (name, party)


# -- statement_truth on hand-picked cases ---------------------------------------------------
def test_top_and_bottom_issues():
    assert top_issues([40, 40, 20]) == [0, 1] and bottom_issues([40, 40, 20]) == [2]
    assert top_issues([10, 30, 20, 25, 5, 1]) == [1, 3]          # 6 issues: the top two
    assert bottom_issues([10, 30, 20, 25, 5, 1]) == [5, 4]
    assert top_issues([50, 50]) == [0, 1] == bottom_issues([50, 50])


def test_statement_truth_on_the_tutorial(tutorial):
    st = Standing.initial(tutorial)

    def truth(party, kind, issue=None, option=None, standing=st):
        return statement_truth(tutorial, party, Statement(kind, issue, option), standing)

    # russia weighs format 40, readout 40, length 20; turkey format 50, readout 30, length 20
    assert truth("russia", S.MATTERS_MOST, "format") is True
    assert truth("russia", S.MATTERS_MOST, "readout") is True        # a tie for the top counts
    assert truth("russia", S.MATTERS_MOST, "length") is False
    assert truth("turkey", S.MATTERS_MOST, "readout") is False
    assert truth("russia", S.MATTERS_LITTLE, "length") is True
    assert truth("turkey", S.MATTERS_LITTLE, "format") is False
    # lowest-valued options: russia format leaders-only (20), turkey length open-ended (10)
    assert truth("russia", S.CANNOT_ACCEPT, "format", "leaders-only") is True
    assert truth("russia", S.CANNOT_ACCEPT, "format", "one-on-one-first") is False
    assert truth("turkey", S.CANNOT_ACCEPT, "length", "open-ended") is True
    # russia's points over the 27 packages have median 56; its walk-away value is 35
    assert truth("russia", S.ALTERNATIVE_STRONG) is False
    assert truth("russia", S.ALTERNATIVE_WEAK) is True
    at_median = Standing({**st.parties, "russia": replace(st.parties["russia"], walk_away=56.0)})
    below = Standing({**st.parties, "russia": replace(st.parties["russia"], walk_away=55.0)})
    assert truth("russia", S.ALTERNATIVE_STRONG, standing=at_median) is True
    assert truth("russia", S.ALTERNATIVE_STRONG, standing=below) is False
    assert truth("turkey", S.ASK_PRIORITIES) is None
    # events move weights: the truth follows the standing
    heavier = Standing({**st.parties, "russia": replace(st.parties["russia"], weights=(40.0, 40.0, 60.0))})
    assert truth("russia", S.MATTERS_MOST, "length", standing=heavier) is True


def test_statement_truth_with_red_lines_and_walk_away():
    data = {
        "format": 1, "id": "small", "title": "Small", "date": "2020-03-05", "summary": "s",
        "issues": [{"id": "x", "title": "X", "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"},
                                                         {"id": "c", "label": "C"}]},
                   {"id": "y", "title": "Y", "options": [{"id": "p", "label": "P"}, {"id": "q", "label": "Q"}]}],
        "parties": [
            {"id": "east", "name": "East", "weights": {"x": 60, "y": 40},
             "values": {"x": {"a": 100, "b": 50, "c": 0}, "y": {"p": 100, "q": 0}},
             "walk_away": {"value": 50},
             "red_lines": [{"text": "never b", "when": {"issue": "x", "is": "b"}}],
             "persona": {"name": "E"}},
            {"id": "west", "name": "West", "weights": {"x": 50, "y": 50},
             "values": {"x": {"a": 0, "b": 50, "c": 100}, "y": {"p": 0, "q": 100}},
             "walk_away": {"value": 10}, "persona": {"name": "W"}},
        ],
        "no_deal": {"narrative": "none"}, "protocol": {"rounds": 4, "opens": "east"},
    }
    scenario = load_dict(data)
    st = Standing.initial(scenario)

    def truth(party, kind, issue=None, option=None):
        return statement_truth(scenario, party, Statement(kind, issue, option), st)

    assert truth("east", S.CANNOT_ACCEPT, "x", "b") is True    # a red line, though not its lowest value
    assert truth("east", S.CANNOT_ACCEPT, "x", "c") is True    # its lowest value
    assert truth("east", S.CANNOT_ACCEPT, "y", "q") is True    # lowest (and x=a,y=q scores 60: acceptable)
    assert truth("east", S.CANNOT_ACCEPT, "x", "a") is False
    assert truth("east", S.CANNOT_ACCEPT, "y", "p") is False
    assert truth("west", S.CANNOT_ACCEPT, "x", "b") is False    # not west's red line
    assert truth("east", S.MATTERS_MOST, "x") is True and truth("east", S.MATTERS_LITTLE, "y") is True
    assert truth("west", S.MATTERS_MOST, "y") is True and truth("west", S.MATTERS_LITTLE, "y") is True
    # east's points: 100, 60, 70(red), 30(red), 40, 0: at or below 50 for 3 of 6, so strong
    assert truth("east", S.ALTERNATIVE_STRONG) is True
    # west's points: 0, 50, 25, 75, 50, 100: only one at or below its 10, so weak
    assert truth("west", S.ALTERNATIVE_WEAK) is True and truth("west", S.ALTERNATIVE_STRONG) is False
    # an honest east refuses its red-line option at its first turn
    session = Session(scenario)
    said = registry.create("linear", None, 0, "east").policy.statements(session.view("east"))
    assert Statement(S.CANNOT_ACCEPT, "x", "b") in said


# -- explanations ----------------------------------------------------------------------------
def test_the_ai_explains_itself_to_a_student_who_never_moves():
    from tests.students import play

    flagship = load_scenario(FLAGSHIP)
    _game, session = play(flagship, Rulebook(flagship), "stonewall", "linear", "russia", 0)
    said = [(s.round, s.statement) for s in session.statements if s.party == "turkey"]
    stalled = [(r, s.since) for r, s in said if s.kind is S.NOT_MOVED]
    assert stalled and all(since == 1 and r > since for r, since in stalled)  # "you have not moved since round 1"
    last = flagship.protocol.rounds
    assert (last, Statement(S.FINAL_OFFER)) in said  # the opener's last proposal is its final offer
    for _r, s in said:  # a remark names an issue of the scenario
        if s.kind in (S.MOVED_ON, S.NEED_MOVEMENT):
            assert s.issue in flagship.issue_ids
    assert statement_truth(flagship, "turkey", Statement(S.FINAL_OFFER), Standing.initial(flagship)) is None
