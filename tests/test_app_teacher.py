"""The teacher's workbench: a new scenario opened from the title, edited by hand, reloaded with F5."""

import pygame

from test_app_support import click, find_button, press, top_name  # noqa: F401

from game.app import paths

GOOD = "water: {north-first: 100, equal-shares: 60, south-first: 0}"
TYPO = "water: {north-frist: 100, equal-shares: 60, south-first: 0}"


def open_teacher(make_app, size=(1280, 720)):
    from game.app.screens.title import TitleScreen
    from game.main import main

    app = make_app(size=size, catalog=False)
    folder = paths.user_scenarios(app.base)
    folder.mkdir(parents=True)
    path = folder / "river.yaml"
    assert main(["new", str(path)]) == 0
    title = TitleScreen(app)
    app.stack.push(title)
    title.wait_until_loaded()
    app.pump(2)
    title.choose(next(n for n, e in enumerate(title.entries) if e.path == path))
    press(app, pygame.K_t)
    assert top_name(app) == "teacher"
    return app, app.stack.top, path


def test_a_mistake_shows_with_its_line_after_f5_and_the_fix_brings_the_view_back(make_app):
    app, teacher, path = open_teacher(make_app)
    assert not teacher.errors
    profiles = " ".join(box.html_text for _key, box in teacher.boxes)
    assert "Northbank village council" in profiles and "Southbank village council" in profiles
    assert "Southbank will never pay for the whole bridge." in profiles     # a red line
    press(app, pygame.K_3)                                                   # the events
    assert teacher.tab == 2 and "A dry spring" in teacher.text.html_text
    assert "Deal zone:" in teacher.text.html_text and "Nash package" in teacher.text.html_text
    press(app, pygame.K_PAGEDOWN)
    scrolled = teacher.scroll_position()

    text = path.read_text(encoding="utf-8")
    assert GOOD in text
    path.write_text(text.replace(GOOD, TYPO), encoding="utf-8")
    press(app, pygame.K_F5)
    assert teacher.errors
    line = next(n for n, t in enumerate(text.splitlines(), start=1) if GOOD in t)
    col = text.splitlines()[line - 1].index("north-first") + 1
    shown = teacher.problems_box.html_text
    assert f"{path}:{line}:{col}: error: 'north-frist' is not an option of issue 'water'" in shown
    assert "did you mean" in shown and "^" in shown                          # the quoted line and its caret
    assert not teacher.tab_buttons                                            # the view is gone

    path.write_text(text, encoding="utf-8")
    press(app, pygame.K_F5)
    assert not teacher.errors and teacher.tab == 2                           # back, on the same part
    assert "A dry spring" in teacher.text.html_text
    assert abs(teacher.scroll_position() - scrolled) < 0.02
    press(app, pygame.K_ESCAPE)
    assert top_name(app) == "title"


def test_every_part_of_the_teacher_view_is_reachable_by_keyboard(make_app):
    app, teacher, path = open_teacher(make_app, size=(1024, 600))
    press(app, pygame.K_2)
    assert teacher.chart is not None and teacher.chart.image.get_width() > 200
    assert "Deal zone:" in teacher.text.html_text
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_RIGHT)
    assert teacher.tab == 3 and "no warnings" in teacher.text.html_text
    click(app, find_button(app, "Reload"))
    assert teacher.tab == 3 and not teacher.errors
    click(app, teacher.tab_buttons[0])
    assert teacher.tab == 0


def test_an_event_s_change_of_the_deal_zone_is_written_in_the_language_s_digits(make_app):
    """The flagship's Saraqib reminder takes 12,022 packages out of the zone: '-12,022', not '-12022'."""
    from game import i18n
    from game.app.screens.teacher import zone_change_text

    app, teacher, _path = open_teacher(make_app)
    press(app, pygame.K_3)
    assert "If it fires: the deal zone changes by" in teacher.text.html_text  # the events tab uses it
    try:
        for lang, big, small in (("en", "-12,022", "+5"), ("tr", "-12.022", "+5")):
            i18n.set_language(lang)
            assert big in zone_change_text(-12022) and small in zone_change_text(5)
            assert "+0" not in zone_change_text(0)
    finally:
        i18n.set_language("en")
