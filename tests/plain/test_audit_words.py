"""The access log in plain words (issue 14, item 7): "viewed letter access_request" reads
"viewed the letter “<its title>”", old entries included,
on the page and in the CSV download."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from recordright.audit.log import record
from recordright.audit.models import AuditEntry
from recordright.letters.registry import get_kind
from recordright.patients.audit_words import describe

TITLE = str(get_kind("access_request").title)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("stored", "said"), [
    ("letter access_request", f"the letter “{TITLE}”"),
    ("letter no_such_kind", "a letter"),
    ("invitation (viewer)", "an invitation (Can view)"),
    ("share link (summary)", "a share link"),
    ("share link: wrong passcode", "a share link"),
    ("packet (zip)", "a records packet"),
    ("export (fhir)", "an export of the records"),
    ("patient (edit)", "the patient"),
    ("records request", "records request"),
])
def test_stored_labels_are_said_in_words(stored, said):
    assert describe(stored) == said


def test_the_page_and_the_csv_say_it_in_words(owner, owner_client, patient):
    record(owner, patient, AuditEntry.Action.VIEW, "letter access_request", patient)
    page = owner_client.get(reverse("patients:audit", args=[patient.pk])).content.decode()
    assert f"viewed the letter “{TITLE}”" in page
    assert "access_request" not in page
    response = owner_client.get(reverse("patients:audit-csv", args=[patient.pk]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode()
                                       if response.streaming else response.content.decode())))
    assert ["viewed", f"the letter “{TITLE}”"] == rows[1][3:5]
