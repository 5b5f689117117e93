"""The printed table and the met/not-met verdict of each target, from a result dict.

Kept apart from the measuring code so the verdicts can be recomputed from any committed
result file: ``python -m benchmarks.report benchmarks/results/<date>.json``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

HOUR = 3600.0
GIB_MIB = 1024.0


def _verdict(
    name: str, value: float | None, target: str, met: bool | None, note: str = ""
) -> dict[str, Any]:
    status = "not run" if met is None else ("met" if met else "NOT met")
    return {"target": name, "value": value, "goal": target, "status": status, "note": note}


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of issue 9 with the measured value and met / NOT met / not run.

    Figures come from the largest corpus measured (the endpoint ones from the largest corpus
    where that server ran).
    """
    sizes = result["sizes"]
    largest = sizes[max(sizes, key=int)]
    out = []
    pdf = result["pdf"]["pdf_to_validated_rdf"]["per_s"]
    out.append(
        _verdict(
            "PDF -> validated RDF, notices/s per core",
            pdf,
            ">= 20",
            pdf >= 20,
            f"{pdf / 20:.2f}x the target",
        )
    )
    st = largest["stages"]
    chain = 1 / sum(1 / st[s]["per_s"] for s in ("parse", "map", "serialise"))
    out.append(
        _verdict(
            "text -> RDF (parse, map, serialise), notices/s per core",
            round(chain, 1),
            ">= 200",
            chain >= 200,
            f"{chain / 200:.2f}x the target; from the stage rates",
        )
    )
    text = st["text_to_validated_rdf"]["per_s"]
    out.append(
        _verdict(
            "text -> validated RDF (the worker's whole chain), notices/s per core",
            text,
            ">= 200 (if the target means validated)",
            text >= 200,
            f"{text / 200:.2f}x the target",
        )
    )
    if "100000" in sizes:
        build = sizes["100000"]["build_all_cores"]
        ok = build["seconds"] < HOUR and build["builder_peak_rss_mib"] < 2 * GIB_MIB
        out.append(
            _verdict(
                "100,000 notices on all cores: seconds (builder RSS MiB)",
                build["seconds"],
                "< 3600 s, RSS < 2048 MiB",
                ok,
                f"builder peak {build['builder_peak_rss_mib']} MiB",
            )
        )
    else:
        build = largest["build_all_cores"]
        hours = 100_000 / build["notices_per_s"] / HOUR
        out.append(
            _verdict(
                "100,000 notices on all cores",
                None,
                "< 3600 s, RSS < 2048 MiB",
                None,
                f"100k not run; linear projection from {largest['notices']} notices "
                f"(NOT a measurement): {hours:.2f} h",
            )
        )
    with_endpoint = [s for s in sizes.values() if "endpoint" in s]
    if with_endpoint:
        ep = with_endpoint[-1]["endpoint"]
        ratios = ep["ratios"]
        worst = max(v for k, v in ratios.items() if k.startswith("p50_vs_oxigraph_server"))
        out.append(
            _verdict(
                f"endpoint p50 / oxigraph server, worst query ({ep['triples']} triples)",
                worst,
                "<= 1.5",
                worst <= 1.5,
            )
        )
        tput = ratios.get("throughput_vs_oxigraph_server[8 clients]")
        out.append(
            _verdict(
                "endpoint throughput / oxigraph server, 8 clients",
                tput,
                ">= 0.7",
                None if tput is None else tput >= 0.7,
            )
        )
        with_rdflib = [
            s["endpoint"]
            for s in with_endpoint
            if any(k.startswith("speedup_vs_rdflib") for k in s["endpoint"]["ratios"])
        ]
        if with_rdflib:
            speed = min(
                v for k, v in with_rdflib[-1]["ratios"].items() if k.startswith("speedup_vs_rdflib")
            )
            out.append(
                _verdict(
                    f"aggregates: times faster than rdflib-endpoint, slowest ({with_rdflib[-1]['triples']} triples)",
                    speed,
                    ">= 30",
                    speed >= 30,
                )
            )
        page = ep["servers"][1].get("page", {}).get("p95_ms")
        reached = ep["triples"] >= 10_000_000
        out.append(
            _verdict(
                f"IRI-lookup page p95 ms at {ep['triples']} triples",
                page,
                "< 50 at 10M triples",
                (page is not None and page < 50) if reached else None,
                "" if reached else "10M triples not reached this run; figure at the size shown",
            )
        )
    return out


