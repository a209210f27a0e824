"""Today's list: the due actions across every patient the user can see (the agenda)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from recordright.patients.access import patients_for_user
from recordright.requests.agenda import agenda_counts, due_items_for_user
from recordright.requests.choices import Urgency

# The dashboard reads at most this many requests; the rest are counted, not loaded.
DASHBOARD_REQUESTS = 50


@login_required
def dashboard(request):
    """What to do today: the due actions across every patient the user can see."""
    today = timezone.localdate()
    items = due_items_for_user(request.user, today, limit=DASHBOARD_REQUESTS,
                               include_waiting=False)
    counts = agenda_counts(request.user, today)
    return render(request, "requests/dashboard.html", {
        "items": items, "more": max(0, counts["to_act"] - DASHBOARD_REQUESTS),
        "waiting": counts["waiting"], "today": today, "urgency": Urgency,
        "has_patients": bool(items) or patients_for_user(request.user).exists()})
