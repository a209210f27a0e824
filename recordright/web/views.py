"""The site's front page. The web app is the shell every app builds on (base layout,
middleware, checks, the worker): it imports no domain app, so any of them may use it."""

from django.shortcuts import redirect, render


def home(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "web/home.html")
