"""Open-data dumps of the whole graph, with the VoID and DCAT-AP descriptions portals harvest.

``dump(store, output)`` writes, from the store interface only:

* ``boamp-kg.nq.gz``: every notice graph as N-Quads (gzip), written line by line from
  :meth:`~kg_builder.store.base.Store.quads`;
* ``boamp-kg.nt.gz``: the union graph as N-Triples (gzip), from the same single pass (a triple
  stated by two notices appears twice: N-Triples readers merge them, and VoID counts it once);
* ``boamp-kg.trig`` and ``boamp-kg.jsonld``: re-serialized by pyoxigraph from a streaming parse
  of the N-Quads file, quad by quad;
* one ``<file>.sha256`` per dump (``sha256sum -c`` format);
* ``void.ttl`` (void:Dataset: triples, entities, class and property partitions, dumps, SPARQL
  endpoint, URI space, licence) and ``catalog.ttl`` (DCAT-AP: catalogue, dataset, one
  distribution per dump with media type, size, checksum and download URL).

Memory stays flat whatever the store size: no step holds the graph; only the statistics come
from aggregate SPARQL queries the store answers. Gzip files carry no timestamp, so the same
store gives byte-identical dumps. The bookkeeping graph :data:`~kg_builder.store.base.META_GRAPH`
is never published.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast
from urllib.parse import urlsplit

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, VOID, XSD
from rich.console import Console

from kg_builder.mapping.namespaces import PREFIXES
from kg_builder.settings import Config
from kg_builder.store.base import META_GRAPH, Store

SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
IANA = "http://www.iana.org/assignments/media-types/"
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
LICENCE = URIRef("https://www.etalab.gouv.fr/licence-ouverte-open-licence/")
EPO_ONTOLOGY = URIRef("http://data.europa.eu/a4g/ontology#")
STEM = "boamp-kg"
TITLE = "BOAMP – marchés publics français en graphe de connaissances (ePO 4.2)"
DESCRIPTION = (
    "Les avis du Bulletin officiel des annonces des marchés publics (BOAMP) convertis en RDF "
    "selon l'ontologie européenne eProcurement (ePO 4.2), un graphe nommé par version d'avis, "
    "validés par SHACL."
)
DESCRIPTION_EN = (
    "French public-procurement notices from BOAMP as RDF in the EU eProcurement Ontology "
    "(ePO 4.2), one named graph per notice version, validated with SHACL."
)


@dataclass(frozen=True, slots=True)
class DumpFormat:
    """One published serialization: file name suffix, IANA media type, EU file-type code."""

    suffix: str
    media_type: str
    file_type: str
    title: str
    gzip: bool


FORMATS: tuple[DumpFormat, ...] = (
    DumpFormat("nq.gz", "application/n-quads", "RDF_N_QUADS", "N-Quads (gzip)", True),
    DumpFormat("trig", "application/trig", "RDF_TRIG", "TriG", False),
    DumpFormat("nt.gz", "application/n-triples", "RDF_N_TRIPLES", "N-Triples (gzip)", True),
    DumpFormat("jsonld", "application/ld+json", "JSON_LD", "JSON-LD", False),
)


@dataclass(frozen=True, slots=True)
class DumpFile:
    """A written dump: where, what, how big, and its SHA-256."""

    path: Path
    format: DumpFormat
    byte_size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class Statistics:
    """What VoID states about the dataset (distinct triples of the union of notice graphs)."""

    triples: int
    entities: int
    distinct_subjects: int
    graphs: int
    classes: dict[str, int]
    properties: dict[str, int]


@dataclass(frozen=True, slots=True)
class DumpReport:
    files: list[DumpFile]
    quads: int
    statistics: Statistics
    void: Path
    catalog: Path
    seconds: float

    @property
    def quads_per_second(self) -> float:
        return self.quads / self.seconds if self.seconds else float(self.quads)


def public_base(config: Config) -> str:
    """The public URL the server is reached at: ``public_url``, else the base IRI's origin.

    >>> public_base(Config(base_iri="https://data.example.org/id/"))
    'https://data.example.org'
    >>> public_base(Config(public_url="http://127.0.0.1:8000/"))
    'http://127.0.0.1:8000'
    """
    if config.public_url:
        return config.public_url.rstrip("/")
    parts = urlsplit(config.base_iri)
    return f"{parts.scheme}://{parts.netloc}"


def dump(
    store: Store, output: Path, config: Config, *, modified: dt.datetime | None = None
) -> DumpReport:
    """Write every dump, its checksum, VoID and the DCAT-AP catalogue into ``output``.

    :param store: the store to publish (only read).
    :param output: the folder to write (created when absent; existing dumps are replaced).
    :param config: settings (``base_iri`` is the VoID URI space, ``public_url`` the download base).
    :param modified: the modification date to state (default: now, UTC).
    :return: what was written, with counts and the time it took.
    """
    started = time.perf_counter()
    output.mkdir(parents=True, exist_ok=True)
    modified = modified or dt.datetime.now(dt.UTC).replace(microsecond=0)
    paths = {f.suffix: output / f"{STEM}.{f.suffix}" for f in FORMATS}
    quads = _write_quads_and_triples(store, paths["nq.gz"], paths["nt.gz"])
    _reserialize(paths["nq.gz"], paths["trig"], ox.RdfFormat.TRIG)
    _reserialize(paths["nq.gz"], paths["jsonld"], ox.RdfFormat.JSON_LD)
    files = [_finish(paths[f.suffix], f) for f in FORMATS]
    stats = statistics(store, config.base_iri)
    base = public_base(config)
    void_path, catalog_path = output / "void.ttl", output / "catalog.ttl"
    void_graph(stats, files, config, base, modified).serialize(void_path, format="turtle")
    catalog_graph(stats, files, config, base, modified).serialize(catalog_path, format="turtle")
    return DumpReport(files, quads, stats, void_path, catalog_path, time.perf_counter() - started)


def _gzip(raw: IO[bytes]) -> gzip.GzipFile:
    """A gzip stream with no name and no timestamp in its header (reproducible bytes)."""
    return gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6)


def _write_quads_and_triples(store: Store, nquads: Path, ntriples: Path) -> int:
    """One pass over the store's quads: N-Quads and N-Triples lines, both gzip. Returns the count."""
    meta = f"<{META_GRAPH}>"
    count = 0
    with (
        nquads.open("wb") as raw_nq,
        ntriples.open("wb") as raw_nt,
        _gzip(raw_nq) as nq,
        _gzip(raw_nt) as nt,
    ):
        for s, p, o, g in store.quads():
            if g == meta or not g.startswith("<"):  # bookkeeping or default graph: not published
                continue
            nq.write(f"{s} {p} {o} {g} .\n".encode())
            nt.write(f"{s} {p} {o} .\n".encode())
            count += 1
    return count


