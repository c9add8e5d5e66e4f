"""The Syrian scenarios teach what a teacher can stand behind (issue 17).

The flagship's calibration is pinned here with numbers checked by hand in the
scenario's own tests (scenarios/moscow_2020.yaml, `tests:`): the Russian map (a
new line north of the M4 and M5) is a Turkish red line, so no package the
debrief recommends (Nash, Kalai-Smorodinsky, the packages that beat the real
deal for both sides) contains it; the real deal is in the deal zone, leans to
Russia, and only a few packages beat it. Sources are split by date.
"""

from pathlib import Path

import pytest

from game.analysis import Analysis
from game.scenario import load, timing

ROOT = Path(__file__).resolve().parent.parent
FLAGSHIP = ROOT / "scenarios" / "moscow_2020.yaml"
SOCHI = ROOT / "scenarios" / "sochi_2018.yaml"


@pytest.fixture(scope="module")
def flagship():
    scenario = load(FLAGSHIP)
    return scenario, Analysis(scenario)


def test_the_russian_map_is_a_turkish_red_line(flagship):
    scenario, _a = flagship
    lines = [r.when for r in scenario.party("turkey").red_lines]
    assert any(c.issue == "line-of-control" and c.is_ == "russian-map" for c in lines)


def test_recommended_packages_keep_turkey_out_of_the_russian_map(flagship):
    _s, a = flagship
    for index in (a.nash_index, a.kalai_smorodinsky_index, a.max_welfare_index):
        assert a.point(index).outcome["line-of-control"] != "russian-map"
    beaten_by = a.historical.beaten_by
    assert beaten_by and all(p.outcome["line-of-control"] != "russian-map" for p in beaten_by)


def test_the_real_deal_is_in_the_zone_leans_to_russia_and_few_beat_it(flagship):
    scenario, a = flagship
    h = a.historical
    assert h.in_deal_zone
    assert h.scores == pytest.approx({"turkey": 46.4, "russia": 74.1})  # hand-checked in the YAML
    gain = {p.id: h.scores[p.id] - p.walk_away.value for p in scenario.parties}
    assert gain["russia"] > 2 * gain["turkey"] > 0
    assert len(h.beaten_by) == 5
    nash = a.point(a.nash_index)
    assert nash.scores == pytest.approx({"turkey": 56.2, "russia": 67.0})


def test_the_outcome_space_holds_the_new_issues(flagship):
    scenario, a = flagship
    assert {"airspace", "verification", "south-of-m4"} <= set(scenario.issue_ids)
    assert a.outcome_count == 1_327_104


def test_sochi_no_offensive_commitment_is_tradeable():
    scenario = load(SOCHI)
    assert scenario.historical.package["no-offensive"] == "russia-prevents"
    values = {p.id: p.values["no-offensive"] for p in scenario.parties}
    assert values["turkey"]["russia-prevents"] > values["turkey"]["not-included"]
    assert values["russia"]["russia-prevents"] < values["russia"]["not-included"]


@pytest.mark.parametrize("path", [FLAGSHIP, SOCHI], ids=lambda p: p.stem)
def test_students_see_only_sources_from_before_the_talks(path):
    scenario = load(path)
    early, later = timing.before_talks(scenario), timing.after_talks(scenario)
    assert len(early) + len(later) == len(scenario.sources)
    assert all(timing.published(s) <= scenario.date for s in early)
    assert all(s.date is None or timing.published(s) > scenario.date for s in later)
    kinds = [s.kind for s in early]
    assert kinds == sorted(kinds, key=lambda k: {"primary": 0, "official": 1}.get(k, 2))  # primary texts first


def test_a_month_counts_as_its_last_day():
    scenario = load(FLAGSHIP)
    waiting = next(s for s in scenario.sources if s.id == "waiting-room")  # aired 8-9 March 2020
    assert waiting.date == "2020-03" and waiting not in timing.before_talks(scenario)


def test_corrections_are_in_every_language():
    scenario = load(FLAGSHIP)
    option = next(o for o in scenario.issue("political-framing").options if o.id == "sovereignty-2254")
    assert "UN-facilitated" in option.label["en"] and "UN-led" not in option.label["en"]
    dates = [m.date for m in scenario.aftermath]
    assert "2020-08-25" in dates and "2025-11-06" in dates and "2020-08" not in dates
    for lang in ("en", "tr", "ru"):
        assert all(lang in m.text for m in scenario.aftermath)
    event = next(e for e in scenario.events if e.id == "kept-waiting")
    assert "inject" in event.title["en"]
    clause = scenario.historical.clauses["m4-security"]
    assert "Trumba" in clause["tr"] and "Ain-Al-Havr" in clause["tr"]


def test_url_pieces_break_only_between_words():
    url = "https://www.example.org/news/2020/03/05/turkey-russia-agree"
    pieces = timing.url_pieces(url)
    assert "".join(pieces) == url
    assert all(piece[-1] in "/.?&=_-" for piece in pieces[:-1])


def _first_day(date: str) -> tuple[int, ...]:
    """'2020-10' as (2020, 10, 1): a month or a year sorts before the days in it."""
    parts = [int(p) for p in str(date).split("-")]
    return tuple(parts + [1] * (3 - len(parts)))


@pytest.mark.parametrize("path", [FLAGSHIP, SOCHI], ids=lambda p: p.stem)
def test_timelines_run_in_date_order_and_every_entry_is_sourced(path):
    """The debrief and the sheets list the aftermath and the chronology in file order."""
    scenario = load(path)
    for entries in (scenario.aftermath, scenario.teacher_pack.chronology):
        days = [_first_day(m.date) for m in entries]
        assert days == sorted(days), [m.date for m in entries]
        assert all(m.source for m in entries)


def test_sochi_aftermath_runs_to_the_verified_entries_of_2025():
    scenario = load(SOCHI)
    dates = [m.date for m in scenario.aftermath]
    assert {"2018-10-10", "2019-08-23", "2024-12-08", "2025-01-29", "2025-11-06"} <= set(dates)
    un = next(m for m in scenario.aftermath if m.date == "2025-11-06")
    assert all("2799" in un.text[lang] for lang in ("en", "tr", "ru"))


def test_the_real_clause_quotes_2254_as_syrian_led_and_owned_in_every_language():
    clause = load(FLAGSHIP).historical.clauses["political-framing"]
    assert "Syrian-led, Syrian-owned, UN-facilitated" in clause["en"] and "UN-led" not in clause["en"]
    assert "sahiplendiği" in clause["tr"] and "осуществляемый самими сирийцами" in clause["ru"]


def test_ocha_s_count_runs_to_23_february_in_a_report_of_26_february():
    scenario = load(FLAGSHIP)
    event = next(e for e in scenario.events if e.id == "ocha-displaced")
    for lang, counted, dated in (("en", "23 February 2020", "26 February"), ("tr", "23 Şubat 2020", "26 Şubat"),
                                 ("ru", "23 февраля 2020", "26 февраля")):
        assert counted in event.text[lang] and dated in event.text[lang]
        assert f"{dated} 2020" not in event.text[lang].replace(counted, "")  # never the end of the count


def test_two_posts_behind_the_lines_is_told_as_erdogan_s_count():
    scenario = load(SOCHI)
    entry = next(m for m in scenario.aftermath if m.date == "2020-02-05")
    source = next(s for s in scenario.sources if s.id == "anews-ultimatum")
    for text in (entry.text, source.supports):
        assert "Erdoğan's count" in text["en"] and "Erdoğan'ın" in text["tr"] and "По подсчёту Эрдогана" in text["ru"]
