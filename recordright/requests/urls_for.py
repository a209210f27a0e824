"""Where to act on a due item: the letter for the step, or the event form. No queries."""

from __future__ import annotations

from django.urls import reverse

from recordright.letters.registry import DEPENDS_ON_STATUS, kind_for_step

# The app's own agenda actions, beside the engine's next steps.
APP_ACTIONS = ("send", "check_records")


def action_url(request_id: int, action: str) -> str:
    """The letter for the step (through the letters registry), else where to record what
    happened. A step whose letter depends on the day's status opens "follow-up", which the
    letter page resolves from the stored answer."""
    detail = reverse("requests:detail", args=[request_id])
    if action == "send":
        return reverse("requests:letter", args=[request_id, "first"])
    if action == "check_records":
        return f"{detail}#records"
    if action in DEPENDS_ON_STATUS:
        return reverse("requests:letter", args=[request_id, "follow-up"])
    kind = kind_for_step({"action": action})
    if kind is not None:
        return reverse("requests:letter", args=[request_id, kind])
    return f"{detail}#add-event"
