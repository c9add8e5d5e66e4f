"""The class report as one self-contained HTML page, made to be projected.

`render(summary, source=...)` returns the page: styles inline, charts inline as
SVG (see `svg.py`), no scripts, no fonts or images to fetch, so it opens from a
USB stick in a classroom without a network. Every chart has a caption that says
in words what it shows, and the numbers are also in tables.
"""

from __future__ import annotations

from html import escape
from string import Template

from game import __version__
from game.i18n import _, language, ngettext, number, percent
from game.report import svg
from game.report.summary import ClassSummary, ending_label, opponent_label

CSS = """
:root { --ink: #1a1a1a; --muted: #555; --rule: #d0d0d0; --band: #f3f5f8; --accent: #0072B2; }
* { box-sizing: border-box; }
html { font-size: 20px; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.45;
       font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
main { max-width: 1480px; margin: 0 auto; padding: 1.2rem 2rem 3rem; }
header { border-bottom: 6px solid var(--accent); margin-bottom: 1.2rem; padding-bottom: .6rem; }
h1 { font-size: 2.1rem; margin: 0 0 .2rem; line-height: 1.15; }
h2 { font-size: 1.5rem; margin: 2.2rem 0 .6rem; border-bottom: 2px solid var(--rule); padding-bottom: .2rem; }
h3 { font-size: 1.15rem; margin: 1.2rem 0 .4rem; }
.sub { color: var(--muted); font-size: 1.05rem; margin: 0; }
.figures { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
.figure { flex: 1 1 16rem; background: var(--band); border-left: 8px solid var(--accent); padding: .7rem 1rem; }
.figure .big { font-size: 3.2rem; font-weight: 800; line-height: 1.05; display: block; }
.figure .what { font-size: 1.05rem; }
figure { margin: .6rem 0 1.2rem; }
figcaption { color: var(--muted); font-size: .95rem; margin-top: .3rem; max-width: 60rem; }
svg.chart { max-width: 100%; height: auto; display: block; }
svg.scatter { width: 100%; max-width: 900px; }
svg.endings { width: 100%; }
.space { display: grid; grid-template-columns: minmax(0, 900px) minmax(16rem, 1fr); gap: 1.5rem; align-items: start; }
.legend { list-style: none; padding: 0; margin: .5rem 0; font-size: 1.05rem; }
.legend li { display: flex; align-items: center; gap: .6rem; margin: .35rem 0; }
.legend .glyph { flex: none; }
.issues { display: grid; grid-template-columns: repeat(auto-fill, minmax(660px, 1fr)); gap: .4rem 2rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; margin: .5rem 0 1rem; }
caption { text-align: left; font-weight: 700; font-size: 1.05rem; padding: .3rem 0; }
th, td { padding: .35rem .6rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
th { background: var(--band); font-weight: 700; }
tbody tr:nth-child(even) { background: #fafafa; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
#pairs td, #aside-table td:nth-child(-n+4) { white-space: nowrap; }
th[colspan] { text-align: center; border-bottom: 2px solid var(--rule); }
td.file { color: var(--muted); font-size: .8rem; word-break: break-all; }
.deal-yes { font-weight: 700; }
.deal-yes::before { content: "✔ "; }
.deal-no::before { content: "✘ "; }
.red-line { color: #b3261e; font-weight: 700; }
.red-line::before { content: "⚠ "; }
.red-line-text { font-size: 0.85em; }
.note { background: #fff6e0; border-left: 8px solid #E69F00; padding: .6rem 1rem; margin: .8rem 0; }
.note strong { display: block; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--rule); padding-top: .6rem; }
@media (max-width: 1100px) { .space { grid-template-columns: 1fr; } }
@media print { html { font-size: 12pt; } main { max-width: none; } h2 { break-after: avoid; } figure, tr { break-inside: avoid; } }
"""

PAGE = Template("""<!DOCTYPE html>
<html lang="$lang">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Parley $version">
<title>$title</title>
<style>$css</style>
</head>
<body>
<main>
<header>
<h1>$heading</h1>
<p class="sub">$sub</p>
</header>
$body
<footer>$footer</footer>
</main>
</body>
</html>
""")


NUMERIC = ' class="n"'


def _pct(x: float | None) -> str:
    return "–" if x is None else percent(x)


