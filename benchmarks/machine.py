"""The machine a benchmark ran on: figures mean nothing without cores, memory, load and versions.

Read from ``/proc`` (Linux) and package metadata only, so describing the machine costs nothing
and needs no extra dependency.
"""

from __future__ import annotations

import os
import platform
import resource
import subprocess
import sys
from importlib import metadata
from pathlib import Path

#: the libraries whose version moves the figures.
LIBRARIES = (
    "pyoxigraph",
    "oxigraph",
    "rdflib",
    "pyshacl",
    "pyshacl-turbo",
    "pypdfium2",
    "pdfplumber",
    "fastapi",
    "uvicorn",
    "httpx",
    "rdflib-endpoint",
    "reportlab",
)


def cpu_model() -> str:
    """The CPU's model name from ``/proc/cpuinfo`` (``platform.processor()`` is often empty)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_gib() -> float:
    """Total memory in GiB (``MemTotal``), 0.0 when ``/proc/meminfo`` is missing."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    return 0.0


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages: on a shared machine, how busy it was.

    >>> len(load_average())
    3
    """
    return [round(x, 2) for x in os.getloadavg()]


def library_versions() -> dict[str, str]:
    """Installed version of each of :data:`LIBRARIES` (``"absent"`` when not installed)."""
    versions = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


def describe() -> dict[str, object]:
    """Everything recorded about the machine in a result file.

    :return: cores, CPU model, memory, OS, Python, library versions, load average now.

    >>> sorted(describe())[:3]
    ['cores', 'cpu_model', 'libraries']
    """
    return {
        "cores": os.cpu_count() or 1,
        "cpu_model": cpu_model(),
        "memory_gib": memory_gib(),
        "os": f"{platform.system()} {platform.release()}",
        "python": sys.version.split()[0],
        "libraries": library_versions(),
        "load_average": load_average(),
        "code": code_version(),
    }


def code_version() -> dict[str, object]:
    """The commit measured, and whether the tree had changes: a run imports the working tree,
    so editing it during a run measures a mix (run from a ``git worktree`` to keep working)."""
    root = Path(__file__).resolve().parents[1]

    def git(*args: str) -> str:
        try:
            out = subprocess.run(
                ["git", *args], cwd=root, capture_output=True, text=True, check=True, timeout=10
            )
        except (OSError, subprocess.SubprocessError):
            return ""
        return out.stdout.strip()

    return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain", "-uno"))}


def peak_rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size of this process (or of its waited-for children) in MiB.

    ``ru_maxrss`` is in KiB on Linux. For ``RUSAGE_CHILDREN`` it is the largest single child,
    not a sum.
    """
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def tree_peak_rss_mib(pid: int) -> float:
    """Sum of the peak RSS (``VmHWM``) of a running process and all its descendants, in MiB.

    Used for servers, which are measured while they still run (``getrusage`` only sees children
    after they are reaped). A sum of peaks overstates a little when the peaks were not
    simultaneous; it never understates.
    """
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return round(total / 1024, 1)


def find_process(needle: str) -> int | None:
    """The oldest process whose command line contains ``needle`` (e.g. a server's port)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if needle in text and str(os.getpid()) != cmdline.parent.name:
            found.append(int(cmdline.parent.name))
    return min(found) if found else None
