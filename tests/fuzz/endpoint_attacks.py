"""The endpoint under load and attack, over loopback: a real ``boamp-kg serve`` process on a
store built from the seed notices plus one notice whose title is a script tag.

* :func:`load` runs N asyncio clients for S seconds over the example query mix and the pages,
  and reports requests, p50/p95, status counts and the server's peak resident memory;
* :func:`attacks` sends each hostile request while a canary client keeps asking a cheap query,
  and reports what each attack got and how the canary fared meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

from kg_builder.mapping import map_notice
from kg_builder.parse import parse_text
from kg_builder.store import StoredGraph, open_store
from tests.conftest import ROOT, SEED_CAN, SEED_CN, SEEDS
from tests.servers import free_port

XSS = "<script>alert(1)</script>"
QUERIES = sorted((ROOT / "endpoint" / "queries").glob("*.rq"))
CHEAP = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?t }"


def build_store(work: Path) -> tuple[Path, list[str]]:
    """The seeds plus a copy of the contract notice titled with a script tag; returns notice IRIs."""
    texts = [(SEEDS / f"{s}.txt").read_text(encoding="utf-8") for s in (SEED_CN, SEED_CAN)]
    hostile = (
        texts[0]
        .replace("26-16132", "26-99999")
        .replace("SERVICES D'ASSISTANCE TECHNIQUE ET D'ACCOMPAGNEMENT LOGICIELS", XSS)
    )
    iris = []
    with open_store(str(work / "store")) as store:
        for n, text in enumerate([*texts, hostile]):
            mapped = map_notice(parse_text(text, name=f"n{n}.txt"))
            record = StoredGraph(mapped.iri, f"h{n}", mapped.notice_id, mapped.version)
            store.replace_graph(mapped.iri, mapped.to_ntriples(), record)
            iris.append(mapped.notice_iri)
    dumps = work / "dumps"
    dumps.mkdir(exist_ok=True)
    (dumps / "boamp-kg.nt").write_text("# a dump\n", encoding="utf-8")
    (work / "secret.txt").write_text("SECRET-OUTSIDE-DUMPS\n", encoding="utf-8")
    return work / "store", iris


@contextlib.contextmanager
def serving(work: Path, **settings: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``boamp-kg serve`` on a free loopback port; yields (base URL, process); stops it."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.update({f"BOAMP_KG_{k.upper()}": v for k, v in settings.items()})
    env.update(BOAMP_KG_STORE=str(work / "store"), BOAMP_KG_DUMPS=str(work / "dumps"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg_builder", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=work,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/sparql", params={"query": "ASK {}"}, timeout=2).is_success:
                    break
            if proc.poll() is not None:
                raise RuntimeError(f"boamp-kg serve exited with {proc.returncode}")
            time.sleep(0.1)
        yield base, proc
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, 15)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
            for task in Path(f"/proc/{p}/task").iterdir():
                kids = (task / "children").read_text().split()
                todo.extend(int(k) for k in kids)
    return total


def _mix(iris: list[str]) -> list[tuple[str, dict[str, str]]]:
    from endpoint.urls import Urls
    from kg_builder.settings import load_config

    urls = Urls(load_config().base_iri)
    mix = [("/sparql", {"query": q.read_text(encoding="utf-8")}) for q in QUERIES]
    mix.append(("/sparql", {"query": CHEAP}))
    mix += [(urls.page(i), {}) for i in iris]
    mix.append(("/dumps/", {}))
    return mix


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


async def _client(
    base: str,
    mix: list[tuple[str, dict[str, str]]],
    until: float,
    n: int,
    seen: list[tuple[int, float]],
) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        i = n
        while time.monotonic() < until:
            path, params = mix[i % len(mix)]
            i += 1
            start = time.monotonic()
            try:
                r = await client.get(
                    path,
                    params=params,
                    headers={"Accept": "application/sparql-results+json, text/html"},
                )
                seen.append((r.status_code, time.monotonic() - start))
            except httpx.HTTPError:
                seen.append((599, time.monotonic() - start))


def load(
    base: str,
    proc: subprocess.Popen[bytes],
    iris: list[str],
    *,
    clients: int = 50,
    seconds: float = 60.0,
) -> dict[str, object]:
    """``clients`` concurrent clients for ``seconds`` over the query mix and pages."""
    mix = _mix(iris)
    seen: list[tuple[int, float]] = []
    peak = [tree_rss(proc.pid)]
    idle = peak[0]

    async def main() -> None:
        until = time.monotonic() + seconds

        async def sample() -> None:
            while time.monotonic() < until:
                peak.append(tree_rss(proc.pid))
                await asyncio.sleep(0.5)

        await asyncio.gather(
            sample(), *(_client(base, mix, until, n, seen) for n in range(clients))
        )

    asyncio.run(main())
    latencies = [t for _, t in seen]
    statuses = Counter(s for s, _ in seen)
    return {
        "clients": clients,
        "seconds": seconds,
        "requests": len(seen),
        "requests_per_second": round(len(seen) / seconds, 1),
        "p50_ms": round(pct(latencies, 50) * 1000, 1),
        "p95_ms": round(pct(latencies, 95) * 1000, 1),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "errors_5xx": sum(v for k, v in statuses.items() if k >= 500),
        "server_rss_idle_mib": idle >> 20,
        "server_rss_peak_mib": max(peak) >> 20,
    }


def _hostile_queries() -> dict[str, str]:
    return {
        "cartesian-product": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
        "catastrophic-regex": (
            "SELECT * WHERE { ?s ?p ?o . ?x ?y ?z . FILTER(REGEX(CONCAT(STR(?o), STR(?z), "
            '"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"), "^(a+)+$")) }'
        ),
        "huge-offset": "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c } OFFSET 1000000000000 LIMIT 1",
        "deep-property-path": "SELECT * WHERE { ?s (<urn:p>|!<urn:q>)*/(^!<urn:r>)*/(!<urn:s>)* ?o }",
        "update-insert": "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "update-drop": "DROP ALL",
        "load": "LOAD <http://127.0.0.1:9/evil.ttl>",
        "service": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "service-variable": "SELECT * WHERE { BIND(<http://127.0.0.1:9/> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    }


TRAVERSALS = [
    "/dumps/../../etc/passwd",
    "/dumps/%2e%2e/%2e%2e/etc/passwd",
    "/dumps/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/dumps/..%2fsecret.txt",
    "/dumps/%252e%252e%252fsecret.txt",
    "/dumps/....//....//etc/passwd",
    "/dumps/%c0%ae%c0%ae/secret.txt",
    "/dumps//etc/passwd",
    "/dumps/.%2e/secret.txt",
    "/static/../../../etc/passwd",
    "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
]

ODD_IRIS = [
    "/page/notice/%00",
    "/page/notice/%ff%fe",
    "/page/" + "a" * 20000,
    "/page/notice/<script>",
    "/page/notice/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "/page/notice/..%2F..%2F",
    "/page/notice/\u00e9t\u00e9",
    "/page/notice/%F0%9F%92%A9",
    "/data/notice/x.ttl%00.html",
    "/data/notice/x.exe",
    "/page/notice/x?offset=-1&limit=999999999",
    "/page/notice/x?offset=abc",
    "/search?q=" + "%27%22%3E%3Cscript%3E" * 50,
    "/describe?iri=javascript:alert(1)",
]


#: a kept-alive connection the server closed while a process restarted: closed before the
#: response (RemoteProtocolError) or reset while reading it (ReadError); retried once
DROPPED = (httpx.RemoteProtocolError, httpx.ReadError)


def attacks(base: str, iris: list[str]) -> dict[str, object]:
    """Each attack with a canary asking a cheap query at the same time."""
    results: dict[str, object] = {}
    canary: list[tuple[int, float]] = []
    stop = [False]

    async def canary_loop() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            while not stop[0]:
                start = time.monotonic()
                for attempt in (1, 2):  # a dropped keep-alive connection is retried once
                    try:
                        r = await client.get("/sparql", params={"query": CHEAP})
                        canary.append((r.status_code, time.monotonic() - start))
                    except DROPPED:
                        if attempt == 1:
                            continue
                        canary.append((599, time.monotonic() - start))
                    except httpx.HTTPError:
                        canary.append((599, time.monotonic() - start))
                    break
                await asyncio.sleep(0.1)

    resets: list[str] = []

    async def hostile(client: httpx.AsyncClient, name: str, send: Callable[[], Any]) -> None:
        """One hostile request. A connection closed before any response (a server process
        restarting after it stopped an overrunning query closes its kept-alive connections) is
        retried once, as browsers do for a stale keep-alive connection, and counted."""
        start = time.monotonic()
        for attempt in (1, 2):
            try:
                r = await send()
            except DROPPED as exc:
                if attempt == 2:
                    results[name] = {"status": 599, "error": f"{type(exc).__name__} twice"}
                    return
                resets.append(name)
                continue
            except httpx.HTTPError as exc:
                results[name] = {"status": 599, "error": type(exc).__name__}
                return
            results[name] = {
                "status": r.status_code,
                "seconds": round(time.monotonic() - start, 2),
                "body": r.text[:160],
            }
            return

    async def main() -> None:
        task = asyncio.create_task(canary_loop())
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            jobs = []
            big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (10 << 20)
            update = {"Content-Type": "application/sparql-update"}
            for name, q in _hostile_queries().items():
                get = functools.partial(client.get, "/sparql", params={"query": q})
                post = functools.partial(client.post, "/sparql", content=q, headers=update)
                jobs.append(hostile(client, f"query:{name}", get))
                jobs.append(hostile(client, f"post-update:{name}", post))
            raw = {"Content-Type": "application/sparql-query"}
            text = functools.partial(client.post, "/sparql", content=big.encode(), headers=raw)
            form = functools.partial(client.post, "/sparql", data={"query": big})
            jobs.append(hostile(client, "query:10MB-text", text))
            jobs.append(hostile(client, "query:10MB-form", form))
            await asyncio.gather(*jobs)
            for path in TRAVERSALS + ODD_IRIS:
                await hostile(client, f"get:{path[:80]}", functools.partial(client.get, path))
        stop[0] = True
        await task

    asyncio.run(main())
    from endpoint.urls import Urls
    from kg_builder.settings import load_config

    page = httpx.get(base + Urls(load_config().base_iri).page(iris[-1]), timeout=30)
    return {
        "attacks": results,
        "connection_resets_retried": resets,
        "canary": {
            "requests": len(canary),
            "statuses": {str(k): v for k, v in sorted(Counter(s for s, _ in canary).items())},
            "max_ms": round(max(t for _, t in canary) * 1000, 1) if canary else None,
        },
        "xss_page": {
            "status": page.status_code,
            "raw_script_tag": XSS in page.text,
            "escaped": "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text,
        },
    }


__all__ = ["attacks", "build_store", "load", "replace", "serving"]
