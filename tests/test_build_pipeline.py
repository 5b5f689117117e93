"""The build pipeline, specified: inputs, idempotent re-runs, versions, bad files, store failures.

Two kinds of input. The store mechanics (hash skip, atomic replace, versions, faults) are run
on *prepared* notices: real ePO graphs made by ``map_notice`` from the synthetic generator and
written as N-Triples files with a one-line JSON header, read by :func:`process_prepared`, so a
test of 40 notices takes a second instead of minutes of SHACL. The real chain (read, map,
validate) runs end-to-end on the seed notices and on real bad files.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg_builder.build import Options, Outcome, build, expand_inputs
from kg_builder.errors import InputError, StoreError
from kg_builder.settings import Config
from kg_builder.store import META_GRAPH, open_store
from tests.conftest import SEED_CN, SEEDS, need

BASE = "https://data.boamp-kg.example/id/"
INVALID = "<urn:test:does-not-conform>"


# -- prepared notices -----------------------------------------------------------------------------


def write_prepared(
    folder: Path, n: int, *, seed: int = 1, first_number: int = 300001
) -> list[Path]:
    """``n`` synthetic notices mapped to ePO, one ``.nt`` file each (header: the graph's identity)."""
    from kg_builder.mapping import map_notice
    from kg_builder.synth import generate_notices

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for notice in generate_notices(n, seed=seed, first_number=first_number):
        mapped = map_notice(notice, base_iri=BASE)
        paths.append(
            prepared_file(
                folder / f"{mapped.notice_id}_{mapped.version}.nt",
                mapped.to_ntriples(),
                graph=mapped.iri,
                notice=mapped.notice_iri,
                notice_id=mapped.notice_id,
                version=mapped.version,
            )
        )
    return paths


def prepared_file(path: Path, ntriples: str, **header: str | None) -> Path:
    path.write_text(f"# {json.dumps(header)}\n{ntriples}", encoding="utf-8")
    return path


def process_prepared(path: str, sha256: str, options: Options) -> Outcome:
    """The pipeline's worker for prepared files: same outcomes as the real one, no parsing."""
    text = Path(path).read_text(encoding="utf-8")
    head, _, body = text.partition("\n")
    try:
        header = json.loads(head.removeprefix("# "))
        triples = list(ox.parse(body.encode(), format=ox.RdfFormat.N_TRIPLES))
    except (ValueError, SyntaxError) as exc:
        return Outcome(path, sha256, "failed", f"not a prepared notice: {exc}".splitlines()[0])
    if INVALID in body:
        return Outcome(path, sha256, "quarantined", "SHACL: marked invalid")
    return Outcome(
        path,
        sha256,
        "ok",
        graph_iri=header["graph"],
        ntriples=body,
        triples=len(triples),
        notice_iri=header.get("notice"),
        notice_id=header.get("notice_id"),
        version=header.get("version"),
        revises=header.get("revises"),
    )


def run(inputs, store_path, tmp_path, jobs=1, config=None, **kw):  # type: ignore[no-untyped-def]
    """Build ``inputs`` into the store at ``store_path`` (a folder, or a URL with ``config``)."""
    with open_store(str(store_path), config=config) as store:
        summary = build(
            inputs,
            store,
            base_iri=BASE,
            quarantine_dir=tmp_path / "quarantine",
            jobs=jobs,
            process=kw.pop("process", process_prepared),
            pipeline=kw.pop("pipeline", "test"),  # fixed: others may edit the code meanwhile
            **kw,
        )
        quads = sorted(store.quads())
    return summary, quads


# -- inputs ---------------------------------------------------------------------------------------


def test_inputs_are_files_folders_and_globs_and_a_name_that_matches_nothing_is_an_error(
    tmp_path: Path,
) -> None:
    for name in ("a.txt", "b/c.pdf", "b/d.xml", "b/e.json", "b/f.md", "b/skip.csv"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [p.name for p in expand_inputs([tmp_path / "b"])] == ["c.pdf", "d.xml", "e.json", "f.md"]
    assert [p.name for p in expand_inputs([f"{tmp_path}/**/*.pdf", tmp_path / "a.txt"])] == [
        "a.txt",
        "c.pdf",
    ]
    with pytest.raises(InputError, match="no such file"):
        expand_inputs([tmp_path / "missing"])
    (tmp_path / "void").mkdir()
    with pytest.raises(InputError, match="no notice files"):
        expand_inputs([tmp_path / "void"])


# -- idempotence, versions --------------------------------------------------------------------------


def test_building_twice_gives_the_same_triples_and_the_second_run_is_unchanged(
    tmp_path: Path,
) -> None:
    files = write_prepared(tmp_path / "in", 12)
    first, quads_first = run([f"{tmp_path}/in/*.nt"], tmp_path / "store", tmp_path, jobs=2)
    second, quads_second = run([f"{tmp_path}/in/*.nt"], tmp_path / "store", tmp_path, jobs=2)
    assert (first.stored, first.unchanged, first.failed) == (len(files), 0, 0)
    assert (second.stored, second.unchanged, second.triples) == (0, len(files), 0)
    assert quads_first == quads_second
    _, quads_other = run([f"{tmp_path}/in/*.nt"], tmp_path / "other", tmp_path, jobs=1)
    notice_quads = [q for q in quads_other if q[3] != f"<{META_GRAPH}>"]
    assert notice_quads == [q for q in quads_first if q[3] != f"<{META_GRAPH}>"]
    assert first.triples == len(notice_quads)


def test_a_large_batch_compacts_the_store_and_a_small_one_leaves_it_to_rocksdb(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg_builder.store.oxigraph import OxigraphStore

    compacted: list[str] = []
    real = OxigraphStore.optimize
    monkeypatch.setattr(
        OxigraphStore, "optimize", lambda self: (compacted.append("yes"), real(self))[1]
    )
    write_prepared(tmp_path / "first", 20)
    run([f"{tmp_path}/first/*.nt"], tmp_path / "store", tmp_path)
    assert compacted == ["yes"]  # a first build
    run([f"{tmp_path}/first/*.nt"], tmp_path / "store", tmp_path)
    assert compacted == ["yes"]  # nothing written
    write_prepared(tmp_path / "one", 1, seed=2, first_number=400001)
    run([f"{tmp_path}/one/*.nt"], tmp_path / "store", tmp_path)
    assert compacted == ["yes"]  # 1 graph beside 20: under a tenth
    write_prepared(tmp_path / "more", 4, seed=3, first_number=500001)
    summary, quads = run([f"{tmp_path}/more/*.nt"], tmp_path / "store", tmp_path)
    assert compacted == ["yes", "yes"] and summary.stored == 4 and quads  # still readable


def test_a_changed_file_replaces_its_graph_and_nothing_of_the_old_one_stays(tmp_path: Path) -> None:
    graph = f"{BASE}graph/26-1/01"
    path = prepared_file(
        tmp_path / "n.nt",
        '<urn:a> <urn:p> "old" .\n<urn:a> <urn:q> "x" .\n',
        graph=graph,
        notice_id="26-1",
        version="01",
    )
    run([path], tmp_path / "store", tmp_path)
    prepared_file(path, '<urn:a> <urn:p> "new" .\n', graph=graph, notice_id="26-1", version="01")
    summary, quads = run([path], tmp_path / "store", tmp_path)
    assert (summary.stored, summary.replaced) == (0, 1)
    assert [q[2] for q in quads if q[3] == f"<{graph}>"] == ['"new"']


def test_a_later_version_becomes_current_and_the_older_stays_queryable(tmp_path: Path) -> None:
    g1, g2, g3 = (f"{BASE}graph/26-1/01", f"{BASE}graph/26-1/02", f"{BASE}graph/26-7/01")
    n1, n2, n3 = (f"{BASE}notice/26-1/01", f"{BASE}notice/26-1/02", f"{BASE}notice/26-7/01")
    (tmp_path / "in").mkdir()
    prepared_file(
        tmp_path / "in/v2.nt",
        f'<{n2}> <urn:t> "v2" .\n',
        graph=g2,
        notice=n2,
        notice_id="26-1",
        version="02",
    )
    prepared_file(
        tmp_path / "in/v1.nt",
        f'<{n1}> <urn:t> "v1" .\n',
        graph=g1,
        notice=n1,
        notice_id="26-1",
        version="01",
    )
    run([f"{tmp_path}/in/*.nt"], tmp_path / "store", tmp_path)
    prepared_file(
        tmp_path / "fix.nt",
        f'<{n3}> <urn:t> "fix" .\n',
        graph=g3,
        notice=n3,
        notice_id="26-7",
        version="01",
        revises="26-1",
    )
    run([tmp_path / "fix.nt"], tmp_path / "store", tmp_path)
    with open_store(str(tmp_path / "store"), read_only=True) as store:
        current = store.select(
            f"SELECT ?g WHERE {{ GRAPH <{META_GRAPH}> {{ ?g <urn:boamp-kg:meta:current> true }} }}"
        )
        assert current == [{"g": g3}]
        prov = "http://www.w3.org/ns/prov#wasRevisionOf"
        assert store.ask(f"ASK {{ <{n3}> <{prov}> <{n2}> . <{n2}> <{prov}> <{n1}> }}")
        assert store.ask(f'ASK {{ GRAPH <{g1}> {{ <{n1}> <urn:t> "v1" }} }}')


# -- faults ---------------------------------------------------------------------------------------


def test_bad_files_are_reported_one_line_each_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = write_prepared(tmp_path / "in", 3)
    (tmp_path / "in/empty.nt").write_text("")
    (tmp_path / "in/garbage.nt").write_text('# {"graph": "urn:g"}\n<urn:a> <urn:b> .\n')
    prepared_file(tmp_path / "in/invalid.nt", f"{INVALID} <urn:p> <urn:o> .\n", graph="urn:g:bad")
    problems: list[str] = []
    summary, _ = run(
        [f"{tmp_path}/in/*.nt"], tmp_path / "store", tmp_path, on_problem=problems.append
    )
    assert (summary.stored, summary.failed, summary.quarantined) == (len(good), 2, 1)
    assert not summary.ok
    assert sorted(Path(p.split(": ")[0]).name for p in problems) == [
        "empty.nt",
        "garbage.nt",
        "invalid.nt",
    ]
    assert all("\n" not in p for p in problems)


def test_an_unreachable_store_stops_the_build_with_a_store_error(tmp_path: Path) -> None:
    from tests.servers import free_port

    write_prepared(tmp_path / "in", 2)
    url = f"http://127.0.0.1:{free_port()}/sparql"
    with open_store(url, config=Config(store=url)) as store, pytest.raises(StoreError):
        build(
            [f"{tmp_path}/in/*.nt"],
            store,
            base_iri=BASE,
            quarantine_dir=tmp_path,
            jobs=1,
            process=process_prepared,
        )


def test_a_full_disk_stops_the_build_and_keeps_what_was_committed(tmp_path: Path) -> None:
    import subprocess

    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(disk)], capture_output=True
    ).returncode:
        pytest.skip("cannot mount a small tmpfs here (not root?) to fill a disk")
    try:
        write_prepared(tmp_path / "in", 150)
        with pytest.raises(StoreError, match="cannot write"):
            run([f"{tmp_path}/in/*.nt"], disk / "store", tmp_path)
        shutil.copytree(disk / "store", tmp_path / "copy")  # what survived, off the full disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)
    with open_store(str(tmp_path / "copy"), read_only=True) as store:
        records = store.graph_records()
        assert records, "nothing was committed before the disk filled: make the disk bigger"
        assert_every_recorded_graph_is_complete(store, tmp_path / "in")


def assert_every_recorded_graph_is_complete(store, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """Each graph with a META record holds exactly the triples of its prepared file."""
    by_graph = {}
    for path in folder.glob("*.nt"):
        head, _, body = path.read_text().partition("\n")
        by_graph[json.loads(head[2:])["graph"]] = len(body.strip().splitlines())
    for graph in store.graph_records():
        count = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        assert count == [{"n": by_graph[graph]}], graph


# -- the real chain on the seeds ------------------------------------------------------------------


@pytest.mark.slow
def test_the_real_chain_stores_the_seeds_once_and_reports_real_bad_files(tmp_path: Path) -> None:
    need(SEEDS)
    (tmp_path / "in").mkdir()
    shutil.copy(SEEDS / f"{SEED_CN}.txt", tmp_path / "in")  # one: SHACL costs seconds a notice
    pdf = (SEEDS / "pdf" / f"{SEED_CN}.pdf").read_bytes()
    (tmp_path / "in/empty.txt").write_bytes(b"")
    (tmp_path / "in/not-a-pdf.pdf").write_text("this is plain text pretending to be a PDF")
    (tmp_path / "in/truncated.pdf").write_bytes(pdf[: len(pdf) // 3])
    from kg_builder.build import process_file

    problems: list[str] = []
    first, _ = run(
        [tmp_path / "in"],
        tmp_path / "store",
        tmp_path,
        jobs=1,
        process=process_file,
        on_problem=problems.append,
    )
    failed = sorted(Path(p.split(": ")[0]).name for p in problems if "SHACL" not in p)
    assert failed == ["empty.txt", "not-a-pdf.pdf", "truncated.pdf"]
    assert first.stored + first.quarantined == 1
    second, _ = run([tmp_path / "in"], tmp_path / "store", tmp_path, jobs=1, process=process_file)
    assert (second.stored, second.replaced, second.unchanged) == (0, 0, first.stored)


def test_two_renderings_of_one_notice_give_one_graph_and_a_rerun_skips_both(
    tmp_path: Path,
) -> None:
    graph = f"{BASE}graph/26-1/01"
    (tmp_path / "in").mkdir()
    for name, source in (("n.pdf.nt", "pdf"), ("n.txt.nt", "text")):
        prepared_file(tmp_path / "in" / name, f'<urn:n> <urn:source> "{source}" .\n', graph=graph)
    first, quads = run([f"{tmp_path}/in/*.nt"], tmp_path / "store", tmp_path)
    second, _ = run([f"{tmp_path}/in/*.nt"], tmp_path / "store", tmp_path)
    assert (first.stored, first.replaced) == (1, 1)  # the later file (sorted order) wins
    assert [q[2] for q in quads if q[3] == f"<{graph}>"] == ['"text"']
    assert (second.unchanged, second.stored, second.replaced) == (2, 0, 0)


@pytest.mark.slow
def test_building_the_samples_twice_gives_the_same_triples_and_the_second_run_is_unchanged(
    tmp_path: Path,
) -> None:
    from kg_builder.build import process_file
    from tests.conftest import SAMPLES

    need(SAMPLES)
    first, quads = run([SAMPLES], tmp_path / "store", tmp_path, jobs=2, process=process_file)
    second, again = run([SAMPLES], tmp_path / "store", tmp_path, jobs=2, process=process_file)
    # (the fixed pipeline fingerprint of run() keeps a concurrent code edit from rebuilding)
    assert first.stored > 0 and first.failed == 0
    assert (second.stored, second.replaced, second.failed) == (0, 0, 0)
    assert second.unchanged == first.stored + first.replaced
    assert again == quads
    _, fresh = run([SAMPLES], tmp_path / "fresh", tmp_path, jobs=1, process=process_file)
    meta = f"<{META_GRAPH}>"
    assert [q for q in fresh if q[3] != meta] == [q for q in quads if q[3] != meta]


def test_what_another_pipeline_built_is_rebuilt_not_skipped(tmp_path: Path) -> None:
    files = write_prepared(tmp_path / "in", 3)
    run([f"{tmp_path}/in/*.nt"], tmp_path / "store", tmp_path, pipeline="mapping-v1")
    same, _ = run([f"{tmp_path}/in/*.nt"], tmp_path / "store", tmp_path, pipeline="mapping-v1")
    upgraded, _ = run([f"{tmp_path}/in/*.nt"], tmp_path / "store", tmp_path, pipeline="mapping-v2")
    assert same.unchanged == len(files)
    assert (upgraded.unchanged, upgraded.replaced) == (0, len(files))


def test_versions_of_an_eforms_notice_chain_through_its_uuid(tmp_path: Path) -> None:
    from kg_builder.build import process_file
    from tests.conftest import EFORMS

    xml = need(EFORMS / "cn_24_maximal.xml").read_text(encoding="utf-8")  # version 03
    assert "<cbc:VersionID>03</cbc:VersionID>" in xml
    (tmp_path / "in").mkdir()
    (tmp_path / "in/v03.xml").write_text(xml, encoding="utf-8")
    (tmp_path / "in/v04.xml").write_text(
        xml.replace("<cbc:VersionID>03</cbc:VersionID>", "<cbc:VersionID>04</cbc:VersionID>"),
        encoding="utf-8",
    )
    summary, _ = run([tmp_path / "in"], tmp_path / "store", tmp_path, process=process_file)
    assert (summary.stored, summary.failed, summary.quarantined) == (2, 0, 0)
    with open_store(str(tmp_path / "store"), read_only=True) as store:
        records = sorted(store.graph_records().values(), key=lambda r: r.version or "")
    assert [(r.version, r.current) for r in records] == [("03", False), ("04", True)]
    assert records[1].revision_of == records[0].graph
    assert records[0].lineage == "uuid-14549263-b47b-4e59-96a1-2d0d13e19343"
