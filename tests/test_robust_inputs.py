"""Bad input, the fast part: a few hundred hostile or mutated files, each read under hard bounds.

Every file gives a notice or one ``InputError``; never another exception type, never more
than the bounds below (enforced by the kernel in :mod:`tests.fuzz.harness`, so a regression
fails the test instead of exhausting the machine). ``make fuzz`` runs the same checks on
10,000+ files (:mod:`tests.fuzz`).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg_builder.errors import InputError
from kg_builder.parse import parse_text
from tests.conftest import SEED_CAN, SEED_CN, SEEDS, need
from tests.fuzz.corpus import hostile_files, mutate_text, mutated_files
from tests.fuzz.harness import Limits, read_bounded

pytestmark = pytest.mark.xdist_group("robust-inputs")  # one worker builds the hostile set once

# The bounds a single file must stay within (PDFium's worst case under the 8 MiB decode
# budget is ~0.9 GB and ~4 s; everything else is far below).
BOUNDS = Limits(seconds=20.0, memory=1536 * 1024 * 1024, cpu=300)
ACCEPTABLE = {"ok", "input-error"}

# What each named hostile file must give: "ok" (a notice) or a phrase of its InputError.
EXPECTED = {
    "empty-text": "empty file",
    "zero-byte-pdf": "empty file",
    "not-a-pdf": "binary data",
    "binary-text": "binary data",
    "not-a-notice-text": "not a BOAMP notice",
    "encrypted-pdf": "encrypted PDF",
    "no-text-pdf": "no text layer",
    "not-a-notice-pdf": "not a BOAMP notice",
    "truncated-pdf": "PDF",
    "pdf-2000-pages-handmade": "more than the limit of 300",
    "pdf-2000-pages-reportlab": "more than the limit of 300",
    "pdf-inflation-bomb": "decompression bomb",
    "pdf-inflation-bomb-64MiB-1-layer": "decompression bomb",
    "pdf-page-tree-loop": "",
    "pdf-page-count-lie": "not a BOAMP notice",
    "pdf-deep-nesting": "",
    "pdf-reference-chain": "",
    "pdf-object-stream-loop": "",
    "pdf-no-xref": "",
    "binary-named-txt": "binary data",
    "text-over-10MB": "more than the limit",
    "xml-billion-laughs": "DOCTYPE",
    "xml-xxe-file": "DOCTYPE",
    "json-deep-nesting": "nested too deeply",
    "json-huge-number": "JSON",
    "text-windows-1252": "ok",
    "text-10000-lots": "ok",
    "pdf-seed-rendered": "",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    seed = SEEDS / f"{SEED_CN}.txt"
    text = seed.read_text(encoding="utf-8") if seed.exists() else None
    return hostile_files(tmp_path_factory.mktemp("hostile"), text, bomb=256 << 20)


@pytest.mark.parametrize("engine", ["pypdfium2", "pdfplumber"])
def test_every_hostile_file_gives_its_error_or_a_notice_within_bounds(
    hostile: dict[str, Path], engine: str
) -> None:
    outcomes = dict(
        zip(hostile, read_bounded(hostile.values(), engine=engine, limits=BOUNDS), strict=True)
    )
    wrong = {k: (o.kind, o.detail) for k, o in outcomes.items() if o.kind not in ACCEPTABLE}
    assert not wrong
    for kind, outcome in outcomes.items():
        expected = EXPECTED[kind]
        if expected == "ok":
            assert outcome.kind == "ok", (kind, outcome.detail)
        elif expected:
            assert (outcome.kind, expected in outcome.detail) == ("input-error", True), (
                kind,
                outcome.detail,
            )
        if outcome.kind == "input-error":
            assert outcome.detail.startswith(str(hostile[kind])) and "\n" not in outcome.detail
    lots = outcomes.get("text-10000-lots")
    if lots is not None:
        assert lots.detail == "10000 lots"


def test_a_notice_of_10000_lots_maps_to_one_graph_within_bounds(hostile: dict[str, Path]) -> None:
    if "text-10000-lots" not in hostile:
        pytest.skip("../shared absent")
    (outcome,) = read_bounded([hostile["text-10000-lots"]], limits=BOUNDS, stage="map")
    assert outcome.kind == "ok", outcome.detail
    assert int(outcome.detail.split()[0]) > 10_000 * 5  # every lot's triples are there


def test_mutated_seed_files_never_escape_input_error_nor_the_bounds(tmp_path: Path) -> None:
    seeds = [need(SEEDS / f"{s}.txt").read_bytes() for s in (SEED_CN, SEED_CAN)]
    seeds += [need(SEEDS / "pdf" / f"{s}.pdf").read_bytes() for s in (SEED_CN, SEED_CAN)]
    rng = random.Random(20261123)
    made = list(mutated_files(tmp_path, seeds, 200, rng))
    outcomes = list(
        zip([n for n, _ in made], read_bounded([p for _, p in made], limits=BOUNDS), strict=True)
    )
    wrong = [(n, o.kind, o.detail) for n, o in outcomes if o.kind not in ACCEPTABLE]
    assert not wrong
    assert {o.kind for _, o in outcomes} == ACCEPTABLE, "the mutants span both outcomes"


_SEED_TEXTS = [SEEDS / f"{SEED_CN}.txt", SEEDS / f"{SEED_CAN}.txt"]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.randoms(use_true_random=False), st.integers(0, 1), st.integers(1, 4))
def test_the_parser_gives_a_notice_or_an_input_error_on_any_mutation(
    rng: random.Random, which: int, rounds: int
) -> None:
    seed = _SEED_TEXTS[which]
    if not seed.exists():
        pytest.skip("../shared absent")
    _, text = mutate_text(seed.read_text(encoding="utf-8"), rng, rounds=rounds)
    try:
        notice = parse_text(text, name="mutant.txt")
    except InputError as exc:
        assert str(exc).startswith("mutant.txt") and "\n" not in str(exc)
    else:
        assert notice.metadata is not None


def test_a_build_over_hostile_files_stores_only_whole_graphs_of_the_good_ones(
    hostile: dict[str, Path], tmp_path: Path
) -> None:
    """The real pipeline on good and hostile files: each bad file is one problem line, and the
    store holds exactly the good notices' graphs, each with its record (no partial graph)."""
    from kg_builder.build import build
    from kg_builder.mapping.iris import Minter
    from kg_builder.store import META_GRAPH, open_store

    shared = str(Minter().shared_graph())

    good = [need(SEEDS / f"{s}.txt") for s in (SEED_CN, SEED_CAN)]
    heavy_or_good = {"text-10000-lots", "text-windows-1252", "pdf-seed-rendered"}
    light = [p for k, p in hostile.items() if k not in heavy_or_good]
    with open_store(str(tmp_path / "store")) as store:
        summary = build(
            [*light, *good],
            store,
            base_iri="https://data.boamp-kg.example/id/",
            quarantine_dir=tmp_path / "q",
            jobs=1,
        )
        graphs = {g for g in store.named_graphs() if g not in (META_GRAPH, shared)}
        records = set(store.graph_records())
    # the two empty files have one content hash: the second is skipped as already seen
    assert summary.stored == 2
    assert summary.failed + summary.quarantined + summary.unchanged == len(light)
    assert graphs == records and len(graphs) == 2
    assert len(summary.problems) == summary.failed + summary.quarantined
