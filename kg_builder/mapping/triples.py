"""A flat list of triples with typed-literal helpers, and canonical N-Triples.

The mapping appends plain tuples instead of calling ``Graph.add`` for each triple: that is
several times faster, and the canonical N-Triples (sorted, de-duplicated lines) come straight
from the tuples. The rdflib ``Graph`` is built only when someone asks for it.
Only IRIs and literals are ever written (no blank nodes), which is what makes two runs
byte-identical.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

from rdflib import Literal, URIRef

from kg_builder.mapping.namespaces import XSD

Triple = tuple[URIRef, URIRef, URIRef | Literal]

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def nt_term(term: URIRef | Literal) -> str:
    """One term in N-Triples syntax (canonical: no prefixes, ``\\"``-escaped strings).

    >>> nt_term(Literal("a \\"b\\"", lang="fr"))
    '"a \\\\"b\\\\""@fr'
    >>> nt_term(Literal("3", datatype=XSD.integer))
    '"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    if isinstance(term, Literal):
        return _nt_literal(str(term), term.language, term.datatype)
    return f"<{term}>"


@lru_cache(maxsize=65536)
def _nt_literal(lexical: str, language: str | None, datatype: str | None) -> str:
    """Cached by lexical form, never by ``Literal``: rdflib says ``"01"^^xsd:integer ==
    "1"^^xsd:integer``, and a cache keyed on that equality would print one for the other."""
    text = '"' + lexical.translate(_ESCAPES) + '"'
    if language:
        return f"{text}@{language}"
    if datatype is not None and datatype != XSD.string:
        return f"{text}^^<{datatype}>"
    return text


def to_ntriples(triples: Iterable[Triple]) -> str:
    """Canonical N-Triples: one line per distinct triple, sorted, final newline.

    >>> to_ntriples([(URIRef("urn:b"), URIRef("urn:p"), Literal("x")), (URIRef("urn:a"), URIRef("urn:p"), URIRef("urn:o"))])
    '<urn:a> <urn:p> <urn:o> .\\n<urn:b> <urn:p> "x" .\\n'
    """
    nt_literal = _nt_literal
    lines: set[str] = set()
    add = lines.add
    for (
        s,
        p,
        o,
    ) in triples:  # subjects and predicates are always IRIs: the mapping writes no blank node
        if isinstance(o, Literal):
            add(f"<{s}> <{p}> {nt_literal(str(o), o.language, o.datatype)} .")
        else:
            add(f"<{s}> <{p}> <{o}> .")
    return "".join(line + "\n" for line in sorted(lines))


@lru_cache(maxsize=16384)
def literal(lexical: str, lang: str | None = None, datatype: URIRef | None = None) -> Literal:
    """A cached ``Literal``: building one costs rdflib a parse of its lexical form, and a notice
    repeats many values (three lots with the same terms, the same codes, ``true``/``false``)."""
    return Literal(lexical, lang=lang, datatype=datatype)


class Triples:
    """An append-only list of triples; the ``lit``/``text``/... helpers skip ``None`` values, so
    mapping code can write every optional field in one line without ``if`` around it."""

    __slots__ = ("items",)

    def __init__(self) -> None:
        self.items: list[Triple] = []

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | None) -> None:
        if o is not None:
            self.items.append((s, p, o))

    def text(self, s: URIRef, p: URIRef, value: str | None, lang: str | None = "fr") -> None:
        """A language-tagged string (French by default: BOAMP prints French)."""
        if value:
            self.items.append((s, p, literal(value, lang)))

    def string(self, s: URIRef, p: URIRef, value: str | None) -> None:
        if value:
            self.items.append((s, p, literal(value)))

    def uri(self, s: URIRef, p: URIRef, value: str | None) -> None:
        """A URL as ``xsd:anyURI`` literal (ePO's datatype for web addresses)."""
        if value:
            self.items.append((s, p, literal(value, None, XSD.anyURI)))

    def boolean(self, s: URIRef, p: URIRef, value: bool | None) -> None:
        if value is not None:
            self.items.append((s, p, literal("true" if value else "false", None, XSD.boolean)))

    def integer(self, s: URIRef, p: URIRef, value: int | None) -> None:
        if value is not None:
            self.items.append((s, p, literal(str(int(value)), None, XSD.integer)))

    def decimal(self, s: URIRef, p: URIRef, value: Decimal | None) -> None:
        if value is not None:
            self.items.append((s, p, literal(_decimal_lexical(value), None, XSD.decimal)))

    def date(self, s: URIRef, p: URIRef, value: dt.date | None) -> None:
        """A date as ``xsd:date``, or a datetime as ``xsd:dateTime`` (never a guessed time)."""
        if value is None:
            return
        if isinstance(value, dt.datetime):
            self.items.append((s, p, literal(value.isoformat(), None, XSD.dateTime)))
        else:
            self.items.append((s, p, literal(value.isoformat(), None, XSD.date)))


def _decimal_lexical(value: Decimal) -> str:
    """Canonical-ish ``xsd:decimal`` lexical form: no exponent, no trailing zeros.

    >>> _decimal_lexical(Decimal("12000000.00")), _decimal_lexical(Decimal("1E+2")), _decimal_lexical(Decimal("0.50"))
    ('12000000', '100', '0.5')
    """
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
