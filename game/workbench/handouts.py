"""Print-ready handouts: one sheet per role and a teacher's sheet, as self-contained HTML.

    for name, html in sheets(scenario, ["a4"]): ...
    paths = write_sheets(scenario, "handouts/", ["a4", "letter"])

A role sheet holds the public briefing (summary, sources), that role's confidential instructions (briefing,
confidential text, red lines, walk-away value and its story) and a scoring
sheet: every issue with the role's weight, every option's points for the role
(weight x value / 100, the sum the game itself uses), a row to write in the
agreed option and its points, the rules that add or take points, and a total to
compare with the walk-away value, so that a class can play on paper. It is laid
out to fit on at most two pages.

The teacher's sheet adds both profiles side by side, the deal zone (share of
packages, the Nash package), the events to read out, the real outcome (the
historical package, its scores, the clauses), the aftermath and the reflection
questions.

Files are named `<scenario>-<role>-<paper>.html` and `<scenario>-teacher-<paper>.html`, and,
when the scenario has a map, `<scenario>-map-<paper>.html`, the map on a page of its own, and
with a `teacher_pack:`, `<scenario>-pack-<paper>.html` (`game.workbench.pack`)
(paper: a4 or letter; CSS `@page` sets the size). The HTML has its CSS inline and
no links to load: it prints the same without a network. `write_sheets` never
overwrites: when any of the files already exists it writes nothing and raises
`ParleyError` naming them; each file is written atomically
(`game.atomic.create_exclusive`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence
from urllib.parse import urlparse

from game.analysis import Analysis
from game.atomic import create_exclusive
from game.errors import ParleyError, Problem
from game.i18n import _, date, local, percent
from game.rules import Rulebook
from game.rules.space import SpaceTooLarge
from game.scenario import model as m
from game.scenario.labels import agreement_day, agreement_name, story_time
from game.scenario import timing
from game.workbench import mapsvg
from game.workbench.pack import pack_sheet
from game.workbench.sheet import PAPERS, esc, header, kind_html, page, para, source_items, timeline  # noqa: F401 (PAPERS: for the command line)
from game.workbench.wording import condition_text, effect_text, option_label, pts, signed

def points(party: m.Party, issue_id: str, option_id: str) -> float:
    """The points an option gives a party: weight x value / 100."""
    return float(party.weights.get(issue_id, 0)) * float(party.values.get(issue_id, {}).get(option_id, 0)) / 100.0


def _sources(scenario: m.Scenario, teacher: bool) -> str:
    """Sources dated on or before the talks, primary texts first; for the teacher, then the later reporting
    (which would give the outcome away). The teacher's lists give full addresses; a role sheet names each
    source's site in one compact paragraph, in type as large as the rest of the sheet."""
    early = timing.before_talks(scenario)
    out = []
    if early and not teacher:
        items = " ".join(f'<b>{n}.</b> {esc(local(s.title))}{kind_html(s)} <span class="site">'
                         f'({esc(urlparse(s.url).hostname or s.url)})</span>' for n, s in enumerate(early, 1))
        label = _("Sources:")
        out.append(f'<p class="sources-inline"><span class="label">{esc(label)}</span> {items}</p>')
    elif early:
        heading = _("Sources")
        out.append(f'<h2>{esc(heading)}</h2><ol class="sources">{source_items(early)}</ol>')
    later = timing.after_talks(scenario)
    if teacher and later:
        heading = _("Later reporting (for the debrief, not for students before play)")
        out.append(f'<h2>{esc(heading)}</h2><ol class="sources">{source_items(later)}</ol>')
    return "".join(out)


# -- a role's sheet ------------------------------------------------------------------


