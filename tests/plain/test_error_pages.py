"""Error pages keep the site's navigation (issue 14, item 8), with DEBUG off."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.plain.error_urls")]

CASES = [("/fail/400/", 400, "could not be understood"), ("/fail/403/", 403, "may not do this"),
         ("/no/such/page/", 404, "Page not found"), ("/fail/500/", 500, "went wrong on our side")]


@override_settings(DEBUG=False)
@pytest.mark.parametrize(("url", "status", "words"), CASES)
def test_error_pages_keep_the_navigation(owner, url, status, words):
    client = Client(raise_request_exception=False)
    client.force_login(owner)
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == status
    assert words in page
    assert 'aria-label="Main"' in page and "/patients/" in page and "Log out" in page


@override_settings(DEBUG=False)
def test_a_logged_out_visitor_gets_the_navigation_too():
    response = Client().get("/no/such/page/")
    page = response.content.decode()
    assert response.status_code == 404 and "Log in" in page and 'aria-label="Main"' in page


@override_settings(DEBUG=False)
def test_a_patient_that_is_not_yours_gets_the_same_page(stranger, patient):
    client = Client()
    client.force_login(stranger)
    page = client.get(f"/patients/{patient.pk}/").content.decode()
    assert "Page not found" in page and patient.full_name not in page
