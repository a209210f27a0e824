"""Letters from a request: the right kind for the step, prefilled, downloaded (audited)."""

import io
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from pypdf import PdfReader

from recordright.audit.models import AuditEntry
from recordright.patients.models import PatientAccess
from recordright.requests.timeline import add_event

pytestmark = pytest.mark.django_db


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def _pdf(client, req, kind):
    response = client.get(reverse("requests:letter-pdf", args=[req.pk, kind]))
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_it_renders_the_access_request_prefilled_and_audits_the_download(
        owner_client, make_request):
    req = make_request(condition="the broken ankle in 2014")
    page = owner_client.get(reverse("requests:letter", args=[req.pk, "first"]))
    assert page.status_code == 200
    data = _pdf(owner_client, req, "access_request")
    text = _pdf_text(data)
    assert "Sam Synthetic" in text and "164.524" in text
    assert "Social Security" not in text
    assert AuditEntry.objects.filter(action="download", what="letter access_request").exists()



def test_it_offers_a_late_notice_after_the_deadline(owner_client, sent_request):
    req = sent_request(45)
    response = owner_client.get(reverse("requests:letter", args=[req.pk, "follow-up"]))
    assert response.status_code == 200
    text = _pdf_text(_pdf(owner_client, req, "late_notice"))
    assert "164.524(b)(2)" in text


def test_it_offers_the_denial_reply_and_ocr_complaint_for_an_unpaid_bill(
        owner_client, owner, sent_request, today):
    req = sent_request(12)
    add_event(req, type="denial", on=today - timedelta(days=2), user=owner,
              facts={"grounds": ["unpaid_bill"], "scope": "full", "in_writing": True,
                     "licensed_professional_determination": False, "notice": {}})
    page = owner_client.get(req.get_absolute_url()).content.decode()
    assert reverse("requests:letter", args=[req.pk, "denial_reply"]) in page
    assert reverse("requests:letter", args=[req.pk, "ocr_complaint"]) in page
    assert "Sam Synthetic" in _pdf_text(_pdf(owner_client, req, "ocr_complaint"))
    _pdf(owner_client, req, "denial_reply")


def test_it_gives_a_stranger_404_for_letters(stranger_client, caregiver_client, make_request):
    req = make_request()
    for name in ("requests:letter", "requests:letter-pdf"):
        url = reverse(name, args=[req.pk, "access_request"])
        assert stranger_client.get(url).status_code == 404
        assert caregiver_client.get(url).status_code == 200
    assert stranger_client.post(reverse("requests:letter-send",
                                        args=[req.pk, "access_request"])).status_code == 404


def test_it_has_no_letter_for_an_unknown_kind(owner_client, make_request):
    req = make_request()
    url = reverse("requests:letter", args=[req.pk, "nonsense"])
    assert owner_client.get(url).status_code == 404


def test_it_records_a_certified_mailing_with_delivery_date(owner_client, make_request, today):
    req = make_request()
    response = owner_client.post(reverse("requests:letter-send", args=[req.pk, "access_request"]), {
        "how": "mail", "mailed_on": today - timedelta(days=6), "certified": "on",
        "tracking_number": "9407 1111 2222", "delivered_on": today - timedelta(days=3)})
    assert response.status_code == 302
    assert list(req.events.values_list("type", "channel")) == [
        ("sent", "certified_mail"), ("delivered", "certified_mail")]
    page = owner_client.get(req.get_absolute_url()).content.decode()
    assert "delivery confirmation" in page


def test_it_refuses_a_mailing_with_a_future_date_or_delivery_before_sending(
        owner_client, make_request, today):
    req = make_request()
    url = reverse("requests:letter-send", args=[req.pk, "access_request"])
    response = owner_client.post(url, {"how": "mail", "mailed_on": today + timedelta(days=1),
                                       "tracking_number": "9407 3333"})
    assert response.status_code == 400
    assert "in the future" in response.content.decode()
    assert "9407 3333" in response.content.decode()
    response = owner_client.post(url, {"how": "mail", "mailed_on": today,
                                       "delivered_on": today - timedelta(days=2)})
    assert "before the date you mailed it" in response.content.decode()
    assert not req.events.exists()


def test_it_says_clearly_when_a_mailed_letter_needs_an_address(owner_client, make_request,
                                                               provider, today):
    provider.address = ""
    provider.save()
    req = make_request()
    page = owner_client.get(reverse("requests:letter", args=[req.pk, "access_request"]))
    assert "has no mailing address yet" in page.content.decode()
    response = owner_client.post(reverse("requests:letter-send", args=[req.pk, "access_request"]),
                                 {"how": "mail", "mailed_on": today}, follow=True)
    assert "Add the records office" in response.content.decode()
    assert not req.events.exists()


def _authority(owner, patient):
    link = PatientAccess.objects.get(user=owner, patient=patient)
    link.authority_document.save("custody.pdf", ContentFile(_one_page_pdf()), save=False)
    link.authority_document_name = "custody order"
    link.save()
    return link


def _one_page_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_it_appends_the_authority_document_to_the_pdf(owner_client, owner, patient,
                                                      make_request):
    req = make_request()
    plain = PdfReader(io.BytesIO(_pdf(owner_client, req, "access_request")))
    _authority(owner, patient)
    with_doc = PdfReader(io.BytesIO(_pdf(owner_client, req, "access_request")))
    assert len(with_doc.pages) == len(plain.pages) + 1
