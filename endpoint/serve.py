"""``boamp-kg serve``: the endpoint under uvicorn. The CLI command is a shim over :func:`run_serve`.

Two ways to run, chosen by the ``http_workers`` setting:

* ``http_workers >= 1`` (default 2): that many server processes under uvicorn's supervisor,
  each evaluating queries itself in threads (no process hop: the fastest). When a query
  overruns the timeout, its process answers 503 and drains (:func:`_restart_this_process`): it
  stops taking connections at once, still answers every request it has already accepted, then
  exits, which stops the query; the supervisor starts a fresh process and the other processes
  keep serving meanwhile. No client sees a dropped connection.
* ``http_workers = 0``: one server process with a pool of query worker processes
  (:class:`~endpoint.executor.WorkerPool`), each killed and replaced on overrun.
"""

from __future__ import annotations

import json
import os
import signal
from dataclasses import asdict
from typing import Any

from kg_builder.settings import Config

CONFIG_ENV = "BOAMP_KG_SERVE_CONFIG"


def run_serve(config: Config, *, access_log: bool = False) -> int:
    """Serve the endpoint for ``config`` until interrupted.

    :param config: the settings (store, host, port, query_timeout, http_workers, limits).
    :param access_log: log every request (off by default: it costs throughput).
    :return: the exit status (0).
    """
    import uvicorn

    print(
        f"boamp-kg endpoint on http://{config.host}:{config.port}/  "
        f"(SPARQL: /sparql, store: {config.store})",
        flush=True,
    )
    common = {
        "host": config.host,
        "port": config.port,
        "log_level": "warning",
        "access_log": access_log,
    }
    if config.http_workers <= 0 or config.store_is_remote:
        from endpoint.app import create_app

        uvicorn.run(create_app(config), **common)  # type: ignore[arg-type]
        return 0
    from uvicorn.supervisors import Multiprocess

    os.environ[CONFIG_ENV] = json.dumps(asdict(config))
    settings = uvicorn.Config(
        "endpoint.serve:supervised_app",
        factory=True,
        workers=config.http_workers,
        timeout_graceful_shutdown=int(config.query_timeout) + 1,
        **common,  # type: ignore[arg-type]
    )
    Multiprocess(settings, sockets=[settings.bind_socket()]).run()
    return 0


def supervised_app() -> Any:
    """The app of one supervised server process (uvicorn factory; settings from the parent)."""
    from pyoxigraph import Store

    from endpoint.app import create_app
    from endpoint.executor import InProcessExecutor
    from endpoint.sparql import direct_sparql_route

    config = Config(**json.loads(os.environ[CONFIG_ENV]))
    executor = InProcessExecutor(
        lambda: Store.read_only(config.store),
        timeout=config.query_timeout,
        result_limit=config.result_limit,
        size=max(1, config.max_concurrent_queries // max(1, config.http_workers)),
        queue_timeout=min(2.0, config.query_timeout),
        on_overrun=_restart_this_process,
    )
    return direct_sparql_route(create_app(config, executor=executor))


#: seconds a draining process keeps reading requests on connections it has already accepted.
DRAIN_GRACE = 1.0


def _restart_this_process() -> None:
    """Drain this process, then ask uvicorn for its graceful shutdown (the supervisor restarts it).

    uvicorn's own shutdown closes at once every connection with no request in progress,
    including one it accepted a moment ago whose request it has not read yet: that client gets
    a reset (seen in CI). So the listening socket is closed here first, the shared backlog goes
    to the other processes, and only after :data:`DRAIN_GRACE` does uvicorn's shutdown begin.
    """
    import asyncio

    server = _uvicorn_server()
    if server is None:  # not under uvicorn's signal handling: plain shutdown
        os.kill(os.getpid(), signal.SIGTERM)
        return
    for listener in getattr(server, "servers", []):
        listener.close()
    asyncio.get_running_loop().call_later(DRAIN_GRACE, os.kill, os.getpid(), signal.SIGTERM)


def _uvicorn_server() -> Any:
    """The ``uvicorn.Server`` running this process: the owner of its SIGTERM handler."""
    import uvicorn

    owner = getattr(signal.getsignal(signal.SIGTERM), "__self__", None)
    return owner if isinstance(owner, uvicorn.Server) else None
