"""Generated notices are valid input for the rest of the pipeline: each maps to ePO and passes
the project's SHACL gate with no violation and no warning, so benchmark corpora measure the
normal path, not quarantine."""

from __future__ import annotations

import pytest

from kg_builder.synth import generate_notices

NOTICES = list(generate_notices(25, seed=11))


@pytest.mark.parametrize(
    "notice", NOTICES, ids=[f"{n.metadata.boamp_id}_v{n.metadata.version}" for n in NOTICES]
)
def test_generated_notice_maps_and_conforms(notice):
    from kg_builder.mapping import map_notice
    from kg_builder.validation import validate

    conforms, _, text = validate(map_notice(notice).graph)
    assert conforms, text
    assert "Warning" not in text, text
