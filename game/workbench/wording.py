"""Scenario facts in plain words, for printed sheets: conditions, effects, numbers.

`condition_text(cond, scenario)` turns a rule's, red line's or event's `when` into
a sentence ("Ceasefire scope is “Total halt” and M4 security corridor: km each
side above 10"); option and issue names come from the scenario in the active
language (`local`), the joining words from the translation catalog (`_`).
"""

from __future__ import annotations

from game.i18n import _, local, number
from game.scenario import model as m


def pts(x: float) -> str:
    """Points for people, by the locale: at most two decimals, no trailing zeros, no '-0'."""
    return number(x, 2, trim=True)


def signed(x: float) -> str:
    return ("+" if x > 0 else "") + pts(x)


def option_label(scenario: m.Scenario, issue_id: str, option_id: str) -> str:
    issue = scenario.issue(issue_id)
    option = next((o for o in issue.options if o.id == option_id), None)
    return local(option.label) if option is not None else option_id


def _quote(text: str) -> str:
    return _("“{text}”").format(text=text)


COMPARISONS = ("at_least", "at_most", "above", "below", "equals")


def _comparison(key: str, attribute: str, n: str) -> str:
    if key == "at_least":
        return _("{attribute} at least {n}").format(attribute=attribute, n=n)
    if key == "at_most":
        return _("{attribute} at most {n}").format(attribute=attribute, n=n)
    if key == "above":
        return _("{attribute} above {n}").format(attribute=attribute, n=n)
    if key == "below":
        return _("{attribute} below {n}").format(attribute=attribute, n=n)
    return _("{attribute} equal to {n}").format(attribute=attribute, n=n)


def condition_text(cond: m.Condition, scenario: m.Scenario) -> str:
    """A condition as a sentence a student can check against a package."""
    if cond.all is not None:
        parts = [condition_text(c, scenario) for c in cond.all]
        return _(" and ").join(_wrap(c, p) for c, p in zip(cond.all, parts)) if parts else _("always")
    if cond.any is not None:
        parts = [condition_text(c, scenario) for c in cond.any]
        return _(" or ").join(_wrap(c, p) for c, p in zip(cond.any, parts)) if parts else _("never")
    if cond.not_ is not None:
        return _("not ({condition})").format(condition=condition_text(cond.not_, scenario))
    issue = scenario.issue(cond.issue)
    title = local(issue.title)
    if cond.is_ is not None:
        return _("{issue} is {option}").format(issue=title, option=_quote(option_label(scenario, issue.id, cond.is_)))
    if cond.in_ is not None:
        options = _(", ").join(_quote(option_label(scenario, issue.id, o)) for o in cond.in_)
        return _("{issue} is one of {options}").format(issue=title, options=options)
    attribute = (cond.attribute or "").replace("_", " ")
    for key in COMPARISONS:
        value = getattr(cond, key)
        if value is not None:
            matching = [local(o.label) for o in issue.options
                        if o.attributes.get(cond.attribute) is not None and _holds(key, o.attributes[cond.attribute], value)]
            text = _("{issue}: {comparison}").format(issue=title, comparison=_comparison(key, attribute, pts(value)))
            if matching:
                text += " " + _("(options: {options})").format(options=_(", ").join(_quote(x) for x in matching))
            return text
    return title


def _holds(key: str, value: float, bound: float) -> bool:
    return {"at_least": value >= bound, "at_most": value <= bound, "above": value > bound,
            "below": value < bound, "equals": value == bound}[key]


def _wrap(cond: m.Condition, text: str) -> str:
    """Parentheses around a nested 'and'/'or', so that the sentence reads one way only."""
    return f"({text})" if cond.all is not None or cond.any is not None else text


def effect_text(effect: m.Effect, scenario: m.Scenario) -> str:
    """An event's effect on one party, in words."""
    name = local(scenario.party(effect.party).name)
    parts = []
    if effect.change_walk_away:
        parts.append(_("walk-away value {change}").format(change=signed(effect.change_walk_away)))
    for issue_id, delta in effect.change_weights.items():
        parts.append(_("weight of {issue} {change}").format(issue=local(scenario.issue(issue_id).title),
                                                             change=signed(delta)))
    return _("{party}: {changes}").format(party=name, changes=_(", ").join(parts) or _("no change"))
