"""`parley host`: serve a class on this computer (students join with `parley join` or the game window).

The network front end's own command; `game.main` puts it on the `parley` command line.
"""

from __future__ import annotations

import argparse
import datetime
import re
from pathlib import Path

from game.agents import registry
from game.play.catalog import load_scenario
from game.errors import ParleyError, Problem, did_you_mean
from game.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("host", help=_("serve a class: students on other computers join its tables"))
    p.add_argument("scenario", metavar="SCENARIO", help=_("a scenario file, or the name of a shipped scenario"))
    p.add_argument("--tables", type=int, default=15, help=_("how many tables of two (default: 15)"))
    p.add_argument("--ai-fill", metavar="STRATEGY",
                   help=_("a computer player for a student without a partner (the teacher's page fills the seats)"))
    p.add_argument("--host", default="0.0.0.0", metavar="ADDR",
                   help=_("the address to listen on (default: every network of this computer)"))
    p.add_argument("--port", type=int, default=8765, help=_("the port (0: any free port; default: 8765)"))
    p.add_argument("--class-dir", metavar="DIR", help=_("the class folder (default: class-DATE)"))
    p.add_argument("--info-file", metavar="FILE", help=_("write the address, code and teacher's address to FILE as JSON"))
    p.add_argument("--resume", action="store_true", help=_("continue the class in --class-dir after the host stopped"))
    p.add_argument("--tls", action="store_true",
                   help=_("serve wss:// and https:// with tls-cert.pem and tls-key.pem from the class folder"))
    p.add_argument("--backend", metavar="URL",
                   help=_("share the class between several hosts through NATS JetStream at URL (nats://HOST:PORT)"))
    p.add_argument("--class-id", metavar="ID", help=_("with --backend: the class's name on the server (letters, digits, - and _)"))
    p.add_argument("--replicas", type=int, default=1, metavar="N",
                   help=_("with --backend: how many JetStream servers keep each move (default: 1)"))
    p.set_defaults(func=main)


def _tls_files(folder: Path) -> tuple[str, str]:
    cert, key = folder / "tls-cert.pem", folder / "tls-key.pem"
    for path in (cert, key):
        if not path.exists():
            raise ParleyError([Problem(_("--tls needs {file}").format(file=path), file=str(path), code="io",
                                       hint=_("make a certificate, e.g. openssl req -x509 -newkey rsa:2048 -nodes "
                                              "-keyout tls-key.pem -out tls-cert.pem -days 30 -subj /CN=parley"))])
    return str(cert), str(key)


def _check_backend(args: argparse.Namespace) -> None:
    """Mistakes in --backend and --class-id, before anything is loaded."""
    if not args.backend:
        if args.class_id:
            raise ParleyError([Problem(_("--class-id needs --backend"), code="usage")])
        return
    if not all(u.strip().startswith(("nats://", "tls://")) for u in args.backend.split(",")):
        raise ParleyError([Problem(_("--backend takes a NATS address such as nats://127.0.0.1:4222"), code="usage")])
    if not args.class_id or not re.fullmatch(r"[A-Za-z0-9_-]{1,40}", args.class_id):
        raise ParleyError([Problem(_("--backend needs --class-id: letters, digits, - and _ (at most 40)"), code="usage")])


def _shared_store(args: argparse.Namespace):
    """The JetStream store for --backend (None: the class folder's SQLite journal)."""
    if not args.backend:
        return None
    from game.net.jetstream import JetStreamStore, installed
    from game.net.store import StoreUnavailable

    if not installed():
        raise ParleyError([Problem(_("--backend needs the nats extra"), code="usage",
                                   hint=_("install it with: {command}").format(command="pip install 'parley[nats]'"))])
    try:
        return JetStreamStore(args.backend, args.class_id, replicas=args.replicas)
    except StoreUnavailable as exc:
        raise ParleyError([Problem(_("cannot use NATS JetStream at {url}: {reason}").format(url=args.backend, reason=exc),
                                   code="io", hint=_("is nats-server running there with -js?"))]) from None


def main(args: argparse.Namespace) -> int:
    from game.net.classroom import Classroom
    from game.net.host import serve

    if args.ai_fill and args.ai_fill not in registry.names():
        raise ParleyError([Problem(_("'{name}' is not a known strategy").format(name=args.ai_fill),
                                   suggestion=did_you_mean(args.ai_fill, registry.names()), code="usage")])
    if not 1 <= args.tables <= 1000:
        raise ParleyError([Problem(_("--tables takes a number from 1 to 1000"), code="usage")])
    _check_backend(args)
    scenario = load_scenario(args.scenario)
    folder = Path(args.class_dir or f"class-{datetime.date.today().isoformat()}")
    tls = _tls_files(folder) if args.tls else None
    store = _shared_store(args)
    try:
        room = Classroom(scenario, folder, tables=args.tables, ai_fill=args.ai_fill, resume=args.resume, store=store)
    except BaseException:
        if store is not None:
            store.close()
        raise

    def announce(where) -> None:
        print(_("Class code: {code}").format(code=where.code))
        print(_("Students type: parley join {url} --code {code} --name THEIR-NAME").format(url=where.url, code=where.code))
        for other in where.others:
            print(_("  or, on another network: {url}").format(url=other))
        print(_("Teacher's page: {url}").format(url=where.teacher_url))
        print(_("Class folder: {dir} (Ctrl+C stops the host; --resume continues)").format(dir=room.folder), flush=True)

    try:
        serve(room, host=args.host, port=args.port, info_file=args.info_file, tls=tls, announce=announce)
    except OSError as exc:
        raise ParleyError([Problem(_("cannot listen on {host}:{port}: {reason}").format(
            host=args.host, port=args.port, reason=exc.strerror or exc), code="io",
            hint=_("another program may use the port: try --port 0"))]) from None
    finally:
        room.close()
    return 0
