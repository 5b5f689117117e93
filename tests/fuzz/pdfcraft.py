"""Hand-made PDF bytes for the hostile cases reportlab will not write.

A PDF is a list of numbered objects plus a cross-reference table of their byte offsets; writing
it by hand lets a test build a page tree that points at itself, a /Count that lies, a content
stream that inflates to hundreds of megabytes, or arrays nested deeper than any parser's stack.
Each builder returns bytes, small enough to keep in memory: the harm is in what a reader
makes of them.
"""

from __future__ import annotations

import zlib

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def assemble(objects: list[bytes], *, root: int = 1, xref: bool = True) -> bytes:
    """Number ``objects`` from 1, lay them out and append a correct xref table and trailer.

    :param objects: the bodies of objects 1..n (``<< ... >>`` or a stream)
    :param root: the object number of the catalog
    :param xref: write the cross-reference table (False = make the reader reconstruct it)
    :return: the PDF file's bytes

    >>> pdf = assemble([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])
    >>> pdf.startswith(b"%PDF-1.7") and pdf.rstrip().endswith(b"%%EOF")
    True
    """
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    if xref:
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\n" % (len(objects) + 1, root)
    out += b"startxref\n%d\n%%%%EOF\n" % (start if xref else 0)
    return bytes(out)


def stream(data: bytes, *, filters: tuple[str, ...] = (), extra: bytes = b"") -> bytes:
    """A stream object body; ``filters`` are already applied to ``data`` (outermost first)."""
    filt = b""
    if filters:
        filt = b" /Filter [" + b" ".join(b"/" + f.encode() for f in filters) + b"]"
    return b"<< /Length %d%s %s>>\nstream\n" % (len(data), filt, extra) + data + b"\nendstream"


def text_page_pdf(lines: list[str], *, pages: int = 1) -> bytes:
    """A plain PDF of ``pages`` pages sharing one content stream that draws ``lines``.

    Sharing the stream keeps a 2,000-page file at a few hundred KiB, so making it costs
    nothing while a reader that walks every page still pays for 2,000 pages.
    """
    ops = [b"BT /F1 10 Tf 40 800 Td 12 TL"]
    for line in lines:
        safe = line.encode("cp1252", "replace").replace(b"\\", b"\\\\")
        safe = safe.replace(b"(", b"\\(").replace(b")", b"\\)")
        ops.append(b"(" + safe + b") '")
    ops.append(b"ET")
    content = b"\n".join(ops)
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        FONT,
        stream(content),
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    objects += [page] * pages
    return assemble(objects)


def _page_with(content_ref: int) -> bytes:
    return (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content_ref
    )


def inflation_bomb(size: int = 512 << 20, *, layers: int = 2) -> bytes:
    """One page whose content stream inflates to ``size`` bytes of text-showing operators.

    Deflated ``layers`` times (``/Filter [/FlateDecode /FlateDecode]``), the file stays a few
    KiB while a reader that inflates without a cap allocates the whole stream, then the text.
    """
    unit = b"(Annonce n 26-00001 Section 5 Lot LOT-0001) Tj T* " * 64
    chunk = unit * max(1, (1 << 20) // len(unit))
    comp = zlib.compressobj(9)
    parts = [comp.compress(b"BT /F1 10 Tf 40 800 Td 12 TL\n")]
    for _ in range(size // len(chunk)):
        parts.append(comp.compress(chunk))
    parts += [comp.compress(chunk[: size % len(chunk)]), comp.compress(b"\nET"), comp.flush()]
    data = b"".join(parts)
    for _ in range(layers - 1):
        data = zlib.compress(data, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        FONT,
        stream(data, filters=("FlateDecode",) * layers),
        _page_with(4),
    ]
    return assemble(objects)


def self_referencing_tree() -> bytes:
    """A page tree whose /Kids contains itself: a naive walk never ends."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 4 0 R] /Count 2 >>",
        FONT,
        _page_with(5),
        stream(b"BT /F1 10 Tf 40 800 Td (Annonce n 26-00001) Tj ET"),
    ]
    return assemble(objects)


def lying_page_count(count: int = 2_000_000_000) -> bytes:
    """A one-page tree that claims ``count`` pages: a reader must not allocate by /Count."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count %d >>" % count,
        FONT,
        _page_with(5),
        stream(b"BT /F1 10 Tf 40 800 Td (Annonce n 26-00001) Tj ET"),
    ]
    return assemble(objects)


def deep_nesting(depth: int = 200_000) -> bytes:
    """An array nested ``depth`` levels deep in the page dictionary: recursive parsers overflow."""
    nested = b"[" * depth + b"]" * depth
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        FONT,
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Deep " + nested + b" >>",
    ]
    return assemble(objects)


def reference_chain(length: int = 100_000) -> bytes:
    """/Contents -> 6 0 R -> 7 0 R -> ...: a chain of indirect references each naming the next."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        FONT,
        _page_with(5),
    ]
    objects += [b"%d 0 R" % (n + 1) for n in range(5, 5 + length)]
    objects.append(stream(b"BT /F1 10 Tf 40 800 Td (Annonce n 26-00001) Tj ET"))
    return assemble(objects)


def object_stream_loop() -> bytes:
    """An object stream (PDF 1.5 /ObjStm) whose own body lives in itself: 4 is in stream 4."""
    body = b"4 0 << /Type /Pages /Kids [5 0 R] /Count 1 >>"
    objects = [
        b"<< /Type /Catalog /Pages 4 0 R >>",
        FONT,
        stream(b"BT /F1 10 Tf 40 800 Td (Annonce n 26-00001) Tj ET"),
        stream(body, extra=b"/Type /ObjStm /N 1 /First 4 /Extends 4 0 R "),
        b"<< /Type /Page /Parent 4 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>",
    ]
    return assemble(objects, xref=False)
