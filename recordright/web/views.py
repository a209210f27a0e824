from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from recordright.patients.access import patients_for_user


def home(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "web/home.html")


@login_required
def dashboard(request):
    """What to do today. The request journey fills this with due actions."""
    patients = patients_for_user(request.user)
    return render(request, "web/dashboard.html", {"patients": patients})
