"""The ``boamp-kg`` command line.

Each command only turns options into values, calls one library function, prints, and exits
with its status (0 full success, 1 failures or non-conforming data, 2 unusable input). The work
lives in the library so tests and the endpoint never need the command line.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kg_builder import __version__

app = typer.Typer(
    name="boamp-kg",
    help="BOAMP notices as an ePO knowledge graph: parse, convert, validate, build, query, serve, dump.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

Files = Annotated[
    list[Path], typer.Argument(help="Notice files (PDF, text extract, eForms XML, BOAMP JSON).")
]
StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store", help="Embedded store folder or remote SPARQL URL [env BOAMP_KG_STORE]."
    ),
]


class PdfEngine(StrEnum):
    pypdfium2 = "pypdfium2"
    pdfplumber = "pdfplumber"


PdfEngineOpt = Annotated[PdfEngine, typer.Option("--pdf-engine", help="PDF text engine.")]


def _version(value: bool) -> None:
    if value:
        out.print(f"boamp-kg {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """boamp-kg: BOAMP public-procurement notices as linked data (ePO 4.2)."""


@app.command()
def parse(
    files: Files,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print each notice model as JSON.")
    ] = False,
    pdf_engine: PdfEngineOpt = PdfEngine.pypdfium2,
) -> None:
    """Parse notices into the typed notice model and report unmapped labels."""
    from kg_builder.report import parse_report

    status = parse_report(files, as_json=json_output, pdf_engine=pdf_engine.value, out=out, err=err)
    raise typer.Exit(status)


@app.command()
def crosscheck(
    a: Annotated[Path, typer.Argument(help="One reading of a notice (any supported format).")],
    b: Annotated[Path, typer.Argument(help="Another reading of the same notice.")],
    brief: Annotated[bool, typer.Option("--differences-only", help="Hide one-sided facts")] = False,
    pdf_engine: PdfEngineOpt = PdfEngine.pypdfium2,
) -> None:
    """Compare two readings of one notice field by field; exit 1 when a fact both give differs."""
    from kg_builder.crosscheck import crosscheck_files, format_report
    from kg_builder.errors import InputError

    try:
        check = crosscheck_files(a, b, pdf_engine=pdf_engine.value)
    except InputError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from exc
    report = format_report(check, a.name, b.name, one_sided=not brief)
    out.print(report, markup=False, highlight=False)
    raise typer.Exit(0 if check.agrees else 1)


@app.command()
def build(
    inputs: Annotated[
        list[Path], typer.Argument(help="Notice files, folders (recursive) or globs.")
    ],
    store: StoreOpt = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="Worker processes (0 = all cores).")
    ] = None,
    quarantine: Annotated[
        str | None, typer.Option("--quarantine", help="Folder for notices that fail SHACL.")
    ] = None,
    pdf_engine: Annotated[PdfEngine | None, typer.Option("--pdf-engine")] = None,
) -> None:
    """Parse, map, validate and store notices: one named graph each; unchanged files are skipped."""
    from kg_builder.build import run_build

    engine = pdf_engine.value if pdf_engine else None
    status = run_build(
        inputs, store=store, jobs=jobs, quarantine_dir=quarantine, pdf_engine=engine, err=err
    )
    raise typer.Exit(status)


class QueryFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command()
def query(
    sparql: Annotated[str | None, typer.Argument(help="The SPARQL query.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the query from a .rq file.")
    ] = None,
    store: StoreOpt = None,
    output: Annotated[
        QueryFormat, typer.Option("--format", help="Output format.")
    ] = QueryFormat.table,
) -> None:
    """Run a read-only SPARQL query against the store (table, SPARQL JSON or CSV)."""
    from kg_builder.store.console import run_query

    status = run_query(sparql, file=file, store=store, output=output.value, out=out, err=err)
    raise typer.Exit(status)


@app.command()
def serve(
    store: StoreOpt = None,
    host: Annotated[
        str | None, typer.Option("--host", help="Address to listen on (env BOAMP_KG_HOST).")
    ] = None,
    port: Annotated[
        int | None, typer.Option("--port", help="Port to listen on (env BOAMP_KG_PORT).")
    ] = None,
    query_timeout: Annotated[
        float | None,
        typer.Option(
            "--query-timeout", help="Seconds a query may run (env BOAMP_KG_QUERY_TIMEOUT)."
        ),
    ] = None,
) -> None:
    """Serve the read-only SPARQL endpoint, query page and linked-data pages."""
    from endpoint.serve import run_serve
    from kg_builder.settings import load_config

    config = load_config(store=store, host=host, port=port, query_timeout=query_timeout)
    raise typer.Exit(run_serve(config))


class ConvertFormat(StrEnum):
    nquads = "nquads"
    trig = "trig"
    turtle = "turtle"
    jsonld = "jsonld"
    ntriples = "ntriples"


ConvertFormatOpt = Annotated[ConvertFormat, typer.Option("--format", help="RDF format.")]


@app.command()
def convert(
    files: Files,
    fmt: ConvertFormatOpt = ConvertFormat.nquads,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output file.")] = None,
    base_iri: Annotated[str | None, typer.Option("--base-iri", help="Base of IRIs.")] = None,
    pdf_engine: PdfEngineOpt = PdfEngine.pypdfium2,
) -> None:
    """Map notices to ePO RDF, one named graph each; a bad file is one line on stderr, exit 1."""
    from kg_builder.convert import OutputFormat, convert_to
    from kg_builder.settings import load_config

    base = load_config(base_iri=base_iri).base_iri
    result = convert_to(
        files, output, fmt=OutputFormat(fmt), base_iri=base, pdf_engine=pdf_engine.value
    )
    for failure in result.failures:
        err.print(f"error: {failure}", markup=False, highlight=False)
    err.print(f"{len(result.graphs)} converted, {len(result.failures)} failed", highlight=False)
    raise typer.Exit(result.status)


@app.command()
def dump(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder for the dumps, VoID and DCAT-AP files.")
    ],
    store: StoreOpt = None,
) -> None:
    """Write the whole graph as N-Quads, TriG, N-Triples and JSON-LD (+ SHA-256, VoID, DCAT-AP)."""
    from kg_builder.dump import run_dump

    raise typer.Exit(run_dump(store=store, output=output, out=out, err=err))


@app.command()
def demo(
    host: Annotated[str | None, typer.Option("--host", help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option("--port", help="Port to listen on.")] = None,
) -> None:
    """Build the sample notices in data/samples, dump them, and serve the endpoint."""
    from kg_builder.demo import run_demo
    from kg_builder.settings import load_config

    raise typer.Exit(run_demo(load_config(host=host, port=port), out=out, err=err))


class ShaclEngine(StrEnum):
    fast = "fast"
    pyshacl = "pyshacl"


@app.command()
def validate(
    files: Files,
    engine: Annotated[
        ShaclEngine, typer.Option("--engine", help="fast (pyshacl-turbo) or pyshacl (reference).")
    ] = ShaclEngine.fast,
    official: Annotated[
        bool,
        typer.Option("--official", help="Also check OP-TED's ePO 4.2 shapes (needs ../shared)."),
    ] = False,
    quarantine: Annotated[
        Path | None,
        typer.Option("--quarantine", help="Keep failing notices here with their report."),
    ] = None,
    pdf_engine: PdfEngineOpt = PdfEngine.pypdfium2,
) -> None:
    """Parse, map and validate notices against the SHACL shapes; print each report (exit 0 only if all conform)."""
    from kg_builder.validation.batch import validate_report

    status = validate_report(
        files,
        engine=engine.value,
        official=official,
        pdf_engine=pdf_engine.value,
        quarantine_dir=quarantine,
        out=out,
        err=err,
    )
    raise typer.Exit(status)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
