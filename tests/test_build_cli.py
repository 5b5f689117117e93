"""``boamp-kg build`` and ``boamp-kg query`` as a user runs them: output, formats, exit statuses."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg_builder.build import build
from kg_builder.cli import app
from kg_builder.store import open_store
from tests.servers import free_port
from tests.test_build_pipeline import BASE, process_prepared, write_prepared

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("cli")
    write_prepared(folder / "in", 4)
    with open_store(str(folder / "store")) as target:
        build(
            [f"{folder}/in/*.nt"],
            target,
            base_iri=BASE,
            quarantine_dir=folder / "q",
            jobs=1,
            process=process_prepared,
        )
    return str(folder / "store")


COUNT = "SELECT (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { ?s a <http://data.europa.eu/a4g/ontology#Lot> } }"


def test_query_prints_a_table_by_default(store: str) -> None:
    result = runner.invoke(app, ["query", "--store", store, COUNT])
    assert result.exit_code == 0, result.output
    assert "graphs" in result.stdout and "4" in result.stdout


def test_query_prints_sparql_json_and_csv_on_request(store: str) -> None:
    as_json = runner.invoke(app, ["query", "--store", store, "--format", "json", COUNT])
    assert json.loads(as_json.stdout)["results"]["bindings"][0]["graphs"]["value"] == "4"
    as_csv = runner.invoke(app, ["query", "--store", store, "--format", "csv", COUNT])
    assert list(csv.reader(io.StringIO(as_csv.stdout))) == [["graphs"], ["4"]]


def test_query_reads_a_file_and_answers_a_construct_as_rdf(store: str, tmp_path: Path) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text(
        "CONSTRUCT { ?l a <urn:x:Lot> } WHERE { ?l a <http://data.europa.eu/a4g/ontology#Lot> } LIMIT 1"
    )
    result = runner.invoke(app, ["query", "--store", store, "--file", str(rq), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("<urn:x:Lot> .")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["SELECT WHERE {"], "error"),
        ([], "give a SPARQL query"),
        (["--store", "/nonexistent/store", "ASK {}"], "no store here"),
    ],
)
def test_query_exits_2_on_a_bad_query_or_store(store: str, args: list[str], message: str) -> None:
    if "--store" not in args:
        args = ["--store", store, *args]
    result = runner.invoke(app, ["query", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_build_reports_each_bad_file_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in/empty.txt").write_text("")
    (tmp_path / "in/fake.pdf").write_text("not a PDF at all")
    result = runner.invoke(
        app, ["build", str(tmp_path / "in"), "--store", str(tmp_path / "s"), "--jobs", "1"]
    )
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "fake.pdf" in result.output
    assert "failed 2" in result.output


@pytest.mark.parametrize(
    ("store_arg", "message"),
    [
        ("", "no such file"),
        ("unreachable", "cannot query the store"),
    ],
)
def test_build_exits_2_when_an_input_or_the_store_is_unusable(
    tmp_path: Path, store_arg: str, message: str
) -> None:
    (tmp_path / "a.txt").write_text("x")
    inputs = [str(tmp_path / "missing.pdf")] if not store_arg else [str(tmp_path / "a.txt")]
    store = f"http://127.0.0.1:{free_port()}/sparql" if store_arg else str(tmp_path / "s")
    result = runner.invoke(app, ["build", *inputs, "--store", store, "--jobs", "1"])
    assert result.exit_code == 2
    assert message in result.output


@pytest.mark.parametrize("how", ["flag", "environment", "config file"])
def test_the_store_comes_from_a_flag_the_environment_or_boamp_kg_toml(
    store: str, tmp_path: Path, how: str
) -> None:
    args = ["query", "--format", "csv", COUNT]
    env: dict[str, str | None] = {
        "BOAMP_KG_CONFIG": str(tmp_path / "none.toml"),
        "BOAMP_KG_STORE": None,  # unset: only the source under test may name the store
    }
    if how == "flag":
        args += ["--store", store]
    elif how == "environment":
        env["BOAMP_KG_STORE"] = store
    else:
        (tmp_path / "boamp-kg.toml").write_text(f'[boamp-kg]\nstore = "{store}"\n')
        env["BOAMP_KG_CONFIG"] = str(tmp_path / "boamp-kg.toml")
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["graphs", "4"]
