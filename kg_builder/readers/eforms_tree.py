"""One way to walk an eForms notice, whether it arrived as XML or as BOAMP's JSON rendering of it.

BOAMP's open-data records carry eForms notices converted xmltodict-style to JSON (prefixed
element names, ``@attr`` and ``#text`` keys, one child as an object, repeated children as a
list). Rather than write the eForms mapping twice, :mod:`kg_builder.readers.eforms` is written
against the small :class:`Node` protocol below, which both :class:`XmlNode` (an lxml element)
and :class:`JsonNode` (a JSON value) implement. Paths are a tiny XPath subset,
``cac:A/cbc:B[@schemeName='Lot']``, resolved by namespace URI, never by the prefix a document
happens to use: ``cac:`` always means the UBL aggregate-components namespace.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Protocol

from lxml import etree

NS: dict[str, str] = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
    "efext": "http://data.europa.eu/p27/eforms-ubl-extensions/1",
    "efac": "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1",
    "efbc": "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1",
}
"""The prefixes the eForms SDK uses everywhere; paths in this package are written with them."""

ROOTS: dict[str, str] = {
    name: f"urn:oasis:names:specification:ubl:schema:xsd:{name}-2"
    for name in ("ContractNotice", "ContractAwardNotice", "PriorInformationNotice")
}
"""The three eForms root elements (local name -> default namespace)."""

EXT = "ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/efext:EformsExtension"
"""The eForms extension block, written as a path prefix: ``f"{EXT}/efac:NoticeResult"``."""


class Node(Protocol):
    """An element of an eForms notice: its children by qualified name, its text, its attributes."""

    def children(self, qname: str) -> list[Node]:
        """Child elements named ``prefix:local`` (prefix from :data:`NS`), in document order."""
        ...

    @property
    def text(self) -> str | None:
        """The element's text content, ``None`` when empty."""
        ...

    def attr(self, name: str) -> str | None:
        """An unqualified attribute's value (``schemeName``, ``currencyID``...)."""
        ...


def _uri(prefix: str) -> str:
    try:
        return NS[prefix]
    except KeyError:
        raise ValueError(f"unknown eForms prefix {prefix!r}") from None


class XmlNode:
    """:class:`Node` over an lxml element.

    >>> from lxml import etree
    >>> el = etree.fromstring(b'<r xmlns:c="' + NS["cbc"].encode() + b'"><c:ID schemeName="Lot">LOT-1</c:ID></r>')
    >>> [n.text for n in XmlNode(el).children("cbc:ID")]
    ['LOT-1']
    """

    __slots__ = ("element", "seen")

    def __init__(self, element: etree._Element, seen: set[etree._Element] | None = None) -> None:
        self.element = element
        self.seen = seen  # when given, every element whose text is read is added (coverage)

    def children(self, qname: str) -> list[Node]:
        prefix, _, local = qname.partition(":")
        tag = f"{{{_uri(prefix)}}}{local}"
        return [XmlNode(child, self.seen) for child in self.element.iterchildren(tag)]

    @property
    def text(self) -> str | None:
        if self.seen is not None:
            self.seen.add(self.element)
        # The element's own character data, as xmltodict's ``#text`` holds it (not descendants').
        value = (self.element.text or "") + "".join(child.tail or "" for child in self.element)
        return value if value.strip() else None

    def attr(self, name: str) -> str | None:
        value = self.element.get(name)
        return None if value is None else str(value)


