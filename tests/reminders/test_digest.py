"""Which items a reminder names and how it words them (recordright/reminders/digest.py)."""

from datetime import date
from types import SimpleNamespace

from recordright.reminders.digest import Reason, reason_for, reminders_for, short_names
from recordright.requests.choices import Urgency
from tests.reminders.conftest import TODAY, item

MILO = SimpleNamespace(pk=1, full_name="Milo Synthetic")
MILA = SimpleNamespace(pk=2, full_name="Milo Testcase")
ROSA = SimpleNamespace(pk=3, full_name="Rosa Example")


def test_it_picks_overdue_due_soon_and_complaint_windows_and_not_far_deadlines():
    cases = {
        date(2025, 12, 22): Reason.OVERDUE,
        TODAY: Reason.DUE_TODAY,
        date(2025, 12, 26): Reason.DUE_SOON,
        date(2025, 12, 27): None,
    }
    for due, expected in cases.items():
        found = item(MILO, due=due, urgency=Urgency.WAITING, title="Expect the records")
        assert reason_for(found, TODAY, 3, []) == expected, due
    complaint = item(MILO, action="file_ocr_complaint", title="File the complaint",
                     due=date(2026, 1, 5), urgency=Urgency.TO_DO)
    assert reason_for(complaint, TODAY, 3, [complaint.uid]) == Reason.COMPLAINT_WINDOW
    late = item(MILO, action="file_ocr_complaint", due=date(2026, 3, 1), urgency=Urgency.WAITING)
    assert reason_for(late, TODAY, 3, []) is None


def test_it_counts_an_item_as_new_only_when_it_is_actionable_and_unknown():
    send = item(MILO, action="send", title="Send the request", due=None, urgency=Urgency.TO_DO)
    waiting = item(MILO, action="wait", due=None, urgency=Urgency.WAITING)
    assert reason_for(send, TODAY, 3, []) == Reason.NEW
    assert reason_for(send, TODAY, 3, [send.uid]) is None
    assert reason_for(waiting, TODAY, 3, []) is None


def test_it_respects_the_users_threshold():
    soon = item(MILO, due=date(2025, 12, 30), urgency=Urgency.WAITING)
    assert reason_for(soon, TODAY, 3, []) is None
    assert reason_for(soon, TODAY, 7, []) == Reason.DUE_SOON


def test_it_uses_first_names_and_adds_an_initial_only_when_two_patients_share_one():
    names = short_names([item(MILO), item(MILA), item(ROSA)])
    assert names == {1: "Milo S.", 2: "Milo T.", 3: "Rosa"}


def test_it_words_a_line_with_name_holder_date_and_action_and_sorts_overdue_first(settings):
    settings.SITE_URL = "https://records.example.org"
    items = [item(ROSA, request_id=2, action="send", title="Send the request", due=None,
                  urgency=Urgency.TO_DO),
             item(MILO, due=date(2025, 12, 22))]
    reminders = reminders_for(items, TODAY, 3, [])
    assert [r.reason for r in reminders] == [Reason.OVERDUE, Reason.NEW]
    assert reminders[0].text == ("Milo — Springfield Clinic: the deadline passed on "
                                 "Dec 22, 2025. Send the late notice.")
    assert reminders[0].link == "https://records.example.org/requests/1/letters/send_late_notice/"
    assert reminders[1].text == "Rosa — Springfield Clinic: new today. Send the request."
