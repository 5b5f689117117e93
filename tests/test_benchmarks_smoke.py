"""The benchmark command runs end to end and writes a result file that says what it measured.

A smoke run only (20 notices, no servers): benchmarks are not tests, so no figure is checked
against a time; what is checked is that every section and every target verdict is there.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SECTIONS = {"stages", "build_1_core", "build_all_cores", "load_replace_graph", "load_bulk"}
STATUSES = {"met", "NOT met", "not run"}
COMMAND = [sys.executable, "-m", "benchmarks", "--quick", "--sizes", "20", "--no-endpoint"]


def test_quick_run_writes_a_complete_result(tmp_path: Path) -> None:
    run = subprocess.run(
        [*COMMAND, "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    [written] = tmp_path.glob("*.json")
    result = json.loads(written.read_text(encoding="utf-8"))
    assert result["machine"]["cores"] >= 1 and len(result["load_average_end"]) == 3
    figures = result["sizes"]["20"]
    assert set(figures) >= SECTIONS
    assert figures["build_all_cores"]["notices"] == 20
    assert figures["build_all_cores"]["builder_peak_rss_mib"] > 0
    assert {t["status"] for t in result["targets"]} <= STATUSES
    assert "targets" in run.stdout
