"""The BOAMP eForms-era layout parser: text in, :class:`~kg_builder.model.Notice` out.

It never opens a file (readers do) and never builds RDF (the mapping does).
"""

from kg_builder.parse.assemble import parse_text

PARSER_VERSION = "1"

__all__ = ["PARSER_VERSION", "parse_text"]