def role_sheet(scenario: m.Scenario, party_id: str, paper: str = "a4") -> str:
    party = scenario.party(party_id)
    name = local(party.name)
    parts = [header(scenario, _("Role sheet"), name + (f" — {local(party.leader)}" if party.leader else ""),
                     _("Confidential: {role} only").format(role=name))]
    public = _("Public briefing (everyone knows this)")
    parts.append(f"<h2>{esc(public)}</h2>")
    parts.append(para(local(scenario.summary)))
    if scenario.map is not None:
        see_map = _("The map of the area is on its own sheet.")
        parts.append(f'<p class="small">{esc(see_map)}</p>')
    parts.append(_sources(scenario, teacher=False))
    yours = _("Your instructions (confidential)")
    parts.append(f"<h2>{esc(yours)}</h2>")
    if party.briefing:
        parts.append(para(local(party.briefing)))
    if party.confidential:
        parts.append(para(local(party.confidential)))
    if party.red_lines:
        crossed = _("crossed when: {condition}")
        lines = "".join(f"<li>{esc(local(r.text))} <span class=\"muted small\">"
                        f"({esc(crossed.format(condition=condition_text(r.when, scenario)))})"
                        f"</span></li>" for r in party.red_lines)
        refuse = _("Your red lines: refuse any deal that crosses one.")
        parts.append(f'<p class="label">{esc(refuse)}</p><ul>{lines}</ul>')
    story = f"<p>{esc(local(party.walk_away.story))}</p>" if party.walk_away.story else ""
    walk_away = _("Your walk-away value: {n} points").format(n=pts(party.walk_away.value))
    no_deal = _("If there is no deal you get these points. Accept no deal worth less.")
    parts.append(f'<div class="box key"><span class="big">{esc(walk_away)}</span>{story}'
                 f'<p class="small">{esc(no_deal)}</p></div>')
    parts.append(_scoring(scenario, party))
    return page(_("{scenario}: {role}").format(scenario=local(scenario.title), role=name), "\n".join(parts), paper)


def _scoring(scenario: m.Scenario, party: m.Party) -> str:
    intro = _("Your points for a deal: for each issue, the points of the agreed option (your weight × your value "
              "÷ 100), plus or minus the rules below. Write in the agreed option and its points, then add them up.")
    heading = _("Scoring sheet: {role}").format(role=local(party.name))
    out = [f'<section class="scoring"><h2>{esc(heading)}</h2>',
           f'<p class="small">{esc(intro)}</p><div class="issues">']
    option_head, points_head, agreed = _("Option"), _("Points"), _("Agreed:")
    for issue in scenario.issues:
        weight = _("weight {n}").format(n=pts(float(party.weights.get(issue.id, 0))))
        rows = "".join(f'<tr><td>{esc(local(o.label))}</td><td class="num">{pts(points(party, issue.id, o.id))}</td></tr>'
                       for o in issue.options)
        out.append(f'<div class="issue"><table><caption>{esc(local(issue.title))}'
                   f'<span class="weight">{esc(weight)}</span></caption>'
                   f'<tr><th>{esc(option_head)}</th><th class="num">{esc(points_head)}</th></tr>{rows}'
                   f'<tr class="agreed"><td class="blank">{esc(agreed)}</td><td class="num blank"></td></tr>'
                   f"</table></div>")
    out.append("</div>")
    rules = [r for r in scenario.rules if r.points.get(party.id)]
    if rules:
        rows = "".join(f'<tr><td>{esc(condition_text(r.when, scenario))}</td>'
                       f'<td class="num">{signed(r.points[party.id])}</td><td class="num blank"></td></tr>'
                       for r in rules)
        rule_head, applies = _("Rule: when the deal has…"), _("Applies?")
        out.append(f'<table class="keep rules"><tr><th>{esc(rule_head)}</th>'
                   f'<th class="num">{esc(points_head)}</th><th class="num">{esc(applies)}</th></tr>{rows}</table>')
    total = _("Total for the deal: {blank} points. Your walk-away value: {n} points.").format(
        blank="@BLANK@", n=pts(party.walk_away.value))
    out.append('<table class="total"><tr><td>' + esc(total).replace("@BLANK@", '<span class="fill"></span>')
               + "</td></tr></table>")
    if scenario.events:
        news = _("News during the talks may change your walk-away value or your weights; your teacher will tell you "
                 "when.")
        out.append(f'<p class="small muted">{esc(news)}</p>')
    out.append("</section>")
    return "".join(out)


# -- the teacher's sheet ---------------------------------------------------------------


def teacher_sheet(scenario: m.Scenario, paper: str = "a4") -> str:
    a, b = scenario.parties[0], scenario.parties[1]
    parts = [header(scenario, _("Teacher's sheet"), local(scenario.title), _("Teacher only"))]
    parts.append(para(local(scenario.summary)))
    if story_time(scenario):
        parts.append(f'<p class="small">{esc(story_time(scenario))}</p>')
    if scenario.learning_goals:
        goals = "".join(f"<li>{esc(local(g))}</li>" for g in scenario.learning_goals)
        heading = _("Learning goals")
        parts.append(f"<h2>{esc(heading)}</h2><ul>{goals}</ul>")
    if scenario.map is not None:
        parts.append(mapsvg.figure(scenario.map))
    parts.append(_profiles(scenario, a, b))
    parts.append(_roles(scenario, a, b))
    parts.append(_rules(scenario))
    parts.append(_deal_zone(scenario))
    parts.append(_events(scenario))
    parts.append(_historical(scenario, a, b))
    if scenario.aftermath:
        parts.append(timeline(_("Aftermath"), scenario.aftermath))
    if scenario.reflection:
        items = "".join(f"<li>{esc(local(q))}</li>" for q in scenario.reflection)
        heading = _("Questions for the debrief")
        parts.append(f"<h2>{esc(heading)}</h2><ol>{items}</ol>")
    parts.append(_sources(scenario, teacher=True))
    return page(_("{scenario}: teacher's sheet").format(scenario=local(scenario.title)), "\n".join(parts), paper)