def _pts(x: float | None) -> str:
    return "–" if x is None else number(x, 1)


def _figures(s: ClassSummary) -> str:
    deals = [p for p in s.pairs if p.agreement is not None]
    on_front = sum(bool(p.on_frontier) for p in deals)
    joint = sum(p.joint for p in s.pairs) / len(s.pairs) if s.pairs else None
    cards = [
        (_pct(s.agreement_rate), ngettext("{k} of {n} pair reached an agreement", "{k} of {n} pairs reached an agreement",
                                          s.games).format(k=s.agreements, n=s.games), "agreement-rate"),
        (str(on_front) if deals else "–",
         ngettext("{k} of {n} deal is on the Pareto frontier (nothing better for both)",
                  "{k} of {n} deals are on the Pareto frontier (nothing better for both)",
                  len(deals)).format(k=on_front, n=len(deals)), "on-frontier"),
        (_pts(joint), _("mean joint points per pair (both sides added)"), "mean-joint"),
    ]
    items = "".join(f'<div class="figure" id="{fid}"><span class="big">{escape(big)}</span>'
                    f'<span class="what">{escape(what)}</span></div>' for big, what, fid in cards)
    labels = {k: ending_label(k) for k in ("accept", "walkaway", "deadline")}
    caption = _("How the games ended: {endings}.").format(
        endings="; ".join(f"{labels[k]}: {s.endings.get(k, 0)}" for k in labels))
    heading = _("The class at a glance")
    return (f'<section aria-labelledby="h-figures"><h2 id="h-figures">{escape(heading)}</h2>'
            f'<div class="figures">{items}</div>'
            f'<figure>{svg.endings_bar(s, labels)}<figcaption>{escape(caption)}</figcaption></figure></section>')


def _space(s: ClassSummary) -> str:
    legend = [("deal", _("a pair's deal (bigger and numbered when several pairs made the same deal)")),
              ("frontier", _("Pareto frontier: packages no other package beats for both sides")),
              ("zone", _("better than no deal for both sides")),
              ("walk-away", _("walk-away values (what each side gets with no deal)"))]
    if s.nash:
        legend.append(("nash", _("Nash package: the deal that maximises the product of both sides' gains")))
    if s.historical:
        legend.append(("historical", _("{name}: the real deal the two sides signed").format(
            name=s.agreement or _("The real deal"))))
    items = "".join(f"<li>{svg.legend_glyph(kind)}<span>{escape(text)}</span></li>" for kind, text in legend)
    notes = []
    no_deal = s.games - s.agreements
    if no_deal:
        notes.append(ngettext("{n} game without a deal is not plotted.", "{n} games without a deal are not plotted.",
                              no_deal).format(n=no_deal))
    if s.chart_events:
        last = s.event_titles.get(s.chart_events[-1], s.chart_events[-1])
        notes.append(ngettext(
            "News changes what each side wants: the frontier, the Nash package and the walk-away lines are drawn "
            "for the situation most deals were made in, after {n} news item (“{last}”). Each deal's distance "
            "to the frontier is measured in the situation of its own game.",
            "News changes what each side wants: the frontier, the Nash package and the walk-away lines are drawn "
            "for the situation most deals were made in, after {n} news items (the last: “{last}”). Each deal's "
            "distance to the frontier is measured in the situation of its own game.",
            len(s.chart_events)).format(n=len(s.chart_events), last=last))
    if not s.historical:
        notes.append(_("This scenario names no complete real deal to compare with."))
    caption = escape(_("Each pair's deal placed by the points it gave each side.") + " " + " ".join(notes))
    heading, key = _("Where the deals landed"), _("Key")
    return (f'<section aria-labelledby="h-space"><h2 id="h-space">{escape(heading)}</h2>'
            f'<div class="space"><figure>{svg.scatter(s)}<figcaption>{caption}</figcaption></figure>'
            f'<div><h3>{escape(key)}</h3><ul class="legend">{items}</ul></div></div></section>')


