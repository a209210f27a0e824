"""Demo providers and requests in every state, for the demo account. All made up."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from recordright.providers.models import HolderType, Provider
from recordright.requests.models import RecordsRequest
from recordright.requests.timeline import add_event

DEMO_PROVIDERS = [
    ("Springfield Demo Family Practice", HolderType.PROVIDER, "100 Demo Avenue", "(555) 010-0201",
     "roi@practice.demo.invalid"),
    ("Demo General Hospital", HolderType.HOSPITAL, "1 Hospital Plaza", "(555) 010-0202", ""),
    ("Demo Diagnostics Lab", HolderType.CLINICAL_LAB, "", "(555) 010-0203",
     "results@lab.demo.invalid"),
    ("Demo Health Plan", HolderType.HEALTH_PLAN, "PO Box 100", "(555) 010-0204", ""),
    ("Demo Pediatrics", HolderType.PROVIDER, "22 Kids Way", "(555) 010-0205", ""),
    ("Demo Imaging Center", HolderType.PROVIDER, "7 Scan Street", "(555) 010-0206", ""),
]

DENIAL_UNPAID_BILL = {"grounds": ["unpaid_bill"], "scope": "full", "in_writing": True,
                      "licensed_professional_determination": False,
                      "notice": {"basis": True, "review_rights": False,
                                 "complaint_process": False,
                                 "statement_of_disagreement_rights": False}}


def _providers(user) -> list[Provider]:
    return [Provider.objects.create(
        owner=user, name=name, holder_type=kind, records_office="Release of Information",
        address=address, city="Springfield" if address else "", state="IL" if address else "",
        zip_code="62701" if address else "", phone=phone, email=email, is_demo=True)
        for name, kind, address, phone, email in DEMO_PROVIDERS]


def build(user, patients) -> None:
    """One request per state: draft, pending, extended, overdue, denied, fee, fulfilled."""
    today = timezone.localdate()
    dana, milo, walter = patients[:3]
    practice, hospital, lab, plan, pediatrics, imaging = _providers(user)
    for provider, patient in ((practice, dana), (hospital, dana), (lab, dana), (plan, dana),
                              (pediatrics, milo), (imaging, walter), (hospital, walter)):
        provider.patients.add(patient)

    def request(patient, provider, basis, sent_days_ago=None, channel="certified_mail", **kw):
        kw.setdefault("state", "IL")
        req = RecordsRequest.objects.create(patient=patient, provider=provider, created_by=user,
                                            requester_basis=basis, **kw)
        if sent_days_ago is not None:
            add_event(req, type="sent", on=today - timedelta(days=sent_days_ago), user=user,
                      channel=channel, tracking_number="9407 0000 0000 0000 0000 00"
                      if channel == "certified_mail" else "")
        return req

    request(dana, lab, "self")  # a draft, not sent yet
    request(dana, practice, "self", 10, channel="email")  # pending
    # Extended in writing (federal rule only: Illinois allows no 30-day extension like this).
    extended = request(dana, hospital, "self", 40, state="")
    add_event(extended, type="extension_notice", on=today - timedelta(days=20), user=user,
              facts={"in_writing": True, "reasons_given": True,
                     "new_date": (today + timedelta(days=10)).isoformat()},
              text="Letter from the records office: backlog after a system change.")
    overdue = request(milo, pediatrics, "parent_of_minor", 45)  # overdue, no answer
    add_event(overdue, type="call_note", on=today - timedelta(days=5), user=user,
              text="Called; the front desk said “we are working on it”.")
    denied = request(walter, imaging, "executor", 25, copy="paper", delivery="mail")
    add_event(denied, type="denial", on=today - timedelta(days=3), user=user,
              facts=DENIAL_UNPAID_BILL, text="They will release records once the balance is paid.")
    fee = request(dana, plan, "self", 20)
    add_event(fee, type="fee_quote", on=today - timedelta(days=6), user=user,
              facts={"amount": 85.0, "components": ["search_retrieval", "per_page"],
                     "pages": 120, "per_page_rate": 0.5, "disclosed_in_advance": True})
    fulfilled = request(walter, hospital, "executor", 40)
    add_event(fulfilled, type="records_provided", on=today - timedelta(days=12), user=user,
              facts={"complete": True, "form": "electronic", "summary_only": False})
