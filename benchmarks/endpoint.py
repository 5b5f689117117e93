"""Endpoint speed: boamp-kg's SPARQL endpoint against Oxigraph's own server and rdflib-endpoint.

Same data (~100k triples: the two seed notices mapped to ePO, copied with varied IRIs, buyers,
values and CPV codes), same queries, same run, same Python HTTP client:

* ``lookup``: every triple of one notice (an IRI lookup);
* ``group-by``: buyers ranked by number of notices (an aggregate over all notices);
* ``join``: framework agreements over a value (a filtered join).

For each server: p50/p95 latency of each query (sequential, keep-alive), then lookups per second
with 8 concurrent clients (processes). All servers run at once and are measured in alternation,
round by round, so that load from elsewhere on the machine falls on all of them alike. Prints a table and the ratios against the targets, and
writes the figures as JSON under ``benchmarks/results/``.

Run: ``python -m benchmarks.endpoint [--quick] [--triples N]``. rdflib-endpoint comes from the
optional ``bench`` extra (``pip install -e '.[bench]'``); it is skipped when absent.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / "cache" / "endpoint"
RESULTS = ROOT / "benchmarks" / "results"
SEEDS = ROOT.parent / "shared" / "seeds"
SEED_FILES = ("000_886e258503820caa.txt", "002_29a1c85642270e95.txt")
BIN = Path(sys.executable).parent

EPO = "PREFIX epo: <http://data.europa.eu/a4g/ontology#>\n"
QUERIES: dict[str, str] = {
    "lookup": "SELECT ?p ?o WHERE { <%(notice)s> ?p ?o }",
    "group-by": EPO
    + """SELECT ?buyer (COUNT(DISTINCT ?notice) AS ?notices) WHERE {
  ?notice a epo:Notice ; epo:announcesRole|epo:refersToRole ?role .
  ?role a epo:Buyer ; epo:playedBy ?buyer .
} GROUP BY ?buyer ORDER BY DESC(?notices) LIMIT 20""",
    "join": EPO
    + """SELECT ?notice ?scope ?maximum WHERE {
  ?notice a epo:Notice ; epo:announcesProcedure|epo:refersToProcedure|epo:announcesLot|epo:refersToLot ?scope .
  ?scope epo:hasLaunchFrameworkAgreementMaximumValue/epo:hasAmountValue ?maximum .
  FILTER(?maximum > 9000000)
} ORDER BY DESC(?maximum) LIMIT 20""",
}
TARGETS = {"p50_vs_oxigraph": 1.5, "throughput_vs_oxigraph": 0.7, "aggregate_vs_rdflib": 30.0}


# -- data -------------------------------------------------------------------------------------


def seed_graphs() -> list[tuple[str, str, str]]:
    """The two seeds as (graph IRI, notice IRI, N-Triples)."""
    from kg_builder.mapping import map_notice
    from kg_builder.readers import read_notice

    graphs = []
    for name in SEED_FILES:
        notice_graph = map_notice(read_notice(SEEDS / name))
        graphs.append(
            (str(notice_graph.iri), str(notice_graph.notice_iri), notice_graph.to_ntriples())
        )
    return graphs


def variant(text: str, index: int) -> str:
    """One copy of a seed graph with its own notice numbers, procedures, buyer and values."""
    text = re.sub(r"(2[56])-(1\d{4,5})", lambda m: f"{m.group(1)}-{m.group(2)}x{index}", text)
    text = re.sub(
        r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-)([0-9a-f]{12})",
        lambda m: f"{m.group(1)}{index:012d}",
        text,
    )
    buyer = index % 40
    text = text.replace("51292951400036", f"5129295140{buyer:04d}").replace(
        "18007004700014", f"1800700470{buyer:04d}"
    )
    text = re.sub(r'"(\d+)000000"\^\^', lambda m: f'"{int(m.group(1)) + index % 7}000000"^^', text)
    return text.replace("72600000", f"72{index % 9}00000")


def build_store(folder: Path, triples: int) -> tuple[list[str], Path]:
    """Write about ``triples`` triples into an embedded store (and an N-Triples copy for
    rdflib-endpoint); return the notice IRIs and the N-Triples file."""
    from kg_builder.store import StoredGraph, open_store

    seeds = seed_graphs()
    per_copy = sum(nt.count("\n") for _, _, nt in seeds)
    copies = max(1, triples // per_copy)
    marker = folder / f"built-{copies}"
    ntriples_file = folder / "union.nt"
    notices = [variant(iri, i) for i in range(copies) for _, iri, _ in seeds]
    if marker.exists():
        return notices, ntriples_file
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    with (
        open_store(str(folder / "store")) as store,
        ntriples_file.open("w", encoding="utf-8") as union,
    ):
        for i in range(copies):
            for graph, _, nt in seeds:
                graph_i, nt_i = variant(graph, i), variant(nt, i)
                store.replace_graph(graph_i, nt_i, StoredGraph(graph_i, f"h{i}", graph_i, "01"))
                union.write(nt_i if nt_i.endswith("\n") else nt_i + "\n")
    marker.touch()
    return notices, ntriples_file


# -- servers ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def server(
    command: list[str], url: str, env: dict[str, str] | None = None, wait: float = 120
) -> Iterator[str]:
    """Start ``command``, wait until ``url`` answers a query, yield it, stop the process."""
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        start_new_session=True,
    )
    deadline = time.monotonic() + wait
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(url, params={"query": "ASK {}"}, timeout=5).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"{command[0]} did not answer within {wait} s")
            time.sleep(0.2)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def boamp_kg(store: Path, port: int) -> list[str]:
    code = (
        "from endpoint.serve import run_serve; from kg_builder.settings import load_config; "
        f"run_serve(load_config(store={str(store)!r}, port={port}, query_timeout=60.0, result_limit=100000))"
    )
    return [sys.executable, "-c", code]


# -- measurements -----------------------------------------------------------------------------


@dataclass
class Figures:
    server: str
    p50_ms: dict[str, float] = field(default_factory=dict)
    p95_ms: dict[str, float] = field(default_factory=dict)
    lookups_per_s: float = 0.0


def _client_loop(url: str, queries: list[str], barrier: Any, seconds: float, counts: Any) -> None:
    """One client process: connect, wait for the others, then query for ``seconds``."""
    done = 0
    with httpx.Client(timeout=60) as client:
        client.get(url, params={"query": queries[0]}).raise_for_status()
        barrier.wait()
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            client.get(url, params={"query": queries[done % len(queries)]}).raise_for_status()
            done += 1
    counts.put(done)


def throughput(url: str, queries: list[str], clients: int, seconds: float) -> float:
    """Queries per second answered to ``clients`` processes querying at once."""
    context = multiprocessing.get_context("spawn")
    barrier, counts = context.Barrier(clients), context.Queue()
    processes = [
        context.Process(
            target=_client_loop,
            args=(url, queries[i::clients] or queries, barrier, seconds, counts),
        )
        for i in range(clients)
    ]
    for process in processes:
        process.start()
    total = sum(counts.get(timeout=seconds + 300) for _ in processes)
    for process in processes:
        process.join()
    return total / seconds


def interleaved(
    servers: dict[str, str], notices: list[str], runs: int, seconds: float, slow: set[str]
) -> list[Figures]:
    """Measure every server in the same minutes: requests alternate between servers round by
    round (and throughput slices rotate), so load from other processes on the machine falls on
    all of them alike. Servers in ``slow`` get fewer rounds of the costly queries."""
    figures = {name: Figures(name) for name in servers}
    names = list(servers)
    with httpx.Client(timeout=600) as client:
        for label, template in QUERIES.items():
            query = (
                template % {"notice": notices[len(notices) // 2]} if label == "lookup" else template
            )
            rounds = runs if label == "lookup" else max(5, runs // 5)
            times: dict[str, list[float]] = {name: [] for name in names}
            for name in names:  # warm-up
                for _ in range(3 if name in slow else 10):
                    client.get(servers[name], params={"query": query}).raise_for_status()
            for round_ in range(rounds):
                for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
                    if name in slow and label != "lookup" and round_ % 10:
                        continue
                    started = time.perf_counter()
                    client.get(servers[name], params={"query": query}).raise_for_status()
                    times[name].append(time.perf_counter() - started)
            for name in names:
                ordered = sorted(times[name])
                figures[name].p50_ms[label] = statistics.median(ordered) * 1000
                figures[name].p95_ms[label] = ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000
                print(
                    f"  {name:16} {label:9} p50 {figures[name].p50_ms[label]:8.2f} ms  p95 {figures[name].p95_ms[label]:8.2f} ms  ({len(ordered)} runs)",
                    flush=True,
                )
    lookups = [QUERIES["lookup"] % {"notice": n} for n in notices[:200]]
    slices = 3
    for slice_ in range(slices):
        for name in names[slice_ % len(names) :] + names[: slice_ % len(names)]:
            figures[name].lookups_per_s += (
                throughput(servers[name], lookups, 8, seconds / slices) / slices
            )
    for name in names:
        print(f"  {name:16} 8 clients {figures[name].lookups_per_s:8.0f} lookups/s", flush=True)
    return [figures[name] for name in names]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000, help="approximate data size")
    parser.add_argument(
        "--quick", action="store_true", help="fewer runs (a smoke test, not figures)"
    )
    parser.add_argument("--no-rdflib", action="store_true", help="skip rdflib-endpoint")
    args = parser.parse_args(argv)
    runs, seconds = (30, 2.0) if args.quick else (300, 5.0)

    notices, ntriples_file = build_store(CACHE, args.triples)
    store = CACHE / "store"
    print(f"data: {len(notices)} notices in {store}", flush=True)
    with contextlib.ExitStack() as stack:
        servers: dict[str, str] = {}
        port = free_port()
        servers["boamp-kg"] = stack.enter_context(
            server(boamp_kg(store, port), f"http://127.0.0.1:{port}/sparql")
        )
        port = free_port()
        oxigraph = [
            str(BIN / "oxigraph"),
            "serve-read-only",
            "--location",
            str(store),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ]
        servers["oxigraph server"] = stack.enter_context(
            server(oxigraph, f"http://127.0.0.1:{port}/query")
        )
        rdflib_bin = BIN / "rdflib-endpoint"
        if rdflib_bin.exists() and not args.no_rdflib:
            port = free_port()
            rdflib = [
                str(rdflib_bin),
                "serve",
                str(ntriples_file),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ]
            servers["rdflib-endpoint"] = stack.enter_context(
                server(rdflib, f"http://127.0.0.1:{port}/", wait=600)
            )
        else:
            print("rdflib-endpoint not installed (pip install -e '.[bench]'): skipped")
        results = interleaved(servers, notices, runs, seconds, slow={"rdflib-endpoint"})

    report = ratios(results)
    print_table(results, report)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"endpoint-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.write_text(
        json.dumps(
            {
                "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
                "notices": len(notices),
                "quick": args.quick,
                "servers": [asdict(r) for r in results],
                "ratios": report,
                "targets": TARGETS,
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    print(f"written: {out.relative_to(ROOT)}")
    return 0


def ratios(results: list[Figures]) -> dict[str, float]:
    by_name = {r.server: r for r in results}
    ours, oxigraph = by_name["boamp-kg"], by_name["oxigraph server"]
    report = {f"p50_vs_oxigraph[{q}]": ours.p50_ms[q] / oxigraph.p50_ms[q] for q in QUERIES}
    report["throughput_vs_oxigraph"] = ours.lookups_per_s / oxigraph.lookups_per_s
    if "rdflib-endpoint" in by_name:
        rdflib = by_name["rdflib-endpoint"]
        report["aggregate_vs_rdflib"] = rdflib.p50_ms["group-by"] / ours.p50_ms["group-by"]
    return report


def print_table(results: list[Figures], report: dict[str, float]) -> None:
    header = (
        f"{'server':16} "
        + " ".join(f"{q + ' p50 ms':>16}" for q in QUERIES)
        + f" {'lookups/s @8':>13}"
    )
    print("\n" + header + "\n" + "-" * len(header))
    for r in results:
        print(
            f"{r.server:16} "
            + " ".join(f"{r.p50_ms[q]:16.2f}" for q in QUERIES)
            + f" {r.lookups_per_s:13.0f}"
        )
    print()
    for key, value in report.items():
        if key.startswith("p50"):
            verdict = "ok" if value <= TARGETS["p50_vs_oxigraph"] else "MISSED"
            print(f"{key:36} {value:6.2f}x  (target <= {TARGETS['p50_vs_oxigraph']}x) {verdict}")
        elif key == "throughput_vs_oxigraph":
            verdict = "ok" if value >= TARGETS[key] else "MISSED"
            print(f"{key:36} {value:6.2f}x  (target >= {TARGETS[key]}x) {verdict}")
        else:
            verdict = "ok" if value >= TARGETS[key] else "MISSED"
            print(f"{key:36} {value:6.1f}x  (target >= {TARGETS[key]}x) {verdict}")


if __name__ == "__main__":
    sys.exit(main())
