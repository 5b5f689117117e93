"""Writing generated notices to disk: the committed samples and cached benchmark corpora.

A corpus is identified by ``(n, seed, GENERATOR_VERSION)`` and written once under its own
folder (``data/corpus/n1000-seed0-g2/``, gitignored); asking again returns the cached folder at
once. PDFs are rendered on request only, since reportlab is much slower than the text
renderer, and can be added to a text corpus later. Folders appear atomically (written beside,
then renamed), so an interrupted run never leaves a half corpus that looks complete.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kg_builder.synth.generator import GENERATOR_VERSION, generate_notices
from kg_builder.synth.render_text import render_text

MANIFEST = "manifest.json"


@dataclass(frozen=True, slots=True)
class Corpus:
    """Where a corpus lives and how long it took to make (0 when it came from the cache)."""

    path: Path
    n: int
    seed: int
    text_seconds: float
    pdf_seconds: float | None
    cached: bool

    @property
    def texts(self) -> list[Path]:
        return sorted((self.path / "txt").glob("*.txt"))

    @property
    def pdfs(self) -> list[Path]:
        return sorted((self.path / "pdf").glob("*.pdf"))


def corpus_dir(out_dir: Path, n: int, seed: int) -> Path:
    """
    >>> corpus_dir(Path("data/corpus"), 1000, 0).name
    'n1000-seed0-g2'
    """
    return Path(out_dir) / f"n{n}-seed{seed}-g{GENERATOR_VERSION}"


def _pdf_batch(pairs: list[tuple[str, str]]) -> None:
    from kg_builder.synth.render_pdf import render_pdf

    for text_path, pdf_path in pairs:
        render_pdf(Path(text_path).read_text(encoding="utf-8"), Path(pdf_path))


def _write_pdfs(texts: list[Path], pdf_dir: Path, workers: int) -> None:
    pairs = [(str(t), str(pdf_dir / f"{t.stem}.pdf")) for t in texts]
    if workers <= 1 or len(pairs) < 2 * workers:
        _pdf_batch(pairs)
        return
    chunks = [pairs[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_pdf_batch, chunks))


def generate_corpus(
    n: int, seed: int, out_dir: Path | str, pdf: bool = False, *, workers: int = 1
) -> Corpus:
    """``n`` generated notices as text (and PDF) files, cached by ``(n, seed, generator version)``.

    :param n: number of notices
    :param seed: random seed; the same seed gives the same files
    :param out_dir: the cache root, e.g. ``data/corpus`` (gitignored)
    :param pdf: also render each notice to PDF (slower, ~10x the text time)
    :param workers: processes for PDF rendering
    :return: the corpus folder with its ``txt/`` (and ``pdf/``) files and timings
    """
    path = corpus_dir(Path(out_dir), n, seed)
    manifest_path = path / MANIFEST
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if not pdf or manifest.get("pdf_seconds") is not None:
            return Corpus(path, n, seed, 0.0, 0.0 if pdf else None, cached=True)
        text_seconds = 0.0
    else:
        tmp = path.with_name(path.name + f".tmp{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        (tmp / "txt").mkdir(parents=True)
        start = time.perf_counter()
        for notice in generate_notices(n, seed):
            name = f"{notice.metadata.boamp_id}_v{notice.metadata.version}.txt"
            (tmp / "txt" / name).write_text(render_text(notice), encoding="utf-8")
        text_seconds = time.perf_counter() - start
        manifest = {
            "n": n,
            "seed": seed,
            "generator_version": GENERATOR_VERSION,
            "text_seconds": text_seconds,
            "pdf_seconds": None,
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        tmp.rename(path)
    pdf_seconds = None
    if pdf:
        tmp_pdf = path / f"pdf.tmp{os.getpid()}"
        shutil.rmtree(tmp_pdf, ignore_errors=True)
        tmp_pdf.mkdir()
        start = time.perf_counter()
        _write_pdfs(sorted((path / "txt").glob("*.txt")), tmp_pdf, workers)
        pdf_seconds = time.perf_counter() - start
        shutil.rmtree(path / "pdf", ignore_errors=True)
        tmp_pdf.rename(path / "pdf")
        manifest["pdf_seconds"] = pdf_seconds
        manifest_path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return Corpus(path, n, seed, text_seconds, pdf_seconds, cached=False)
