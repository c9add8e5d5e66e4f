"""The window, the UI manager and the main loop.

`App` owns the pygame window, one pygame_gui `UIManager` (themed from
`assets/themes/`), and the `SceneStack`. The loop draws at most 60 frames a
second while something happens and idles cheaply otherwise: after half a second
without input or animation it blocks in `pygame.event.wait` and wakes a few
times a second (or at once on input, or when the AI worker posts its wake-up
event). A resize or a change of text size rebuilds every scene's widgets from
its own state.
"""

from __future__ import annotations

import os
import time
import warnings
from pathlib import Path

import pygame
import pygame_gui

from game.app import gui_patches, paths
from game.app import settings as settings_mod
from game.app.layout import Metrics
from game.app.scenes import Scene, SceneStack
from game.app.settings import Settings
from game.app.theme import Fonts, Palette, theme_data
from game.i18n import _, set_language

FPS = 60
IDLE_AFTER = 0.5     # seconds without input before the loop idles
IDLE_WAKE_MS = 250   # while idle, wake this often (text cursors blink)
REDRAW_AFTER_INPUT = 0.4  # keep drawing this long after input (pygame_gui hover and press effects)


class App:
    def __init__(self, settings: Settings | None = None, *, base: Path | None = None, autoplay: bool = False,
                 autoplay_delay: float = 1.5, persist_settings: bool = True, think_delay: float = 0.4):
        pygame.display.init()
        pygame.font.init()
        gui_patches.apply()
        warnings.filterwarnings("ignore", message="Finding font with id", category=UserWarning)
        warnings.filterwarnings("ignore", message="Clamping border_width", category=UserWarning)
        self.base = Path(base) if base is not None else paths.data_dir()
        self.persist_settings = persist_settings
        self.settings = (settings or settings_mod.load(paths.settings_file(self.base))).clamped()
        set_language(self.settings.language)
        self.palette = Palette(contrast=self.settings.contrast)
        self.screen = self._open_window(self.settings)
        self.manager = self._make_manager()
        self.stack = SceneStack(on_change=self._stack_changed)
        self.clock = pygame.time.Clock()
        self.wake_type = pygame.event.custom_type()
        self.call_type = pygame.event.custom_type()  # call_soon: work handed over by another thread
        self.overlays: list = []     # overlay(app, surface), drawn over everything (the network banner)
        self.running = False
        self.exit_code = 0
        self.keyboard_used = False
        self.autoplay = autoplay
        self.autoplay_delay = max(0.0, autoplay_delay)
        self.think_delay = 0.0 if autoplay else think_delay
        self._autoplay_timer = 0.0
        self.frames = 0
        self.drawn = 0
        self._redraw_until = 0.0
        self.dirty = True
        self.last_frame_ms = 0.0
        self.shown: list[str] = []   # names of the screens shown, in order (tests, autoplay)
        self.preset: dict = {}       # choices from the command line for the setup screen
        self.catalog = None          # the title screen's scenario list, loaded once

    # -- window and theme ------------------------------------------------------------
    def _open_window(self, s: Settings) -> pygame.Surface:
        if s.fullscreen:
            screen = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        else:
            screen = pygame.display.set_mode(s.size, pygame.RESIZABLE)
        pygame.display.set_caption("Parley")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                pygame.Window.from_display_module().minimum_size = settings_mod.MIN_SIZE
        except Exception:  # older SDL or no window (dummy driver)
            pass
        return screen

    def _make_manager(self) -> pygame_gui.UIManager:
        self.fonts = Fonts(self.settings.text_scale)
        return pygame_gui.UIManager(self.screen.get_size(), theme_data(self.settings.text_scale, self.settings.contrast),
                                    enable_live_theme_updates=False)

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.get_size()

    @property
    def metrics(self) -> Metrics:
        w, h = self.size
        return Metrics(w, h, self.settings.text_scale)

    def resize(self, width: int, height: int) -> None:
        width, height = max(320, width), max(240, height)
        if self.screen.get_size() != (width, height):
            self.screen = pygame.display.set_mode((width, height), pygame.RESIZABLE)
        self.manager.set_window_resolution((width, height))
        if not self.settings.fullscreen:
            self.settings = self.settings.with_(width=width, height=height)
        self.stack.rebuild()
        self.dirty = True

    def apply_settings(self, new: Settings) -> None:
        new = new.clamped()
        old, self.settings = self.settings, new
        set_language(new.language)
        if (old.size, old.fullscreen) != (new.size, new.fullscreen):
            self.screen = self._open_window(new)
        if (old.text_scale, old.language, old.contrast) != (new.text_scale, new.language, new.contrast):
            self.palette = Palette(contrast=new.contrast)
            self.manager = self._make_manager()
        else:
            self.manager.set_window_resolution(self.size)
        self.stack.rebuild()
        self.dirty = True
        if self.persist_settings:
            try:
                settings_mod.save(new, paths.settings_file(self.base))
            except OSError:
                pass

    # -- the loop --------------------------------------------------------------------
    def wake(self) -> None:
        """Wake the loop from another thread (the AI worker)."""
        try:
            pygame.event.post(pygame.event.Event(self.wake_type))
        except pygame.error:
            pass

    def call_soon(self, call) -> None:
        """Run `call()` in the frame loop's thread at its next turn (from any thread: the network link)."""
        try:
            pygame.event.post(pygame.event.Event(self.call_type, call=call))
        except pygame.error:
            pass

    def quit(self, code: int = 0) -> None:
        self.exit_code = code
        self.running = False

    def _stack_changed(self) -> None:
        """Only the visible scenes keep widgets: a covered screen's are killed and built again on return."""
        self.dirty = True
        visible = self.stack.visible()
        for scene in self.stack:
            scene.set_shown(scene in visible)
        top = self.stack.top
        name = getattr(top, "name", None)
        if name:
            self.shown.append(name)
        self._autoplay_timer = 0.0

    def run(self, first: Scene | None = None, max_seconds: float | None = None) -> int:
        """Run until quit; `first` is pushed unless the stack was already filled."""
        self.running = True
        if first is not None:
            self.stack.push(first)
        last_active = time.monotonic()
        started = last_active
        while self.running and len(self.stack):
            busy = self.frame()
            now = time.monotonic()
            if max_seconds is not None and now - started > max_seconds:
                self.quit(3)
            if busy or self.autoplay or self._animating():
                last_active = now
            elif now - last_active > IDLE_AFTER:
                event = pygame.event.wait(IDLE_WAKE_MS)
                if event.type != pygame.NOEVENT:
                    pygame.event.post(event)
                    last_active = time.monotonic()
        self.stack.clear()
        return self.exit_code

    def _animating(self) -> bool:
        top = self.stack.top
        return bool(getattr(top, "animating", False))

    def frame(self, dt: float | None = None, force_draw: bool = False) -> bool:
        """One turn of the loop: events, updates, drawing. True if input arrived.

        The screen is drawn only when something may have changed: input in the
        last moment (hover effects), a stack or window change, a scene that
        animates (the AI thinking), a blinking text cursor.
        """
        started = time.perf_counter()
        events = pygame.event.get()
        for event in events:
            self.dispatch(event)
        if dt is None:
            dt = self.clock.tick(FPS) / 1000.0
        self.stack.update(dt)
        self._autoplay_tick(dt)
        self.manager.update(dt)
        now = time.monotonic()
        if events:
            self._redraw_until = now + REDRAW_AFTER_INPUT
        if force_draw or self.dirty or now < self._redraw_until or self._animating() or self._typing():
            self.draw()
            pygame.display.flip()
            self.drawn += 1
        self.frames += 1
        if self.frames == 1 and os.environ.get("PARLEY_BENCH_T0"):  # benchmarks/bench_client.py: cold start
            print(f"PARLEY_FIRST_FRAME {time.time() - float(os.environ['PARLEY_BENCH_T0']):.6f}", flush=True)
            self.quit(0)
        self.last_frame_ms = (time.perf_counter() - started) * 1000.0
        return bool(events)

    def _typing(self) -> bool:
        focus = self.manager.get_focus_set()
        return bool(focus) and any(isinstance(e, pygame_gui.elements.UITextEntryLine) for e in focus)

    def pump(self, frames: int = 3) -> None:
        """Run a few frames without waiting (tests, screenshots)."""
        for _n in range(frames):
            self.frame(dt=1 / FPS, force_draw=True)

    def _autoplay_tick(self, dt: float) -> None:
        top = self.stack.top
        if not self.autoplay or top is None:
            return
        self._autoplay_timer += dt
        if self._autoplay_timer >= self.autoplay_delay:
            self._autoplay_timer = 0.0
            top.autoplay_step()

    def dispatch(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.quit(0)
            return
        if event.type == pygame.VIDEORESIZE:
            self.resize(event.w, event.h)
            return
        if event.type == self.wake_type:
            self.dirty = True
            return
        if event.type == self.call_type:
            event.call()
            self.dirty = True
            return
        if event.type == pygame.KEYDOWN:
            self.keyboard_used = True
            if event.key == pygame.K_F1 and not getattr(self.stack.top, "is_help", False):
                self.show_help()
                return
            if event.key == pygame.K_F11:
                self.apply_settings(self.settings.with_(fullscreen=not self.settings.fullscreen))
                return
        consumed = self.manager.process_events(event)
        if consumed and event.type in (pygame.KEYDOWN, pygame.TEXTINPUT, pygame.MOUSEBUTTONDOWN):
            return
        self.stack.handle_event(event)

    def show_help(self) -> None:
        from game.app.screens.dialogs import HelpDialog

        top = self.stack.top
        title = getattr(top, "help_title", "") or _("Help")
        shortcuts = top.shortcuts() if top is not None else []
        self.stack.push(HelpDialog(self, title, shortcuts))

    def draw(self) -> None:
        self.screen.fill(self.palette["background"])
        self.stack.draw(self.screen)
        self.manager.draw_ui(self.screen)
        top = self.stack.top
        if top is not None:
            top.draw_after(self.screen)
        for overlay in self.overlays:
            overlay(self, self.screen)
        self.dirty = False


def headless_environment() -> None:
    """Use SDL's dummy drivers unless a driver was chosen (screenshots, autoplay in CI)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
