"""Open-data dumps of the whole graph, with the VoID and DCAT-AP descriptions portals harvest.

``dump(store, output)`` writes, from the store interface only:

* ``boamp-kg.nq.gz``: every notice graph as N-Quads (gzip), written line by line from
  :meth:`~kg_builder.store.base.Store.quads`;
* ``boamp-kg.nt.gz``: the union graph as N-Triples (gzip), each distinct triple once, sorted;
* ``boamp-kg.trig`` and ``boamp-kg.jsonld``: re-serialized by pyoxigraph from a streaming parse
  of the N-Quads file, quad by quad;
* one ``<file>.sha256`` per dump (``sha256sum -c`` format);
* ``void.ttl`` (void:Dataset: triples, entities, class and property partitions, dumps, SPARQL
  endpoint, URI space, licence) and ``catalog.ttl`` (DCAT-AP: catalogue, dataset, one
  distribution per dump with media type, size, checksum and download URL).

Memory stays flat whatever the store size: one pass over
:meth:`~kg_builder.store.base.Store.quads` writes the N-Quads and spills the triples into sorted
runs of :data:`RUN_LINES` lines; merging the runs gives the distinct triples in order, from which
the N-Triples dump and every VoID count are written in the same pass (an external merge sort:
no set of all triples, no aggregate query that would make the store hold one). Gzip files carry
no timestamp, so the same store gives byte-identical dumps. The bookkeeping graph
:data:`~kg_builder.store.base.META_GRAPH` is never published.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import hashlib
import heapq
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
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

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
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
    with tempfile.TemporaryDirectory(prefix=".runs-", dir=output) as work:
        quads, runs = _write_quads_and_runs(store, paths["nq.gz"], Path(work))
        runs = _fewer_runs(runs, Path(work))
        stats = _write_triples(merge_unique(runs), paths["nt.gz"], config.base_iri)
    stats = replace(stats, graphs=sum(1 for _ in store.named_graphs()))
    _reserialize(paths["nq.gz"], paths["trig"], ox.RdfFormat.TRIG)
    _reserialize(paths["nq.gz"], paths["jsonld"], ox.RdfFormat.JSON_LD)
    files = [_finish(paths[f.suffix], f) for f in FORMATS]
    base = public_base(config)
    void_path, catalog_path = output / "void.ttl", output / "catalog.ttl"
    void_graph(stats, files, config, base, modified).serialize(void_path, format="turtle")
    catalog_graph(stats, files, config, base, modified).serialize(catalog_path, format="turtle")
    return DumpReport(files, quads, stats, void_path, catalog_path, time.perf_counter() - started)


def _gzip(raw: IO[bytes]) -> gzip.GzipFile:
    """A gzip stream with no name and no timestamp in its header (reproducible bytes)."""
    return gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6)


#: triples held in memory at once while sorting (the only buffer of the dump: ~30 MB).
RUN_LINES = 100_000


def _write_quads_and_runs(store: Store, nquads: Path, work: Path) -> tuple[int, list[Path]]:
    """One pass over the store's quads: the N-Quads dump, and the triples as sorted runs.

    Sorting in bounded runs then merging them (an external merge sort) is what lets the
    N-Triples dump and VoID's counts be *distinct* triples without a set of every triple.
    """
    meta = f"<{META_GRAPH}>"
    count, runs = 0, list[Path]()
    buffer: set[str] = set()
    with nquads.open("wb") as raw, _gzip(raw) as nq:
        for s, p, o, g in store.quads():
            if g == meta or not g.startswith("<"):  # bookkeeping or default graph: not published
                continue
            nq.write(f"{s} {p} {o} {g} .\n".encode())
            buffer.add(f"{s} {p} {o} .\n")
            count += 1
            if len(buffer) >= RUN_LINES:
                runs.append(_spill(buffer, work, len(runs)))
                buffer = set()
    if buffer:
        runs.append(_spill(buffer, work, len(runs)))
    return count, runs


def _spill(lines: set[str], work: Path, number: int) -> Path:
    path = work / f"run-{number:06d}.nt"
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        stream.writelines(sorted(lines))
    return path


#: most run files merged at once (each is an open file).
MERGE_WIDTH = 256


def _fewer_runs(runs: list[Path], work: Path) -> list[Path]:
    """Merge runs by groups until at most :data:`MERGE_WIDTH` remain (open-file limits)."""
    level = 0
    while len(runs) > MERGE_WIDTH:
        level += 1
        merged = []
        for start in range(0, len(runs), MERGE_WIDTH):
            target = work / f"merge-{level}-{start:06d}.nt"
            with target.open("w", encoding="utf-8", newline="\n") as stream:
                stream.writelines(merge_unique(runs[start : start + MERGE_WIDTH]))
            merged.append(target)
        runs = merged
    return runs


def merge_unique(runs: list[Path]) -> Iterator[str]:
    r"""The lines of sorted run files, merged in order, each distinct line once.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> a, b = d / "a", d / "b"
    >>> _ = a.write_text("1\n3\n"), b.write_text("2\n3\n")
    >>> list(merge_unique([a, b]))
    ['1\n', '2\n', '3\n']
    """
    with contextlib.ExitStack() as stack:
        streams = [stack.enter_context(r.open(encoding="utf-8", newline="\n")) for r in runs]
        last = None
        for line in heapq.merge(*streams):
            if line != last:
                yield line
                last = line


def _write_triples(lines: Iterator[str], ntriples: Path, base_iri: str) -> Statistics:
    """Write the distinct sorted triples as N-Triples (gzip) and count what VoID states.

    The lines are sorted, so one subject's triples are adjacent: distinct subjects are counted
    by change, and the only state is one counter per class and per property.
    """
    triples = subjects = entities = 0
    properties: Counter[str] = Counter()
    classes: Counter[str] = Counter()
    last_subject, entity_prefix = "", f"<{base_iri}"
    with ntriples.open("wb") as raw, _gzip(raw) as nt:
        for line in lines:
            nt.write(line.encode())
            subject, predicate, rest = line.split(" ", 2)
            triples += 1
            properties[predicate[1:-1]] += 1
            if predicate == RDF_TYPE and rest.startswith("<"):
                classes[rest[1 : rest.index(">")]] += 1
            if subject != last_subject:
                subjects += 1
                entities += subject.startswith(entity_prefix)
                last_subject = subject
    return Statistics(
        triples,
        entities,
        subjects,
        0,
        dict(sorted(classes.items())),
        dict(sorted(properties.items())),
    )


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
    g.add((ds, DCAT.landingPage, URIRef(f"{base}/dumps/")))
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
