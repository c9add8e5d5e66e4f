"""Patterns of play for the debrief (`game.negotiation.patterns`): scripted games with known answers,
and the words the debrief gives them."""

import numpy as np
import pytest

from game.app.debrief_data import pattern_texts
from game.play.catalog import load_scenario
from game.negotiation.moves import Move
from game.negotiation.patterns import Pattern, patterns
from game.negotiation.session import Session
from game.rules import Rulebook


@pytest.fixture(scope="module")
def flagship():
    return load_scenario("moscow_2020")


def ranked(book, party):
    """Russia's or Turkey's packages (ids), best first, inside the party's red lines."""
    points = book.scorer().party_points(party)
    order = [int(r) for r in np.argsort(-points, kind="stable") if not book.red_line_mask(party)[r]]
    return [book.to_ids(book.space.package(r)) for r in order]


def play(scenario, russia_offers, russia_accepts_in=None, turkey_says=None):
    """Turkey (the opener) offers its best package every round; Russia offers russia_offers[round - 1],
    or accepts in round `russia_accepts_in`."""
    book = Rulebook(scenario)
    turkey_best = ranked(book, "turkey")[0]
    session = Session(scenario, 0, book)
    for rnd in range(1, scenario.protocol.rounds + 1):
        for statement in (turkey_says or {}).get(rnd, []):
            session.apply(Move.say("turkey", *statement))
        session.apply(Move.propose("turkey", (turkey_says or {}).get(("offer", rnd), turkey_best)))
        if rnd == russia_accepts_in:
            session.apply(Move.accept("russia"))
            break
        session.apply(Move.propose("russia", russia_offers[rnd - 1]))
    return session


def test_a_side_that_never_moves(flagship):
    best = ranked(Rulebook(flagship), "russia")[0]
    session = play(flagship, [best] * 10)
    assert session.ended_by == "deadline"
    assert patterns(flagship, session.log, "russia") == [Pattern("no_concessions", (1, 10))]


def test_a_side_that_waits_for_the_deadline(flagship):
    book = Rulebook(flagship)
    mine = ranked(book, "russia")
    points = book.scorer().party_points("russia")
    best, half = mine[0], next(p for p in mine if points[book.space.index_of(book.to_indexes(p))] < 75)
    # holds its best package to round 8, gives way in round 9
    assert patterns(flagship, play(flagship, [best] * 8 + [half, half]).log, "russia") == [
        Pattern("waited_for_deadline", (8, 9))]
    # holds to round 9 and accepts in round 10
    assert patterns(flagship, play(flagship, [best] * 9, russia_accepts_in=10).log, "russia") == [
        Pattern("waited_for_deadline", (9, 10))]
    # gives way in round 4: neither pattern
    assert patterns(flagship, play(flagship, [best] * 3 + [half] * 7).log, "russia") == []


def test_a_refusal_the_side_s_own_offer_contradicts(flagship):
    book = Rulebook(flagship)
    best = ranked(book, "turkey")[0]
    refused = dict(best, **{"corridor-depth": "fifteen-to-twenty-km"})
    says = {1: [("cannot_accept", "corridor-depth", "fifteen-to-twenty-km")], ("offer", 3): refused}
    session = play(flagship, [ranked(book, "russia")[0]] * 10, turkey_says=says)
    found = [p for p in patterns(flagship, session.log, "turkey") if p.kind == "claim_contradicted"]
    assert found == [Pattern("claim_contradicted", (1, 3), "corridor-depth", "fifteen-to-twenty-km")]
    [text] = pattern_texts(flagship, found)
    option = next(o for o in flagship.issue("corridor-depth").options if o.id == "fifteen-to-twenty-km")
    assert "round 1" in text and "round 3" in text and option.label["en"] in text


def test_the_debrief_names_the_patterns_with_their_rounds(flagship):
    texts = pattern_texts(flagship, [Pattern("no_concessions", (1, 10)), Pattern("waited_for_deadline", (8, 9))])
    assert "round 1 to round 10" in texts[0]
    assert "until round 8" in texts[1] and "round 9" in texts[1]
