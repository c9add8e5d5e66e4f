"""Cross-reference errors: every id a scenario uses must name something it defines.

Runs over the whole scenario, and collects every broken reference (with a "did
you mean"), duplicate id, missing valuation and structural mistake, each at the
position it was written. The names a scenario defines are read from the plain
data, so the checks also run when some sections failed validation: the loader
then passes a partial scenario in which those sections are `None` (or list items
are `None`), and references into a section whose names cannot be known are not
checked, rather than all reported as unknown.

`hidden_characters` warns about invisible characters (bidi overrides, control
characters) anywhere in the text.
"""

from __future__ import annotations

import re
from typing import Any, Collection, Iterable

from game.errors import Problem, did_you_mean, problem_path
from game.i18n import N_, _
from game.scenario import model as m
from game.scenario.source import Located


Names = dict  # known names in written order (a dict used as an ordered set); None: cannot be known
_ABSENT = object()  # a section not written at all


def _ids(items: Any, required: bool = False) -> Names | None:
    """The ids written in a list section, or None when the section is broken enough
    that references into it cannot be judged (not a list, an item without an id)."""
    if items is _ABSENT:
        return None if required else {}
    if not isinstance(items, list):
        return None
    names: Names = {}
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("id"), (str, int, float)):
            return None
        names[str(item["id"])] = None
    return names


