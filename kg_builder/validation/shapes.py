"""Where the shapes come from, loaded once per process.

Parsing and harvesting a shapes graph costs more than validating one notice, so each shapes
graph is parsed once (``functools.cache``) and shared by every validation in the process.

Two sets of shapes:

* the project's data contract, ``shapes/*.ttl`` at the project root (one file per concern);
* OP-TED's official ePO 4.2 shapes (``ePO_core_shapes.ttl`` + ``eNotice_shapes.ttl``) with the
  ePO ontology (``ePO_core.ttl`` + ``eNotice.ttl``) as the ontology graph. They are EUPL 1.2 and
  *not* shipped with boamp-kg: they are read from ``../shared/reference/epo`` (or the folder
  named by ``BOAMP_KG_EPO_DIR``), and their absence is a clear :class:`ShapesUnavailableError`.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from rdflib import Graph

from kg_builder.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SHAPES_DIR = PROJECT_ROOT / "shapes"
"""The project's shapes: every ``*.ttl`` file in this folder is part of the contract."""

DEFAULT_EPO_DIR = PROJECT_ROOT.parent / "shared" / "reference" / "epo"
OFFICIAL_SHAPES = ("ePO_core_shapes.ttl", "eNotice_shapes.ttl")
OFFICIAL_ONTOLOGY = ("ePO_core.ttl", "eNotice.ttl")

SHAPES_NS = "https://data.boamp-kg.example/shapes#"
"""Namespace of the project's shapes (prefix ``bks:``): every shape has an IRI there, so a
report's ``sh:sourceShape`` names the rule that failed."""


class ShapesUnavailableError(ConfigError):
    """The shapes (or the official ePO files) are not where they should be."""


def shape_files(folder: Path = SHAPES_DIR) -> tuple[Path, ...]:
    """The Turtle files of the project's shapes, sorted by name.

    :param folder: where the shapes live
    :return: the ``*.ttl`` paths
    :raises ShapesUnavailableError: when the folder holds no shapes

    >>> [p.name for p in shape_files()][:1]
    ['award-criteria.ttl']
    """
    files = tuple(sorted(folder.glob("*.ttl")))
    if not files:
        raise ShapesUnavailableError(f"no shapes (*.ttl) in {folder}")
    return files


def _parse_all(paths: tuple[Path, ...]) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


@cache
def project_shapes(folder: Path = SHAPES_DIR) -> Graph:
    """The project's shapes as one graph, parsed once per process.

    :param folder: where the shapes live (default: ``shapes/`` at the project root)
    :return: the union of every ``*.ttl`` file there; do not modify it

    >>> len(project_shapes()) > 100
    True
    """
    return _parse_all(shape_files(folder))


def epo_dir() -> Path:
    """The folder holding OP-TED's ePO files: ``$BOAMP_KG_EPO_DIR`` or ``../shared/reference/epo``."""
    return Path(os.environ.get("BOAMP_KG_EPO_DIR") or DEFAULT_EPO_DIR)


def _official_paths(folder: Path, names: tuple[str, ...]) -> tuple[Path, ...]:
    paths = tuple(folder / name for name in names)
    missing = [p.name for p in paths if not p.is_file()]
    if missing:
        raise ShapesUnavailableError(
            f"official ePO files {', '.join(missing)} not found in {folder}: they are not shipped "
            "with boamp-kg (EUPL 1.2, OP-TED); check out ../shared beside the project or set "
            "BOAMP_KG_EPO_DIR to a folder holding them"
        )
    return paths


@cache
def official_shapes(folder: Path | None = None) -> tuple[Graph, Graph]:
    """OP-TED's ePO 4.2 shapes and the ePO ontology, parsed once per process.

    :param folder: the folder holding the files (default :func:`epo_dir`)
    :return: ``(shapes graph, ontology graph)``
    :raises ShapesUnavailableError: when a file is missing
    """
    folder = folder or epo_dir()
    shapes = _parse_all(_official_paths(folder, OFFICIAL_SHAPES))
    ontology = _parse_all(_official_paths(folder, OFFICIAL_ONTOLOGY))
    return shapes, ontology
