"""The SHACL gate: every notice graph is validated before it is stored, and nothing is lost.

``validate(graph)`` runs the project's shapes (``shapes/*.ttl``) once and returns
``(conforms, report_graph, report_text)`` like pySHACL; ``validate_official(graph)`` does the
same with OP-TED's ePO 4.2 shapes (opt-in: they are read from ``../shared``).
``quarantine(...)`` keeps a failing notice with its report.
"""

from __future__ import annotations

from kg_builder.validation.gate import quarantine, validate, validate_official
from kg_builder.validation.report import Result, report_graph, report_text, results_of

__all__ = [
    "Result",
    "quarantine",
    "report_graph",
    "report_text",
    "results_of",
    "validate",
    "validate_official",
]
