"""The build pipeline: notice files in, one named graph per notice in the store.

Parse, map and validate are CPU work and run in a process pool; the store has ONE writer, this
process, so writes never race and each notice graph is one atomic :meth:`Store.replace_graph`.
Every file's SHA-256 is compared with the hashes already in the store *before* it is parsed, so
a re-run over the same corpus does nothing but hash ("unchanged"), and a run killed half-way
resumes where it stopped. A bad file costs one line in the report, never the batch; a store
that fails (full disk, unreachable server) stops the build with :class:`StoreError` after
everything written so far has been committed.

"Unchanged" means the same file bytes built by the same pipeline: every record keeps a
fingerprint of the code and shapes (:func:`pipeline_fingerprint`), and a re-run after an upgrade
rebuilds what an older pipeline made.

Mapping runs with ``built_at=None``: a notice graph depends only on its source file, so building
twice gives the same triples; the time of the write is kept in the store's META record.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import hashlib
import multiprocessing
import os
import re
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from rich.console import Console
from rich.progress import ProgressColumn, Task
from rich.text import Text

from kg_builder.errors import ConfigError, InputError
from kg_builder.model import Notice
from kg_builder.store.base import Store, StoredGraph

#: file suffixes a folder is searched for (recursively).
NOTICE_SUFFIXES = (".pdf", ".txt", ".md", ".xml", ".json")
_BOAMP_ID = re.compile(r"^\d{2}-\d+$")
_UUID_VERSION = re.compile(
    r"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:-\d+)?$", re.I
)


def lineage_key(reference: str | None) -> str | None:
    """The lineage a changed-notice reference points to: a BOAMP number as is, an eForms
    "UUID-version" as the mapping's ``uuid-<UUID>`` key (versions of one eForms notice share it).

    >>> lineage_key("26-16132"), lineage_key("83F00CF9-25a8-4f80-b64f-90274c981c97-01")
    ('26-16132', 'uuid-83f00cf9-25a8-4f80-b64f-90274c981c97')
    >>> lineage_key("see the notice of March") is None
    True
    """
    if not reference:
        return None
    reference = reference.strip()
    if _BOAMP_ID.match(reference):
        return reference
    match = _UUID_VERSION.match(reference)
    return f"uuid-{match.group(1).lower()}" if match else None


Status = Literal["ok", "quarantined", "failed"]


@dataclass(frozen=True, slots=True)
class Options:
    """What a worker needs besides the file (picklable: it crosses the process boundary)."""

    base_iri: str
    quarantine_dir: str
    pdf_engine: str = "pypdfium2"


@dataclass(frozen=True, slots=True)
class Outcome:
    """One file after parse, map and validate: a graph to store, or why not."""

    path: str
    sha256: str
    status: Status
    message: str = ""
    graph_iri: str = ""
    ntriples: str = ""
    shared_graph: str = ""
    shared_ntriples: str = ""
    triples: int = 0
    notice_iri: str | None = None
    notice_id: str | None = None
    version: str | None = None
    revises: str | None = None


@dataclass(slots=True)
class Summary:
    """What a build did; ``ok`` only when every file was stored or already there."""

    stored: int = 0
    unchanged: int = 0
    replaced: int = 0
    quarantined: int = 0
    failed: int = 0
    triples: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.quarantined == 0

    @property
    def notices_per_second(self) -> float:
        return (self.stored + self.replaced) / self.seconds if self.seconds else 0.0

    @property
    def triples_per_second(self) -> float:
        return self.triples / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        """One line for the end of a build.

        >>> Summary(stored=2, triples=10, seconds=2.0).line()
        'stored 2, unchanged 0, replaced 0, quarantined 0, failed 0; 10 triples in 2.0 s (1.0 notices/s, 5 triples/s)'
        """
        return (
            f"stored {self.stored}, unchanged {self.unchanged}, replaced {self.replaced}, "
            f"quarantined {self.quarantined}, failed {self.failed}; {self.triples} triples in "
            f"{self.seconds:.1f} s ({self.notices_per_second:.1f} notices/s, "
            f"{self.triples_per_second:.0f} triples/s)"
        )


def expand_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Files named, found in folders (recursively, by :data:`NOTICE_SUFFIXES`, ``README*`` left
    out) or matched by globs.

    :param inputs: files, folders or glob patterns, in any mix.
    :return: the distinct files, sorted, so a build visits a corpus in a stable order.
    :raises InputError: for an input that is none of these (the build cannot guess what was meant).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     for name in ("a.txt", "sub/b.pdf", "sub/c.csv", "sub/README.md"):
    ...         (Path(d) / name).parent.mkdir(exist_ok=True)
    ...         _ = (Path(d) / name).write_text("x")
    ...     [p.name for p in expand_inputs([d, Path(d) / "a.txt"])]
    ['a.txt', 'b.pdf']
    """
    found: set[Path] = set()
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            inside = [
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in NOTICE_SUFFIXES
                and not p.name.upper().startswith("README")  # a corpus folder's own notes
            ]
            if not inside:
                raise InputError(path, f"no notice files ({', '.join(NOTICE_SUFFIXES)}) in folder")
            found.update(inside)
        elif path.is_file():
            found.add(path)
        else:
            matches = [Path(m) for m in glob.glob(str(item), recursive=True)]
            files = [m for m in matches if m.is_file()]
            if not files:
                raise InputError(path, "no such file, folder or matching glob")
            found.update(files)
    return sorted(found, key=lambda p: str(p))


