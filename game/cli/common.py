"""Helpers shared by the subcommands: the SCENARIO argument, printing a game."""

from __future__ import annotations

import argparse
import json
from typing import Any

from game.i18n import _, local, ngettext, number
from game.scenario.model import Scenario


def scenario_argument(parser: argparse.ArgumentParser) -> None:
    """The SCENARIO argument every command that reads one scenario takes (see `game.play.catalog.load_scenario`)."""
    parser.add_argument("scenario", metavar="SCENARIO", help=_("a scenario file, or the name of a shipped scenario"))


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))


def package_text(scenario: Scenario, package: dict[str, str]) -> str:
    parts = []
    for issue in scenario.issues:
        option = next(o for o in issue.options if o.id == package[issue.id])
        parts.append(f"{local(issue.title)}: {local(option.label)}")
    return "; ".join(parts)


def account(scenario: Scenario, log: list[dict], result: dict) -> str:
    """A readable round-by-round account of a game."""
    from game.rules import Rulebook

    book = Rulebook(scenario)
    names = {p.id: local(p.name) for p in scenario.parties}
    events = {e.id: e for e in scenario.events}
    lines = [f"{local(scenario.title)} · " + _("seed {seed}").format(seed=result["seed"])]
    current = 0
    from game.rules.engine import Standing
    standing = Standing.initial(scenario)
    for record in log:
        if record.get("round", current) != current and record["type"] != "end":
            current = record["round"]
            lines.append("")
            lines.append(_("Round {n}").format(n=current))
        if record["type"] == "event":
            event = events[record["event"]]
            for effect in event.effects:
                standing = standing.apply(effect, scenario)
            lines.append("  " + _("NEWS: {title}").format(title=local(event.title)))
        elif record["type"] == "move":
            who = names[record["party"]]
            move = record["move"]
            if move["kind"] == "propose":
                pkg = book.to_indexes(move["package"])
                scorer = book.scorer(standing)
                pts = ", ".join(f"{names[p]} {number(scorer.points(p, pkg), 1)}" for p in scenario.party_ids)
                lines.append("  " + _("{who} proposes: {package} ({points})").format(
                    who=who, package=package_text(scenario, move["package"]), points=pts))
            elif move["kind"] == "accept":
                lines.append("  " + _("{who} accepts.").format(who=who))
            elif move["kind"] == "walk_away":
                lines.append("  " + _("{who} walks away.").format(who=who))
            else:
                st = move["statement"]
                lines.append("  " + _("{who} says: {statement}").format(who=who, statement=statement_text(scenario, st)))
    lines.append("")
    n = result["rounds"]
    endings = {
        "accept": _("Agreement reached in round {n}."),
        "walkaway": _("A party walked away in round {n}."),
        "deadline": ngettext("The deadline passed after {n} round.", "The deadline passed after {n} rounds.", n),
    }
    lines.append(endings.get(result["ended_by"], _("The negotiation has not ended.")).format(n=n))
    if result["agreement"]:
        lines.append(_("Agreement: {package}").format(package=package_text(scenario, result["agreement"])))
    else:
        lines.append(_("No deal: {text}").format(text=local(scenario.no_deal.narrative)))
    for pid in scenario.party_ids:
        if result["scores"]:
            lines.append("  " + _("{who}: {points:.2f} points (walk-away {walk:.0f})").format(
                who=names[pid], points=result["scores"][pid], walk=result["walk_away"][pid]))
    if result["indicators"]:
        titles = {i.id: local(i.title) for i in scenario.indicators}
        lines.append("  " + ", ".join(f"{titles[k]} {number(v, 0)}" for k, v in result["indicators"].items()))
    if result["tags"]:
        tags = {r.tag.id: r.tag for r in scenario.rules if r.tag}
        for tag in result["tags"]:
            lines.append("  · " + f"{local(tags[tag].title)}: {local(tags[tag].text)}")
    return "\n".join(lines)


def statement_text(scenario: Scenario, st: dict) -> str:
    """A menu statement in words, e.g. "we cannot accept: Corridor depth: none"."""
    issue = next((i for i in scenario.issues if i.id == st.get("issue")), None)
    option = next((o for o in issue.options if o.id == st.get("option")), None) if issue else None
    what = local(issue.title) if issue else ""
    if option is not None:
        what += ": " + local(option.label)
    texts = {
        "matters_most": _("{what} matters most to us"),
        "matters_little": _("{what} matters little to us"),
        "cannot_accept": _("we cannot accept {what}"),
        "alternative_strong": _("our alternative to a deal is strong"),
        "alternative_weak": _("our alternative to a deal is weak"),
        "ask_priorities": _("what matters most to you?"),
        "final_offer": _("this is our final offer"),
        "moved_on": _("we moved on {what}"),
        "need_movement": _("we need movement on {what}"),
        "not_moved": _("you have not moved since round {since}"),
    }
    return texts.get(st["kind"], st["kind"]).format(what=what, since=st.get("since"))
