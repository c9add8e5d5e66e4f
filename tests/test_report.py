"""The class report: a dozen real games headless, their results files, and the page and CSV built from them."""

import contextlib
import csv
import io
import json
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game import resources
from game.main import main
from game.play.catalog import load_scenario
from game.play.match import Match, PlayerSpec
from game.negotiation.moves import Move
from game.report import class_summary, load_class, render
from game.play.results import read_folder, write_results

ROOT = Path(__file__).resolve().parent.parent
PAIRINGS = [("boulware", "conceder"), ("conceder", "boulware"), ("linear", "linear"), ("boulware", "boulware"),
            ("conceder", "linear"), ("linear", "conceder"), ("modeller", "linear"), ("titfortat", "conceder"),
            ("boulware", "titfortat"), ("conceder", "modeller"), ("linear", "walk-out"), ("titfortat", "titfortat")]
STUDENTS = {1: "Ayşe", 4: "Mehmet", 7: "Olga", 10: "İlkay"}  # they play Turkey; İlkay walks out at once


class Page(HTMLParser):
    """Elements of the page by tag, with their attributes and text."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.rows: list[tuple[str, list[str]]] = []
        self._row: list[str] | None = None
        self._row_class = ""
        self._cell: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "tr":
            self._row, self._row_class = [], attrs.get("class", "")
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append((self._row_class, self._row))
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def find(self, tag, **attrs):
        return [a for t, a in self.tags if t == tag and all(a.get(k.rstrip("_")) == v for k, v in attrs.items())]

    def rows_of(self, css_class):
        return [cells for cls, cells in self.rows if css_class in cls.split()]


@pytest.fixture(scope="module")
def folder(tmp_path_factory, flagship):
    """Twelve flagship games (four with a student's name), plus one of another scenario, one
    played on an edited copy of the flagship file, and one corrupt file."""
    root = tmp_path_factory.mktemp("class")
    results = root / "results"
    for seed, (a, b) in enumerate(PAIRINGS):
        if b == "walk-out":
            match = Match(flagship, seed=seed, players={"russia": PlayerSpec("ai", a), "turkey": PlayerSpec("script")},
                          script=[Move.walk_away("turkey")])
        else:
            match = Match(flagship, seed=seed, players={"russia": PlayerSpec("ai", a), "turkey": PlayerSpec("ai", b)})
        match.run()
        if seed in STUDENTS:  # a student played Turkey against the AI
            write_results(match, results, date=f"2025-03-{5 + seed % 2:02d}", names={"turkey": STUDENTS[seed]},
                          players={"russia": f"ai:{a}", "turkey": "human"})
        else:
            write_results(match, results, date=f"2025-03-{5 + seed % 2:02d}")
    tutorial = Match(load_scenario("tutorial"), seed=1)
    tutorial.run()
    write_results(tutorial, results, date="2025-03-05")
    edited = root / "moscow_2020.yaml"
    edited.write_text((ROOT / "scenarios" / "moscow_2020.yaml").read_text(encoding="utf-8") + "\n# edited after class\n",
                      encoding="utf-8")
    changed = Match(load_scenario(str(edited)), seed=99)
    changed.run()
    write_results(changed, results, date="2025-03-07")
    (results / "zz-broken.json").write_text('{"type": "parley-results", "format": 1, "scenario": "moscow_20')
    return results


@pytest.fixture(scope="module")
def games(folder):
    """The twelve flagship games as written, read back independently of the report code."""
    out = []
    for path in sorted(folder.glob("moscow_2020-*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["seed"] != 99:
            out.append(data)
    assert len(out) == 12
    return out


@pytest.fixture(scope="module")
def built(folder, tmp_path_factory):
    """`parley report` on the folder, with a CSV; its exit code, output, page and table."""
    out = tmp_path_factory.mktemp("out")
    html, table = out / "class.html", out / "grades.csv"
    err, std = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(std):
        code = main(["report", str(folder), "--out", str(html), "--csv", str(table)])
    return {"code": code, "stdout": std.getvalue(), "stderr": err.getvalue(), "html": html.read_text(encoding="utf-8"),
            "csv": table.read_text(encoding="utf-8-sig"), "csv_path": table}


def test_report_command_succeeds_and_warns_about_the_corrupt_file(built, folder):
    assert built["code"] == 0
    assert str(folder / "zz-broken.json") in built["stderr"] and "skipped" in built["stderr"]
    assert "12 games of moscow_2020" in built["stdout"]
    assert "2 files of another scenario or scenario version are listed apart" in built["stdout"]


def test_agreement_rate_figure(built, games):
    deals = sum(g["agreement"] is not None for g in games)
    assert 0 < deals < 12
    rate = f"{deals / 12:.0%}"
    text = built["html"]
    start = text.index('id="agreement-rate"')
    assert f'<span class="big">{rate}</span>' in text[start:start + 200]
    assert f"{deals} of 12 pairs reached an agreement" in text
    endings = Counter(g["ended_by"] for g in games)
    assert f"agreement: {endings['accept']}; walked away: {endings['walkaway']}; deadline passed: {endings['deadline']}" in text


def test_table_of_pairs(built, games):
    rows = Page(built["html"]).rows_of("pair")
    assert len(rows) == 12
    games = sorted(games, key=lambda g: (g["date"], g["seed"]))
    for n, (cells, game) in enumerate(zip(rows, games), start=1):
        number, date, russia, turkey, outcome, p_russia, p_turkey, joint, distance, rounds = cells
        assert (int(number), date, int(rounds)) == (n, game["date"], game["rounds"])
        assert float(p_russia) == pytest.approx(game["scores"]["russia"], abs=0.05)
        assert float(p_turkey) == pytest.approx(game["scores"]["turkey"], abs=0.05)
        assert float(joint) == pytest.approx(sum(game["scores"].values()), abs=0.1)
        assert turkey == (game["players"]["turkey"]["name"] or f"AI ({game['players']['turkey']['strategy']})")
        assert russia == f"AI ({game['players']['russia']['strategy']})"
        if game["agreement"] is None:
            assert distance == "–" and outcome != "deal"
        else:
            assert float(distance) >= 0 and outcome == "deal"


def test_other_scenario_and_changed_file_are_listed_apart(built, folder):
    page = Page(built["html"])
    assert len(page.find("section", id="set-aside")) == 1
    other = page.rows_of("other-scenario")
    changed = page.rows_of("changed-file")
    assert [r[0] for r in other] == [p.name for p in folder.glob("tutorial-*.json")]
    assert [r[0] for r in changed] == [p.name for p in folder.glob("moscow_2020-2025-03-07-99-*.json")]
    assert "another scenario" in other[0][1] and "tutorial" in other[0][2]
    assert "has changed" in changed[0][4]
    assert "Some files are not counted" in built["html"]


def test_corrupt_file_is_named_on_the_page(built):
    [row] = Page(built["html"]).rows_of("unreadable")
    assert row[0] == "zz-broken.json" and "skipped" in row[1] and "not valid JSON" in row[4] and "line 1" in row[4]


def test_csv_for_the_gradebook(built, games):
    rows = list(csv.DictReader(built["csv"].splitlines()))
    assert len(rows) == 12
    assert list(rows[0]) == ["file", "date", "seed", "russia_name", "russia_player", "russia_points", "turkey_name",
                             "turkey_player", "turkey_points", "agreement", "ended_by", "joint_points",
                             "distance_to_frontier", "on_frontier", "rounds", "red_lines_crossed"]
    by_seed = {int(r["seed"]): r for r in rows}
    for game in games:
        row = by_seed[game["seed"]]
        assert row["turkey_name"] == (game["players"]["turkey"]["name"] or "")
        assert row["turkey_player"] == ("human" if game["seed"] in STUDENTS else f"ai:{game['players']['turkey']['strategy']}")
        assert float(row["russia_points"]) == pytest.approx(game["scores"]["russia"], abs=0.005)
        assert row["agreement"] == ("yes" if game["agreement"] else "no")
        assert (row["distance_to_frontier"] == "") == (game["agreement"] is None)
    assert {r["turkey_name"] for r in rows} >= set(STUDENTS.values())
    assert built["csv_path"].read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads the names right


def test_page_is_self_contained_and_accessible(built):
    html = built["html"]
    page = Page(html)
    for forbidden in ("<script", "<link", "<img", "<iframe", "@import", "url(http", "src="):
        assert forbidden not in html, forbidden
    assert html.count("http") == html.count('xmlns="http://www.w3.org/2000/svg"')
    charts = page.find("svg")
    assert len(charts) >= 5
    for chart in (c for c in charts if c.get("role") == "img"):
        title, desc = chart["aria-labelledby"].split()
        assert page.find("title", id=title) and page.find("desc", id=desc)
    assert page.find("html")[0]["lang"] == "en"


def test_charts_hold_the_class_data(built, games, flagship):
    html = built["html"]
    page = Page(html)
    deals = [g for g in games if g["agreement"]]
    points = {(round(g["scores"]["russia"], 6), round(g["scores"]["turkey"], 6)) for g in deals}
    assert len(page.find("circle", class_="deal")) == len(points)
    assert page.find("path", class_="frontier") and page.find("path", class_="nash")
    assert page.find("path", class_="historical")
    assert len([a for t, a in page.tags if t == "svg" and "options" in a.get("class", "")]) == len(flagship.issues)
    for issue in flagship.issues:  # each issue: a caption naming the real choice and how many deals chose it
        real = flagship.historical.package[issue.id]
        label = next(o.label for o in issue.options if o.id == real)
        chosen = sum(g["agreement"][issue.id] == real for g in deals)
        text = f"Real choice (★): {label['en'] if isinstance(label, dict) else label}. Chosen by {chosen} of {len(deals)} deal"
        assert text in html.replace("&#x27;", "'")


def test_summary_is_pure_data(folder, flagship, games):
    read = read_folder(folder)
    summary = class_summary(flagship, read.results, skipped=read.problems)
    again = class_summary(flagship, read.results, skipped=read.problems)
    assert summary.to_json() == again.to_json()
    data = json.loads(json.dumps(summary.to_json()))
    assert data["games"] == 12 and data["agreement_rate"] == pytest.approx(summary.agreements / 12)
    assert {a["reason"] for a in data["set_aside"]} == {"other-scenario", "changed-file", "unreadable"}
    for issue in summary.issues:
        assert sum(o.count for o in issue.options) == summary.agreements
        assert sum(o.historical for o in issue.options) == 1
    means = {m.party: m.mean for m in summary.mean_by_role}
    for pid in ("russia", "turkey"):
        assert means[pid] == pytest.approx(sum(g["scores"][pid] for g in games) / 12)
    humans = [m for m in summary.mean_by_opponent if m.group == "human"]
    assert [(m.party, m.n) for m in humans] == [("russia", len(STUDENTS))]
    turkey_humans = [g["scores"]["russia"] for g in games if g["seed"] in STUDENTS]
    assert humans[0].mean == pytest.approx(sum(turkey_humans) / len(turkey_humans))
    assert summary.frontier and summary.nash and summary.historical
    assert all((p.distance is None) == (p.agreement is None) for p in summary.pairs)
    assert load_class(folder, flagship).to_json() == summary.to_json()


def test_choosing_another_scenario_sets_the_flagship_games_apart(folder, tmp_path, capsys):
    out = tmp_path / "tutorial.html"
    assert main(["report", str(folder), "--out", str(out), "--scenario", "tutorial"]) == 0
    assert "1 game of tutorial" in capsys.readouterr().out
    page = Page(out.read_text(encoding="utf-8"))
    assert len(page.rows_of("pair")) == 1 and len(page.rows_of("other-scenario")) == 13


def test_report_replaces_its_own_output_and_says_so(folder, tmp_path, capsys):
    out = tmp_path / "class.html"
    out.write_text("last week's report")
    assert main(["report", str(folder), "--out", str(out)]) == 0
    assert f"Report (replaced): {out}" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["class.html"]


def test_empty_folder_and_missing_folder(tmp_path, capsys):
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "empty.html"
    assert main(["report", str(empty), "--out", str(out), "--scenario", "tutorial"]) == 0
    assert "no games yet" in out.read_text(encoding="utf-8")
    assert main(["report", str(empty), "--out", str(out)]) == 1
    assert "no readable results files" in capsys.readouterr().err
    assert main(["report", str(tmp_path / "nowhere"), "--out", str(out)]) == 1
    assert "no folder of results" in capsys.readouterr().err


def test_results_of_an_unshipped_scenario_need_its_file(folder, tmp_path, capsys):
    own = tmp_path / "own"
    own.mkdir()
    for path in folder.glob("moscow_2020-*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        data["scenario"] = "our_class_version"
        (own / path.name).write_text(json.dumps(data), encoding="utf-8")
    assert main(["report", str(own), "--out", str(tmp_path / "x.html")]) == 1
    err = capsys.readouterr().err
    assert "'our_class_version', and no file of that scenario" in err and "--scenario FILE" in err


def test_a_teachers_own_scenario_is_found_from_the_results(tmp_path, capsys):
    """No --scenario: the results say where their scenario was loaded from, or it lies beside the folder."""
    own = tmp_path / "class" / "ceasefire.yaml"
    own.parent.mkdir()
    text = resources.shipped_scenario("tutorial").read_text(encoding="utf-8")
    own.write_text(text.replace("id: tutorial", "id: our_ceasefire", 1), encoding="utf-8")
    results = tmp_path / "class" / "results"
    for seed in (1, 2):
        assert main(["run", str(own), "--seed", str(seed), "--results", str(results)]) == 0
    capsys.readouterr()
    assert main(["report", str(results), "--out", str(tmp_path / "a.html")]) == 0
    assert "2 games of our_ceasefire" in capsys.readouterr().out
    moved = tmp_path / "elsewhere"  # the class folder copied to another computer: the recorded path is gone
    own.parent.rename(moved)
    assert main(["report", str(moved / "results"), "--out", str(tmp_path / "b.html")]) == 0
    assert "2 games of our_ceasefire" in capsys.readouterr().out
    (moved / "ceasefire.yaml").write_text(text.replace("id: tutorial", "id: our_ceasefire", 1) + "# edited\n",
                                          encoding="utf-8")
    assert main(["report", str(moved / "results"), "--out", str(tmp_path / "c.html")]) == 1  # another version
    assert "in the version they were played on" in capsys.readouterr().err


def test_render_escapes_names(folder, flagship):
    read = read_folder(folder)
    summary = class_summary(flagship, read.results)
    pair = summary.pairs[0]
    pair.players["turkey"] = "<b>Bobby</b> & co"
    html = render(summary)
    assert "<b>Bobby</b>" not in html and "&lt;b&gt;Bobby&lt;/b&gt; &amp; co" in html


@pytest.mark.parametrize("lang, percent_sign", [("tr", "%{n}"), ("ru", "{n}\u00a0%")])
def test_report_in_another_language_formats_numbers_by_locale_but_not_the_csv(folder, games, tmp_path, lang,
                                                                              percent_sign):
    from game import i18n

    html, table = tmp_path / "class.html", tmp_path / "grades.csv"
    std = io.StringIO()
    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(std):
            code = main(["--lang", lang, "report", str(folder), "--out", str(html), "--csv", str(table)])
    finally:
        i18n.set_language("en")
    assert code == 0
    deals = sum(g["agreement"] is not None for g in games)
    rate = percent_sign.format(n=round(deals / 12 * 100))
    text = html.read_text(encoding="utf-8")
    start = text.index('id="agreement-rate"')
    assert f'<span class="big">{rate}</span>' in text[start:start + 200]
    assert f"({rate})" in std.getvalue()  # the summary line of the command
    rows = list(csv.DictReader(table.read_text(encoding="utf-8-sig").splitlines()))
    assert all("," not in r["russia_points"] and "." in r["russia_points"] for r in rows)  # machine-readable: ASCII
