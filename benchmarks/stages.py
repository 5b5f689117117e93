"""Per-stage speed, one process (= one core): how long each step takes per notice.

Each stage runs over the same sample of notices with its inputs prepared beforehand (texts
already read, notices already parsed, graphs already mapped), so a figure is that stage alone.
Each measurement is repeated and the median run is kept: the machine is shared, and the median
is the figure least moved by someone else's burst.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: the default base of minted IRIs, so the endpoint (default settings) serves the built pages.
BASE_IRI = "https://data.boamp-kg.example/id/"


def median_rate(run: Callable[[], int], repeats: int) -> dict[str, float]:
    """Run ``run`` (which returns how many items it handled) ``repeats`` times.

    :return: ``{"per_s": median items per second, "runs": repeats, "spread": max/min rate}``

    >>> figures = median_rate(lambda: 10, 3)
    >>> figures["runs"], figures["per_s"] > 0
    (3, True)
    """
    rates = []
    for _ in range(repeats):
        started = time.perf_counter()
        items = run()
        rates.append(items / max(time.perf_counter() - started, 1e-9))
    return {
        "per_s": round(statistics.median(rates), 2),
        "runs": repeats,
        "spread": round(max(rates) / min(rates), 2),
    }


def _each(function: Callable[[T], Any], items: Sequence[T]) -> Callable[[], int]:
    def run() -> int:
        for item in items:
            function(item)
        return len(items)

    return run


def text_stages(texts: Sequence[Path], repeats: int, pyshacl_sample: int) -> dict[str, Any]:
    """Parse, map, serialise, SHACL (fast engine and pySHACL), store write, and the worker's
    whole chain (:func:`kg_builder.build.process_file`: read, parse, map, validate, serialise).

    :param texts: text-extract notice files
    :param repeats: runs per stage (median kept)
    :param pyshacl_sample: notices validated with pySHACL (the reference is ~30x slower)
    :return: figures per stage, notices/s on one core
    """
    from kg_builder.build import Options, process_file
    from kg_builder.mapping import map_notice
    from kg_builder.parse import parse_text
    from kg_builder.readers.text import decode_text
    from kg_builder.store import StoredGraph, open_store
    from kg_builder.validation import validate

    raw = [(p, p.read_bytes()) for p in texts]
    decoded = [decode_text(p, data) for p, data in raw]
    notices = [parse_text(text, name=str(p)) for (p, _), text in zip(raw, decoded, strict=True)]
    mapped = [map_notice(n, base_iri=BASE_IRI, built_at=None) for n in notices]
    ntriples = [(m.own_ntriples(), m.shared_ntriples()) for m in mapped]
    triples = sum(len(m) for m in mapped)
    validate(mapped[0].graph)  # shapes parsed and compiled once, outside the timing
    validate(mapped[0].graph, engine="pyshacl")
    figures: dict[str, Any] = {"sample": len(texts), "triples_per_notice": triples / len(texts)}
    figures["parse"] = median_rate(
        _each(
            lambda pt: parse_text(pt[1], name=str(pt[0])), list(zip(texts, decoded, strict=True))
        ),
        repeats,
    )
    figures["map"] = median_rate(
        _each(lambda n: map_notice(n, base_iri=BASE_IRI, built_at=None), notices), repeats
    )
    figures["serialise"] = median_rate(
        _each(lambda m: (m.own_ntriples(), m.shared_ntriples()), mapped), repeats
    )
    figures["shacl_fast"] = median_rate(_each(lambda m: validate(m.graph), mapped), repeats)
    figures["shacl_pyshacl"] = median_rate(
        _each(lambda m: validate(m.graph, engine="pyshacl"), mapped[:pyshacl_sample]), repeats
    )

    def write() -> int:
        with (
            tempfile.TemporaryDirectory(prefix="bench-store-") as folder,
            open_store(str(Path(folder) / "store")) as store,
        ):
            for m, (own, shared) in zip(mapped, ntriples, strict=True):
                record = StoredGraph(m.iri, "h" + m.iri, m.notice_id, m.version)
                store.replace_graph(m.iri, own, record, shared=(m.shared_iri, shared))
        return len(mapped)

    figures["store_write"] = median_rate(write, repeats)
    figures["store_write"]["triples_per_s"] = round(
        figures["store_write"]["per_s"] * triples / len(texts)
    )
    with tempfile.TemporaryDirectory(prefix="bench-q-") as quarantine:
        options = Options(BASE_IRI, quarantine)
        figures["text_to_validated_rdf"] = median_rate(
            _each(lambda p: _ok(process_file(str(p), "", options)), texts), repeats
        )
    return figures


def _ok(outcomes: Any) -> None:
    """Fail loudly on a notice that did not pass: a benchmark of failures measures nothing."""
    for outcome in outcomes if isinstance(outcomes, list) else [outcomes]:
        if outcome.status != "ok":
            raise RuntimeError(f"{outcome.path}: {outcome.status}: {outcome.message}")


def pdf_stages(pdfs: Sequence[Path], repeats: int, pdfplumber_sample: int) -> dict[str, Any]:
    """PDF text extraction with each engine, and PDF -> validated RDF (the worker's chain).

    :param pdfs: notice PDFs
    :param repeats: runs per stage (median kept)
    :param pdfplumber_sample: PDFs read with pdfplumber (pure Python, much slower)
    :return: figures per stage, notices/s on one core
    """
    from kg_builder.build import Options, process_file
    from kg_builder.readers.pdf import pdf_text

    raw = [(p, p.read_bytes()) for p in pdfs]
    pdf_text(*raw[0], "pdfplumber")  # imports outside the timing
    figures: dict[str, Any] = {"sample": len(pdfs)}
    figures["pdf_text_pypdfium2"] = median_rate(
        _each(lambda pd: pdf_text(pd[0], pd[1], "pypdfium2"), raw), repeats
    )
    figures["pdf_text_pdfplumber"] = median_rate(
        _each(lambda pd: pdf_text(pd[0], pd[1], "pdfplumber"), raw[:pdfplumber_sample]), repeats
    )
    with tempfile.TemporaryDirectory(prefix="bench-q-") as quarantine:
        options = Options(BASE_IRI, quarantine)
        figures["pdf_to_validated_rdf"] = median_rate(
            _each(lambda p: _ok(process_file(str(p), "", options)), pdfs), repeats
        )
    return figures
