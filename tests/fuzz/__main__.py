"""``make fuzz`` = ``python -m tests.fuzz``: the long robustness run, with a JSON summary.

Parts (each can be chosen with ``--only``): ``inputs`` (10,000+ mutated and hostile files
under kernel-enforced bounds, both PDF engines on the hostile set), ``faults`` (20 random
SIGKILLs of a build, a remote store killed mid-build, full tmpfs disks), ``endpoint`` (50
clients for 60 s, then the attacks). Exit status 0 when every check held, 1 otherwise. The
summary goes to ``tests/output/fuzz-summary.json`` (figures quoted in docs/reliability.md).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any, cast

from tests.conftest import ROOT, SEED_CAN, SEED_CN, SEEDS
from tests.fuzz.harness import Limits, Outcome, read_bounded

OUTPUT = ROOT / "tests" / "output" / "fuzz-summary.json"
BOUNDS = Limits(seconds=20.0, memory=1536 * 1024 * 1024, cpu=3600)
ACCEPTABLE = {"ok", "input-error"}


def _figures(outcomes: list[Outcome]) -> dict[str, Any]:
    times = sorted(o.seconds for o in outcomes)
    return {
        "files": len(outcomes),
        "outcomes": dict(Counter(o.kind for o in outcomes)),
        "max_seconds": round(times[-1], 3) if times else None,
        "p99_seconds": round(times[int(len(times) * 0.99)], 3) if times else None,
        "peak_worker_rss_mib": max((o.peak_rss for o in outcomes), default=0) >> 20,
    }


def run_inputs(work: Path, count: int, seed: int) -> dict[str, Any]:
    from tests.fuzz.corpus import hostile_files, mutated_files

    seed_text = (SEEDS / f"{SEED_CN}.txt").read_text(encoding="utf-8")
    hostile = hostile_files(work / "hostile", seed_text)
    result: dict[str, Any] = {"hostile": {}}
    bad: list[dict[str, str]] = []
    for engine in ("pypdfium2", "pdfplumber"):
        outcomes = read_bounded(hostile.values(), engine=engine, limits=BOUNDS)
        result["hostile"][engine] = {
            kind: {"outcome": o.kind, "detail": o.detail[-160:], "seconds": round(o.seconds, 3)}
            for kind, o in zip(hostile, outcomes, strict=True)
        }
        bad += [
            {"file": o.path, "kind": o.kind, "detail": o.detail}
            for o in outcomes
            if o.kind not in ACCEPTABLE
        ]
    seeds = [(SEEDS / f"{s}.txt").read_bytes() for s in (SEED_CN, SEED_CAN)]
    seeds += [(SEEDS / "pdf" / f"{s}.pdf").read_bytes() for s in (SEED_CN, SEED_CAN)]
    rng = random.Random(seed)
    by_mutation: dict[str, Counter[str]] = {}
    outcomes = []
    batch: list[tuple[str, Path]] = []
    for name, path in mutated_files(work / "mutants", seeds, count, rng):
        batch.append((name, path))
        if len(batch) == 512 or len(outcomes) + len(batch) == count:  # paths are reused mod 512
            read = read_bounded([p for _, p in batch], limits=BOUNDS)
            for (mutation, path_), o in zip(batch, read, strict=True):
                by_mutation.setdefault(mutation.split("+")[0], Counter())[o.kind] += 1
                if o.kind not in ACCEPTABLE:
                    keep = work / "findings" / f"{len(bad):04d}-{path_.name}"
                    keep.parent.mkdir(exist_ok=True)
                    keep.write_bytes(path_.read_bytes())
                    bad.append(
                        {
                            "file": str(keep),
                            "mutation": mutation,
                            "kind": o.kind,
                            "detail": o.detail,
                        }
                    )
            outcomes += read
            batch = []
    result["mutants"] = _figures(outcomes)
    result["mutants"]["by_first_mutation"] = {k: dict(v) for k, v in sorted(by_mutation.items())}
    result["total_files"] = len(outcomes) + 2 * len(hostile)
    result["findings"] = bad
    result["passed"] = not bad
    return result


def run_faults(work: Path, kills: int) -> dict[str, Any]:
    from tests.fuzz import faults

    result: dict[str, Any] = {}
    for name, call in (
        ("kill_9", lambda: faults.kill_campaign(work / "kill", kills=kills)),
        ("remote_store_down", lambda: faults.remote_store_down(work / "remote")),
        ("disk_full", lambda: faults.disk_full(work / "disk")),
    ):
        (work / name).mkdir(parents=True, exist_ok=True)
        start = time.monotonic()
        try:
            result[name] = call() | {"passed": True}
        except Exception as exc:  # a failed check is a figure to report, not a crash
            result[name] = {
                "passed": False,
                "error": f"{type(exc).__name__}: {exc}",
                "trace": traceback.format_exc()[-2000:],
            }
        result[name]["seconds"] = round(time.monotonic() - start, 1)
    result["passed"] = all(r["passed"] for r in result.values() if isinstance(r, dict))
    return result


def run_endpoint(work: Path, clients: int, seconds: float) -> dict[str, Any]:
    from tests.fuzz import endpoint_attacks as ea

    _, iris = ea.build_store(work)
    with ea.serving(work, query_timeout="3") as (base, proc):
        load = ea.load(base, proc, iris, clients=clients, seconds=seconds)
        attacked = ea.attacks(base, iris)
    hits = cast(dict[str, dict[str, Any]], attacked["attacks"])
    statuses = {k: v["status"] for k, v in hits.items()}
    passed = (
        load["errors_5xx"] == 0
        and all(s == 403 for k, s in statuses.items() if k.startswith("post-update"))
        and all(s in {200, 400, 404, 422} for k, s in statuses.items() if k.startswith("get:"))
        and attacked["xss_page"] == {"status": 200, "raw_script_tag": False, "escaped": True}
    )
    return {"load": load, **attacked, "passed": passed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    parser.add_argument("--only", choices=["inputs", "faults", "endpoint"], action="append")
    parser.add_argument("--files", type=int, default=10_000, help="mutated files (default 10,000)")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if not SEEDS.exists():
        print(f"{SEEDS} is absent: the fuzz run mutates the seed notices", file=sys.stderr)
        return 2
    parts = args.only or ["inputs", "faults", "endpoint"]
    summary: dict[str, Any] = {
        "machine": {
            "cpus": __import__("os").cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "seed": args.seed,
        "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "bounds": {
            "seconds_per_file": BOUNDS.seconds,
            "worker_address_space_mib": BOUNDS.memory >> 20,
        },
    }
    with tempfile.TemporaryDirectory(prefix="boamp-kg-fuzz-") as tmp:
        work = Path(tmp)
        for part in parts:
            start = time.monotonic()
            print(f"fuzz: {part} ...", file=sys.stderr, flush=True)
            (work / part).mkdir()
            if part == "inputs":
                summary[part] = run_inputs(work / part, args.files, args.seed)
                if summary[part]["findings"]:  # keep the files that broke something
                    keep = args.output.parent / "fuzz-findings"
                    keep.mkdir(parents=True, exist_ok=True)
                    for f in summary[part]["findings"]:
                        src = Path(f["file"])
                        if src.exists():
                            (keep / src.name).write_bytes(src.read_bytes())
            elif part == "faults":
                summary[part] = run_faults(work / part, args.kills)
            else:
                summary[part] = run_endpoint(work / part, args.clients, args.seconds)
            summary[part]["part_seconds"] = round(time.monotonic() - start, 1)
            print(
                f"fuzz: {part} passed={summary[part]['passed']} in "
                f"{summary[part]['part_seconds']} s",
                file=sys.stderr,
                flush=True,
            )
    summary["passed"] = all(summary[p]["passed"] for p in parts)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"fuzz: summary in {args.output}; passed={summary['passed']}", file=sys.stderr)
    return 0 if summary["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
