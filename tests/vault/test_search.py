"""Search: words, phrases, prefixes; snippets; newest first; one patient never sees another's."""

from __future__ import annotations

from datetime import date

import pytest

from recordright.patients.models import Patient
from recordright.vault.search import MARK_END, MARK_START, Term, make_snippet, parse_query, search
from tests.vault.conftest import CCD

pytestmark = pytest.mark.django_db(transaction=True)


def test_queries_are_words_phrases_and_prefixes():
    assert parse_query('glucose "blood pressure" diab* -- ;DROP') == [
        Term(("glucose",)), Term(("blood", "pressure")), Term(("diab",), prefix=True),
        Term(("drop",))]
    assert parse_query('"" ** ') == []


def test_snippets_mark_stemmed_and_prefixed_words():
    text = "The patient was seen. Diabetic foot exam normal; glucoses stable over the year."
    snippet = make_snippet(text, [Term(("diabetes",)), Term(("gluc",), prefix=True)])
    assert f"{MARK_START}Diabetic{MARK_END}" in snippet
    assert f"{MARK_START}glucoses{MARK_END}" in snippet


def test_it_finds_entries_and_documents_of_one_patient_only(import_json, cli, patient, write):
    other = Patient.objects.create(full_name="Other Synthetic", date_of_birth=date(1990, 1, 1))
    import_json(CCD, write("note.txt", "Follow up for the diabetes in June."))
    hits = search(patient.pk, "diabetes")
    assert hits and {hit.document_name for hit in hits} >= {"note.txt"}
    assert any(hit.entry_id and hit.category == "problems"
               and hit.entry_title == "Type 2 diabetes" for hit in hits)
    assert search(other.pk, "diabetes") == []
    code, lines = cli("search", "--patient", other.pk, "diabetes")
    assert code == 0 and lines == ["No matches."]


def test_newest_first_and_best_first_find_the_same_hits(import_json, patient, write):
    import_json(write("old.txt", "Cough. Cough. Cough, a bad cough."),
                write("new.txt", "A mild cough."))
    newest = search(patient.pk, "cough", order="newest")
    assert [hit.document_name for hit in newest] == ["new.txt", "old.txt"]
    best = search(patient.pk, "cough", order="best")
    assert {hit.document_name for hit in best} == {"new.txt", "old.txt"}


def test_phrase_and_prefix(import_json, patient, write):
    import_json(write("a.txt", "Blood pressure was high."),
                write("b.txt", "Pressure on the blood draw site."))
    assert [hit.document_name for hit in search(patient.pk, '"blood pressure"')] == ["a.txt"]
    assert {hit.document_name for hit in search(patient.pk, "pressu*")} == {"a.txt", "b.txt"}
