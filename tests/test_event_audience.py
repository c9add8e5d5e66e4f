"""Events with an audience: the format, the checker, the party views, the handouts, the shipped scenarios."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from test_checks import BASE, merge

from game.play.check import check_text
from game.play.catalog import load_scenario
from game.negotiation import Move, Session

ROOT = Path(__file__).resolve().parent.parent

EVENTS = """
events:
  - id: drought
    at_round: 2
    title: A dry summer
    text: Only the North's wells run low.
    audience: {audience}
    effects: [{{party: {party}, change_walk_away: -5}}]
"""


def scenario_text(audience: str, party: str = "north") -> str:
    patch = yaml.safe_load(EVENTS.format(audience=audience, party=party))
    return yaml.safe_dump(merge(yaml.safe_load(BASE), patch), sort_keys=False)


def problems(text: str):
    return check_text(text, "case.yaml").problems


def test_an_event_for_one_party_or_both_passes_the_checker():
    assert problems(scenario_text("north")) == []
    assert problems(scenario_text("both")) == []
    assert problems(scenario_text("both", party="south")) == []


def test_an_unknown_audience_is_an_error_with_a_suggestion_at_its_line():
    text = scenario_text("nroth")
    (p,) = problems(text)
    assert p.level == "error" and p.path == "events.0.audience" and "'nroth' is not a party" in p.message
    assert p.suggestion == "north"
    assert text.splitlines()[p.line - 1].strip().startswith("audience:")


def test_a_private_event_that_moves_the_other_party_is_a_hidden_effect():
    text = scenario_text("north", party="south")
    (p,) = problems(text)
    assert p.code == "hidden-effect" and p.path == "events.0.effects.0.party" and p.level == "error"
    assert "'north' only" in p.message and "'south'" in p.message and "audience: both" in p.hint


def test_the_committed_schema_describes_the_audience():
    schema = json.loads((ROOT / "schema" / "scenario.schema.json").read_text(encoding="utf-8"))
    audience = schema["$defs"]["Event"]["properties"]["audience"]
    assert audience["default"] == "both" and "party" in audience["description"]


def test_a_party_never_hears_the_other_sides_private_news():
    s = load_scenario(str(ROOT / "scenarios" / "moscow_2020.yaml"))
    audience = {e.id: e.audience for e in s.events}
    session = Session(s, seed=1)
    package = {i.id: i.options[0].id for i in s.issues}
    while session.round < 8 and not session.finished:
        session.apply(Move.propose(session.turn, package))
    fired = [f.event for f in session.fired]
    assert "spring-shield-toll" in fired and "ocha-displaced" in fired          # both kinds really fired
    for party in ("russia", "turkey"):
        heard = [f.event for f in session.view(party).events]
        assert heard == [e for e in fired if audience[e] in ("both", party)]
    assert "spring-shield-toll" not in [f.event for f in session.view("turkey").events]
    assert "ocha-displaced" not in [f.event for f in session.view("russia").events]


@pytest.mark.parametrize("path", ["moscow_2020.yaml", "sochi_2018.yaml", "tutorial.yaml"])
def test_every_shipped_event_has_an_audience_that_reads_right(path):
    """News written for one side ("a military briefing for the Russian side") goes to that side only."""
    s = load_scenario(str(ROOT / "scenarios" / path))
    for event in s.events:
        text = event.text["en"] if isinstance(event.text, dict) else event.text
        if "for the Russian side" in text:
            assert event.audience == "russia", event.id
        if "both delegations" in text:
            assert event.audience == "both", event.id
        if event.audience != "both":
            assert {e.party for e in event.effects} <= {event.audience}, event.id


def test_the_handout_says_who_hears_each_event():
    from game.workbench.handouts import teacher_sheet

    s = load_scenario(str(ROOT / "scenarios" / "moscow_2020.yaml"))
    page = teacher_sheet(s)
    assert "Read it to both sides." in page
    assert "For the Russian Federation only" in page and "For the Republic of Turkey only" in page
