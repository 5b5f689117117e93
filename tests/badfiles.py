"""Real bad files, made on demand: every way a notice file can be broken that a batch must survive."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas


def _pdf(path: Path, text: str | None, *, password: str | None = None) -> Path:
    enc = pdfencrypt.StandardEncryption(password, canPrint=0) if password else None
    c = canvas.Canvas(str(path), encrypt=enc)
    if text is None:
        c.rect(100, 100, 200, 200, fill=1)  # an image-only page: no text layer
    else:
        y = 800
        for line in text.splitlines():
            c.drawString(40, y, line)
            y -= 14
    c.save()
    return path


def make_bad_files(folder: Path) -> dict[str, Path]:
    """Write one file per failure kind into ``folder``; returns {kind: path}."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "empty-text": folder / "empty.txt",
        "zero-byte-pdf": folder / "zero.pdf",
        "not-a-pdf": folder / "fake.pdf",
        "binary-text": folder / "garbage.txt",
        "not-a-notice-text": folder / "letter.txt",
    }
    files["empty-text"].write_bytes(b"")
    files["zero-byte-pdf"].write_bytes(b"")
    files["not-a-pdf"].write_bytes(b"PK\x03\x04 this is a zip file, not a PDF" * 20)
    files["binary-text"].write_bytes(bytes(range(256)) * 40)
    files["not-a-notice-text"].write_text(
        "Bonjour,\n\nVoici le compte rendu de la réunion : rien à signaler.\n", encoding="utf-8"
    )
    files["encrypted-pdf"] = _pdf(folder / "locked.pdf", "Annonce n° 26-00001", password="secret")
    files["no-text-pdf"] = _pdf(folder / "scan.pdf", None)
    files["not-a-notice-pdf"] = _pdf(folder / "menu.pdf", "Menu du jour : soupe, salade, tarte")
    good = _pdf(folder / "whole.pdf", "Annonce n° 26-00001\nSection 1 - Acheteur")
    data = good.read_bytes()
    files["truncated-pdf"] = folder / "truncated.pdf"
    files["truncated-pdf"].write_bytes(data[: len(data) // 3])
    good.unlink()
    return files
