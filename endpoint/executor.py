"""Query execution that can be stopped: a small pool of warm worker processes.

pyoxigraph cannot cancel a running query, and a thread cannot be killed, so each query runs in a
worker process that holds its own read-only handle on the store. The server process waits on the
worker's pipe without blocking its event loop; when the query overruns ``query_timeout`` the
worker is killed (the work really stops) and a fresh one is started in its place. Results travel
back as already-serialized bytes, so the server never decodes or re-encodes them.

Three executors share one interface (:class:`Executor`):

* :class:`WorkerPool`, for an embedded Oxigraph store folder (the normal case);
* :class:`RemoteExecutor`, which forwards to a remote SPARQL 1.1 endpoint (Fuseki, Virtuoso...);
* :class:`InProcessExecutor`, over a store object already open in this process (tests, tools):
  it cannot stop a query early, and says so in its ``stoppable`` attribute.

This module imports nothing heavy at top level beyond pyoxigraph: worker processes import it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.connection import Connection
from typing import Any
from urllib.parse import urlencode

from kg_builder.store.base import META_GRAPH


@dataclass(frozen=True, slots=True)
class QueryJob:
    """One query to run, with its protocol dataset and the format its result must be written in.

    ``default_graphs``/``named_graphs`` are the protocol's ``default-graph-uri`` and
    ``named-graph-uri`` (empty: the service's own dataset, i.e. the union of the notice graphs).
    ``use_query_dataset`` is set when the query has its own ``FROM``/``FROM NAMED``.
    """

    query: str
    solutions_format: str  # pyoxigraph QueryResultsFormat name, e.g. "JSON" (SELECT/ASK)
    graph_format: str  # pyoxigraph RdfFormat name, e.g. "TURTLE" (CONSTRUCT/DESCRIBE)
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    use_query_dataset: bool = False
    uses_graph: bool = True  # the query has a GRAPH pattern (named graphs matter)


@dataclass(frozen=True, slots=True)
class Outcome:
    """A query's result or failure. ``error`` is one of the :data:`ERRORS` keys, or ``None``."""

    kind: str  # "solutions", "boolean", "graph", or "" on error
    body: bytes = b""
    error: str | None = None
    message: str = ""
    rows: int = 0
    media_type: str = ""  # set when the body's format was decided elsewhere (remote store)


#: error key -> HTTP status the protocol layer answers with.
ERRORS: dict[str, int] = {
    "syntax": 400,
    "too_large": 400,
    "timeout": 503,
    "overloaded": 503,
    "evaluation": 500,
    "unavailable": 503,
    "remote": 502,
}


class Executor(ABC):
    """Runs read queries; the SPARQL router only speaks this interface."""

    #: whether a query that overruns its timeout is really stopped.
    stoppable: bool = True

    @abstractmethod
    async def run(self, job: QueryJob) -> Outcome:
        """Run ``job``, honouring the timeout and the concurrency limit."""

    async def start(self) -> None:  # noqa: B027 - optional hook
        """Prepare (start workers, open connections)."""

    async def close(self) -> None:  # noqa: B027 - optional hook
        """Release workers or connections."""


# --------------------------------------------------------------------------------------------
# Evaluation itself: the same function runs in a worker process or in-process.


def notice_graphs(store: Any) -> list[Any] | None:
    """The store's named graphs without the bookkeeping graph, or ``None`` when it has none.

    Why the default graph is Oxigraph's union of *all* graphs: leaving :data:`META_GRAPH` out
    means listing every other graph in the query's dataset, and Oxigraph then evaluates each
    triple pattern once per listed graph: measured 5 ms instead of 0.03 ms for an IRI lookup
    over 176 notice graphs, and worse as the corpus grows. So the union is kept, and the
    bookkeeping graph is only left out of ``GRAPH`` patterns (the list is passed for queries
    that use ``GRAPH``). Keeping bookkeeping out of the union needs the store to hold it apart.
    """
    from pyoxigraph import NamedNode

    meta = NamedNode(META_GRAPH)
    graphs = list(store.named_graphs())
    return [g for g in graphs if g != meta] if meta in graphs else None


def evaluate(store: Any, job: QueryJob, result_limit: int, graphs: list[Any] | None) -> Outcome:
    """Run ``job`` on a pyoxigraph store and serialize its result, within ``result_limit``.

    :param store: a ``pyoxigraph.Store``.
    :param job: the query and formats.
    :param result_limit: most rows or triples allowed (0 = no limit).
    :param graphs: the store's :func:`notice_graphs`.
    :return: the outcome, with the serialized bytes.

    >>> from pyoxigraph import Store, Quad, NamedNode, Literal
    >>> s = Store(); s.add(Quad(NamedNode("http://a"), NamedNode("http://p"), Literal("1"), NamedNode("http://g")))
    >>> evaluate(s, QueryJob("SELECT ?o { ?s ?p ?o }", "CSV", "TURTLE"), 10, None).body
    b'o\\r\\n1\\r\\n'
    """
    from pyoxigraph import NamedNode, QueryBoolean, QueryResultsFormat, QueryTriples, RdfFormat
    from pyoxigraph import serialize as serialize_rdf

    kwargs: dict[str, Any] = {}
    if job.default_graphs or job.named_graphs:
        kwargs["default_graph"] = [NamedNode(g) for g in job.default_graphs]
        kwargs["named_graphs"] = [NamedNode(g) for g in job.named_graphs]
    elif not job.use_query_dataset:
        kwargs["use_default_graph_as_union"] = True
        if job.uses_graph and graphs is not None:
            kwargs["named_graphs"] = graphs
    try:
        result = store.query(job.query, **kwargs)
        if isinstance(result, QueryBoolean):
            body = result.serialize(format=getattr(QueryResultsFormat, job.solutions_format))
            return Outcome("boolean", body or b"", rows=1)
        if isinstance(result, QueryTriples):
            triples = list(islice(result, result_limit + 1)) if result_limit else list(result)
            if result_limit and len(triples) > result_limit:
                return _too_large(result_limit)
            body = serialize_rdf(triples, format=getattr(RdfFormat, job.graph_format))
            return Outcome("graph", body or b"", rows=len(triples))
        variables = [v.value for v in result.variables]
        rows = list(islice(result, result_limit + 1)) if result_limit else list(result)
        if result_limit and len(rows) > result_limit:
            return _too_large(result_limit)
        body = write_solutions(variables, rows, job.solutions_format)
        return Outcome("solutions", body, rows=len(rows))
    except SyntaxError as exc:
        return Outcome("", error="syntax", message=f"malformed query: {exc}")
    except (OSError, ValueError, RuntimeError) as exc:
        return Outcome("", error="evaluation", message=f"query failed: {exc}")


def _too_large(limit: int) -> Outcome:
    return Outcome(
        "",
        error="too_large",
        message=f"the result has more than {limit} rows or triples; add a LIMIT (or paginate with OFFSET)",
    )


def write_solutions(variables: list[str], rows: Iterable[Any], format_name: str) -> bytes:
    """Serialize SELECT rows already read (so they could be counted) with pyoxigraph's writers.

    pyoxigraph only serializes a live ``QuerySolutions`` iterator, so the counted rows are fed
    back through its SPARQL results parser as N-Triples-like TSV (lossless for every term) and
    written again in the format asked for: all of it native code.

    :param variables: the projected variable names, in order.
    :param rows: ``QuerySolution`` objects.
    :param format_name: a ``QueryResultsFormat`` attribute name (JSON, XML, CSV, TSV).
    :return: the serialized results.
    """
    from pyoxigraph import QueryResultsFormat, parse_query_results

    lines = ["\t".join(f"?{v}" for v in variables)]
    for row in rows:
        lines.append("\t".join("" if term is None else str(term) for term in row))
    tsv = ("\n".join(lines) + "\n").encode()
    if format_name == "TSV":
        return tsv
    parsed = parse_query_results(tsv, format=QueryResultsFormat.TSV)
    return parsed.serialize(format=getattr(QueryResultsFormat, format_name)) or b""  # type: ignore[union-attr]


# --------------------------------------------------------------------------------------------
# Worker processes.


def worker_main(
    read_fd: int, write_fd: int, location: str, result_limit: int, memory_limit: int
) -> None:
    """A worker: open the store read-only once, then answer jobs until its pipe closes.

    Run as ``python -m endpoint.worker`` by :class:`WorkerPool`, never imported by the server's
    ``__main__`` (so it works under uvicorn, pytest and the CLI alike).
    """
    jobs = Connection(read_fd, writable=False)
    answers = Connection(write_fd, readable=False)
    if memory_limit:
        import resource

        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    try:
        from pyoxigraph import Store

        store = Store.read_only(location)
        graphs = notice_graphs(store)
    except (OSError, ValueError) as exc:
        answers.send(("failed", f"cannot open the store {location!r} read-only: {exc}"))
        return
    answers.send(("ready", os.getpid()))
    while True:
        try:
            job = jobs.recv()
        except (EOFError, OSError):
            return
        try:
            outcome = evaluate(store, job, result_limit, graphs)
        except MemoryError:
            outcome = Outcome(
                "", error="too_large", message="the query needs more memory than a worker may use"
            )
        answers.send(outcome)


@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen[bytes]
    jobs: Connection  # we write jobs here
    answers: Connection  # and read outcomes here
    ready: asyncio.Future[None] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


class WorkerPool(Executor):
    """``size`` warm worker processes over a read-only store folder; a killed one is replaced.

    :param location: the embedded store folder.
    :param size: worker processes, i.e. queries evaluated at once.
    :param timeout: seconds a query may run before its worker is killed.
    :param result_limit: most rows or triples a result may hold.
    :param queue_timeout: seconds a query may wait for a free worker before a 503.
    :param max_waiting: queries allowed to wait at once; more get a 503 straight away.
    :param memory_limit: address-space cap of each worker in bytes (0 = none).
    """

    def __init__(
        self,
        location: str,
        *,
        size: int = 2,
        timeout: float = 10.0,
        result_limit: int = 10000,
        queue_timeout: float = 2.0,
        max_waiting: int | None = None,
        memory_limit: int = 0,
    ) -> None:
        self.location = location
        self.size = max(1, size)
        self.timeout = timeout
        self.result_limit = result_limit
        self.queue_timeout = queue_timeout
        self.max_waiting = max_waiting if max_waiting is not None else 8 * self.size
        self.memory_limit = memory_limit
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._workers: set[_Worker] = set()
        self._waiting = 0
        self.startup_error: str | None = None

    async def start(self) -> None:
        for _ in range(self.size):
            self._spawn()
        await asyncio.gather(*(w.ready for w in list(self._workers)), return_exceptions=True)

    def _spawn(self) -> _Worker:
        job_read, job_write = os.pipe()
        answer_read, answer_write = os.pipe()
        command = [
            sys.executable,
            "-m",
            "endpoint.worker",
            str(job_read),
            str(answer_write),
            self.location,
            str(self.result_limit),
            str(self.memory_limit),
        ]
        process = subprocess.Popen(
            command, pass_fds=(job_read, answer_write), stdin=subprocess.DEVNULL, close_fds=True
        )
        os.close(job_read)
        os.close(answer_write)
        worker = _Worker(
            process, Connection(job_write, readable=False), Connection(answer_read, writable=False)
        )
        self._workers.add(worker)
        loop = asyncio.get_running_loop()

        def on_hello() -> None:
            loop.remove_reader(worker.answers.fileno())
            try:
                status, detail = worker.answers.recv()
            except (EOFError, OSError) as exc:
                status, detail = "failed", f"query worker died while starting ({exc!r})"
            if status == "ready":
                worker.ready.set_result(None)
                self._idle.put_nowait(worker)
            else:
                self.startup_error = str(detail)
                worker.ready.set_exception(RuntimeError(detail))
                self._discard(worker)

        loop.add_reader(worker.answers.fileno(), on_hello)
        return worker

    def _discard(self, worker: _Worker) -> None:
        self._workers.discard(worker)
        with contextlib.suppress(Exception):
            asyncio.get_running_loop().remove_reader(worker.answers.fileno())
        with contextlib.suppress(Exception):
            worker.process.kill()
        for conn in (worker.jobs, worker.answers):
            with contextlib.suppress(Exception):
                conn.close()
        with contextlib.suppress(Exception):
            worker.process.wait(1.0)

    async def _acquire(self) -> _Worker | None:
        if not self._workers:
            return None
        try:
            return self._idle.get_nowait()
        except asyncio.QueueEmpty:
            pass
        if self._waiting >= self.max_waiting:
            return None
        self._waiting += 1
        try:
            return await asyncio.wait_for(self._idle.get(), self.queue_timeout)
        except TimeoutError:
            return None
        finally:
            self._waiting -= 1

    async def run(self, job: QueryJob) -> Outcome:
        if not self._workers:
            return Outcome(
                "", error="unavailable", message=self.startup_error or "no query worker is running"
            )
        worker = await self._acquire()
        if worker is None:
            return Outcome(
                "", error="overloaded", message="too many queries at once; retry shortly"
            )
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[Outcome] = loop.create_future()

        def on_answer() -> None:
            loop.remove_reader(worker.answers.fileno())
            if answer.done():
                return
            try:
                answer.set_result(worker.answers.recv())
            except (EOFError, OSError) as exc:
                answer.set_exception(exc)

        try:
            worker.jobs.send(job)
            loop.add_reader(worker.answers.fileno(), on_answer)
            outcome = await asyncio.wait_for(answer, self.timeout)
        except TimeoutError:
            self._replace(worker)
            return Outcome(
                "",
                error="timeout",
                message=f"the query ran for more than {self.timeout:g} s and was stopped",
            )
        except (EOFError, OSError, asyncio.CancelledError) as exc:
            self._replace(worker)
            if isinstance(exc, asyncio.CancelledError):
                raise
            return Outcome("", error="evaluation", message="the query worker died (out of memory?)")
        self._idle.put_nowait(worker)
        return outcome

    def _replace(self, worker: _Worker) -> None:
        self._discard(worker)
        self._spawn()

    async def close(self) -> None:
        for worker in list(self._workers):
            self._discard(worker)


class InProcessExecutor(Executor):
    """Runs queries on a pyoxigraph store in this process, in threads: no process hop at all.

    A thread cannot be stopped, so on its own this executor cannot stop an overrunning query
    (``stoppable`` is false: for tests and tools). Under ``boamp-kg serve`` it runs in each of
    several supervised server processes and is given ``on_overrun``: the process answers 503,
    stops taking connections, still answers the requests it has accepted (queries included) and
    exits (the overrunning thread dies with it); the supervisor starts a fresh process while the
    others keep serving.

    :param store: a ``pyoxigraph.Store`` (or a function opening it on first use).
    :param timeout: seconds a query may run.
    :param result_limit: most rows or triples a result may hold.
    :param size: queries evaluated at once in this process.
    :param queue_timeout: seconds a query may wait for a free slot before a 503.
    :param on_overrun: called once when a query overruns (makes the executor ``stoppable``).
    """

    def __init__(
        self,
        store: Any,
        *,
        timeout: float = 10.0,
        result_limit: int = 10000,
        size: int = 4,
        queue_timeout: float = 2.0,
        on_overrun: Any = None,
    ) -> None:
        self._store = store
        self.timeout = timeout
        self.result_limit = result_limit
        self.size = max(1, size)
        self.queue_timeout = queue_timeout
        self.on_overrun = on_overrun
        self.stoppable = on_overrun is not None
        self.overrun = False
        self._slots: asyncio.Semaphore | None = None
        self._threads: Any = None
        self._graphs: list[Any] | None = None
        self.startup_error: str | None = None

    async def start(self) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self._slots = asyncio.Semaphore(self.size)
        self._threads = ThreadPoolExecutor(self.size + 1, thread_name_prefix="boamp-kg-query")
        try:
            if callable(self._store):
                self._store = self._store()
            self._graphs = notice_graphs(self._store)
        except (OSError, ValueError) as exc:
            self.startup_error = f"cannot open the store read-only: {exc}"
            self._store = None

    async def run(self, job: QueryJob) -> Outcome:
        if self._slots is None:
            await self.start()
        assert self._slots is not None
        if self._store is None:
            return Outcome("", error="unavailable", message=self.startup_error or "no store")
        slots = self._slots
        if slots.locked():
            try:
                await asyncio.wait_for(slots.acquire(), self.queue_timeout)
            except TimeoutError:
                return Outcome(
                    "", error="overloaded", message="too many queries at once; retry shortly"
                )
        else:
            await slots.acquire()  # free: returns at once (no Task, no timer: the common case)
        loop = asyncio.get_running_loop()
        # A plain future settled by whichever comes first, the thread or the timer: cheaper
        # than wait_for + shield, which cost a Task per query.
        answer: asyncio.Future[Outcome | None] = loop.create_future()
        work = self._threads.submit(evaluate, self._store, job, self.result_limit, self._graphs)
        work.add_done_callback(lambda done: loop.call_soon_threadsafe(_settle, answer, done))
        timer = loop.call_later(self.timeout, _expire, answer)
        try:
            outcome = await answer
        finally:
            timer.cancel()
        if outcome is not None:
            slots.release()
            return outcome
        # the slot stays taken until the thread ends (or the process exits)
        work.add_done_callback(lambda _: loop.call_soon_threadsafe(slots.release))
        if self.on_overrun is not None and not self.overrun:
            self.overrun = True
            loop.call_soon(self.on_overrun)
        return Outcome(
            "",
            error="timeout",
            message=f"the query ran for more than {self.timeout:g} s and was stopped",
        )

    async def close(self) -> None:
        if self._threads is not None:
            self._threads.shutdown(wait=False, cancel_futures=True)
        if self.overrun:  # an overrunning thread would keep the interpreter from exiting
            os._exit(0)


def _settle(answer: asyncio.Future[Outcome | None], done: Any) -> None:
    """Resolve ``answer`` with a finished thread's outcome (unless the timer came first)."""
    if answer.done():
        return
    error = done.exception()
    answer.set_result(
        done.result()
        if error is None
        else Outcome("", error="evaluation", message=f"query failed: {error}")
    )


def _expire(answer: asyncio.Future[Outcome | None]) -> None:
    """The timer's side: ``None`` means the query overran."""
    if not answer.done():
        answer.set_result(None)


class RemoteExecutor(Executor):
    """Forwards queries to a remote SPARQL 1.1 endpoint, with the same timeout, concurrency limit
    and result cap as the embedded store. On timeout the HTTP request is dropped.

    :param url: the remote query endpoint.
    :param timeout: seconds a query may take.
    :param result_limit: most rows or triples a result may hold (counted by parsing the answer).
    :param size: queries forwarded at once.
    :param auth: optional (user, password) for the remote store.
    """

    def __init__(
        self,
        url: str,
        *,
        timeout: float = 10.0,
        result_limit: int = 10000,
        size: int = 4,
        auth: tuple[str, str] | None = None,
    ) -> None:
        self.url = url
        self.timeout = timeout
        self.result_limit = result_limit
        self.auth = auth
        self._slots = asyncio.Semaphore(size)
        self._client: Any = None

    async def start(self) -> None:
        import httpx

        self._client = httpx.AsyncClient(timeout=self.timeout, auth=self.auth)

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()

    async def run(self, job: QueryJob) -> Outcome:
        import httpx
        from pyoxigraph import QueryResultsFormat, RdfFormat

        if self._client is None:
            await self.start()
        if self._slots.locked():
            return Outcome(
                "", error="overloaded", message="too many queries at once; retry shortly"
            )
        solutions = getattr(QueryResultsFormat, job.solutions_format)
        graph = getattr(RdfFormat, job.graph_format)
        data: list[tuple[str, str]] = [("query", job.query)]
        data += [("default-graph-uri", g) for g in job.default_graphs]
        data += [("named-graph-uri", g) for g in job.named_graphs]
        accept = f"{solutions.media_type.split(';')[0]}, {graph.media_type};q=0.9"
        async with self._slots:
            try:
                response = await self._client.post(
                    self.url,
                    content=urlencode(data).encode(),
                    headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
                )
            except httpx.TimeoutException:
                return Outcome(
                    "",
                    error="timeout",
                    message=f"the remote store took more than {self.timeout:g} s",
                )
            except httpx.HTTPError as exc:
                return Outcome(
                    "", error="remote", message=f"the remote store is unreachable: {exc}"
                )
        if response.status_code == 400:
            return Outcome(
                "",
                error="syntax",
                message=f"malformed query (remote store): {response.text[:2000]}",
            )
        if response.status_code >= 300:
            return Outcome(
                "",
                error="remote",
                message=f"remote store answered {response.status_code}: {response.text[:500]}",
            )
        return _count_remote(
            response.headers.get("content-type", ""), response.content, self.result_limit
        )


def _count_remote(content_type: str, body: bytes, result_limit: int) -> Outcome:
    """Classify and count a remote answer by its media type (the remote decides what it sends)."""
    from pyoxigraph import QueryBoolean, QueryResultsFormat, RdfFormat, parse, parse_query_results

    media = content_type.split(";")[0].strip()
    solutions = QueryResultsFormat.from_media_type(media)
    if solutions is not None:
        parsed = parse_query_results(body, format=solutions)
        if isinstance(parsed, QueryBoolean):
            return Outcome("boolean", body, rows=1, media_type=content_type)
        rows = sum(1 for _ in islice(parsed, result_limit + 1)) if result_limit else 0
        if result_limit and rows > result_limit:
            return _too_large(result_limit)
        return Outcome("solutions", body, rows=rows, media_type=content_type)
    graph = RdfFormat.from_media_type(media)
    if graph is None:
        return Outcome("", error="remote", message=f"the remote store answered with {media!r}")
    triples = (
        sum(1 for _ in islice(parse(body, format=graph), result_limit + 1)) if result_limit else 0
    )
    if result_limit and triples > result_limit:
        return _too_large(result_limit)
    return Outcome("graph", body, rows=triples, media_type=content_type)