def _reserialize(nquads: Path, target: Path, fmt: ox.RdfFormat) -> None:
    """Stream-parse the N-Quads dump and write it again in ``fmt`` (no graph in memory)."""
    with gzip.open(nquads, "rb") as source, target.open("wb") as sink:
        quads = ox.parse(cast(IO[bytes], source), format=ox.RdfFormat.N_QUADS)
        ox.serialize(
            quads, sink, fmt, prefixes=PREFIXES if fmt is not ox.RdfFormat.JSON_LD else None
        )


def _finish(path: Path, fmt: DumpFormat) -> DumpFile:
    """Hash a written dump and put its ``.sha256`` file beside it."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    hexdigest = digest.hexdigest()
    path.with_name(path.name + ".sha256").write_text(f"{hexdigest}  {path.name}\n", "utf-8")
    return DumpFile(path, fmt, path.stat().st_size, hexdigest)


def _count(store: Store, sparql: str) -> int:
    rows = store.select(sparql)
    return int(rows[0]["n"]) if rows and "n" in rows[0] else 0  # type: ignore[call-overload]


def statistics(store: Store, base_iri: str) -> Statistics:
    """VoID's numbers, by aggregate SPARQL over the notice graphs (never the META graph).

    :param store: the store.
    :param base_iri: the URI space: entities are the distinct subjects minted under it.
    :return: the statistics.
    """
    not_meta = f"FILTER(?g != <{META_GRAPH}>)"
    distinct = f"SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {not_meta} }}"
    properties = {
        str(row["p"]): int(row["n"])  # type: ignore[call-overload]
        for row in store.select(
            f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ {distinct} }} GROUP BY ?p ORDER BY ?p"
        )
    }
    classes = {
        str(row["c"]): int(row["n"])  # type: ignore[call-overload]
        for row in store.select(
            f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a ?c }} {not_meta} }} "
            "GROUP BY ?c ORDER BY ?c"
        )
    }
    base = base_iri.replace("\\", "\\\\").replace('"', '\\"')
    entities = _count(
        store,
        f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {not_meta} "
        f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{base}")) }}',
    )
    subjects = _count(
        store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {not_meta} }}"
    )
    graphs = _count(
        store, f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {not_meta} }}"
    )
    return Statistics(sum(properties.values()), entities, subjects, graphs, classes, properties)


def _download(base: str, name: str) -> URIRef:
    return URIRef(f"{base}/dumps/{name}")


def dataset_iri(base: str) -> URIRef:
    """The dataset's IRI: the same node in VoID and in DCAT-AP, at ``/.well-known/void``."""
    return URIRef(f"{base}/.well-known/void#dataset")


