"""BOAMP open-data records (DILA's ``boamp`` dataset) into the notice model.

A record is one notice: metadata fields (``idweb``, ``dateparution``, ``code_departement``,
``url_avis``...) and ``donnees``, a JSON *string* holding the notice itself. For eForms-era
notices ``donnees`` is the eForms XML converted to JSON (``{"EFORMS": {"ContractNotice":
{...}}}``), which is mapped by the very same code as the XML
(:func:`kg_builder.readers.eforms.notice_from_tree` over a
:class:`~kg_builder.readers.eforms_tree.JsonNode`), so the two readers cannot drift apart.
National-form ``donnees`` (``FNSimple``, ``MAPA``, legacy ``IDENTITE``/``OBJET``) are refused with
a clear :class:`~kg_builder.errors.InputError`: their facts would need another mapping.

Accepted files: one record, an API page (``{"results": [...]}`` or v1 ``{"records": [{"fields":
...}]}``), a JSON export (a list of records), or JSON lines (one record per line).

Interface for the dispatcher (``kg_builder.readers.read_notice``):

* :func:`sniff` ``(data: bytes) -> bool``;
* :func:`read_boamp_json` ``(source: Path | bytes, *, name: str | None = None) -> list[Notice]``
  (always a list, one notice per record, in file order);
* :func:`notice_from_record` ``(record: dict, *, name: str) -> Notice`` for one parsed record.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg_builder.errors import InputError, NotANoticeError
from kg_builder.model import Notice, SourceInfo, UnmappedField
from kg_builder.readers.eforms import PARSER_VERSION, notice_from_tree, require_content
from kg_builder.readers.eforms_tree import ROOTS, JsonNode

MAX_JSON_BYTES = 512 * 1024 * 1024
"""Largest JSON file accepted (bytes): a whole-year export is a few hundred MB."""

KEPT_RECORD_FIELDS = (
    "dateparution",
    "datefindiffusion",
    "annonce_lie",
    "famille",
    "nature",
    "type_marche",
    "etat",
)
"""Record fields the model has no slot for; kept as :class:`UnmappedField` (section
``boamp-record``) so they stay visible in coverage reports."""


def sniff(data: bytes) -> bool:
    """Whether ``data`` looks like BOAMP open-data JSON (a record, a page, an export or JSON lines).

    :param data: the file's bytes (only the first megabyte is looked at)
    :return: ``True`` when the JSON mentions BOAMP's ``idweb`` or ``donnees`` fields

    >>> sniff(b'{"idweb": "25-103341", "donnees": "{}"}')
    True
    >>> sniff(b'{"@context": "https://schema.org"}')
    False
    """
    head = data[: 1 << 20].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] in (b"{", b"[") and (b'"idweb"' in head or b'"donnees"' in head)


def _records(value: Any) -> list[dict[str, Any]]:
    """The records of any accepted shape, unwrapping ``fields``/``record`` envelopes."""
    if isinstance(value, list):
        items = value
    elif isinstance(value, dict) and isinstance(value.get("results"), list):
        items = value["results"]
    elif isinstance(value, dict) and isinstance(value.get("records"), list):
        items = value["records"]
    else:
        items = [value]
    records = []
    for item in items:
        while isinstance(item, dict) and "donnees" not in item and "idweb" not in item:
            inner = item.get("record") or item.get("fields")  # API v2.0 / v1 envelopes
            if not isinstance(inner, dict):
                break
            item = inner
        if isinstance(item, dict):
            records.append(item)
    return records


def iter_records(data: bytes, *, name: str = "<bytes>") -> Iterator[dict[str, Any]]:
    """Every record in a BOAMP JSON file, whatever its shape.

    :param data: the file's bytes (UTF-8)
    :param name: file name for error messages
    :return: an iterator of record dicts
    :raises InputError: not UTF-8 or not JSON

    >>> [r["idweb"] for r in iter_records(b'{"idweb": "a"}\\n{"idweb": "b"}\\n')]
    ['a', 'b']
    """
    try:
        body = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(name, f"BOAMP JSON is not UTF-8: {exc}") from exc
    try:
        yield from _records(json.loads(body))
        return
    except json.JSONDecodeError as exc:
        if not body.lstrip().startswith("{") or "\n" not in body.strip():
            raise InputError(name, f"not JSON: {exc}") from exc
    except RecursionError as exc:
        raise InputError(name, "JSON nested too deeply") from exc
    except ValueError as exc:  # e.g. an integer past Python's 4,300-digit conversion limit
        raise InputError(name, f"unusable JSON: {exc}") from exc
    for number, line in enumerate(body.splitlines(), start=1):
        if line.strip():
            try:
                yield from _records(json.loads(line))
            except (ValueError, RecursionError) as exc:  # JSONDecodeError or a 4,300+ digit int
                raise InputError(name, f"line {number}: not JSON: {exc}") from exc


def _eforms_root(donnees: Any, label: str) -> tuple[str, Any]:
    """``{"EFORMS": {"ContractNotice": {...}}}`` -> ``("ContractNotice", {...})``."""
    if isinstance(donnees, str):
        try:
            donnees = json.loads(donnees)
        except (ValueError, RecursionError) as exc:  # JSONDecodeError or a 4,300+ digit int
            raise InputError(label, f"donnees is not JSON: {exc}") from exc
    if not isinstance(donnees, dict) or not donnees:
        raise NotANoticeError(label, "record has no donnees")
    top = next(iter(donnees))
    eforms = donnees.get("EFORMS")
    if not isinstance(eforms, dict):
        raise InputError(
            label,
            f"donnees holds a {top!r} notice (national or legacy form); only eForms is mapped",
        )
    for key, value in eforms.items():
        local = key.rpartition(":")[2]
        if local in ROOTS:
            return local, value
    raise NotANoticeError(
        label, f"EFORMS holds {', '.join(eforms) or 'nothing'}, not an eForms notice root"
    )


def _departments(value: Any) -> list[str]:
    items = value if isinstance(value, list) else str(value or "").replace(";", ",").split(",")
    return [str(d).strip().upper() for d in items if str(d).strip()]


def notice_from_record(record: dict[str, Any], *, name: str) -> Notice:
    """Map one BOAMP record: its ``donnees`` through the eForms mapping, its fields as metadata.

    :param record: one record (already unwrapped from ``fields``)
    :param name: label for errors (file name, ``#idweb`` appended by the reader)
    :return: the notice, without ``source``
    :raises InputError: ``donnees`` missing, not JSON, or a national form
    """
    root_name, root = _eforms_root(record.get("donnees"), name)
    notice = require_content(notice_from_tree(JsonNode(root), root_name), name)
    meta = notice.metadata
    meta.boamp_id = str(record["idweb"]) if record.get("idweb") else meta.boamp_id
    meta.departments = _departments(record.get("code_departement")) or meta.departments
    meta.url = record.get("url_avis") or meta.url
    for key in KEPT_RECORD_FIELDS:
        value = record.get(key)
        if value not in (None, "", []):
            text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            notice.unmapped.append(
                UnmappedField(section="boamp-record", label=key, value=text, line=0)
            )
    return notice


def read_boamp_json(
    source: Path | bytes, *, name: str | None = None, max_bytes: int = MAX_JSON_BYTES
) -> list[Notice]:
    """Read every notice of a BOAMP open-data JSON file.

    :param source: a file path, or its bytes
    :param name: file name for provenance (default: the path's name, or ``"boamp.json"``)
    :param max_bytes: size limit
    :return: one notice per record, each with ``source.format == "boamp-json"``; when the file
        holds several records, ``source.name`` is ``"<file>#<idweb>"``
    :raises InputError: unreadable, too large, not JSON, no record, or a record that cannot be
        mapped (national form)

    >>> read_boamp_json(b'{"idweb": "1", "donnees": "{\\\\"MAPA\\\\": {}}"}', name="r.json")
    Traceback (most recent call last):
    ...
    kg_builder.errors.InputError: r.json#1: donnees holds a 'MAPA' notice (national or legacy form); only eForms is mapped
    """
    if isinstance(source, Path):
        label = name or source.name
        try:
            if source.stat().st_size > max_bytes:
                raise InputError(label, f"JSON file exceeds the {max_bytes}-byte limit")
            data = source.read_bytes()
        except OSError as exc:
            raise InputError(label, f"cannot read: {exc.strerror or exc}") from exc
    else:
        label, data = name or "boamp.json", source
        if len(data) > max_bytes:
            raise InputError(label, f"JSON file exceeds the {max_bytes}-byte limit")
    file_name = Path(label).name
    records = list(iter_records(data, name=label))
    if not records:
        raise NotANoticeError(label, "no BOAMP record in this JSON")
    digest = hashlib.sha256(data).hexdigest()
    notices = []
    for index, record in enumerate(records, start=1):
        record_label = f"{file_name}#{record.get('idweb') or index}"
        notice = notice_from_record(record, name=record_label)
        notice.source = SourceInfo(
            name=record_label if len(records) > 1 else file_name,
            sha256=digest,
            format="boamp-json",
            engine="json",
            parser_version=PARSER_VERSION,
            size=len(data),
        )
        notices.append(notice)
    return notices
