"""Writing files so that a reader never sees half of one, and nothing is lost by accident.

Every file the program writes in one piece goes through here:

    write_atomic(path, text)          # replace `path` as a whole (report, CSV)
    create_exclusive(path, text)      # create `path`; FileExists if it is already there
    create_unique(folder, stem, ".json", text)   # stem-1.json, stem-2.json, ... the first free name

The data goes to a temporary file in the same folder, is flushed and fsynced,
and only then takes its name: `os.replace` for `write_atomic`, a hard link for
the exclusive forms (linking fails when the name exists, so two processes racing
for the same name cannot both win, and neither overwrites the other). The
folder is fsynced afterwards so the new name survives a power cut. A failure
leaves no temporary file behind. Files appended to as they go (transcripts)
are the one exception and open their file with mode "x" themselves.

Problems the user can fix (a folder that cannot be written, a full disk) raise
`ParleyError` naming the file; `FileExistsError` from `create_exclusive` is left
to the caller, which decides whether that is a mistake.
"""

from __future__ import annotations

import errno
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from game.errors import ParleyError, Problem
from game.i18n import _

MAX_UNIQUE = 100_000
FILE_MODE = 0o644


def _as_bytes(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _io_error(path: Path, exc: OSError) -> ParleyError:
    return ParleyError([Problem(_("cannot write the file: {reason}").format(reason=exc.strerror or exc),
                                file=str(path), code="io")])


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # e.g. Windows: folders cannot be opened; nothing to do
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _temp_with(path: Path, data: bytes) -> Path:
    """A temporary file next to `path` holding `data`, flushed and fsynced.

    It gets the mode of the file it replaces, or rw-r--r-- (mkstemp's own 0600
    would hide a class report from the web server or the colleague next door).
    """
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = FILE_MODE
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def write_atomic(path: str | Path, data: bytes | str) -> Path:
    """Write `data` (text is UTF-8) to `path`, replacing any old file in one step."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = _temp_with(path, _as_bytes(data))
        try:
            os.replace(temp, path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise _io_error(path, exc) from exc
    _fsync_dir(path.parent)
    return path


def write_json_atomic(path: str | Path, data: Any) -> Path:
    """`data` as indented UTF-8 JSON (keys sorted), written with `write_atomic`."""
    return write_atomic(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def _link_into_place(temp: Path, path: Path) -> None:
    """Give `temp` the name `path` unless `path` exists (FileExistsError)."""
    try:
        os.link(temp, path)
        return
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
    # No hard links on this file system (FAT, some network shares): reserve the
    # name exclusively, then move the complete data over the reservation.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    os.close(fd)
    os.replace(temp, path)


def _create(path: Path, data: bytes | str, names) -> Path:
    """Write `data` once to a temporary file, then link it to the first free name of `names`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = _temp_with(path, _as_bytes(data))
    except OSError as exc:
        raise _io_error(path, exc) from exc
    try:
        for candidate in names:
            try:
                _link_into_place(temp, candidate)
            except FileExistsError:
                continue
            except OSError as exc:
                raise _io_error(candidate, exc) from exc
            _fsync_dir(candidate.parent)
            return candidate
    finally:
        temp.unlink(missing_ok=True)
    raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))


def create_exclusive(path: str | Path, data: bytes | str) -> Path:
    """Create `path` with `data`, atomically; `FileExistsError` if the name is taken."""
    path = Path(path)
    return _create(path, data, [path])


def create_unique(folder: str | Path, stem: str, suffix: str, data: bytes | str, *, first: int = 1) -> Path:
    """Create `folder/stem-N.suffix` for the first N >= `first` that is free; never overwrites."""
    folder = Path(folder)
    names = (folder / f"{stem}-{n}{suffix}" for n in range(first, first + MAX_UNIQUE))
    try:
        return _create(folder / f"{stem}-{first}{suffix}", data, names)
    except FileExistsError:
        raise ParleyError([Problem(_("no free file name for {stem}-N{suffix}").format(stem=stem, suffix=suffix),
                                   file=str(folder), code="io")]) from None
