"""The closed-practice guide: candidates, steps and the letter's context."""

from __future__ import annotations

import pytest

from recordright.closed_practices import guide as closed
from recordright.closed_practices.models import ClosedPracticeStep
from recordright.directory import loader
from tests.directory.conftest import DEACTIVATIONS, NPIS

pytestmark = pytest.mark.django_db


@pytest.fixture
def whitman_closed(directory):
    loader.import_path(DEACTIVATIONS, progress=False)


def test_it_normalizes_addresses():
    assert closed.normalize_address("100 Main Street.") == closed.normalize_address("100 MAIN ST")


def test_it_finds_the_same_doctor_the_successor_and_hospitals(whitman_closed):
    findings = closed.findings_for(npi=str(NPIS["whitman_old"]))
    assert [int(r.npi) for r in findings.same_doctor] == [NPIS["whitman_new"]]
    assert [int(r.npi) for r in findings.at_old_address] == [NPIS["successor_practice"]]
    assert NPIS["springfield_hospital"] in [int(r.npi) for r in findings.hospitals]


def test_it_follows_a_replacement_npi(directory):
    findings = closed.findings_for(npi=str(NPIS["munoz_old"]))
    assert int(findings.same_doctor[0].npi) == NPIS["munoz_new"]


def test_it_works_from_what_the_user_says(directory, owner, patient):
    search = closed.start_search(owner, patient, doctor_name="Dr. Harold Whitman",
                                 credential="M.D.", practice_address="100 Main Street",
                                 city="Springfield", state="il", zip_code="62704",
                                 reason="retired", last_seen="2015")
    kinds = list(dict.fromkeys(step.kind for step in search.steps.all()))
    assert kinds == ["same_doctor", "successor", "local_society", "state_society", "hospital"]
    assert search.steps.first().npi == str(NPIS["whitman_new"])


def test_it_starts_from_a_deactivated_npi(whitman_closed, owner, patient):
    search = closed.start_search(owner, patient, npi=str(NPIS["whitman_old"]))
    assert (search.reason, search.state, search.last_seen) == ("deactivated", "IL",
                                                               "March 1, 2026")
    step = search.steps.get(kind=ClosedPracticeStep.Kind.SUCCESSOR)
    context = closed.closed_practice_letter_context(search, step)
    assert context["kind"] == "records_location_inquiry"
    assert context["recipient_name"] == "CAPITOL FAMILY MEDICINE LLC"
    assert context["doctor"] == "HAROLD WHITMAN, MD"
    assert "100 MAIN ST" in context["practice_address"]
    assert context["patient_name"] == "Sam Synthetic"
