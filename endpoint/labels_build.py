"""Extract ePO's English labels of classes and properties into ``endpoint/epo_labels.json``.

Run at build time, by hand, when the ePO version changes (``python -m endpoint.labels_build``).
The endpoint reads only the small committed JSON, so it never depends on ``../shared`` (or on
parsing 700 kB of Turtle) at run time.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import rdflib
from rdflib.namespace import RDFS, SKOS

EPO_DIR = Path(__file__).resolve().parents[2] / "shared" / "reference" / "epo"
OUTPUT = Path(__file__).resolve().parent / "epo_labels.json"
FILES = ("ePO_core.ttl", "eNotice.ttl")


def extract(epo_dir: Path) -> dict[str, dict[str, str]]:
    """Map every labelled ePO term IRI to ``{lang: label}`` (skos:prefLabel first, then rdfs:label).

    :param epo_dir: the folder holding ``ePO_core.ttl`` and ``eNotice.ttl``.
    :return: labels by term IRI, sorted for a stable diff.
    """
    graph = rdflib.Graph()
    for name in FILES:
        graph.parse(epo_dir / name, format="turtle")
    labels: dict[str, dict[str, str]] = {}
    for prop in (RDFS.label, SKOS.prefLabel):  # prefLabel last, so it wins
        for term, label in graph.subject_objects(prop):
            if isinstance(term, rdflib.URIRef) and isinstance(label, rdflib.Literal):
                labels.setdefault(str(term), {})[label.language or "en"] = str(label)
    return dict(sorted(labels.items()))


def main(argv: list[str]) -> int:
    epo_dir = Path(argv[0]) if argv else EPO_DIR
    labels = extract(epo_dir)
    lines = (f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in labels.items())
    OUTPUT.write_text("{\n" + ",\n".join(lines) + "\n}\n", "utf-8")
    print(f"{len(labels)} labels -> {OUTPUT}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
