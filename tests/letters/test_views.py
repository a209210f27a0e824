"""Letter pages: the list of kinds, samples, and each user's own signature."""

from __future__ import annotations

import base64
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from recordright.letters.models import Signature
from recordright.letters.registry import all_kinds
from recordright.letters.signatures import MAX_SIGNATURE_BYTES, signature_for

pytestmark = pytest.mark.django_db

PERSONAS = ["owner_client", "caregiver_client", "stranger_client"]


def data_url(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_explains_every_kind_to_any_logged_in_user(request, persona):
    response = request.getfixturevalue(persona).get(reverse("letters:index"))
    assert response.status_code == 200
    page = response.content.decode()
    for kind in all_kinds():
        assert str(kind.title) in page
        assert reverse("letters:sample_pdf", args=[kind.id]) in page
    assert "Ciox" in page


def test_it_sends_anonymous_visitors_to_log_in(client):
    for name, args in (("letters:index", []), ("letters:signature", []),
                       ("letters:sample_pdf", ["reminder"]), ("letters:signature_drawing", [])):
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_renders_a_synthetic_sample_as_pdf(request, persona):
    response = request.getfixturevalue(persona).get(
        reverse("letters:sample_pdf", args=["late_notice"]) + "?as=executor")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Morgan Sample" in text


def test_it_previews_a_sample_as_html(owner_client):
    response = owner_client.get(reverse("letters:sample_html", args=["fee_dispute"]))
    assert response.status_code == 200
    assert "45 CFR 164.524(c)(4)" in response.content.decode()


@pytest.mark.parametrize("url", ["/letters/sample/love_letter.pdf",
                                 "/letters/sample/reminder.pdf?as=landlord"])
def test_it_answers_404_for_an_unknown_kind_or_representative(owner_client, url):
    assert owner_client.get(url).status_code == 404


def test_it_saves_a_typed_signature(owner_client, owner):
    response = owner_client.get(reverse("letters:signature"))
    assert 'value="Alice Parent"' in response.content.decode()  # prefilled, not yet saved
    response = owner_client.post(reverse("letters:signature"), {"typed_name": "  Alice   Parent "})
    assert response.status_code == 302
    assert signature_for(owner) == ("Alice Parent", None)


def test_it_saves_a_drawing_encrypted_and_shows_it_only_to_its_owner(
        owner_client, caregiver_client, stranger_client, owner, signature_png):
    owner_client.post(reverse("letters:signature"),
                      {"typed_name": "Alice Parent", "drawing_data": data_url(signature_png)})
    name, png = signature_for(owner)
    assert name == "Alice Parent"
    assert Image.open(io.BytesIO(png)).size == (600, 200)
    stored = Signature.objects.get(user=owner).drawing
    with open(stored.path, "rb") as handle:  # on disk: encrypted, not a PNG
        assert not handle.read().startswith(b"\x89PNG")

    own = owner_client.get(reverse("letters:signature_drawing"))
    assert own.status_code == 200 and own["Content-Type"] == "image/png"
    for other in (caregiver_client, stranger_client):
        assert other.get(reverse("letters:signature_drawing")).status_code == 404
        assert "Alice Parent" not in other.get(reverse("letters:signature")).content.decode()


def test_it_rejects_an_oversized_upload_and_keeps_what_was_typed(owner_client, owner):
    big = SimpleUploadedFile("sig.png", b"\x89PNG" + b"0" * (MAX_SIGNATURE_BYTES + 1),
                             content_type="image/png")
    response = owner_client.post(reverse("letters:signature"),
                                 {"typed_name": "Alice Q. Parent", "drawing_file": big})
    assert response.status_code == 200
    page = response.content.decode()
    assert "too large" in page
    assert 'value="Alice Q. Parent"' in page
    assert not Signature.objects.filter(user=owner).exists()


def test_it_rejects_an_oversized_drawing_before_decoding_it(owner_client, owner):
    response = owner_client.post(reverse("letters:signature"), {
        "typed_name": "Alice Parent",
        "drawing_data": "data:image/png;base64," + "A" * (MAX_SIGNATURE_BYTES * 2)})
    assert "too large" in response.content.decode()
    assert not Signature.objects.filter(user=owner).exists()


def test_it_rejects_a_drawing_that_is_not_a_picture(owner_client, owner):
    response = owner_client.post(reverse("letters:signature"), {
        "typed_name": "Alice Parent", "drawing_data": data_url(b"<svg>not png</svg>")})
    assert "could not be read" in response.content.decode()
    assert not Signature.objects.filter(user=owner).exists()


def test_it_requires_a_typed_name(owner_client, owner, signature_png):
    response = owner_client.post(reverse("letters:signature"),
                                 {"typed_name": "   ", "drawing_data": data_url(signature_png)})
    assert response.status_code == 200
    assert not Signature.objects.filter(user=owner).exists()


def test_it_accepts_an_uploaded_photo_and_removes_it_on_request(owner_client, owner):
    out = io.BytesIO()
    Image.new("RGB", (800, 300), "white").save(out, format="JPEG")
    upload = SimpleUploadedFile("sig.jpg", out.getvalue(), content_type="image/jpeg")
    owner_client.post(reverse("letters:signature"),
                      {"typed_name": "Alice Parent", "drawing_file": upload})
    assert signature_for(owner)[1].startswith(b"\x89PNG")  # re-encoded as PNG
    owner_client.post(reverse("letters:signature"),
                      {"typed_name": "Alice Parent", "remove_drawing": "on"})
    assert signature_for(owner) == ("Alice Parent", None)


def test_it_previews_a_letter_with_the_users_own_signature(owner_client, signature_png):
    owner_client.post(reverse("letters:signature"),
                      {"typed_name": "Alice Parent", "drawing_data": data_url(signature_png)})
    response = owner_client.get(reverse("letters:sample_pdf", args=["reminder"]) + "?signature=1")
    reader = PdfReader(io.BytesIO(response.content))
    assert "Alice Parent" in reader.pages[-1].extract_text()
    assert list(reader.pages[-1].images)
