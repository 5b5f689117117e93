"""Turn a :class:`~endpoint.describe.Description` into the ready-made values a page shows.

Templates receive only strings, links and lists from here: every query (labels of linked
resources, an organisation's notices and lots won, a notice's lots, criteria and results) and
every URL (through :class:`~endpoint.urls.Urls`) is made in this module, never in a template.
The section queries follow the shapes OP-TED's eForms mapping writes (see
``../shared/reference/epo/TED-MAPPING.md``), so they also work on TED's own data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote

from endpoint import labels, walk
from endpoint.describe import (
    RDF_TYPE,
    Description,
    Statement,
    Term,
    distinct_iris,
    select,
    sparql_iri,
)
from endpoint.urls import Urls
from endpoint.values import literal_text, money
from kg_builder.store.base import Store

EPO = "http://data.europa.eu/a4g/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
LOCN = "http://www.w3.org/ns/locn#"
ADMS = "http://www.w3.org/ns/adms#"
M8G = "http://data.europa.eu/m8g/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
BKG = "https://data.boamp-kg.example/ontology#"

PREFIXES = f"""PREFIX epo: <{EPO}> PREFIX skos: <{SKOS}> PREFIX dct: <{DCT}> PREFIX rdfs: <{RDFS}>
PREFIX locn: <{LOCN}> PREFIX adms: <{ADMS}> PREFIX cccev: <{M8G}> PREFIX org: <{ORG}>
PREFIX prov: <{PROV}> PREFIX bkg: <{BKG}> PREFIX foaf: <http://xmlns.com/foaf/0.1/>
"""

#: label sources: predicate -> rank (the lower, the better; see :func:`_pick_label`).
_LABEL_PREDICATES: dict[str, int] = {
    EPO + "hasLegalName": 1,
    EPO + "hasTitle": 2,
    DCT + "title": 3,
    SKOS + "prefLabel": 4,
    RDFS + "label": 5,
    EPO + "hasAmountValue": 7,
    SKOS + "notation": 8,
    EPO + "hasCurrency": 10,
    RDF_TYPE: 11,
    BKG + "heading": 12,
    BKG + "boampNumber": 13,
    LOCN + "fullAddress": 14,
    LOCN + "postName": 15,
}
#: two-step label sources: first predicate -> (second predicate, rank). A role reads as the
#: legal name of the organisation playing it; an identified thing as its identifier's notation.
_LABEL_PATHS: dict[str, tuple[str, int]] = {
    EPO + "playedBy": (EPO + "hasLegalName", 6),
    ADMS + "identifier": (SKOS + "notation", 9),
}

#: prefixes for IRIs we do not mint, so a CPV code without a label still reads "CPV 72600000".
_EXTERNAL_PREFIXES = {
    "http://data.europa.eu/cpv/cpv/": "CPV ",
    "http://data.europa.eu/nuts/code/": "NUTS ",
}
_AUTHORITY = "http://publications.europa.eu/resource/authority/"


@dataclass(frozen=True, slots=True)
class Value:
    """One shown value: text, and a link when it is a resource."""

    text: str
    href: str | None = None
    lang: str | None = None
    iri: str | None = None  # shown as a tooltip for resources


@dataclass(slots=True)
class PropertyRow:
    label: str
    label_en: str
    iri: str
    values: list[Value] = field(default_factory=list)


@dataclass(slots=True)
class Section:
    """A table of related resources (a notice's lots, an organisation's lots won...)."""

    title: str
    columns: list[str]
    rows: list[list[Value]]


@dataclass(slots=True)
class Page:
    """Everything ``resource.html`` shows."""

    title: str
    iri: str
    thing_href: str
    types: list[Value]
    address: list[str]
    sections: list[Section]
    properties: list[PropertyRow]
    incoming: list[tuple[Value, str]]
    incoming_total: int
    incoming_range: str
    previous_href: str | None
    next_href: str | None
    provenance: list[PropertyRow]
    formats: list[tuple[str, str]]
    is_graph: bool


def resolve_labels(store: Store, iris: Iterable[str], lang: str = "fr") -> dict[str, str]:
    """A human label for each resource IRI (legal name, title, prefLabel, amount, notation...).

    Resources with none of these get their class label and the end of their IRI, so a page
    never shows a bare hash or UUID where a name could be. At most three index walks
    (:meth:`~kg_builder.store.base.Store.objects`), whatever the number of IRIs: a page's
    labels cost what the page shows, not what the store holds.

    :param store: the store to read.
    :param iris: the resources to label.
    :param lang: the preferred language of labels.
    :return: label by IRI for every IRI given.
    """
    wanted = list(dict.fromkeys(iris))
    # vocabulary terms (ePO classes and properties, authority codes) have curated labels: half
    # of a notice page's IRIs, not looked up
    resources = [iri for iri in wanted if not labels.known(iri)]
    found: dict[str, dict[int, list[Term]]] = defaultdict(lambda: defaultdict(list))
    via: dict[str, dict[str, list[tuple[str, int]]]] = defaultdict(lambda: defaultdict(list))
    for subject, predicate, obj in store.objects(resources, [*_LABEL_PREDICATES, *_LABEL_PATHS]):
        if predicate in _LABEL_PREDICATES:
            found[subject][_LABEL_PREDICATES[predicate]].append(Term.from_json(obj))
        elif obj["type"] == "uri":
            second, rank = _LABEL_PATHS[predicate]
            via[second][obj["value"]].append((subject, rank))
    for second, starts in via.items():
        for node, _, obj in store.objects(starts, [second]):
            for subject, rank in starts[node]:
                found[subject][rank].append(Term.from_json(obj))
    return {iri: _pick_label(iri, found.get(iri, {}), lang) for iri in wanted}


def _best_text(terms: list[Term], lang: str) -> str:
    ranked = sorted(
        terms, key=lambda t: (t.lang != lang, t.lang is not None and t.lang != "en", t.value)
    )
    return ranked[0].value


def _pick_label(iri: str, found: dict[int, list[Term]], lang: str) -> str:
    if found.get(13):  # a BOAMP notice: "Avis de marché n° 26-16132"
        heading = _best_text(found[12], lang) if found.get(12) else "Avis"
        return f"{heading} n° {found[13][0].value}"
    for rank in (1, 2, 3, 4, 5):
        if found.get(rank):
            return _best_text(found[rank], lang)
    types = _specific([t.value for t in found.get(11, [])])
    if found.get(6):
        role = labels.label(types[0], lang) if types else ""
        return f"{role} : {_best_text(found[6], lang)}".strip(" :")
    if found.get(7):
        currency = found.get(10)
        return money(found[7][0].value, labels.local_name(currency[0].value) if currency else None)
    if found.get(14) or found.get(15):  # an address: "1 rue X, Allone"
        return ", ".join(_best_text(found[r], lang) for r in (14, 15) if found.get(r))
    for rank in (8, 9):
        if found.get(rank):
            notation = _best_text(found[rank], lang)
            return f"{labels.label(types[0], lang)} {notation}" if types else notation
    return _fallback_label(iri, types, lang)


#: superclasses a resource is also typed with; a label names the more specific class.
_GENERIC_TYPES = {EPO + "AgentInRole", EPO + "Notice", PROV + "Entity", SKOS + "Concept"}


def _specific(types: list[str]) -> list[str]:
    """``types`` sorted, the generic ones last (so ``types[0]`` is the most telling)."""
    return sorted(types, key=lambda t: (t in _GENERIC_TYPES, t))


def _fallback_label(iri: str, types: list[str], lang: str) -> str:
    if labels.known(iri):  # a vocabulary term (class, property) shown as a value
        return labels.label(iri, lang)
    for prefix, shown in _EXTERNAL_PREFIXES.items():
        if iri.startswith(prefix):
            return shown + unquote(iri[len(prefix) :])
    if iri.startswith(_AUTHORITY):  # an EU authority code: its code is what people know
        return unquote(iri.rsplit("/", 1)[-1])
    tail = unquote("/".join(iri.rstrip("/").split("/")[-2:]))
    kind = labels.label(types[0], lang) if types else ""
    return f"{kind} {tail}".strip()


def _value(term: Term, urls: Urls, names: dict[str, str]) -> Value:
    if term.is_iri:
        return Value(names.get(term.value, term.value), urls.page(term.value), iri=term.value)
    if term.kind == "bnode":
        return Value(f"_:{term.value}")
    return Value(literal_text(term.value, term.datatype), lang=term.lang)


def _rows(
    statements: list[Statement], urls: Urls, names: dict[str, str], lang: str
) -> list[PropertyRow]:
    rows: dict[str, PropertyRow] = {}
    for s in statements:
        p = s.predicate.value
        if p not in rows:
            rows[p] = PropertyRow(labels.label(p, lang), labels.label(p, "en"), p)
        rows[p].values.append(_value(s.object, urls, names))
    order = {RDF_TYPE: 0}
    return sorted(rows.values(), key=lambda r: (order.get(r.iri, 1), r.label.casefold()))


def build_page(store: Store, description: Description, urls: Urls, lang: str = "fr") -> Page:
    """All values of the HTML page of ``description``.

    :param store: the store (for labels and the sections' queries).
    :param description: what :func:`endpoint.describe.describe` returned.
    :param urls: the URL builder.
    :param lang: the language of labels.
    :return: the page values.
    """
    iri = description.iri
    own = [s for s in description.outgoing if s.subject.value == iri]
    sections = _sections(store, iri, description.types, urls, lang)
    shown = [*description.statements()]
    names = resolve_labels(store, [iri, *distinct_iris(shown), *description.graphs], lang)
    for graph in description.graphs:  # a named graph reads as what it is
        names[graph] = "Graphe " + (unquote(urls.rest_of(graph)) if urls.is_ours(graph) else graph)
    title = names.get(iri, iri)
    types = [Value(labels.label(t, lang), urls.page(t), iri=t) for t in description.types]
    incoming = [
        (_value(s.subject, urls, names), labels.label(s.predicate.value, lang))
        for s in description.incoming
    ]
    first = description.offset + 1 if description.incoming_total else 0
    last = description.offset + len(description.incoming)
    prev_off, next_off = description.previous_offset(), description.next_offset()
    return Page(
        title=title,
        iri=iri,
        thing_href=urls.thing(iri),
        types=types,
        address=_address(store, iri),
        sections=sections,
        properties=_rows([s for s in own if s.predicate.value != RDF_TYPE], urls, names, lang),
        incoming=incoming,
        incoming_total=description.incoming_total,
        incoming_range=f"{first}–{last}",
        previous_href=urls.page(iri, offset=prev_off) if prev_off is not None else None,
        next_href=urls.page(iri, offset=next_off) if next_off is not None else None,
        provenance=_provenance(store, description.graphs, urls, names, lang),
        formats=urls.formats(iri),
        is_graph=description.is_graph,
    )


def _address(store: Store, iri: str) -> list[str]:
    """The lines of an organisation's registered address (street, postcode + city, NUTS)."""
    rows = select(
        store,
        f"""{PREFIXES}SELECT ?street ?full ?code ?city ?nuts WHERE {{
        {sparql_iri(iri)} cccev:registeredAddress ?a .
        OPTIONAL {{ ?a locn:thoroughfare ?street }} OPTIONAL {{ ?a locn:fullAddress ?full }}
        OPTIONAL {{ ?a locn:postCode ?code }} OPTIONAL {{ ?a locn:postName ?city }}
        OPTIONAL {{ ?a epo:hasNutsCode/skos:notation ?nuts }} }} LIMIT 1""",
    )
    if not rows:
        return []
    row = {k: v.value for k, v in rows[0].items()}
    lines = [row.get("street") or row.get("full") or ""]
    lines.append(" ".join(x for x in (row.get("code"), row.get("city")) if x))
    if row.get("nuts"):
        lines.append(f"NUTS {row['nuts']}")
    return [line for line in lines if line]


def _provenance(
    store: Store, graphs: list[str], urls: Urls, names: dict[str, str], lang: str
) -> list[PropertyRow]:
    """Where the facts come from: each graph, the source file it was derived from and its hash."""
    rows = []
    for graph in graphs[:20]:
        row = PropertyRow(
            names.get(graph, graph),
            "",
            graph,
            [
                Value(
                    f"Graphe {unquote(urls.rest_of(graph)) if urls.is_ours(graph) else graph}",
                    urls.page(graph),
                    iri=graph,
                )
            ],
        )
        for found in select(
            store,
            f"""{PREFIXES}SELECT ?source ?file ?hash ?web WHERE {{ GRAPH {sparql_iri(graph)} {{
            {sparql_iri(graph)} prov:wasDerivedFrom ?source .
            OPTIONAL {{ ?source dct:title ?file }} OPTIONAL {{ ?source bkg:sha256 ?hash }}
            OPTIONAL {{ {sparql_iri(graph)} foaf:primaryTopic/foaf:page ?web
                       FILTER(isIRI(?web) && STRSTARTS(STR(?web), "https://")) }} }} }} LIMIT 5""",
        ):
            file = found["file"].value if "file" in found else "source"
            row.values.append(
                Value(
                    f"fichier source {file}",
                    urls.page(found["source"].value),
                    iri=found["source"].value,
                )
            )
            if "hash" in found:
                row.values.append(Value(f"SHA-256 {found['hash'].value}"))
            if "web" in found:  # the notice as published on boamp.fr
                row.values.append(Value("avis sur boamp.fr", found["web"].value))
        rows.append(row)
    return rows


def _sections(store: Store, iri: str, types: list[str], urls: Urls, lang: str) -> list[Section]:
    """The related-resource tables a person expects on this kind of page."""
    sections: list[Section] = []
    kinds = set(types)
    if kinds & {ORG + "Organization", EPO + "Organisation", EPO + "Business"} or _has(
        store, iri, "epo:hasLegalName"
    ):
        sections += _organisation_sections(store, iri, urls, lang)
    if any(t.startswith(EPO) and t.endswith("Notice") for t in kinds):
        sections += _notice_sections(store, iri, urls, lang)
    if EPO + "Lot" in kinds:
        sections += _lot_sections(store, iri, urls, lang)
    if iri.startswith((CPV, NUTS)):
        sections += _code_sections(store, iri, urls, lang)
    return [s for s in sections if s.rows]


#: rows shown in a code's tables (a CPV division classifies thousands of lots).
CODE_ROWS = 200


CPV = "http://data.europa.eu/cpv/cpv/"
NUTS = "http://data.europa.eu/nuts/code/"
#: narrower codes looked up at most (CPV 72000000 has a few hundred).
NARROWER_MAX = 2000


def _code_sections(store: Store, iri: str, urls: Urls, lang: str) -> list[Section]:
    """What a CPV code classifies (lots, procedures) or what lies in a NUTS region
    (organisations), for the code itself or any narrower one (skos:broader*).

    The narrower codes are fetched first and passed as VALUES: left to the optimiser, the
    property path is evaluated once per purpose of the whole store. The table has a LIMIT but
    no ORDER BY, so a CPV division used by every notice stops at the first rows instead of
    sorting them all; the rows are sorted here.
    """
    rows = select(
        store,
        f"{PREFIXES}SELECT DISTINCT ?code WHERE {{ ?code skos:broader* {sparql_iri(iri)} }} "
        f"LIMIT {NARROWER_MAX}",
    )
    codes = " ".join(sparql_iri(r["code"].value) for r in rows) or sparql_iri(iri)
    if iri.startswith(CPV):
        section = _table(
            store,
            f"""SELECT DISTINCT ?scope ?notice WHERE {{ VALUES ?code {{ {codes} }}
            ?purpose epo:hasMainClassification|epo:hasAdditionalClassification ?code .
            ?scope epo:hasPurpose ?purpose .
            OPTIONAL {{ ?notice epo:announcesLot|epo:refersToLot|epo:announcesProcedure|epo:refersToProcedure ?scope }}
            }} LIMIT {CODE_ROWS}""",
            [("scope", "Lot ou procédure"), ("notice", "Avis")],
            urls,
            lang,
            "Lots et procédures classés sous ce code",
        )
    else:
        section = _table(
            store,
            f"""SELECT DISTINCT ?organisation WHERE {{ VALUES ?code {{ {codes} }}
            ?address epo:hasNutsCode ?code . ?organisation cccev:registeredAddress ?address
            }} LIMIT {CODE_ROWS}""",
            [("organisation", "Organisation")],
            urls,
            lang,
            "Organisations situées dans cette région",
        )
    section.rows.sort(key=lambda row: [(v.text, v.iri or "") for v in reversed(row)])
    if len(section.rows) == CODE_ROWS:
        section.title += f" ({CODE_ROWS} premiers)"
    return [section]


def _has(store: Store, iri: str, prop: str) -> bool:
    return bool(
        select(
            store,
            f"{PREFIXES}SELECT ?o WHERE {{ {sparql_iri(iri)} {prop} ?o }} LIMIT 1",
        )
    )


def _table(
    store: Store, query: str, cols: list[tuple[str, str]], urls: Urls, lang: str, title: str
) -> Section:
    """Run ``query`` and show each (variable, column title); IRI cells become labelled links.

    A column written ``"lot|lotid"`` links to ``?lot`` with the text of ``?lotid`` (a short
    code reads better than a lot's 100-character title repeated on every row).
    """
    return _section(store, select(store, PREFIXES + query), cols, urls, lang, title)


def _section(
    store: Store,
    rows: list[dict[str, Term]],
    cols: list[tuple[str, str]],
    urls: Urls,
    lang: str,
    title: str,
) -> Section:
    """Show ``rows`` as a table of (variable, column title); IRI cells become labelled links."""
    names = resolve_labels(store, [t.value for r in rows for t in r.values() if t.is_iri], lang)
    table = [[_cell(r, spec, urls, names) for spec, _ in cols] for r in rows]
    return Section(title, [c for _, c in cols], table)


def _cell(row: dict[str, Term], spec: str, urls: Urls, names: dict[str, str]) -> Value:
    var, _, text_var = spec.partition("|")
    if var not in row:
        return Value("")
    value = _value(row[var], urls, names)
    if text_var and text_var in row:
        return Value(row[text_var].value, value.href, iri=value.iri)
    return value


def _organisation_sections(store: Store, iri: str, urls: Urls, lang: str) -> list[Section]:
    org = sparql_iri(iri)
    return [
        _table(
            store,
            f"""SELECT DISTINCT ?notice ?role WHERE {{
            ?r epo:playedBy {org} ; a ?role . ?notice epo:announcesRole|epo:refersToRole ?r
            FILTER(?role != epo:AgentInRole
              && (STRSTARTS(STR(?role), STR(epo:)) || STRSTARTS(STR(?role), STR(bkg:)))) }} ORDER BY ?notice ?role LIMIT 500""",
            [("notice", "Avis"), ("role", "Rôle")],
            urls,
            lang,
            "Avis où elle apparaît",
        ),
        _table(
            store,
            f"""SELECT DISTINCT ?lot ?tender ?amount ?notice WHERE {{
            ?tender epo:isSubmitedBy/epo:playedBy {org} .
            ?tao epo:concernsTender ?tender . ?lao epo:comprisesTenderAwardOutcome ?tao ; epo:concernsLot ?lot .
            OPTIONAL {{ ?tender epo:hasFinancialOfferValue ?amount }}
            OPTIONAL {{ ?decision epo:comprisesAwardOutcome ?lao . ?notice epo:announcesAwardDecision ?decision }}
            }} ORDER BY ?notice ?lot LIMIT 500""",
            [("lot", "Lot"), ("tender", "Offre"), ("amount", "Montant"), ("notice", "Avis")],
            urls,
            lang,
            "Lots remportés",
        ),
        _table(
            store,
            f"""SELECT DISTINCT ?scope ?procedure WHERE {{
            ?role epo:playedBy {org} . ?term epo:definesReviewer ?role .
            ?scope epo:isSubjectToLotSpecificTerm|epo:isSubjectToProcedureSpecificTerm ?term .
            OPTIONAL {{ ?procedure epo:hasProcurementScopeDividedIntoLot ?scope }} }}
            ORDER BY ?procedure ?scope LIMIT 500""",
            [("scope", "Lot ou procédure"), ("procedure", "Procédure")],
            urls,
            lang,
            "Instance de recours pour",
        ),
    ]


def _notice_sections(store: Store, iri: str, urls: Urls, lang: str) -> list[Section]:
    lots = walk.iris(walk.values(walk.step(store, [iri], _NOTICE_LOTS), iri, *_NOTICE_LOTS))
    return [
        _section(
            store,
            _lot_rows(store, lots),
            [
                ("lot|id", "Lot"),
                ("title", "Titre"),
                ("estimated", "Valeur estimée"),
                ("cpv", "CPV"),
            ],
            urls,
            lang,
            "Lots",
        ),
        _criteria_section(store, lots, urls, lang),
        _section(
            store,
            _result_rows(store, iri),
            [
                ("lot|lotid", "Lot"),
                ("rank", "Rang"),
                ("tender", "Offre"),
                ("winner", "Soumissionnaire"),
                ("amount", "Montant"),
            ],
            urls,
            lang,
            "Résultats",
        ),
    ]


_NOTICE_LOTS = (EPO + "announcesLot", EPO + "refersToLot")
_IDENTIFIER, _NOTATION = ADMS + "identifier", SKOS + "notation"


def _lot_ids(store: Store, lots: list[str], facts: walk.Objects) -> dict[str, list[Term]]:
    """Each lot's identifier notations (``adms:identifier/skos:notation``)."""
    identifiers = walk.step(
        store,
        walk.iris(t for lot in lots for t in walk.values(facts, lot, _IDENTIFIER)),
        [_NOTATION],
    )
    return {
        lot: [
            n
            for i in walk.values(facts, lot, _IDENTIFIER)
            for n in walk.values(identifiers, i, _NOTATION)
        ]
        for lot in lots
    }


def _lot_rows(store: Store, lots: list[str]) -> list[dict[str, Term]]:
    """Rows of ``SELECT DISTINCT ?lot ?id ?title ?estimated ?cpv`` (all but ?lot optional),
    ``ORDER BY ?id ?lot LIMIT 500``."""
    title, estimated, purpose = EPO + "hasTitle", EPO + "hasEstimatedValue", EPO + "hasPurpose"
    facts = walk.step(store, lots, [_IDENTIFIER, title, DCT + "title", estimated, purpose])
    ids = _lot_ids(store, lots, facts)
    purposes = walk.iris(t for lot in lots for t in walk.values(facts, lot, purpose))
    cpvs = walk.step(store, purposes, [EPO + "hasMainClassification"])
    rows = []
    for lot in lots:
        rows += walk.combine(
            lot=[Term.iri(lot)],
            id=ids[lot],
            title=walk.values(facts, lot, title, DCT + "title"),
            estimated=walk.values(facts, lot, estimated),
            cpv=[
                c
                for p in walk.values(facts, lot, purpose)
                for c in walk.values(cpvs, p, EPO + "hasMainClassification")
            ],
        )
    return walk.ordered(rows, ["id", "lot"], 500)


def _result_rows(store: Store, notice: str) -> list[dict[str, Term]]:
    """Rows of the award results: ``?notice epo:announcesAwardDecision/epo:comprisesAwardOutcome
    ?lao . ?lao epo:concernsLot ?lot`` with, optional, the lot's identifier and ``{ ?lao
    epo:comprisesTenderAwardOutcome ?tao . ?tao epo:concernsTender ?tender }`` with, optional
    in it, the rank, the winner (``epo:isSubmitedBy/epo:playedBy``) and the amount;
    ``ORDER BY ?lotid ?lot ?rank ?tender LIMIT 500``."""
    decisions = walk.step(store, [notice], [EPO + "announcesAwardDecision"])
    outcomes_of = walk.step(
        store,
        walk.iris(walk.values(decisions, notice, EPO + "announcesAwardDecision")),
        [EPO + "comprisesAwardOutcome"],
    )
    outcomes = walk.iris(t for d in outcomes_of.values() for t in d[EPO + "comprisesAwardOutcome"])
    lao = walk.step(store, outcomes, [EPO + "concernsLot", EPO + "comprisesTenderAwardOutcome"])
    lots = walk.iris(t for o in outcomes for t in walk.values(lao, o, EPO + "concernsLot"))
    ids = _lot_ids(store, lots, walk.step(store, lots, [_IDENTIFIER]))
    taos = walk.iris(
        t for o in outcomes for t in walk.values(lao, o, EPO + "comprisesTenderAwardOutcome")
    )
    tao = walk.step(store, taos, [EPO + "concernsTender", EPO + "hasAwardRank"])
    tenders = walk.iris(t for x in taos for t in walk.values(tao, x, EPO + "concernsTender"))
    tender = walk.step(store, tenders, [EPO + "isSubmitedBy", EPO + "hasFinancialOfferValue"])
    roles = walk.iris(t for x in tenders for t in walk.values(tender, x, EPO + "isSubmitedBy"))
    players = walk.step(store, roles, [EPO + "playedBy"])
    rows = []
    for outcome in outcomes:
        awarded = [
            (x, t)
            for x in walk.values(lao, outcome, EPO + "comprisesTenderAwardOutcome")
            for t in walk.values(tao, x, EPO + "concernsTender")
        ]
        for lot in walk.values(lao, outcome, EPO + "concernsLot"):
            if not awarded:
                rows += walk.combine(lot=[lot], lotid=ids.get(lot.value, []))
            for x, t in awarded:
                rows += walk.combine(
                    lot=[lot],
                    lotid=ids.get(lot.value, []),
                    rank=walk.values(tao, x, EPO + "hasAwardRank"),
                    tender=[t],
                    winner=[
                        w
                        for r in walk.values(tender, t, EPO + "isSubmitedBy")
                        for w in walk.values(players, r, EPO + "playedBy")
                    ],
                    amount=walk.values(tender, t, EPO + "hasFinancialOfferValue"),
                )
    return walk.ordered(rows, ["lotid", "lot", "rank", "tender"], 500)


def _lot_sections(store: Store, iri: str, urls: Urls, lang: str) -> list[Section]:
    lot = sparql_iri(iri)
    return [
        _criteria_section(store, [iri], urls, lang, with_lot=False),
        _table(
            store,
            f"""SELECT DISTINCT ?rank ?tender ?winner ?amount WHERE {{
            ?lao epo:concernsLot {lot} ; epo:comprisesTenderAwardOutcome ?tao . ?tao epo:concernsTender ?tender .
            OPTIONAL {{ ?tao epo:hasAwardRank ?rank }}
            OPTIONAL {{ ?tender epo:isSubmitedBy/epo:playedBy ?winner }}
            OPTIONAL {{ ?tender epo:hasFinancialOfferValue ?amount }} }} ORDER BY ?rank ?tender LIMIT 500""",
            [
                ("rank", "Rang"),
                ("tender", "Offre"),
                ("winner", "Soumissionnaire"),
                ("amount", "Montant"),
            ],
            urls,
            lang,
            "Résultats",
        ),
    ]


def _criteria_section(
    store: Store, lots: list[str], urls: Urls, lang: str, *, with_lot: bool = True
) -> Section:
    """The award criteria of ``lots``: rows of ``?lot epo:specifiesProcurementCriterion
    ?criterion`` with, optional, the lot's identifier and the criterion's description, type,
    order and weight (``cccev:weight|epo:hasFixedValue``); ``ORDER BY ?lotid ?lot ?order
    ?criterion LIMIT 1000``."""
    specifies, description = EPO + "specifiesProcurementCriterion", DCT + "description"
    kind, order = EPO + "hasAwardCriterionType", BKG + "criterionOrder"
    weights = (M8G + "weight", EPO + "hasFixedValue")
    facts = walk.step(store, lots, [_IDENTIFIER, specifies])
    ids = _lot_ids(store, lots, facts)
    criteria = walk.iris(t for lot in lots for t in walk.values(facts, lot, specifies))
    about = walk.step(store, criteria, [description, kind, order, *weights])
    rows = []
    for lot in lots:
        for criterion in walk.values(facts, lot, specifies):
            rows += walk.combine(
                lot=[Term.iri(lot)],
                lotid=ids[lot],
                criterion=[criterion],
                description=walk.values(about, criterion, description),
                type=walk.values(about, criterion, kind),
                weight=walk.values(about, criterion, *weights),
                order=walk.values(about, criterion, order),
            )
    columns = [
        ("criterion", "Critère"),
        ("description", "Description"),
        ("type", "Type"),
        ("weight", "Pondération"),
    ]
    return _section(
        store,
        walk.ordered(rows, ["lotid", "lot", "order", "criterion"], 1000),
        ([("lot|lotid", "Lot")] if with_lot else []) + columns,
        urls,
        lang,
        "Critères d'attribution",
    )