def void_graph(
    stats: Statistics, files: list[DumpFile], config: Config, base: str, modified: dt.datetime
) -> Graph:
    """The VoID description: counts, partitions, dumps, endpoint, URI space and licence."""
    g = Graph()
    g.bind("void", VOID)
    g.bind("dcterms", DCTERMS)
    ds = dataset_iri(base)
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, DCTERMS.title, Literal(TITLE, lang="fr")))
    g.add((ds, DCTERMS.description, Literal(DESCRIPTION, lang="fr")))
    g.add((ds, DCTERMS.description, Literal(DESCRIPTION_EN, lang="en")))
    g.add((ds, DCTERMS.license, LICENCE))
    g.add((ds, DCTERMS.modified, Literal(modified.isoformat(), datatype=XSD.dateTime)))
    g.add((ds, DCTERMS.source, URIRef("https://www.boamp.fr/")))
    g.add((ds, VOID.sparqlEndpoint, URIRef(f"{base}/sparql")))
    g.add((ds, VOID.uriSpace, Literal(config.base_iri)))
    g.add((ds, VOID.vocabulary, EPO_ONTOLOGY))
    g.add((ds, VOID.triples, Literal(stats.triples, datatype=XSD.integer)))
    g.add((ds, VOID.entities, Literal(stats.entities, datatype=XSD.integer)))
    g.add((ds, VOID.distinctSubjects, Literal(stats.distinct_subjects, datatype=XSD.integer)))
    for f in files:
        g.add((ds, VOID.dataDump, _download(base, f.path.name)))
    for cls, count in stats.classes.items():
        part = BNode()
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, Literal(count, datatype=XSD.integer)))
    for prop, count in stats.properties.items():
        part = BNode()
        g.add((ds, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(prop)))
        g.add((part, VOID.triples, Literal(count, datatype=XSD.integer)))
    return g


