"""kill -9 in the middle of a build: the store stays consistent and a re-run completes the rest.

A real build runs in a child process and reports each stored notice on stdout; once a third of
the corpus is in, the test sends SIGKILL. Then: every graph that has a META record holds exactly
its notice's triples (no half graph), and a second build stores exactly the notices that were
missing and skips the others as unchanged, ending with the same triples as an uninterrupted build.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from kg_builder.store import open_store
from tests.conftest import ROOT
from tests.test_build_pipeline import assert_every_recorded_graph_is_complete, run, write_prepared

N = 60

CHILD = textwrap.dedent(
    """
    import sys, time
    from kg_builder.build import build
    from kg_builder.store import open_store
    from tests.test_build_pipeline import BASE, process_prepared

    def progress(done, total):
        print(done, total, flush=True)
        if done >= total // 3:  # slow down once the test may kill, so it cannot finish first
            time.sleep(0.02)

    with open_store(sys.argv[2]) as store:
        build([sys.argv[1]], store, base_iri=BASE, quarantine_dir=sys.argv[3], jobs=1,
              process=process_prepared, on_progress=progress, pipeline="test")
    print("finished", flush=True)
    """
)


def test_a_build_killed_midway_leaves_whole_graphs_and_a_rerun_completes_it(
    tmp_path: Path,
) -> None:
    write_prepared(tmp_path / "in", N)
    corpus, store_path = f"{tmp_path}/in/*.nt", tmp_path / "store"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, corpus, str(store_path), str(tmp_path / "q")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    for line in child.stdout:
        if line.split()[0].isdigit() and int(line.split()[0]) >= N // 3:
            child.send_signal(signal.SIGKILL)
            break
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL

    with open_store(str(store_path), read_only=True) as store:
        survivors = len(store.graph_records())
        assert N // 3 <= survivors < N
        assert_every_recorded_graph_is_complete(store, tmp_path / "in")

    resumed, quads = run([corpus], store_path, tmp_path)
    assert (resumed.unchanged, resumed.stored, resumed.failed) == (survivors, N - survivors, 0)
    _, clean = run([corpus], tmp_path / "clean", tmp_path)
    meta = "<urn:boamp-kg:meta>"
    assert [q for q in quads if q[3] != meta] == [q for q in clean if q[3] != meta]
