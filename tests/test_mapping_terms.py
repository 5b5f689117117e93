"""Every ``epo:`` term the mapping writes exists in ePO 4.2 and is used as what it is: a class
as ``rdf:type`` object, an object property with an IRI value, a datatype property with a literal.
The same holds for the project's own ``bkg:`` terms against ``ontology/boamp-kg.ttl``.

``ontology/epo-terms.tsv`` lists the ePO terms the mapping uses, with ePO's labels; this test
keeps it exact (run with ``BOAMP_KG_REGENERATE=1`` to rewrite it after a mapping change).
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg_builder.mapping import map_notice
from kg_builder.mapping.namespaces import BKG, EPO
from tests.conftest import EPO as EPO_DIR
from tests.conftest import ROOT, SEED_CAN, SEED_CN, SEEDS, need
from tests.mapping_fixtures import full_notice

ONTOLOGY = ROOT / "ontology" / "boamp-kg.ttl"
TERMS_TSV = ROOT / "ontology" / "epo-terms.tsv"
KIND = {
    OWL.Class: "Class",
    OWL.ObjectProperty: "ObjectProperty",
    OWL.DatatypeProperty: "DatatypeProperty",
}


@cache
def declared(*files: Path) -> tuple[dict[URIRef, str], dict[URIRef, str]]:
    """(term -> kind, term -> English label) over the given ontology files."""
    g = Graph()
    for f in files:
        g.parse(f)
    kinds: dict[URIRef, str] = {}
    labels: dict[URIRef, str] = {}
    for cls, kind in KIND.items():
        for term in g.subjects(RDF.type, cls):
            if isinstance(term, URIRef):
                kinds[term] = kind
    for term in kinds:
        label = g.value(term, SKOS.prefLabel) or next(
            (
                o
                for o in g.objects(term, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
                if getattr(o, "language", None) == "en"
            ),
            None,
        )
        labels[term] = str(label or "")
    return kinds, labels


@cache
def usages() -> dict[URIRef, set[str]]:
    """term -> how the mapping uses it ("Class", "ObjectProperty" for IRI values, "DatatypeProperty" for literals)."""
    from kg_builder.readers import read_notice

    graphs = [map_notice(full_notice())]
    for stem in (SEED_CN, SEED_CAN):
        if (SEEDS / f"{stem}.txt").exists():
            graphs.append(map_notice(read_notice(SEEDS / f"{stem}.txt")))
    used: dict[URIRef, set[str]] = {}
    for ng in graphs:
        for _s, p, o in ng.triples:
            if p == RDF.type and isinstance(o, URIRef):
                used.setdefault(o, set()).add("Class")
            else:
                used.setdefault(p, set()).add(
                    "DatatypeProperty" if isinstance(o, Literal) else "ObjectProperty"
                )
    return used


def _check(namespace: str, kinds: dict[URIRef, str]) -> list[str]:
    problems = []
    for term, how in sorted(usages().items()):
        if not str(term).startswith(namespace):
            continue
        if term not in kinds:
            problems.append(f"{term}: not declared")
        elif how != {kinds[term]}:
            problems.append(f"{term}: declared {kinds[term]}, used as {sorted(how)}")
    return problems


def test_every_epo_term_exists_and_has_the_right_kind() -> None:
    need(EPO_DIR / "ePO_core.ttl")
    kinds, _ = declared(EPO_DIR / "ePO_core.ttl", EPO_DIR / "eNotice.ttl")
    assert _check(str(EPO), kinds) == []


def test_every_bkg_term_is_declared_in_the_extension_vocabulary() -> None:
    kinds, _ = declared(ONTOLOGY)
    assert _check(str(BKG), kinds) == []


def test_extension_vocabulary_has_french_and_english_labels_and_definitions() -> None:
    g = Graph().parse(ONTOLOGY)
    terms = [
        t for t in g.subjects(URIRef("http://www.w3.org/2000/01/rdf-schema#isDefinedBy"), None)
    ]
    assert terms
    for term in terms:
        langs = {
            o.language
            for o in g.objects(term, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
        }
        assert {"fr", "en"} <= langs, term
        assert g.value(term, SKOS.definition) is not None, term


def epo_terms_tsv() -> str:
    kinds, labels = declared(EPO_DIR / "ePO_core.ttl", EPO_DIR / "eNotice.ttl")
    rows = ["term\tkind\tlabel"]
    for term in sorted(t for t in usages() if str(t).startswith(str(EPO))):
        rows.append(f"epo:{term[len(str(EPO)) :]}\t{kinds.get(term, '?')}\t{labels.get(term, '')}")
    return "\n".join(rows) + "\n"


def test_epo_terms_list_is_current() -> None:
    need(EPO_DIR / "ePO_core.ttl")
    need(SEEDS)
    expected = epo_terms_tsv()
    if os.environ.get("BOAMP_KG_REGENERATE"):
        TERMS_TSV.write_text(expected, encoding="utf-8")
    if not TERMS_TSV.exists():
        pytest.fail(f"{TERMS_TSV} is missing: run with BOAMP_KG_REGENERATE=1")
    assert TERMS_TSV.read_text(encoding="utf-8") == expected
