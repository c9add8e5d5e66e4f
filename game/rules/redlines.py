"""Which red lines of a party a package crosses, with the conditions' own words.

    crossed_red_lines(book, "russia", package)  # -> [RedLine, ...] in scenario order

A student may propose or accept a package across a red line of their own side
(only the AI is bound by its red lines); the confirmation dialogs, the outcome
and debrief screens, the results file and the class report all ask this one
function. `package` is option indexes (scenario issue order) or a mapping of
issue id -> option id; the red lines' `text` is the scenario's translatable text.
"""

from __future__ import annotations

from typing import Mapping

from game.rules.engine import Rulebook
from game.scenario.model import RedLine


def crossed_red_lines(book: Rulebook, party: str, package: tuple | Mapping[str, str]) -> list[RedLine]:
    indexes = book.to_indexes(package) if isinstance(package, Mapping) else tuple(package)
    lines = book.scenario.party(party).red_lines
    return [lines[n] for n in book.red_lines_crossed(party, indexes)]
