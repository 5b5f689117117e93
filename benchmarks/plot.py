"""Throughput and memory against corpus size, as one PNG (matplotlib, from the ``bench`` extra).

``python -m benchmarks.plot benchmarks/results/<date>.json`` redraws it from a result file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def plot(result: dict[str, Any], out: Path) -> Path:
    """Draw notices/s per core per stage and peak RSS against the number of notices.

    :param result: a result dict written by ``python -m benchmarks``
    :param out: the PNG to write
    :return: ``out``
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = sorted(result["sizes"], key=int)
    xs = [int(n) for n in sizes]
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.8))
    series = {
        "parse": lambda f: f["stages"]["parse"]["per_s"],
        "map": lambda f: f["stages"]["map"]["per_s"],
        "SHACL (fast)": lambda f: f["stages"]["shacl_fast"]["per_s"],
        "SHACL (pySHACL)": lambda f: f["stages"]["shacl_pyshacl"]["per_s"],
        "store write": lambda f: f["stages"]["store_write"]["per_s"],
        "text -> validated RDF": lambda f: f["stages"]["text_to_validated_rdf"]["per_s"],
        "build, 1 core": lambda f: f["build_1_core"]["notices_per_s"],
        "build, all cores (per core)": lambda f: f["build_all_cores"]["notices_per_s_per_core"],
    }
    for label, get in series.items():
        left.plot(xs, [_or_none(get, result["sizes"][n]) for n in sizes], marker="o", label=label)
    left.axhline(200, color="grey", linestyle="--", linewidth=0.8)
    left.text(xs[0], 210, "text target 200/s", fontsize=8, color="grey")
    left.set(
        xscale="log",
        yscale="log",
        xlabel="notices in corpus",
        ylabel="notices/s per core",
        title="Throughput per core",
    )
    left.legend(fontsize=7)
    memory = {
        "builder (all cores)": lambda f: f["build_all_cores"]["builder_peak_rss_mib"],
        "builder (1 core)": lambda f: f["build_1_core"]["builder_peak_rss_mib"],
        "boamp-kg server": lambda f: _server(f, "boamp-kg"),
        "oxigraph server": lambda f: _server(f, "oxigraph server"),
    }
    for label, get in memory.items():
        right.plot(xs, [_or_none(get, result["sizes"][n]) for n in sizes], marker="o", label=label)
    right.axhline(2048, color="grey", linestyle="--", linewidth=0.8)
    right.text(xs[0], 2100, "builder target 2 GiB", fontsize=8, color="grey")
    right.set(
        xscale="log", xlabel="notices in corpus", ylabel="peak RSS (MiB)", title="Peak memory"
    )
    right.legend(fontsize=7)
    machine = result["machine"]
    fig.suptitle(f"boamp-kg, {machine['cores']} cores, {result['date'][:10]}", fontsize=10)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


def _or_none(get: Any, figures: dict[str, Any]) -> float | None:
    """A figure, or ``None`` (a gap in the line) when that size did not measure it (the 100k
    run has no one-core build)."""
    try:
        return get(figures)  # type: ignore[no-any-return]
    except KeyError:
        return None


def _server(figures: dict[str, Any], name: str) -> float | None:
    for server in figures.get("endpoint", {}).get("servers", []):
        if server["server"] == name:
            return server.get("peak_rss_mib")  # type: ignore[no-any-return]
    return None


def main(argv: list[str] | None = None) -> int:
    path = Path((argv or sys.argv[1:])[0])
    print(plot(json.loads(path.read_text(encoding="utf-8")), path.with_suffix(".png")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
