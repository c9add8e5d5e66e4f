"""Moves: propose a complete package, accept the standing offer, walk away, or say
something from a fixed menu of statements (in the spirit of IAGO's menu language).

A move is plain data; it knows how to become JSON (for the transcript) and back.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Mapping

from game.i18n import _


class MoveKind(str, Enum):
    PROPOSE = "propose"
    ACCEPT = "accept"
    WALK_AWAY = "walk_away"
    SAY = "say"


class StatementKind(str, Enum):
    MATTERS_MOST = "matters_most"          # "issue X matters most to us"
    MATTERS_LITTLE = "matters_little"      # "issue X matters little to us"
    CANNOT_ACCEPT = "cannot_accept"        # "we cannot accept option Y"
    ALTERNATIVE_STRONG = "alternative_strong"  # "our alternative to a deal is strong"
    ALTERNATIVE_WEAK = "alternative_weak"      # "our alternative to a deal is weak"
    ASK_PRIORITIES = "ask_priorities"      # "what matters most to you?"
    FINAL_OFFER = "final_offer"            # "this is our final offer"
    MOVED_ON = "moved_on"                  # "we moved on X"
    NEED_MOVEMENT = "need_movement"        # "we need movement on Y"
    NOT_MOVED = "not_moved"                # "you have not moved since round N" (round in `since`)

    @property
    def needs_issue(self) -> bool:
        return self in (StatementKind.MATTERS_MOST, StatementKind.MATTERS_LITTLE, StatementKind.CANNOT_ACCEPT,
                        StatementKind.MOVED_ON, StatementKind.NEED_MOVEMENT)

    @property
    def needs_option(self) -> bool:
        return self is StatementKind.CANNOT_ACCEPT

    @property
    def needs_round(self) -> bool:
        return self is StatementKind.NOT_MOVED

    @property
    def explains(self) -> bool:
        """A remark about the talks themselves (the AI explains its moves), not a claim about a profile."""
        return self in (StatementKind.FINAL_OFFER, StatementKind.MOVED_ON, StatementKind.NEED_MOVEMENT,
                        StatementKind.NOT_MOVED)


@dataclass(frozen=True)
class Statement:
    kind: StatementKind
    issue: str | None = None
    option: str | None = None
    since: int | None = None  # a round, for `not_moved`

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind.value}
        if self.issue is not None:
            out["issue"] = self.issue
        if self.option is not None:
            out["option"] = self.option
        if self.since is not None:
            out["since"] = self.since
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Statement":
        return cls(StatementKind(data["kind"]), data.get("issue"), data.get("option"), data.get("since"))


@dataclass(frozen=True)
class Move:
    party: str
    kind: MoveKind
    package: tuple[tuple[str, str], ...] | None = None  # (issue, option) pairs, for PROPOSE
    statement: Statement | None = None                  # for SAY

    @classmethod
    def propose(cls, party: str, package: Mapping[str, str]) -> "Move":
        return cls(party, MoveKind.PROPOSE, package=tuple(package.items()))

    @classmethod
    def accept(cls, party: str) -> "Move":
        return cls(party, MoveKind.ACCEPT)

    @classmethod
    def walk_away(cls, party: str) -> "Move":
        return cls(party, MoveKind.WALK_AWAY)

    @classmethod
    def say(cls, party: str, kind: StatementKind | str, issue: str | None = None, option: str | None = None,
            since: int | None = None) -> "Move":
        return cls(party, MoveKind.SAY, statement=Statement(StatementKind(kind), issue, option, since))

    @property
    def offer(self) -> dict[str, str]:
        return dict(self.package or ())

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind.value}
        if self.package is not None:
            out["package"] = dict(self.package)
        if self.statement is not None:
            out["statement"] = self.statement.to_json()
        return out

    @classmethod
    def from_json(cls, party: str, data: Mapping[str, Any]) -> "Move":
        kind = MoveKind(data["kind"])
        package = data.get("package")
        statement = data.get("statement")
        return cls(party, kind,
                   package=tuple(package.items()) if isinstance(package, Mapping) else None,
                   statement=Statement.from_json(statement) if statement else None)

    def describe(self) -> str:
        if self.kind is MoveKind.PROPOSE:
            return _("proposes a package")
        if self.kind is MoveKind.ACCEPT:
            return _("accepts the standing offer")
        if self.kind is MoveKind.WALK_AWAY:
            return _("walks away")
        return _("says something")
