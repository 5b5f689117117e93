"""Notice (or its text extract) -> an A4 PDF in the BOAMP layout, drawn with reportlab.

The PDF is drawn from the text extract, block by block, so text and PDF of one notice carry
the same words: bold labels stay bold, ``#`` headings become bold numbered headings, long values
are re-wrapped to the page width (not where the text wrapped them), and sections run across
page breaks, a value sometimes split between two pages. Every page but the first carries a
header line ``BOAMP.fr — Annonce n° … — page i/N`` and every page a footer ``i/N``: noise a
parser must drop, as with real PDFs. They are drawn after the page body, so text extraction
meets them between the last line of a page and the first of the next, as in real files.

Layout is done here (greedy line filling with cached word widths, then pages) and drawn on a
bare reportlab canvas: ~10x faster than platypus paragraphs, which matters for benchmark
corpora of thousands of PDFs. reportlab is imported lazily: a test/benchmark dependency only.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg_builder.model import Notice

_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")
_ANGLE = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$", re.S)
_NOTICE_NO = re.compile(r"Annonce n°\s*\**\s*([0-9A-Za-z-]+)")

# Bitstream Vera ships with reportlab, so the PDFs are the same on every machine, and as an
# embedded TrueType font it carries a ToUnicode map: pdfminer (pdfplumber) then reads "•" and
# "œ" back, which it cannot with the base-14 Helvetica ("(cid:127)").
FONTS = {"vera": ("Vera", "VeraBd"), "helvetica": ("Helvetica", "Helvetica-Bold")}

PAGE_W, PAGE_H = 595.2756, 841.8898  # A4 in points
LEFT, RIGHT, TOP, BOTTOM = 40.0, 40.0, 50.0, 45.0


@dataclass(frozen=True, slots=True)
class _Style:
    size: float
    leading: float
    before: float
    after: float
    bold: bool  # the whole block is bold (headings)


BODY = _Style(9, 11.5, 0, 4, False)
TITLE = _Style(15, 18, 6, 8, True)
H2 = _Style(12, 15, 8, 5, True)
H3 = _Style(10, 13, 5, 4, True)
RULE = _Style(9, 6, 0, 0, False)


def _register(font: str) -> tuple[str, str]:
    regular, bold = FONTS[font]
    if font == "vera":
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        if regular not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(regular, "Vera.ttf"))
            pdfmetrics.registerFont(TTFont(bold, "VeraBd.ttf"))
    return regular, bold


@lru_cache(maxsize=200_000)
def _width(word: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(word, font, size))


def runs(block: str) -> list[list[tuple[str, bool]]]:
    """A Markdown-ish block -> lines (split at hard breaks) of (text, bold) runs; links show
    their text, ``<url>`` its address, single newlines become spaces.

    >>> runs("**Nom** : A  \\nsuite <https://x.fr>")
    [[('Nom', True), (' : A', False)], [('suite https://x.fr', False)]]
    """
    text = _LINK.sub(lambda m: m.group(1), block)
    text = _ANGLE.sub(lambda m: m.group(1).removeprefix("mailto:"), text)
    out = []
    for hard_line in re.split(r" {2,}\n", text):
        parts = hard_line.replace("\n", " ").split("**")
        line = [(part, i % 2 == 1) for i, part in enumerate(parts) if part]
        out.append(line)
    return out


def _blocks(text: str) -> list[tuple[_Style, list[list[tuple[str, bool]]]]]:
    out: list[tuple[_Style, list[list[tuple[str, bool]]]]] = []
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        stripped = block.strip()
        if not stripped:
            continue
        if stripped == "---":
            out.append((RULE, []))
            continue
        m = _HEADING.match(stripped)
        if m:
            level, title = len(m.group(1)), m.group(2)
            style = TITLE if title.startswith("Avis") else H2 if level <= 3 else H3
            out.append((style, runs(title)))
            continue
        out.append((BODY, runs(block)))
    return out


_Line = list[tuple[float, str, bool]]  # (x offset, text, bold)


def _fill(
    line: list[tuple[str, bool]], style: _Style, fonts: tuple[str, str], width: float
) -> list[_Line]:
    """Greedy line filling over (word, bold) tokens; runs of one font are kept together."""
    tokens: list[tuple[str, bool, bool]] = []  # (word, bold, space before)
    space = False
    for text, bold in line:
        bold = bold or style.bold
        for i, word in enumerate(text.split(" ")):
            space = space or i > 0
            if word:
                tokens.append((word, bold, space))
                space = False
    lines: list[_Line] = []
    current: _Line = []
    x = 0.0
    for word, bold, space in tokens:
        font = fonts[1] if bold else fonts[0]
        w = _width(word, font, style.size)
        gap = _width(" ", font, style.size) if space and current else 0.0
        if current and x + gap + w > width:
            lines.append(current)
            current, x, gap = [], 0.0, 0.0
        if current and current[-1][2] == bold:
            off, prev, _ = current[-1]
            current[-1] = (off, prev + (" " if gap else "") + word, bold)
        else:  # a new font: the space goes into the new run, so extractors see a real space
            current.append((x, (" " if gap else "") + word, bold))
        x += gap + w
    if current:
        lines.append(current)
    return lines


def _layout(text: str, fonts: tuple[str, str]) -> list[list[tuple[float, _Style, _Line]]]:
    """Pages of (baseline y, style, line)."""
    width = PAGE_W - LEFT - RIGHT
    pages: list[list[tuple[float, _Style, _Line]]] = [[]]
    y = PAGE_H - TOP
    for style, hard_lines in _blocks(text):
        y -= style.before
        for hard in hard_lines:
            for line in _fill(hard, style, fonts, width) or [[]]:
                if y - style.leading < BOTTOM:
                    pages.append([])
                    y = PAGE_H - TOP
                y -= style.leading
                pages[-1].append((y, style, line))
        y -= style.after + (style.leading if style is RULE else 0)
    return pages


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
    from reportlab.pdfgen.canvas import Canvas

    if isinstance(source, Notice):
        from kg_builder.synth.render_text import render_text

        boamp_id = boamp_id or source.metadata.boamp_id
        text = render_text(source)
    else:
        text = source
    if boamp_id is None:
        m = _NOTICE_NO.search(text)
        boamp_id = m.group(1) if m else "?"
    fonts = _register(font)
    pages = _layout(text, fonts)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=True, pageCompression=1)
    c.setTitle(f"Annonce n° {boamp_id}")
    c.setAuthor("boamp-kg synth")
    c.setCreator("boamp-kg synth (reportlab)")
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        for y, style, line in page:
            for x, chunk, bold in line:
                c.setFont(fonts[1] if bold else fonts[0], style.size)
                c.drawString(LEFT + x, y, chunk)
        c.setFont(fonts[0], 7.5)
        if number > 1:
            c.drawString(
                LEFT, PAGE_H - 28, f"BOAMP.fr — Annonce n° {boamp_id} — page {number}/{total}"
            )
        c.drawRightString(PAGE_W - RIGHT, 24, f"{number}/{total}")
        c.showPage()
    c.save()
    data = buf.getvalue()
    if isinstance(out, Path):
        out.write_bytes(data)
    elif out is not None:
        out.write(data)
    return data
