"""Dumps: every file parses with independent parsers, counts agree with VoID, DCAT-AP is complete.

The store is the two seed notices (real reader and mapping); ``boamp-kg dump`` itself runs once
on an on-disk store through the CLI.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
import rdflib
from typer.testing import CliRunner

from kg_builder.cli import app
from kg_builder.dump import FORMATS, DumpReport, dump
from kg_builder.settings import load_config
from kg_builder.store.base import META_GRAPH, StoredGraph
from kg_builder.store.oxigraph import OxigraphStore
from tests.ld_support import BASE, TINY_GRAPH, TINY_NT, seed_store

pytestmark = pytest.mark.xdist_group("dump")

RDFLIB_FORMAT = {"nq.gz": "nquads", "trig": "trig", "nt.gz": "nt", "jsonld": "json-ld"}
RIOT_SYNTAX = {"nq.gz": "nquads", "trig": "trig", "nt.gz": "ntriples", "jsonld": "jsonld"}
WHEN = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
VOID_Q = "PREFIX void: <http://rdfs.org/ns/void#> "


@pytest.fixture(scope="module")
def store() -> OxigraphStore:
    return seed_store()


@pytest.fixture(scope="module")
def report(store: OxigraphStore, tmp_path_factory: pytest.TempPathFactory) -> DumpReport:
    config = load_config(base_iri=BASE, public_url="https://data.boamp-kg.example")
    return dump(store, tmp_path_factory.mktemp("dumps"), config, modified=WHEN)


def _read(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes()) if path.name.endswith(".gz") else path.read_bytes()


def _dataset(report: DumpReport, suffix: str) -> rdflib.Dataset:
    file = next(f for f in report.files if f.format.suffix == suffix)
    dataset = rdflib.Dataset()
    dataset.parse(data=_read(file.path), format=RDFLIB_FORMAT[suffix])
    return dataset


def _void(report: DumpReport) -> rdflib.Graph:
    return rdflib.Graph().parse(report.void, format="turtle")


def _void_triples(report: DumpReport) -> int:
    rows = list(
        _void(report).query(VOID_Q + "SELECT ?n WHERE { ?d a void:Dataset ; void:triples ?n }")
    )
    assert len(rows) == 1
    return int(rows[0][0])  # type: ignore[index]


@pytest.mark.parametrize("suffix", RDFLIB_FORMAT)
def test_each_dump_parses_with_rdflib_and_has_the_triple_count_void_states(
    report: DumpReport, suffix: str
) -> None:
    dataset = _dataset(report, suffix)
    distinct = {(s, p, o) for s, p, o, _g in dataset.quads((None, None, None, None))}
    assert len(distinct) == _void_triples(report) > 1000


@pytest.mark.parametrize("suffix", ["nq.gz", "trig", "jsonld"])
def test_quad_dumps_keep_one_named_graph_per_notice_and_never_the_meta_graph(
    report: DumpReport, store: OxigraphStore, suffix: str
) -> None:
    dataset = _dataset(report, suffix)
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert graphs == set(store.named_graphs())
    assert META_GRAPH not in graphs
    assert sum(len(g) for g in dataset.graphs()) == report.quads


@pytest.mark.parametrize("suffix", RIOT_SYNTAX)
def test_each_dump_parses_with_riot_or_rapper_when_installed(
    report: DumpReport, suffix: str, tmp_path: Path
) -> None:
    riot, rapper = shutil.which("riot"), shutil.which("rapper")
    if riot is None and rapper is None:
        pytest.skip("neither riot nor rapper is installed (apt install raptor2-utils, or Jena)")
    if riot is None and suffix == "jsonld":
        pytest.skip("rapper has no JSON-LD parser and riot (Jena) is not installed")
    file = next(f for f in report.files if f.format.suffix == suffix)
    plain = tmp_path / file.path.name.removesuffix(".gz")
    plain.write_bytes(_read(file.path))
    if riot is not None:
        result = subprocess.run(
            [riot, "--validate", f"--syntax={RIOT_SYNTAX[suffix]}", str(plain)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    else:
        syntax = {"nq.gz": "nquads", "trig": "trig", "nt.gz": "ntriples"}[suffix]
        result = subprocess.run(
            [str(rapper), "-c", "-i", syntax, str(plain)],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 0, result.stderr


def test_every_dump_has_a_matching_sha256_file(report: DumpReport) -> None:
    for file in report.files:
        digest = hashlib.sha256(file.path.read_bytes()).hexdigest()
        line = file.path.with_name(file.path.name + ".sha256").read_text("utf-8")
        assert line == f"{digest}  {file.path.name}\n"
        assert file.sha256 == digest and file.byte_size == file.path.stat().st_size


def test_void_states_partitions_dumps_endpoint_uri_space_and_licence(report: DumpReport) -> None:
    void = _void(report)
    assert void.query(
        VOID_Q
        + f"""PREFIX dcterms: <http://purl.org/dc/terms/>
        ASK {{ ?d a void:Dataset ; void:triples ?t ; void:entities ?e ;
                 void:sparqlEndpoint <https://data.boamp-kg.example/sparql> ;
                 void:uriSpace "{BASE}" ;
                 dcterms:license <https://www.etalab.gouv.fr/licence-ouverte-open-licence/> ;
                 void:classPartition [ void:class <http://data.europa.eu/a4g/ontology#Lot> ; void:entities 4 ] ;
                 void:propertyPartition [ void:property <http://data.europa.eu/a4g/ontology#hasLegalName> ; void:triples ?n ] .
               FILTER(?e > 100 && ?n > 0) }}"""
    ).askAnswer
    dumps = {str(o) for o in void.objects(None, rdflib.URIRef("http://rdfs.org/ns/void#dataDump"))}
    assert dumps == {f"https://data.boamp-kg.example/dumps/{f.path.name}" for f in report.files}


def test_void_property_partitions_add_up_to_the_triples(report: DumpReport) -> None:
    rows = _void(report).query(
        VOID_Q + "SELECT (SUM(?n) AS ?total) WHERE { ?d void:propertyPartition/void:triples ?n }"
    )
    assert int(next(iter(rows))[0]) == _void_triples(report)  # type: ignore[index]


DCAT_MANDATORY = {
    "catalogue": """ASK { ?c a dcat:Catalog ; dcterms:title ?t ; dcterms:description ?d ;
                          dcterms:publisher ?p ; dcat:dataset ?ds . ?p foaf:name ?n }""",
    "dataset": """ASK { ?ds a dcat:Dataset ; dcterms:title ?t ; dcterms:description ?d ;
                        dcat:distribution ?x ; dcterms:publisher ?p ; dcat:contactPoint ?cp }""",
}


@pytest.mark.parametrize("what", DCAT_MANDATORY)
def test_dcat_ap_mandatory_properties(report: DumpReport, what: str) -> None:
    graph = rdflib.Graph().parse(report.catalog, format="turtle")
    assert graph.query(_DCAT_PREFIXES + DCAT_MANDATORY[what]).askAnswer


_DCAT_PREFIXES = """PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX spdx: <http://spdx.org/rdf/terms#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.suffix)
def test_each_distribution_has_media_type_size_checksum_and_download_url(
    report: DumpReport, fmt: object
) -> None:
    file = next(f for f in report.files if f.format == fmt)
    graph = rdflib.Graph().parse(report.catalog, format="turtle")
    url = f"https://data.boamp-kg.example/dumps/{file.path.name}"
    assert graph.query(
        _DCAT_PREFIXES
        + f"""ASK {{ ?ds dcat:distribution ?d .
          ?d a dcat:Distribution ; dcat:accessURL ?access ; dcat:downloadURL <{url}> ;
             dcat:mediaType <http://www.iana.org/assignments/media-types/{file.format.media_type}> ;
             dcat:byteSize ?size ; dcterms:modified ?m ; dcterms:license ?l ; dcterms:format ?f ;
             spdx:checksum [ a spdx:Checksum ; spdx:algorithm spdx:checksumAlgorithm_sha256 ;
                             spdx:checksumValue ?sum ] .
          FILTER(?size = {file.byte_size} && STR(?sum) = "{file.sha256}") }}"""
    ).askAnswer


def test_dumps_are_byte_identical_on_a_second_run(
    store: OxigraphStore, report: DumpReport, tmp_path: Path
) -> None:
    config = load_config(base_iri=BASE, public_url="https://data.boamp-kg.example")
    again = dump(store, tmp_path, config, modified=WHEN)
    assert [f.sha256 for f in again.files] == [f.sha256 for f in report.files]


def test_dump_throughput_is_measured(report: DumpReport) -> None:
    print(
        f"\ndump: {report.quads} quads in {report.seconds:.3f} s = {report.quads_per_second:,.0f} quads/s"
    )
    assert report.quads > 1000


def test_the_dump_command_writes_everything_and_exits_0(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    with OxigraphStore(folder) as disk:
        disk.replace_graph(TINY_GRAPH, TINY_NT, StoredGraph(TINY_GRAPH, "0" * 64, "99-1", "01"))
    result = CliRunner().invoke(
        app, ["dump", "--store", str(folder), "--output", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert {
        "void.ttl",
        "catalog.ttl",
        "boamp-kg.nq.gz",
        "boamp-kg.nq.gz.sha256",
        "boamp-kg.jsonld",
    } <= names


def test_the_dump_command_exits_2_when_there_is_no_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["dump", "--store", str(tmp_path / "absent"), "--output", str(tmp_path / "out")]
    )
    assert result.exit_code == 2


def test_small_sort_runs_and_multi_level_merges_give_the_same_dump(
    store: OxigraphStore, report: DumpReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bounded memory is a run size: forcing dozens of tiny runs (and merges of merges) must not
    change a byte of the N-Triples dump or a VoID count."""
    import kg_builder.dump as dump_module

    monkeypatch.setattr(dump_module, "RUN_LINES", 40)
    monkeypatch.setattr(dump_module, "MERGE_WIDTH", 3)
    config = load_config(base_iri=BASE, public_url="https://data.boamp-kg.example")
    small = dump(store, tmp_path, config, modified=WHEN)
    assert small.statistics == report.statistics
    assert [f.sha256 for f in small.files] == [f.sha256 for f in report.files]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".runs-")]  # runs cleaned up


def test_the_server_publishes_what_the_catalogue_promises(
    store: OxigraphStore, tmp_path: Path
) -> None:
    """Harvester's view: read DCAT-AP from the server, download every distribution from its
    dcat:downloadURL, check its size and SHA-256; VoID is at /.well-known/void."""
    from fastapi.testclient import TestClient

    from tests.ld_support import make_app

    config = load_config(base_iri=BASE, public_url="http://testserver")
    written = dump(store, tmp_path, config, modified=WHEN)
    with TestClient(make_app(store, dumps_dir=tmp_path)) as client:
        catalog = rdflib.Graph().parse(
            data=client.get("/dumps/catalog.ttl").content, format="turtle"
        )
        rows = list(
            catalog.query(
                _DCAT_PREFIXES
                + """SELECT ?url ?size ?sum WHERE { ?d a dcat:Distribution ; dcat:downloadURL ?url ;
                     dcat:byteSize ?size ; spdx:checksum/spdx:checksumValue ?sum }"""
            )
        )
        assert len(rows) == len(written.files)
        for url, size, checksum in rows:  # type: ignore[misc]
            body = client.get(str(url)).content
            assert len(body) == int(size) and hashlib.sha256(body).hexdigest() == str(checksum)
        void = rdflib.Graph().parse(data=client.get("/.well-known/void").content, format="turtle")
        assert len(void) > 100