def print_table(result: dict[str, Any]) -> None:
    """The figures as plain-text tables (notices/s per core unless said)."""
    stages = [
        "parse",
        "map",
        "serialise",
        "shacl_fast",
        "shacl_pyshacl",
        "store_write",
        "text_to_validated_rdf",
    ]
    print(
        f"\nmachine: {result['machine']['cores']} cores, {result['machine']['cpu_model']}, "
        f"{result['machine']['memory_gib']} GiB, load {result['load_average_start']} -> {result.get('load_average_end', 'not recorded')}"
    )
    pdf = result["pdf"]
    print(
        f"PDF ({pdf['sample']} notices), notices/s on one core: "
        + ", ".join(f"{k} {v['per_s']}" for k, v in pdf.items() if isinstance(v, dict))
    )
    header = (
        f"{'notices':>8} "
        + " ".join(f"{s[:12]:>12}" for s in stages)
        + f" {'build 1 core':>13} {'build/core all':>14} {'builder MiB':>11}"
    )
    print("\nnotices/s per core\n" + header + "\n" + "-" * len(header))
    for n, f in result["sizes"].items():
        print(
            f"{n:>8} "
            + " ".join(f"{f['stages'][s]['per_s']:12.1f}" for s in stages)
            + f" {f.get('build_1_core', {}).get('notices_per_s', float('nan')):13.1f}"
            + f" {f['build_all_cores']['notices_per_s_per_core']:14.1f}"
            + f" {f['build_all_cores']['builder_peak_rss_mib']:11.0f}"
        )
    print(
        f"\n{'notices':>8} {'triples':>10} {'replace_graph t/s':>18} {'bulk_load t/s':>14} {'ratio':>6} {'MiB/Mtriple':>12} {'bulk MiB/Mt':>12}"
    )
    for n, f in result["sizes"].items():
        r, b = f.get("load_replace_graph"), f.get("load_bulk")
        if r is None or b is None:
            print(f"{n:>8} not measured at this size")
            continue
        print(
            f"{n:>8} {r['triples']:>10} {r['triples_per_s']:>18} {b['triples_per_s']:>14} {f['load_ratio_vs_bulk_load']:>6.2f} "
            f"{r['mib_per_million_triples']:>12} {b['mib_per_million_triples']:>12}"
        )
    for n, f in result["sizes"].items():
        if "endpoint" not in f:
            continue
        ep = f["endpoint"]
        labels = list(ep["queries"])
        print(
            f"\nendpoint, {n} notices ({ep['triples']} triples): p50 ms per query; lookups/s by clients; peak RSS MiB"
        )
        print(
            f"{'server':24} "
            + " ".join(f"{q[:14]:>14}" for q in labels)
            + f" {'lookups/s':>20} {'RSS':>7}"
        )
        for s in ep["servers"]:
            rates = "/".join(f"{v:.0f}" for v in s.get("lookups_per_s", {}).values()) or "-"
            print(
                f"{s['server']:24} "
                + " ".join(f"{s['p50_ms'][q]:14.2f}" for q in labels)
                + f" {rates:>20} {s.get('peak_rss_mib') or '-':>7}"
            )
        for key, value in ep["ratios"].items():
            print(f"  {key:50} {value}")
        for label, same in ep.get("answers_agree", {}).items():
            print(f"  same answer on every server [{label}]: {same}")
    print("\ntargets")
    for t in result["targets"]:
        value = "-" if t["value"] is None else t["value"]
        print(f"  {t['status']:8} {t['target']}: {value} (goal {t['goal']}) {t['note']}")


def main(argv: list[str] | None = None) -> int:
    path = Path((argv or sys.argv[1:])[0])
    result = json.loads(path.read_text(encoding="utf-8"))
    result["targets"] = targets(result)
    print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
