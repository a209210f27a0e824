"""Issue 14, item 9: an optional copy of the signer's photo ID, uploaded encrypted with the
signature, checked like an authority document, and added as the last page of an access
request the signer signs (never of a letter a helper prepares for the patient)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from recordright.letters.models import Signature

pytestmark = pytest.mark.django_db


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 400), "lightblue").save(out, format="JPEG")
    return out.getvalue()


def _upload(client, data: bytes, name="license.jpg", content_type="image/jpeg"):
    return client.post(reverse("letters:signature"), {
        "typed_name": "Alice Parent",
        "id_copy": SimpleUploadedFile(name, data, content_type=content_type)})


def _pages(client, req) -> tuple[int, str]:
    data = client.get(reverse("requests:letter-pdf", args=[req.pk, "access_request"])).content
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), " ".join(p.extract_text() for p in reader.pages)


def test_an_id_copy_is_stored_encrypted_and_added_as_the_last_page(owner_client, owner,
                                                                   make_request):
    req = make_request()
    before, text = _pages(owner_client, req)
    assert "photo identification" not in text
    assert _upload(owner_client, _photo()).status_code == 302
    stored = Signature.objects.get(user=owner)
    assert stored.id_copy and len(stored.id_copy_sha256) == 64
    with stored.id_copy.storage.open(stored.id_copy.name, "rb") as handle:
        assert handle.read() == _photo()  # read back through the store
    after, text = _pages(owner_client, req)
    assert after == before + 1
    assert "A copy of my photo identification is attached" in " ".join(text.split())
    page = owner_client.get(reverse("requests:letter", args=[req.pk, "access_request"]))
    assert "A copy of your photo ID is added as the last page." in page.content.decode()


def test_a_file_that_is_not_a_pdf_or_picture_is_refused_and_nothing_stored(owner_client,
                                                                           owner):
    response = _upload(owner_client, b"%PDF-1.4 cut off", name="id.pdf",
                       content_type="application/pdf")
    assert response.status_code == 200 and "incomplete" in response.content.decode()
    assert not Signature.objects.filter(user=owner).exclude(id_copy="").exists()


def test_a_helpers_id_never_goes_with_the_patients_letter(caregiver_client, make_request):
    _upload(caregiver_client, _photo())
    pages, text = _pages(caregiver_client, make_request())
    assert "photo identification" not in text


def test_the_id_copy_can_be_removed(owner_client, owner):
    _upload(owner_client, _photo())
    owner_client.post(reverse("letters:signature"), {"typed_name": "Alice Parent",
                                                     "remove_id_copy": "on"})
    assert not Signature.objects.get(user=owner).id_copy
