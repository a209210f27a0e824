"""What happens when patients are added and people are invited or removed."""

from __future__ import annotations

import unicodedata

from allauth.account.internal.flows.manage_email import sync_user_email_address
from allauth.account.models import EmailAddress
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from recordright.audit.log import record
from recordright.audit.models import AuditEntry
from recordright.filenames import fit
from recordright.mail import email_is_configured
from recordright.patients.models import Invitation, Patient, PatientAccess, Role
from recordright.web.links import absolute_url


@transaction.atomic
def add_patient(user, patient: Patient, *, relationship: str, legal_basis: str,
                document=None, kin: str = "") -> PatientAccess:
    patient.save()
    link = PatientAccess(patient=patient, user=user, role=Role.OWNER,
                         relationship=relationship, legal_basis=legal_basis, kin=kin)
    if document:
        link.authority_document_name = fit(
            document.name, PatientAccess._meta.get_field("authority_document_name").max_length,
            default="document")
        link.authority_document = document
    link.save()
    record(user, patient, AuditEntry.Action.CREATE, "patient", patient)
    return link


def invite(*, inviter, patient: Patient, email: str, role: str, relationship: str
           ) -> tuple[str, bool]:
    """Create an invitation, email it (when email is set up), and return the link, which
    the inviter is shown too, and whether the mail server accepted the email."""
    invitation, token = Invitation.issue(patient=patient, email=email, role=role,
                                         invited_by=inviter, relationship=relationship)
    link = absolute_url(reverse("patients:accept", args=[token]))
    record(inviter, patient, AuditEntry.Action.SHARE, f"invitation ({role})", invitation)
    if not email_is_configured():
        return link, False
    # The email names no patient: only who invites, and a link to log in and see.
    sent = send_mail(
        subject=_("%(name)s invites you to recordright") % {"name": inviter.name_for_letters},
        message=_("%(name)s has invited you to help with someone's medical records on "
                  "recordright.\n\nOpen this link to accept (it works for 14 days):\n%(link)s\n")
        % {"name": inviter.name_for_letters, "link": link},
        from_email=None, recipient_list=[email], fail_silently=True)
    return link, sent == 1


def invited_address(invitation: Invitation, user) -> EmailAddress | None:
    """The user's own address that the invitation was sent to, verified or not; None when
    the account has no such address (the link was forwarded or leaked)."""
    sync_user_email_address(user)  # accounts made outside sign-up have no address row yet
    return EmailAddress.objects.filter(user=user, email__iexact=invitation.email).first()


@transaction.atomic
def accept(invitation: Invitation, user, *, legal_basis: str) -> PatientAccess:
    link, created = PatientAccess.objects.get_or_create(
        patient=invitation.patient, user=user,
        defaults={"role": invitation.role, "relationship": invitation.relationship,
                  "legal_basis": legal_basis, "invited_by": invitation.invited_by})
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    if created:
        record(user, invitation.patient, AuditEntry.Action.SHARE, "accepted invitation", link)
    return link


def name_key(name: str) -> str:
    """A name as a person would compare it: accents, case and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def same_person(user, full_name: str, date_of_birth) -> Patient | None:
    """A patient the user already has with this name and date of birth (archived too)."""
    if not full_name or date_of_birth is None:
        return None
    key = name_key(full_name)
    candidates = Patient.objects.filter(access__user=user, date_of_birth=date_of_birth)
    return next((p for p in candidates.order_by("pk") if name_key(p.full_name) == key), None)


class LastOwnerError(ValueError):
    pass


@transaction.atomic
def remove_access(by, link: PatientAccess) -> None:
    owners = PatientAccess.objects.filter(patient=link.patient, role=Role.OWNER)
    if link.role == Role.OWNER and owners.count() == 1:
        raise LastOwnerError(_("A patient must keep at least one owner."))
    what = f"access of {link.user.email}"[:AuditEntry._meta.get_field("what").max_length]
    record(by, link.patient, AuditEntry.Action.REVOKE, what, link)
    link.delete()
