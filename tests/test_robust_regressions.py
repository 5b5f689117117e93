"""One named regression test per bug the robustness suite found (see docs/reliability.md).

The hostile files run in a limited worker (:mod:`tests.fuzz.harness`): should a fix regress,
the test fails on the kernel's memory cap instead of taking the machine down with it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz import pdfcraft
from tests.fuzz.harness import Limits, read_bounded

SMALL = Limits(seconds=20, memory=1024 * 1024 * 1024, cpu=60)


def _read(tmp_path: Path, name: str, data: bytes, engine: str = "pypdfium2") -> tuple[str, str]:
    path = tmp_path / name
    path.write_bytes(data)
    (outcome,) = read_bounded([path], engine=engine, limits=SMALL)
    return outcome.kind, outcome.detail


@pytest.mark.parametrize("engine", ["pypdfium2", "pdfplumber"])
def test_bug_pdf_inflation_bomb_is_refused_before_the_engine(tmp_path: Path, engine: str) -> None:
    """A 2 KiB PDF whose content stream inflates to 256 MiB drove PDFium to 23 GB (OOM kill)."""
    kind, detail = _read(tmp_path, "bomb.pdf", pdfcraft.inflation_bomb(256 << 20), engine)
    assert (kind, "decompression bomb" in detail) == ("input-error", True), detail


def test_bug_pdf_page_tree_loop_is_an_input_error(tmp_path: Path) -> None:
    """A page tree listing itself in /Kids made PDFium raise PdfiumError past the reader."""
    kind, detail = _read(tmp_path, "loop.pdf", pdfcraft.self_referencing_tree())
    assert (kind, "unreadable PDF page" in detail) == ("input-error", True), detail


def test_pdf_under_the_decode_budget_still_reads(tmp_path: Path) -> None:
    """The budget refuses bombs, not notices: a PDF with a normal content stream is read."""
    kind, detail = _read(tmp_path, "fine.pdf", pdfcraft.inflation_bomb(64 << 10))
    assert (kind, "not a BOAMP notice" in detail) == ("input-error", True), detail


@pytest.mark.parametrize(
    "body",
    [
        b'{"idweb": 1' + b"0" * 5000 + b"}",
        b'{"idweb": "a"}\n{"idweb": 1' + b"0" * 5000 + b"}\n",
        b'{"idweb": "a", "donnees": "{\\"x\\": 1' + b"0" * 5000 + b'}"}',
    ],
    ids=["record", "json-lines", "donnees"],
)
def test_bug_json_integer_past_digit_limit_is_an_input_error(tmp_path: Path, body: bytes) -> None:
    """json.loads raises ValueError (not JSONDecodeError) on a 4,300+ digit int: it escaped."""
    kind, detail = _read(tmp_path, "big.json", body)
    assert kind == "input-error", detail


@pytest.mark.parametrize(
    "name, body",
    [
        ("laughs.xml", b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>'),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000),
    ],
    ids=["xml", "json"],
)
def test_bug_xml_and_json_errors_name_the_whole_path_like_the_others(
    tmp_path: Path, name: str, body: bytes
) -> None:
    """XML and JSON readers said ``laughs.xml: ...`` where text/PDF say ``/the/folder/x: ...``."""
    kind, detail = _read(tmp_path, name, body)
    assert (kind, detail.startswith(f"{tmp_path / name}: ")) == ("input-error", True), detail


def test_bug_superscript_digit_in_a_count_is_not_a_crash(tmp_path: Path) -> None:
    """``"²".isdigit()`` is True but ``int("²")`` raises: a byte flip in "2" renewals crashed the
    parser with ValueError (found by make fuzz, mutant of the award notice)."""
    from kg_builder.parse.values import parse_int
    from tests.conftest import SEED_CAN, SEEDS, need

    assert parse_int("²") is None and parse_int("①") is None and parse_int("12") == 12
    text = need(SEEDS / f"{SEED_CAN}.txt").read_text(encoding="utf-8")
    line = "**Nombre maximal de renouvellements :** 2"
    assert line in text
    mutant = text.replace(line, line[:-1] + "²")
    kind, detail = _read(tmp_path, "superscript.txt", mutant.encode())
    assert kind == "ok", detail
