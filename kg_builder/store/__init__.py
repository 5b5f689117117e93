"""Stores: :func:`open_store` picks the embedded Oxigraph store or a remote SPARQL 1.1 store.

A location starting with ``http://`` or ``https://`` is a remote SPARQL endpoint (Virtuoso,
Fuseki, ``oxigraph serve``...); anything else is the folder of an embedded store.
"""

from __future__ import annotations

from kg_builder.settings import Config
from kg_builder.store.base import META_GRAPH, QueryResult, Store, StoredGraph

__all__ = ["META_GRAPH", "QueryResult", "Store", "StoredGraph", "open_store"]


def open_store(location: str, *, read_only: bool = False, config: Config | None = None) -> Store:
    """Open the store at ``location``.

    :param location: an embedded store folder, or the query URL of a SPARQL 1.1 endpoint.
    :param read_only: refuse writes (the endpoint's handle).
    :param config: settings for a remote store (update/GSP URLs, user, password).
    :return: a :class:`Store`; use it as a context manager to close it.
    :raises kg_builder.errors.StoreError: when the store cannot be opened or reached.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder, open_store(folder) as store:
    ...     store.triple_count()
    0
    """
    if location.startswith(("http://", "https://")):
        from kg_builder.store.remote import RemoteStore

        return RemoteStore(location, read_only=read_only, config=config or Config(store=location))
    from kg_builder.store.oxigraph import OxigraphStore

    return OxigraphStore(location, read_only=read_only)
