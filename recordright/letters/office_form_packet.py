"""The office's own form in the request packet: a cover page, then the form.

    prepare(context, name, data) -> PreparedForm   plan one stored form; its ``pdf`` is
                                                   filled and flattened when first asked for
    packet_parts(context, forms) -> list[bytes]     cover page + form, for each form

A form with fields goes filled in and flattened (``form_filling``); a form without fields (a
scanned paper form) goes as it is, and its cover page says that the letter before it is a
written request with the information the form asks for, which is valid under 45 CFR
164.524(b)(1) (the citation comes from the rules catalog). When the form asks for a Social
Security number, the cover page says why it is blank.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import weasyprint
from django.template.loader import render_to_string
from django.utils import translation

from recordright.dates import us_date
from recordright.letters import form_filling, office_forms
from recordright.letters.citing import cite, printed
from recordright.letters.context import LetterContext

DEFAULT_LANGUAGE = "en-us"


@dataclass(frozen=True)
class PreparedForm:
    name: str  # the file name the user uploaded
    fillable: bool
    planned: tuple[form_filling.Planned, ...]
    data: bytes = field(repr=False)  # the stored form, as uploaded
    pk: int | None = None  # the stored form's id, for the page that offers to remove it

    @cached_property
    def pdf(self) -> bytes:
        """Filled and flattened, or the form as it is. Filled only when asked for (the letter
        page shows only ``planned``), and once. Raises FormError if it cannot be filled."""
        return form_filling.fill_checked(self.data, list(self.planned)) if self.fillable \
            else self.data

    @property
    def asks_ssn(self) -> bool:
        return any(item.status == "ssn" for item in self.planned)

    @property
    def filled(self) -> list[form_filling.Planned]:
        return [item for item in self.planned if item.status == "filled"]

    @property
    def left_blank(self) -> list[form_filling.Planned]:
        return [item for item in self.planned if item.status != "filled"]


def prepare(context: LetterContext, name: str, data: bytes, pk: int | None = None
            ) -> PreparedForm:
    """The stored form ``data`` planned from ``context``. Raises FormError if it cannot be read.
    The form passed ``check_form`` when uploaded, so it is filled once (``pdf``), not tried
    first."""
    info = form_filling.read_form(data)
    planned = form_filling.plan(info, office_forms.form_values(context))
    return PreparedForm(name=name, fillable=info.fillable, planned=tuple(planned), data=data,
                        pk=pk)


def cover_html(context: LetterContext, form: PreparedForm, *,
               language: str = DEFAULT_LANGUAGE) -> str:
    with translation.override(language):
        return render_to_string("letters/office_form_cover.html", {
            "c": context, "form": form, "office": context.recipient.name,
            "patient_name": context.patient.name,
            "dob": us_date(context.patient.date_of_birth), "today": us_date(context.today),
            "request_citation": printed(cite("access.request")), "signer": context.signer,
            "language": language.split("-")[0]})


def packet_parts(context: LetterContext, forms: list[PreparedForm]) -> list[bytes]:
    """For each form: its cover page, then the form. To go after the letter."""
    parts = []
    for form in forms:
        parts.append(weasyprint.HTML(string=cover_html(context, form)).write_pdf())
        parts.append(form.pdf)
    return parts
