"""Whatever bytes arrive, the readers answer with entries or a clear UnreadableDocument,
never another exception (property-based, with Hypothesis)."""

from __future__ import annotations

import gzip
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recordright.vault.ccda import parse_ccda
from recordright.vault.errors import UnreadableDocument
from recordright.vault.fhir import parse_fhir
from tests.fixtures.vault import HERE

BUNDLE = (HERE / "fhir_bundle.json").read_bytes()
CCDA = (HERE / "ccda_small.xml").read_bytes()
FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=4),
    max_leaves=20)
FIELDS = ["code", "category", "valueQuantity", "component", "effectiveDateTime", "coding",
          "medicationReference", "medicationCodeableConcept", "reaction", "period", "type",
          "content", "presentedForm", "referenceRange", "interpretation", "vaccineCode",
          "dosageInstruction", "name", "section", "clinicalStatus", "class", "data"]
TYPES = ["Observation", "Condition", "MedicationRequest", "MedicationStatement", "Encounter",
         "AllergyIntolerance", "Immunization", "Procedure", "DiagnosticReport",
         "DocumentReference", "Binary", "Patient", "Composition", "Medication", "Bundle"]


def _answer(reader, data: bytes) -> None:
    try:
        reader(data)
    except UnreadableDocument as exc:
        assert str(exc)


@FAST
@given(st.binary(max_size=300))
def test_random_bytes(data):
    _answer(parse_fhir, data)
    _answer(parse_fhir, gzip.compress(data))
    _answer(parse_ccda, data)


@FAST
@given(st.sampled_from(TYPES), st.dictionaries(st.sampled_from(FIELDS), json_values,
                                               max_size=6))
def test_resources_shaped_against_the_spec(resource_type, fields):
    resource = {"resourceType": resource_type, **fields}
    doc = None
    try:
        doc = parse_fhir(json.dumps(resource).encode())
    except UnreadableDocument:
        return
    assert sum(doc.mapped.values()) + sum(doc.unmapped.values()) == sum(doc.resources.values())


@FAST
@given(st.integers(min_value=0, max_value=len(BUNDLE)), st.binary(max_size=4))
def test_truncated_or_damaged_bundle(cut, junk):
    _answer(parse_fhir, BUNDLE[:cut] + junk)


@FAST
@given(st.integers(min_value=0, max_value=len(CCDA)), st.binary(max_size=4))
def test_truncated_or_damaged_ccda(cut, junk):
    _answer(parse_ccda, CCDA[:cut] + junk + CCDA[cut + len(junk):])
