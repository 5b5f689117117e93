"""``boamp-kg query``: run one read query against the configured store and print the answer.

A table for a person (rich), SPARQL JSON or CSV for a script; the serialization is the store's
own (:meth:`Store.query`), so the CLI prints exactly what the endpoint would send.
"""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

#: ``--format`` name -> media type for SELECT/ASK, and for CONSTRUCT/DESCRIBE.
FORMATS: dict[str, tuple[str, str]] = {
    "table": ("application/sparql-results+json", "text/turtle"),
    "json": ("application/sparql-results+json", "application/ld+json"),
    "csv": ("text/csv", "application/n-triples"),
}


def _cell(term: dict[str, str]) -> str:
    value = term.get("value", "")
    if term.get("type") == "uri":
        return f"<{value}>"
    if term.get("type") == "bnode":
        return f"_:{value}"
    if "xml:lang" in term:
        return f"{value}@{term['xml:lang']}"
    return value


def table_of(body: bytes) -> Table | str:
    """A rich table of a SPARQL JSON answer (``true``/``false`` for ASK).

    >>> table_of(b'{"head": {}, "boolean": true}')
    'true'
    >>> table_of(b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"type": "literal", "value": "1"}}]}}').row_count
    1
    """
    data = json.loads(body)
    if "boolean" in data:
        return "true" if data["boolean"] else "false"
    names = data["head"]["vars"]
    table = Table(*names, show_lines=False)
    for binding in data["results"]["bindings"]:
        table.add_row(*(_cell(binding[n]) if n in binding else "" for n in names))
    return table


def run_query(
    sparql: str | None,
    *,
    file: Path | None,
    store: str | None,
    output: str,
    out: Console,
    err: Console,
) -> int:
    """Run the query (given inline or in ``file``) and print it as ``output`` (table/json/csv).

    :return: 0 answered, 2 no query, a malformed one, or a store that cannot be read.
    """
    from kg_builder.errors import BoampKgError
    from kg_builder.settings import load_config
    from kg_builder.store import open_store

    if (sparql is None) == (file is None):
        err.print("[red]error:[/] give a SPARQL query or --file Q.rq (one of them)")
        return 2
    text = sparql if sparql is not None else Path(file).read_text(encoding="utf-8")  # type: ignore[arg-type]
    solutions, graphs = FORMATS[output]
    try:
        config = load_config(store=store)
        with open_store(config.store, read_only=True, config=config) as target:
            try:
                result = target.query(text, solutions)
            except ValueError:  # a CONSTRUCT or DESCRIBE: answer in an RDF format instead
                result = target.query(text, graphs)
    except (SyntaxError, ValueError, BoampKgError) as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        return 2
    if output == "table" and result.kind in ("SELECT", "ASK"):
        out.print(table_of(result.body))
    else:
        out.file.write(result.body.decode("utf-8"))
        out.file.flush()
    return 0
