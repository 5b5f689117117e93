"""Corpus generation: files per notice, deterministic, cached by (n, seed, generator version),
PDFs added on request; and the ``python -m kg_builder.synth`` entry point."""

from __future__ import annotations

import json

import pytest

from kg_builder.synth import GENERATOR_VERSION
from kg_builder.synth.__main__ import main
from kg_builder.synth.corpus import MANIFEST, generate_corpus


def test_corpus_writes_one_text_per_notice_with_a_manifest(tmp_path):
    c = generate_corpus(6, 1, tmp_path)
    assert not c.cached and len(c.texts) == 6 and c.pdfs == []
    manifest = json.loads((c.path / MANIFEST).read_text())
    assert (manifest["n"], manifest["seed"], manifest["generator_version"]) == (
        6,
        1,
        GENERATOR_VERSION,
    )
    assert [p.name for p in tmp_path.iterdir()] == [c.path.name], "no temporary folder left behind"


def test_corpus_is_deterministic_and_cached(tmp_path):
    a = generate_corpus(4, 2, tmp_path / "a")
    b = generate_corpus(4, 2, tmp_path / "b")
    assert [p.read_bytes() for p in a.texts] == [p.read_bytes() for p in b.texts]
    mtimes = [p.stat().st_mtime_ns for p in a.texts]
    again = generate_corpus(4, 2, tmp_path / "a")
    assert again.cached and [p.stat().st_mtime_ns for p in again.texts] == mtimes
    assert generate_corpus(4, 3, tmp_path / "a").path != a.path


def test_pdfs_are_added_to_a_cached_text_corpus(tmp_path):
    pytest.importorskip("reportlab")
    generate_corpus(2, 0, tmp_path)
    c = generate_corpus(2, 0, tmp_path, pdf=True)
    assert not c.cached and [p.stem for p in c.pdfs] == [p.stem for p in c.texts]
    assert all(p.read_bytes().startswith(b"%PDF-") for p in c.pdfs)
    assert generate_corpus(2, 0, tmp_path, pdf=True).cached


def test_module_entry_point_writes_a_corpus(tmp_path, capsys):
    assert main(["--corpus", "3", "--seed", "5", "--out", str(tmp_path)]) == 0
    assert "3 notices" in capsys.readouterr().out
    assert main(["--corpus", "3", "--seed", "5", "--out", str(tmp_path)]) == 0
    assert "cached" in capsys.readouterr().out
