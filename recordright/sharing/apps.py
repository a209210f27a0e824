from django.apps import AppConfig


class SharingConfig(AppConfig):
    """From the vault to where it is needed: emergency summary, IPS, packet, share links.
    Imports the vault; the vault never imports it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "recordright.sharing"
    verbose_name = "Sharing"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from recordright.sharing.models import ShareLink, SummaryEdit
        from recordright.web import removal

        removal.name(ShareLink, _("share link"), _("share links"))
        removal.name(SummaryEdit, _("change to the emergency summary"),
                     _("changes to the emergency summary"))
