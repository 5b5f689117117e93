"""RDF term values as plain Python values, the same way for every store.

:meth:`Store.select` rows go to the CLI and to tests that compare the embedded store with
Virtuoso; both give terms as (kind, lexical value, datatype), and this one function turns them
into Python values, so a decimal printed ``1.50`` by one store and ``1.5`` by the other compares
equal.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

XSD = "http://www.w3.org/2001/XMLSchema#"
#: XSD's integer datatypes (all compare as numbers).
INTEGER_TYPES = {
    XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}


#: every XSD numeric datatype.
NUMERIC_TYPES = INTEGER_TYPES | {XSD + "decimal", XSD + "double", XSD + "float"}


def python_value(kind: str, value: str, datatype: str | None = None) -> object:
    """A term as a Python value: IRIs and plain literals as ``str``, numbers and booleans typed.

    :param kind: ``uri``, ``bnode`` or ``literal`` (the SPARQL JSON results' ``type``;
        ``typed-literal`` is accepted for older servers).
    :param value: the lexical value.
    :param datatype: the literal's datatype IRI, if any.
    :return: ``int``, ``Decimal``, ``float``, ``bool`` or ``str`` (``_:id`` for a blank node).

    >>> python_value("literal", "1.50", XSD + "decimal") == python_value("literal", "1.5", XSD + "decimal")
    True
    >>> python_value("typed-literal", "1", XSD + "boolean"), python_value("uri", "urn:x")
    (True, 'urn:x')
    """
    if kind == "bnode":
        return f"_:{value}"
    if kind == "uri" or datatype is None:
        return value
    try:
        if datatype in INTEGER_TYPES:
            return int(value)
        if datatype == XSD + "decimal":
            return Decimal(value)
        if datatype in (XSD + "double", XSD + "float"):
            return float(value)
    except (ValueError, InvalidOperation):
        return value
    if datatype == XSD + "boolean":
        return value in ("true", "1")
    return value
