"""The scene stack: which screen is showing, and the lifecycle every screen follows.

This module imports no pygame: a scene is any object with the methods of `Scene`,
and the stack only calls them in a documented order, so it is tested with mocks.

Lifecycle
---------
- ``push(s)``: the current top gets ``pause()``; ``s`` gets ``enter()`` and becomes the top.
- ``pop()``: the top gets ``exit()`` and is removed; the new top gets ``resume()``.
- ``replace(s)``: the top gets ``exit()`` and is removed; ``s`` gets ``enter()``.
- ``clear(s)``: every scene gets ``exit()``, top first; then ``s`` gets ``enter()``.
- Each frame the app hands input to the top scene only (``handle_event``), calls
  ``update(dt)`` on the top scene, and ``draw(surface)`` on every visible scene from
  the bottom up: the top scene, and the scenes below it while the ones above are
  not ``opaque`` (a dialog lets the screen below show through).
- ``rebuild()`` goes to every scene, bottom first, after the window was resized or
  the theme changed: a scene rebuilds its widgets from its own state.

Optional hooks (do nothing unless a scene overrides them; the app calls them without asking):

- ``set_shown(shown)``: the scene became visible or was covered by an opaque scene
  (a covered screen drops its widgets and builds them again when shown);
- ``draw_after(surface)``: the top scene draws over the widgets (the keyboard focus ring);
- ``animating``: True while the scene needs frames without input (the computer thinking);
- ``help_title`` and ``shortcuts()``: the F1 help's title and its (key, what it does) lines,
  which a screen derives from its one keymap (``game.app.keymap``);
- ``autoplay_step()``: what ``--autoplay`` does on this scene when its delay is up.

A scene may change the stack from inside its own ``handle_event`` or ``update``;
the change takes effect at once, and the stack never calls a scene after its
``exit()``.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator


class Scene:
    """Base class with do-nothing lifecycle methods; screens override what they need."""

    opaque: bool = True

    def enter(self) -> None:
        """Became the top for the first time: build widgets, start work."""

    def exit(self) -> None:
        """Removed from the stack: kill widgets, stop work. Called once."""

    def pause(self) -> None:
        """Another scene was pushed on top of this one."""

    def resume(self) -> None:
        """The scene above was popped: this one is the top again."""

    def handle_event(self, event: Any) -> bool:
        """One input or widget event; True if it was used."""
        return False

    def update(self, dt: float) -> None:
        """Advance timers and background work by `dt` seconds (top scene only)."""

    def draw(self, surface: Any) -> None:
        """Draw what the widgets do not (they are drawn by the app afterwards)."""

    def rebuild(self) -> None:
        """Re-create widgets for a new window size or theme."""

    # -- optional hooks (see the module docstring) -------------------------------------
    animating: bool = False
    help_title: str = ""

    def set_shown(self, shown: bool) -> None:
        """Became visible (True) or was covered by an opaque scene (False)."""

    def draw_after(self, surface: Any) -> None:
        """Top scene only: draw over the widgets."""

    def shortcuts(self) -> list[tuple[str, str]]:
        """(key, what it does) lines for the F1 help."""
        return []

    def autoplay_step(self) -> None:
        """What the autoplay does on this scene."""


class SceneStack:
    def __init__(self, on_change: Callable[[], None] | None = None):
        self._scenes: list[Scene] = []
        self.on_change = on_change

    # -- inspection ----------------------------------------------------------------
    @property
    def top(self) -> Scene | None:
        return self._scenes[-1] if self._scenes else None

    def __len__(self) -> int:
        return len(self._scenes)

    def __iter__(self) -> Iterator[Scene]:
        return iter(list(self._scenes))

    def __contains__(self, scene: object) -> bool:
        return scene in self._scenes

    def visible(self) -> list[Scene]:
        """The scenes to draw, bottom first: the top and every scene under see-through ones."""
        start = len(self._scenes) - 1
        while start > 0 and not getattr(self._scenes[start], "opaque", True):
            start -= 1
        return self._scenes[max(start, 0):]

    # -- changes -------------------------------------------------------------------
    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()

    def push(self, scene: Scene) -> None:
        if self._scenes:
            self._scenes[-1].pause()
        self._scenes.append(scene)
        scene.enter()
        self._changed()

    def pop(self) -> Scene | None:
        if not self._scenes:
            return None
        scene = self._scenes.pop()
        scene.exit()
        if self._scenes:
            self._scenes[-1].resume()
        self._changed()
        return scene

    def replace(self, scene: Scene) -> Scene | None:
        old = self._scenes.pop() if self._scenes else None
        if old is not None:
            old.exit()
        self._scenes.append(scene)
        scene.enter()
        self._changed()
        return old

    def clear(self, scene: Scene | None = None) -> None:
        while self._scenes:
            self._scenes.pop().exit()
        if scene is not None:
            self._scenes.append(scene)
            scene.enter()
        self._changed()

    def remove(self, scene: Scene) -> None:
        """Take `scene` out wherever it is (e.g. a dialog whose owner is closing)."""
        if scene is self.top:
            self.pop()
        elif scene in self._scenes:
            self._scenes.remove(scene)
            scene.exit()
            self._changed()

    # -- per frame -------------------------------------------------------------------
    def handle_event(self, event: Any) -> bool:
        top = self.top
        return bool(top.handle_event(event)) if top is not None else False

    def update(self, dt: float) -> None:
        top = self.top
        if top is not None:
            top.update(dt)

    def draw(self, surface: Any) -> None:
        for scene in self.visible():
            scene.draw(surface)

    def rebuild(self) -> None:
        for scene in list(self._scenes):
            scene.rebuild()