class _Checker:
    def __init__(self, scenario: m.Scenario, located: Located):
        self.s = scenario
        self.loc = located
        self.problems: list[Problem] = []
        data = located.data if isinstance(located.data, dict) else {}
        self.issues = _ids(data.get("issues", _ABSENT), required=True)
        self.options: dict[str, Names | None] = {}
        self.attributes: dict[str, Names | None] = {}
        for item in data.get("issues") if self.issues is not None else ():
            options = item.get("options", _ABSENT)
            self.options[str(item["id"])] = _ids(options, required=True)
            self.attributes[str(item["id"])] = _attributes(options)
        self.parties = _ids(data.get("parties", _ABSENT), required=True)
        self.indicators = _ids(data.get("indicators", _ABSENT))
        self.sources = _ids(data.get("sources", _ABSENT))
        self.events = _ids(data.get("events", _ABSENT))
        self.tags = _tags(data.get("rules", _ABSENT))

    def error(self, path: tuple, message: str, *, key: bool = False, suggestion: str = "", hint: str = "",
              level: str = "error", code: str = "reference") -> None:
        line, col = self.loc.where(path, key=key)
        # names may come from the plain data, where an invalid id can hold a bidi override: never quote it raw
        self.problems.append(Problem(show_hidden(message), file=self.loc.file, line=line, col=col,
                                     path=problem_path(path), hint=hint, suggestion=show_hidden(suggestion),
                                     level=level, code=code))

    # -- helpers ---------------------------------------------------------------
    def unique(self, items: Iterable, path: tuple, message: str) -> None:
        """Report every repeated id in `items`; `message` is the translated text, with {id} and {line}."""
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item is None:
                continue
            if item.id in seen:
                first = self.loc.where(path + (seen[item.id],))[0]
                self.error(path + (i, "id"), message.format(id=item.id, line=first), code="duplicate-id")
            else:
                seen[item.id] = i

    def party(self, pid: str, path: tuple, key: bool = False) -> bool:
        if self.parties is None:
            return False
        if pid in self.parties:
            return True
        self.error(path, _("'{id}' is not a party of this scenario").format(id=pid), key=key,
                   suggestion=did_you_mean(pid, self.parties),
                   hint=_("the parties of this scenario: {names}").format(names=listed(self.parties)))
        return False

    def audience(self, event: m.Event, base: tuple) -> None:
        """`audience` is 'both' or a party; a private event must not move the other party's numbers unseen."""
        if event.audience == m.AUDIENCE_BOTH or self.parties is None:
            return
        if event.audience not in self.parties:
            self.error(base + ("audience",), _("'{id}' is not a party of this scenario (nor 'both')").format(
                id=event.audience), suggestion=did_you_mean(event.audience, [*self.parties, m.AUDIENCE_BOTH]))
            return
        for fi, effect in enumerate(event.effects):
            if effect.party != event.audience and effect.party in self.parties:
                self.error(base + ("effects", fi, "party"),
                           _("this event is news for '{audience}' only, but it changes '{party}': their points "
                             "would move with no news to explain it").format(audience=event.audience,
                                                                             party=effect.party),
                           hint=_("give the event 'audience: both', or move this effect to an event '{party}' "
                                  "hears").format(party=effect.party), code="hidden-effect")

    def issue(self, iid: str, path: tuple, key: bool = False) -> bool:
        if self.issues is None:
            return False
        if iid in self.issues:
            return True
        self.error(path, _("'{id}' is not an issue of this scenario").format(id=iid), key=key,
                   suggestion=did_you_mean(iid, self.issues),
                   hint=_("the issues of this scenario: {names}").format(names=listed(self.issues)))
        return False

    def option(self, iid: str, oid: str, path: tuple, key: bool = False) -> bool:
        known = self.options.get(iid)
        if known is None:
            return False
        if oid in known:
            return True
        self.error(path, _("'{option}' is not an option of issue '{issue}'").format(option=oid, issue=iid), key=key,
                   suggestion=did_you_mean(oid, known),
                   hint=_("the options of issue '{issue}': {names}").format(issue=iid, names=listed(known)))
        return False

    def package(self, package: dict, path: tuple, complete: bool) -> None:
        for iid, oid in package.items():
            if self.issue(iid, path + (iid,), key=True):
                self.option(iid, oid, path + (iid,))
        missing = [i for i in self.issues or () if i not in package]
        if complete and self.issues is not None and missing:
            self.error(path, _("the package has no option for: {issues}").format(issues=", ".join(missing)),
                       hint=_("a package names one option for every issue"), code="incomplete-package")

    def condition(self, c: m.Condition, path: tuple) -> None:
        for key in ("all", "any"):
            for i, sub in enumerate(getattr(c, key) or []):
                self.condition(sub, path + (key, i))
        if c.not_ is not None:
            self.condition(c.not_, path + ("not",))
        if c.issue is None or not self.issue(c.issue, path + ("issue",)):
            return
        if c.is_ is not None:
            self.option(c.issue, c.is_, path + ("is",))
        for i, oid in enumerate(c.in_ or []):
            self.option(c.issue, oid, path + ("in", i))
        known = self.attributes.get(c.issue)
        if c.attribute is not None and known is not None:
            if c.attribute not in known:
                self.error(path + ("attribute",),
                           _("no option of issue '{issue}' has the attribute '{attr}'").format(issue=c.issue, attr=c.attribute),
                           suggestion=did_you_mean(c.attribute, known))

    def source(self, sid: str | None, path: tuple) -> None:
        if sid is not None and self.sources is not None and sid not in self.sources:
            self.error(path, _("'{id}' is not a source of this scenario").format(id=sid),
                       suggestion=did_you_mean(sid, self.sources),
                       hint=known(_("the sources of this scenario: {names}"), self.sources, _("add it under 'sources:'")))

    # -- the checks --------------------------------------------------------------
    def run(self, known_strategies: Collection[str] | None) -> list[Problem]:
        s = self.s
        if self.parties is not None and len(s.parties) != 2:
            self.error(("parties",), _("a scenario has exactly two parties; this one has {n}").format(n=len(s.parties)),
                       code="party-count")
        self.unique(s.parties, ("parties",),
                    _("duplicate party id '{id}' (first used at line {line})"))
        self.unique(s.issues, ("issues",),
                    _("duplicate issue id '{id}' (first used at line {line})"))
        self.unique(s.indicators, ("indicators",),
                    _("duplicate indicator id '{id}' (first used at line {line})"))
        self.unique(s.rules, ("rules",),
                    _("duplicate rule id '{id}' (first used at line {line})"))
        self.unique(s.events, ("events",),
                    _("duplicate event id '{id}' (first used at line {line})"))
        self.unique(s.sources, ("sources",),
                    _("duplicate source id '{id}' (first used at line {line})"))
        for i, issue in enumerate(s.issues):
            if issue is None:
                continue
            self.unique(issue.options, ("issues", i, "options"),
                        _("duplicate option id '{id}' (first used at line {line})"))
            if len(issue.options) < 2:
                self.error(("issues", i, "options"),
                           _("issue '{id}' has {n} option; an issue needs at least two").format(id=issue.id, n=len(issue.options)),
                           hint=_("with one option there is nothing to negotiate: add an option or remove the issue"),
                           code="too-few-options")
        for pi, party in enumerate(s.parties):
            if party is not None:
                self.party_profile(pi, party, known_strategies)
        for ri, rule in enumerate(s.rules):
            if rule is None:
                continue
            base = ("rules", ri)
            self.condition(rule.when, base + ("when",))
            for pid in rule.points:
                self.party(pid, base + ("points", pid), key=True)
            self.indicator_keys(rule.indicators, base + ("indicators",))
        if s.no_deal is not None:
            self.indicator_keys(s.no_deal.indicators, ("no_deal", "indicators"))
        for ei, event in enumerate(s.events):
            if event is None:
                continue
            base = ("events", ei)
            if event.when is not None:
                self.condition(event.when, base + ("when",))
            if event.at_round is not None and s.protocol is not None and event.at_round > s.protocol.rounds:
                self.error(base + ("at_round",), _("round {n} is after the deadline (round {last})").format(
                    n=event.at_round, last=s.protocol.rounds), code="event-after-deadline")
            self.source(event.source, base + ("source",))
            self.audience(event, base)
            for fi, effect in enumerate(event.effects):
                if self.party(effect.party, base + ("effects", fi, "party")):
                    for iid in effect.change_weights:
                        self.issue(iid, base + ("effects", fi, "change_weights", iid), key=True)
        if s.protocol is not None:
            self.party(s.protocol.opens, ("protocol", "opens"))
        if s.historical is not None:
            self.package(s.historical.package, ("historical", "package"), complete=False)
            for iid in s.historical.clauses:
                self.issue(iid, ("historical", "clauses", iid), key=True)
        for mi, milestone in enumerate(s.aftermath):
            if milestone is not None:
                self.source(milestone.source, ("aftermath", mi, "source"))
        for ti, test in enumerate(s.tests):
            if test is not None:
                self.scenario_test(ti, test)
        if s.map is not None:
            self.map_ids(s.map)
        if s.teacher_pack is not None:
            for mi, milestone in enumerate(s.teacher_pack.chronology):
                self.source(milestone.source, ("teacher_pack", "chronology", mi, "source"))
            for ri, reading in enumerate(s.teacher_pack.reading):
                self.source(reading.source, ("teacher_pack", "reading", ri, "source"))
        return self.problems

    def map_ids(self, drawing: m.Map) -> None:
        """Every item of a map has its own id, across places, roads, lines, zones, posts and routes."""
        seen: dict[str, tuple] = {}
        for section in ("zones", "lines", "roads", "routes", "posts", "places"):
            for i, item in enumerate(getattr(drawing, section)):
                path = ("map", section, i)
                if item.id in seen:
                    first = self.loc.where(seen[item.id])[0]
                    self.error(path + ("id",), _("duplicate map item id '{id}' (first used at line {line})").format(
                        id=item.id, line=first), code="duplicate-id")
                else:
                    seen[item.id] = path

    def party_profile(self, pi: int, party: m.Party, known_strategies: Collection[str] | None) -> None:
        base = ("parties", pi)
        for iid in party.weights:
            self.issue(iid, base + ("weights", iid), key=True)
        for iid, values in party.values.items():
            if not self.issue(iid, base + ("values", iid), key=True):
                continue
            misspelt = set()  # `one-on-one-firs: 80` is one mistake: no "gives no value to one-on-one-first" too
            for oid in values:
                if not self.option(iid, oid, base + ("values", iid, oid), key=True):
                    misspelt.add(did_you_mean(oid, self.options.get(iid) or ()))
            unvalued = [o for o in self.options.get(iid) or () if o not in values and o not in misspelt]
            if unvalued:
                self.error(base + ("values", iid), _("party '{party}' gives no value to option(s) {options} of issue '{issue}'").format(
                    party=party.id, options=", ".join(unvalued), issue=iid), code="missing-value")
        for iid in self.issues or ():
            if iid not in party.weights:
                self.error(base + ("weights",), _("party '{party}' has no weight for issue '{issue}'").format(
                    party=party.id, issue=iid), hint=_("write {issue}: 0 if the issue does not matter to this party").format(issue=iid),
                    code="missing-weight")
            if iid not in party.values:
                self.error(base + ("values",), _("party '{party}' has no values for issue '{issue}'").format(
                    party=party.id, issue=iid), code="missing-value")
        for ri, red in enumerate(party.red_lines):
            self.condition(red.when, base + ("red_lines", ri, "when"))
        if known_strategies is not None and party.persona.strategy not in known_strategies:
            self.error(base + ("persona", "strategy"), _("'{name}' is not a known negotiation strategy").format(
                name=party.persona.strategy), suggestion=did_you_mean(party.persona.strategy, known_strategies),
                hint=_("known strategies: {names}").format(names=", ".join(sorted(known_strategies))))

    def indicator_keys(self, mapping: dict, path: tuple) -> None:
        if self.indicators is None:
            return
        for iid in mapping:
            if iid not in self.indicators:
                self.error(path + (iid,), _("'{id}' is not an indicator of this scenario").format(id=iid), key=True,
                           suggestion=did_you_mean(iid, self.indicators),
                           hint=known(_("the indicators of this scenario: {names}"), self.indicators,
                                      _("declare it under 'indicators:'")))

    def scenario_test(self, ti: int, test: m.ScenarioTest) -> None:
        base = ("tests", ti)
        for mi, move in enumerate(test.moves):
            path = base + ("moves", mi)
            self.party(move.by, path + ("by",))
            if move.propose is not None:
                self.package(move.propose, path + ("propose",), complete=False)
            if move.say is not None:
                if move.say.issue is not None and self.issue(move.say.issue, path + ("say", "issue")) and move.say.option:
                    self.option(move.say.issue, move.say.option, path + ("say", "option"))
        exp = test.expect
        if isinstance(exp.agreement, dict):
            self.package(exp.agreement, base + ("expect", "agreement"), complete=True)
        for section in ("scores", "walk_away"):
            for pid in getattr(exp, section):
                self.party(pid, base + ("expect", section, pid), key=True)
        tags = self.tags
        for i, tag in enumerate(exp.tags if tags is not None else ()):
            if tag not in tags:
                self.error(base + ("expect", "tags", i), _("no rule attaches the tag '{tag}'").format(tag=tag),
                           suggestion=did_you_mean(tag, tags),
                           hint=_("the tags of this scenario: {names}").format(names=listed(tags)) if tags else "")
        events = self.events
        for i, eid in enumerate(exp.events if events is not None else ()):
            if eid not in events:
                self.error(base + ("expect", "events", i), _("'{id}' is not an event of this scenario").format(id=eid),
                           suggestion=did_you_mean(eid, events),
                           hint=_("the events of this scenario: {names}").format(names=listed(events)) if events else "")


