from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VaultConfig(AppConfig):
    name = "recordright.vault"
    label = "vault"
    verbose_name = _("Vault")

    def ready(self) -> None:
        from recordright.filestore import registry
        from recordright.vault import deleting, stored_files
        from recordright.vault.models import Document, Entry, FhirChunk
        from recordright.web import removal

        registry.register_source("vault", stored_files.stored_files)
        deleting.connect()
        removal.name(Document, _("document in the vault"), _("documents in the vault"))
        removal.count_files_with(Document, deleting.files_of)
        removal.name(Entry, _("entry read from the documents"),
                     _("entries read from the documents"))
        removal.count_files_with(FhirChunk, lambda chunks: len(chunks))
