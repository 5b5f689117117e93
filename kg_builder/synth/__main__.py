"""``python -m kg_builder.synth``: write the committed samples or a cached benchmark corpus.

python -m kg_builder.synth --samples data/samples
python -m kg_builder.synth --corpus 1000 --seed 0 --out data/corpus [--pdf] [--workers 2]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kg_builder.synth", description=__doc__.splitlines()[0]
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument(
        "--samples",
        type=Path,
        metavar="DIR",
        help="write the sample notices (text, PDF, README) into DIR",
    )
    what.add_argument(
        "--corpus",
        type=int,
        metavar="N",
        help="generate N notices (cached by N, seed, generator version)",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed of the corpus (default 0)")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("data/corpus"),
        help="corpus cache root (default data/corpus)",
    )
    parser.add_argument("--pdf", action="store_true", help="also render the corpus to PDF (slower)")
    parser.add_argument(
        "--workers", type=int, default=1, help="processes for PDF rendering (default 1)"
    )
    args = parser.parse_args(argv)
    if args.samples is not None:
        from kg_builder.synth.samples import write_samples

        written = write_samples(args.samples)
        print(f"wrote {len(written)} files to {args.samples}")
        return 0
    from kg_builder.synth.corpus import generate_corpus

    c = generate_corpus(args.corpus, args.seed, args.out, pdf=args.pdf, workers=args.workers)
    if c.cached:
        print(f"{c.path}: cached ({args.corpus} notices)")
    else:
        rate = (
            f"text {args.corpus / c.text_seconds:.0f} notices/s"
            if c.text_seconds
            else "text cached"
        )
        if c.pdf_seconds:
            rate += f", pdf {args.corpus / c.pdf_seconds:.1f} notices/s"
        print(f"{c.path}: {args.corpus} notices ({rate})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
