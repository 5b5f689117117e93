"""Properties of the two small parsers in front of every query: the Accept header and the
guards' token scan."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from endpoint import formats, guards

MEDIA = st.sampled_from(
    [f.media_type for f in formats.ALL_FORMATS]
    + ["text/html", "image/png", "*/*", "text/*", "application/*"]
)
QUALITY = st.sampled_from([None, "0", "0.1", "0.5", "0.9", "1", "1.0"])


def header(ranges: list[tuple[str, str | None]]) -> str:
    return ", ".join(media if q is None else f"{media};q={q}" for media, q in ranges)


@given(st.lists(st.tuples(MEDIA, QUALITY), min_size=1, max_size=8))
def test_accept_is_sorted_by_quality_then_order(ranges: list[tuple[str, str | None]]) -> None:
    parsed = formats.parse_accept(header(ranges))
    kept = [(m, 1.0 if q is None else float(q)) for m, q in ranges if q is None or float(q) > 0]
    expected = [m for _, _, m in sorted((-q, i, m) for i, (m, q) in enumerate(kept))]
    assert parsed == expected


@given(st.lists(st.tuples(MEDIA, QUALITY), min_size=1, max_size=8))
def test_negotiation_picks_an_offered_format_or_says_406(
    ranges: list[tuple[str, str | None]],
) -> None:
    for offered in (formats.SOLUTION_FORMATS, formats.GRAPH_FORMATS):
        try:
            chosen = formats.negotiate(header(ranges), offered)
        except formats.NotAcceptable:
            acceptable = formats.parse_accept(header(ranges))
            assert not any(formats._matches(m, f) for m in acceptable for f in offered)
        else:
            assert chosen in offered


@pytest.mark.parametrize(
    ("accept", "solutions", "graph"),
    [
        ("application/sparql-results+json", "json", None),
        ("application/json", "json", "jsonld"),
        ("application/xml", "xml", "rdfxml"),
        ("text/csv", "csv", None),
        ("text/tab-separated-values", "tsv", None),
        ("application/ld+json", None, "jsonld"),
        ("application/n-triples", None, "ntriples"),
        ("text/turtle;q=0.2, application/rdf+xml;q=0.8", None, "rdfxml"),
        ("*/*", "json", "turtle"),
        ("", "json", "turtle"),
        ("text/*", "csv", "turtle"),
    ],
)
def test_negotiation_table(accept: str, solutions: str | None, graph: str | None) -> None:
    for expected, offered in (
        (solutions, formats.SOLUTION_FORMATS),
        (graph, formats.GRAPH_FORMATS),
    ):
        if expected is None:
            with pytest.raises(formats.NotAcceptable):
                formats.negotiate(accept, offered)
        else:
            assert formats.negotiate(accept, offered).name == expected


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld", ".rdf"])
def test_page_suffixes_name_graph_formats(suffix: str) -> None:
    fmt = formats.by_suffix(suffix)
    assert fmt is not None and fmt.kind == "graph" and fmt.suffix == suffix[1:]


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@given(TEXT)
def test_keywords_inside_literals_never_refuse_a_query(text: str) -> None:
    literal = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    query = f'SELECT * WHERE {{ ?s ?p "{literal}" }}'
    facts = guards.check_query(query)
    assert isinstance(facts, guards.QueryFacts) and facts.form == "SELECT"


@given(
    st.sampled_from(
        [
            "INSERT DATA",
            "DELETE WHERE",
            "LOAD",
            "CLEAR",
            "CREATE GRAPH",
            "DROP",
            "COPY",
            "MOVE",
            "ADD",
            "WITH",
        ]
    ),
    st.sampled_from(["", "PREFIX ex: <http://example.org/>\n", "# comment\n", "BASE <http://x/> "]),
    st.booleans(),
)
def test_every_update_operation_is_refused(keyword: str, prologue: str, lower: bool) -> None:
    operation = keyword.lower() if lower else keyword
    refusal = guards.check_query(f"{prologue}{operation} <http://example.org/g> {{ }}")
    assert isinstance(refusal, guards.Refusal) and refusal.status == 403
