"""eForms readings become the same ePO graph as BOAMP's text, and pass the SHACL gate.

* every eForms notice we have (the four SDK examples, our seed-002 XML, its open-data record)
  maps to a graph that conforms to the project's shapes;
* every seed fact about award notice 25-103341 (``tests/facts/can_*.rq``, the lead's ASK files)
  holds on the graph built from its BOAMP open-data record, not only on the text and PDF;
* the text extract and the record give the same triples, apart from what only one of them
  carries (printed labels, the printed heading, provenance of the file read);
* facts of the SDK examples are asked in SPARQL over their graphs.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg_builder.mapping import map_notice
from kg_builder.readers import read_notice
from kg_builder.validation import validate
from tests.conftest import EFORMS, SEED_CAN, SEEDS, need

FIXTURES = Path(__file__).parent / "fixtures" / "eforms"
RECORD = FIXTURES / "record_25-103341.json"
FACTS = sorted((Path(__file__).parent / "facts").glob("can_*.rq"))
BUILT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
SDK_FILES = [
    "cn_24_FRA_comments.xml",
    "can_24_FRA_comments.xml",
    "cn_24_maximal.xml",
    "can_24_LSBU.xml",
]

PREFIXES = """
PREFIX epo: <http://data.europa.eu/a4g/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX adms: <http://www.w3.org/ns/adms#>
PREFIX at: <http://publications.europa.eu/resource/authority/>
PREFIX cpv: <http://data.europa.eu/cpv/cpv/>
PREFIX nuts: <http://data.europa.eu/nuts/code/>
"""


def _path(name: str) -> Path:
    return FIXTURES / name if (FIXTURES / name).exists() else need(EFORMS / name)


@cache
def _store(name: str) -> ox.Store:
    store = ox.Store()
    store.load(map_notice(read_notice(_path(name))).to_nquads().encode(), ox.RdfFormat.N_QUADS)
    return store


def _ask(name: str, query: str) -> bool:
    result = _store(name).query(PREFIXES + query, use_default_graph_as_union=True)
    assert isinstance(result, ox.QueryBoolean)
    return bool(result)


@pytest.mark.parametrize("name", [*SDK_FILES, "can_25-103341.xml"])
def test_eforms_graph_conforms_to_the_shapes(name: str) -> None:
    graph = map_notice(read_notice(_path(name)), built_at=BUILT)
    conforms, _, text = validate(graph.graph)
    assert conforms, text


@pytest.mark.parametrize("fact", FACTS, ids=[f.stem for f in FACTS])
def test_seed_fact_holds_on_the_open_data_record(fact: Path) -> None:
    result = _store(RECORD.name).query(
        fact.read_text(encoding="utf-8"), use_default_graph_as_union=True
    )
    assert isinstance(result, ox.QueryBoolean) and bool(result), fact.name


ONE_SIDED_PREDICATES = (
    "<http://www.w3.org/2004/02/skos/core#prefLabel>",  # CPV/NUTS labels printed beside codes
    "<https://data.boamp-kg.example/ontology#heading>",  # the PDF's title line
    "<https://data.boamp-kg.example/ontology#printedRole>",  # role names as printed
)


def _triples(path: Path) -> set[str]:
    lines = map_notice(read_notice(path), built_at=BUILT).to_ntriples().splitlines()
    provenance = ("/source>", "/conversion>")
    return {line for line in lines if not line.split(" ", 1)[0].endswith(provenance)}


def test_text_and_open_data_record_give_the_same_graph() -> None:
    text = _triples(need(SEEDS / f"{SEED_CAN}.txt"))
    record = _triples(RECORD)
    assert record - text == set()
    extra = text - record
    assert all(line.split(" ")[1] in ONE_SIDED_PREDICATES for line in extra), sorted(extra)[:5]
    assert len(text & record) > 400


SDK_FACTS = {
    "can_24_FRA_comments.xml: LOT-0001 won by Espaces Verts Lemire (SIREN 326912557)": (
        "can_24_FRA_comments.xml",
        """ASK { ?lao a epo:LotAwardOutcome ; epo:concernsLot/adms:identifier/skos:notation "LOT-0001" ;
                 epo:comprisesTenderAwardOutcome/epo:indicatesAwardToWinner/epo:playedBy ?org .
                 ?org epo:hasLegalName "Espaces Verts Lemire"@fr ;
                      epo:hasLegalIdentifier [ skos:notation "326912557" ] . }""",
    ),
    "can_24_FRA_comments.xml: review body Tribunal administratif de Rouen on each lot": (
        "can_24_FRA_comments.xml",
        """ASK { ?lot epo:isSubjectToLotSpecificTerm/epo:definesReviewer/epo:playedBy ?court ;
                      adms:identifier/skos:notation "LOT-0002" .
                 ?court epo:hasLegalName "Tribunal administratif de Rouen"@fr . }""",
    ),
    "cn_24_FRA_comments.xml: lot CPV 77310000 performed in FRD22": (
        "cn_24_FRA_comments.xml",
        """ASK { ?lot adms:identifier/skos:notation "LOT-0001" ; epo:hasPurpose/epo:hasMainClassification cpv:77310000 ;
                      epo:foreseesContractSpecificTerm/epo:definesSpecificPlaceOfPerformance/epo:hasNutsCode nuts:FRD22 . }""",
    ),
    "cn_24_maximal.xml: the groups of lots are not lots": (
        "cn_24_maximal.xml",
        """ASK { FILTER NOT EXISTS { ?lot a epo:Lot ; adms:identifier/skos:notation "GLO-0001" } }""",
    ),
    "can_24_LSBU.xml: PwC UK LLP wins a tender of 4,500,000 GBP": (
        "can_24_LSBU.xml",
        """ASK { ?w epo:playedBy/epo:hasLegalName ?name . FILTER (STR(?name) = "PwC UK LLP")
                 ?t epo:hasFinancialOfferValue [ epo:hasAmountValue ?v ; epo:hasCurrency at:currency\\/GBP ] .
                 FILTER (?v = 4500000) }""",
    ),
}


@pytest.mark.parametrize("fact", SDK_FACTS)
def test_sdk_fact(fact: str) -> None:
    name, query = SDK_FACTS[fact]
    assert _ask(name, query), fact


@pytest.mark.parametrize(
    ("name", "fmt"), [("can_25-103341.xml", "eforms-xml"), (RECORD.name, "boamp-json")]
)
def test_provenance_records_the_format(name: str, fmt: str) -> None:
    assert _ask(
        name,
        f"""ASK {{ ?src <https://data.boamp-kg.example/ontology#sourceFormat> "{fmt}" ;
                  <http://purl.org/dc/terms/title> "{name}" }}""",
    )
