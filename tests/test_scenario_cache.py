"""The cache of validated scenarios: the same result as reading the file, never a stale or a foreign one."""

from __future__ import annotations

import pickle
import shutil

import pytest

from game.errors import ScenarioError
from game.play import catalog, scenario_cache
from game.scenario import loader
from game.scenario.source import MAX_BYTES


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("PARLEY_CACHE", str(folder))
    return folder


@pytest.fixture
def tutorial():
    """The shipped tutorial's file (the shared fixture of that name is the loaded scenario)."""
    from game import resources

    return resources.shipped_scenario("tutorial")


@pytest.fixture
def fresh(tutorial):
    """The tutorial as a fresh read gives it (read before `counted` starts counting)."""
    return loader.load(tutorial)


@pytest.fixture
def counted(monkeypatch, fresh):
    """How many times the YAML reader really read a file."""
    calls = []
    real = loader.load_text

    def load_text(*args, **kwargs):
        calls.append(args[1] if len(args) > 1 else kwargs.get("file"))
        return real(*args, **kwargs)

    monkeypatch.setattr(loader, "load_text", load_text)
    return calls


def entries(folder):
    return sorted(folder.glob("*.pickle"))


def test_the_second_load_comes_from_the_cache_and_equals_a_fresh_read(cache, counted, tutorial, fresh):
    first = catalog.load_scenario(tutorial)
    second = catalog.load_scenario(tutorial)
    assert len(counted) == 1 and len(entries(cache)) == 1
    assert second == fresh and second is not first
    assert second.content_hash == fresh.content_hash and second.pos == fresh.pos
    assert [o.pos for i in second.issues for o in i.options] == [o.pos for i in fresh.issues for o in i.options]
    assert (cache / "key").stat().st_mode & 0o077 == 0  # the key is its owner's alone


def test_a_changed_file_is_read_again(cache, counted, tutorial, tmp_path):
    mine = tmp_path / "mine.yaml"
    shutil.copy(tutorial, mine)
    before = catalog.load_scenario(mine)
    text = mine.read_text(encoding="utf-8")
    title = before.title if isinstance(before.title, str) else before.title["en"]
    mine.write_text(text.replace(title, "A title of my own", 1), encoding="utf-8")
    after = catalog.load_scenario(mine)
    assert len(counted) == 2 and "A title of my own" in str(after.title)


def test_a_file_with_errors_is_never_cached_and_its_errors_come_every_time(cache, counted, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: broken\ntitle: 3: 4\n", encoding="utf-8")
    for _n in range(2):
        with pytest.raises(ScenarioError) as told:
            catalog.load_scenario(bad)
        assert told.value.problems[0].line == 2
    assert len(counted) == 2 and entries(cache) == []


def test_an_entry_not_signed_with_this_computers_key_is_never_unpickled(cache, counted, tutorial, fresh, tmp_path):
    catalog.load_scenario(tutorial)
    [entry] = entries(cache)
    marker = tmp_path / "ran"

    class Planted:  # what a hostile pickle does: run a call while loading
        def __reduce__(self):
            return (marker.touch, ())

    payload = pickle.dumps(Planted())
    entry.write_bytes(b"\0" * 32 + payload)          # a wrong signature
    again = catalog.load_scenario(tutorial)
    assert not marker.exists() and len(counted) == 2 and again == fresh
    assert entry.read_bytes()[32:] != payload        # replaced by a good entry


def test_a_damaged_key_or_entry_only_means_reading_the_file(cache, counted, tutorial, fresh):
    catalog.load_scenario(tutorial)
    [entry] = entries(cache)
    entry.write_bytes(entry.read_bytes()[:100])       # cut short
    assert catalog.load_scenario(tutorial) == fresh
    (cache / "key").write_bytes(b"short")
    assert catalog.load_scenario(tutorial) == fresh
    assert len(counted) == 3


def test_a_change_to_the_scenario_code_retires_every_entry(cache, counted, tutorial, monkeypatch):
    catalog.load_scenario(tutorial)
    monkeypatch.setattr(scenario_cache, "_code_stamp", lambda: b"the model as edited by a developer")
    catalog.load_scenario(tutorial)
    assert len(counted) == 2 and len(entries(cache)) == 2


def test_the_known_strategies_are_part_of_the_key(cache, tutorial):
    data = tutorial.read_bytes()[:MAX_BYTES + 1]
    assert scenario_cache.entry_key(tutorial, data, ["a"]) != scenario_cache.entry_key(tutorial, data, ["a", "b"])
    assert scenario_cache.entry_key(tutorial, data, ["b", "a"]) == scenario_cache.entry_key(tutorial, data, ["a", "b"])


def test_off_writes_nothing(monkeypatch, counted, tutorial, tmp_path):
    monkeypatch.setenv("PARLEY_CACHE", "off")
    monkeypatch.chdir(tmp_path)
    catalog.load_scenario(tutorial)
    catalog.load_scenario(tutorial)
    assert len(counted) == 2 and list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_made_does_not_stop_loading(monkeypatch, tmp_path, tutorial, fresh):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("PARLEY_CACHE", str(blocker / "cache"))
    assert catalog.load_scenario(tutorial) == fresh


def test_a_missing_file_is_said_as_before(cache, tmp_path):
    with pytest.raises(Exception) as told:
        catalog.load_scenario(tmp_path / "nowhere.yaml")
    assert "nowhere.yaml" in str(told.value)
