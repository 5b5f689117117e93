"""``boamp-kg validate``: read, map and validate files one by one, and say how it went.

A bad file never stops the batch: it is reported in one line and the next file is read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console

from kg_builder.errors import InputError

CONFORMS, VIOLATIONS, UNUSABLE = 0, 1, 2
"""Exit statuses, as pySHACL's CLI: data conforms, data violates shapes, input unusable."""


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """How one file went: its status and the report text (or the error)."""

    path: Path
    status: int
    text: str


def validate_file(
    path: Path,
    *,
    engine: str = "fast",
    official: bool = False,
    pdf_engine: str = "pypdfium2",
    quarantine_dir: Path | None = None,
) -> FileOutcome:
    """Read, map and validate one notice file; quarantine it when it violates a shape.

    :param path: a notice file (PDF, text extract, eForms XML, BOAMP JSON)
    :param engine: validator of the project shapes (``pyshacl`` is the reference)
    :param official: also validate against OP-TED's ePO shapes (needs ``../shared``)
    :param pdf_engine: PDF text engine
    :param quarantine_dir: where a failing notice is kept, or ``None`` to keep nothing
    :return: the outcome; status 2 when the file cannot be read or mapped as a notice
    """
    from kg_builder.mapping import map_notice
    from kg_builder.readers import read_notice
    from kg_builder.validation.gate import quarantine, validate, validate_official

    try:
        mapped = map_notice(read_notice(path, pdf_engine=pdf_engine))
    except InputError as exc:
        return FileOutcome(path, UNUSABLE, str(exc))
    except ValueError as exc:  # a notice with nothing to name it by (see map_notice)
        return FileOutcome(path, UNUSABLE, f"{path}: {exc}")
    conforms, report, text = validate(mapped.graph, engine=engine)
    if official:
        official_conforms, official_report, official_text = validate_official(mapped.graph)
        conforms = conforms and official_conforms
        report = report + official_report
        text = f"{text}official ePO shapes: {official_text}"
    if not conforms and quarantine_dir is not None:
        quarantine(quarantine_dir, path, mapped.graph, report, text, graph_iri=mapped.iri)
    return FileOutcome(path, CONFORMS if conforms else VIOLATIONS, text)


def validate_report(
    files: Sequence[Path],
    *,
    engine: str,
    official: bool,
    pdf_engine: str,
    quarantine_dir: Path | None,
    out: Console,
    err: Console,
) -> int:
    """Validate each file and print its report; the batch goes on after a bad file.

    :return: exit status: 0 when every file conforms, 2 when any file was unusable, else 1
    """
    if official:
        from kg_builder.validation.shapes import ShapesUnavailableError, official_shapes

        try:
            official_shapes()
        except ShapesUnavailableError as exc:
            err.print(f"error: {exc}", highlight=False, markup=False)
            return UNUSABLE
    statuses = []
    for path in files:
        outcome = validate_file(
            path,
            engine=engine,
            official=official,
            pdf_engine=pdf_engine,
            quarantine_dir=quarantine_dir,
        )
        statuses.append(outcome.status)
        if outcome.status == UNUSABLE:
            err.print(f"error: {outcome.text}", highlight=False, markup=False)
        else:
            out.print(f"== {path}", highlight=False, markup=False)
            out.print(outcome.text, end="", highlight=False, markup=False)
    return max(statuses, default=CONFORMS)
