"""Loading into the embedded store: the project's one-graph-per-transaction writes against
pyoxigraph's own ``bulk_load`` of the same quads, and the size each leaves on disk.

The project writes each notice as one transaction (:meth:`Store.replace_graph`: the graph and
its record together, so a killed build leaves whole notices only); ``bulk_load`` is the fastest
way pyoxigraph has to fill a store and gives up that guarantee. The ratio says what the
guarantee costs.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from benchmarks.buildrun import folder_mib


def _graphs(source: ox.Store, meta: str) -> list[str]:
    return sorted(g.value for g in source.named_graphs() if g.value != meta)


def replace_graph_load(built: Path, repeats: int) -> dict[str, Any]:
    """Copy every notice graph of the store at ``built`` into a new store through
    :meth:`replace_graph`, timing the writes only (graphs are read from ``built`` between them).

    :return: triples, seconds (median of ``repeats``), triples/s, notices/s, store MiB per
        million triples
    """
    from kg_builder.store import open_store
    from kg_builder.store.base import META_GRAPH

    source = open_store(str(built), read_only=True)
    records = source.graph_records()
    inner = source.pyoxigraph  # type: ignore[attr-defined]
    graphs = [g for g in _graphs(inner, META_GRAPH) if g in records]
    # the shared graph (facts about organisations and EU concepts, one copy) goes with the
    # first notice: the build adds each notice's share of it, mostly triples already there
    shared = [g for g in _graphs(inner, META_GRAPH) if g not in records]

    def ntriples(graph: str) -> tuple[str, int]:
        quads = list(inner.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
        text = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES) or b""
        return text.decode(), len(quads)

    runs, triples, size = [], 0, 0.0
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="bench-load-") as folder:
            spent, triples = 0.0, 0
            with open_store(str(Path(folder) / "store")) as target:
                for i, graph in enumerate(graphs):
                    text, count = ntriples(graph)
                    extra = [(g, *ntriples(g)) for g in shared] if i == 0 else []
                    started = time.perf_counter()
                    target.replace_graph(
                        graph,
                        text,
                        records[graph],
                        shared=(extra[0][0], extra[0][1]) if extra else None,
                    )
                    spent += time.perf_counter() - started
                    triples += count + sum(e[2] for e in extra)
            size = folder_mib(Path(folder))
            runs.append(spent)
    source.close()
    seconds = statistics.median(runs)
    return {
        "notices": len(graphs),
        "triples": triples,
        "seconds": round(seconds, 2),
        "runs": repeats,
        "triples_per_s": round(triples / seconds),
        "notices_per_s": round(len(graphs) / seconds, 1),
        "mib_per_million_triples": round(size / triples * 1e6, 1),
    }


def bulk_load(built: Path, repeats: int) -> dict[str, Any]:
    """Dump the store at ``built`` to N-Quads, then time ``pyoxigraph.Store.bulk_load`` of that
    file into a new store (median of ``repeats``).

    :return: quads, seconds, quads/s, store MiB per million quads (after bulk load)
    """
    runs, size = [], 0.0
    with tempfile.TemporaryDirectory(prefix="bench-bulk-") as folder:
        dump = Path(folder) / "all.nq"
        ox.Store.read_only(str(built)).dump(str(dump), format=ox.RdfFormat.N_QUADS)
        quads = 0
        with dump.open("rb") as f:
            for _ in f:
                quads += 1
        for _ in range(repeats):
            target_path = Path(folder) / "bulk"
            shutil.rmtree(target_path, ignore_errors=True)
            target = ox.Store(str(target_path))
            started = time.perf_counter()
            target.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
            target.flush()
            runs.append(time.perf_counter() - started)
            del target
            size = folder_mib(target_path)
        dump_mib = folder_mib(dump.parent) - size
    seconds = statistics.median(runs)
    return {
        "quads": quads,
        "seconds": round(seconds, 2),
        "runs": repeats,
        "triples_per_s": round(quads / seconds),
        "mib_per_million_triples": round(size / quads * 1e6, 1),
        "nquads_mib": round(dump_mib, 1),
    }
