"""The gate: seeds and samples conform; a failing notice is reported line by line, kept in
quarantine with everything needed to act on it, and the CLI exits 0 / 1 / 2 as documented."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from typer.testing import CliRunner

from kg_builder.cli import app
from kg_builder.validation import quarantine, validate, validate_official
from kg_builder.validation.engines import run_fast, run_pyshacl
from kg_builder.validation.shapes import ShapesUnavailableError, official_shapes, project_shapes
from tests.conftest import EFORMS, SAMPLES, SEED_CAN, SEED_CN, SEEDS, need

NOTICE_FILES = sorted(
    [
        *SEEDS.glob("*.txt"),
        *SEEDS.glob("pdf/*.pdf"),
        *SAMPLES.glob("*.txt"),
        *SAMPLES.glob("*.pdf"),
        *EFORMS.glob("*.xml"),
    ]
)
ASK_REPORT = """
PREFIX sh: <http://www.w3.org/ns/shacl#>
PREFIX bks: <https://data.boamp-kg.example/shapes#>
ASK {{ ?report a sh:ValidationReport ; sh:conforms {conforms} ; sh:result ?r .
       ?r sh:sourceShape bks:{shape} ; sh:resultSeverity sh:Violation ; sh:focusNode ?focus }}
"""


def mapped(path: Path) -> Graph:
    from kg_builder.mapping import map_notice
    from kg_builder.readers import read_notice

    return map_notice(read_notice(need(path))).graph


def weights_101(tmp_path: Path) -> Path:
    """The contract-notice seed with its first price weight printed 31 instead of 30."""
    text = need(SEEDS / f"{SEED_CN}.txt").read_text(encoding="utf-8")
    bad = text.replace(
        "Pondération (pourcentage, valeur exacte) : 30",
        "Pondération (pourcentage, valeur exacte) : 31",
        1,
    )
    assert bad != text
    path = tmp_path / "26-16132_bad_weights.txt"
    path.write_text(bad, encoding="utf-8")
    return path


@pytest.mark.parametrize("path", NOTICE_FILES, ids=[p.name for p in NOTICE_FILES])
def test_seeds_samples_and_eforms_examples_conform_with_no_result_at_all(path: Path) -> None:
    graph = mapped(path)
    reference = run_pyshacl(graph, project_shapes())
    assert reference == [], reference
    assert run_fast(graph, project_shapes()) == []


def test_validate_returns_conformance_report_graph_and_text(tmp_path: Path) -> None:
    for engine in ("fast", "pyshacl"):
        conforms, report, text = validate(mapped(weights_101(tmp_path)), engine=engine)
        assert conforms is False
        assert report.query(
            ASK_REPORT.format(conforms="false", shape="PercentWeightsSumShape")
        ).askAnswer
        lines = text.splitlines()
        assert lines[0] == "Conforms: False (1 violations, 0 warnings)"
        assert lines[1].startswith("Violation  <https://data.boamp-kg.example/id/procedure/")
        assert (
            "LOT-0001>  -  the percentage weights of the award criteria add up to 101" in lines[1]
        )
        assert lines[1].endswith("(bks:PercentWeightsSumShape)")


def test_a_warning_is_reported_and_passes() -> None:
    graph = Graph()
    graph.add(
        (
            URIRef("urn:x:n"),
            URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            URIRef("http://data.europa.eu/a4g/ontology#Notice"),
        )
    )
    conforms, _report, text = validate(graph)
    assert conforms is True
    assert text.splitlines()[1].startswith("Warning  <urn:x:n>")


def test_quarantine_keeps_source_graph_and_report(tmp_path: Path) -> None:
    source = weights_101(tmp_path)
    graph = mapped(source)
    conforms, report, text = validate(graph)
    assert not conforms
    written = quarantine(
        tmp_path / "q", source, graph, report, text, graph_iri="https://x.example/graph/1"
    )
    names = sorted(p.name for p in written)
    base = source.name
    assert names == sorted([base, f"{base}.trig", f"{base}.report.ttl", f"{base}.report.txt"])
    q = tmp_path / "q"
    assert (q / base).read_bytes() == source.read_bytes()
    dataset = Dataset()
    dataset.parse(q / f"{base}.trig", format="trig")
    assert len(dataset.graph(URIRef("https://x.example/graph/1"))) == len(graph)
    kept = Graph().parse(q / f"{base}.report.ttl", format="turtle")
    assert kept.query(ASK_REPORT.format(conforms="false", shape="PercentWeightsSumShape")).askAnswer
    txt = (q / f"{base}.report.txt").read_text(encoding="utf-8")
    assert txt.startswith(f"source: {source}\nConforms: False")
    assert "bks:PercentWeightsSumShape" in txt


def test_shapes_are_parsed_once_per_process() -> None:
    assert project_shapes() is project_shapes()


def test_official_shapes_missing_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ShapesUnavailableError, match="not shipped with boamp-kg"):
        official_shapes(tmp_path)


def test_validate_official_runs_with_the_epo_ontology() -> None:
    need(SEEDS / f"{SEED_CAN}.txt")
    _conforms, _report, text = validate_official(mapped(SEEDS / f"{SEED_CAN}.txt"))
    assert text.startswith("Conforms: ")


runner = CliRunner()


def test_cli_all_conform_exits_0() -> None:
    seeds = [str(need(SEEDS / f"{stem}.txt")) for stem in (SEED_CN, SEED_CAN)]
    result = runner.invoke(app, ["validate", *seeds])
    assert result.exit_code == 0, result.output
    assert result.output.count("Conforms: True (0 violations, 0 warnings)") == 2


def test_cli_violation_exits_1_and_quarantines(tmp_path: Path) -> None:
    bad = weights_101(tmp_path)
    good = need(SEEDS / f"{SEED_CAN}.txt")
    q = tmp_path / "quarantine"
    result = runner.invoke(
        app, ["validate", "--engine", "pyshacl", "--quarantine", str(q), str(bad), str(good)]
    )
    assert result.exit_code == 1, result.output
    assert "(bks:PercentWeightsSumShape)" in result.output
    assert "Conforms: True" in result.output  # the batch went on
    assert sorted(p.name for p in q.iterdir()) == sorted(
        [bad.name, f"{bad.name}.trig", f"{bad.name}.report.ttl", f"{bad.name}.report.txt"]
    )


def test_cli_unusable_input_exits_2_and_the_batch_goes_on(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_text("nothing to see here\n", encoding="utf-8")
    good = need(SEEDS / f"{SEED_CN}.txt")
    result = runner.invoke(app, ["validate", str(junk), str(good)])
    assert result.exit_code == 2, result.output
    assert "Conforms: True" in result.output


def test_cli_official_without_the_epo_files_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOAMP_KG_EPO_DIR", str(tmp_path))
    official_shapes.cache_clear()
    try:
        result = runner.invoke(app, ["validate", "--official", str(need(SEEDS / f"{SEED_CN}.txt"))])
    finally:
        official_shapes.cache_clear()
    assert result.exit_code == 2
    assert "BOAMP_KG_EPO_DIR" in result.output


def test_build_stores_the_good_notices_and_quarantines_the_bad_one(tmp_path: Path) -> None:
    """Acceptance: a quarantined notice is never in the store, its report names the failing
    rule, and the rest of the batch is stored (real parse, map and SHACL gate)."""
    from kg_builder.build import build
    from kg_builder.store import open_store

    bad = weights_101(tmp_path)
    good = need(SEEDS / f"{SEED_CAN}.txt")
    q = tmp_path / "quarantine"
    with open_store(str(tmp_path / "store")) as store:
        summary = build(
            [bad, good],
            store,
            base_iri="https://data.boamp-kg.example/id/",
            quarantine_dir=q,
            jobs=1,
        )
        stored = {quad[3] for quad in store.quads()} - {
            "<urn:boamp-kg:meta>",
            "<https://data.boamp-kg.example/id/graph/shared>",
        }
    assert (summary.stored, summary.quarantined) == (1, 1)
    assert stored == {"<https://data.boamp-kg.example/id/graph/25-103341/01>"}
    assert "(bks:PercentWeightsSumShape)" in (q / f"{bad.name}.report.txt").read_text(
        encoding="utf-8"
    )
