"""boamp-kg: BOAMP public-procurement notices as an ePO 4.2 knowledge graph."""

__version__ = "0.1.0"
