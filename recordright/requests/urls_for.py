"""Where to act on a due item: the letter for the step, or the event form. No queries."""

from __future__ import annotations

from django.urls import reverse

from recordright.requests.letters import STEP_KIND


def action_url(request_id: int, action: str, urgency: int, right: str = "access") -> str:
    detail = reverse("requests:detail", args=[request_id])
    if action == "send":
        return reverse("requests:letter", args=[request_id, "first"])
    if action == "send_reminder":
        return reverse("requests:letter", args=[request_id, "follow-up"])
    if action in STEP_KIND:
        return reverse("requests:letter", args=[request_id, STEP_KIND[action]])
    if action == "check_records":
        return f"{detail}#records"
    return f"{detail}#add-event"
