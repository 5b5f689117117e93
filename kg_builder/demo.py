"""``boamp-kg demo``: the whole product in one command, on the project's own sample notices.

Builds ``data/samples/*.pdf`` (the format BOAMP publishes; their text twins give the same
graphs) into the configured store, writes the dumps the server publishes under ``/dumps/``,
then serves the endpoint. Re-running is cheap: unchanged files are skipped by content hash.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from kg_builder.settings import Config

SAMPLES = Path("data/samples")


def run_demo(
    config: Config, *, samples: Path = SAMPLES, serve: bool = True, out: Console, err: Console
) -> int:
    """Build the samples, dump them, then serve until interrupted.

    :param config: settings (store, dumps folder, host, port, ...)
    :param samples: the folder of sample notices
    :param serve: start the endpoint at the end (tests pass ``False``)
    :return: exit status: 0 success, else the failing step's status
    """
    from endpoint.serve import run_serve
    from kg_builder.build import run_build
    from kg_builder.dump import run_dump

    pdfs = sorted(samples.glob("*.pdf"))
    if not pdfs:
        err.print(f"error: no sample notices in {samples} (run `make samples`)", highlight=False)
        return 2
    status = run_build(
        pdfs, store=config.store, jobs=None, quarantine_dir=None, pdf_engine=None, err=err
    )
    if status > 1:  # the store is unusable; a quarantined sample (1) still leaves a graph to serve
        return status
    status = run_dump(store=config.store, output=Path(config.dumps), out=out, err=err)
    if status != 0 or not serve:
        return status
    url = f"http://{config.host}:{config.port}"
    out.print(
        f"\n[bold]boamp-kg demo[/bold]: {len(pdfs)} sample notices in {config.store}\n"
        f"  query page     {url}/\n  SPARQL         {url}/sparql\n"
        f"  a buyer        {url}/search?q=Territoires\n  dumps          {url}/dumps/\n"
        f"  VoID           {url}/.well-known/void\n"
    )
    return run_serve(config)
