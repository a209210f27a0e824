"""What the user typed in the request form, kept while they add a missing provider.

"Add a provider" in the request form submits the form: what was typed waits in the session
(server-side, in the encrypted database), the provider form returns to the request form
with the new provider, and the form comes back as it was, the new provider ticked.
"""

from __future__ import annotations

from django import forms
from django.http import QueryDict

SKIP = {"csrfmiddlewaretoken", "add_provider"}


def _key(patient_id: int) -> str:
    return f"request-draft-{patient_id}"


def stash(session, patient_id: int, data: QueryDict) -> None:
    session[_key(patient_id)] = {name: data.getlist(name) for name in data if name not in SKIP}


def restore(session, patient_id: int, form_fields: dict[str, forms.Field]) -> dict:
    """The stashed answers as the form's initial values (empty if none were kept)."""
    kept = session.pop(_key(patient_id), None) or {}
    initial = {}
    for name, values in kept.items():
        field = form_fields.get(name)
        if field is None:
            continue
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            initial[name] = values
        elif values:
            initial[name] = values[-1]
    return initial
