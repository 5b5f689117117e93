"""Human labels: ePO's own English labels (kept current with the reference files), this
project's French ones, and readable fallbacks; values formatted as a French reader expects."""

from __future__ import annotations

import json

import pytest

from endpoint import labels
from endpoint.labels_build import extract
from endpoint.values import NBSP, literal_text, money
from tests.conftest import EPO, need

EPO_NS = "http://data.europa.eu/a4g/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"


def test_the_committed_labels_are_those_of_the_epo_files() -> None:
    expected = extract(need(EPO))
    assert json.loads(labels.LABELS_FILE.read_text("utf-8")) == expected, (
        "run `python -m endpoint.labels_build` to refresh endpoint/epo_labels.json"
    )


def test_every_french_label_names_a_real_epo_term() -> None:
    known = json.loads(labels.LABELS_FILE.read_text("utf-8"))
    assert [t for t in labels.FRENCH_EPO if EPO_NS + t not in known] == []


LABELS = [
    (EPO_NS + "hasLegalName", "fr", "Raison sociale"),
    (EPO_NS + "hasLegalName", "en", "Legal name"),
    (EPO_NS + "Buyer", "fr", "Acheteur"),
    (EPO_NS + "hasEstimatedValue", "en", "Estimated value"),
    ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "fr", "Type"),
    ("http://example.org/v#hasSomeThing", "fr", "Some thing"),
]


@pytest.mark.parametrize(("iri", "lang", "text"), LABELS)
def test_labels(iri: str, lang: str, text: str) -> None:
    assert labels.label(iri, lang) == text


VALUES = [
    ("24000000", XSD + "decimal", "24 000 000"),
    ("2026-04-15", XSD + "date", "15/04/2026"),
    ("2026-03-23T16:00:00+01:00", XSD + "dateTime", "23/03/2026 16:00"),
    ("P120D", XSD + "duration", "120 jours"),
    ("false", XSD + "boolean", "non"),
    ("<b>texte</b>", None, "<b>texte</b>"),  # escaping is the template's job, not the formatter's
]


@pytest.mark.parametrize(("lexical", "datatype", "shown"), VALUES)
def test_values_are_formatted_for_a_french_reader(
    lexical: str, datatype: str | None, shown: str
) -> None:
    assert literal_text(lexical, datatype).replace(NBSP, " ") == shown


def test_money_keeps_its_currency_on_the_same_line() -> None:
    assert money("12000000", "EUR") == f"12{NBSP}000{NBSP}000{NBSP}EUR"
