"""Bad input: a clear one-line error naming the file and the cause, and the batch goes on."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg_builder.errors import InputError
from kg_builder.readers import read_notice
from tests.badfiles import make_bad_files
from tests.conftest import SEED_CAN, SEEDS

CAUSES = {
    "empty-text": "empty file",
    "zero-byte-pdf": "empty file",
    "not-a-pdf": "not a BOAMP notice",  # sniffed as text (no %PDF-), then found binary or not a notice
    "binary-text": "binary data",
    "not-a-notice-text": "not a BOAMP notice",
    "encrypted-pdf": "encrypted PDF",
    "no-text-pdf": "no text layer",
    "not-a-notice-pdf": "not a BOAMP notice",
    "truncated-pdf": "",  # PDFium may repair or refuse: either way an InputError, never a crash
}


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_bad_files(tmp_path_factory.mktemp("bad"))


@pytest.mark.parametrize("kind", sorted(CAUSES))
@pytest.mark.parametrize("engine", ["pypdfium2", "pdfplumber"])
def test_each_bad_file_is_one_clear_error(bad: dict[str, Path], kind: str, engine: str) -> None:
    with pytest.raises(InputError) as info:
        read_notice(bad[kind], pdf_engine=engine)
    message = str(info.value)
    assert message.startswith(str(bad[kind])), "the error names the file"
    assert "\n" not in message
    if CAUSES[kind] and not (kind == "not-a-pdf" and "binary" in message):
        assert CAUSES[kind] in message


def test_windows_1252_extract_still_parses(tmp_path: Path) -> None:
    seed = SEEDS / f"{SEED_CAN}.txt"
    if not seed.exists():
        pytest.skip("../shared absent")
    latin = tmp_path / "cp1252.txt"
    latin.write_bytes(
        seed.read_text(encoding="utf-8").replace("\u2013", "-").encode("cp1252", errors="replace")
    )
    notice = read_notice(latin)
    assert notice.metadata.boamp_id == "25-103341"
    assert notice.organisations[0].name == "CHAMBRES D'AGRICULTURE FRANCE"


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="No such file"):
        read_notice(tmp_path / "nope.txt")


def test_cli_batch_goes_on_and_exits_non_zero(bad: dict[str, Path], tmp_path: Path) -> None:
    seed = SEEDS / f"{SEED_CAN}.txt"
    if not seed.exists():
        pytest.skip("../shared absent")
    good = tmp_path / "good.txt"
    shutil.copy(seed, good)
    files = [bad["empty-text"], good, bad["encrypted-pdf"], bad["truncated-pdf"]]
    run = subprocess.run(
        [sys.executable, "-m", "kg_builder", "parse", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert "25-103341" in run.stdout, "the good file after a bad one is still parsed"
    errors = [ln for ln in run.stderr.splitlines() if ln.startswith("error ")]
    assert len(errors) == 3
    assert all(any(str(f) in ln for f in files) for ln in errors)
    assert "1 parsed, 3 failed" in run.stderr
