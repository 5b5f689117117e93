"""Notice (or its text extract) -> an A4 PDF in the BOAMP layout, with reportlab.

The PDF is drawn from the text extract, block by block, so text and PDF of one notice carry
the same words: bold labels stay bold, ``#`` headings become bold numbered headings, long values
are re-wrapped by the page width (not where the text wrapped them), and sections run across
page breaks. Every page but the first carries a header line ``BOAMP.fr — Annonce n° … — page
i/N`` and every page a footer ``i/N``: noise a parser must drop, as with real PDFs.

reportlab is imported lazily: it is a test/benchmark dependency, not a runtime one.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from kg_builder.model import Notice

_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")
_ANGLE = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_BOLD = re.compile(r"\*\*(.*?)\*\*")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$", re.S)
_NOTICE_NO = re.compile(r"Annonce n°\s*\**\s*([0-9A-Za-z-]+)")

# Bitstream Vera ships with reportlab, so the PDFs are the same on every machine, and as an
# embedded TrueType font it carries a ToUnicode map: pdfminer (pdfplumber) then reads "•" and
# "œ" back, which it cannot with the base-14 Helvetica ("(cid:127)").
FONTS = {"vera": ("Vera", "VeraBd"), "helvetica": ("Helvetica", "Helvetica-Bold")}


def _register(font: str) -> tuple[str, str]:
    regular, bold = FONTS[font]
    if font == "vera":
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        if regular not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(regular, "Vera.ttf"))
            pdfmetrics.registerFont(TTFont(bold, "VeraBd.ttf"))
            addMapping(regular, 0, 0, regular)
            addMapping(regular, 1, 0, bold)
            addMapping(regular, 0, 1, regular)
            addMapping(regular, 1, 1, bold)
    return regular, bold


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def inline_markup(block: str) -> str:
    """Markdown-ish block -> reportlab paragraph markup (bold, links shown as their text).

    >>> inline_markup("**Nom** : A & B  \\nsuite <https://x.fr>")
    '<b>Nom</b> : A &amp; B<br/>suite https://x.fr'
    """
    text = _LINK.sub(lambda m: m.group(1), block)
    text = _ANGLE.sub(lambda m: m.group(1).removeprefix("mailto:"), text)
    text = _escape(text)
    text = _BOLD.sub(r"<b>\1</b>", text)
    text = text.replace("**", "")
    text = re.sub(r" {2,}\n", "<br/>", text)
    return text.replace("\n", " ")


def _styles(font: str) -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    regular, bold = _register(font)
    body = ParagraphStyle("body", fontName=regular, fontSize=9, leading=11.5, spaceAfter=4)
    return {
        "body": body,
        "h1": ParagraphStyle(
            "h1", parent=body, fontName=bold, fontSize=15, leading=18, spaceBefore=6, spaceAfter=8
        ),
        "h2": ParagraphStyle(
            "h2", parent=body, fontName=bold, fontSize=12, leading=15, spaceBefore=8, spaceAfter=5
        ),
        "h3": ParagraphStyle(
            "h3", parent=body, fontName=bold, fontSize=10, leading=13, spaceBefore=5, spaceAfter=4
        ),
    }


def _flowables(text: str, font: str) -> list[Any]:
    from reportlab.platypus import Paragraph, Spacer

    styles = _styles(font)
    out: list[Any] = []
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        if not block.strip():
            continue
        if block.strip() == "---":
            out.append(Spacer(1, 6))
            continue
        m = _HEADING.match(block)
        if m:
            level = len(m.group(1))
            style = (
                styles["h1"]
                if m.group(2).startswith("Avis")
                else styles["h2"]
                if level <= 3
                else styles["h3"]
            )
            out.append(Paragraph(inline_markup(m.group(2)), style))
            continue
        out.append(Paragraph(inline_markup(block), styles["body"]))
    return out


def _canvas_class(boamp_id: str, font: str) -> type:
    """A canvas that numbers pages "i/N": pages are kept until the end, when N is known."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = self._pagesize
            page = self._pageNumber
            self.setFont(_register(font)[0], 7.5)
            if page > 1:
                self.drawString(
                    40, height - 28, f"BOAMP.fr — Annonce n° {boamp_id} — page {page}/{total}"
                )
            self.drawRightString(width - 40, 24, f"{page}/{total}")

    return NumberedCanvas


def render_pdf(
    source: Notice | str,
    out: Path | io.BufferedIOBase | None = None,
    *,
    boamp_id: str | None = None,
    font: str = "vera",
) -> bytes:
    """Draw a notice as an A4 PDF.

    :param source: a notice model (rendered to text first, default quirks) or a text extract
    :param out: a path or binary stream to write to; ``None`` only returns the bytes
    :param boamp_id: the number for the page header; read from the text when ``None``
    :param font: ``vera`` (embedded TrueType, default) or ``helvetica`` (base-14, no embedding:
        pdfminer cannot map some glyphs back, like real PDFs made that way)
    :return: the PDF bytes (deterministic: same input, same bytes)

    >>> from kg_builder.synth.generator import generate_notice
    >>> render_pdf(generate_notice(1))[:5]
    b'%PDF-'
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    if isinstance(source, Notice):
        from kg_builder.synth.render_text import render_text

        boamp_id = boamp_id or source.metadata.boamp_id
        text = render_text(source)
    else:
        text = source
    if boamp_id is None:
        m = _NOTICE_NO.search(text)
        boamp_id = m.group(1) if m else "?"
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=40,
        rightMargin=40,
        topMargin=45,
        bottomMargin=45,
        title=f"Annonce n° {boamp_id}",
        author="boamp-kg synth",
        creator="boamp-kg synth (reportlab)",
        invariant=True,
    )
    doc.build(_flowables(text, font), canvasmaker=_canvas_class(boamp_id, font))
    data = buf.getvalue()
    if isinstance(out, Path):
        out.write_bytes(data)
    elif out is not None:
        out.write(data)
    return data
