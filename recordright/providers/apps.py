from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvidersConfig(AppConfig):
    name = "recordright.providers"
    label = "providers"
    verbose_name = _("Providers")

    def ready(self) -> None:
        from recordright.providers.models import Provider
        from recordright.web import removal

        removal.name(Provider, _("provider"), _("providers"))
