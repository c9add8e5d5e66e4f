"""`parley handouts`: what each sheet holds, self-contained HTML, no overwriting, and (with
Chromium) that every role sheet prints on at most two pages in A4 and Letter."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from game.main import main
from game.scenario import load
from game.workbench import handouts
from game.workbench.wording import condition_text, pts

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
TUTORIAL = SCENARIOS / "tutorial.yaml"
FLAGSHIP = SCENARIOS / "moscow_2020.yaml"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def en(text) -> str:
    return text if isinstance(text, str) else text.get("en", next(iter(text.values())))


def test_writes_one_sheet_per_role_and_a_teacher_sheet(tmp_path, capsys):
    out = tmp_path / "sheets"
    assert main(["handouts", str(TUTORIAL), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["tutorial-russia-a4.html", "tutorial-teacher-a4.html",
                                                     "tutorial-turkey-a4.html"]
    assert "Wrote 3 sheets" in capsys.readouterr().out
    assert not list(out.glob(".*"))  # no temporary files left behind


def test_paper_sizes(tmp_path):
    assert main(["handouts", "tutorial", "--out", str(tmp_path), "--paper", "both"]) == 0
    assert len(list(tmp_path.glob("*.html"))) == 6
    assert "size: A4;" in (tmp_path / "tutorial-turkey-a4.html").read_text(encoding="utf-8")
    assert "size: letter;" in (tmp_path / "tutorial-turkey-letter.html").read_text(encoding="utf-8")
    assert main(["handouts", "tutorial", "--out", str(tmp_path / "l"), "--paper", "letter"]) == 0
    assert [p.name for p in (tmp_path / "l").iterdir()] and all(
        p.name.endswith("-letter.html") for p in (tmp_path / "l").iterdir())


@pytest.mark.parametrize("path", [TUTORIAL, FLAGSHIP])
def test_sheets_are_self_contained(path):
    for _name, text in handouts.sheets(load(path), ["a4"]):
        assert text.startswith("<!DOCTYPE html>")
        lowered = text.lower()
        for loader in ("<link", "<script", "<img", "<iframe", " src=", "url(", "@import", "<a href"):
            assert loader not in lowered


def test_role_sheet_content(tutorial):
    turkey, russia = tutorial.party("turkey"), tutorial.party("russia")
    text = handouts.role_sheet(tutorial, "turkey")
    assert esc(en(tutorial.summary).split(".")[0]) in text
    assert esc(en(tutorial.sources[0].title)) in text
    assert esc(en(turkey.briefing)) in text
    assert esc(en(turkey.confidential).split("\n")[0].split(".")[0]) in text
    assert esc(en(turkey.walk_away.story)) in text
    assert "Your walk-away value: 35 points" in text
    assert esc(en(russia.confidential).split(".")[0]) not in text  # the other side's secrets stay secret
    # The scoring sheet: each issue's weight and each option's points = weight x value / 100.
    for issue in tutorial.issues:
        assert f"weight {pts(turkey.weights[issue.id])}" in text
        for option in issue.options:
            value = turkey.weights[issue.id] * turkey.values[issue.id][option.id] / 100
            assert f'<td>{esc(en(option.label))}</td><td class="num">{pts(value)}</td>' in text
    assert text.count("Agreed:") == len(tutorial.issues)
    # The rule that takes points from Turkey, in words, with its points.
    assert esc(condition_text(tutorial.rules[1].when, tutorial)) in text and ">-5<" in text
    assert "Total for the deal:" in text


def test_role_sheet_shows_red_lines():
    moscow = load(FLAGSHIP)
    text = handouts.role_sheet(moscow, "turkey", "letter")
    for red in moscow.party("turkey").red_lines:
        assert esc(en(red.text)) in text
    assert "Your walk-away value: 35 points" in text


def test_teacher_sheet_content(tutorial):
    text = handouts.teacher_sheet(tutorial)
    for party in tutorial.parties:
        assert esc(en(party.name)) in text
    assert "22 of 27 possible packages (81%)" in text
    assert "Nash package" in text
    for clause in tutorial.historical.clauses.values():
        assert esc(en(clause)) in text
    assert esc(en(tutorial.aftermath[0].text)) in text
    assert esc(en(tutorial.events[0].title)) in text and "walk-away value -5" in text
    assert ">84<" in text and ">72<" in text  # the historical scores
    assert esc(tutorial.sources[0].url) in text.replace("<wbr>", "")  # breaks allowed only between words


def test_never_overwrites(tmp_path, capsys):
    assert main(["handouts", "tutorial", "--out", str(tmp_path)]) == 0
    sheet = tmp_path / "tutorial-turkey-a4.html"
    sheet.write_text("edited by the teacher", encoding="utf-8")
    capsys.readouterr()
    assert main(["handouts", "tutorial", "--out", str(tmp_path), "--paper", "both"]) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and "tutorial-turkey-a4.html" in err
    assert sheet.read_text(encoding="utf-8") == "edited by the teacher"
    assert not list(tmp_path.glob("*-letter.html"))  # all or nothing


def test_out_must_be_a_folder(tmp_path, capsys):
    file = tmp_path / "file"
    file.write_text("x", encoding="utf-8")
    assert main(["handouts", "tutorial", "--out", str(file)]) == 1
    assert "not a folder" in capsys.readouterr().err


# -- printing with a real browser ----------------------------------------------------------


def browser() -> str | None:
    found = os.environ.get("PARLEY_CHROMIUM")
    if found:
        return found
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def print_pdf(exe: str, page: Path, profile: Path) -> bytes:
    pdf = page.with_suffix(".pdf")
    subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run",
                    f"--user-data-dir={profile}", "--no-pdf-header-footer", "--print-to-pdf-no-header",
                    f"--print-to-pdf={pdf}", page.resolve().as_uri()],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120, check=False)
    assert pdf.exists(), f"{exe} made no PDF of {page.name}"
    return pdf.read_bytes()


@pytest.mark.skipif(browser() is None, reason="no chromium binary found")
@pytest.mark.parametrize("source", ["tutorial", "moscow_2020", "starter"])
def test_role_sheets_print_on_at_most_two_pages(source, tmp_path):
    exe = browser()
    assert exe is not None
    if source == "starter":
        path = tmp_path / "river.yaml"
        assert main(["new", str(path)]) == 0
        source = str(path)
    out = tmp_path / "sheets"
    assert main(["handouts", source, "--out", str(out), "--paper", "both"]) == 0
    pages = {}
    for page in sorted(out.glob("*.html")):
        pages[page.name] = pdf_pages(print_pdf(exe, page, tmp_path / "profile"))
    assert len(pages) == (10 if source == "moscow_2020" else 6)  # the flagship adds a map sheet and a teacher's pack
    for name, count in pages.items():
        assert count >= 1, name
        if "-teacher-" not in name and "-pack-" not in name:
            assert count <= 2, f"{name} prints on {count} pages"


def test_map_legend_keys_draw_each_line_style_in_the_browser(tmp_path):
    """The printed legend shows the border dashed and the line of contact thick, as on the map itself
    (a plain-line rule matched every line key and drew all three alike)."""
    exe = browser()
    assert exe is not None
    out = tmp_path / "sheets"
    assert main(["handouts", str(FLAGSHIP), "--out", str(out)]) == 0
    sheet = out / "moscow_2020-map-a4.html"
    probe = ("<pre id='probe'></pre><script>document.getElementById('probe').textContent = "
             "[...document.querySelectorAll('.map-legend .key.line')].map(k => k.className + '=' + "
             "getComputedStyle(k).borderTopStyle + '/' + getComputedStyle(k).borderTopWidth).join(';');</script>")
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("</body>", probe + "</body>"), encoding="utf-8")
    dom = subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                          "--disable-component-update", "--disable-sync", "--no-first-run",
                          f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", sheet.resolve().as_uri()],
                         capture_output=True, text=True, timeout=120, check=False).stdout
    found = dict(item.split("=") for item in re.search(r"<pre id=\"probe\">([^<]*)</pre>", dom).group(1).split(";"))
    assert found["key line border"].startswith("dashed/"), found
    style, width = found["key line front"].split("/")
    assert style == "solid" and float(width.removesuffix("px")) >= 2, found  # 2pt; a plain line is 0.6pt (1px)
