from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RequestsConfig(AppConfig):
    name = "recordright.requests"
    label = "requests"
    verbose_name = _("Records requests")

    def ready(self) -> None:
        from recordright.filestore import registry
        from recordright.requests import signals  # noqa: F401  (connects them)
        from recordright.requests.models import RequestEvent

        registry.register(RequestEvent, "evidence")
        from recordright.requests.models import RecordsRequest
        from recordright.web import removal

        removal.name(RecordsRequest, _("records request"), _("records requests"))
        removal.name(RequestEvent, _("timeline entry"), _("timeline entries"))
