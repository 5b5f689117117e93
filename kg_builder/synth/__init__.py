"""Synthetic BOAMP notices: a deterministic generator of notice models and the renderers that
print them in the BOAMP eForms-era layout (text extract and PDF).

Used for the committed samples in ``data/samples/``, for round-trip tests of the parser, for
the robustness suite (layout quirks under control) and for benchmark corpora.
"""

from kg_builder.synth.generator import GENERATOR_VERSION, generate_notice, generate_notices

__all__ = ["GENERATOR_VERSION", "generate_notice", "generate_notices"]
