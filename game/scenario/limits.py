"""How large a scenario file may be: the reader refuses anything past these, before composing it."""

MAX_DIGITS = 100  # no scenario number needs more digits (Python refuses ints past 4,300)
MAX_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_NODES = 50_000  # values after expanding aliases; the largest shipped scenario has about 2,100
MAX_PIECES = 2 * MAX_NODES  # keys, values and aliases as written, counted before composing
