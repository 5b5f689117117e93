"""The SPARQL 1.1 Protocol (query operation) as an ``APIRouter``, read-only and guarded.

GET, form POST and ``application/sparql-query`` POST all go through one handler
(:meth:`SparqlRouter.answer`): cap the body, pull out the query and the protocol dataset, refuse
what must be refused (updates and federation: 403), choose the format (``format`` parameter or
Accept; 406/422), run the query on the :class:`~endpoint.executor.Executor`, and send its bytes
as they come. A GET with no query answers a browser with the query page and a machine with the
``sd:Service`` description.

Status codes: 400 malformed query (with the parser's message) or result over the cap, 403
update/SERVICE, 406 no acceptable format, 413 body over ``max_body``, 415 unknown body type,
422 a format that cannot carry the query's result kind, 503 (with ``Retry-After``) overload or
timeout.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse

from endpoint import formats, guards
from endpoint.executor import ERRORS, Executor, QueryJob

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"


@dataclass(frozen=True, slots=True)
class ProtocolRequest:
    """The protocol's parameters, whichever way they came."""

    query: str | None
    default_graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    format: str | None
    update: bool = False


class BodyTooLarge(Exception):
    """The request body is over the cap."""


async def read_body(request: Request, max_body: int) -> bytes:
    """The request body, read at most ``max_body`` bytes far.

    :param request: the incoming request.
    :param max_body: the cap in bytes.
    :return: the body.
    :raises BodyTooLarge: as soon as the body is over the cap (it is not read further).
    """
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_body:
        raise BodyTooLarge(int(declared))
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_body:
            raise BodyTooLarge(size)
        chunks.append(chunk)
    return b"".join(chunks)


def protocol_request(
    params: list[tuple[str, str]], body_query: str | None = None
) -> ProtocolRequest:
    """Gather the protocol parameters from query-string or form pairs.

    :param params: (name, value) pairs in order.
    :param body_query: the query sent as an ``application/sparql-query`` body, if any.
    :return: the request's parameters.

    >>> r = protocol_request([("query", "ASK {}"), ("default-graph-uri", "http://g")])
    >>> r.query, r.default_graphs
    ('ASK {}', ('http://g',))
    """
    query = body_query
    default_graphs: list[str] = []
    named_graphs: list[str] = []
    fmt = None
    update = False
    for name, value in params:
        if name == "query" and query is None:
            query = value
        elif name == "default-graph-uri":
            default_graphs.append(value)
        elif name == "named-graph-uri":
            named_graphs.append(value)
        elif name in {"format", "output"}:
            fmt = value
        elif name in {"update", "using-graph-uri", "using-named-graph-uri"}:
            update = True
    return ProtocolRequest(query, tuple(default_graphs), tuple(named_graphs), fmt, update)


def choose_formats(
    accept: str | None, requested: str | None, form: str | None
) -> tuple[formats.Format, formats.Format] | guards.Refusal:
    """The (solutions format, graph format) to answer in, or why none is possible.

    Both are chosen because the query form is only known for sure after parsing; ``form`` (from
    the guards' token scan) says which of the two the client's choice must fit.

    :param accept: the Accept header.
    :param requested: the ``format`` parameter, if any.
    :param form: SELECT, ASK, CONSTRUCT, DESCRIBE or ``None``.
    :return: the two formats, or a 400/406/422 refusal.

    >>> sol, graph = choose_formats("text/csv", None, "SELECT")  # type: ignore[misc]
    >>> sol.name, graph.name
    ('csv', 'turtle')
    >>> choose_formats("text/turtle", None, "SELECT").status  # type: ignore[union-attr]
    422
    >>> choose_formats("image/png", None, "ASK").status  # type: ignore[union-attr]
    406
    """
    is_graph = form in {"CONSTRUCT", "DESCRIBE"}
    wanted, other = (
        (formats.GRAPH_FORMATS, formats.SOLUTION_FORMATS)
        if is_graph
        else (formats.SOLUTION_FORMATS, formats.GRAPH_FORMATS)
    )
    if requested:
        try:
            chosen = formats.by_name(requested, wanted)
        except formats.UnknownFormat as exc:
            return guards.Refusal(400, str(exc))
        if chosen not in wanted:
            return guards.Refusal(
                422, f"a {form or 'query'} result cannot be written as {chosen.media_type}"
            )
    else:
        try:
            chosen = formats.negotiate(accept, wanted)
        except formats.NotAcceptable as exc:
            try:
                misfit = formats.negotiate(accept, other)
            except formats.NotAcceptable:
                return guards.Refusal(406, str(exc))
            return guards.Refusal(
                422, f"a {form or 'query'} result cannot be written as {misfit.media_type}"
            )
    fallback = formats.negotiate_or_default(accept, other)
    return (fallback, chosen) if is_graph else (chosen, fallback)


def _refuse(refusal: guards.Refusal, **headers: str) -> Response:
    return PlainTextResponse(refusal.message + "\n", status_code=refusal.status, headers=headers)


