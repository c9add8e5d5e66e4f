"""The scene stack's lifecycle, with mock scenes (no pygame involved)."""

import subprocess
import sys
from unittest import mock

from game.app.scenes import Scene, SceneStack


def scene(name, opaque=True):
    s = mock.Mock(spec=Scene)
    s.opaque = opaque
    s.name = name
    return s


def calls(*scenes):
    return [(s.name, c[0]) for s in scenes for c in s.method_calls]


def test_push_pauses_the_old_top_and_enters_the_new_one():
    stack = SceneStack()
    a, b = scene("a"), scene("b")
    stack.push(a)
    stack.push(b)
    a.enter.assert_called_once_with()
    a.pause.assert_called_once_with()
    b.enter.assert_called_once_with()
    assert stack.top is b and len(stack) == 2


def test_pop_exits_the_top_and_resumes_the_one_below():
    stack = SceneStack()
    a, b = scene("a"), scene("b")
    stack.push(a)
    stack.push(b)
    assert stack.pop() is b
    b.exit.assert_called_once_with()
    a.resume.assert_called_once_with()
    assert stack.top is a


def test_replace_exits_the_top_and_enters_the_new_one_without_resuming_anything():
    stack = SceneStack()
    a, b, c = scene("a"), scene("b"), scene("c")
    stack.push(a)
    stack.push(b)
    stack.replace(c)
    b.exit.assert_called_once_with()
    c.enter.assert_called_once_with()
    a.resume.assert_not_called()
    assert list(stack) == [a, c]


def test_clear_exits_every_scene_top_first_then_enters_the_new_one():
    order = []
    stack = SceneStack()
    a, b, c = scene("a"), scene("b"), scene("c")
    a.exit.side_effect = lambda: order.append("a")
    b.exit.side_effect = lambda: order.append("b")
    stack.push(a)
    stack.push(b)
    stack.clear(c)
    assert order == ["b", "a"]
    assert list(stack) == [c]


def test_only_the_top_scene_gets_input_and_updates():
    stack = SceneStack()
    a, b = scene("a"), scene("b")
    b.handle_event.return_value = True
    stack.push(a)
    stack.push(b)
    assert stack.handle_event("event") is True
    stack.update(0.5)
    b.handle_event.assert_called_once_with("event")
    b.update.assert_called_once_with(0.5)
    a.handle_event.assert_not_called()
    a.update.assert_not_called()


def test_see_through_scenes_draw_the_scenes_below_bottom_first():
    stack = SceneStack()
    a, b, dialog = scene("a"), scene("b"), scene("dialog", opaque=False)
    drawn = []
    for s in (a, b, dialog):
        s.draw.side_effect = lambda surface, s=s: drawn.append(s.name)
    stack.push(a)
    stack.push(b)
    stack.push(dialog)
    assert stack.visible() == [b, dialog]
    stack.draw("surface")
    assert drawn == ["b", "dialog"]


def test_rebuild_reaches_every_scene_bottom_first():
    stack = SceneStack()
    order = []
    a, b = scene("a"), scene("b")
    a.rebuild.side_effect = lambda: order.append("a")
    b.rebuild.side_effect = lambda: order.append("b")
    stack.push(a)
    stack.push(b)
    stack.rebuild()
    assert order == ["a", "b"]


def test_a_scene_can_pop_itself_while_handling_an_event():
    stack = SceneStack()
    a = scene("a")
    b = scene("b")
    b.handle_event.side_effect = lambda e: stack.pop()
    stack.push(a)
    stack.push(b)
    stack.handle_event("esc")
    assert stack.top is a
    b.exit.assert_called_once_with()


def test_remove_takes_a_covered_scene_out_without_resuming_others():
    stack = SceneStack()
    a, b, c = scene("a"), scene("b"), scene("c")
    for s in (a, b, c):
        stack.push(s)
    stack.remove(b)
    b.exit.assert_called_once_with()
    assert list(stack) == [a, c]
    c.resume.assert_not_called()


def test_on_change_is_called_after_every_change():
    changes = []
    stack = SceneStack(on_change=lambda: changes.append(len(stack)))
    stack.push(scene("a"))
    stack.push(scene("b"))
    stack.pop()
    stack.replace(scene("c"))
    stack.clear()
    assert changes == [1, 2, 1, 1, 0]


def test_an_empty_stack_does_nothing():
    stack = SceneStack()
    assert stack.pop() is None
    assert stack.handle_event("x") is False
    stack.update(1.0)
    stack.draw(None)
    assert stack.top is None


def test_the_stack_and_the_pure_app_modules_import_no_pygame():
    code = ("import sys\n"
            "import game.app.scenes, game.app.layout, game.app.settings, game.app.paths, game.app.catalog\n"
            "import game.app.game_state, game.app.table_text, game.app.debrief_data, game.app.flow\n"
            "print('pygame' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", out.stdout + out.stderr