def _issues(s: ClassSummary) -> str:
    deals = s.agreements
    parts = []
    for n, issue in enumerate(s.issues):
        real = next((o.label for o in issue.options if o.historical), None)
        chosen = next((o.count for o in issue.options if o.historical), 0)
        if real is None:
            caption = _("No real choice is recorded for this issue.")
        else:
            caption = ngettext("Real choice (★): {option}. Chosen by {k} of {n} deal.",
                               "Real choice (★): {option}. Chosen by {k} of {n} deals.", deals).format(
                option=real, k=chosen, n=deals)
        parts.append(f'<figure class="issue"><h3>{escape(issue.title)}</h3>'
                     f'{svg.option_chart(issue, deals, f"issue-{n}")}<figcaption>{escape(caption)}</figcaption></figure>')
    intro = _("For each issue, how many of the class's deals chose each option; the option the two sides really "
              "chose is starred, outlined and labelled.")
    heading = _("Issue by issue: the class and history")
    return (f'<section aria-labelledby="h-issues"><h2 id="h-issues">{escape(heading)}</h2>'
            f'<p>{escape(intro)}</p><div class="issues">{"".join(parts)}</div></section>')


def _colours(s: ClassSummary) -> dict[str, str]:
    return {pid: svg.PARTY_COLOURS[k % len(svg.PARTY_COLOURS)] for k, pid in enumerate(s.parties)}


def _means(s: ClassSummary) -> str:
    colours = _colours(s)
    role = [(s.parties[m.party], [(m.party, "", m.mean, m.n)]) for m in s.mean_by_role]
    groups: dict[str, list] = {}
    for m in s.mean_by_opponent:
        groups.setdefault(m.group, []).append(m)
    by_opp = [(_("against {opponent}").format(opponent=opponent_label(g)),
               [(m.party, s.parties[m.party], m.mean, m.n) for m in ms]) for g, ms in groups.items()]

    def cell(ms: list, pid: str) -> str:
        m = next((m for m in ms if m.party == pid), None)
        return "–" if m is None else f"{_pts(m.mean)} <small>(n={m.n})</small>"

    rows = "".join(f'<tr><th scope="row">{escape(opponent_label(g))}</th>'
                   + "".join(f'<td class="n">{cell(ms, pid)}</td>' for pid in s.parties) + "</tr>"
                   for g, ms in groups.items())
    head = "".join(f'<th scope="col" class="n">{escape(name)}</th>' for name in s.parties.values())
    table_caption, opponent = _("Mean points of each side by the type of player it faced"), _("opponent")
    table = (f'<table id="means-table"><caption>{escape(table_caption)}'
             f'</caption><thead><tr><th scope="col">{escape(opponent)}</th>{head}</tr></thead>'
             f'<tbody>{rows}</tbody></table>')
    note = _("Points count every game: a deal's points, or the walk-away value when there was no deal. "
             "Bars run from 0 to 100 points.")
    heading, by_role, by_type = _("Mean points"), _("By role"), _("By the type of player each side faced")
    role_chart = svg.mean_chart(role, "mean-role", _("Mean points by role"), colours)
    opponent_chart = svg.mean_chart(by_opp, "mean-opponent", _("Mean points by opponent type"), colours)
    return (f'<section aria-labelledby="h-means"><h2 id="h-means">{escape(heading)}</h2><p>{escape(note)}</p>'
            f'<figure><h3>{escape(by_role)}</h3>{role_chart}</figure>'
            f'<figure><h3>{escape(by_type)}</h3>{opponent_chart}</figure>'
            f'{table}</section>')


