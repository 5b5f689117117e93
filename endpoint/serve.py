"""``boamp-kg serve``: the endpoint under uvicorn. The CLI command is a shim over :func:`run_serve`."""

from __future__ import annotations

from kg_builder.settings import Config


def run_serve(config: Config, *, access_log: bool = False) -> int:
    """Build the app for ``config`` and serve it until interrupted.

    :param config: the settings (store, host, port, query_timeout and the other limits).
    :param access_log: log every request (off by default: it costs throughput).
    :return: the exit status (0).
    """
    import uvicorn

    from endpoint.app import create_app

    app = create_app(config)
    print(
        f"boamp-kg endpoint on http://{config.host}:{config.port}/  (SPARQL: /sparql, store: {config.store})"
    )
    uvicorn.run(app, host=config.host, port=config.port, log_level="warning", access_log=access_log)
    return 0
