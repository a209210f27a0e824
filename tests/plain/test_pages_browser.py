"""The pages changed for issue 14 (items 7 and 8) pass axe and fit a 390 px phone: error
pages, the invite form, the next step after choosing a provider, the request form's "Add a
provider", a viewer's closed-practice page and the access log."""

from __future__ import annotations

import pytest

from recordright.patients.models import PatientAccess, Role
from recordright.providers.models import Provider
from tests.browser_support import assert_accessible

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def fits(page, name: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{name} is {width} px wide on a 390 px screen"
    assert_accessible(page, name)


def test_the_changed_pages_are_accessible_on_a_phone(new_page, owner, patient, make_user):
    provider = Provider.objects.create(owner=owner, name="Lakeside Family Practice",
                                       address="5 Lake Road", city="Springfield", state="IL",
                                       zip_code="62701")
    page = new_page(user=owner)
    page.goto("/no/such/page/")
    page.get_by_role("heading", name="Page not found").wait_for()
    page.get_by_role("navigation", name="Main").wait_for()
    fits(page, "error-404")

    page.goto(f"/patients/{patient.pk}/invite/")
    page.get_by_label("The patient's parent or guardian").check()
    fits(page, "invite")

    page.goto(f"/directory/?added={provider.pk}")
    page.get_by_role("link", name="Ask this provider for Sam Synthetic's records").click()
    page.wait_for_url(f"**/requests/new/{patient.pk}/?provider={provider.pk}")
    assert page.get_by_label("Lakeside Family Practice").is_checked()
    page.get_by_label("About a condition or event (optional)").fill("the broken ankle")
    page.get_by_role("button", name="Add a provider").click()
    page.locator("#id_name").fill("Hilltop Lab")
    page.locator("#id_address").fill("1 Hill Road")
    page.locator("#id_city").fill("Springfield")
    page.locator("#id_state").select_option("IL")
    page.locator("#id_zip_code").fill("62702")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/requests/new/{patient.pk}/**")
    assert page.get_by_label("Hilltop Lab").is_checked()
    assert page.get_by_label("Lakeside Family Practice").is_checked()
    assert page.get_by_label("About a condition or event (optional)").input_value() == (
        "the broken ankle")
    fits(page, "request-form-after-adding-a-provider")

    page.goto(f"/patients/{patient.pk}/log/")
    fits(page, "access-log")

    viewer = make_user("dana@example.org", display_name="Dana Viewer")
    PatientAccess.objects.create(patient=patient, user=viewer, role=Role.VIEWER)
    their_page = new_page(user=viewer)
    their_page.goto(f"/directory/closed/{patient.pk}/")
    their_page.get_by_text("Only people who may edit").wait_for()
    assert their_page.locator("form[method=post] button", has_text="Start").count() == 0
    fits(their_page, "closed-practices-viewer")
