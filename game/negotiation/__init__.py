"""The negotiation: moves, the session that runs them, party views and transcripts."""

from game.negotiation.moves import Move, MoveKind, Statement, StatementKind
from game.negotiation.session import IllegalMove, Session
from game.negotiation.view import PartyView

__all__ = ["IllegalMove", "Move", "MoveKind", "PartyView", "Session", "Statement", "StatementKind"]
