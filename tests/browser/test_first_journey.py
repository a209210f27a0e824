"""Sign up, add a child as their parent, invite a caregiver, see the audit entries."""

import re

import pytest
from django.core import mail

from recordright.patients.models import Patient
from tests.browser_support import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(page, email, password):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password:", exact=True).fill(password)
    page.get_by_role("button", name="Sign In").click()


def test_a_parent_signs_up_adds_a_child_and_invites_a_caregiver(new_page, django_user_model):
    page = new_page()
    page.goto("/")
    assert_accessible(page, "home")
    page.get_by_role("link", name="Create your account").click()
    assert_accessible(page, "signup")
    page.get_by_label("Email").fill("parent@example.org")
    page.get_by_label("Password:", exact=True).fill("a-long-synthetic-passphrase")
    page.get_by_label("Password (again):").fill("a-long-synthetic-passphrase")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/today/")
    assert_accessible(page, "dashboard-empty")

    page.get_by_role("link", name="Add a patient").first.click()
    page.wait_for_url("**/patients/add/")  # axe on a page still leaving finds no document
    assert_accessible(page, "patient-add")
    page.get_by_label("Full name").fill("Jordan Synthetic")
    page.get_by_label("Date of birth").fill("2017-06-01")
    page.get_by_label("State:", exact=True).select_option("IL")
    page.get_by_label("My child").check()
    page.get_by_label("Parent or guardian of a minor").check()
    page.get_by_role("button", name="Add patient").click()
    page.get_by_role("heading", name="Jordan Synthetic").wait_for()
    assert_accessible(page, "patient-detail")

    page.get_by_role("link", name="Invite someone to help").click()
    page.get_by_label("Their email address").fill("helper@example.org")
    page.get_by_label("Can view and edit: May ask for records, record what happened and add "
                      "documents.").check()
    page.get_by_label("An advocate or lawyer helping the patient").check()
    page.get_by_role("button", name="Send invitation").click()
    page.get_by_text("Invitation sent to helper@example.org").wait_for()
    link = re.search(r"(/patients/invitations/[^/\s]+/)", mail.outbox[-1].body).group(1)

    django_user_model.objects.create_user("helper@example.org", "another-synthetic-passphrase")
    helper = new_page()
    _log_in(helper, "helper@example.org", "another-synthetic-passphrase")
    helper.goto(link)
    # The address is not confirmed yet: the confirmation email goes out, naming no patient.
    helper.get_by_role("heading", name="Confirm your email address first").wait_for()
    assert "Jordan Synthetic" not in helper.content()
    assert_accessible(helper, "accept-invitation-confirm-email")
    confirm = re.search(r"https?://[^/]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body)
    helper.goto(confirm.group(1))
    helper.get_by_role("button", name="Confirm").click()
    helper.get_by_role("button", name="Accept").wait_for()  # back on the invitation
    assert_accessible(helper, "accept-invitation")
    helper.get_by_role("button", name="Accept").click()
    helper.get_by_role("heading", name="Jordan Synthetic").wait_for()

    patient = Patient.objects.get(full_name="Jordan Synthetic")
    page.goto(f"/patients/{patient.pk}/log/")
    assert_accessible(page, "audit-log")
    rows = page.get_by_role("row")
    assert rows.filter(has_text="helper@example.org").filter(has_text="viewed").count() >= 1
    assert rows.filter(has_text="parent@example.org").filter(has_text="created").count() == 1


def test_a_stranger_sees_not_found(new_page, django_user_model, patient):
    django_user_model.objects.create_user("nosy@example.org", "a-synthetic-passphrase-1")
    page = new_page()
    _log_in(page, "nosy@example.org", "a-synthetic-passphrase-1")
    page.wait_for_url("**/today/")
    response = page.goto(f"/patients/{patient.pk}/")
    assert response.status == 404
