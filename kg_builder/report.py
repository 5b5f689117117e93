"""What ``boamp-kg parse`` prints: the model as JSON, or a one-screen summary per notice."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from kg_builder.errors import InputError
from kg_builder.jsonio import notice_to_json
from kg_builder.model import Notice
from kg_builder.readers import read_notice


def summary_table(notice: Notice) -> Table:
    md, p = notice.metadata, notice.procedure
    table = Table(
        title=f"{notice.source.name if notice.source else ''}  {md.heading or ''}",
        show_header=False,
    )
    rows = [
        ("notice", f"{md.boamp_id} ({md.notice_id} v{md.version}, {md.kind})"),
        ("dispatched", str(md.dispatch)),
        ("procedure", f"{p.id} {p.procedure_type or ''}: {p.title or ''}"),
        ("CPV", ", ".join(c.code for c in ([p.main_cpv] if p.main_cpv else []) + p.additional_cpv)),
        ("lots", ", ".join(lot.id for lot in notice.lots)),
        (
            "organisations",
            "; ".join(
                f"{o.tech_id} {o.name} [{o.registration.normalised if o.registration else '-'}"
                f"{'' if o.registration is None or o.registration.is_valid else ' invalid'}]"
                for o in notice.organisations
            ),
        ),
        (
            "winners",
            ", ".join(
                w.party.name
                for r in (notice.results.lot_results if notice.results else [])
                for w in r.winners
            ),
        ),
        ("unmapped", str(len(notice.unmapped))),
    ]
    for k, v in rows:
        table.add_row(k, v)
    return table


def parse_report(
    files: Sequence[Path], *, as_json: bool, pdf_engine: str, out: Console, err: Console
) -> int:
    """Parse each file, print it, report failures one line each; 0 only if all parsed.

    :return: exit status (0 all parsed, 2 when any file could not be read as a notice)
    """
    failed = 0
    unmapped: dict[str, int] = {}
    for path in files:
        try:
            notice = read_notice(path, pdf_engine=pdf_engine)
        except InputError as exc:
            failed += 1
            err.print(f"[red]error[/red] {exc}", highlight=False)
            continue
        if as_json:
            out.print_json(notice_to_json(notice)) if out.is_terminal else print(
                notice_to_json(notice)
            )
        else:
            out.print(summary_table(notice))
        for u in notice.unmapped:
            unmapped[u.label] = unmapped.get(u.label, 0) + 1
    if unmapped:
        err.print(
            "unmapped labels: " + ", ".join(f"{k} ({v})" for k, v in sorted(unmapped.items())),
            highlight=False,
        )
    if len(files) > 1 or failed:
        err.print(f"{len(files) - failed} parsed, {failed} failed", highlight=False)
    return 2 if failed else 0
