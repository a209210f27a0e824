from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvidersConfig(AppConfig):
    name = "recordright.providers"
    label = "providers"
    verbose_name = _("Providers")

    def ready(self) -> None:
        from recordright.filestore import registry
        from recordright.providers.models import OfficeForm, Provider
        from recordright.web import removal

        registry.register(OfficeForm, "document")
        removal.name(Provider, _("provider"), _("providers"))
