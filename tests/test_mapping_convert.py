"""``boamp-kg convert``: every format parses back; a bad file is one line, the batch goes on."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from kg_builder.cli import app
from kg_builder.convert import OutputFormat, convert
from tests.conftest import SEED_CAN, SEED_CN, SEEDS, need


@pytest.fixture
def seeds() -> list[Path]:
    return [need(SEEDS / f"{SEED_CN}.txt"), need(SEEDS / f"{SEED_CAN}.txt")]


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_format_parses_back(fmt: OutputFormat, seeds: list[Path]) -> None:
    out = io.BytesIO()
    result = convert(seeds, out, fmt=fmt)
    assert result.status == 0 and len(result.graphs) == 2
    quads = list(ox.parse(out.getvalue(), fmt.rdf_format))
    assert len(quads) > 1000
    if fmt in (OutputFormat.nquads, OutputFormat.trig, OutputFormat.jsonld):
        shared = {g.shared_iri for g in result.graphs}
        assert {q.graph_name.value for q in quads} == {g.iri for g in result.graphs} | shared  # type: ignore[union-attr]
        assert len(quads) == len(set(quads))  # a shared fact both seeds state is written once


def test_bad_files_are_one_line_each_and_the_batch_goes_on(
    seeds: list[Path], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    junk = tmp_path / "junk.txt"
    junk.write_text("nothing to see here\n", encoding="utf-8")
    out = tmp_path / "out.nq"
    run = CliRunner().invoke(
        app, ["convert", str(seeds[0]), str(empty), str(junk), str(seeds[1]), "-o", str(out)]
    )
    assert run.exit_code == 1
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2 and str(empty) in errors[0] and str(junk) in errors[1]
    graphs = {q.graph_name.value for q in ox.parse(out.read_bytes(), ox.RdfFormat.N_QUADS)}  # type: ignore[union-attr]
    assert len(graphs) == 3  # two notices and the shared graph


def test_cli_base_iri_option(seeds: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out.nt"
    run = CliRunner().invoke(
        app,
        [
            "convert",
            str(seeds[0]),
            "--format",
            "ntriples",
            "--base-iri",
            "https://x.example/",
            "-o",
            str(out),
        ],
    )
    assert run.exit_code == 0, run.stderr
    assert "<https://x.example/notice/26-16132/01>" in out.read_text(encoding="utf-8")
