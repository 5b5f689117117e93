"""One end-to-end build in a process of its own, so its peak memory is its own.

``python -m benchmarks.buildrun CORPUS STORE --jobs N`` builds ``CORPUS`` into a fresh store
with :func:`kg_builder.build.build` (process pool + single writer) and prints one JSON line: the
build summary, the writer's peak RSS (``getrusage(RUSAGE_SELF)``) and the peak of the whole
builder (writer + forkserver + workers): ``getrusage(RUSAGE_CHILDREN)`` cannot see the workers,
which are children of the forkserver, so a thread sums ``VmHWM`` over the process tree every
0.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from benchmarks.machine import peak_rss_mib, tree_peak_rss_mib
from benchmarks.stages import BASE_IRI


def folder_mib(path: Path) -> float:
    """Bytes on disk under ``path``, in MiB."""
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1024**2, 1)


def run(corpus: Path, store_path: Path, jobs: int) -> dict[str, object]:
    """Build ``corpus`` into a new store at ``store_path``.

    :return: notices, triples, seconds, notices/s, writer and worker peak RSS, store size.
    """
    from kg_builder.build import build
    from kg_builder.store import open_store

    shutil.rmtree(store_path, ignore_errors=True)
    peak = [0.0]
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.5):
            peak[0] = max(peak[0], tree_peak_rss_mib(os.getpid()))

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    with (
        tempfile.TemporaryDirectory(prefix="bench-q-") as quarantine,
        open_store(str(store_path)) as store,
    ):
        summary = build([corpus], store, base_iri=BASE_IRI, quarantine_dir=quarantine, jobs=jobs)
        stored_triples = store.triple_count()
    done.set()
    watcher.join()
    if not summary.ok:
        raise SystemExit(f"build failed: {summary.problems[:3]}")
    return {
        "jobs": jobs,
        "notices": summary.stored,
        "triples": summary.triples,
        "stored_triples": stored_triples,
        "seconds": round(summary.seconds, 2),
        "notices_per_s": round(summary.notices_per_second, 2),
        "triples_per_s": round(summary.triples_per_second),
        "writer_peak_rss_mib": peak_rss_mib(resource.RUSAGE_SELF),
        "builder_peak_rss_mib": max(peak[0], peak_rss_mib(resource.RUSAGE_SELF)),
        "store_mib": folder_mib(store_path),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("store", type=Path)
    parser.add_argument("--jobs", type=int, default=0)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.corpus, args.store, args.jobs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
