from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClosedPracticesConfig(AppConfig):
    name = "recordright.closed_practices"
    label = "closed_practices"
    verbose_name = _("Closed practices")

    def ready(self) -> None:
        from recordright.closed_practices.models import ClosedPracticeSearch
        from recordright.web import removal

        removal.name(ClosedPracticeSearch, _("search for a closed practice's records"),
                     _("searches for closed practices' records"))