def catalog_graph(
    stats: Statistics, files: list[DumpFile], config: Config, base: str, modified: dt.datetime
) -> Graph:
    """The DCAT-AP catalogue: catalogue, dataset, one distribution per dump, publisher, contact."""
    g = Graph()
    for prefix, ns in (
        ("dcat", DCAT),
        ("dcterms", DCTERMS),
        ("foaf", FOAF),
        ("spdx", SPDX),
        ("vcard", VCARD),
    ):
        g.bind(prefix, ns)
    when = Literal(modified.isoformat(), datatype=XSD.dateTime)
    catalog, ds = URIRef(f"{base}/dumps/catalog.ttl#catalog"), dataset_iri(base)
    publisher, contact = URIRef(f"{base}/#publisher"), URIRef(f"{base}/#contact")
    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, Literal("Catalogue boamp-kg", lang="fr")))
    g.add((catalog, DCTERMS.description, Literal(DESCRIPTION, lang="fr")))
    g.add((catalog, DCTERMS.publisher, publisher))
    g.add((catalog, FOAF.homepage, URIRef(f"{base}/")))
    g.add(
        (
            catalog,
            DCTERMS.language,
            URIRef("http://publications.europa.eu/resource/authority/language/FRA"),
        )
    )
    g.add((catalog, DCTERMS.license, LICENCE))
    g.add((catalog, DCTERMS.modified, when))
    g.add((catalog, DCAT.dataset, ds))
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal("boamp-kg")))
    g.add((contact, RDF.type, VCARD.Kind))
    g.add((contact, VCARD.fn, Literal("boamp-kg")))
    g.add((contact, VCARD.hasURL, URIRef(f"{base}/")))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal(TITLE, lang="fr")))
    g.add((ds, DCTERMS.description, Literal(DESCRIPTION, lang="fr")))
    g.add((ds, DCTERMS.description, Literal(DESCRIPTION_EN, lang="en")))
    g.add((ds, DCTERMS.publisher, publisher))
    g.add((ds, DCAT.contactPoint, contact))
    g.add((ds, DCTERMS.modified, when))
    g.add((ds, DCTERMS.license, LICENCE))
    g.add((ds, DCTERMS.conformsTo, EPO_ONTOLOGY))
    g.add(
        (
            ds,
            DCTERMS.spatial,
            URIRef("http://publications.europa.eu/resource/authority/country/FRA"),
        )
    )
    g.add((ds, DCTERMS.source, URIRef("https://www.boamp.fr/")))
    g.add(
        (ds, DCAT.theme, URIRef("http://publications.europa.eu/resource/authority/data-theme/GOVE"))
    )
    g.add(
        (ds, DCAT.theme, URIRef("http://publications.europa.eu/resource/authority/data-theme/ECON"))
    )
    for word in ("marchés publics", "BOAMP", "ePO", "public procurement"):
        g.add((ds, DCAT.keyword, Literal(word)))
    for f in files:
        dist, url = URIRef(f"{base}/dumps/{f.path.name}#distribution"), _download(base, f.path.name)
        g.add((ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(f"{TITLE} – {f.format.title}", lang="fr")))
        g.add(
            (
                dist,
                DCTERMS.description,
                Literal(f"{stats.triples} triplets, {stats.graphs} graphes nommés", lang="fr"),
            )
        )
        g.add((dist, DCAT.accessURL, URIRef(f"{base}/dumps/")))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.mediaType, URIRef(IANA + f.format.media_type)))
        g.add((dist, DCTERMS["format"], URIRef(FILE_TYPE + f.format.file_type)))
        if f.format.gzip:
            g.add((dist, DCAT.compressFormat, URIRef(IANA + "application/gzip")))
        g.add((dist, DCAT.byteSize, Literal(f.byte_size, datatype=XSD.nonNegativeInteger)))
        g.add((dist, DCTERMS.license, LICENCE))
        g.add((dist, DCTERMS.modified, when))
        checksum = BNode()
        g.add((dist, SPDX.checksum, checksum))
        g.add((checksum, RDF.type, SPDX.Checksum))
        g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((checksum, SPDX.checksumValue, Literal(f.sha256, datatype=XSD.hexBinary)))
    return g


def run_dump(*, store: str | None, output: Path, out: Console, err: Console) -> int:
    """The ``boamp-kg dump`` command: open the store read-only, dump, print what was written.

    :param store: the store location (``None``: the ``store`` setting).
    :param output: the folder to write.
    :param out: where the summary goes.
    :param err: where errors go.
    :return: the exit status: 0 written, 2 the store could not be read or the folder written.
    """
    from kg_builder.errors import StoreError
    from kg_builder.settings import load_config
    from kg_builder.store import open_store

    config = load_config(store=store)
    try:
        with open_store(config.store, read_only=True, config=config) as opened:
            report = dump(opened, output, config)
    except (StoreError, OSError) as exc:
        err.print(f"[red]dump failed:[/red] {exc}")
        return 2
    for f in report.files:
        out.print(f"{f.path}  {f.byte_size:>12,} bytes  sha256 {f.sha256}")
    out.print(f"{report.void}\n{report.catalog}")
    out.print(
        f"{report.quads:,} quads, {report.statistics.triples:,} distinct triples in "
        f"{report.statistics.graphs:,} graphs, {report.seconds:.2f} s "
        f"({report.quads_per_second:,.0f} quads/s)"
    )
    return 0