def _scalar(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        text = str(value)
        return text if text.strip() else None
    return None


class JsonNode:
    """:class:`Node` over an xmltodict-style JSON value.

    An element is a string (text only), ``None`` (empty), or an object whose ``@name`` keys are
    attributes, ``#text`` is the text and other keys are children (an object, or a list when
    repeated). Keys are matched by namespace: ``@xmlns:p`` declarations in the JSON override
    the standard prefixes of :data:`NS`.

    >>> node = JsonNode({"cbc:ID": {"@schemeName": "Lot", "#text": "LOT-0001"}})
    >>> node.children("cbc:ID")[0].attr("schemeName"), node.children("cbc:ID")[0].text
    ('Lot', 'LOT-0001')
    >>> [n.text for n in JsonNode({"cbc:ID": ["A", "B"]}).children("cbc:ID")]
    ['A', 'B']
    """

    __slots__ = ("namespaces", "value")

    def __init__(self, value: Any, namespaces: dict[str, str] | None = None) -> None:
        self.value = value
        base = namespaces if namespaces is not None else NS
        if isinstance(value, dict) and any(k.startswith("@xmlns") for k in value):
            base = dict(base)
            for key, uri in value.items():
                if key.startswith("@xmlns:"):
                    base[key[len("@xmlns:") :]] = str(uri)
                elif key == "@xmlns":
                    base[""] = str(uri)
        self.namespaces = base

    def children(self, qname: str) -> list[Node]:
        if not isinstance(self.value, dict):
            return []
        prefix, _, local = qname.partition(":")
        want = (_uri(prefix), local)
        found: list[Node] = []
        for key, child in self.value.items():
            if key.startswith(("@", "#")):
                continue
            key_prefix, sep, key_local = key.rpartition(":")
            if (self.namespaces.get(key_prefix if sep else ""), key_local) != want:
                continue
            for item in child if isinstance(child, list) else [child]:
                found.append(JsonNode(item, self.namespaces))
        return found

    @property
    def text(self) -> str | None:
        if isinstance(self.value, dict):
            return _scalar(self.value.get("#text"))
        return _scalar(self.value)

    def attr(self, name: str) -> str | None:
        if isinstance(self.value, dict):
            return _scalar(self.value.get(f"@{name}"))
        return None


_STEP = re.compile(r"^(\w+):(\w+)(?:\[@(\w+)='([^']*)'\])?$")


@lru_cache(maxsize=512)
def _steps(path: str) -> tuple[tuple[str, str | None, str | None], ...]:
    steps = []
    for part in path.split("/"):
        m = _STEP.match(part)
        if not m:
            raise ValueError(f"unsupported path step {part!r} in {path!r}")
        prefix, local, attr, value = m.groups()
        steps.append((f"{prefix}:{local}", attr, value))
    return tuple(steps)


def find_all(node: Node, path: str) -> list[Node]:
    """Every element at ``path`` below ``node``.

    :param node: where the path starts
    :param path: ``/``-separated ``prefix:Local`` steps, each optionally ``[@attr='value']``
    :return: the matching elements, in document order

    >>> tree = JsonNode({"cac:A": [{"cbc:ID": {"@schemeName": "Lot", "#text": "1"}}, {"cbc:ID": "2"}]})
    >>> [n.text for n in find_all(tree, "cac:A/cbc:ID")]
    ['1', '2']
    >>> [n.text for n in find_all(tree, "cac:A/cbc:ID[@schemeName='Lot']")]
    ['1']
    """
    current: list[Node] = [node]
    for qname, attr, value in _steps(path):
        current = [
            c for n in current for c in n.children(qname) if attr is None or c.attr(attr) == value
        ]
        if not current:
            break
    return current


def find(node: Node, path: str) -> Node | None:
    """The first element at ``path``, or ``None``.

    >>> find(JsonNode({"cbc:ID": "x"}), "cbc:Name") is None
    True
    """
    found = find_all(node, path)
    return found[0] if found else None


def text(node: Node | None, path: str | None = None) -> str | None:
    """The text at ``path`` (or of ``node`` itself), whitespace folded to single spaces.

    :param node: an element, or ``None`` (then the answer is ``None``)
    :param path: optional path below ``node``
    :return: folded text, ``None`` when absent or blank

    >>> text(JsonNode({"cbc:Name": "  Rouen \\n Habitat "}), "cbc:Name")
    'Rouen Habitat'
    """
    if node is None:
        return None
    target = find(node, path) if path else node
    raw = target.text if target is not None else None
    if raw is None:
        return None
    folded = " ".join(raw.split())
    return folded or None


_INDEX = re.compile(r"\[\d+\]")


def unread_values(root: etree._Element, seen: set[etree._Element]) -> list[tuple[str, str, int]]:
    """Leaf elements with a value that the mapping never read: ``(path, value, line)``.

    The eForms counterpart of the text parser's unmapped labels, so ``boamp-kg parse`` can
    measure how much of a notice reaches the model. Paths drop positions and abbreviate the
    extension block to ``EXT``.

    :param root: the parsed document
    :param seen: the elements an :class:`XmlNode` walk read the text of
    :return: one tuple per unread value, in document order

    >>> from lxml import etree
    >>> doc = etree.fromstring(f'<r xmlns:cbc="{NS["cbc"]}"><cbc:ID>1</cbc:ID><cbc:Note>n</cbc:Note></r>'.encode())
    >>> seen = set()
    >>> _ = text(XmlNode(doc, seen), "cbc:ID")
    >>> unread_values(doc, seen)
    [('/r/cbc:Note', 'n', 1)]
    """
    tree = root.getroottree()
    unread = []
    for element in root.iter():
        if not isinstance(element.tag, str) or len(element) or element in seen:
            continue
        value = " ".join((element.text or "").split())
        if value:
            path = _INDEX.sub("", tree.getpath(element)).replace(EXT, "EXT")
            unread.append((path, value, element.sourceline or 0))
    return unread
