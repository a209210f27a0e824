"""One-time tokens on the forms that create things, so a resubmitted page creates nothing.

Every create form carries a random token in a hidden field (``OnceFormMixin`` for Django
forms, ``{% once_token %}`` for a bare form). The view creates inside ``claimed(request)``,
which first inserts the token into ``UsedFormToken``; a second submission of the same page
(back button, double click, a reload that re-posts) fails on the unique constraint and is
sent to what the first one created, with a plain message, by ``once_only``::

    @once_only
    def add(request):
        ...
        with claimed(request) as claim:
            thing = create(...)
            claim.leads_to(thing.get_absolute_url())

A token is claimed only when the submission is valid, so a form shown again with its errors
keeps its token and can be corrected and sent. A post without a token (a page loaded before
tokens existed) is handled as before.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from recordright.web.models import UsedFormToken

FIELD = "once_token"
_MAX = UsedFormToken._meta.get_field("token").max_length


def new_token() -> str:
    return secrets.token_urlsafe(32)


class AlreadySubmitted(Exception):  # noqa: N818 - a state, not an error
    """This page was sent before; ``url`` is where the first submission led ("" if unknown)."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


class Claim:
    def __init__(self, row: UsedFormToken | None) -> None:
        self.row = row

    def leads_to(self, url: str) -> None:
        """Remember where the first submission led, for any later one."""
        if self.row is not None:
            self.row.result_url = url[:500]
            self.row.save(update_fields=["result_url"])


def token_of(request) -> str:
    token = request.POST.get(FIELD, "")
    return token if 0 < len(token) <= _MAX else ""


@contextmanager
def claimed(request) -> Iterator[Claim]:
    """One transaction: the token's row, then whatever the block creates.

    If the block fails, the token is free again; if the token was used, nothing runs and
    ``AlreadySubmitted`` is raised with where the first submission led.
    """
    token = token_of(request)
    if not token:
        with transaction.atomic():
            yield Claim(None)
        return
    try:
        with transaction.atomic():
            # Insert first and let the unique constraint decide: a concurrent twin waits on
            # this row and then fails, so it can never create anything too.
            with transaction.atomic():
                row = UsedFormToken.objects.create(token=token, user_id=_user_id(request))
            yield Claim(row)
    except IntegrityError as error:
        done = _already_submitted(request, token)
        if done is None:  # the integrity error came from the block itself
            raise
        raise done from error


def refuse_if_used(request) -> None:
    """Stop early when the page was sent before (so no other check answers first, such as
    "you already have this patient"). Only a shortcut: ``claimed`` is the guard."""
    token = token_of(request)
    if token and (done := _already_submitted(request, token)) is not None:
        raise done


def _user_id(request) -> int | None:
    return request.user.pk if request.user.is_authenticated else None


def _already_submitted(request, token: str) -> AlreadySubmitted | None:
    """The token's first use, if any; where it led is told only to the user who sent it."""
    first = UsedFormToken.objects.filter(token=token).first()
    if first is None:
        return None
    return AlreadySubmitted(first.result_url if first.user_id == _user_id(request) else "")


def once_only(view: Callable) -> Callable:
    """Send a resubmitted page to what its first submission created, and create nothing."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except AlreadySubmitted as done:
            messages.info(request, _(
                "This page was already sent, so nothing new was made. Here is what it made "
                "the first time."))
            return redirect(done.url or "home")
    return wrapper


class TokenInput(forms.TextInput):
    """The token as a text input that is never shown, not as ``type=hidden``: after a
    submission the back button loads the form page afresh (pages are ``no-store``) and the
    browser puts back what the form held, the ticked boxes and typed text, but never a
    hidden input's value, so the page would come back with a new token and create twice."""

    def __init__(self) -> None:
        super().__init__(attrs={"hidden": True, "tabindex": "-1", "aria-hidden": "true",
                                "class": "once-token"})

    @property
    def is_hidden(self) -> bool:  # rendered with the hidden fields, without a label
        return True


class OnceFormMixin(forms.Form):
    """Adds the one-time token; a form shown again keeps the token it was sent with."""

    once_token = forms.CharField(widget=TokenInput, required=False, max_length=_MAX)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial[FIELD] = new_token()

    def clean(self):
        cleaned = super().clean()
        # ``claimed`` reads the token from the request; it is never a value to save.
        cleaned.pop(FIELD, None)
        return cleaned

    def add_prefix(self, field_name: str) -> str:
        # One name on every page, whatever the form's prefix, for ``claimed`` to find.
        return FIELD if field_name == FIELD else super().add_prefix(field_name)
