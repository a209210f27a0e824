"""The C-CDA reader on small documents written in the repository (no shared data needed)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from recordright.vault.ccda import parse_ccda
from recordright.vault.parsed import Code
from tests.fixtures.vault import HERE


def _doc():
    return parse_ccda((HERE / "ccda_small.xml").read_bytes())


def _one(doc, category, title):
    found = [e for e in doc.entries if e.category == category and e.title == title]
    assert len(found) == 1, [e.title for e in doc.entries if e.category == category]
    return found[0]


def test_header():
    doc = _doc()
    assert (doc.kind, doc.title, doc.date) == ("ccda", "Test Summary", date(2024, 1, 2))
    assert doc.provider == "Example Clinic"
    assert doc.patient_name == "Testy Example"


def test_entries_per_category():
    counts = Counter(e.category for e in _doc().entries)
    assert counts == {"problems": 1, "medications": 1, "allergies": 1, "results": 5,
                      "vitals": 1, "procedures": 1, "notes": 2}


def test_problem_original_text_reference_and_translation():
    problem = _one(_doc(), "problems", "Type 2 diabetes")     # from originalText -> #prob1
    assert problem.date == date(2019, 3, 15)
    assert problem.status == "active"
    assert Code("SNOMED CT", "44054006") in problem.codes
    assert any(c.system == "ICD-10-CM" and c.code == "E11.9" for c in problem.codes)


def test_medication_dose_route_frequency_and_sig():
    med = _one(_doc(), "medications", "Metformin 500 mg tablet")
    assert med.codes[0] == Code("RxNorm", "860975")
    assert med.detail == "500 mg; Oral; every 12 hours; Take one tablet twice a day with food"
    assert med.date == date(2019, 4, 1)


def test_allergy_reaction_and_severity():
    allergy = _one(_doc(), "allergies", "Penicillin G")
    assert "Reaction: Hives" in allergy.detail
    assert "Severity: Moderate" in allergy.detail
    assert allergy.codes[0] == Code("RxNorm", "7980", "Penicillin G")


def test_result_values_as_written_and_as_numbers():
    doc = _doc()
    a1c = _one(doc, "results", "Hemoglobin A1c")
    assert (a1c.value_text, a1c.value_number, a1c.unit) == ("7.2", 7.2, "%")
    assert a1c.reference_range == "4.0-5.6 %"            # text reference into the narrative
    assert a1c.abnormal_flag == "H"
    assert a1c.detail == "Panel: Diabetes panel"
    micro = _one(doc, "results", "Microalbumin")          # ST "<5": kept, not a number
    assert (micro.value_text, micro.value_number) == ("<5", None)
    assert micro.reference_range == "<=30 mg/L"
    urine = _one(doc, "results", "Glucose, urine")        # CD "POS", local code + LOINC
    assert (urine.value_text, urine.value_number, urine.abnormal_flag) == ("POS", None, "A")
    assert urine.codes[0] == Code("1.2.3.4.5.6", "LOCAL-77", "Glucose, urine")
    assert Code("LOINC", "2350-7", "Glucose [Mass/volume] in Urine") in urine.codes
    glucose = _one(doc, "results", "Glucose")             # IVL_PQ
    assert (glucose.value_text, glucose.value_number, glucose.unit) == ("70-99", None, "mg/dL")
    wbc = _one(doc, "results", "Leukocytes")              # INT
    assert (wbc.value_text, wbc.value_number) == ("12", 12.0)


def test_vitals_and_section_found_by_loinc_code():
    doc = _doc()
    sbp = _one(doc, "vitals", "Systolic blood pressure")
    assert (sbp.value_number, sbp.unit) == (128.0, "mm[Hg]")
    proc = _one(doc, "procedures", "Appendectomy")        # section without templateId
    assert proc.codes == (Code("9.9.9.9", "LOCAL-APP", "Appendectomy"),)


def test_no_information_section_is_not_none():
    doc = _doc()
    assert ("Immunizations", "No information.") in doc.section_texts
    assert not [e for e in doc.entries if e.category == "immunizations"]


def test_narrative_only_section_and_note_activity_become_notes():
    doc = _doc()
    hpi = _one(doc, "notes", "History of Present Illness")
    assert hpi.text == "Feeling well; sugars improving."
    note = _one(doc, "notes", "Note")
    assert note.text == "Discussed diet and exercise at length."
    assert note.date == date(2023, 12, 1)
    assert ("Plan of Treatment", "Recheck A1c in three months.") in doc.section_texts


def test_unmapped_entries_are_counted_by_template():
    doc = _doc()
    assert doc.unmapped == {"2.16.840.1.113883.10.20.22.4.44": 1,
                            "component of 2.16.840.1.113883.10.20.22.4.1": 1}
    assert sum(doc.mapped.values()) == 7


def test_embedded_pdf_is_kept_as_a_document():
    doc = parse_ccda((HERE / "ccda_embedded_pdf.xml").read_bytes())
    assert len(doc.attachments) == 1
    pdf = doc.attachments[0]
    assert (pdf.name, pdf.media_type, pdf.date) == (
        "Discharge letter.pdf", "application/pdf", date(2024, 1, 5))
    assert pdf.data == (HERE / "embedded.pdf").read_bytes()
    assert doc.entries == []
