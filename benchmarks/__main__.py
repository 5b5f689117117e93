"""``python -m benchmarks [--quick] [--sizes 1000,10000,100000]``: every stage, side by side.

For each corpus size: per-stage speed on one core (parse, map, serialise, SHACL with both
engines, store write, the worker's whole chain), the end-to-end build on 1 and on all cores
(each in a fresh process, peak RSS included), loading into the embedded store against
pyoxigraph's ``bulk_load``, and the endpoint against pyoxigraph in-process, ``oxigraph
serve-read-only`` and rdflib-endpoint. PDF stages run once, on a PDF corpus of their own
(rendering PDFs is slow and their cost per notice does not depend on the corpus size).

Prints a table, writes ``benchmarks/results/<date>.json`` and, with matplotlib installed (the
``bench`` extra), a PNG plot beside it. Benchmarks are not tests: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.machine import describe, load_average

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "data" / "corpus"
WORK = ROOT / "benchmarks" / "cache" / "run"
RESULTS = ROOT / "benchmarks" / "results"
#: rdflib-endpoint holds the graph in Python objects: above this it needs many GiB and minutes.
RDFLIB_MAX_TRIPLES = 1_000_000


@dataclass(frozen=True)
class Plan:
    """How much of each measurement a run does (``--quick`` is a smoke run, not figures)."""

    sample: int = 200
    repeats: int = 3
    pyshacl_sample: int = 20
    pdfs: int = 200
    pdfplumber_sample: int = 10
    build_repeats_up_to: int = 1000  # corpora up to this size are built ``repeats`` times
    #: above this size, no build on one core and no load comparison (at 100k notices they
    #: would add ~45, ~20 and ~15 minutes; the all-cores build, which reports the store's
    #: size on disk, still runs)
    single_core_up_to: int = 10_000
    query_runs: int = 60
    load_seconds: float = 4.0
    clients: tuple[int, ...] = (1, 8, 32)
    endpoint: bool = True


QUICK = Plan(
    sample=50,
    repeats=1,
    pyshacl_sample=5,
    pdfs=20,
    pdfplumber_sample=3,
    build_repeats_up_to=0,
    query_runs=10,
    load_seconds=1.5,
    clients=(1, 8),
)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def builds(corpus: Path, n: int, jobs: int, repeats: int) -> dict[str, Any]:
    """End-to-end builds in fresh processes; the median-time run's figures, plus every run's."""
    runs = []
    for _ in range(repeats):
        store = WORK / f"n{n}-jobs{jobs}"
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.buildrun",
                str(corpus),
                str(store),
                "--jobs",
                str(jobs),
            ],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        log(
            f"  build jobs={jobs}: {runs[-1]['notices_per_s']} notices/s, "
            f"builder peak {runs[-1]['builder_peak_rss_mib']} MiB"
        )
    runs.sort(key=lambda r: r["seconds"])
    median = dict(runs[len(runs) // 2])
    cores = jobs or (os.cpu_count() or 1)
    median["notices_per_s_per_core"] = round(median["notices_per_s"] / cores, 2)
    median["all_runs_seconds"] = [r["seconds"] for r in runs]
    return median


def measure_size(n: int, plan: Plan, rdflib: bool) -> dict[str, Any]:
    """Every figure for one corpus size."""
    from benchmarks import load, serving, stages
    from kg_builder.synth.corpus import generate_corpus

    corpus = generate_corpus(n, 0, CORPORA)
    log(
        f"corpus {n}: {corpus.path} ({'cached' if corpus.cached else f'{corpus.text_seconds:.1f} s'})"
    )
    figures: dict[str, Any] = {"notices": n}
    texts = corpus.texts
    step = max(1, len(texts) // plan.sample)
    figures["stages"] = stages.text_stages(
        texts[::step][: plan.sample], plan.repeats, plan.pyshacl_sample
    )
    log(
        f"  stages: {json.dumps({k: v['per_s'] for k, v in figures['stages'].items() if isinstance(v, dict)})}"
    )
    repeats = plan.repeats if n <= plan.build_repeats_up_to else 1
    single = n <= plan.single_core_up_to
    if single:
        figures["build_1_core"] = builds(corpus.path / "txt", n, 1, repeats)
    figures["build_all_cores"] = builds(corpus.path / "txt", n, 0, repeats)
    built = WORK / f"n{n}-jobs0"
    if single:
        figures["load_replace_graph"] = load.replace_graph_load(built, repeats)
    if single:
        figures["load_bulk"] = load.bulk_load(built, repeats)
        figures["load_ratio_vs_bulk_load"] = round(
            figures["load_replace_graph"]["triples_per_s"] / figures["load_bulk"]["triples_per_s"],
            3,
        )
        log(
            f"  load: replace_graph {figures['load_replace_graph']['triples_per_s']} "
            f"triples/s, bulk_load {figures['load_bulk']['triples_per_s']} triples/s"
        )
    if plan.endpoint:
        triples = figures["build_all_cores"]["stored_triples"]
        ntriples = None
        if rdflib and triples <= RDFLIB_MAX_TRIPLES:
            ntriples = serving.union_ntriples(built, WORK / f"n{n}.nt")
        figures["endpoint"] = serving.measure(
            built, ntriples, runs=plan.query_runs, seconds=plan.load_seconds, clients=plan.clients
        )
        figures["endpoint"]["triples"] = triples
        figures["endpoint"]["rdflib_endpoint"] = (
            "measured" if ntriples else f"skipped (more than {RDFLIB_MAX_TRIPLES} triples)"
        )
    return figures


def measure_pdf(plan: Plan) -> dict[str, Any]:
    from benchmarks import stages
    from kg_builder.synth.corpus import generate_corpus

    corpus = generate_corpus(plan.pdfs, 0, CORPORA, pdf=True, workers=1)
    log(f"PDF corpus {plan.pdfs}: {corpus.path}")
    return stages.pdf_stages(corpus.pdfs, plan.repeats, plan.pdfplumber_sample)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a one-minute smoke run (200 notices)")
    parser.add_argument(
        "--sizes", help="corpus sizes, comma-separated (default 1000,10000,100000; quick 200)"
    )
    parser.add_argument("--no-endpoint", action="store_true", help="skip the servers")
    parser.add_argument("--no-rdflib", action="store_true", help="skip rdflib-endpoint")
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder of the result JSON")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else Plan()
    if args.no_endpoint:
        plan = Plan(**{**plan.__dict__, "endpoint": False})
    default = "200" if args.quick else "1000,10000,100000"
    sizes = [int(s) for s in (args.sizes or default).split(",")]
    plan = Plan(**{**plan.__dict__, "pdfs": min(plan.pdfs, max(sizes))})
    WORK.mkdir(parents=True, exist_ok=True)
    started = time.time()
    result: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "command": "python -m benchmarks " + " ".join(sys.argv[1:] if argv is None else argv),
        "quick": args.quick,
        "machine": describe(),
        "plan": plan.__dict__,
        "load_average_start": load_average(),
    }
    log(f"machine: {result['machine']['cores']} cores, load {result['load_average_start']}")
    result["pdf"] = measure_pdf(plan)
    result["sizes"] = {}
    args.out.mkdir(parents=True, exist_ok=True)
    partial = args.out / f".partial-{os.getpid()}.json"
    for n in sizes:
        result["sizes"][str(n)] = measure_size(n, plan, rdflib=not args.no_rdflib)
        # a long run stopped half-way keeps the sizes it finished
        partial.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    partial.unlink()
    result["load_average_end"] = load_average()
    result["seconds"] = round(time.time() - started, 1)
    from benchmarks.report import print_table, targets

    result["targets"] = targets(result)
    out = (
        args.out
        / f"{time.strftime('%Y-%m-%d', time.gmtime())}{'-quick' if args.quick else ''}.json"
    )
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print_table(result)
    print(f"\nwritten: {out}")
    try:
        from benchmarks.plot import plot

        print(f"plot: {plot(result, out.with_suffix('.png'))}")
    except ImportError:
        print("plot: matplotlib not installed (pip install -e '.[bench]')")
    return 0


if __name__ == "__main__":
    sys.exit(main())
