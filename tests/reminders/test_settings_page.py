"""The reminder settings page at /reminders/settings/."""

import pytest
from django.urls import reverse

from recordright.reminders.models import ReminderSettings
from tests.reminders.conftest import verify

pytestmark = pytest.mark.django_db
URL = reverse("reminders:settings")


def test_it_shows_the_defaults_to_a_new_user(owner_client, owner):
    verify(owner)
    page = owner_client.get(URL).content.decode()
    assert 'name="email_enabled"' in page and "checked" in page
    assert 'name="days_before" value="3"' in page
    assert "not verified" not in page


def test_it_saves_the_users_choice(owner_client, owner):
    response = owner_client.post(URL, {"days_before": "7"})  # unchecked box: emails off
    assert response.status_code == 302
    saved = ReminderSettings.objects.get(user=owner)
    assert (saved.email_enabled, saved.days_before) == (False, 7)


@pytest.mark.parametrize("typed", ["99", "-1", "soon"])
def test_it_refuses_a_bad_threshold_keeps_what_was_typed_and_changes_nothing(
        owner_client, owner, typed):
    ReminderSettings.objects.create(user=owner, days_before=5)
    response = owner_client.post(URL, {"email_enabled": "on", "days_before": typed})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="errorlist' in page
    assert f'value="{typed}"' in page
    assert ReminderSettings.objects.get(user=owner).days_before == 5


def test_it_warns_when_the_address_is_not_verified(owner_client):
    page = owner_client.get(URL).content.decode()
    assert "is not verified yet" in page
    assert reverse("account_email") in page


def test_it_shows_each_user_only_their_own_settings(owner_client, caregiver_client, owner,
                                                    caregiver, stranger_client, patient):
    ReminderSettings.objects.create(user=owner, days_before=9)
    for client in (caregiver_client, stranger_client):
        assert 'name="days_before" value="3"' in client.get(URL).content.decode()
    caregiver_client.post(URL, {"days_before": "1"})
    assert ReminderSettings.objects.get(user=owner).days_before == 9
    assert ReminderSettings.objects.get(user=caregiver).days_before == 1


def test_it_is_linked_from_the_account_page(owner_client):
    assert URL in owner_client.get(reverse("accounts:settings")).content.decode()


def test_it_asks_for_a_login(client):
    assert client.get(URL).status_code == 302
