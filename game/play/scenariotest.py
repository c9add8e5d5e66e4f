"""Scenario tests: scripted moves in a scenario file, with the result they must give.

Each test plays its moves through a real session and compares what the test
expects (agreement, ended_by, scores within 0.01, walk-away values, tags, rounds,
events) with what happened. `parley test` and the pytest suite both use this.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.errors import ParleyError
from game.i18n import _
from game.play.match import Match, PlayerSpec, test_move_to_move
from game.negotiation.session import IllegalMove
from game.scenario.model import Scenario, ScenarioTest

TOLERANCE = 0.01


@dataclass
class Mismatch:
    what: str
    expected: object
    actual: object


@dataclass
class TestResult:
    scenario: Scenario
    test: ScenarioTest
    mismatches: list[Mismatch] = field(default_factory=list)
    error: str = ""
    result: dict = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return not self.mismatches and not self.error

    @property
    def location(self) -> str:
        file, line, col = self.test.pos
        return f"{file}:{line}:{col}"


def run_test(scenario: Scenario, test: ScenarioTest) -> TestResult:
    out = TestResult(scenario, test)
    script = [test_move_to_move(m) for m in test.moves]
    players = {p: PlayerSpec("script") for p in scenario.party_ids}
    match = Match(scenario, seed=test.seed, players=players)
    for n, move in enumerate(script):
        try:
            match.submit(move)
        except IllegalMove as exc:
            file, line, col = test.moves[n].pos
            out.error = _("{file}:{line}:{col}: move {n} was refused: {reason}").format(
                file=file, line=line, col=col, n=n + 1, reason=exc.reason)
            return out
    result = out.result = match.session.result()
    exp = test.expect
    if exp.agreement is not None or "agreement" in exp.model_fields_set:
        want = None if exp.agreement in (None, "none") else dict(exp.agreement)
        if want != result["agreement"]:
            out.mismatches.append(Mismatch("agreement", want, result["agreement"]))
    if exp.ended_by is not None and exp.ended_by != result["ended_by"]:
        out.mismatches.append(Mismatch("ended_by", exp.ended_by, result["ended_by"]))
    for party, want in exp.scores.items():
        got = result["scores"].get(party)
        if got is None or abs(got - want) > TOLERANCE:
            out.mismatches.append(Mismatch(f"scores.{party}", want, got))
    for party, want in exp.walk_away.items():
        got = result["walk_away"].get(party)
        if got is None or abs(got - want) > TOLERANCE:
            out.mismatches.append(Mismatch(f"walk_away.{party}", want, got))
    missing = [t for t in exp.tags if t not in result["tags"]]
    if missing:
        out.mismatches.append(Mismatch("tags", exp.tags, result["tags"]))
    if exp.rounds is not None and exp.rounds != result["rounds"]:
        out.mismatches.append(Mismatch("rounds", exp.rounds, result["rounds"]))
    not_fired = [e for e in exp.events if e not in result["events"]]
    if not_fired:
        out.mismatches.append(Mismatch("events", exp.events, result["events"]))
    if not match.finished and exp.ended_by is not None:
        out.error = _("the moves ran out before the negotiation ended")
    return out


def run_all(scenario: Scenario) -> list[TestResult]:
    return [run_test(scenario, t) for t in scenario.tests]


def describe(result: TestResult) -> str:
    """A failed test, with expected and actual side by side."""
    lines = [_("{where}: FAILED: {name}").format(where=result.location, name=result.test.name)]
    if result.error:
        lines.append("    " + result.error)
    if result.mismatches:
        width = max(len(m.what) for m in result.mismatches)
        lines.append("    {what:<{w}}  {exp:<40}  {act}".format(what="", w=width, exp=_("expected"), act=_("actual")))
        for m in result.mismatches:
            lines.append(f"    {m.what:<{width}}  {_fmt(m.expected):<40}  {_fmt(m.actual)}")
    return "\n".join(lines)


def _fmt(value: object) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items()) or "{}"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "[]"
    return str(value)


__all__ = ["ParleyError", "TestResult", "describe", "run_all", "run_test"]
