"""What the negotiation table shows, as numbers and words: one place for every offer's value.

Pure functions over a party's read-only view (no pygame), so the header, the
offer list, the meter, the issue rows, the confirmations and the outcome all
read the same number for the same offer: its points to the viewer under the
CURRENT standing (`PartyView.points`). When news moves the standing, the
numbers change everywhere at once, and `priority_shifts` says why.

`issue_lines` gives, per issue: the viewer's pick, the other side's standing
option, whether the other side changed it since its previous offer and how much
that moved the viewer's points, and which options would cross one of the
viewer's red lines with the rest of the package as it is. `red_line_breaches`
words a crossed red line as what the package does ("Turkish observation posts:
All posts move north of the new line"), next to the rule it breaks.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.i18n import _, local, number
from game.scenario.checks import issues_in


RED_MARK, PICK_MARK = "⚠", "✓"   # beside colour, never instead of it: crosses a red line; your pick


@dataclass(frozen=True)
class IssueLine:
    index: int
    weight: float                    # % of the viewer's points, as things stand
    points: tuple[float, ...]        # every option's points to the viewer (`option_points`)
    pick: int                        # the viewer's option
    theirs: int | None               # the other side's option in its latest offer
    previous: int | None             # the other side's option in its offer before that
    moved_by: float | None           # their change on this issue, in the viewer's points (None: no change)
    red: frozenset[int]              # options that would cross a red line with the rest of the package

    @property
    def pick_points(self) -> float:
        return self.points[self.pick]

    @property
    def their_points(self) -> float | None:
        return self.points[self.theirs] if self.theirs is not None else None


@dataclass(frozen=True)
class Breach:
    rule: str                        # the red line as the briefing states it
    what: str                        # what the package does that crosses it


def option_points(view, issue: int, option: int, weights=None) -> float:
    """Points to the viewer of one option: weight x value / 100, as things stand."""
    weights = view.weights if weights is None else weights
    return weights[view.issues[issue].id] * view.value(issue, option) / 100


def offer_points(view, package: tuple) -> float:
    """THE value of a package to the viewer: under the current standing (every screen uses this)."""
    return view.points(tuple(package))


def their_offers(view) -> list:
    return view.offers_by(view.other)


def issue_lines(view, selection: list[int], red_lines) -> list[IssueLine]:
    """One line per issue (see the module docstring); `red_lines` are the viewer's `red_checks`.

    An option is marked red when choosing it, with the rest of the package as it is, crosses a red line
    that looks at its issue: the mark sits on the option that causes the breach, not on every option
    of a package that already crosses a line elsewhere."""
    offers = their_offers(view)
    standing = view.standing_offer
    last = standing.package if standing is not None else (offers[-1].package if offers else None)
    before = offers[-2].package if len(offers) >= 2 else None
    weights = view.weights
    package = list(selection)
    issue_ids = [i.id for i in view.issues]
    lines = []
    for n, issue in enumerate(view.issues):
        red = set()
        checks = [c for c in red_lines if issue_ids[n] in c.issues]
        for k in range(len(issue.options)) if checks else ():
            trial = tuple(package[:n] + [k] + package[n + 1:])
            if any(c.crossed(trial) for c in checks):
                red.add(k)
        theirs = last[n] if last is not None else None
        previous = before[n] if before is not None else None
        points = tuple(option_points(view, n, k, weights) for k in range(len(issue.options)))
        moved = points[theirs] - points[previous] if theirs is not None and previous not in (None, theirs) else None
        lines.append(IssueLine(n, weights[issue.id], points, selection[n], theirs, previous, moved, frozenset(red)))
    return lines


@dataclass(frozen=True)
class RedCheck:
    """One of a party's red lines: as written, compiled, and the issues it looks at."""

    rule: object                     # scenario.model.RedLine
    compiled: object                 # rules.conditions.Compiled
    issues: frozenset[str]

    def crossed(self, package: tuple) -> bool:
        return bool(self.compiled.predicate(tuple(package)))


def red_checks(scenario, party_id: str, book) -> list[RedCheck]:
    """`party_id`'s red lines, from the rulebook's compiled conditions (same order as written)."""
    party = scenario.party(party_id)
    return [RedCheck(rule, compiled, frozenset(issues_in(rule.when)))
            for rule, compiled in zip(party.red_lines, book.red_lines[party_id])]


def red_line_breaches(scenario, checks: list[RedCheck], package: tuple) -> list[Breach]:
    """The red lines of `checks` that `package` crosses, each with what in the package crosses it."""
    out = []
    for check in checks:
        if not check.crossed(package):
            continue
        parts = [_("{issue}: {option}").format(issue=local(issue.title), option=local(issue.options[package[n]].label))
                 for n, issue in enumerate(scenario.issues) if issue.id in check.issues]
        out.append(Breach(local(check.rule.text), _("; ").join(parts)))
    return out


def breach_sentence(breaches: list[Breach], whose: str = "offer") -> str:
    """The first breach in words: what happened, then the rule it breaks ("" if none)."""
    if not breaches:
        return ""
    b = breaches[0]
    if whose == "offer":
        head = _("Your offer crosses your red line: {what}.")
    elif whose == "theirs":
        head = _("Their offer crosses your red line: {what}.")
    else:
        head = _("This deal crosses your red line: {what}.")
    return head.format(what=b.what) + " " + _("Your instructions: “{rule}”").format(rule=b.rule.rstrip("."))


def priority_shifts(issues, old: dict[str, float], new: dict[str, float], tolerance: float = 0.05) -> list[str]:
    """Lines such as "Political framing 4.5% → 9.1%" for the issues the news moved, and one line for the
    rest when they only shrank or grew in proportion (weights are rescaled to keep their total)."""
    moved = [i for i in issues if i.id in old and i.id in new and abs(old[i.id] - new[i.id]) >= tolerance]
    ratios = sorted(new[i.id] / old[i.id] for i in issues if old.get(i.id) and i.id in new)
    if not moved or not ratios:
        return []
    common = ratios[len(ratios) // 2]  # the rescaling most issues share
    own = [i for i in moved if not old[i.id] or abs(new[i.id] / old[i.id] - common) > 0.01 * common]
    out = [_("{issue} {old}% → {new}%").format(issue=local(i.title), old=_pct(old[i.id]), new=_pct(new[i.id]))
           for i in (own or moved)]
    if own and len(own) < len(moved):
        out.append(_("the other issues shrink in proportion") if common < 1 else
                   _("the other issues grow in proportion"))
    return out


def _pct(x: float) -> str:
    return number(round(x, 1), 1).rstrip("0").rstrip(".,")
