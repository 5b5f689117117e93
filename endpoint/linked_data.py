"""Linked-data routes: dereferenceable IRIs, resource pages, search, dumps and VoID.

Cool URIs, 303 pattern (documented in ``docs/linked-data.md``): the IRI of a thing,
``{base path}{rest}`` (``/id/...`` by default), answers ``303 See Other`` to its description
document, chosen by the Accept header: ``/page/{rest}`` (HTML) or ``/data/{rest}.{ext}``
(Turtle, N-Triples, JSON-LD, RDF/XML). A suffix on the thing's IRI (``/id/x.ttl``) picks the
format as the Accept header would. Documents answer ``200`` with ``Vary: Accept`` where the
answer depends on it; a thing the store does not know is a ``404`` page.

The router only reads, through the store interface; it imports nothing from parsing or building.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from endpoint import formats
from endpoint.describe import INCOMING_PAGE, Description, describe, serialize
from endpoint.resource_page import build_page
from endpoint.search import search
from endpoint.templates import render
from endpoint.urls import DATA_PREFIX, PAGE_PREFIX, RDF_EXTENSIONS, Urls
from kg_builder.settings import Config
from kg_builder.store.base import Store

HTML_TYPES = ("text/html", "application/xhtml+xml")
#: every linked-data route answers HEAD as GET (crawlers and link checkers use it).
GET_HEAD = ["GET", "HEAD"]
#: machine-readable documents may be fetched by scripts on other origins (open data).
OPEN = {"Access-Control-Allow-Origin": "*"}
#: the RDF formats of descriptions, in the server's order of preference.
LD_FORMATS: tuple[formats.Format, ...] = tuple(
    f for f in formats.GRAPH_FORMATS if f.suffix in RDF_EXTENSIONS
)
#: prefixes bound in Turtle and RDF/XML descriptions.
PREFIXES = {
    "epo": "http://data.europa.eu/a4g/ontology#",
    "cccev": "http://data.europa.eu/m8g/",
    "adms": "http://www.w3.org/ns/adms#",
    "dct": "http://purl.org/dc/terms/",
    "locn": "http://www.w3.org/ns/locn#",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "cpv": "http://data.europa.eu/cpv/cpv/",
    "nuts": "http://data.europa.eu/nuts/code/",
    "at": "http://publications.europa.eu/resource/authority/",
}
#: a dump file name: no slash, no leading dot, nothing but these characters.
_DUMP_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$")
_DUMP_TYPES = {
    ".gz": "application/gzip",
    ".ttl": "text/turtle; charset=utf-8",
    ".trig": "application/trig",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
    ".nq": "application/n-quads",
    ".sha256": "text/plain; charset=utf-8",
}


def choose(accept: str | None) -> formats.Format | None:
    """The client's preferred description format, ``None`` meaning HTML.

    HTML is offered first, so ``*/*`` and browsers get a page; a client that ranks an RDF type
    above HTML gets that.

    >>> choose("text/html,application/xhtml+xml,*/*;q=0.8") is None
    True
    >>> choose("text/turtle").suffix
    'ttl'
    >>> choose("application/rdf+xml;q=0.9, application/ld+json").suffix
    'jsonld'
    >>> choose("image/png") is None
    True
    """
    for media_range in formats.parse_accept(accept):
        if media_range in (*HTML_TYPES, "*/*", "text/*", "*"):
            return None
        try:
            return formats.negotiate(media_range, LD_FORMATS)
        except formats.NotAcceptable:
            continue
    return None


def linked_data_router(
    config: Config, store: Store | Callable[[], Store] | None, *, dumps_dir: Path | None = None
) -> APIRouter:
    """The linked-data routes over ``store`` (read-only), for ``create_app`` to include.

    :param config: settings (``base_iri`` decides which paths are things).
    :param store: the store to describe from, or a function returning it (so the app can open
        its store lazily, on the first request); ``None`` answers 503 on data routes.
    :param dumps_dir: where ``boamp-kg dump`` wrote the dumps (default: setting ``dumps``).
    :return: the router.
    """
    urls = Urls(config.base_iri)
    dumps = Path(dumps_dir or config.dumps).resolve()
    router = APIRouter()

    def need_store() -> Store:
        opened = store() if callable(store) else store
        if opened is None:
            raise HTTPException(503, "no store is open: start the endpoint with --store")
        return opened

    def document(iri: str, fmt: formats.Format | None, offset: int, limit: int) -> Response:
        description = describe(need_store(), iri, offset=offset, limit=limit)
        if not description.exists:
            return not_found(iri)
        if fmt is None:
            return _html(description, need_store(), urls)
        body = serialize(description, fmt.oxigraph, PREFIXES)  # type: ignore[arg-type]
        return Response(
            body,
            media_type=fmt.content_type,
            headers={"Link": f'<{urls.page(iri)}>; rel="alternate"; type="text/html"', **OPEN},
        )

    def not_found(iri: str) -> HTMLResponse:
        html = render(
            "resource_404.html",
            title="Ressource inconnue",
            iri=iri,
            search_href=urls.search(),
            lang="fr",
        )
        return HTMLResponse(html, status_code=404)

    @router.api_route(
        PAGE_PREFIX + "{rest:path}",
        response_class=HTMLResponse,
        include_in_schema=False,
        methods=GET_HEAD,
    )
    def page(request: Request, offset: int = 0, limit: int = INCOMING_PAGE) -> Response:
        iri = urls.iri_for(_raw_rest(request, PAGE_PREFIX))
        return document(iri, None, offset, limit)

    @router.api_route(DATA_PREFIX + "{rest:path}", include_in_schema=False, methods=GET_HEAD)
    def data(request: Request, offset: int = 0, limit: int = INCOMING_PAGE) -> Response:
        rest = _raw_rest(request, DATA_PREFIX)
        stem, dot, ext = rest.rpartition(".")
        fmt = formats.by_suffix(ext) if dot else None
        if fmt is None or fmt not in LD_FORMATS:
            return not_found(urls.iri_for(rest))
        return document(urls.iri_for(stem), fmt, offset, limit)

    @router.api_route("/describe", include_in_schema=False, methods=GET_HEAD)
    def describe_any(
        request: Request,
        iri: str = Query(..., description="Any IRI the store mentions (CPV, NUTS, ePO class...)."),
        format: str | None = None,
        offset: int = 0,
        limit: int = INCOMING_PAGE,
    ) -> Response:
        fmt = formats.by_suffix(format) if format else choose(request.headers.get("accept"))
        if format and (fmt is None or fmt not in LD_FORMATS):
            return Response(
                f"unknown format {format!r}\n", status_code=400, media_type="text/plain"
            )
        try:
            response = document(iri, fmt, offset, limit)
        except ValueError:
            return not_found(iri)
        response.headers["Vary"] = "Accept"
        return response

    @router.api_route("/search", response_class=HTMLResponse, methods=GET_HEAD)
    def search_page(q: str = "") -> HTMLResponse:
        """Find resources by name, SIRET, CPV code or notice number."""
        hits = search(need_store(), q, urls) if q.strip() else []
        html = render(
            "search.html", title="Recherche", q=q, hits=hits, searched=bool(q.strip()), lang="fr"
        )
        return HTMLResponse(html)

    @router.api_route("/dumps/", response_class=HTMLResponse, methods=GET_HEAD)
    def dump_index() -> HTMLResponse:
        """The published dumps, their sizes and checksums."""
        files = sorted(p for p in dumps.glob("*") if p.is_file()) if dumps.is_dir() else []
        rows = [
            (p.name, urls.dumps(p.name), f"{p.stat().st_size:,}".replace(",", "\u00a0"))
            for p in files
        ]
        html = render(
            "dumps.html", title="Téléchargements", files=rows, void_href=urls.void(), lang="fr"
        )
        return HTMLResponse(html)

    @router.api_route("/dumps/{name:path}", methods=GET_HEAD)
    def dump_file(name: str) -> Response:
        """One dump file; anything that is not a plain file name in the dumps folder is a 404."""
        path = _safe_dump_path(dumps, name)
        if path is None:
            return Response("not found\n", status_code=404, media_type="text/plain")
        suffix = path.suffix
        return FileResponse(
            path, media_type=_DUMP_TYPES.get(suffix, "application/octet-stream"), headers=OPEN
        )

    @router.api_route("/.well-known/void", methods=GET_HEAD)
    def void() -> Response:
        """The VoID description of the dataset (written by ``boamp-kg dump``)."""
        path = dumps / "void.ttl"
        if not path.is_file():
            return Response(
                "no VoID yet: run boamp-kg dump\n", status_code=404, media_type="text/plain"
            )
        return FileResponse(path, media_type="text/turtle; charset=utf-8", headers=OPEN)

    thing_path = urls.thing_path

    @router.api_route(thing_path + "{rest:path}", include_in_schema=False, methods=GET_HEAD)
    def thing(request: Request) -> Response:
        """A minted IRI: 303 to its description document, by Accept header or suffix."""
        rest = _raw_rest(request, thing_path)
        iri = urls.iri_for(rest)
        fmt = choose(request.headers.get("accept"))
        stem, dot, ext = rest.rpartition(".")
        by_suffix = formats.by_suffix(ext) if dot and ext in RDF_EXTENSIONS else None
        if by_suffix is not None and not _exists(need_store(), iri):
            iri, fmt = urls.iri_for(stem), by_suffix
        if not _exists(need_store(), iri):
            return not_found(iri)
        target = urls.page(iri) if fmt is None else urls.data(iri, fmt.suffix)
        return RedirectResponse(target, status_code=303, headers={"Vary": "Accept"})

    return router


def _raw_rest(request: Request, prefix: str) -> str:
    """The path after ``prefix``, *not* percent-decoded: minted IRIs keep their escapes
    (``tender/1080798-NXO%20FRANCE``), so decoding would name another IRI."""
    raw = request.scope.get("raw_path") or request.url.path.encode()
    path = raw.decode("latin-1").split("?", 1)[0]
    return path[len(prefix) :] if path.startswith(prefix) else unquote(path)


def _exists(store: Store, iri: str) -> bool:
    from endpoint.describe import sparql_iri

    try:
        ref = sparql_iri(iri)
    except ValueError:
        return False
    return store.ask(
        f"ASK {{ {{ GRAPH ?g {{ {ref} ?p ?o }} }} UNION {{ GRAPH ?g {{ ?s ?p {ref} }} }} "
        f"UNION {{ GRAPH {ref} {{ ?s ?p ?o }} }} }}"
    )


def _safe_dump_path(folder: Path, name: str) -> Path | None:
    """``folder/name`` when ``name`` is a plain file name of a file inside ``folder``.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp()); _ = (d / "void.ttl").write_text("x")
    >>> _safe_dump_path(d, "void.ttl") == d / "void.ttl"
    True
    >>> [_safe_dump_path(d, n) for n in ("../void.ttl", "..", "a/b", ".hidden", "%2e%2e")]
    [None, None, None, None, None]
    """
    if not _DUMP_NAME.match(name) or ".." in name:
        return None
    path = (folder / name).resolve()
    if path.parent != folder.resolve() or not path.is_file():
        return None
    return path


def _html(description: Description, store: Store, urls: Urls) -> HTMLResponse:
    page = build_page(store, description, urls)
    html = render(
        "resource.html",
        title=page.title,
        page=page,
        search_href=urls.search(),
        lang="fr",
    )
    return HTMLResponse(html, headers={"Vary": "Accept"})
