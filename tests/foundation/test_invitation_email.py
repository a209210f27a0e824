"""An invitation says "sent" only when the mail server accepted it."""

import pytest
from django.urls import reverse

from tests.smtp import free_port, smtp_server, use_smtp_server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

INVITE = {"email": "helper@example.org", "role": "viewer", "relationship": "other"}


def test_an_accepted_invitation_email_says_sent(owner_client, patient, use_smtp_server):  # noqa: F811
    response = owner_client.post(reverse("patients:invite", args=[patient.pk]), INVITE,
                                 follow=True)
    assert "Invitation sent to helper@example.org" in response.content.decode()
    (message,) = use_smtp_server.wait_for(1)
    assert message["To"] == "helper@example.org"


def test_an_invitation_the_mail_server_did_not_take_says_so(owner_client, patient, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 2
    response = owner_client.post(reverse("patients:invite", args=[patient.pk]), INVITE,
                                 follow=True)
    page = response.content.decode()
    assert "Invitation sent" not in page
    assert "the email could not be sent" in page and "/patients/invitations/" in page
