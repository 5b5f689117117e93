"""Two models of the same notice, compared field by field.

When a notice is known twice (its BOAMP PDF or text extract, and its eForms XML or open-data
record), the two readings should agree on every fact both carry. A disagreement is a bug in a
reader or an error in a source, and either is worth seeing. So :func:`compare` walks both
:class:`~kg_builder.model.Notice` trees and sorts every leaf into *differs* (both give it,
differently), *only in A* or *only in B* (one source does not give it: expected, the PDF prints
fewer facts than the XML holds) and *equal*.

Lists are matched by their natural key, not by position: lots by id, organisations by technical
id, results by their lots, criteria by position within the lot, roles and codes as sets. Values
are compared as the model means them: free text with whitespace folded, identifiers by their
normalised form, datetimes as instants, money as numbers. Provenance (``source``) and the
coverage list (``unmapped``) describe the reading, not the notice, and are skipped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from kg_builder.identifiers import Identifier
from kg_builder.model import (
    AwardCriterion,
    Code,
    LotResult,
    Notice,
    PartyRef,
    ReceivedSubmissions,
    Winner,
)

SKIPPED_FIELDS = frozenset({"source", "unmapped"})

_KEYS: dict[type, Callable[[Any], object]] = {
    AwardCriterion: lambda c: c.order,
    LotResult: lambda r: tuple(sorted(r.lot_ids)),
    Winner: lambda w: w.party.org_id or w.party.name,
    PartyRef: lambda p: (p.role.value, p.org_id or p.name),
    ReceivedSubmissions: lambda r: r.type,
    Code: lambda c: c.code,
}


def _key(item: Any) -> object:
    for kind, key in _KEYS.items():
        if isinstance(item, kind):
            return key(item)
    for name in ("id", "tech_id"):
        if hasattr(item, name):
            return getattr(item, name)
    return repr(item)


@dataclass(frozen=True, slots=True)
class Difference:
    """One leaf where the two notices do not agree; ``a``/``b`` are ``None`` when absent."""

    path: str
    a: Any
    b: Any

    @property
    def kind(self) -> str:
        if self.a is None:
            return "only-b"
        if self.b is None:
            return "only-a"
        return "differs"


@dataclass(slots=True)
class CrossCheck:
    """The outcome of :func:`compare`: every difference, and how many leaves agreed."""

    differences: list[Difference] = field(default_factory=list)
    equal: int = 0

    def of_kind(self, kind: str) -> list[Difference]:
        return [d for d in self.differences if d.kind == kind]

    @property
    def agrees(self) -> bool:
        """True when no fact given by both sides differs (one-sided facts are fine)."""
        return not self.of_kind("differs")


def _normal(value: Any) -> Any:
    """The form in which two readings of one value compare equal."""
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Identifier):
        return (value.normalised, value.scheme.value)
    if isinstance(value, Decimal):
        return value.normalize()
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC)
    return value


def _is_empty(value: Any) -> bool:
    return (
        value is None
        or value == []
        or value == ""
        or (dataclasses.is_dataclass(value) and not _leaves(value))
    )


def _leaves(obj: Any) -> bool:
    """Whether a dataclass holds any non-empty leaf (an all-``None`` Address counts as absent)."""
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if dataclasses.is_dataclass(value):
            if _leaves(value):
                return True
        elif value not in (None, [], ""):
            return True
    return False


def _walk(path: str, a: Any, b: Any) -> Iterator[tuple[str, Any, Any, bool]]:
    """Yield ``(path, a, b, equal)`` for every leaf of the two values."""
    if _is_empty(a) and _is_empty(b):
        return
    if _is_empty(a) or _is_empty(b):
        yield path, None if _is_empty(a) else a, None if _is_empty(b) else b, False
        return
    if (
        dataclasses.is_dataclass(a)
        and dataclasses.is_dataclass(b)
        and not isinstance(a, Identifier)
    ):
        for f in dataclasses.fields(a):
            if f.name not in SKIPPED_FIELDS:
                yield from _walk(
                    f"{path}.{f.name}" if path else f.name,
                    getattr(a, f.name),
                    getattr(b, f.name, None),
                )
        return
    if isinstance(a, list) and isinstance(b, list):
        if all(not dataclasses.is_dataclass(x) for x in a + b):
            sa, sb = sorted({repr(_normal(x)) for x in a}), sorted({repr(_normal(x)) for x in b})
            yield path, a, b, sa == sb
            return
        by_a = {_key(x): x for x in a}
        by_b = {_key(x): x for x in b}
        for k in list(by_a) + [k for k in by_b if k not in by_a]:
            yield from _walk(f"{path}[{k}]", by_a.get(k), by_b.get(k))
        return
    yield path, a, b, _normal(a) == _normal(b)


def compare(a: Notice, b: Notice) -> CrossCheck:
    """Compare two models of the same notice, field by field.

    :param a: one reading (e.g. the text extract)
    :param b: the other (e.g. the eForms XML)
    :return: the differences and the count of equal leaves

    >>> from kg_builder.model import Lot
    >>> x, y = Notice(lots=[Lot("LOT-1", title="Nettoyage")]), Notice(lots=[Lot("LOT-1", title=" Nettoyage\\n")])
    >>> y.lots[0].duration = None; y.lots[0].max_renewals = 2
    >>> check = compare(x, y)
    >>> check.agrees, check.equal, [(d.path, d.kind) for d in check.differences]
    (True, 2, [('lots[LOT-1].max_renewals', 'only-b')])
    """
    check = CrossCheck()
    for path, va, vb, same in _walk("", a, b):
        if same:
            check.equal += 1
        else:
            check.differences.append(Difference(path, va, vb))
    return check


def _show(value: Any, width: int = 70) -> str:
    text = repr(_normal(value)) if not isinstance(value, str) else repr(" ".join(value.split()))
    return text if len(text) <= width else text[: width - 1] + "…"


def format_report(
    check: CrossCheck, name_a: str = "A", name_b: str = "B", *, one_sided: bool = True
) -> str:
    """The cross-check as text: conflicts first, then facts only one side gives.

    :param check: from :func:`compare`
    :param name_a: label of the first reading
    :param name_b: label of the second
    :param one_sided: also list facts that only one side carries
    :return: a multi-line report ending with a one-line summary

    >>> print(format_report(CrossCheck([Difference("procedure.title", "a", "b")], equal=3)))
    differs  procedure.title
             A: 'a'
             B: 'b'
    3 equal, 1 differ, 0 only in A, 0 only in B
    """
    lines = []
    for d in check.of_kind("differs"):
        lines += [
            f"differs  {d.path}",
            f"         {name_a}: {_show(d.a)}",
            f"         {name_b}: {_show(d.b)}",
        ]
    if one_sided:
        lines += [f"only {name_a}  {d.path} = {_show(d.a)}" for d in check.of_kind("only-a")]
        lines += [f"only {name_b}  {d.path} = {_show(d.b)}" for d in check.of_kind("only-b")]
    lines.append(
        f"{check.equal} equal, {len(check.of_kind('differs'))} differ, "
        f"{len(check.of_kind('only-a'))} only in {name_a}, {len(check.of_kind('only-b'))} only in {name_b}"
    )
    return "\n".join(lines)


def crosscheck_files(a: Path, b: Path, *, pdf_engine: str = "pypdfium2") -> CrossCheck:
    """Read two files of the same notice (any supported format) and compare them.

    :param a: first file (PDF, text extract, eForms XML or BOAMP JSON record)
    :param b: second file
    :param pdf_engine: engine for PDF inputs
    :return: the cross-check
    :raises InputError: either file cannot be read as one notice
    """
    from kg_builder.readers import read_notice

    return compare(read_notice(a, pdf_engine=pdf_engine), read_notice(b, pdf_engine=pdf_engine))