def _profiles(scenario: m.Scenario, a: m.Party, b: m.Party) -> str:
    na, nb = esc(local(a.name)), esc(local(b.name))
    issue_head, value, points_head = esc(_("Issue / option")), esc(_("value")), esc(_("points"))
    head = (f'<tr><th>{issue_head}</th><th class="num">{na}<br>{value}</th>'
            f'<th class="num">{na}<br>{points_head}</th><th class="num">{nb}<br>{value}</th>'
            f'<th class="num">{nb}<br>{points_head}</th></tr>')
    rows = []
    for issue in scenario.issues:
        wa = _("weight {n}").format(n=pts(float(a.weights.get(issue.id, 0))))
        wb = _("weight {n}").format(n=pts(float(b.weights.get(issue.id, 0))))
        rows.append(f'<tr><td class="issue-head">{esc(local(issue.title))}</td>'
                    f'<td class="issue-head num" colspan="2">{esc(wa)}</td>'
                    f'<td class="issue-head num" colspan="2">{esc(wb)}</td></tr>')
        for o in issue.options:
            va = float(a.values.get(issue.id, {}).get(o.id, 0))
            vb = float(b.values.get(issue.id, {}).get(o.id, 0))
            rows.append(f'<tr><td>{esc(local(o.label))}</td><td class="num">{pts(va)}</td>'
                        f'<td class="num">{pts(points(a, issue.id, o.id))}</td><td class="num">{pts(vb)}</td>'
                        f'<td class="num">{pts(points(b, issue.id, o.id))}</td></tr>')
    walk_away = _("Walk-away value")
    rows.append(f'<tr><td class="issue-head">{esc(walk_away)}</td>'
                f'<td class="issue-head num" colspan="2">{pts(a.walk_away.value)}</td>'
                f'<td class="issue-head num" colspan="2">{pts(b.walk_away.value)}</td></tr>')
    heading = _("The two profiles side by side")
    return (f"<h2>{esc(heading)}</h2>"
            f'<table class="profiles"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>')


def _roles(scenario: m.Scenario, a: m.Party, b: m.Party) -> str:
    cols = []
    no_red_lines, red_head, computer = _("none"), _("Red lines"), _("Computer player:")
    for p in (a, b):
        red = "".join(f"<li>{esc(local(r.text))}</li>" for r in p.red_lines) or f"<li>{esc(no_red_lines)}</li>"
        persona = local(p.persona.name) + (f": {local(p.persona.style)}" if p.persona.style else "")
        walk_away = _("Walk-away value {n}:").format(n=pts(p.walk_away.value))
        cols.append(f'<div><h3>{esc(local(p.name))}</h3>'
                    f'<p class="small"><span class="label">{esc(walk_away)}</span> '
                    f'{esc(local(p.walk_away.story))}</p>'
                    f'<p class="small label">{esc(red_head)}</p><ul class="small">{red}</ul>'
                    f'<p class="small"><span class="label">{esc(computer)}</span> {esc(persona)} '
                    f'({esc(p.persona.strategy)})</p></div>')
    heading = _("The roles")
    return f'<h2>{esc(heading)}</h2><div class="two keep">{"".join(cols)}</div>'


def _rules(scenario: m.Scenario) -> str:
    if not scenario.rules:
        return ""
    rows = []
    for r in scenario.rules:
        changes = [_("{party} {n} points").format(party=local(scenario.party(p).name), n=signed(v))
                   for p, v in r.points.items()]
        titles = {i.id: local(i.title) for i in scenario.indicators}
        changes += [f"{titles.get(i, i)} {signed(v)}" for i, v in r.indicators.items()]
        tag = f"<br><span class=\"small muted\">{esc(local(r.tag.title))}</span>" if r.tag else ""
        rows.append(f"<tr><td>{esc(condition_text(r.when, scenario))}{tag}</td><td>{esc(', '.join(changes))}</td></tr>")
    heading, when, effect = _("Rules"), _("When the deal has…"), _("Effect")
    return (f'<h2>{esc(heading)}</h2><table class="rules"><tr><th>{esc(when)}</th>'
            f'<th class="effect">{esc(effect)}</th></tr>{"".join(rows)}</table>')