#: what decides a notice's graph besides its file: the readers, parser, model, mapping, the
#: SHACL gate and its shapes. Paths relative to the package's parent folder.
PIPELINE_SOURCES = (
    "kg_builder/__init__.py",
    "kg_builder/model.py",
    "kg_builder/identifiers.py",
    "kg_builder/parse",
    "kg_builder/readers",
    "kg_builder/mapping",
    "kg_builder/validation",
    "shapes",
)


def pipeline_fingerprint(root: Path | None = None) -> str:
    """A short hash of the code and shapes that turn a file into a graph.

    Recorded with every graph: after an upgrade (or any edit of the mapping or the shapes) the
    fingerprint changes and a re-run rebuilds every notice instead of calling it unchanged.

    :param root: the folder holding ``kg_builder/`` and ``shapes/`` (default: this checkout).
    :return: 16 hex digits.

    >>> len(pipeline_fingerprint()), pipeline_fingerprint() == pipeline_fingerprint()
    (16, True)
    """
    base = root or Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for entry in PIPELINE_SOURCES:
        path = base / entry
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            if f.is_file() and f.suffix in (".py", ".ttl", ".json"):
                digest.update(f.relative_to(base).as_posix().encode() + b"\0")
                digest.update(f.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def file_hash(path: Path) -> str:
    """SHA-256 of a file, read in blocks; empty string when it cannot be read (the worker reports why)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def process_file(path: str, sha256: str, options: Options) -> list[Outcome]:
    """Parse, map and validate one file (runs in a worker process).

    A file is one notice, except a BOAMP open-data export (JSON or JSON lines), which holds
    many: each becomes its own outcome, all recorded under the file's hash, so a re-run skips
    the whole export when it has not changed.

    :param path: the notice file.
    :param sha256: its hash, computed by the caller.
    :param options: base IRI, quarantine folder, PDF engine.
    :return: per notice, ``ok`` with the graph's N-Triples or ``quarantined`` (kept with its
        SHACL report); or one ``failed`` outcome with a one-line cause.
    :raises ConfigError: when the pipeline itself cannot run (no shapes): no file could pass.
    """
    from kg_builder.readers import read_notices

    try:
        notices = read_notices(path, pdf_engine=options.pdf_engine)
    except InputError as exc:
        return [Outcome(path, sha256, "failed", exc.cause)]
    except Exception as exc:  # a file must never stop the batch: report it, one line
        return [Outcome(path, sha256, "failed", f"{type(exc).__name__}: {exc}".splitlines()[0])]
    if len(notices) == 1:
        return [_process_notice(notices[0], path, sha256, options)]
    return [
        _process_notice(n, f"{path}#{n.metadata.boamp_id or i}", sha256, options)
        for i, n in enumerate(notices, start=1)
    ]


def _process_notice(notice: Notice, path: str, sha256: str, options: Options) -> Outcome:
    from kg_builder.mapping import map_notice, notice_key
    from kg_builder.model import NoticeKind
    from kg_builder.validation import quarantine, validate

    try:
        mapped = map_notice(notice, base_iri=options.base_iri, built_at=None)
        conforms, report, text = validate(mapped.triples)
    except ConfigError:
        raise
    except Exception as exc:  # a notice must never stop the batch: report it, one line
        return Outcome(path, sha256, "failed", f"{type(exc).__name__}: {exc}".splitlines()[0])
    if not conforms:
        quarantine(options.quarantine_dir, path, mapped.graph, report, text, graph_iri=mapped.iri)
        first = next((line for line in text.splitlines()[1:] if line.strip()), "does not conform")
        return Outcome(path, sha256, "quarantined", f"SHACL: {first.strip()}")
    changed = (
        notice.procedure.previous_notice if notice.metadata.kind == NoticeKind.CHANGE else None
    )
    return Outcome(
        path,
        sha256,
        "ok",
        graph_iri=mapped.iri,
        ntriples=mapped.own_ntriples(),
        shared_graph=mapped.shared_iri,
        shared_ntriples=mapped.shared_ntriples(),
        triples=len(mapped),
        notice_iri=mapped.notice_iri,
        notice_id=mapped.notice_id or notice_key(notice),  # eForms-only: uuid-<notice UUID>
        version=mapped.version,
        revises=lineage_key(changed),
    )


#: file -> its outcome(s): one per notice (a BOAMP export holds many); a bare Outcome is one.
FileOutcomes = Outcome | list[Outcome]
Processor = Callable[[str, str, Options], FileOutcomes]


def process_chunk(
    process: Processor, chunk: list[tuple[str, str]], options: Options
) -> list[FileOutcomes]:
    """Run ``process`` over a few files in one worker call (fewer round trips to the pool)."""
    return [process(path, sha, options) for path, sha in chunk]


def _outcomes(
    todo: list[tuple[Path, str]], options: Options, jobs: int, process: Processor
) -> Generator[FileOutcomes, None, None]:
    """Outcomes in input order; in this process for one job, else from a process pool.

    At most ``2 * jobs`` chunks are in flight: ``Executor.map`` would submit the whole corpus at
    once and, with a writer slower than the workers, hold every finished graph in memory.
    """
    if jobs == 1:
        for path, sha in todo:
            yield process(str(path), sha, options)
        return
    size = max(1, min(8, len(todo) // (jobs * 4)))
    chunks = [[(str(p), s) for p, s in todo[i : i + size]] for i in range(0, len(todo), size)]
    # forkserver, not fork: this process holds the store (RocksDB threads and locks), and a
    # fork copies them mid-flight; workers start from a clean server process instead.
    context = multiprocessing.get_context("forkserver")
    executor: Executor = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
    pending: deque[Future[list[FileOutcomes]]] = deque()
    try:
        for chunk in chunks:
            pending.append(executor.submit(process_chunk, process, chunk, options))
            if len(pending) >= 2 * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


Progress = Callable[[int, int], None]  # (done, total)


def build(
    inputs: Iterable[str | Path],
    store: Store,
    *,
    base_iri: str,
    quarantine_dir: str | Path,
    jobs: int = 0,
    pdf_engine: str = "pypdfium2",
    on_problem: Callable[[str], None] | None = None,
    on_progress: Progress | None = None,
    process: Processor = process_file,
    pipeline: str | None = None,
) -> Summary:
    """Build notice files into ``store``: one atomic named graph per notice, skip what is there.

    :param inputs: files, folders or globs (see :func:`expand_inputs`).
    :param store: an open, writable store.
    :param base_iri: base of every minted IRI.
    :param quarantine_dir: where notices that fail SHACL are kept with their report.
    :param jobs: worker processes (0 = all cores; 1 = no pool).
    :param pdf_engine: ``pypdfium2`` or ``pdfplumber``.
    :param on_problem: called with one line (``file: cause``) per failed or quarantined file.
    :param on_progress: called with (files done, files in total) after each file.
    :param process: file -> :class:`Outcome` (a module-level function, so a pool can pickle it);
        tests of the store mechanics pass one that reads prepared N-Triples.
    :param pipeline: the fingerprint to record and compare (default: :func:`pipeline_fingerprint`).
    :return: the :class:`Summary`.
    :raises StoreError: when the store fails; everything written before stays committed.
    :raises ConfigError: when the pipeline cannot run at all (e.g. no SHACL shapes).
    :raises InputError: when an input names nothing.
    """
    started = time.perf_counter()
    summary = Summary()
    files = expand_inputs(inputs)
    records = store.graph_records()
    stored_before = len(records)
    pipeline = pipeline or pipeline_fingerprint()
    known = {sha for r in records.values() if r.pipeline == pipeline for sha in r.hashes}
    written: dict[str, StoredGraph] = {}  # graphs written by this run
    todo: list[tuple[Path, str]] = []
    for path in files:
        sha = file_hash(path)
        if sha and sha in known:
            summary.unchanged += 1
            continue
        if sha:
            known.add(sha)  # the same bytes twice in one batch are built once
        todo.append((path, sha))
    done = summary.unchanged
    if on_progress:
        on_progress(done, len(files))
    options = Options(base_iri, str(quarantine_dir), pdf_engine)
    workers = jobs or os.cpu_count() or 1
    outcomes = _outcomes(todo, options, min(workers, max(1, len(todo))), process)
    with contextlib.closing(outcomes):  # a StoreError stops the pool at once
        for result in outcomes:
            for outcome in [result] if isinstance(result, Outcome) else result:
                if outcome.status == "ok":
                    _store(store, outcome, records, written, summary, pipeline)
                else:
                    summary.failed += outcome.status == "failed"
                    summary.quarantined += outcome.status == "quarantined"
                    line = f"{outcome.path}: {outcome.message}"
                    summary.problems.append(line)
                    if on_problem:
                        on_problem(line)
            done += 1
            if on_progress:
                on_progress(done, len(files))
    if summary.stored + summary.replaced >= max(1, stored_before // COMPACT_SHARE):
        store.optimize()
    summary.seconds = time.perf_counter() - started
    return summary


#: a run that writes at least 1/COMPACT_SHARE of the store's graphs compacts it at the end (a
#: first build always does; a daily run of a few notices leaves it to RocksDB's own compaction).
COMPACT_SHARE = 10


def _store(
    store: Store,
    outcome: Outcome,
    records: dict[str, StoredGraph],
    written: dict[str, StoredGraph],
    summary: Summary,
    pipeline: str,
) -> None:
    """Write one graph; a second file giving the same graph in this run (the PDF beside its
    text extract) replaces it, and the record keeps both hashes, so a re-run skips both."""
    earlier = written.get(outcome.graph_iri)
    record = StoredGraph(
        graph=outcome.graph_iri,
        content_hash=outcome.sha256,
        notice_id=outcome.notice_id,
        version=outcome.version,
        source_name=Path(outcome.path).name,
        stored_at=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        notice_iri=outcome.notice_iri,
        revises=outcome.revises,
        sibling_hashes=tuple(sorted(set(earlier.hashes) - {outcome.sha256})) if earlier else (),
        pipeline=pipeline,
    )
    shared = (outcome.shared_graph, outcome.shared_ntriples) if outcome.shared_graph else None
    store.replace_graph(outcome.graph_iri, outcome.ntriples, record, shared=shared)
    if outcome.graph_iri in records:
        summary.replaced += 1
    else:
        summary.stored += 1
    records[outcome.graph_iri] = written[outcome.graph_iri] = record
    summary.triples += outcome.triples


def run_build(
    inputs: list[Path],
    *,
    store: str | None,
    jobs: int | None,
    quarantine_dir: str | None,
    pdf_engine: str | None,
    err: Console,
) -> int:
    """The ``boamp-kg build`` command: settings, store, progress bar, summary, exit status.

    :return: 0 full success, 1 some files failed or were quarantined, 2 the store or the
        configuration failed (what was committed before stays), 130 interrupted (Ctrl-C).
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from kg_builder.errors import BoampKgError
    from kg_builder.settings import load_config
    from kg_builder.store import open_store

    try:
        config = load_config(
            store=store, jobs=jobs, quarantine=quarantine_dir, pdf_engine=pdf_engine
        )
        with (
            open_store(config.store, config=config) as target,
            Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                _RateColumn(),
                TimeElapsedColumn(),
                console=err,
                transient=True,
            ) as bar,
        ):
            task = bar.add_task("building", total=None)
            summary = build(
                inputs,
                target,
                base_iri=config.base_iri,
                quarantine_dir=config.quarantine,
                jobs=config.jobs,
                pdf_engine=config.pdf_engine,
                on_problem=lambda line: bar.console.print(f"[red]✗[/] {line}", highlight=False),
                on_progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
    except BoampKgError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        return 2
    except KeyboardInterrupt:
        err.print("interrupted: every notice stored so far is whole; run the same build to finish")
        return 130
    err.print(summary.line(), highlight=False)
    return 0 if summary.ok else 1


class _RateColumn(ProgressColumn):
    """Notices per second since the bar started."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:.1f} notices/s", style="progress.data.speed")
