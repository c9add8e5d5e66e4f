"""A cache of validated scenarios, so a command pays for YAML and validation once per file content.

Reading a scenario (composing the YAML with positions, building and running the
pydantic validators, the reference checks) costs about 100-200 ms on the flagship,
more than the analysis it serves. A scenario that loaded without errors is kept here
as the loaded objects themselves (pickled), under a key made of everything the result
depends on: the file's bytes and path, the strategies the references were checked
against, the versions of Parley, Python and pydantic, and the size and time of every
source file of the scenario layer (an edited model never meets an old entry).

Pickles can run code when loaded, so an entry is read only if it carries an HMAC made
with this computer's own random key (`key`, readable by its owner only): a file
planted in the folder by someone else is ignored, never unpickled. The folder is the
user's cache folder (platformdirs), or `$PARLEY_CACHE`; `PARLEY_CACHE=off` turns
the cache off. Anything wrong with it (no folder, a corrupt or foreign entry, a full
disk) only means the file is read again: the cache never stops a scenario loading.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Collection

import game
from game.atomic import write_atomic
from game.scenario.limits import MAX_BYTES

if TYPE_CHECKING:
    from game.scenario.loader import LoadResult

_KEY_BYTES = 32
_FORMAT = b"parley-scenario-cache-1\n"


def folder() -> Path | None:
    """Where entries live, or None when the cache is off."""
    chosen = os.environ.get("PARLEY_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    import platformdirs

    return Path(platformdirs.user_cache_dir("parley", appauthor=False)) / "scenarios"


def _secret(where: Path) -> bytes | None:
    """This computer's key for the cache (made on first use, owner-only), or None if it cannot be had."""
    path = where / "key"
    try:
        data = path.read_bytes()
        if len(data) == _KEY_BYTES:
            return data
    except OSError:
        pass
    try:
        where.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it a moment ago, or it is damaged
        try:
            data = path.read_bytes()
        except OSError:
            return None
        return data if len(data) == _KEY_BYTES else None
    except OSError:
        return None
    data = os.urandom(_KEY_BYTES)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return data


def _code_stamp() -> bytes:
    """Size and modification time of each source file whose classes a cached result holds."""
    import pydantic

    import game.errors
    import game.scenario

    parts = [game.__version__, sys.version, pydantic.VERSION]
    files = sorted(Path(game.scenario.__file__).parent.glob("*.py")) + [Path(game.errors.__file__)]
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts).encode("utf-8")


def entry_key(path: Path, data: bytes, known_strategies: Collection[str] | None) -> str:
    digest = hashlib.sha256(_FORMAT)
    for part in (_code_stamp(), str(path).encode("utf-8"),
                 "\n".join(sorted(known_strategies or ())).encode("utf-8")):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    digest.update(data)
    return digest.hexdigest()


def load_file(path: Path, known_strategies: Collection[str] | None = None) -> "LoadResult":
    """`game.scenario.load_file(path, known_strategies)`, from the cache when it holds the result.

    Only a result without errors is kept; one with errors is read afresh each time, so a
    teacher always sees the problems of the file as it is now.
    """
    from game.scenario import loader

    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        return loader.load_file(path, known_strategies)  # says why the file cannot be read
    where = folder()
    secret = _secret(where) if where is not None else None
    if where is None or secret is None:
        return loader.load_text(data, str(path), known_strategies)
    entry = where / f"{entry_key(path, data, known_strategies)}.pickle"
    cached = _get(entry, secret)
    if cached is not None:
        return cached
    result = loader.load_text(data, str(path), known_strategies)
    if result.ok:
        _put(entry, secret, result)
    return result


def _get(entry: Path, secret: bytes) -> "LoadResult | None":
    try:
        blob = entry.read_bytes()
    except OSError:
        return None
    tag, payload = blob[:32], blob[32:]
    if len(tag) != 32 or not hmac.compare_digest(tag, hmac.new(secret, payload, hashlib.sha256).digest()):
        return None  # not written by this computer's Parley: never unpickled
    try:
        return pickle.loads(payload)
    except Exception:  # an entry from code that changed in a way the stamp missed: read the file again
        return None


def _put(entry: Path, secret: bytes, result: "LoadResult") -> None:
    try:
        payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        write_atomic(entry, hmac.new(secret, payload, hashlib.sha256).digest() + payload)
    except Exception:  # a full disk or a read-only folder: the cache is only a shortcut
        pass
