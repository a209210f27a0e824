"""Reminder settings, the calendar feed's management page, and the feed itself."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from recordright.reminders import calendar, service
from recordright.reminders.forms import ReminderSettingsForm
from recordright.reminders.models import CalendarFeed, ReminderSettings
from recordright.web.links import absolute_url


@login_required
def reminder_settings(request):
    form = ReminderSettingsForm(request.POST or None,
                                instance=ReminderSettings.for_user(request.user))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your reminder settings are saved."))
        return redirect("reminders:settings")
    return render(request, "reminders/settings.html", {
        "form": form,
        "email_verified": service.email_is_verified(request.user),
        "feed": CalendarFeed.active_for(request.user),
    })


def feed_url(token: str) -> str:
    # The configured public address, not the request's Host header: calendar apps
    # must reach it from outside, and a spoofed Host must not shape the secret URL.
    return absolute_url(reverse("reminders:feed", args=[token]))


@login_required
def calendar_manage(request):
    """Make, regenerate or revoke the user's feed. A new URL is shown once, right here."""
    new_url = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ("create", "regenerate"):
            _feed, token = CalendarFeed.issue(request.user)
            new_url = feed_url(token)
        elif action == "revoke":
            if CalendarFeed.revoke_all(request.user):
                messages.success(request, _("The calendar feed is turned off. Calendar apps "
                                            "that had its address get nothing from it now."))
            return redirect("reminders:calendar")
        else:
            messages.error(request, _("Choose what to do with the calendar feed."))
            return redirect("reminders:calendar")
    return render(request, "reminders/calendar.html", {
        "feed": CalendarFeed.active_for(request.user), "new_url": new_url})


@require_safe
def calendar_feed(request, token: str):
    """The public feed. No login: the token in the URL is the credential."""
    feed = CalendarFeed.find_active(token)
    if feed is None:
        raise Http404
    day = timezone.localdate()
    items = calendar.feed_items(feed, day)
    calendar.note_fetch(feed, items, day)
    response = HttpResponse(calendar.build_calendar(items),
                            content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="recordright.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
