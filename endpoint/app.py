"""The web application: one :func:`create_app` builds it from a :class:`Config`, for the CLI,
tests and embedding alike.

Routes: ``/`` the query page, ``/sparql`` the SPARQL 1.1 Protocol (:mod:`endpoint.sparql`),
``/static`` assets, and the linked-data pages of :mod:`endpoint.linked_data`.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from endpoint import formats
from endpoint.executor import Executor, InProcessExecutor, RemoteExecutor, WorkerPool
from endpoint.query_page import example_queries, render_query_page
from endpoint.service import service_description
from endpoint.sparql import SparqlRouter
from kg_builder.settings import Config
from kg_builder.store.base import Store

STATIC_DIR = Path(__file__).resolve().parent / "static"


def make_executor(config: Config, store: Store | None) -> Executor:
    """The executor that fits the configured store.

    A remote store gets queries forwarded; an embedded store folder gets a pool of worker
    processes (a query that overruns is really stopped); a store object with no folder (in
    memory) is queried in-process.

    :param config: the settings (store, query_timeout, result_limit, max_concurrent_queries).
    :param store: an already-open store, if any.
    :return: the executor (not started yet).
    """
    if config.store_is_remote:
        auth = (config.store_user, config.store_password) if config.store_user else None
        return RemoteExecutor(
            config.store,
            timeout=config.query_timeout,
            result_limit=config.result_limit,
            size=config.max_concurrent_queries,
            auth=auth,
        )
    path = getattr(store, "path", None) if store is not None else config.store
    if store is not None and path is None:
        return InProcessExecutor(
            _pyoxigraph(store),
            timeout=config.query_timeout,
            result_limit=config.result_limit,
            size=config.max_concurrent_queries,
        )
    return WorkerPool(
        str(path),
        size=config.max_concurrent_queries,
        timeout=config.query_timeout,
        result_limit=config.result_limit,
        queue_timeout=min(2.0, config.query_timeout),
        memory_limit=config.worker_memory_mb * 1024 * 1024,
    )


def _pyoxigraph(store: Store) -> Any:
    """The pyoxigraph handle inside an embedded store (the executor needs dataset control)."""
    return getattr(store, "pyoxigraph", None) or store._store  # type: ignore[attr-defined]


def create_app(
    config: Config, store: Store | None = None, *, executor: Executor | None = None
) -> FastAPI:
    """Build the endpoint application.

    :param config: the settings.
    :param store: an open store to serve; by default ``config.store`` is opened read-only
        (lazily, so the app can be built before the store exists).
    :param executor: where queries run (default: :func:`make_executor`).
    :return: the FastAPI application; ``app.state`` holds ``config``, ``store`` and ``executor``.

    >>> from kg_builder.settings import load_config
    >>> app = create_app(load_config(store="/nonexistent"))
    >>> app.url_path_for("sparql_endpoint")
    '/sparql'
    """
    executor = executor or make_executor(config, store)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await executor.start()
        try:
            yield
        finally:
            await executor.close()
            if app.state.store_owned and app.state.store_opened is not None:
                app.state.store_opened.close()

    app = FastAPI(
        title="boamp-kg SPARQL endpoint",
        description="BOAMP public-procurement notices as an ePO 4.2 knowledge graph (read-only).",
        lifespan=lifespan,
        docs_url="/api",
        redoc_url=None,
    )
    app.state.config = config
    app.state.executor = executor
    app.state.store_opened = store
    app.state.store_owned = store is None

    def query_page(request: Request) -> Response:
        return HTMLResponse(render_query_page(request, config))

    def describe(request: Request, fmt: formats.Format) -> bytes:
        return service_description(str(request.url_for("sparql_endpoint")), fmt)

    router = SparqlRouter(
        lambda: executor,
        max_body=config.max_body,
        service_allowlist=tuple(u for u in config.service_allowlist.split() if u),
        query_page=query_page,
        service_description=describe,
    )
    app.include_router(router)
    app.state.sparql_router = router
    app.add_api_route(
        "/", query_page, methods=["GET"], response_class=HTMLResponse, summary="Query page"
    )
    app.add_api_route(
        "/queries", lambda: example_queries(), methods=["GET"], summary="Example queries as JSON"
    )
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    # LINKED-DATA: the linked-data router (endpoint/linked_data.py) is included here.
    from endpoint.linked_data import linked_data_router

    app.include_router(linked_data_router(config, lambda: app_store(app)))
    return app


def app_store(app: FastAPI) -> Store:
    """The store an app serves, opened read-only on first use (for the linked-data pages).

    :param app: an app built by :func:`create_app`.
    :return: the store.
    """
    if app.state.store_opened is None:
        from kg_builder.store import open_store

        config: Config = app.state.config
        app.state.store_opened = open_store(config.store, read_only=True, config=config)
    store: Store = app.state.store_opened
    return store
