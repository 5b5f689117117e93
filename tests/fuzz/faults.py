"""Faults injected into real builds: kill -9 at random moments, the remote store killed
mid-build, the disk filling up. Each returns figures for the summary and raises
``AssertionError`` when the store is left inconsistent.

"Consistent" is the store's own promise: every graph listed in the bookkeeping graph holds
exactly its notice's triples (no half graph), and a re-run stores exactly what is missing.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from kg_builder.settings import Config
from kg_builder.store import open_store
from tests.conftest import ROOT
from tests.servers import free_port
from tests.test_build_pipeline import assert_every_recorded_graph_is_complete, run, write_prepared

CHILD = textwrap.dedent(
    """
    import sys
    from kg_builder.build import build
    from kg_builder.errors import StoreError
    from kg_builder.settings import load_config
    from kg_builder.store import open_store
    from tests.test_build_pipeline import BASE, process_prepared

    config = load_config(store=sys.argv[2])
    try:
        with open_store(config.store, config=config) as store:
            s = build([sys.argv[1]], store, base_iri=BASE, quarantine_dir=sys.argv[3], jobs=1,
                      process=process_prepared, pipeline="test",
                      on_progress=lambda done, total: print(done, total, flush=True))
    except StoreError as exc:
        print("store-error", str(exc).splitlines()[0], flush=True)
        sys.exit(2)
    print("finished", s.stored, flush=True)
    """
)


def _child(corpus: str, location: str, work: Path) -> subprocess.Popen[str]:
    with (work / "child.err").open("a") as err:
        return subprocess.Popen(
            [sys.executable, "-c", CHILD, corpus, location, str(work / "q")],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
        )


def kill_campaign(
    work: Path, *, kills: int = 20, notices: int = 400, seed: int = 1
) -> dict[str, object]:
    """Kill a build with SIGKILL ``kills`` times at random moments, checking the store each time.

    The same store is killed again and again (each re-run resumes, then dies too), as a
    crashing cron job would; at the end one clean run must complete it, triple for triple.

    :return: figures: kills done, graphs present at each kill, resumes, final graph count
    """
    rng = random.Random(seed)
    write_prepared(work / "in", notices)
    corpus, location = f"{work}/in/*.nt", str(work / "store")
    survivors = []
    runs: list[dict[str, object]] = []
    for _ in range(kills):
        child = _child(corpus, location, work)
        delay = rng.uniform(0.3, 6.0)
        time.sleep(delay)  # startup ~1 s: some kills land before any write
        early = child.poll()  # it died (or finished) on its own before the kill
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        out = child.stdout.read() if child.stdout else ""
        assert early in (None, 0), f"build exited {early} before the kill: {out[-300:]}"
        lines = out.splitlines()
        runs.append(
            {
                "delay_s": round(delay, 2),
                "first": lines[0] if lines else "",
                "last": lines[-1] if lines else "",
            }
        )
        with open_store(location, read_only=True) as store:
            assert_every_recorded_graph_is_complete(store, work / "in")
            survivors.append(len(store.graph_records()))
        if survivors[-1] == notices:  # finished before the kill: start over on a fresh store
            shutil.rmtree(location)
    summary, quads = run([corpus], location, work)
    _, clean = run([corpus], work / "clean", work)
    meta = "<urn:boamp-kg:meta>"
    assert [q for q in quads if q[3] != meta] == [q for q in clean if q[3] != meta]
    return {
        "kills": kills,
        "notices": notices,
        "graphs_at_each_kill": survivors,
        "kills_before_any_new_graph": sum(
            1 for a, b in zip([0, *survivors], survivors, strict=False) if b == a and b != notices
        ),
        "final_run": {"stored": summary.stored + summary.replaced, "unchanged": summary.unchanged},
        "consistent_after_every_kill": True,
        "runs": runs,
    }


def remote_store_down(work: Path, *, notices: int = 150) -> dict[str, object]:
    """A real ``oxigraph serve`` killed (SIGKILL) while a build writes to it.

    The build must stop with a clear store error (exit 2, one line); restarted on the same
    data folder, the server still holds every graph it had acknowledged, each complete; a
    re-run completes the corpus.
    """
    binary = Path(sys.executable).parent / "oxigraph"
    write_prepared(work / "in", notices)
    corpus, data = f"{work}/in/*.nt", work / "db"

    def serve(port: int) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(
            [
                str(binary),
                "serve",
                "--location",
                str(data),
                "--bind",
                f"127.0.0.1:{port}",
                "--union-default-graph",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import httpx

        for _ in range(300):
            try:
                httpx.get(f"http://127.0.0.1:{port}/query", params={"query": "ASK {}"}, timeout=1)
                return proc
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("oxigraph serve did not start")

    port = free_port()
    server = serve(port)
    url = f"http://127.0.0.1:{port}/query"
    env_store = f"{url}"
    os.environ["BOAMP_KG_STORE_UPDATE_URL"] = f"http://127.0.0.1:{port}/update"
    try:
        child = _child(corpus, env_store, work)
        assert child.stdout is not None
        seen = 0
        for line in child.stdout:
            if line.split()[0].isdigit():
                seen = int(line.split()[0])
                if seen >= notices // 3:
                    server.send_signal(signal.SIGKILL)
                    server.wait()
                    break
        rest = child.stdout.read()
        code = child.wait(timeout=120)
        assert code == 2 and "store-error" in rest, (code, rest)
        message = next(ln for ln in rest.splitlines() if ln.startswith("store-error"))
        server = serve(port)
        config = Config(store=url, store_update_url=f"http://127.0.0.1:{port}/update")
        with open_store(url, read_only=True, config=config) as store:
            kept = len(store.graph_records())
            assert kept >= seen - 1, (kept, seen)  # the one in flight may be lost, no more
            assert_every_recorded_graph_is_complete(store, work / "in")
        summary, _ = run([corpus], url, work, config=config)
        assert summary.unchanged == kept and summary.failed == 0
    finally:
        os.environ.pop("BOAMP_KG_STORE_UPDATE_URL", None)
        server.kill()
        server.wait()
    return {
        "acknowledged_before_kill": seen,
        "graphs_kept": kept,
        "error": message,
        "rerun_stored": summary.stored + summary.replaced,
    }


def disk_full(work: Path, *, sizes_mib: tuple[int, ...] = (2, 3, 5)) -> dict[str, object]:
    """Builds onto tmpfs disks too small for the corpus: each must stop with a store error and
    keep whole graphs. Needs root (mount); otherwise reports ``skipped``."""
    write_prepared(work / "in", 200)
    results = []
    for size in sizes_mib:
        disk = work / f"disk{size}"
        disk.mkdir()
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}m", "tmpfs", str(disk)],
            capture_output=True,
        )
        if mounted.returncode:
            return {"skipped": mounted.stderr.decode(errors="replace").strip()}
        try:
            child = _child(f"{work}/in/*.nt", str(disk / "store"), work)
            out, _ = child.communicate(timeout=300)
            shutil.copytree(disk / "store", work / f"copy{size}")
        finally:
            subprocess.run(["umount", "-l", str(disk)], check=False)
        assert child.returncode == 2 and "store-error" in out, (child.returncode, out[-500:])
        with open_store(str(work / f"copy{size}"), read_only=True) as store:
            kept = len(store.graph_records())
            assert_every_recorded_graph_is_complete(store, work / "in")
        error = next(ln for ln in out.splitlines() if ln.startswith("store-error"))
        results.append({"tmpfs_mib": size, "graphs_kept": kept, "error": error[:200]})
    return {"runs": results}
