"""kill -9 in the middle of a build: the store stays consistent and a re-run completes the rest.

A real build runs in a child process and reports each stored notice on stdout; once a third of
the corpus is in, the test sends SIGKILL. Then: every graph that has a META record holds exactly
its notice's triples (no half graph), and a second build stores exactly the notices that were
missing and skips the others as unchanged, ending with the same triples as an uninterrupted
build. Run on the embedded store (one transaction per notice) and on Virtuoso written through
the Graph Store Protocol (graph PUT, then record: two requests, the record always second).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kg_builder.store import open_store
from tests.conftest import ROOT
from tests.servers import shared_server, wipe
from tests.test_build_pipeline import assert_every_recorded_graph_is_complete, run, write_prepared

N = 60

CHILD = textwrap.dedent(
    """
    import sys, time
    from kg_builder.build import build
    from kg_builder.settings import load_config
    from kg_builder.store import open_store
    from tests.test_build_pipeline import BASE, process_prepared

    def progress(done, total):
        print(done, total, flush=True)
        if done >= total // 3:  # slow down once the test may kill, so it cannot finish first
            time.sleep(0.02)

    config = load_config(store=sys.argv[2])
    with open_store(config.store, config=config) as store:
        build([sys.argv[1]], store, base_iri=BASE, quarantine_dir=sys.argv[3], jobs=1,
              process=process_prepared, on_progress=progress, pipeline="test")
    print("finished", flush=True)
    """
)


@pytest.mark.parametrize(
    "where",
    [
        "embedded",
        pytest.param(
            "virtuoso-gsp", marks=[pytest.mark.integration, pytest.mark.xdist_group("virtuoso")]
        ),
    ],
)
def test_a_build_killed_midway_leaves_whole_graphs_and_a_rerun_completes_it(
    tmp_path: Path, request: pytest.FixtureRequest, where: str
) -> None:
    write_prepared(tmp_path / "in", N)
    corpus = f"{tmp_path}/in/*.nt"
    location, config, env = str(tmp_path / "store"), None, dict(os.environ)
    if where != "embedded":
        server = shared_server("virtuoso", request)
        wipe(server)
        config = server.config(gsp=True)
        location = config.store
        env.update({f"BOAMP_KG_{k.upper()}": v for k, v in server.settings(gsp=True).items()})
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, corpus, location, str(tmp_path / "q")],
        cwd=ROOT,
        env=env,
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

    with open_store(location, read_only=True, config=config) as store:
        survivors = len(store.graph_records())
        assert N // 3 <= survivors < N
        assert_every_recorded_graph_is_complete(store, tmp_path / "in")

    resumed, quads = run([corpus], location, tmp_path, config=config)
    assert (resumed.unchanged, resumed.stored + resumed.replaced, resumed.failed) == (
        survivors,
        N - survivors,
        0,
    )
    _, clean = run([corpus], tmp_path / "clean", tmp_path)
    meta = "<urn:boamp-kg:meta>"
    if where == "embedded":
        assert [q for q in quads if q[3] != meta] == [q for q in clean if q[3] != meta]
    else:  # Virtuoso stores "25"^^xsd:decimal as "25"^^xsd:integer: compare all but the object
        assert sorted((s, p, g) for s, p, _, g in quads if g != meta) == sorted(
            (s, p, g) for s, p, _, g in clean if g != meta
        )
