"""The limited worker of :mod:`tests.fuzz.harness`: one path per stdin line, one JSON per answer.

Run as ``python -m tests.fuzz.worker ENGINE STAGE``; it is started by the harness under
``RLIMIT_AS``/``RLIMIT_CPU`` and never meant to be run by hand.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path


def _answer(path: Path, engine: str, stage: str) -> dict[str, object]:
    from kg_builder.errors import InputError
    from kg_builder.readers import read_notice

    try:
        notice = read_notice(path, pdf_engine=engine)
        if stage == "map":
            from kg_builder.mapping import map_notice

            graph = map_notice(notice)
            return {"kind": "ok", "detail": f"{len(graph.graph)} triples"}
        return {"kind": "ok", "detail": f"{len(notice.lots)} lots"}
    except InputError as exc:
        return {"kind": "input-error", "detail": str(exc)}
    except MemoryError:
        return {"kind": "memory", "detail": "MemoryError"}
    except RecursionError as exc:
        return {"kind": "unexpected", "detail": f"RecursionError: {exc}"}
    except Exception as exc:  # the point of the suite: any other type is a finding
        return {"kind": "unexpected", "detail": f"{type(exc).__name__}: {exc}"[:500]}


def main() -> None:
    engine, stage = sys.argv[1], sys.argv[2]
    for line in sys.stdin:
        answer = _answer(Path(line.rstrip("\n")), engine, stage)
        answer["rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
