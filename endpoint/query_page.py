"""The query page at ``/``: an editor, the example queries, links to the linked-data pages.

With the YASGUI build vendored into ``endpoint/static/vendor/`` (``make assets``), the page is
YASGUI (syntax highlighting, result tables, charts). Without it, the same page is a plain,
accessible form posting to ``/sparql``: nothing on the page needs JavaScript to work.
Example queries are ``.rq`` files in ``endpoint/queries/``; their first ``# title:`` comment
names them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import Request

from endpoint.templates import render
from kg_builder.settings import Config

QUERIES_DIR = Path(__file__).resolve().parent / "queries"
VENDOR_DIR = Path(__file__).resolve().parent / "static" / "vendor"


@dataclass(frozen=True, slots=True)
class ExampleQuery:
    """One example: its file stem, its title, what it answers, and the SPARQL text."""

    name: str
    title: str
    description: str
    sparql: str


def parse_example(name: str, text: str) -> ExampleQuery:
    """Read an example's title and description from its leading ``#`` comments.

    :param name: the file stem.
    :param text: the ``.rq`` file's text.
    :return: the example.

    >>> parse_example("x", "# title: Hello\\n# Says hello.\\nASK {}").title
    'Hello'
    """
    title, description = name.replace("-", " ").capitalize(), []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        comment = line.lstrip("#").strip()
        if comment.lower().startswith("title:"):
            title = comment.split(":", 1)[1].strip()
        elif comment:
            description.append(comment)
    return ExampleQuery(name, title, " ".join(description), text)


@cache
def examples() -> tuple[ExampleQuery, ...]:
    """Every example query of ``endpoint/queries/``, by file name.

    :return: the examples.

    >>> "top-buyers" in [e.name for e in examples()]
    True
    """
    return tuple(
        parse_example(path.stem, path.read_text(encoding="utf-8"))
        for path in sorted(QUERIES_DIR.glob("*.rq"))
    )


def example_queries() -> list[dict[str, str]]:
    """The examples as JSON-ready records (``/queries``)."""
    return [
        {"name": e.name, "title": e.title, "description": e.description, "query": e.sparql}
        for e in examples()
    ]


def has_yasgui() -> bool:
    """Whether ``make assets`` has put the YASGUI build in ``static/vendor/``."""
    return (VENDOR_DIR / "yasgui.min.js").is_file() and (VENDOR_DIR / "yasgui.min.css").is_file()


def render_query_page(request: Request, config: Config) -> str:
    """The HTML of the query page.

    :param request: the request (for the endpoint's absolute URL and a ``query`` to prefill).
    :param config: the settings (limits shown to the user).
    :return: HTML.
    """
    chosen = request.query_params.get("example")
    all_examples = examples()
    selected = next((e for e in all_examples if e.name == chosen), None)
    query = request.query_params.get("query") or (
        selected.sparql if selected else (all_examples[0].sparql if all_examples else "")
    )
    return render(
        "query.html",
        title="SPARQL query",
        endpoint_url=str(request.url_for("sparql_endpoint")),
        examples=all_examples,
        query=query,
        yasgui=has_yasgui(),
        base_origin="{0.scheme}://{0.netloc}".format(urlsplit(config.base_iri)),
        config=config,
    )
