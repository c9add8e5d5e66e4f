"""Messages a teacher meets: the root cause first, known names listed, case slips caught,
a hint to quote a text with ': ', and every message naming its file."""

from __future__ import annotations

from pathlib import Path

from game.play.check import check_text
from game.main import main
from game.errors import Problem, SourceLines, format_human
from game.scenario.loader import load_text

ROOT = Path(__file__).resolve().parent.parent
TEACHER = (ROOT / "tests" / "teacher" / "harbour_strike.yaml").read_text(encoding="utf-8")


def problems(text: str) -> list[Problem]:
    result = load_text(text, "case.yaml")
    assert not result.ok
    return [p for p in result.problems if p.is_error]


def test_a_list_text_with_a_colon_gets_a_hint_to_quote_it():
    text = TEACHER.replace('  - "Which issue did you give up', '  - Think back: which issue did you give up')
    text = text.replace('to protect the one that mattered most?"', "to protect the one that mattered most?")
    (p,) = problems(text)
    assert p.message.startswith("'Think back' is not allowed here")
    assert p.hint == "a text containing ': ' must be put in quotes"


def test_a_text_with_a_colon_inside_braces_gets_the_same_hint():
    text = TEACHER.replace('{id: phased, label: "Phased in over three years"}',
                           '{id: phased, label: Phased in: over three years}')
    (p,) = problems(text)
    assert p.message.startswith("YAML syntax:") and p.line == 103  # the option's own line
    assert p.hint == "a text containing ': ' must be put in quotes"


def test_a_badly_written_option_id_comes_first_with_its_knock_on_errors_under_it():
    text = TEACHER.replace("      - {id: phased, label:", "      - {id: Phased, label:")
    found = problems(text)
    root = next(p for p in found if not p.follows)
    assert [p for p in found if not p.follows] == [root]
    assert root.message.startswith("'Phased' is not allowed here") and root.suggestion == "phased"
    knock_on = [p for p in found if p.follows]
    # both parties' values of 'phased', the historical package, the rule and test moves that name it
    assert len(knock_on) >= 5 and {p.follows for p in knock_on} == {root.location()}
    assert all(p.suggestion != "Phased" for p in knock_on)
    sources = SourceLines()
    sources.add("case.yaml", text)
    lines = format_human(found, sources).splitlines()
    assert lines[0] == root.headline()
    assert lines[3] == f"    {len(knock_on)} more errors follow from this one:"
    assert all(line.startswith("      case.yaml:") for line in lines[4:])


def test_a_misspelt_value_key_is_one_error_not_two():
    text = TEACHER.replace("cranes: {free: 0, phased: 60, frozen: 100}", "cranes: {free: 0, phasd: 60, frozen: 100}")
    (p,) = problems(text)
    assert p.message == "'phasd' is not an option of issue 'cranes'" and p.suggestion == "phased"
    assert p.hint == "the options of issue 'cranes': 'free', 'phased', 'frozen'"


def test_an_unknown_party_lists_the_parties():
    (p,) = problems(TEACHER.replace("      - {by: board, walk_away: true}", "      - {by: city, walk_away: true}"))
    assert p.message == "'city' is not a party of this scenario" and not p.suggestion
    assert p.hint == "the parties of this scenario: 'dockers', 'board'"


def test_a_case_slip_suggests_the_id():
    (p,) = problems(TEACHER.replace("      - {by: board, walk_away: true}", "      - {by: Board, walk_away: true}"))
    assert p.message.startswith("'Board' is not allowed here") and p.suggestion == "board"
    (p,) = problems(TEACHER.replace("  opens: dockers", "  opens: DOCKERS"))
    assert p.suggestion == "dockers"


def test_moves_files_and_results_folders_are_named(tmp_path, capsys):
    moves = tmp_path / "moves.yaml"
    moves.write_text("moves:\n  - {by: turkey, propose: {format: nonsense}}\n", encoding="utf-8")
    assert main(["run", "tutorial", "--moves", str(moves)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{moves}:2:5: error: a scripted move was refused: 'nonsense' is not an option")
    assert "<input>" not in err
    (tmp_path / "results").mkdir()
    assert main(["report", str(tmp_path / "results")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{tmp_path / 'results'}: error: there are no readable results files")
    assert main(["run", "tutorial", "--player", "nobody"]) == 1
    assert capsys.readouterr().err.startswith("parley: error: --player takes PARTY=PLAYER")


def test_a_persona_param_the_strategy_does_not_take_is_an_error_of_the_checker():
    text = TEACHER.replace("params: {exponent: 0.3}", "params: {exponant: 0.3}")
    result = check_text(text, "case.yaml")
    (p,) = [p for p in result.problems if p.is_error]
    assert p.code == "persona-params" and "no parameter 'exponant'" in p.message and "exponent" in p.message
    assert text.splitlines()[p.line - 1].strip().startswith("persona:") or "name:" in text.splitlines()[p.line - 1]


MAP = """
map:
  reference: "the harbour gate"
  note: "Schematic"
  routes:
    - {id: short, label: "Short", points: [[0, 0]]}
  roads:
    - {id: quay, label: "Quay road", points: [[0, 0], [1, 2, 3]], shield: QUAY-ROAD-NORTH}
  posts:
    - {id: gates, label: "Gates", at: [[4]]}
"""


def test_map_geometry_mistakes_are_said_in_the_teacher_s_words_in_every_language():
    """A point with a number too few or too many, a route of one point, a road number too long:
    no pydantic English ("Tuple should have at most 2 items after validation")."""
    from game import i18n

    text = TEACHER + MAP
    found = {(p.line, p.message) for p in problems(text)}
    lines = {line: n for n, line in enumerate(text.splitlines(), start=1)}
    at = lambda start: next(n for line, n in lines.items() if line.startswith(start))  # noqa: E731
    point = "a point is two numbers, [x, y]: kilometres east and north of the map's reference point"
    assert found == {(at("    - {id: short"), "expected at least 2 items here, found 1"),
                     (at("    - {id: quay"), point),
                     (at("    - {id: quay"), "the text is too long: at most 12 characters, found 15"),
                     (at("    - {id: gates"), point)}
    try:
        for lang, word in (("tr", "referans noktasının"), ("ru", "опорной точки")):
            i18n.set_language(lang)
            messages = [p.message for p in problems(text)]
            assert not any("should have" in m or "items" in m for m in messages), messages
            assert sum(word in m for m in messages) == 2, messages
    finally:
        i18n.set_language("en")


def test_a_file_that_cannot_be_read_is_said_so_in_the_player_s_language(tmp_path):
    from game import i18n
    from game.scenario.loader import load_file

    plain = tmp_path / "plain.yaml"
    plain.write_text("format: 1\n", encoding="utf-8")
    try:
        i18n.set_language("tr")
        (p,) = load_file(plain / "inside.yaml").problems  # a file is no folder: the OS refuses to open it
    finally:
        i18n.set_language("en")
    assert p.file == str(plain / "inside.yaml") and p.message.startswith("dosya okunamıyor: ")
