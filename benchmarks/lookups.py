"""``python -m benchmarks.lookups STORE OUT.json``: the cheap half of the endpoint phase, for a
store too large for the aggregates.

At 10,000 notices the top-buyers aggregate already took 4 s on every server and grew ~6x faster
than the data; at 100,000 it would pass the endpoint's 60 s query timeout and keep the run busy
for hours. What stays cheap at any size is what a linked-data visitor does: an IRI lookup and a
notice page. This measures those two, on boamp-kg and (for the lookup) ``oxigraph
serve-read-only``, in alternation as :mod:`benchmarks.serving` does, plus lookups/s at 8 clients.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from benchmarks import endpoint as helper
from benchmarks.machine import describe, find_process, load_average, tree_peak_rss_mib
from benchmarks.serving import PREFIXES, latencies, page_latency, start_store_servers


def notices(store_path: Path, n: int = 500) -> list[str]:
    store = ox.Store.read_only(str(store_path))
    rows = store.query(
        PREFIXES + f"SELECT ?notice WHERE {{ ?notice a epo:Notice }} LIMIT {n}",
        use_default_graph_as_union=True,
    )
    found = [row["notice"].value for row in rows]  # type: ignore[index, union-attr]
    del store
    return found


def measure(store_path: Path, runs: int = 60, seconds: float = 4.0) -> dict[str, Any]:
    iris = notices(store_path)
    query = {"iri-lookup": f"SELECT ?p ?o WHERE {{ <{iris[len(iris) // 2]}> ?p ?o }}"}
    figures: dict[str, Any] = {"triples": None, "started": time.strftime("%H:%M:%S")}
    with contextlib.ExitStack() as stack:
        servers, ports = start_store_servers(stack, store_path)
        results = latencies(servers, query, runs, slow=set())
        results["boamp-kg"]["page"] = page_latency(servers["boamp-kg"], iris, runs)
        lookups = [f"SELECT ?p ?o WHERE {{ <{n}> ?p ?o }}" for n in iris]
        for name in servers:
            rate = helper.throughput(servers[name], lookups, 8, seconds)
            results[name]["lookups_per_s"] = {"8": round(rate, 1)}
            print(f"    {name:22}  8 clients {rate:8.1f} lookups/s", flush=True)
        for name in servers:
            pid = find_process(ports[name])
            results[name]["peak_rss_mib"] = tree_peak_rss_mib(pid) if pid else None
    ours, theirs = results["boamp-kg"], results["oxigraph server"]
    figures["servers"] = list(results.values())
    figures["ratios"] = {
        "p50_vs_oxigraph_server[iri-lookup]": round(
            ours["p50_ms"]["iri-lookup"] / theirs["p50_ms"]["iri-lookup"], 2
        ),
        "throughput_vs_oxigraph_server[8 clients]": round(
            ours["lookups_per_s"]["8"] / theirs["lookups_per_s"]["8"], 2
        ),
    }
    return figures


def main(argv: list[str] | None = None) -> int:
    args = argv or sys.argv[1:]
    store_path, out = Path(args[0]), Path(args[1])
    result = {
        "machine": describe(),
        "load_average_start": load_average(),
        "endpoint_lookups": measure(store_path),
        "load_average_end": load_average(),
    }
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result["endpoint_lookups"]["ratios"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
