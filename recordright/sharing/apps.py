from django.apps import AppConfig


class SharingConfig(AppConfig):
    """From the vault to where it is needed: emergency summary, IPS, packet, share links.
    Imports the vault; the vault never imports it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "recordright.sharing"
    verbose_name = "Sharing"