def known(message: str, names: Names, then: str) -> str:
    """A hint naming the known names (`message` with {names}), then how to add one."""
    return "; ".join(([message.format(names=listed(names))] if names else []) + [then])


def listed(names: Names, most: int = 12) -> str:
    """Known names for a hint: 'russia', 'turkey' (the first `most`, then an ellipsis)."""
    shown = [f"'{show_hidden(str(n))}'" for n in list(names)[:most]]
    return ", ".join(shown) + (", …" if len(names) > most else "")


def _attributes(options: Any) -> Names | None:
    """The attribute names written on an issue's options, or None if they cannot be known."""
    if not isinstance(options, list):
        return None
    names: Names = {}
    for option in options:
        attributes = option.get("attributes", {}) if isinstance(option, dict) else None
        if not isinstance(attributes, dict):
            return None
        names.update(dict.fromkeys(map(str, attributes)))
    return names


def _tags(rules: Any) -> Names | None:
    """The tag ids the rules attach, or None if a rule or its tag is too broken to tell."""
    if rules is _ABSENT:
        return {}
    if not isinstance(rules, list):
        return None
    names: Names = {}
    for rule in rules:
        if not isinstance(rule, dict):
            return None
        tag = rule.get("tag")
        if tag is None:
            continue
        if not isinstance(tag, dict) or not isinstance(tag.get("id"), (str, int, float)):
            return None
        names[str(tag["id"])] = None
    return names


