from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PatientsConfig(AppConfig):
    name = "recordright.patients"
    label = "patients"
    verbose_name = _("Patients")

    def ready(self) -> None:
        from recordright.filestore import registry
        from recordright.patients.models import PatientAccess

        registry.register(PatientAccess, "authority_document")
