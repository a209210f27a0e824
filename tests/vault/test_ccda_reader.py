"""The C-CDA reader on small documents written in the repository (no shared data needed)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

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


def test_utf16_document_and_other_namespace_prefix():
    text = (HERE / "ccda_small.xml").read_text()
    utf16 = text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    assert Counter(e.category for e in parse_ccda(utf16).entries) == Counter(
        e.category for e in _doc().entries)
    prefixed = (b"<cda:ClinicalDocument xmlns:cda='urn:hl7-org:v3'><cda:title>T</cda:title>"
                b"<cda:component><cda:structuredBody><cda:component><cda:section>"
                b"<cda:code code='10164-2' codeSystem='2.16.840.1.113883.6.1'/>"
                b"<cda:title>HPI</cda:title><cda:text>Well.</cda:text></cda:section>"
                b"</cda:component></cda:structuredBody></cda:component></cda:ClinicalDocument>")
    doc = parse_ccda(prefixed)
    assert [(e.category, e.title, e.text) for e in doc.entries] == [("notes", "HPI", "Well.")]


def test_readers_are_pure_python_without_django():
    """The readers import neither Django nor fhir.resources (kept off the hot path)."""
    import subprocess
    import sys
    code = ("import sys, recordright.vault.ccda, recordright.vault.fhir, recordright.vault.dedupe;"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('django', 'fhir')];"
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("text,nothing", [
    ("<paragraph>No Instructions Recorded</paragraph>", True),
    ("<paragraph>Reason For Visit excluded/not available</paragraph>", True),
    ("<paragraph>Reason For Visit</paragraph><paragraph>Unknown</paragraph>", True),
    ("<table><thead><tr><th>Member</th><th>Diagnosis</th></tr></thead>"
     "<tbody><tr><td>Unknown</td><td>N/A</td></tr></tbody></table>", True),
    ("<paragraph>No chest pain today; sugars improving.</paragraph>", False),
    ("<paragraph>Unknown</paragraph><paragraph>Father: diabetes</paragraph>", False),
])
def test_says_nothing(text, nothing):
    from lxml import etree

    from recordright.vault.ccda.sections import says_nothing
    section = etree.fromstring(f"<section xmlns='urn:hl7-org:v3'><text>{text}</text></section>")
    assert says_nothing(section, "Reason For Visit") is nothing


@pytest.mark.parametrize("xml,written,number,unit", [
    ('<value xsi:type="PQ" value="7.20" unit="%"/>', "7.20", 7.2, "%"),
    ('<value xsi:type="PQ" value="3" unit="1"/>', "3", 3.0, ""),
    ('<value xsi:type="REAL" value="1.5"/>', "1.5", 1.5, ""),
    ('<value xsi:type="INT" value="12"/>', "12", 12.0, ""),
    ('<value xsi:type="ST">&lt;5</value>', "<5", None, ""),
    ('<value xsi:type="ST"> 42 </value>', "42", 42.0, ""),
    ('<value xsi:type="CO" code="LA6751-7" displayName="Moderate"/>', "Moderate", None, ""),
    ('<value xsi:type="CD" nullFlavor="OTH"><originalText>POS</originalText></value>', "POS",
     None, ""),
    ('<value xsi:type="IVL_PQ"><low value="60" unit="mL/min"/></value>', ">=60", None,
     "mL/min"),
    ('<value xsi:type="BL" value="true"/>', "true", None, ""),
    ('<value xsi:type="TS" value="20231201"/>', "2023-12-01", None, ""),
    ('<value xsi:type="PQ" value="NaN" unit="g"/>', "NaN", None, "g"),
])
def test_values_by_type(xml, written, number, unit):
    from lxml import etree

    from recordright.vault.ccda.values import read_value
    el = etree.fromstring(
        xml.replace("<value ", '<value xmlns="urn:hl7-org:v3" '
                    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ', 1))
    value = read_value(el, {})
    assert (value.text, value.number, value.unit) == (written, number, unit)


@pytest.mark.parametrize("system,expected", [
    ("2.16.840.1.113883.6.96", "SNOMED CT"), ("2.16.840.1.113883.6.1", "LOINC"),
    ("2.16.840.1.113883.6.88", "RxNorm"), ("2.16.840.1.113883.12.292", "CVX"),
    ("2.16.840.1.113883.6.90", "ICD-10-CM"), ("2.16.840.1.113883.6.103", "ICD-9-CM"),
    ("2.16.840.1.113883.6.12", "CPT"), ("2.16.840.1.113883.6.69", "NDC"),
    ("1.2.3.4.5", "1.2.3.4.5"), ("SNOMED-CT", "SNOMED CT"),
])
def test_code_system_names(system, expected):
    from recordright.vault.ccda.codes import system_name
    assert system_name(system) == expected


def _unstructured(text_attrs: str, payload: bytes, title: str = "Letter") -> bytes:
    import base64
    return (f"<ClinicalDocument xmlns='urn:hl7-org:v3'><title>{title}</title><component>"
            f"<nonXMLBody><text {text_attrs}>{base64.b64encode(payload).decode()}</text>"
            "</nonXMLBody></component></ClinicalDocument>").encode()


@pytest.mark.parametrize("compression", ["DF", "GZ", "ZL"])
def test_compressed_embedded_document_is_inflated(compression):
    import gzip
    import zlib
    pdf = (HERE / "embedded.pdf").read_bytes()
    packed = {"DF": lambda d: zlib.compress(d)[2:-4], "GZ": gzip.compress,
              "ZL": zlib.compress}[compression](pdf)
    doc = parse_ccda(_unstructured(f"mediaType='application/pdf' representation='B64' "
                                   f"compression='{compression}'", packed, "Letter / copy"))
    (embedded,) = doc.attachments
    assert embedded.data == pdf
    assert embedded.name == "Letter   copy.pdf"


def test_damaged_compressed_embedded_document():
    from recordright.vault.errors import UnreadableDocument
    with pytest.raises(UnreadableDocument, match="does not decompress"):
        parse_ccda(_unstructured("mediaType='application/pdf' representation='B64' "
                                 "compression='GZ'", b"not gzip at all"))


def test_compressed_embedded_document_bomb_is_refused(monkeypatch):
    import zlib

    from recordright.vault.ccda import document
    from recordright.vault.errors import UnreadableDocument
    monkeypatch.setattr(document, "MAX_EMBEDDED_BYTES", 1 << 20)
    bomb = zlib.compress(b"\0" * (8 << 20))
    with pytest.raises(UnreadableDocument, match="too large"):
        parse_ccda(_unstructured("mediaType='application/pdf' representation='B64' "
                                 "compression='ZL'", bomb))


def test_medication_dates_when_the_frequency_comes_first():
    from lxml import etree

    from recordright.vault.ccda.values import effective_dates
    el = etree.fromstring(
        "<substanceAdministration xmlns='urn:hl7-org:v3' "
        "xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'>"
        "<effectiveTime xsi:type='PIVL_TS'><period value='8' unit='h'/></effectiveTime>"
        "<effectiveTime xsi:type='IVL_TS'><low value='20200102'/><high value='20200110'/>"
        "</effectiveTime></substanceAdministration>")
    assert effective_dates(el) == (date(2020, 1, 2), date(2020, 1, 10))


def test_documents_referred_to_but_not_carried_are_listed():
    from recordright.vault.ccda.document import parse_ccda
    from recordright.vault.parsed import Referenced
    from tests.vault.conftest import FIXTURES
    parsed = parse_ccda((FIXTURES / "hl7_ccd_sample.xml").read_bytes())
    assert parsed.references == [Referenced(name="AdvanceDirective.b50b7910.pdf",
                                            description="Advance directive status")]
