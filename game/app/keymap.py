"""One declarative keymap per screen: the keys, the action, how the key is written, what it does.

A screen lists its `Binding`s once (`Screen.keymap()`), and that one list
drives three things that used to be written out separately and drifted apart:

- key dispatch: `find(bindings, key, mod)` gives the binding a key press runs;
- the F1 help: `help_items(bindings)` gives its lines, in the order written;
- the hints on buttons: `hint(bindings, action)` gives "[Enter]" for the
  button that runs the same action (`Screen.hinted`).

A binding calls the screen's method named `action`; with `pass_key` the method
gets the key (digits that pick the n-th item). `guard` names a screen method
that must return True for the key to act (Enter that must not steal a focused
button's press). A binding with no keys is a help line only (keys the window or
the base screen handle, such as F11 or Tab).
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame


@dataclass(frozen=True)
class Binding:
    keys: tuple[int, ...]
    action: str | None
    label: str                      # the key as people read it: "Enter", "A", "1 … 9"
    help: str                       # what it does, for the F1 list
    shift: bool | None = None       # True: only with Shift; False: only without; None: either
    pass_key: bool = False          # the action gets the key pressed
    guard: str | None = None        # a screen method that must return True
    hint: bool = True               # its label goes on the button of the same action
    in_help: bool = True

    def matches(self, key: int, mod: int) -> bool:
        if key not in self.keys:
            return False
        shifted = bool(mod & pygame.KMOD_SHIFT)
        return self.shift is None or self.shift == shifted


DIGITS = tuple(getattr(pygame, f"K_{d}") for d in range(1, 10)) + tuple(getattr(pygame, f"K_KP{d}")
                                                                        for d in range(1, 10))
ENTER = (pygame.K_RETURN, pygame.K_KP_ENTER)
SCROLL = (pygame.K_DOWN, pygame.K_UP, pygame.K_PAGEDOWN, pygame.K_PAGEUP)  # a text box scrolled by keys


def digit_of(key: int) -> int | None:
    """1 … 9 for a digit key (top row or keypad), else None."""
    if key in DIGITS:
        return DIGITS.index(key) % 9 + 1
    return None


def find(bindings: list[Binding], key: int, mod: int) -> Binding | None:
    return next((b for b in bindings if b.action is not None and b.matches(key, mod)), None)


def hint(bindings: list[Binding], action: str) -> str:
    """The key hint for the button that runs `action`: "[W]", or "" when no key runs it."""
    b = next((b for b in bindings if b.action == action and b.hint and b.keys), None)
    return f"[{b.label}]" if b is not None else ""


def hinted(bindings: list[Binding], text: str, action: str) -> str:
    """`text` with its key hint: "Walk away [W]"."""
    h = hint(bindings, action)
    return f"{text} {h}" if h else text


def help_items(bindings: list[Binding]) -> list[tuple[str, str]]:
    """(key, what it does) lines for the F1 help: one line per thing done, its keys joined ("H / F1")."""
    labels: dict[str, list[str]] = {}
    for b in bindings:
        if b.in_help and b.label not in labels.setdefault(b.help, []):
            labels[b.help].append(b.label)
    return [(" / ".join(keys), text) for text, keys in labels.items()]
