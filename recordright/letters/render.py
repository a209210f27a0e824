"""The one place letters are rendered: a ``LetterContext`` in, HTML or PDF out.

    render_html(context) -> str           the letter as a standalone HTML page (preview)
    render_pdf(context) -> bytes          the letter as a US Letter PDF
    render_pdf_with_attachments(context, attachments) -> bytes
                                          the letter followed by the attached documents
    missing_facts(context) -> list[str]   why the letter cannot be written yet ([] if it can)

Rendering a letter whose kind reports missing facts raises ``LetterNotPossible``, so
a late notice without a deadline can never be printed.
"""

from __future__ import annotations

import weasyprint
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from recordright.letters.attachments import AttachmentError, merge_pdfs, to_pdf
from recordright.letters.context import LetterContext
from recordright.letters.present import template_context
from recordright.letters.registry import get_kind

# Letters go to US records offices; other languages can be asked for explicitly.
DEFAULT_LANGUAGE = "en-us"


class LetterNotPossible(ValueError):
    """The context lacks facts this kind of letter cannot do without."""

    def __init__(self, kind_id: str, missing: list[str]):
        self.kind_id = kind_id
        self.missing = missing
        super().__init__(f"{kind_id}: " + " ".join(missing))


def missing_facts(context: LetterContext) -> list[str]:
    return get_kind(context.kind).missing(context)


def render_html(context: LetterContext, *, language: str = DEFAULT_LANGUAGE,
                style_nonce: str = "") -> str:
    """``style_nonce``: the page's CSP nonce, when the letter is previewed inside a page."""
    kind = get_kind(context.kind)
    with translation.override(language):
        missing = kind.missing(context)
        if missing:
            raise LetterNotPossible(kind.id, missing)
        values = template_context(context, kind)
        if kind.extra_context is not None:
            values.update(kind.extra_context(context))
        values.update(language=language.split("-")[0], page_label=_("Page"), of_label=_("of"),
                      style_nonce=style_nonce)
        return render_to_string(kind.template, values)


def render_pdf(context: LetterContext, *, language: str = DEFAULT_LANGUAGE) -> bytes:
    html = render_html(context, language=language)
    document = weasyprint.HTML(string=html)
    return document.write_pdf()


def render_pdf_with_attachments(context: LetterContext, attachments: list[bytes], *,
                                language: str = DEFAULT_LANGUAGE) -> bytes:
    """The letter, then each attachment (a PDF, or an image placed on a Letter page).

    An attachment that cannot be read is left out rather than failing the letter: callers
    show ``attachments.problem_with(data)`` to the user and do not claim it is enclosed.
    """
    parts = [render_pdf(context, language=language)]
    for data in attachments:
        try:
            parts.append(to_pdf(data))
        except AttachmentError:
            continue
    return merge_pdfs(parts)
