"""The bridge to the rights engine: case building, receipt dates, stored answers."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from recordright.requests.assessment import ASSUMED_MAIL_DAYS, assess_request, build_case
from recordright.requests.models import NEVER_ASSESSED, RecordsRequest
from recordright.requests.stored_assessments import refresh, refresh_stale
from recordright.requests.timeline import add_event, add_note
from recordright.rules import parse_case

pytestmark = pytest.mark.django_db


def test_it_treats_a_request_mailed_40_days_ago_with_no_answer_as_overdue(sent_request, today):
    req = sent_request(40)
    result = assess_request(req, today=today)
    assert result.status == "overdue"
    assert "late_response" in [f["code"] for f in result.findings]
    assert result.receipt.assumed
    assert result.receipt.on == today - timedelta(days=40 - ASSUMED_MAIL_DAYS)
    assert result.deadline == result.receipt.on + timedelta(days=30)


def test_it_lets_the_delivery_date_override_the_mail_assumption(sent_request, owner, today):
    req = sent_request(40)
    add_event(req, type="delivered", on=today - timedelta(days=38), user=owner)
    result = assess_request(req, today=today)
    assert not result.receipt.assumed
    assert result.receipt.on == today - timedelta(days=38)
    assert result.deadline == today - timedelta(days=8)


def test_it_counts_email_from_the_email_timestamp(sent_request, owner, today):
    req = sent_request(3, channel="email")
    req.events.update(email_sent_at=timezone.make_aware(
        datetime.combine(today - timedelta(days=3), datetime.min.time().replace(hour=9))))
    result = assess_request(req, today=today)
    assert not result.receipt.assumed
    assert result.receipt.on == today - timedelta(days=3)
    assert result.status == "pending"


def test_it_assumes_same_day_receipt_for_fax_and_says_so(sent_request, today):
    result = assess_request(sent_request(2, channel="fax"), today=today)
    assert result.receipt.on == today - timedelta(days=2)
    assert result.receipt.assumed
    assert "Assumed" in result.receipt.explanation


def test_it_takes_an_earlier_answer_as_proof_of_receipt(sent_request, owner, today):
    req = sent_request(10)
    add_event(req, type="acknowledged", on=today - timedelta(days=8), user=owner)
    assert assess_request(req, today=today).receipt.on == today - timedelta(days=8)


def test_it_has_no_clock_before_the_request_is_sent(make_request, today):
    req = make_request()
    assert build_case(req, []) is None
    assert assess_request(req, today=today).status == "draft"


def test_it_builds_a_case_the_engine_accepts_with_every_event_kind(sent_request, owner, today):
    req = sent_request(20, state="IL", all_records=False, record_types=["notes", "imaging"])
    day = today - timedelta(days=10)
    add_event(req, type="extension_notice", on=day, user=owner,
              facts={"in_writing": True, "reasons_given": True, "new_date": None})
    add_event(req, type="fee_quote", on=day, user=owner,
              facts={"amount": 25.0, "components": ["search_retrieval"], "pages": None,
                     "per_page_rate": None, "disclosed_in_advance": None})
    add_event(req, type="condition_imposed", on=day, user=owner,
              facts={"what": "pay_outstanding_bill"})
    add_note(req, day, "Called; Ms. Example said it is in the queue.", owner)
    case = build_case(req, list(req.events.all()))
    parsed = parse_case(case)
    assert parsed.requester == "personal_representative"
    assert parsed.representative == "parent_of_minor"
    assert parsed.request.records == ("medical", "imaging")
    assert [e.type for e in parsed.events] == ["extension_notice", "fee_quote",
                                               "condition_imposed"]


def test_a_reminder_letter_the_person_sent_renews_a_continuing_refusal(sent_request, owner,
                                                                         today):
    # Records withheld for months: the complaint window counts from the last written
    # reminder the person sent (45 CFR 160.306(b)(3)), not from the missed deadline.
    req = sent_request(250)
    reminded = today - timedelta(days=20)
    add_event(req, type="letter_sent", on=reminded, user=owner, channel="mail",
              letter_kind="reminder")
    add_event(req, type="letter_sent", on=today - timedelta(days=5), user=owner,
              channel="mail", letter_kind="fee_dispute")
    case = build_case(req, list(req.events.all()))
    assert [e["type"] for e in case["events"]] == ["reminder_sent"]
    window = {f["code"]: f for f in assess_request(req, today=today).findings}[
        "complaint_deadline"]
    assert window["window_from"] == reminded.isoformat()
    assert window["continuing"] is True and window["good_cause_waiver"] is False


def test_it_finds_an_unpaid_bill_denial_not_permitted(sent_request, owner, today):
    req = sent_request(12)
    add_event(req, type="denial", on=today - timedelta(days=2), user=owner,
              facts={"grounds": ["unpaid_bill"], "scope": "full", "in_writing": True,
                     "licensed_professional_determination": False, "notice": {}})
    result = assess_request(req, today=today)
    assert result.status == "denied"
    codes = {f["code"]: f for f in result.findings}
    assert "denial_not_permitted" in codes
    assert codes["denial_not_permitted"]["citation"].startswith("45 CFR 164.524")
    assert "file_ocr_complaint" in [s["action"] for s in result.next_steps]


def test_it_stores_the_answer_and_marks_it_stale_when_an_event_is_added(sent_request, owner,
                                                                         today):
    req = sent_request(40)
    refresh(req, today)
    req.refresh_from_db()
    assert req.assessed_on == today and req.assessment["status"] == "overdue"
    add_event(req, type="records_provided", on=today, user=owner, facts={"complete": True})
    req.refresh_from_db()
    assert req.assessed_on == NEVER_ASSESSED
    assert refresh_stale(RecordsRequest.objects.all(), today) == 1
    req.refresh_from_db()
    assert req.assessment["status"] in ("fulfilled_late", "fulfilled")
    assert req.agenda_items[0]["action"] == "check_records"


def test_it_re_assesses_a_stored_answer_on_a_new_day(sent_request, today):
    req = sent_request(20)
    refresh(req, today - timedelta(days=15))
    req.refresh_from_db()
    assert req.assessment["status"] == "pending"
    assert refresh_stale(RecordsRequest.objects.all(), today) == 1
    req.refresh_from_db()
    assert req.assessed_on == today


def test_it_refreshes_every_stale_answer_in_the_daily_task(sent_request, today):
    from recordright.requests.tasks import refresh_assessments

    req = sent_request(40)
    refresh_assessments.enqueue()
    req.refresh_from_db()
    assert req.assessed_on == today and req.agenda_items[0]["action"] == "send_reminder"
