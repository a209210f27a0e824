from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClosedPracticesConfig(AppConfig):
    name = "recordright.closed_practices"
    label = "closed_practices"
    verbose_name = _("Closed practices")
