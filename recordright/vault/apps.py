from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VaultConfig(AppConfig):
    name = "recordright.vault"
    label = "vault"
    verbose_name = _("Vault")

    def ready(self) -> None:
        from recordright.filestore import registry
        from recordright.vault import stored_files

        registry.register_source("vault", stored_files.stored_files)
