"""The teacher's pack: background, chronology, concepts, reading list, session plan and questions.

Printed by `parley handouts` as `<scenario>-pack-<paper>.html` when the scenario has a
`teacher_pack:` section. Every word of it comes from the scenario file (in the language
chosen); this module only lays it out, after the shared parts of every sheet
(`game.workbench.sheet`). Each reading names a source of the scenario, printed with its
label (state media, partisan source) and its full address.
"""

from __future__ import annotations

from game.i18n import _, local, ngettext
from game.scenario import model as m
from game.workbench.sheet import esc, header, kind_html, page, para, timeline, url_html


def pack_sheet(scenario: m.Scenario, paper: str = "a4") -> str:
    pack = scenario.teacher_pack
    assert pack is not None
    parts = [header(scenario, _("Teacher's pack"), local(scenario.title), _("Teacher only"))]
    background = _("Background")
    parts.append(f"<h2>{esc(background)}</h2>{para(local(pack.background))}")
    if pack.chronology:
        parts.append(timeline(_("Chronology"), pack.chronology, "chronology"))
    if pack.concepts:
        items = "".join(f"<dt>{esc(local(c.term))}</dt><dd>{esc(local(c.text))}</dd>" for c in pack.concepts)
        heading = _("What the case teaches")
        parts.append(f'<h2>{esc(heading)}</h2><dl class="concepts">{items}</dl>')
    if pack.reading:
        sources = {s.id: s for s in scenario.sources}
        items = []
        for r in pack.reading:
            s = sources[r.source]
            note = f' <span class="muted">{esc(local(r.note))}</span>' if local(r.note) else ""
            items.append(f'<li>{esc(local(s.title))}{kind_html(s)}{note} <span class="url">{url_html(s.url)}</span></li>')
        heading = _("Reading list")
        parts.append(f'<h2>{esc(heading)}</h2><ol class="sources">{"".join(items)}</ol>')
    if pack.session:
        total = sum(step.minutes for step in pack.session)
        heading = ngettext("A session plan ({n} minute)", "A session plan ({n} minutes)", total).format(n=total)
        rows = []
        start = 0
        for step in pack.session:
            span = _("{start}-{end} min").format(start=start, end=start + step.minutes)
            rows.append(f'<tr><td class="num">{esc(span)}</td><td>{esc(local(step.activity))}</td></tr>')
            start += step.minutes
        parts.append(f'<h2>{esc(heading)}</h2><table class="session">{"".join(rows)}</table>')
    if pack.questions:
        items = "".join(f"<li>{esc(local(q))}</li>" for q in pack.questions)
        heading = _("Questions for discussion")
        parts.append(f"<h2>{esc(heading)}</h2><ol>{items}</ol>")
    return page(_("{scenario}: teacher's pack").format(scenario=local(scenario.title)), "\n".join(parts), paper)
