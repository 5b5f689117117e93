"""Read files in a worker process under hard limits, and classify what happened to each.

The limits are the suite's bounds, enforced by the kernel rather than measured by the test:
``RLIMIT_AS`` caps the worker's address space, ``RLIMIT_CPU`` its total CPU, and the parent
kills the worker when one file takes longer than the wall-clock bound. A file that trips a
limit is an outcome (``memory``, ``timeout``, ``killed``) the suite then asserts never
happens; the worker is restarted and the run goes on with the next file.

One worker reads many files (starting Python with PDFium costs ~0.3 s, reading a file ~5 ms),
so a few hundred files fit in a few seconds.
"""

from __future__ import annotations

import json
import os
import resource
import select
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-file bounds: wall seconds per file, worker address space and CPU seconds."""

    seconds: float = 20.0
    memory: int = 1536 * 1024 * 1024
    cpu: int = 600


@dataclass(frozen=True, slots=True)
class Outcome:
    """What reading one file gave.

    ``kind`` is ``ok`` (a notice), ``input-error`` (the one error a bad file may raise),
    ``unexpected`` (any other exception: a bug), ``memory`` (MemoryError or the worker died
    of the address-space cap), ``timeout`` or ``killed`` (the worker died otherwise).
    """

    path: str
    kind: str
    detail: str
    seconds: float
    peak_rss: int = 0  # worker's peak resident set so far, bytes


def _limit(limits: Limits) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory, limits.memory))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu, limits.cpu))


class _Worker:
    def __init__(self, engine: str, limits: Limits, stage: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.fuzz.worker", engine, stage],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=ROOT,
            preexec_fn=lambda: _limit(limits),
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )

    def ask(self, path: Path, seconds: float) -> dict[str, object] | None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        try:
            self.proc.stdin.write(str(path).encode() + b"\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            return None
        ready, _, _ = select.select([self.proc.stdout], [], [], seconds)
        if not ready:
            return {"kind": "timeout", "detail": f"no answer within {seconds} s"}
        line = self.proc.stdout.readline()
        return json.loads(line) if line else None

    def close(self) -> int:
        if self.proc.poll() is None:
            self.proc.kill()
        return self.proc.wait()


def read_bounded(
    paths: Iterable[Path],
    *,
    engine: str = "pypdfium2",
    limits: Limits = Limits(),
    stage: str = "read",
) -> list[Outcome]:
    """Read each file in a limited worker; never raises for a file, whatever it holds.

    :param paths: the files
    :param engine: the PDF engine (``pypdfium2`` or ``pdfplumber``)
    :param limits: the bounds the kernel enforces
    :param stage: ``read`` (model only) or ``map`` (model, then the notice's RDF graph)
    :return: one :class:`Outcome` per file, in order
    """
    outcomes = []
    worker: _Worker | None = None
    for path in paths:
        if worker is None:
            worker = _Worker(engine, limits, stage)
        start = time.monotonic()
        answer = worker.ask(path, limits.seconds)
        elapsed = time.monotonic() - start
        if answer is None or answer["kind"] == "timeout":
            code = worker.close()
            worker = None
            kind = "timeout" if answer else ("memory" if code in (-6, -9, 1) else "killed")
            detail = str(answer["detail"]) if answer else f"worker exited with {code}"
            outcomes.append(Outcome(str(path), kind, detail, elapsed))
            continue
        outcomes.append(
            Outcome(
                str(path),
                str(answer["kind"]),
                str(answer["detail"]),
                elapsed,
                int(str(answer.get("rss", 0))),
            )
        )
        if answer["kind"] == "memory":  # the heap may be in a poor state after MemoryError
            worker.close()
            worker = None
    if worker is not None:
        worker.close()
    return outcomes
