"""The app's URLs plus three that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from recordright.urls import handler400, handler403, handler404, handler500  # noqa: F401
from recordright.urls import urlpatterns as app_patterns


def bad(request):
    raise SuspiciousOperation("synthetic bad request")


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("synthetic failure")


urlpatterns = [path("fail/400/", bad), path("fail/403/", forbidden),
               path("fail/500/", broken), *app_patterns]
