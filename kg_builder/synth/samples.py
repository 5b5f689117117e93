"""The committed sample notices (``data/samples/``): small, fictional, and chosen to cover the
cases the graph must get right across notices.

The set is drawn from the generator with a tiny organisation pool and the first attempt (in a
fixed order of seeds) that shows every case below is kept, so the samples are reproducible with
``make samples`` and never edited by hand:

* three contract notices and three award notices, at most four lots each, one with several lots;
* a buyer that publishes more than one notice, a company that wins more than once;
* an award notice that closes one of the contract notices (its "Avis précédent");
* a winner whose registration number fails the Luhn check, and a mediation committee with the
  placeholder ``0000000000000000``;
* award criteria both as percentages and as "Valeur fixe (total)";
* a second version (``02``) of the first contract notice.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

from kg_builder.identifiers import Scheme
from kg_builder.model import Notice, NoticeKind, Role, WeightKind
from kg_builder.synth.generator import NoticeFactory
from kg_builder.synth.organisations import PLACEHOLDER, build_pool
from kg_builder.synth.render_text import render_text

KINDS = (NoticeKind.COMPETITION,) * 3 + (NoticeKind.RESULT,) * 3
LOTS = (3, 1, 2, None, None, None)
MAX_LOTS = 4


def _attempt(k: int) -> list[Notice]:
    rng = random.Random(f"samples-{k}")
    factory = NoticeFactory(rng, build_pool(rng, buyers=2, companies=3))
    notices = [
        factory.notice(90001 + i, kind, lots=lots)
        for i, (kind, lots) in enumerate(zip(KINDS, LOTS, strict=True))
    ]
    notices.append(factory.revision(notices[0]))
    return notices


def covers_every_case(notices: list[Notice]) -> bool:
    """Whether a candidate sample set shows each case listed in the module docstring."""
    first = notices[:6]
    orgs = [o for n in first for o in n.organisations]
    buyers = Counter(
        o.registration.normalised for o in orgs if Role.BUYER in o.roles and o.registration
    )
    winners = Counter(
        w.party.name for n in first if n.results for lr in n.results.lot_results for w in lr.winners
    )
    kinds = {c.weight_kind for n in first for lot in n.lots for c in lot.award_criteria}
    ids = {f"{n.metadata.notice_id}-{n.metadata.version}" for n in first}
    bad_winner = any(
        o.registration
        and o.registration.scheme is Scheme.OTHER
        and o.registration.normalised != PLACEHOLDER
        and o.winner_of_lots
        for o in orgs
    )
    return (
        all(1 <= len(n.lots) <= MAX_LOTS for n in first)
        and max(buyers.values()) >= 2
        and max(winners.values(), default=0) >= 2
        and any(n.procedure.previous_notice in ids for n in first)
        and bad_winner
        and any(o.registration and o.registration.normalised == PLACEHOLDER for o in orgs)
        and {WeightKind.FIXED_TOTAL, WeightKind.PERCENT_EXACT} <= kinds
    )


def sample_notices() -> list[Notice]:
    """The sample set: the first generated set (in a fixed order of seeds) that covers every case.

    :return: seven notices: 3 contract notices, 3 award notices, version 02 of the first

    >>> [n.metadata.version for n in sample_notices()]
    ['01', '01', '01', '01', '01', '01', '02']
    """
    for k in range(10_000):
        notices = _attempt(k)
        if covers_every_case(notices):
            return notices
    raise RuntimeError("no sample set covers every case: the generator changed, widen the search")


def sample_name(n: Notice) -> str:
    """
    >>> sample_name(sample_notices()[-1])
    '26-90001_v02'
    """
    return f"{n.metadata.boamp_id}_v{n.metadata.version}"


def _describe(n: Notice, names: dict[str, str]) -> str:
    buyer = next((o.name for o in n.organisations if Role.BUYER in o.roles), "?")
    what = "avis de marché" if n.metadata.kind is NoticeKind.COMPETITION else "avis d'attribution"
    parts = [f"{what}, {len(n.lots)} lot(s), acheteur {buyer}"]
    if n.results:
        winners = sorted({w.party.name for lr in n.results.lot_results for w in lr.winners})
        parts.append("lauréat(s) " + ", ".join(winners) if winners else "aucun lauréat")
    if n.procedure.previous_notice:
        previous = names.get(n.procedure.previous_notice)
        parts.append(
            f"clôt `{previous}`" if previous else f"avis précédent {n.procedure.previous_notice}"
        )
    for o in n.organisations:
        reg = o.registration
        if reg and reg.normalised == PLACEHOLDER:
            parts.append(f"médiateur au numéro fictif {PLACEHOLDER}")
        elif reg and reg.scheme is Scheme.OTHER:
            parts.append(f"SIRET invalide (Luhn) pour {o.name}")
    styles = {c.weight_kind for lot in n.lots for c in lot.award_criteria}
    if WeightKind.FIXED_TOTAL in styles:
        parts.append("critères en « Valeur fixe (total) »")
    if n.metadata.version != "01":
        parts.append("nouvelle version (report de la date limite)")
    return "; ".join(parts)


def readme(notices: list[Notice]) -> str:
    names = {f"{n.metadata.notice_id}-{n.metadata.version}": sample_name(n) for n in notices}
    rows = "\n".join(
        f"| `{sample_name(n)}.txt` / `.pdf` | {_describe(n, names)} |" for n in notices
    )
    return f"""# Sample notices (generated)

Every file here is **generated** by `make samples` (`python -m kg_builder.synth --samples
data/samples`, code in `kg_builder/synth/`): fictional buyers and companies with checksum-valid
SIRETs, real CPV and NUTS codes, in the BOAMP eForms-era layout of the seed notices (text
extract with its Markdown quirks, and an A4 PDF with page headers and footers). Do not edit
them by hand; change the generator and run `make samples` again. A test checks that the
committed files are what the generator writes.

What the set covers across notices: a buyer that publishes several notices, a company that wins
more than once, an award notice that closes one of the contract notices, a winner whose SIRET
fails the Luhn check, a mediation committee with the placeholder number 0000000000000000, award
criteria as percentages and as "Valeur fixe (total)", and a version 02 of the first notice.

| files | what |
|---|---|
{rows}
"""


def write_samples(out_dir: Path | str, *, pdf: bool = True) -> list[Path]:
    """Write the sample set (text, PDF and README) into ``out_dir``, removing older samples.

    :param out_dir: usually ``data/samples``
    :param pdf: also write the PDFs
    :return: the files written
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    notices = sample_notices()
    keep = {sample_name(n) for n in notices}
    for stale in [*out.glob("??-*_v??.txt"), *out.glob("??-*_v??.pdf")]:
        if stale.stem not in keep:  # a sample of an older generator version
            stale.unlink()
    written = []
    for n in notices:
        text = render_text(n)
        path = out / f"{sample_name(n)}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
        if pdf:
            from kg_builder.synth.render_pdf import render_pdf

            pdf_path = out / f"{sample_name(n)}.pdf"
            render_pdf(text, pdf_path, boamp_id=n.metadata.boamp_id)
            written.append(pdf_path)
    (out / "README.md").write_text(readme(notices), encoding="utf-8")
    written.append(out / "README.md")
    return written
