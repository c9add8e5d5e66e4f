"""A teacher's own scenario (tests/teacher/harbour_strike.yaml: other party ids, another date,
no map, eight issues, red lines, events, a named historical agreement, scenario tests) plays
through every screen of the client, the handouts and the class report without a word of the
shipped scenarios showing through, and with its own names, dates and sentences."""

from __future__ import annotations

import contextlib
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pygame_gui.elements import UIButton, UILabel, UITextBox, UITextEntryLine

from game import resources
from game.app import theme
from game.app.screenshots import Tour
from game.play.check import check_file
from game.main import main
from game.scenario import load
from game.play.scenariotest import run_all

ROOT = Path(__file__).resolve().parent.parent
FILE = ROOT / "tests" / "teacher" / "harbour_strike.yaml"
FLAGSHIP_WORDS = ["Idlib", "Turkey", "Turkish", "Russia", "2020", "M4", "Moscow", "Erdoğan", "Putin", "Sochi",
                  "Kremlin", "Ankara", "Saraqib", "real protocol"]


def flagship_words(text: str) -> list[str]:
    return [w for w in FLAGSHIP_WORDS if re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE)]


class Visible(HTMLParser):
    """The text a browser shows of a page (no tags, attributes, styles or drawing paths)."""

    def __init__(self, page: str):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "script")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "script")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(self.parts)


def test_the_teacher_scenario_checks_clean_and_its_tests_pass():
    result = check_file(FILE)
    assert result.ok and result.problems == [], result.problems
    results = run_all(load(FILE))
    assert [r.passed for r in results] == [True, True, True], [(r.mismatches, r.error) for r in results]


