"""The parts every printed sheet shares: the page with its CSS, the header, paragraphs and sources.

`game.workbench.handouts` (role, teacher and map sheets) and `game.workbench.pack` (the
teacher's pack) build their pages from these.
"""

from __future__ import annotations

import html

from game import resources
from game.i18n import date, language, local, ngettext
from game.scenario import model as m
from game.scenario import timing

PAPERS = {"a4": "A4", "letter": "letter"}


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def para(text: str, cls: str = "") -> str:
    """Paragraphs of scenario text (blank lines separate paragraphs)."""
    if not text:
        return ""
    attr = f' class="{cls}"' if cls else ""
    return "".join(f"<p{attr}>{esc(p.strip())}</p>" for p in text.split("\n\n") if p.strip())


def css(paper: str) -> str:
    text = resources.template_text("handouts.css")
    return text.replace("@PAPER@", PAPERS[paper])


def page(title: str, body: str, paper: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="{esc(language())}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="parley handouts">\n<title>{esc(title)}</title>\n'
            f"<style>\n{css(paper)}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def header(scenario: m.Scenario, kicker: str, heading: str, stamp: str) -> str:
    rounds = scenario.protocol.rounds
    opener = local(scenario.party(scenario.protocol.opens).name)
    meta = ngettext("{title} · {date} · {rounds} round · first offer: {opener}",
                    "{title} · {date} · {rounds} rounds · first offer: {opener}", rounds).format(
        title=local(scenario.title), date=date(scenario.date), rounds=rounds, opener=opener)
    return (f'<header class="sheet"><span class="stamp">{esc(stamp)}</span>'
            f'<div class="kicker">{esc(kicker)}</div><h1>{esc(heading)}</h1>'
            f'<div class="meta">{esc(meta)}</div></header>')


def url_html(url: str) -> str:
    """A web address that may wrap only after '/', '.', '-' and the like, never inside a word."""
    return "<wbr>".join(esc(piece) for piece in timing.url_pieces(url))


def kind_html(source: m.Source) -> str:
    label = timing.kind_label(source)
    return f' <span class="kind">({esc(label)})</span>' if label else ""


def source_items(sources: list[m.Source]) -> str:
    return "".join(f'<li>{esc(local(s.title))}{kind_html(s)} <span class="url">{url_html(s.url)}</span></li>'
                   for s in sources)


def timeline(heading: str, milestones: list[m.Milestone], cls: str = "") -> str:
    """A dated list (aftermath, chronology) as a two-column table under its heading."""
    rows = "".join(f'<tr><td class="num">{esc(date(ms.date))}</td><td>{esc(local(ms.text))}</td></tr>'
                   for ms in milestones)
    attr = f' class="{cls}"' if cls else ""
    return f"<h2>{esc(heading)}</h2><table{attr}>{rows}</table>"
