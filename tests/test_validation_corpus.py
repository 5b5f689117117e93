"""A synthetic corpus (kg_builder.synth, 40 notices in a temporary folder) conforms, and the fast
engine reports exactly what pySHACL reports on each of its graphs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg_builder.validation.engines import run_fast, run_pyshacl
from kg_builder.validation.shapes import project_shapes

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kg_builder.synth",
            "--corpus",
            "40",
            "--seed",
            "11",
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    files = sorted(out.glob("*/txt/*.txt"))
    assert len(files) == 40
    return files


def test_synthetic_corpus_conforms_and_engines_agree(corpus: list[Path]) -> None:
    from kg_builder.mapping import map_notice
    from kg_builder.readers import read_notice

    for path in corpus:
        graph = map_notice(read_notice(path)).graph
        reference = run_pyshacl(graph, project_shapes())
        assert reference == [], (path.name, reference)
        assert run_fast(graph, project_shapes()) == reference
