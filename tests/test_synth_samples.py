"""The committed samples in data/samples/ are exactly what the generator writes, read back to
the generator's models from text and from PDF, and show the cross-notice cases the graph needs."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from kg_builder.identifiers import Scheme
from kg_builder.model import NoticeKind, Role, WeightKind
from kg_builder.readers import read_notice
from kg_builder.synth.organisations import PLACEHOLDER
from kg_builder.synth.render_text import render_text
from kg_builder.synth.samples import readme, sample_name, sample_notices
from tests.conftest import SAMPLES

NOTICES = sample_notices()
NAMES = [sample_name(n) for n in NOTICES]


def comparable(n):
    d = dataclasses.asdict(n)
    del d["source"], d["unmapped"]
    return d


@pytest.mark.parametrize("i", range(len(NOTICES)), ids=NAMES)
def test_committed_text_is_what_the_generator_writes(i):
    path = SAMPLES / f"{NAMES[i]}.txt"
    assert path.read_text(encoding="utf-8") == render_text(NOTICES[i]), (
        "run `make samples` and commit"
    )


def test_committed_readme_is_what_the_generator_writes():
    assert (SAMPLES / "README.md").read_text(encoding="utf-8") == readme(NOTICES)


def test_only_generated_files_are_in_the_samples_folder():
    expected = {f"{name}{ext}" for name in NAMES for ext in (".txt", ".pdf")} | {"README.md"}
    assert {p.name for p in SAMPLES.iterdir()} == expected


@pytest.mark.parametrize(("ext", "engine"), [(".txt", "text"), (".pdf", "pypdfium2")])
@pytest.mark.parametrize("i", range(len(NOTICES)), ids=NAMES)
def test_each_sample_reads_back_to_its_model(i, ext, engine):
    back = read_notice(
        SAMPLES / f"{NAMES[i]}{ext}", pdf_engine="pypdfium2" if engine == "text" else engine
    )
    assert back.unmapped == []
    assert comparable(back) == comparable(NOTICES[i])


@pytest.mark.parametrize("i", [0, 4], ids=[NAMES[0], NAMES[4]])
def test_samples_read_back_with_pdfplumber_too(i):
    back = read_notice(SAMPLES / f"{NAMES[i]}.pdf", pdf_engine="pdfplumber")
    assert back.unmapped == []
    assert comparable(back) == comparable(NOTICES[i])


def test_the_set_shows_every_cross_notice_case():
    first = NOTICES[:6]
    assert Counter(n.metadata.kind for n in first) == {
        NoticeKind.COMPETITION: 3,
        NoticeKind.RESULT: 3,
    }
    orgs = [o for n in first for o in n.organisations]
    buyers = Counter(o.registration.normalised for o in orgs if Role.BUYER in o.roles)
    winners = Counter(o.registration.normalised for o in orgs if Role.WINNER in o.roles)
    assert max(buyers.values()) >= 2 and max(winners.values()) >= 2
    assert any(
        o.registration.normalised == PLACEHOLDER and o.registration.scheme is Scheme.OTHER
        for o in orgs
    )
    assert any(
        o.registration.scheme is Scheme.OTHER
        and o.registration.normalised != PLACEHOLDER
        and Role.WINNER in o.roles
        for o in orgs
    )
    assert any(len(n.lots) > 1 for n in first)
    kinds = {c.weight_kind for n in first for lot in n.lots for c in lot.award_criteria}
    assert {WeightKind.PERCENT_EXACT, WeightKind.FIXED_TOTAL} <= kinds
    ids = {f"{n.metadata.notice_id}-{n.metadata.version}" for n in first}
    assert any(n.procedure.previous_notice in ids for n in first)
    v1, v2 = NOTICES[0], NOTICES[-1]
    assert (v2.metadata.notice_id, v2.metadata.version) == (v1.metadata.notice_id, "02")
