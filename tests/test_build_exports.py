"""Given a BOAMP open-data export (many records in one JSON-lines file), build stores each
notice as its own graph, and a re-run skips the unchanged export as a whole."""

from __future__ import annotations

import json
from pathlib import Path

from kg_builder.build import build
from kg_builder.readers import read_notices
from kg_builder.store import open_store

RECORD = Path(__file__).parent / "fixtures" / "eforms" / "record_25-103341.json"


def _export(tmp_path: Path) -> Path:
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    lines = [record, {**record, "idweb": "25-999999"}]
    export = tmp_path / "boamp-export.jsonl"
    export.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    return export


def test_read_notices_gives_every_record_of_an_export(tmp_path: Path) -> None:
    notices = read_notices(_export(tmp_path))
    assert [n.metadata.boamp_id for n in notices] == ["25-103341", "25-999999"]


def test_read_notices_of_a_single_notice_file_is_a_list_of_one() -> None:
    assert [n.metadata.boamp_id for n in read_notices(RECORD)] == ["25-103341"]


def test_an_export_builds_into_one_graph_per_record_and_reruns_as_unchanged(tmp_path: Path) -> None:
    export = _export(tmp_path)
    with open_store(str(tmp_path / "store")) as store:
        first = build(
            [export], store, base_iri="https://x.example/id/", quarantine_dir=tmp_path / "q", jobs=1
        )
        assert (first.stored, first.failed, first.quarantined) == (2, 0, 0), first.problems
        graphs = set(store.named_graphs())
        assert {
            "https://x.example/id/graph/25-103341/01",
            "https://x.example/id/graph/25-999999/01",
        } <= graphs
        assert store.ask(
            "ASK { GRAPH <https://x.example/id/graph/25-999999/01> "
            "{ ?n a <http://data.europa.eu/a4g/ontology#ResultNotice> } }"
        )
        second = build(
            [export], store, base_iri="https://x.example/id/", quarantine_dir=tmp_path / "q", jobs=1
        )
        assert (second.stored, second.replaced, second.unchanged) == (0, 0, 1)