def _pairs(s: ClassSummary) -> str:
    names = s.parties
    n = len(names)
    single = ' rowspan="2" scope="col"'
    number_head, date_head, players, outcome_head = _("#"), _("date"), _("players"), _("outcome")
    points_head, joint, distance, rounds = _("points"), _("joint"), _("distance to frontier"), _("rounds")
    head = (f'<tr><th{single} class="n">{escape(number_head)}</th><th{single}>{escape(date_head)}</th>'
            f'<th colspan="{n}" scope="colgroup">{escape(players)}</th><th{single}>{escape(outcome_head)}</th>'
            f'<th colspan="{n}" scope="colgroup" class="n">{escape(points_head)}</th>'
            f'<th{single} class="n">{escape(joint)}</th>'
            f'<th{single} class="n">{escape(distance)}</th>'
            f'<th{single} class="n">{escape(rounds)}</th></tr><tr>'
            + "".join(f'<th scope="col">{escape(name)}</th>' for name in names.values())
            + "".join(f'<th scope="col" class="n">{escape(name)}</th>' for name in names.values()) + "</tr>")
    rows = []
    deal = _("deal")
    for k, p in enumerate(s.pairs, start=1):
        outcome = (f'<span class="deal-yes">{escape(deal)}</span>' if p.agreement
                   else f'<span class="deal-no">{escape(ending_label(p.ended_by))}</span>')
        for pid, texts in p.red_lines.items():
            flag = _("crosses a red line of {party}").format(party=names[pid])
            outcome += f'<br><span class="red-line" title="{escape("; ".join(texts))}">{escape(flag)}</span>'
            outcome += "".join(f'<br><span class="red-line-text">{escape(t)}</span>' for t in texts)
        cells = ([f'<td class="n">{k}</td>', f'<td class="date">{escape(p.date)}</td>']
                 + [f"<td>{escape(p.players[pid])}</td>" for pid in names] + [f"<td>{outcome}</td>"]
                 + [f'<td class="n">{_pts(p.points[pid])}</td>' for pid in names]
                 + [f'<td class="n">{_pts(p.joint)}</td>', f'<td class="n">{_pts(p.distance)}</td>',
                    f'<td class="n">{p.rounds}</td>'])
        rows.append(f'<tr class="pair" title="{escape(p.file)}">{"".join(cells)}</tr>')
    note = _("Distance to frontier: how far a deal lies from the nearest package of the Pareto frontier, in points "
             "(0: no package was better for both sides). Only for deals. The CSV export names each game's file.")
    heading, games = _("Every pair"), ngettext("{n} game", "{n} games", s.games).format(n=s.games)
    return (f'<section aria-labelledby="h-pairs"><h2 id="h-pairs">{escape(heading)}</h2><p>{escape(note)}</p>'
            f'<table id="pairs"><caption>{escape(games)}</caption>'
            f'<thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></section>')


def _set_aside(s: ClassSummary) -> str:
    if not s.set_aside:
        return ""
    reasons = {"other-scenario": _("another scenario"), "changed-file": _("changed scenario file"),
               "mismatch": _("does not fit the scenario"), "unreadable": _("unreadable file, skipped")}
    rows = "".join(f'<tr class="aside {a.reason}"><td>{escape(a.file)}</td><td>{escape(reasons[a.reason])}</td>'
                   f"<td>{escape(a.scenario)}</td><td>{escape(a.date)}</td><td>{escape(a.note)}</td></tr>"
                   for a in s.set_aside)
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in (_("file"), _("why"), _("scenario"), _("date"), _("note")))
    text = ngettext("{n} file in the folder is not counted above: its games are listed here, apart, so that nothing "
                    "is mixed in silently.",
                    "{n} files in the folder are not counted above: their games are listed here, apart, so that "
                    "nothing is mixed in silently.", len(s.set_aside)).format(n=len(s.set_aside))
    heading, note = _("Not counted"), _("Note")
    return (f'<section aria-labelledby="h-aside" id="set-aside"><h2 id="h-aside">{escape(heading)}</h2>'
            f'<div class="note"><strong>{escape(note)}</strong>{escape(text)}</div>'
            f'<table id="aside-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></section>')


def render(summary: ClassSummary, *, source: str = "") -> str:
    """The whole report page for `summary`; `source` names the results folder in the footer."""
    s = summary
    days = ""
    if s.dates:
        days = s.dates[0] if s.dates[0] == s.dates[1] else f"{s.dates[0]} – {s.dates[1]}"
    sub = " · ".join(x for x in (_("Class report"), ngettext("{n} game", "{n} games", s.games).format(n=s.games), days) if x)
    body = _figures(s)
    if s.set_aside:
        some, see = _("Some files are not counted"), _("See “Not counted” at the end of the page.")
        body += f'<p class="note"><strong>{escape(some)}</strong>{escape(see)}</p>'

    body += _space(s) + _issues(s) + _means(s) + _pairs(s) + _set_aside(s)
    footer = _("Made by Parley {version} from the results in {source}. Scenario {id}, file version {hash}.").format(
        version=__version__, source=source or "–", id=s.scenario, hash=s.scenario_hash[:12])
    return PAGE.substitute(lang=escape(language()), version=escape(__version__),
                           title=escape(_("Class report: {title}").format(title=s.title)), css=CSS,
                           heading=escape(s.title), sub=escape(sub), body=body, footer=escape(footer))
