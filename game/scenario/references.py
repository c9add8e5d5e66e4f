"""Cross-reference errors: every id a scenario uses must name something it defines.

Runs after the models validated, over the whole scenario, and collects every
broken reference (with a "did you mean"), duplicate id, missing valuation and
structural mistake, each at the position it was written.
"""

from __future__ import annotations

from typing import Collection, Iterable

from game.errors import Problem, did_you_mean
from game.i18n import _
from game.scenario import model as m
from game.scenario.source import Located


class _Checker:
    def __init__(self, scenario: m.Scenario, located: Located):
        self.s = scenario
        self.loc = located
        self.problems: list[Problem] = []
        self.issues = {i.id: i for i in scenario.issues}
        self.options = {i.id: {o.id: o for o in i.options} for i in scenario.issues}
        self.parties = {p.id for p in scenario.parties}
        self.indicators = {i.id for i in scenario.indicators}
        self.sources = {s.id for s in scenario.sources}

    def error(self, path: tuple, message: str, *, key: bool = False, suggestion: str = "", hint: str = "",
              level: str = "error", code: str = "reference") -> None:
        line, col = self.loc.where(path, key=key)
        self.problems.append(Problem(message, file=self.loc.file, line=line, col=col, path=".".join(map(str, path)),
                                     hint=hint, suggestion=suggestion, level=level, code=code))

    # -- helpers ---------------------------------------------------------------
    def unique(self, items: Iterable, path: tuple, what: str) -> None:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in seen:
                first = self.loc.where(path + (seen[item.id],))[0]
                self.error(path + (i, "id"), _("duplicate {what} id '{id}' (first used at line {line})").format(
                    what=what, id=item.id, line=first), code="duplicate-id")
            else:
                seen[item.id] = i

    def party(self, pid: str, path: tuple, key: bool = False) -> bool:
        if pid in self.parties:
            return True
        self.error(path, _("'{id}' is not a party of this scenario").format(id=pid), key=key,
                   suggestion=did_you_mean(pid, self.parties))
        return False

    def issue(self, iid: str, path: tuple, key: bool = False) -> bool:
        if iid in self.issues:
            return True
        self.error(path, _("'{id}' is not an issue of this scenario").format(id=iid), key=key,
                   suggestion=did_you_mean(iid, self.issues))
        return False

    def option(self, iid: str, oid: str, path: tuple, key: bool = False) -> bool:
        if iid not in self.options:
            return False
        if oid in self.options[iid]:
            return True
        self.error(path, _("'{option}' is not an option of issue '{issue}'").format(option=oid, issue=iid), key=key,
                   suggestion=did_you_mean(oid, self.options[iid]))
        return False

    def package(self, package: dict, path: tuple, complete: bool) -> None:
        for iid, oid in package.items():
            if self.issue(iid, path + (iid,), key=True):
                self.option(iid, oid, path + (iid,))
        missing = [i for i in self.issues if i not in package]
        if complete and missing:
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
        if c.attribute is not None:
            known = {a for o in self.issues[c.issue].options for a in o.attributes}
            if c.attribute not in known:
                self.error(path + ("attribute",),
                           _("no option of issue '{issue}' has the attribute '{attr}'").format(issue=c.issue, attr=c.attribute),
                           suggestion=did_you_mean(c.attribute, known))

    def source(self, sid: str | None, path: tuple) -> None:
        if sid is not None and sid not in self.sources:
            self.error(path, _("'{id}' is not a source of this scenario").format(id=sid),
                       suggestion=did_you_mean(sid, self.sources), hint=_("add it under 'sources:'"))

    # -- the checks --------------------------------------------------------------
    def run(self, known_strategies: Collection[str] | None) -> list[Problem]:
        s = self.s
        if len(s.parties) != 2:
            self.error(("parties",), _("a scenario has exactly two parties; this one has {n}").format(n=len(s.parties)),
                       code="party-count")
        self.unique(s.parties, ("parties",), _("party"))
        self.unique(s.issues, ("issues",), _("issue"))
        self.unique(s.indicators, ("indicators",), _("indicator"))
        self.unique(s.rules, ("rules",), _("rule"))
        self.unique(s.events, ("events",), _("event"))
        self.unique(s.sources, ("sources",), _("source"))
        for i, issue in enumerate(s.issues):
            self.unique(issue.options, ("issues", i, "options"), _("option"))
            if len(issue.options) < 2:
                self.error(("issues", i, "options"),
                           _("issue '{id}' has {n} option; an issue needs at least two").format(id=issue.id, n=len(issue.options)),
                           hint=_("with one option there is nothing to negotiate: add an option or remove the issue"),
                           code="too-few-options")
        for pi, party in enumerate(s.parties):
            self.party_profile(pi, party, known_strategies)
        for ri, rule in enumerate(s.rules):
            base = ("rules", ri)
            self.condition(rule.when, base + ("when",))
            for pid in rule.points:
                self.party(pid, base + ("points", pid), key=True)
            self.indicator_keys(rule.indicators, base + ("indicators",))
        self.indicator_keys(s.no_deal.indicators, ("no_deal", "indicators"))
        for ei, event in enumerate(s.events):
            base = ("events", ei)
            if event.when is not None:
                self.condition(event.when, base + ("when",))
            if event.at_round is not None and event.at_round > s.protocol.rounds:
                self.error(base + ("at_round",), _("round {n} is after the deadline (round {last})").format(
                    n=event.at_round, last=s.protocol.rounds), code="event-after-deadline")
            self.source(event.source, base + ("source",))
            for fi, effect in enumerate(event.effects):
                if self.party(effect.party, base + ("effects", fi, "party")):
                    for iid in effect.change_weights:
                        self.issue(iid, base + ("effects", fi, "change_weights", iid), key=True)
        self.party(s.protocol.opens, ("protocol", "opens"))
        if s.historical is not None:
            self.package(s.historical.package, ("historical", "package"), complete=False)
            for iid in s.historical.clauses:
                self.issue(iid, ("historical", "clauses", iid), key=True)
        for mi, milestone in enumerate(s.aftermath):
            self.source(milestone.source, ("aftermath", mi, "source"))
        for ti, test in enumerate(s.tests):
            self.scenario_test(ti, test)
        return self.problems

    def party_profile(self, pi: int, party: m.Party, known_strategies: Collection[str] | None) -> None:
        base = ("parties", pi)
        for iid in party.weights:
            self.issue(iid, base + ("weights", iid), key=True)
        for iid, values in party.values.items():
            if not self.issue(iid, base + ("values", iid), key=True):
                continue
            for oid in values:
                self.option(iid, oid, base + ("values", iid, oid), key=True)
            unvalued = [o for o in self.options[iid] if o not in values]
            if unvalued:
                self.error(base + ("values", iid), _("party '{party}' gives no value to option(s) {options} of issue '{issue}'").format(
                    party=party.id, options=", ".join(unvalued), issue=iid), code="missing-value")
        for iid in self.issues:
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
        for iid in mapping:
            if iid not in self.indicators:
                self.error(path + (iid,), _("'{id}' is not an indicator of this scenario").format(id=iid), key=True,
                           suggestion=did_you_mean(iid, self.indicators), hint=_("declare it under 'indicators:'"))

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
        tags = {r.tag.id for r in self.s.rules if r.tag}
        for i, tag in enumerate(exp.tags):
            if tag not in tags:
                self.error(base + ("expect", "tags", i), _("no rule attaches the tag '{tag}'").format(tag=tag),
                           suggestion=did_you_mean(tag, tags))
        events = {e.id for e in self.s.events}
        for i, eid in enumerate(exp.events):
            if eid not in events:
                self.error(base + ("expect", "events", i), _("'{id}' is not an event of this scenario").format(id=eid),
                           suggestion=did_you_mean(eid, events))


def check(scenario: m.Scenario, located: Located, known_strategies: Collection[str] | None = None) -> list[Problem]:
    return _Checker(scenario, located).run(known_strategies)
