"""The site's front page. The web app is the shell every app builds on (base layout,
middleware, checks, the worker): it imports no domain app, so any of them may use it."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _


def home(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "web/home.html")


# Error pages keep the site's layout and navigation, so nobody is left on a bare page.
ERRORS = {
    400: (_("This request could not be understood"),
          _("Something in what the browser sent could not be read. Go back and try again; "
            "if it happens again, reload the page first.")),
    403: (_("You may not do this"),
          _("Your account may not open this page or make this change. If someone shared a "
            "patient with you, they can give you more rights.")),
    404: (_("Page not found"),
          _("There is no page here, or it is not one your account may see. It may have been "
            "moved or removed.")),
    500: (_("Something went wrong on our side"),
          _("The page could not be shown. What you just did may not have been saved: check "
            "before you do it again. The error is logged for the administrator.")),
}


def _error_page(request, status: int):
    title, explanation = ERRORS[status]
    context = {"title": title, "explanation": explanation, "status": status}
    try:
        return render(request, "web/error.html", context, status=status)
    except Exception:  # noqa: BLE001 - the database may be what failed: render without it
        from django.contrib.auth.models import AnonymousUser
        from django.http import HttpResponse
        from django.template.loader import render_to_string

        html = render_to_string("web/error.html", {**context, "user": AnonymousUser()})
        return HttpResponse(html, status=status)


def bad_request(request, exception=None):
    return _error_page(request, 400)


def permission_denied(request, exception=None):
    return _error_page(request, 403)


def page_not_found(request, exception=None):
    return _error_page(request, 404)


def server_error(request):
    return _error_page(request, 500)