def _package_rows(scenario: m.Scenario, outcome: dict[str, str], clauses: dict | None = None) -> str:
    rows = []
    for issue in scenario.issues:
        clause = local(clauses.get(issue.id)) if clauses and issue.id in clauses else ""
        cell = esc(option_label(scenario, issue.id, outcome[issue.id]))
        if clause:
            cell += f'<br><span class="small muted">{esc(clause)}</span>'
        rows.append(f"<tr><td>{esc(local(issue.title))}</td><td>{cell}</td>"
                    + "".join(f'<td class="num">{pts(points(p, issue.id, outcome[issue.id]))}</td>'
                              for p in scenario.parties) + "</tr>")
    return "".join(rows)


def _package_table(scenario: m.Scenario, outcome: dict[str, str], scores: dict[str, float],
                   clauses: dict | None = None) -> str:
    head = ("<tr><th>" + esc(_("Issue")) + "</th><th>" + esc(_("Option")) + "</th>"
            + "".join(f'<th class="num">{esc(local(p.name))}</th>' for p in scenario.parties) + "</tr>")
    total_label = _("Total, with the rules")
    total = (f'<tr><td colspan="2" class="label">{esc(total_label)}</td>'
             + "".join(f'<td class="num label">{pts(scores[p.id])}</td>' for p in scenario.parties) + "</tr>")
    return f'<table class="small">{head}{_package_rows(scenario, outcome, clauses)}{total}</table>'


def _deal_zone(scenario: m.Scenario) -> str:
    heading = _("The deal zone")
    out = [f"<h2>{esc(heading)}</h2>"]
    try:
        analysis = Analysis(scenario)
        count, total = len(analysis.deal_zone), analysis.outcome_count
    except SpaceTooLarge:
        too_many = _("Too many packages to analyse ({n:,}).").format(n=Rulebook(scenario).space.size)
        out.append(f"<p>{esc(too_many)}</p>")
        return "".join(out)
    walk = _(", ").join(f"{local(p.name)} {pts(p.walk_away.value)}" for p in scenario.parties)
    zone = _("{count:,} of {total:,} possible packages ({share}) give both sides more than their walk-away values "
             "({walk}) and cross no red line.").format(count=count, total=total, share=_share(count / total), walk=walk)
    out.append(f"<p>{esc(zone)}</p>")
    nash = analysis.nash
    if nash is None:
        no_deal = _("No package beats both walk-away values: every game should end without a deal.")
        out.append(f"<p>{esc(no_deal)}</p>")
    else:
        nash_head = _("The Nash package (the largest product of both gains over walk-away)")
        out.append(f"<h3>{esc(nash_head)}</h3>")
        out.append(_package_table(scenario, nash.outcome, nash.scores))
    return "".join(out)


def _share(x: float) -> str:
    """A share as a percentage by the locale: whole numbers, one decimal below 10%."""
    if x == 0:
        return percent(0)
    return percent(x, 1) if x < 0.1 else percent(x)


def _events(scenario: m.Scenario) -> str:
    if not scenario.events:
        return ""
    heading = _("News to read out during the talks")
    out = [f"<h2>{esc(heading)}</h2>"]
    for e in sorted(scenario.events, key=lambda e: (e.at_round is None, e.at_round or 0)):
        if e.at_round is not None:
            when = _("At the start of round {n}").format(n=e.at_round)
        else:
            when = _("When an offer has: {condition}").format(condition=condition_text(e.when, scenario))
        effects = _("; ").join(effect_text(f, scenario) for f in e.effects) or _("no change")
        effect = _("Effect: {effects}").format(effects=effects)
        if e.audience == m.AUDIENCE_BOTH:
            audience = _("Read it to both sides.")
        else:
            audience = _("For the {party} only: pass it to that side, not to the room.").format(
                party=local(scenario.party(e.audience).name))
        out.append(f'<div class="event"><p><span class="label">{esc(when)}: {esc(local(e.title))}.</span> '
                   f'{esc(local(e.text))}</p><p class="small"><b>{esc(audience)}</b></p>'
                   f'<p class="small muted">{esc(effect)}</p></div>')
    return "".join(out)


