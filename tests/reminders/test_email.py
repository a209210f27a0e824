"""The daily reminder email, sent through a real local SMTP server and read back."""

from datetime import date, timedelta

import pytest

from recordright.audit.models import AuditEntry
from recordright.reminders.models import ReminderSent, ReminderSettings
from recordright.reminders.service import run_reminders
from recordright.requests.choices import Urgency
from tests.reminders.conftest import TODAY, item, verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings):
    settings.SITE_URL = "https://records.example.org"
    settings.DEFAULT_FROM_EMAIL = "recordright <reminders@example.org>"


def parts(message):
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return text, html


def test_it_sends_one_email_with_text_html_and_links(site, use_smtp_server, agenda,
                                                     verified_owner, patient):
    agenda.set(verified_owner, [
        item(patient),
        item(patient, request_id=2, action="send", title="Send the request to Shelbyville Lab",
             holder="Shelbyville Lab", due=None, urgency=Urgency.TO_DO)])
    report = run_reminders(TODAY)
    assert report.count("sent") == 1
    [message] = use_smtp_server.wait_for(1)
    assert message["To"] == "alice@example.org"
    assert message["From"] == "recordright <reminders@example.org>"
    assert message["Subject"] == "recordright: 2 things to do (1 overdue)"
    assert message["Auto-Submitted"] == "auto-generated"
    text, html = parts(message)
    line = "Sam — Springfield Clinic: the deadline passed on Dec 22, 2025. Send the late notice."
    assert line in text and line in html
    assert "Sam — Shelbyville Lab: new today. Send the request to Shelbyville Lab." in text
    assert "https://records.example.org/requests/1/letters/send_late_notice/" in text
    assert 'href="https://records.example.org/requests/1/letters/send_late_notice/"' in html
    assert 'href="https://records.example.org/reminders/settings/"' in html
    assert text.index("Springfield") < text.index("Shelbyville")  # overdue first
    assert agenda.calls == [(verified_owner.pk, TODAY)]


def test_it_names_only_the_first_name_and_never_in_the_subject(site, use_smtp_server, agenda,
                                                               verified_owner, patient):
    agenda.set(verified_owner, [item(patient)])
    run_reminders(TODAY)
    [message] = use_smtp_server.wait_for(1)
    text, html = parts(message)
    assert "Synthetic" not in text + html + message["Subject"]
    assert "Sam" not in message["Subject"]


def test_it_sends_once_a_day_however_often_it_runs(use_smtp_server, agenda, verified_owner,
                                                    patient):
    agenda.set(verified_owner, [item(patient)])
    assert run_reminders(TODAY).count("sent") == 1
    second = run_reminders(TODAY)
    assert second.count("sent") == 0 and second.count("already_sent") == 1
    assert run_reminders(TODAY + timedelta(days=1)).count("sent") == 1
    use_smtp_server.wait_for(2)
    assert len(use_smtp_server.messages) == 2
    assert ReminderSent.objects.filter(user=verified_owner).count() == 2


def test_it_sends_nothing_and_changes_nothing_on_a_dry_run(use_smtp_server, agenda,
                                                           verified_owner, patient):
    agenda.set(verified_owner, [item(patient)])
    report = run_reminders(TODAY, dry_run=True)
    assert report.count("would_send") == 1
    assert report.outcomes[0].reminders[0].text.startswith("Sam — Springfield Clinic")
    assert use_smtp_server.messages == []
    assert not ReminderSent.objects.exists()
    assert not ReminderSettings.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("change", ["reminders_off", "email_not_verified", "inactive", "demo"])
def test_it_sends_nothing_to_users_who_should_not_get_it(change, use_smtp_server, agenda,
                                                         owner, patient):
    if change != "email_not_verified":
        verify(owner)
    if change == "reminders_off":
        ReminderSettings.objects.create(user=owner, email_enabled=False)
    if change == "inactive":
        owner.is_active = False
        owner.save()
    if change == "demo":
        owner.is_demo = True
        owner.save()
    agenda.set(owner, [item(patient)])
    report = run_reminders(TODAY)
    assert report.count("sent") == 0
    assert use_smtp_server.messages == []
    assert not ReminderSent.objects.exists()


def test_it_sends_nothing_when_nothing_is_due(use_smtp_server, agenda, verified_owner, patient):
    agenda.set(verified_owner, [item(patient, due=date(2026, 2, 1), urgency=Urgency.WAITING)])
    assert run_reminders(TODAY).count("nothing_due") == 1
    assert use_smtp_server.messages == []


def test_it_writes_one_audit_entry_per_patient_named(use_smtp_server, agenda, verified_owner,
                                                     patient):
    agenda.set(verified_owner, [item(patient), item(patient, request_id=2)])
    run_reminders(TODAY)
    entries = AuditEntry.objects.filter(patient=patient)
    assert [(e.action, e.what, e.user_label) for e in entries] == [
        ("send", "reminder email", "alice@example.org")]


def test_it_mentions_a_new_item_once_and_then_only_when_it_falls_due(use_smtp_server, agenda,
                                                                     verified_owner, patient):
    send = item(patient, action="send", title="Send the request", due=None, urgency=Urgency.TO_DO)
    agenda.set(verified_owner, [send])
    assert run_reminders(TODAY).count("sent") == 1
    assert run_reminders(TODAY + timedelta(days=1)).count("nothing_due") == 1
    later = item(patient, request_id=3, action="send", title="Send the request", due=None,
                 urgency=Urgency.TO_DO)
    agenda.set(verified_owner, [send, later])
    report = run_reminders(TODAY + timedelta(days=2))
    assert [r.item.uid for r in report.outcomes[0].reminders] == ["request-3-send"]


def test_it_releases_the_days_claim_when_sending_fails_so_a_retry_sends(
        settings, use_smtp_server, agenda, verified_owner, patient):
    from tests.smtp import free_port

    agenda.set(verified_owner, [item(patient)])
    settings.EMAIL_PORT = free_port()  # nobody listens there
    failed = run_reminders(TODAY)
    assert failed.count("failed") == 1
    assert not ReminderSent.objects.exists()
    assert not AuditEntry.objects.exists()
    settings.EMAIL_PORT = use_smtp_server.port
    assert run_reminders(TODAY).count("sent") == 1
    use_smtp_server.wait_for(1)


def test_it_sends_each_user_their_own_items_only(use_smtp_server, agenda, verified_owner,
                                                 caregiver, stranger, patient):
    verify(caregiver)
    verify(stranger)
    agenda.set(verified_owner, [item(patient)])
    agenda.set(caregiver, [item(patient, request_id=7, title="Call the records office")])
    run_reminders(TODAY)
    messages = use_smtp_server.wait_for(2)
    by_to = {m["To"]: m.get_body(("plain",)).get_content() for m in messages}
    assert set(by_to) == {"alice@example.org", "bob@example.org"}
    assert "Call the records office" in by_to["bob@example.org"]
    assert "Call the records office" not in by_to["alice@example.org"]
    assert [e.rcpt_tos for e in use_smtp_server.envelopes] in (
        [("alice@example.org",), ("bob@example.org",)],
        [("bob@example.org",), ("alice@example.org",)])
