"""Real SPARQL servers for integration tests: ``oxigraph serve`` and Virtuoso Open Source.

Each server runs in a temporary folder, bound to 127.0.0.1 on a free port, and is stopped (by
its own pid) when the fixture ends. A server that is not installed makes the test skip with the
reason; nothing is mocked.

Virtuoso starts in about 4 s: a fresh database in a temp dir, a minimal ``virtuoso.ini`` (no
checkpoints, few buffers, no plugins), and we poll its HTTP port until ``/sparql`` answers.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from kg_builder.settings import Config
from tests.conftest import ROOT

OXIGRAPH_BIN = ROOT / ".venv" / "bin" / "oxigraph"


@dataclass(frozen=True)
class Server:
    """Where a running server answers; ``settings`` are the boamp-kg settings to reach it."""

    query_url: str
    update_url: str
    gsp_url: str
    user: str = ""
    password: str = ""

    def config(self, *, gsp: bool = False) -> Config:
        """boamp-kg settings that reach this server (writes through GSP when ``gsp``)."""
        return Config(**self.settings(gsp=gsp))  # type: ignore[arg-type]

    def settings(self, *, gsp: bool = False) -> dict[str, str]:
        return {
            "store": self.query_url,
            "store_update_url": self.update_url,
            "store_gsp_url": self.gsp_url if gsp else "",
            "store_user": self.user,
            "store_password": self.password,
        }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"server exited with {process.returncode}: {log.read_text()[-2000:]}"
            )
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(url, params={"query": "ASK {}"}, timeout=1).status_code == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(f"server not up after {seconds} s: {log.read_text()[-2000:]}")


@contextlib.contextmanager
def _running(
    command: list[str], cwd: Path, probe: str, seconds: float
) -> Iterator[subprocess.Popen[bytes]]:
    log = cwd / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_until_up(probe, process, log, seconds)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def oxigraph_server(folder: Path) -> Iterator[Server]:
    """``oxigraph serve`` on a fresh on-disk store in ``folder``, default graph = union of all
    graphs (as Virtuoso does; boamp-kg queries expect it)."""
    if not OXIGRAPH_BIN.exists():
        pytest.skip(f"{OXIGRAPH_BIN} is absent (pip install oxigraph)")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [
        str(OXIGRAPH_BIN),
        "serve",
        "--location",
        str(folder / "db"),
        "--bind",
        f"127.0.0.1:{port}",
        "--union-default-graph",
    ]
    with _running(command, folder, f"{base}/query", 30):
        yield Server(f"{base}/query", f"{base}/update", f"{base}/store")


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 0
NumberOfBuffers = 4000
MaxDirtyBuffers = 3000
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {d}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 120
"""


@contextlib.contextmanager
def virtuoso_server(folder: Path) -> Iterator[Server]:
    """Virtuoso Open Source on a fresh database in ``folder``; writes as ``dba`` with HTTP Digest."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip("virtuoso-t is not installed (.ci/system-deps.sh installs virtuoso-opensource)")
    http_port, sql_port = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(
        VIRTUOSO_INI.format(d=folder, sql_port=sql_port, http_port=http_port)
    )
    base = f"http://127.0.0.1:{http_port}"
    command = [binary, "+foreground", "+configfile", str(folder / "virtuoso.ini")]
    with _running(command, folder, f"{base}/sparql", 90):
        yield Server(
            f"{base}/sparql",
            f"{base}/sparql-auth",
            f"{base}/sparql-graph-crud-auth",
            user="dba",
            password="dba",
        )


_SHARED: dict[str, Server] = {}


def shared_server(kind: str, request: pytest.FixtureRequest) -> Server:
    """One server of ``kind`` (``oxigraph`` or ``virtuoso``) per test process, stopped when the
    session ends. Tests that use it start from their own clean slate (they delete the graphs
    recorded before them). Sharing matters because with pytest 9.2 ``--dist loadgroup`` no
    longer keeps an ``xdist_group`` on one worker (pytest-xdist issue #1386), so module-scoped
    servers would start once per module and worker.
    """
    if kind not in _SHARED:
        start = {"oxigraph": oxigraph_server, "virtuoso": virtuoso_server}[kind]
        stack = contextlib.ExitStack()
        folder = request.getfixturevalue("tmp_path_factory").mktemp(kind)
        _SHARED[kind] = stack.enter_context(start(folder))
        request.config.add_cleanup(stack.close)
    return _SHARED[kind]


def wipe(server: Server) -> None:
    """Delete every graph boamp-kg recorded on ``server`` (its own system graphs stay)."""
    from kg_builder.store import open_store

    config = server.config()
    with open_store(config.store, config=config) as store:
        for graph in store.named_graphs():
            store.delete_graph(graph)
