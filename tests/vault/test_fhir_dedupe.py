"""The same fact from a CCD and a FHIR bundle collapses to one fingerprint."""

from __future__ import annotations

from datetime import date

from recordright.vault.ccda import parse_ccda
from recordright.vault.dedupe import fingerprint
from recordright.vault.fhir import parse_fhir
from recordright.vault.parsed import Code, ParsedEntry
from tests.fixtures.vault import HERE


def _by(doc, category, code):
    return [e for e in doc.entries if e.category == category
            and any(c.code == code for c in e.codes)][0]


def test_ccd_and_fhir_of_the_same_visit_share_fingerprints():
    ccd = parse_ccda((HERE / "ccda_small.xml").read_bytes())
    fhir = parse_fhir((HERE / "fhir_bundle.json").read_bytes())
    for category, code in [("results", "4548-4"), ("problems", "44054006"),
                           ("allergies", "7980"), ("results", "14957-5")]:
        a, b = _by(ccd, category, code), _by(fhir, category, code)
        assert a.fingerprint() == b.fingerprint(), (category, code)


def test_different_facts_differ():
    base = ParsedEntry(category="results", title="Hemoglobin A1c", date=date(2023, 12, 1),
                       codes=(Code("LOINC", "4548-4"),), value_text="7.2", value_number=7.2)
    same_value_written_otherwise = ParsedEntry(
        category="results", title="HbA1c", date=date(2023, 12, 1),
        codes=(Code("1.2.3", "LOCAL"), Code("LOINC", "4548-4")), value_text="7.20",
        value_number=7.2)
    assert fingerprint(base) == fingerprint(same_value_written_otherwise)
    for other in (
        ParsedEntry(category="results", title="x", date=date(2023, 12, 1),
                    codes=(Code("LOINC", "4548-4"),), value_text=">7.2"),
        ParsedEntry(category="results", title="x", date=date(2023, 12, 2),
                    codes=(Code("LOINC", "4548-4"),), value_number=7.2),
        ParsedEntry(category="results", title="x", date=date(2023, 12, 1),
                    codes=(Code("LOINC", "4548-4"),), value_number=7.3),
        ParsedEntry(category="vitals", title="x", date=date(2023, 12, 1),
                    codes=(Code("LOINC", "4548-4"),), value_number=7.2),
    ):
        assert fingerprint(other) != fingerprint(base)


def test_without_a_known_code_the_normalised_title_is_used():
    a = ParsedEntry(category="procedures", title="Appendectomy ", date=date(2010, 6, 7),
                    codes=(Code("9.9.9.9", "LOCAL-APP"),))
    b = ParsedEntry(category="procedures", title="appendectomy", date=date(2010, 6, 7))
    c = ParsedEntry(category="procedures", title="Tonsillectomy", date=date(2010, 6, 7))
    assert fingerprint(a) == fingerprint(b) != fingerprint(c)
