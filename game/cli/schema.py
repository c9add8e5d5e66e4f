"""`parley schema`: the JSON Schema of the scenario format, for editors.

Generated from the models in `game/scenario/model.py`; the committed copy is
`schema/scenario.schema.json`, which scenario files name in their first line
(`# yaml-language-server: $schema=../schema/scenario.schema.json`) so that an
editor completes keys and underlines mistakes while a teacher types.
Regenerate it with `parley schema --out schema/scenario.schema.json`.
"""

from __future__ import annotations

import argparse
import json
import sys

from game.i18n import _

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "urn:parley:scenario-format:1"


def generate() -> dict:
    """The JSON Schema of a scenario file, with its dialect, id, title and description."""
    from game.scenario.model import FORMAT_VERSION, Scenario

    body = Scenario.model_json_schema(by_alias=True)
    head = {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": "Parley scenario",
        "description": (f"A negotiation scenario for Parley (format {FORMAT_VERSION}): two parties, the issues and "
                        "options they bargain over, how each party values them, rules, events and the historical "
                        "outcome. See docs/authoring.md."),
    }
    body.pop("title", None)
    body.pop("description", None)
    return {**head, **body}


def render() -> str:
    """The schema as the text committed in schema/scenario.schema.json."""
    return json.dumps(generate(), indent=2, ensure_ascii=False) + "\n"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schema", help=_("print the JSON Schema of the scenario format"),
        description=_("Print the JSON Schema of the scenario format, for editors that complete and check YAML."))
    parser.add_argument("--out", metavar="FILE", help=_("write the schema to FILE instead of printing it"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    text = render()
    if not args.out:
        sys.stdout.write(text)
        return 0
    try:
        with open(args.out, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as exc:
        print(_("parley schema: error: cannot write '{path}': {reason}").format(
            path=args.out, reason=exc.strerror or exc), file=sys.stderr)
        return 2
    print(_("wrote {path}").format(path=args.out), file=sys.stderr)
    return 0
