from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "recordright.letters"
    label = "letters"
    verbose_name = _("Letters")

    def ready(self) -> None:
        from recordright.filestore import registry
        from recordright.letters.models import Signature

        registry.register(Signature, "drawing")
        registry.register(Signature, "id_copy")