def check(scenario: m.Scenario, located: Located, known_strategies: Collection[str] | None = None) -> list[Problem]:
    """Every broken reference in `scenario`, which may be partial (see the module docstring)."""
    return _Checker(scenario, located).run(known_strategies)


# -- invisible characters ------------------------------------------------------------

# One whole message per character (translated where shown, in `_describe_hidden`).
_BIDI_NAMES = {
    "\u202a": N_("a left-to-right embedding character (U+{code:04X})"),
    "\u202b": N_("a right-to-left embedding character (U+{code:04X})"),
    "\u202c": N_("a pop directional formatting character (U+{code:04X})"),
    "\u202d": N_("a left-to-right override character (U+{code:04X})"),
    "\u202e": N_("a right-to-left override character (U+{code:04X})"),
    "\u2066": N_("a left-to-right isolate character (U+{code:04X})"),
    "\u2067": N_("a right-to-left isolate character (U+{code:04X})"),
    "\u2068": N_("a first strong isolate character (U+{code:04X})"),
    "\u2069": N_("a pop directional isolate character (U+{code:04X})"),
}
_HIDDEN = re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def show_hidden(text: str) -> str:
    """`text` with bidi controls and control characters written as escapes (\\u202e), so
    that quoting it in a message cannot reorder or hide the rest of the line."""
    return _HIDDEN.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def _describe_hidden(char: str) -> str:
    message = _BIDI_NAMES.get(char)
    if message:
        return _(message).format(code=ord(char))
    return _("a control character (U+{code:04X})").format(code=ord(char))


