"""New scenario files: the commented starter, or a copy of an existing scenario.

    text = starter_text("river_talks", schema_line("scenarios/river_talks.yaml"))
    text = copy_text(source_text, "my_moscow", schema_line(...))

Decisions:
- the scenario id comes from the new file's name (`scenario_id`): lower-cased,
  every run of other characters than letters, digits, '_' and '-' becomes '-',
  cut to 40 characters, and prefixed with `s-` when it does not start with a letter;
- the first line is `# yaml-language-server: $schema=PATH` so that editors with the
  YAML language server complete keys; PATH is relative to the new file when the
  file is inside the project that holds `schema/scenario.schema.json`, else absolute
  (`schema_line`). A copy's old schema line is replaced, since its relative path
  would be wrong in the new place;
- a copy keeps every other byte of the source (comments included); only the value
  of the top-level `id:` changes (or an `id:` line is added when there is none).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from game import resources
from game.errors import ParleyError, Problem
from game.i18n import _

ID_TOKEN = "@ID@"
SCHEMA_PREFIX = "# yaml-language-server: $schema="
MAX_ID = 40


def scenario_id(path: str | Path) -> str:
    """A valid scenario id made from a file name: `Water Talks (class B).yaml` -> `water-talks-class-b`."""
    stem = Path(path).name
    for suffix in (".yaml", ".yml"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    text = re.sub(r"[^a-z0-9_-]+", "-", stem.lower()).strip("-_")
    if not text:
        return "scenario"
    if not text[0].isalpha() or not text[0].isascii():
        text = "s-" + text
    return text[:MAX_ID].rstrip("-_")


def schema_reference(target: str | Path, schema: Path | None = None) -> str:
    """How the new file at `target` should name the JSON Schema: relative inside the project, else absolute."""
    schema = schema or resources.schema_file()
    target_dir = Path(os.path.abspath(target)).parent
    root = schema.parent.parent
    try:
        target_dir.relative_to(root)
    except ValueError:
        return schema.as_posix()
    return Path(os.path.relpath(schema, target_dir)).as_posix()


def schema_line(target: str | Path, schema: Path | None = None) -> str:
    return SCHEMA_PREFIX + schema_reference(target, schema)


def template() -> str:
    """The commented starter scenario, with `@ID@` where the id goes."""
    return resources.template_text("starter.yaml")


def starter_text(new_id: str, first_line: str) -> str:
    """The starter scenario with its id and schema line filled in."""
    return first_line + "\n" + template().replace(ID_TOKEN, new_id)


def copy_text(source: str, new_id: str, first_line: str, file: str = "<source>") -> str:
    """`source` (a scenario's text) with the schema line `first_line` and the top-level id `new_id`.

    A source that is not YAML is a `ParleyError`: there is nothing sensible to copy.
    """
    lines = source.splitlines(keepends=True)
    skipped = 0
    if lines and lines[0].startswith(SCHEMA_PREFIX):
        lines, skipped = lines[1:], 1
    body = "".join(lines)
    newline = "\r\n" if "\r\n" in body else "\n"
    try:
        node = yaml.compose(body, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ParleyError([Problem(
            _("cannot copy '{file}': it is not a readable YAML file ({reason})").format(
                file=file, reason=getattr(exc, "problem", None) or exc),
            file=file, line=mark.line + 1 + skipped if mark else 0, col=mark.column + 1 if mark else 0,
            code="copy", hint=_("run 'parley check' on it to see the mistake"))]) from None
    if not isinstance(node, yaml.MappingNode):
        raise ParleyError([Problem(_("cannot copy '{file}': it is not a scenario (a mapping of keys such as "
                                     "'id:' and 'parties:')").format(file=file), file=file, code="copy")])
    found = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == "id"), None)
    if found is None:
        body = _insert_id(body, new_id, newline)
    else:
        key, value = found
        if isinstance(value, yaml.ScalarNode) and value.value and value.start_mark.line == key.start_mark.line:
            start, end = value.start_mark.index, value.end_mark.index
        else:  # an empty or odd id: rewrite its line
            start = key.start_mark.index
            end = body.find("\n", start)
            end = len(body) if end < 0 else end
            if body[start:end].endswith("\r"):
                end -= 1
            new_id = "id: " + new_id
        body = body[:start] + new_id + body[end:]
    return first_line + newline + body


def _insert_id(body: str, new_id: str, newline: str) -> str:
    """Add `id: new_id` after the leading comments (a source without a usable id)."""
    lines = body.splitlines(keepends=True)
    at = 0
    while at < len(lines) and (lines[at].startswith("#") or not lines[at].strip()):
        at += 1
    return "".join(lines[:at]) + f"id: {new_id}{newline}" + "".join(lines[at:])
