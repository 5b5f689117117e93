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

from kg_builder.mapping import NoticeGraph, map_notice
from kg_builder.mapping.namespaces import BKG, EPO
from tests.conftest import EFORMS, ROOT, SEED_CAN, SEED_CN, SEEDS, need
from tests.conftest import EPO as EPO_DIR
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
def sample_graphs() -> list[NoticeGraph]:
    """The hand-built notice with every field, the two seeds and the eForms SDK examples."""
    from kg_builder.readers import read_notice

    graphs = [map_notice(full_notice())]
    for stem in (SEED_CN, SEED_CAN):
        if (SEEDS / f"{stem}.txt").exists():
            graphs.append(map_notice(read_notice(SEEDS / f"{stem}.txt")))
    graphs += [map_notice(read_notice(path)) for path in sorted(EFORMS.glob("*.xml"))]
    return graphs


@cache
def usages() -> dict[URIRef, set[str]]:
    """term -> how the mapping uses it ("Class", "ObjectProperty" for IRI values, "DatatypeProperty" for literals)."""
    used: dict[URIRef, set[str]] = {}
    for ng in sample_graphs():
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


# Where the mapping departs from ePO's declared datatypes on purpose (ontology/README.md, "Dates"):
# a date printed without a time stays xsd:date instead of an invented xsd:dateTime.
DATATYPE_DEPARTURES = {EPO.hasBeginning, EPO.hasEnd, EPO.hasAwardDecisionDate}


def _names(nodes: set[URIRef]) -> list[str]:
    return sorted(str(n).rsplit("#", 1)[-1].rsplit("/", 1)[-1] for n in nodes)


def test_subjects_and_values_fit_epo_domains_and_ranges() -> None:
    """Each ``epo:`` triple's subject has a type within the property's ``rdfs:domain`` (ePO's
    restrictions files, unions and subclasses included), each IRI value a type within its
    ``rdfs:range`` when the graph types it, and each literal ePO's datatype."""
    from rdflib import RDFS
    from rdflib.collection import Collection

    need(EPO_DIR / "ePO_core_restrictions.ttl")
    g = Graph()
    for name in (
        "ePO_core.ttl",
        "eNotice.ttl",
        "ePO_core_restrictions.ttl",
        "eNotice_restrictions.ttl",
    ):
        g.parse(EPO_DIR / name)
    g.parse(ONTOLOGY)

    def classes(node: object) -> set[URIRef]:
        if isinstance(node, URIRef):
            return {node}
        union = g.value(node, OWL.unionOf)  # type: ignore[arg-type]
        return (
            {c for c in Collection(g, union) if isinstance(c, URIRef)}
            if union is not None
            else set()
        )

    @cache
    def supers(cls: URIRef) -> frozenset[URIRef]:
        out, todo = {cls}, [cls]
        while todo:
            for parent in g.objects(todo.pop(), RDFS.subClassOf):
                if isinstance(parent, URIRef) and parent not in out:
                    out.add(parent)
                    todo.append(parent)
        return frozenset(out)

    problems: set[str] = set()
    for ng in sample_graphs():
        types: dict[object, set[URIRef]] = {}
        for s, p, o in ng.triples:
            if p == RDF.type and isinstance(o, URIRef):
                types.setdefault(s, set()).add(o)

        def closure(node: object, types: dict[object, set[URIRef]] = types) -> set[URIRef]:
            return set().union(*(supers(t) for t in types.get(node, set())))

        for s, p, o in ng.triples:
            if not str(p).startswith(str(EPO)):
                continue
            domain = set().union(*(classes(d) for d in g.objects(p, RDFS.domain)))
            if domain and not closure(s) & domain:
                problems.add(
                    f"{p}: subject typed {_names(types.get(s, set()))}, domain {_names(domain)}"
                )
            ranges = list(g.objects(p, RDFS.range))
            if isinstance(o, URIRef):
                range_classes = set().union(*(classes(r) for r in ranges))
                if range_classes and o in types and not closure(o) & range_classes:
                    problems.add(
                        f"{p}: value typed {_names(types[o])}, range {_names(range_classes)}"
                    )
            elif ranges and p not in DATATYPE_DEPARTURES:
                allowed = {str(r) for r in ranges}
                actual = (
                    str(o.datatype)
                    if o.datatype
                    else ("rdf:langString" if o.language else "xsd:string")
                )
                plain = {
                    "http://www.w3.org/1999/02/22-rdf-syntax-ns#PlainLiteral",
                    "http://www.w3.org/2000/01/rdf-schema#Literal",
                }
                if actual not in allowed and not allowed & plain:
                    problems.add(f"{p}: literal {actual}, range {sorted(allowed)}")
    assert sorted(problems) == []
