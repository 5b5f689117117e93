"""The notice model as JSON: normalised values (ISO dates, decimal strings, codes)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal
from enum import Enum
from typing import Any

from kg_builder.model import Notice


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def notice_to_dict(notice: Notice) -> dict[str, Any]:
    """
    >>> notice_to_dict(Notice())["lots"]
    []
    """
    return _plain(dataclasses.asdict(notice))  # type: ignore[no-any-return]


def notice_to_json(notice: Notice, *, indent: int | None = 2) -> str:
    return json.dumps(notice_to_dict(notice), ensure_ascii=False, indent=indent)
