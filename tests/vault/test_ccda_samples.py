"""The C-CDA reader on every sample in ../shared/data: the HL7 examples and fifteen real
vendor exports (whose extensions lie: .txt, .ccd, .XML). Counts were checked against the
documents (entry templateIds counted in the XML, narrative tables read), not snapshotted."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from lxml import etree

from recordright.vault.ccda import parse_ccda
from recordright.vault.parsed import CATEGORIES, Code
from tests.fixtures.vault import sample_files, shared_data

V3 = "{urn:hl7-org:v3}"
T = "2.16.840.1.113883.10.20.22.4."

# Entries per category, in CATEGORIES order: problems, medications, allergies, immunizations,
# results, vitals, encounters, procedures, notes.
EXPECTED = {
    "ccda-vendors/Allscripts_Samples__Enterprise_EHR__b2_Adam_Everyman_ToC.xml":
        (3, 2, 2, 1, 1, 6, 1, 0, 3),
    "ccda-vendors/Allscripts_Samples__Internal_Test_with_MU_2_data__170.314B2_Amb_CCD.xml":
        (2, 1, 2, 1, 1, 5, 1, 0, 1),
    "ccda-vendors/Allscripts_Samples__Sunrise_Clinical_Manager__C-CDA_101646_"
    "20130617114506_Everyman_Adam.xml": (1, 2, 0, 1, 0, 5, 2, 0, 0),
    "ccda-vendors/Cerner_Samples__Transition_of_Care_Referral_Summary.xml":
        (5, 4, 2, 1, 8, 7, 1, 2, 3),
    "ccda-vendors/EMERGE__Patient-0.xml": (5, 2, 3, 2, 4, 7, 5, 5, 0),
    "ccda-vendors/EMERGE__Patient-1.xml": (4, 8, 3, 2, 11, 18, 5, 9, 0),
    "ccda-vendors/Greenway_Samples__26775_ExportSummary_CCDA.xml": (6, 2, 3, 1, 4, 15, 0, 2, 1),
    "ccda-vendors/Greenway_Samples__26789_ClinicalVisitSummary_CCDA.xml":
        (3, 1, 2, 2, 4, 5, 0, 9, 3),
    "ccda-vendors/Kareo_Samples__Kareo_CCD_export_Joey_Miller.ccd": (2, 1, 1, 1, 0, 8, 0, 0, 0),
    "ccda-vendors/NIST_Samples__CCDA_CCD_b1_Ambulatory_v2.xml": (2, 2, 3, 2, 3, 6, 1, 1, 2),
    "ccda-vendors/NextGen_Samples__CCDA_Sample_NextGen_JonesIsabella.txt":
        (3, 5, 3, 4, 1, 5, 1, 5, 3),
    "ccda-vendors/Partners_HealthCare__partners.ccda.xml": (3, 2, 3, 0, 11, 10, 0, 0, 0),
    "ccda-vendors/PracticeFusion_Samples__IsabellaJones-ReferralSummary.xml":
        (3, 4, 3, 4, 4, 9, 1, 0, 1),
    "ccda-vendors/Vitera__Vitera_CCDA_SMART_Sample.xml": (1, 16, 5, 1, 89, 27, 13, 4, 0),
    "ccda-vendors/mTuitive_OpNote_Samples__knee.xml": (4, 0, 0, 0, 0, 0, 0, 2, 10),
    "ccda/Documents__CCD__CCD_1__CCD.XML": (4, 2, 2, 5, 6, 8, 1, 4, 0),
    "ccda/Documents__Care_Plan__Care_Plan.xml": (0, 0, 0, 0, 0, 0, 0, 0, 0),
    "ccda/Documents__Discharge_Summary__Discharge_Summary.xml": (5, 1, 3, 2, 0, 4, 0, 1, 8),
    "ccda/Documents__Progress_Note__Progress_Note.xml": (3, 2, 2, 0, 6, 8, 0, 0, 6),
    "ccda/Documents__Referral_Note__Referral_Note.xml": (4, 2, 2, 0, 6, 8, 0, 4, 4),
    "ccda/Unstructured__CDA_with_Embedded_PDF_1__Unstructured_Document_embed.xml":
        (0, 0, 0, 0, 0, 0, 0, 0, 0),
}


def _samples():
    return sample_files("ccda") + sample_files("ccda-vendors")


def _key(path) -> str:
    return f"{path.parent.name}/{path.name}"


_CACHE: dict[str, object] = {}


def _parsed(path):
    if path not in _CACHE:
        _CACHE[path] = parse_ccda(path.read_bytes())
    return _CACHE[path]


def _sample(name: str):
    folder, file = name.split("/")
    path = shared_data(folder) / file
    return _parsed(path)


def test_every_sample_is_listed():
    assert sorted(_key(p) for p in _samples()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_entries_per_category(name):
    doc = _sample(name)
    counts = Counter(e.category for e in doc.entries)
    assert tuple(counts[c] for c in CATEGORIES) == EXPECTED[name]
    for entry in doc.entries:
        assert entry.title.strip(), entry
        assert entry.category in CATEGORIES


def _source_statements(path) -> tuple[Counter, int, list]:
    """Independently of the reader: every clinical statement directly under a section's
    <entry>, counted by its first templateId root (or its element name), and the organizers."""
    root = etree.fromstring(path.read_bytes(), etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False))
    keys: Counter = Counter()
    organizers = []
    for entry in root.iter(f"{V3}entry"):
        if entry.getparent() is None or entry.getparent().tag != f"{V3}section":
            continue
        stmt = next(c for c in entry if isinstance(c.tag, str))
        roots = [t.get("root") for t in stmt.findall(f"{V3}templateId") if t.get("root")]
        keys[roots[0] if roots else f"{etree.QName(stmt).localname} (no templateId)"] += 1
        if stmt.tag == f"{V3}organizer":
            organizers.append(stmt)
    return keys, sum(1 for e in root.iter(f"{V3}entry")), organizers


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_golden_every_entry_is_mapped_or_counted_unmapped(name):
    folder, file = name.split("/")
    path = shared_data(folder) / file
    doc = _parsed(path)
    source, _, _ = _source_statements(path)
    top_unmapped = Counter({k: v for k, v in doc.unmapped.items()
                            if not k.startswith("component of ") and not k.startswith("nonXML")})
    mapped = Counter({k: v for k, v in doc.mapped.items() if not k.startswith("nonXML")})
    assert mapped + top_unmapped == source


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_golden_every_result_and_vital_component_is_accounted_for(name):
    """Inside each result / vital-signs organizer that was read, every component is either an
    entry or counted as an unmapped component."""
    folder, file = name.split("/")
    path = shared_data(folder) / file
    doc = _parsed(path)
    _, _, organizers = _source_statements(path)
    read = [o for o in organizers if o.find(f"{V3}component") is not None]
    components = sum(len([c for c in o.findall(f"{V3}component") if len(c)]) for o in read)
    standalone = sum(doc.mapped[T + k] for k in ("2", "27"))   # observations outside one
    from_organizers = sum(1 for e in doc.entries
                          if e.category in ("results", "vitals")) - standalone
    missed = sum(v for k, v in doc.unmapped.items() if k.startswith("component of "))
    refs = {e.source_ref for e in doc.entries}
    unread = sum(len([c for c in o.findall(f"{V3}component") if len(c)]) for o in read
                 if not _yielded(o, doc, refs))
    assert from_organizers + missed + unread == components


def _id_ref(el) -> str:
    ident = el.find(f"{V3}id")
    if ident is None or not (ident.get("root") or ident.get("extension")):
        return ""
    ext = ident.get("extension")
    return f"{ident.get('root', '')}^{ext}" if ext else ident.get("root", "")


def _yielded(organizer, doc, refs) -> bool:
    """Whether the reader turned any of this organizer's components into an entry: by the
    components' ids where they have them, else by the organizer's key."""
    ids = {_id_ref(c[0]) for c in organizer.findall(f"{V3}component") if len(c)} - {""}
    if ids:
        return bool(ids & refs)
    roots = [t.get("root") for t in organizer.findall(f"{V3}templateId") if t.get("root")]
    return (roots[0] if roots else "organizer (no templateId)") in doc.mapped


def _find(doc, category, title):
    return [e for e in doc.entries if e.category == category and e.title == title]


def test_spot_check_ccd_lab_value_unit_range_and_flag():
    doc = _sample("ccda/Documents__CCD__CCD_1__CCD.XML")
    (platelets,) = _find(doc, "results", "Platelets")
    assert (platelets.value_text, platelets.value_number, platelets.unit) == ("123", 123.0,
                                                                              "10*9/L")
    assert platelets.reference_range == "150-350 10*9/L"
    assert platelets.abnormal_flag == "LX"
    assert platelets.date == date(2008, 3, 19)
    assert Code("LOINC", "777-3", "Platelets") in platelets.codes


def test_spot_check_ccd_allergy_reaction_and_severity():
    doc = _sample("ccda/Documents__CCD__CCD_1__CCD.XML")
    (penicillin,) = _find(doc, "allergies", "Penicillin")
    assert penicillin.detail == "Allergy to substance; Reaction: Nausea; Severity: Mild"
    assert penicillin.codes[0] == Code("RxNorm", "70618", "Penicillin")


def test_spot_check_ccd_medication_dose_and_frequency():
    doc = _sample("ccda/Documents__CCD__CCD_1__CCD.XML")
    (atenolol,) = _find(doc, "medications", "atenolol 25 MG Oral Tablet")
    assert atenolol.detail.startswith("1; Oral Route of Administration; every 12 hours")
    assert atenolol.codes[0].system == "RxNorm" and atenolol.codes[0].code == "197380"


def test_spot_check_vitera_range_from_narrative_and_local_translation():
    doc = _sample("ccda-vendors/Vitera__Vitera_CCDA_SMART_Sample.xml")
    wbc = [e for e in doc.entries if e.title == "White Blood Cell (WBC) Count"
           and e.date == date(2008, 1, 3)]
    assert len(wbc) == 1
    assert (wbc[0].value_text, wbc[0].unit, wbc[0].abnormal_flag) == ("6.8", "THOUS/MCL", "N")
    assert wbc[0].reference_range == "(3.8-10.8)"
    # A medication coded "Unknown" in RxNorm is named from its original text, and its
    # MediSpan translation (a local code system) is kept under its OID.
    decongestant = [e for e in doc.entries if e.category == "medications"
                    and e.title.startswith("12 Hour Decongestant")]
    assert decongestant
    assert decongestant[0].codes[0] == Code("2.16.840.1.113883.6.253", "86679",
                                            "12 Hour Decongestant 120 MG CP12")


def test_spot_check_cerner_immunization_and_encounter_diagnoses():
    doc = _sample("ccda-vendors/Cerner_Samples__Transition_of_Care_Referral_Summary.xml")
    (flu,) = [e for e in doc.entries if e.category == "immunizations"]
    assert (flu.title, flu.date, flu.detail) == ("influenza virus vaccine, inactivated",
                                                 date(2013, 7, 10), "0.25 mL; Intramuscular")
    assert flu.codes[0] == Code("CVX", "88", "influenza virus vaccine, inactivated")
    (stay,) = [e for e in doc.entries if e.category == "encounters"]
    assert stay.title == "Inpatient"
    assert "Exercise-induced angina" in stay.detail and "Active" not in stay.detail


def test_spot_check_kareo_ccd1_sections_read_by_section_kind():
    doc = _sample("ccda-vendors/Kareo_Samples__Kareo_CCD_export_Joey_Miller.ccd")
    assert doc.patient_name == "JOEY MILLER"         # "null" middle name dropped
    assert [e.title for e in doc.entries if e.category == "allergies"] == ["sulfa drug"]
    assert [e.title for e in doc.entries if e.category == "problems"] == [
        "Hypothyroidism", "Acute bronchitis"]
    temp = [e for e in doc.entries if e.title == "Body temperature"][0]
    assert (temp.category, temp.value_number, temp.unit) == ("vitals", 98.0, "[degF]")
    # The "No Procedure Performed" placeholder organizer is counted, not invented as a result.
    assert doc.unmapped["2.16.840.1.113883.10.20.1.32"] == 1


def test_spot_check_negated_placeholders_are_not_facts():
    doc = _sample("ccda-vendors/Allscripts_Samples__Sunrise_Clinical_Manager__C-CDA_"
                  "101646_20130617114506_Everyman_Adam.xml")
    assert not [e for e in doc.entries if e.category in ("allergies", "results")]
    assert doc.unmapped["2.16.840.1.113883.10.20.22.4.30"] == 1
    assert doc.unmapped["2.16.840.1.113883.10.20.22.4.1"] == 1


def test_spot_check_operative_note_procedures_and_narrative_notes():
    doc = _sample("ccda-vendors/mTuitive_OpNote_Samples__knee.xml")
    procedures = [e for e in doc.entries if e.category == "procedures"]
    assert [c.code for e in procedures for c in e.codes] == ["29888", "29881"]
    assert all(e.date == date(2013, 7, 17) for e in procedures)
    complications = [e for e in doc.entries if e.title == "Discharge and Condition"][0]
    assert "Complications: No complications" in complications.text


def test_sections_that_say_there_is_nothing_are_not_notes():
    doc = _sample("ccda-vendors/Vitera__Vitera_CCDA_SMART_Sample.xml")
    assert ("History of Present Illness", "No History of Present Illness Recorded") in \
        doc.section_texts
    assert not [e for e in doc.entries if e.category == "notes"]
    nextgen = _sample("ccda-vendors/NextGen_Samples__CCDA_Sample_NextGen_JonesIsabella.txt")
    assert "Reason For Referral" not in [e.title for e in nextgen.entries]   # only "Unknown"


def test_embedded_pdf_sample():
    doc = _sample("ccda/Unstructured__CDA_with_Embedded_PDF_1__Unstructured_Document_embed.xml")
    (pdf,) = doc.attachments
    assert pdf.media_type == "application/pdf"
    assert pdf.data.startswith(b"%PDF-") and pdf.data.rstrip().endswith(b"%%EOF")
    assert pdf.name.endswith(".pdf")
    assert doc.patient_name == "Henry L Levin"


def test_section_texts_keep_the_narrative():
    doc = _sample("ccda/Documents__CCD__CCD_1__CCD.XML")
    titles = [t for t, _ in doc.section_texts]
    assert "SOCIAL HISTORY" in titles and "FAMILY HISTORY" in titles
    text = dict(doc.section_texts)["ALLERGIES AND ADVERSE REACTIONS"]
    assert "Penicillin" in text and "Nausea" in text