def hidden_characters(located: Located) -> list[Problem]:
    """Warn about invisible characters in names, ids and texts.

    A right-to-left override (U+202E) or another bidi control makes a name display
    differently from what it says (a player sees "Turkey" where the text is
    reversed), and control characters (written as escapes like "\\x07" in double
    quotes) are invisible. Letters of right-to-left scripts are fine, and so are
    the marks U+200E and U+200F. One warning per text, at its position.

    Passing::

        name: {en: "Russian delegation"}

    Failing::

        name: {en: "Russian \\u202edelegation"}
    """
    out: list[Problem] = []
    stack: list[tuple[Any, tuple]] = [(located.data, ())]
    while stack:
        value, path = stack.pop()
        texts: list[tuple[str, tuple, bool]] = []
        if isinstance(value, dict):
            for key, item in value.items():
                texts.append((str(key), path + (key,), True))
                stack.append((item, path + (key,)))
        elif isinstance(value, list):
            stack.extend((item, path + (i,)) for i, item in enumerate(value))
        elif isinstance(value, str):
            texts.append((value, path, False))
        for text, where, is_key in texts:
            found = list(dict.fromkeys(_HIDDEN.findall(text)))
            if not found:
                continue
            line, col = located.where(where, key=is_key)
            what = ", ".join(_describe_hidden(c) for c in found)
            out.append(Problem(
                _("the text '{text}' contains {what}: invisible characters like this can hide or reorder what "
                  "players see").format(
                    text=show_hidden(text[:40]), what=what),
                file=located.file, line=line, col=col, path=problem_path(where), level="warning",
                code="hidden-character", hint=_("delete it: retype the text, or copy it from a plain-text source")))
    out.sort(key=lambda p: (p.line, p.col))
    return out
