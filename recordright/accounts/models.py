"""Users log in with their email address; there are no usernames."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    class Kind(models.TextChoices):
        PERSONAL = "personal", _("For myself and my family")
        ADVOCATE = "advocate", _("Advocate or legal-aid team")

    username = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("your full name"), max_length=200, blank=True)
    # Who signs a letter: its sender block prints the name, this address and phone, so that
    # a records office can answer and "mail it to my address above" has an address above.
    postal_address = models.TextField(_("your postal address"), blank=True, default="",
                                      db_default="")
    phone = models.CharField(_("your phone number"), max_length=40, blank=True, default="",
                             db_default="")
    kind = models.CharField(_("account type"), max_length=20, choices=Kind.choices,
                            default=Kind.PERSONAL)
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    is_demo = models.BooleanField(_("demo account"), default=False)
    # Created by the command line on an instance without accounts ("recordright patient add"):
    # no password until its owner sets one to sign in on the web.
    is_local = models.BooleanField(_("local account"), default=False, db_default=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def name_for_letters(self) -> str:
        return self.display_name or self.email

    @property
    def address_lines(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.postal_address.splitlines() if line.strip())

    @property
    def can_sign_letters(self) -> bool:
        """A full name and a postal address: what every letter's sender block needs."""
        return bool(self.display_name.strip() and self.address_lines)