class TextTour(Tour):
    """The screenshot tour, reading what each screen says instead of saving a picture."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.screens: dict[str, str] = {}
        self.drawn: list[str] = []  # text the client draws itself (charts, legends)

    def shot(self, name: str, frames: int = 3) -> None:
        self.app.pump(frames)
        texts = []
        for element in self.app.manager.get_sprite_group().sprites():
            if isinstance(element, UITextBox):
                texts.append(element.html_text)
            elif getattr(element, "log_box", None) is not None:  # the table's offers and talk, dialogs' texts
                texts.append(element.log_box.html_text or "")
            elif isinstance(element, (UILabel, UIButton)):
                texts.append(element.text)
            elif isinstance(element, UITextEntryLine):
                texts.append(element.get_text())
        texts += self.drawn
        self.drawn = []
        self.screens[name] = "\n".join(texts)
        self.saved.append(Path(name))


class _Recording:
    """A font that remembers every text rendered with it."""

    def __init__(self, font, seen: list[str]):
        self._font, self._seen = font, seen

    def render(self, text, *args, **kwargs):
        self._seen.append(str(text))
        return self._font.render(text, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._font, name)


@pytest.fixture(scope="module")
def tour(tmp_path_factory):
    empty = tmp_path_factory.mktemp("no-shipped")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(resources, "scenarios_dir", lambda: empty)  # only the teacher's folder on the title screen
        px = theme.Fonts.px
        holder: list[TextTour] = []
        mp.setattr(theme.Fonts, "px", lambda self, *a, **k: _Recording(px(self, *a, **k), holder[0].drawn)
                   if holder else px(self, *a, **k))
        t = TextTour(tmp_path_factory.mktemp("shots"), (1280, 720), str(FILE))
        holder.append(t)
        try:
            t.run()
        finally:
            t.close()
    return t


def test_every_screen_of_the_client_is_visited(tour):
    expected = {"title", "problems", "setup", "briefing", "table", "help", "statements", "confirm-walk-away",
                "outcome", "debrief-space", "debrief-concessions", "debrief-trades", "debrief-protocol",
                "debrief-aftermath", "debrief-reflection", "debrief-class", "teacher-profiles", "teacher-space",
                "teacher-events", "teacher-errors", "settings", "handover"}
    assert expected <= set(tour.screens), set(tour.screens) ^ expected


def test_no_screen_shows_a_word_of_the_shipped_scenarios(tour):
    found = {name: flagship_words(text) for name, text in tour.screens.items()}
    assert not any(found.values()), {k: v for k, v in found.items() if v}


def test_the_screens_use_the_scenarios_own_names_and_days(tour):
    s = tour.screens
    assert "The Valmora harbour strike" in s["title"]
    assert "The Dockworkers' Union" in s["briefing"] and "Harbour Board" in s["briefing"] or "Harbour Board" in s["setup"]
    assert "Each round stands for about a day of talks." in s["briefing"]
    assert "Midsummer Agreement" in s["debrief-protocol"]        # the tab's name
    assert "June 14, 2011: " in s["debrief-protocol"]            # each real clause, dated by historical.date
    assert "Midsummer Agreement" in s["debrief-space"]           # the chart's legend and the text
    assert "walk-away values; shaded: both gain" in s["debrief-space"]  # (text drawn on the chart is read too)
    assert "Midsummer Agreement" in s["teacher-space"]
    assert "July 2011" in s["debrief-aftermath"] and "2014" in s["debrief-aftermath"]
    every = "\n".join(s.values())
    assert not re.search(r"\bthe The\b", every), "an article before a name that has one"
    assert "per round" not in every


def test_handouts_and_the_class_report_show_no_word_of_the_shipped_scenarios(tmp_path):
    from game.play.match import Match, PlayerSpec
    from game.play.results import write_results

    scenario = load(FILE)
    results = tmp_path / "results"
    for seed, (a, b) in enumerate([("boulware", "conceder"), ("linear", "linear"), ("titfortat", "modeller")]):
        match = Match(scenario, seed=seed, players={"dockers": PlayerSpec("ai", a), "board": PlayerSpec("ai", b)})
        match.run()
        write_results(match, results, date="2011-06-20")
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        assert main(["report", str(results), "--scenario", str(FILE), "--out", str(tmp_path / "class.html")]) == 0
        assert main(["handouts", str(FILE), "--out", str(tmp_path / "sheets")]) == 0
    page = Visible((tmp_path / "class.html").read_text(encoding="utf-8")).text
    assert "The Valmora harbour strike" in page and "The Dockworkers' Union" in page
    assert "Midsummer Agreement: the real deal the two sides signed" in page  # the legend names it
    assert not flagship_words(page), flagship_words(page)
    for sheet in sorted((tmp_path / "sheets").glob("*.html")):
        text = Visible(sheet.read_text(encoding="utf-8")).text
        assert not flagship_words(text), (sheet.name, flagship_words(text))
        assert not re.search(r"\bthe The\b", text)


def test_screenshots_refuse_a_missing_or_broken_scenario_file(tmp_path, capsys):
    out = tmp_path / "shots"
    assert main(["screenshots", str(out), "--scenario", str(tmp_path / "nope.yaml")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{tmp_path / 'nope.yaml'}: error: no scenario file or shipped scenario called")
    broken = tmp_path / "broken.yaml"
    broken.write_text(FILE.read_text(encoding="utf-8").replace("opens: dockers", "opens: docker"), encoding="utf-8")
    assert main(["screenshots", str(out), "--scenario", str(broken)]) == 1
    assert "'docker' is not a party of this scenario (did you mean 'dockers'?)" in capsys.readouterr().err
    assert not out.exists()  # refused before anything is written


def test_the_analysis_agrees_with_a_brute_force_over_the_teacher_scenario():
    """Every package scored by hand from the file's own numbers (weights x values / 100, plus the
    rules' points), the deal zone and the Nash package found by trying them all."""
    from itertools import product

    import yaml

    from game.analysis import Analysis

    raw = yaml.safe_load(FILE.read_text(encoding="utf-8"))
    issues = [(i["id"], [o["id"] for o in i["options"]]) for i in raw["issues"]]
    attrs = {(i["id"], o["id"]): o.get("attributes", {}) for i in raw["issues"] for o in i["options"]}
    parties = {p["id"]: p for p in raw["parties"]}

    def points(pid, pkg):
        p = parties[pid]
        total = sum(p["weights"][i] * p["values"][i][pkg[i]] / 100 for i, _o in issues)
        if pkg["term"] == "three-years" and attrs[("job-guarantee", pkg["job-guarantee"])]["years"] >= 3:
            total += {"board": 3}.get(pid, 0)  # the rule long-peace
        return total

    def crosses(pkg):
        return (pkg["cranes"] == "free" and pkg["job-guarantee"] == "none") or pkg["wages"] == "six-pct"

    zone, nash, best = 0, None, -1.0
    for combo in product(*(opts for _i, opts in issues)):
        pkg = dict(zip((i for i, _o in issues), combo))
        d, b = points("dockers", pkg), points("board", pkg)
        if d > 40 + 1e-9 and b > 35 + 1e-9 and not crosses(pkg):
            zone += 1
            if (d - 40) * (b - 35) > best + 1e-9:
                nash, best = pkg, (d - 40) * (b - 35)
    analysis = Analysis(load(FILE))
    assert zone == 550 and len(analysis.deal_zone) == zone
    assert analysis.nash.outcome == nash

