from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PatientsConfig(AppConfig):
    name = "recordright.patients"
    label = "patients"
    verbose_name = _("Patients")

    def ready(self) -> None:
        from recordright.filestore import registry
        from recordright.patients.models import KeptFile, PatientAccess

        registry.register(PatientAccess, "authority_document")
        registry.register(KeptFile, "file")
        from recordright.patients.models import Invitation
        from recordright.web import removal

        removal.name(PatientAccess, _("person with access"), _("people with access"))
        removal.name(Invitation, _("invitation"), _("invitations"))
        removal.name(KeptFile, _("kept file"), _("kept files"))
