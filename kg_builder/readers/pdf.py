"""PDF -> plain text, with the limits a batch needs to survive hostile files.

pypdfium2 (PDFium, C++) is the default: ~30x faster than pdfplumber on the seeds. pdfplumber
(pdfminer, pure Python) stays selectable as a second opinion. Both give lines in reading
order; the page furniture that repeats on every page (running header, "page 2/9" footer) is
removed here, so the parser sees one continuous notice.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from kg_builder.errors import InputError
from kg_builder.readers.pdf_budget import MAX_DECODED, check_decoded_size

MAX_PAGES = 300  # BOAMP notices run to tens of pages; thousands means something is wrong
MAX_BYTES = 50 * 1024 * 1024
ENGINES = ("pypdfium2", "pdfplumber")


def is_pdf(head: bytes) -> bool:
    """A PDF starts with ``%PDF-`` within its first KiB (some writers put junk before it)."""
    return b"%PDF-" in head[:1024]


def _pages_pdfium(path: Path, data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.casefold():
            raise InputError(path, "encrypted PDF: a password is required") from exc
        raise InputError(path, f"unreadable PDF ({msg})") from exc
    try:
        n = len(doc)
        if n > MAX_PAGES:
            raise InputError(path, f"PDF has {n} pages, more than the limit of {MAX_PAGES}")
        pages = []
        for i in range(n):
            page = doc[i]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return pages
    except pdfium.PdfiumError as exc:  # a page that will not load (e.g. a page tree loop)
        raise InputError(path, f"unreadable PDF page ({exc})") from exc
    finally:
        doc.close()


def _pages_pdfplumber(path: Path, data: bytes) -> list[str]:
    import io

    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            n = len(pdf.pages)
            if n > MAX_PAGES:
                raise InputError(path, f"PDF has {n} pages, more than the limit of {MAX_PAGES}")
            return [p.extract_text() or "" for p in pdf.pages]
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on hostile files; none may crash a batch
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if "password" in type(cause).__name__.casefold() or "encrypt" in str(cause).casefold():
            raise InputError(path, "encrypted PDF: a password is required") from exc
        raise InputError(path, f"unreadable PDF ({type(cause).__name__}: {cause})") from exc


def _furniture(pages: list[list[str]]) -> set[str]:
    """Lines that open or close most pages once digits are masked: running headers/footers."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = {re.sub(r"\d+", "#", ln.strip()) for ln in lines[:2] + lines[-2:] if ln.strip()}
        counts.update(edge)
    return {shape for shape, c in counts.items() if c >= max(2, len(pages) // 2 + 1)}


def pdf_text(path: Path, data: bytes, engine: str = "pypdfium2") -> tuple[str, int]:
    """Extract a PDF's text.

    :param path: for error messages
    :param data: the file's bytes
    :param engine: ``pypdfium2`` or ``pdfplumber``
    :return: (text with page furniture removed, page count)
    :raises InputError: encrypted, truncated, not a PDF, too many pages, or no text layer
    """
    if engine not in ENGINES:
        raise InputError(path, f"unknown PDF engine {engine!r} (use {' or '.join(ENGINES)})")
    if len(data) > MAX_BYTES:
        raise InputError(path, f"PDF is {len(data)} bytes, more than the limit of {MAX_BYTES}")
    if not is_pdf(data):
        raise InputError(path, "not a PDF (no %PDF- header)")
    # pdfminer (pure Python) needs ~8x PDFium's memory per content byte: a smaller budget
    check_decoded_size(path, data, limit=MAX_DECODED if engine == "pypdfium2" else MAX_DECODED // 8)
    pages = (_pages_pdfium if engine == "pypdfium2" else _pages_pdfplumber)(path, data)
    split = [p.replace("\r\n", "\n").replace("\r", "\n").split("\n") for p in pages]
    furniture = _furniture(split)
    kept = [
        "\n".join(ln for ln in lines if re.sub(r"\d+", "#", ln.strip()) not in furniture)
        for lines in split
    ]
    # PDFium marks a hyphen at a line end as U+FFFE (or U+0002) and drops the break.
    text = "\n".join(kept).replace("\ufffe", "-").replace("\x02", "-")
    if not text.strip():
        raise InputError(path, "PDF has no text layer (scanned image?); OCR is not supported")
    return text, len(pages)