class SparqlRouter(APIRouter):
    """The ``/sparql`` route(s) over an executor.

    :param executor: where queries run (a function returning it, as it is built at startup).
    :param max_body: request-body cap in bytes.
    :param service_allowlist: remote endpoints a ``SERVICE`` clause may call.
    :param query_page: renders the HTML query page for a browser GET without a query.
    :param service_description: serializes the ``sd:Service`` description in a graph format.
    :param path: where the endpoint is mounted.
    """

    def __init__(
        self,
        executor: Callable[[], Executor],
        *,
        max_body: int,
        service_allowlist: tuple[str, ...] = (),
        query_page: Callable[[Request], Response] | None = None,
        service_description: Callable[[Request, formats.Format], bytes] | None = None,
        path: str = "/sparql",
    ) -> None:
        super().__init__()
        self.executor = executor
        self.max_body = max_body
        self.service_allowlist = service_allowlist
        self.query_page = query_page
        self.service_description = service_description
        self.add_api_route(
            path,
            self.answer,
            methods=["GET", "POST"],
            name="sparql_endpoint",
            response_class=Response,
            summary="SPARQL 1.1 Protocol query operation",
            description="Query by GET (query=...), form POST or application/sparql-query POST. "
            "Results negotiated by Accept or the format parameter.",
        )

    async def answer(self, request: Request) -> Response:
        """Answer one protocol request (GET or POST)."""
        query_string = request.scope.get("query_string", b"").decode("utf-8", "replace")
        params = parse_qsl(query_string, keep_blank_values=True)
        body_query = None
        if request.method == "POST":
            content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            try:
                body = await read_body(request, self.max_body)
            except BodyTooLarge as exc:
                return _refuse(
                    guards.Refusal(
                        413,
                        f"request body of {exc.args[0]} bytes is over the limit of {self.max_body} bytes",
                    )
                )
            if content_type == FORM:
                params += parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
            elif content_type == SPARQL_QUERY:
                body_query = body.decode("utf-8", "replace")
            elif content_type == SPARQL_UPDATE:
                return _refuse(
                    guards.Refusal(403, "this endpoint is read-only: SPARQL Update is not allowed")
                )
            else:
                return _refuse(
                    guards.Refusal(
                        415,
                        f"POST a query as {FORM} or {SPARQL_QUERY}, not {content_type or 'nothing'}",
                    )
                )
        elif len(query_string) > self.max_body:
            return _refuse(
                guards.Refusal(413, f"query string is over the limit of {self.max_body} bytes")
            )
        proto = protocol_request(params, body_query)
        if proto.update:
            return _refuse(
                guards.Refusal(403, "this endpoint is read-only: SPARQL Update is not allowed")
            )
        accept = request.headers.get("accept")
        if not proto.query or not proto.query.strip():
            return self._describe(request, accept, proto.format)
        facts = guards.check_query(proto.query, self.service_allowlist)
        if isinstance(facts, guards.Refusal):
            return _refuse(facts)
        chosen = choose_formats(accept, proto.format, facts.form)
        if isinstance(chosen, guards.Refusal):
            return _refuse(chosen)
        solutions_format, graph_format = chosen
        job = QueryJob(
            query=proto.query,
            solutions_format=solutions_format.attribute,
            graph_format=graph_format.attribute,
            default_graphs=proto.default_graphs,
            named_graphs=proto.named_graphs,
            use_query_dataset=facts.has_dataset_clause,
            uses_graph=facts.uses_graph,
        )
        outcome = await self.executor().run(job)
        if outcome.error:
            status = ERRORS.get(outcome.error, 500)
            headers = {"Retry-After": "1"} if status == 503 else {}
            return _refuse(guards.Refusal(status, outcome.message), **headers)
        fmt = graph_format if outcome.kind == "graph" else solutions_format
        media = outcome.media_type or fmt.content_type
        return Response(outcome.body, media_type=media, headers={"Vary": "Accept"})

    def _describe(self, request: Request, accept: str | None, requested: str | None) -> Response:
        ranges = formats.parse_accept(accept)
        if self.query_page is not None and not requested and _prefers_html(ranges):
            return self.query_page(request)
        try:
            fmt = (
                formats.by_name(requested, formats.GRAPH_FORMATS)
                if requested
                else formats.negotiate(accept, formats.GRAPH_FORMATS)
            )
        except (formats.NotAcceptable, formats.UnknownFormat) as exc:
            return _refuse(guards.Refusal(406, str(exc)))
        if fmt.kind != "graph" or self.service_description is None:
            return _refuse(
                guards.Refusal(
                    422, "the service description is RDF: ask for Turtle, RDF/XML, JSON-LD..."
                )
            )
        return Response(
            self.service_description(request, fmt),
            media_type=fmt.content_type,
            headers={"Vary": "Accept"},
        )


def _prefers_html(ranges: list[str]) -> bool:
    """Whether a browser-like Accept puts HTML before any RDF type."""
    for media in ranges:
        if media in {"text/html", "application/xhtml+xml"}:
            return True
        if media != "*/*" and any(formats._matches(media, f) for f in formats.GRAPH_FORMATS):
            return False
    return False


def direct_sparql_route(app: Any, path: str = "/sparql") -> Any:
    """An ASGI app answering ``path`` straight from the SPARQL router, everything else via ``app``.

    The same handler as the routed ``/sparql``, minus the framework's routing and middleware
    layers (~90 µs a request, a fifth of an IRI lookup); ``boamp-kg serve`` uses it.

    :param app: an app built by :func:`endpoint.app.create_app`.
    :param path: the SPARQL endpoint's path.
    :return: the ASGI callable to serve.
    """
    router: SparqlRouter = app.state.sparql_router

    async def asgi(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] == path:
            scope["app"] = app
            scope.setdefault("router", app.router)
            response = await router.answer(Request(scope, receive))
            await response(scope, receive, send)
            return
        await app(scope, receive, send)

    return asgi