def _historical(scenario: m.Scenario, a: m.Party, b: m.Party) -> str:
    hist = scenario.historical
    heading = _("What was really agreed")
    if hist is not None:
        heading = _("What was really agreed: {name}, {date}").format(name=agreement_name(scenario),
                                                                     date=date(agreement_day(scenario)))
    out = [f"<h2>{esc(heading)}</h2>"]
    if hist is None:
        none = _("The scenario gives no historical package.")
        out.append(f"<p>{esc(none)}</p>")
        return "".join(out)
    out.append(para(local(hist.summary)))
    missing = [i.id for i in scenario.issues if i.id not in hist.package]
    if missing:
        incomplete = _("The historical package has no option for: {issues}").format(issues=", ".join(missing))
        out.append(f"<p>{esc(incomplete)}</p>")
        return "".join(out)
    book = Rulebook(scenario)
    outcome = book.scorer().score(book.to_indexes(hist.package))
    out.append(_package_table(scenario, hist.package, outcome.points, hist.clauses))
    notes = []
    try:
        position = Analysis(book).position(hist.package)
        if position.in_deal_zone and position.on_frontier:
            notes.append(_("The real deal is in the deal zone and on the Pareto frontier."))
        elif position.in_deal_zone:
            notes.append(_("The real deal is in the deal zone but not on the Pareto frontier."))
        elif position.on_frontier:
            notes.append(_("The real deal is outside the deal zone, on the Pareto frontier."))
        else:
            notes.append(_("The real deal is outside the deal zone and not on the Pareto frontier."))
        if position.distance_to_nash is not None:
            notes.append(_("It lies {d} points from the Nash package.").format(d=pts(position.distance_to_nash)))
    except SpaceTooLarge:
        pass
    if outcome.tags:
        titles = {r.tag.id: local(r.tag.title) for r in scenario.rules if r.tag}
        notes.append(_("Outcome tags: {tags}.").format(tags=_(", ").join(titles.get(t, t) for t in outcome.tags)))
    if notes:
        out.append(f'<p class="small">{esc(" ".join(notes))}</p>')
    return "".join(out)


# -- the map sheet -----------------------------------------------------------------------


def map_sheet(scenario: m.Scenario, paper: str = "a4") -> str:
    """The scenario's map on a page of its own, for every player (the role sheets stay within two pages)."""
    assert scenario.map is not None
    parts = [header(scenario, _("Map"), local(scenario.title), _("For everyone")), mapsvg.figure(scenario.map, full=True)]
    return page(_("{scenario}: map").format(scenario=local(scenario.title)), "\n".join(parts), paper)


# -- files ------------------------------------------------------------------------------

MAP, PACK = "@map", "@pack"  # the "party" of the map sheet and of the teacher's pack (no party id starts with '@')


def file_names(scenario: m.Scenario, papers: Sequence[str]) -> list[tuple[str, str | None, str]]:
    """(file name, party id, None for the teacher, MAP or PACK, paper) for every sheet."""
    out = []
    for paper in papers:
        for p in scenario.parties:
            out.append((f"{scenario.id}-{p.id}-{paper}.html", p.id, paper))
        out.append((f"{scenario.id}-teacher-{paper}.html", None, paper))
        if scenario.map is not None:
            out.append((f"{scenario.id}-map-{paper}.html", MAP, paper))
        if scenario.teacher_pack is not None:
            out.append((f"{scenario.id}-pack-{paper}.html", PACK, paper))
    return out


def sheets(scenario: m.Scenario, papers: Iterable[str] = ("a4",)) -> list[tuple[str, str]]:
    """(file name, HTML) of every sheet, roles first, for each paper size."""
    out = []
    for name, party, paper in file_names(scenario, list(papers)):
        if party == MAP:
            out.append((name, map_sheet(scenario, paper)))
        elif party == PACK:
            out.append((name, pack_sheet(scenario, paper)))
        else:
            out.append((name, role_sheet(scenario, party, paper) if party else teacher_sheet(scenario, paper)))
    return out


def write_sheets(scenario: m.Scenario, folder: str | Path, papers: Sequence[str] = ("a4",)) -> list[Path]:
    """Write every sheet into `folder` (created if needed); refuse, writing nothing, if any file exists."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ParleyError([Problem(_("'{path}' is a file, not a folder").format(path=folder), file=str(folder),
                                   code="io", hint=_("give --out a folder for the handouts"))])
    taken = [name for name, _party, _paper in file_names(scenario, papers) if (folder / name).exists()]
    if taken:
        raise _exist(folder, taken)
    made = sheets(scenario, papers)
    written: list[Path] = []
    for name, text in made:
        try:
            written.append(create_exclusive(folder / name, text))
        except FileExistsError:
            raise _exist(folder, [name]) from None
    return written


def _exist(folder: Path, names: list[str]) -> ParleyError:
    return ParleyError([Problem(_("'{path}' already exists; parley handouts never overwrites a file").format(
        path=folder / name), file=str(folder / name), code="exists",
        hint=_("choose another --out folder, or move the old handouts away first")) for name in names])
