"""A page's tables read by walking the graph give the rows of the SPARQL queries they replace.

The queries below are the specification (they are what the pages ran before the walks, and
what a reader of the docs would write): for every notice of a generated corpus with contract
and award notices, shared lots and several tenders per lot, the walk must give the same rows,
in the same order of the ``ORDER BY`` variables.
"""

from __future__ import annotations

import pytest

from endpoint import resource_page as rp
from endpoint import walk
from endpoint.describe import Term, select, sparql_iri
from endpoint.urls import Urls
from kg_builder.store.base import StoredGraph
from kg_builder.store.oxigraph import OxigraphStore
from tests.ld_support import BASE

LOTS = """SELECT DISTINCT ?lot ?id ?title ?estimated ?cpv WHERE {{
  {notice} epo:announcesLot|epo:refersToLot ?lot .
  OPTIONAL {{ ?lot adms:identifier/skos:notation ?id }} OPTIONAL {{ ?lot epo:hasTitle|dct:title ?title }}
  OPTIONAL {{ ?lot epo:hasEstimatedValue ?estimated }}
  OPTIONAL {{ ?lot epo:hasPurpose/epo:hasMainClassification ?cpv }} }} ORDER BY ?id ?lot LIMIT 500"""
RESULTS = """SELECT DISTINCT ?lot ?lotid ?rank ?tender ?winner ?amount WHERE {{
  {notice} epo:announcesAwardDecision/epo:comprisesAwardOutcome ?lao .
  ?lao epo:concernsLot ?lot . OPTIONAL {{ ?lot adms:identifier/skos:notation ?lotid }}
  OPTIONAL {{ ?lao epo:comprisesTenderAwardOutcome ?tao . ?tao epo:concernsTender ?tender .
    OPTIONAL {{ ?tao epo:hasAwardRank ?rank }}
    OPTIONAL {{ ?tender epo:isSubmitedBy/epo:playedBy ?winner }}
    OPTIONAL {{ ?tender epo:hasFinancialOfferValue ?amount }} }} }}
  ORDER BY ?lotid ?lot ?rank ?tender LIMIT 500"""
CRITERIA = """SELECT DISTINCT ?lot ?lotid ?criterion ?description ?type ?weight ?order WHERE {{
  {notice} epo:announcesLot|epo:refersToLot ?lot .
  ?lot epo:specifiesProcurementCriterion ?criterion .
  OPTIONAL {{ ?lot adms:identifier/skos:notation ?lotid }}
  OPTIONAL {{ ?criterion dct:description ?description }}
  OPTIONAL {{ ?criterion epo:hasAwardCriterionType ?type }}
  OPTIONAL {{ ?criterion bkg:criterionOrder ?order }}
  OPTIONAL {{ ?criterion cccev:weight|epo:hasFixedValue ?weight }} }}
  ORDER BY ?lotid ?lot ?order ?criterion LIMIT 1000"""


@pytest.fixture(scope="module")
def corpus() -> tuple[OxigraphStore, list[str]]:
    from kg_builder.mapping import map_notice
    from kg_builder.synth import generate_notices

    store = OxigraphStore(None)
    notices = []
    for notice in generate_notices(40, seed=5):
        mapped = map_notice(notice, base_iri=BASE)
        record = StoredGraph(mapped.iri, mapped.iri, mapped.notice_id, mapped.version)
        shared = (mapped.shared_iri, mapped.shared_ntriples())
        store.replace_graph(mapped.iri, mapped.own_ntriples(), record, shared=shared)
        notices.append(mapped.notice_iri)
    return store, notices


def _same_rows(expected: list[dict[str, Term]], got: list[dict[str, Term]], by: list[str]) -> None:
    """Same rows (SPARQL leaves the order of ties open) in the same ``ORDER BY`` order."""

    def norm(rows: list[dict[str, Term]]) -> list[tuple[tuple[str, Term], ...]]:
        return sorted(tuple(sorted(r.items())) for r in rows)

    assert norm(got) == norm(expected)
    assert [[walk.order_key(r.get(v)) for v in by] for r in got] == [
        [walk.order_key(r.get(v)) for v in by] for r in expected
    ]


def _sparql(store: OxigraphStore, query: str, notice: str) -> list[dict[str, Term]]:
    return select(store, rp.PREFIXES + query.format(notice=sparql_iri(notice)))


def _lots(store: OxigraphStore, notice: str) -> list[str]:
    found = walk.step(store, [notice], rp._NOTICE_LOTS)
    return walk.iris(walk.values(found, notice, *rp._NOTICE_LOTS))


def test_the_corpus_has_what_the_walks_must_get_right(
    corpus: tuple[OxigraphStore, list[str]],
) -> None:
    store, notices = corpus
    results = [r for n in notices for r in _sparql(store, RESULTS, n)]
    assert len({r["lot"] for r in results}) > 5 and any("rank" in r for r in results)
    assert sum(len(_sparql(store, CRITERIA, n)) for n in notices) > 50


def test_a_notices_lots_are_the_rows_of_its_query(
    corpus: tuple[OxigraphStore, list[str]],
) -> None:
    store, notices = corpus
    for notice in notices:
        _same_rows(
            _sparql(store, LOTS, notice), rp._lot_rows(store, _lots(store, notice)), ["id", "lot"]
        )


def test_a_notices_results_are_the_rows_of_its_query(
    corpus: tuple[OxigraphStore, list[str]],
) -> None:
    store, notices = corpus
    for notice in notices:
        _same_rows(
            _sparql(store, RESULTS, notice),
            rp._result_rows(store, notice),
            ["lotid", "lot", "rank", "tender"],
        )


def test_a_notices_criteria_are_the_rows_of_its_query(
    corpus: tuple[OxigraphStore, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, notices = corpus
    shown: dict[str, list[dict[str, Term]]] = {}
    real = rp._section

    def keep(store_, rows, cols, urls, lang, title):  # type: ignore[no-untyped-def]
        shown[title] = rows
        return real(store_, rows, cols, urls, lang, title)

    monkeypatch.setattr(rp, "_section", keep)
    for notice in notices:
        rp._criteria_section(store, _lots(store, notice), Urls(BASE), "fr")
        _same_rows(
            _sparql(store, CRITERIA, notice),
            shown["Critères d'attribution"],
            ["lotid", "lot", "order", "criterion"],
        )
