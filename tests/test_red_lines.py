"""A student may accept a package across their own side's red line: the rules name it, the results
file records it per party, and the class report flags it (page and CSV)."""

import csv
import datetime
import json

import pytest

from game.play.catalog import load_scenario
from game.play.match import Match, PlayerSpec
from game.negotiation.moves import Move
from game.report import class_summary, render
from game.report.table import csv_text
from game.play.results import read_folder, read_results, write_results
from game.rules import Rulebook, crossed_red_lines

# Russia proposes; Turkey (the student) accepts "all posts move north", across Turkey's first red line.
NORTH = {"line-of-control": "freeze-6-march", "ceasefire-scope": "line-of-contact",
         "corridor-depth": "six-km-each-side", "m4-security": "joint-patrols",
         "timetable": "seven-days-then-patrols", "observation-posts": "all-move-north",
         "civilians": "general-commitment", "political-framing": "sovereignty-2254",
         "airspace": "not-mentioned", "verification": "patrols-only", "south-of-m4": "not-addressed"}


@pytest.fixture(scope="module")
def flagship():
    return load_scenario("moscow_2020")


def test_crossed_red_lines_names_the_party_s_own_conditions(flagship):
    book = Rulebook(flagship)
    [line] = crossed_red_lines(book, "turkey", NORTH)
    assert line.text["en"] == "The observation posts do not all move north."
    assert crossed_red_lines(book, "russia", NORTH) == []
    both = {**NORTH, "observation-posts": "not-mentioned", "political-framing": "foreign-forces-out"}
    assert [r.text["en"][:8] for r in crossed_red_lines(book, "turkey", book.to_indexes(both))] == ["No call "]
    total = {**NORTH, "ceasefire-scope": "total-halt", "line-of-control": "sochi-lines"}
    assert len(crossed_red_lines(book, "russia", total)) == 2  # indexes or ids, scenario order


def play_and_record(flagship, folder, package, student="turkey"):
    script = [Move.propose("turkey", NORTH), Move.propose("russia", package), Move.accept("turkey")]
    match = Match(flagship, seed=7, players={"russia": PlayerSpec("script"), "turkey": PlayerSpec("script")},
                  script=script)
    match.run()
    return write_results(match, folder, date=datetime.date(2025, 3, 5), names={student: "Ayşe"},
                         players={"russia": "ai:boulware", "turkey": "human"})


def test_results_file_and_class_report_flag_a_deal_across_the_student_s_red_line(flagship, tmp_path):
    crossing = play_and_record(flagship, tmp_path, NORTH)
    clean = play_and_record(flagship, tmp_path, {**NORTH, "observation-posts": "not-mentioned"})
    assert read_results(crossing).red_lines_crossed == {"russia": [], "turkey": [0]}
    assert read_results(clean).red_lines_crossed == {"russia": [], "turkey": []}

    read = read_folder(tmp_path)
    summary = class_summary(flagship, read.results)
    flagged = {p.file: p.red_lines for p in summary.pairs}
    assert flagged[crossing.name] == {"turkey": ["The observation posts do not all move north."]}
    assert flagged[clean.name] == {}
    html = render(summary)
    assert html.count('class="red-line"') == 1 and "crosses a red line of Republic of Turkey" in html
    rows = {r["file"]: r for r in csv.DictReader(csv_text(summary).lstrip("\ufeff").splitlines())}
    assert rows[crossing.name]["red_lines_crossed"] == "turkey: 1"
    assert rows[clean.name]["red_lines_crossed"] == ""


def test_a_results_file_without_the_field_still_reads(flagship, tmp_path):
    path = play_and_record(flagship, tmp_path, NORTH)
    text = path.read_text(encoding="utf-8").replace('"red_lines_crossed"', '"_gone"')
    data = json.loads(text)
    del data["_gone"]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert read_results(path).red_lines_crossed == {}
    # the report asks the rules itself, so an older file is flagged all the same
    [pair] = class_summary(flagship, read_folder(tmp_path).results).pairs
    assert pair.red_lines == {"turkey": ["The observation posts do not all move north."]}
