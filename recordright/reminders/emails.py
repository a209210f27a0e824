"""The reminder email: one plain-text + HTML message per user per day."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from recordright.dates import us_date
from recordright.reminders.digest import Reason, Reminder
from recordright.web.links import absolute_url


def subject_for(reminders: list[Reminder]) -> str:
    # No names in the subject: it shows on lock screens and in notification previews.
    count = len(reminders)
    subject = ngettext("recordright: %(count)d thing to do", "recordright: %(count)d things to do",
                       count) % {"count": count}
    overdue = sum(1 for r in reminders if r.reason == Reason.OVERDUE)
    if overdue:
        subject += " " + _("(%(count)d overdue)") % {"count": overdue}
    return subject


def build_message(user, reminders: list[Reminder], day: date,
                  connection=None) -> EmailMultiAlternatives:
    context = {
        "user": user,
        "greeting_name": user.display_name.split()[0] if user.display_name.strip() else "",
        "reminders": reminders,
        "day": us_date(day, "short"),
        "site_url": settings.SITE_URL,
        "dashboard_url": absolute_url(reverse("dashboard")),
        "settings_url": absolute_url(reverse("reminders:settings")),
    }
    text = render_to_string("reminders/email/digest.txt", context)
    html = render_to_string("reminders/email/digest.html", context)
    message = EmailMultiAlternatives(subject=subject_for(reminders), body=text,
                                     from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email],
                                     connection=connection)
    message.attach_alternative(html, "text/html")
    # Ask mail systems not to send out-of-office replies to a daily robot.
    message.extra_headers["Auto-Submitted"] = "auto-generated"
    return message
