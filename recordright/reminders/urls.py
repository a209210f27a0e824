from django.urls import path, re_path

from recordright.reminders import views

app_name = "reminders"
urlpatterns = [
    path("settings/", views.reminder_settings, name="settings"),
    path("calendar/", views.calendar_manage, name="calendar"),
    # token_urlsafe(32) gives 43 characters; anything that cannot be a token is a 404.
    re_path(r"^calendar/(?P<token>[A-Za-z0-9_-]{20,100})\.ics$", views.calendar_feed,
            name="feed"),
]
