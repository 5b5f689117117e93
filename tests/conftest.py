"""Shared fixtures: where the seeds, references and samples are, and skips when they are absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
REFERENCE = SHARED / "reference"
EPO = REFERENCE / "epo"
EFORMS = REFERENCE / "eforms"
SAMPLES = ROOT / "data" / "samples"

SEED_CN = "000_886e258503820caa"  # avis de marché 26-16132
SEED_CAN = "002_29a1c85642270e95"  # avis d'attribution 25-103341


def need(path: Path) -> Path:
    """Skip the calling test cleanly when ../shared (or a file in it) is not there."""
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared not checked out beside the project)")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    return need(SEEDS)


@pytest.fixture
def epo_dir() -> Path:
    return need(EPO)
