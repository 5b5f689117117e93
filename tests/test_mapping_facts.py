"""Every fact of ../shared/seeds/README.md, as one SPARQL ASK file in tests/facts/, must hold on
the graph built from the seeds: once from the text extracts, once from the PDF renderings.

Both notices go into one store, so a fact about one notice is also checked not to be confused
by the other. File names say which notice a fact is about (``cn_`` contract notice 26-16132,
``can_`` award notice 25-103341, ``both_``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest

from tests.conftest import SEED_CAN, SEED_CN, SEEDS, need

FACTS = Path(__file__).parent / "facts"
FACT_FILES = sorted(FACTS.glob("*.rq"))


@cache
def seed_store(reading: str) -> ox.Store:
    """Both seeds read as ``text`` or ``pdf``, mapped, and loaded into one in-memory store."""
    from kg_builder.mapping import map_notice
    from kg_builder.readers import read_notice

    store = ox.Store()
    for stem in (SEED_CN, SEED_CAN):
        path = (
            need(SEEDS / f"{stem}.txt")
            if reading == "text"
            else need(SEEDS / "pdf" / f"{stem}.pdf")
        )
        graph = map_notice(read_notice(path))
        store.load(graph.to_nquads().encode(), ox.RdfFormat.N_QUADS)
    return store


@pytest.mark.parametrize("reading", ["text", "pdf"])
@pytest.mark.parametrize("fact", FACT_FILES, ids=[f.stem for f in FACT_FILES])
def test_seed_fact(fact: Path, reading: str) -> None:
    query = fact.read_text(encoding="utf-8")
    store = seed_store(reading)
    result = store.query(query, use_default_graph_as_union=True)
    assert isinstance(result, ox.QueryBoolean), f"{fact.name} must be an ASK query"
    assert bool(result), (
        f"{fact.name} does not hold on the {reading} reading: {query.splitlines()[0]}"
    )


def test_every_fact_file_is_an_ask_with_a_comment() -> None:
    assert len(FACT_FILES) >= 25
    for fact in FACT_FILES:
        text = fact.read_text(encoding="utf-8")
        assert text.startswith("# "), f"{fact.name}: first line says the fact in words"
        assert "ASK" in text, fact.name
