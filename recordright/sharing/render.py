"""The emergency summary on paper: a one-page PDF and a folded wallet card, both with a
QR code. When the site is public the QR code opens the summary online through a share
link; when it is not (a home computer), it carries the essentials as plain text, which
any phone camera reads offline.
"""

from __future__ import annotations

from dataclasses import replace

import segno
import weasyprint
from django.template.loader import render_to_string
from django.utils import timezone

from recordright.sharing.summary import Summary, essentials_text

# Fewer items per section until the summary fits on one page.
ITEM_LIMITS = (12, 8, 5, 3, 2)
# The card's QR code is 1.15 in wide: about 350 characters keep it readable by a phone.
CARD_QR_LIMIT = 350


def qr_data_uri(text: str) -> str:
    return segno.make(text, error="m", micro=False).svg_data_uri(scale=4, border=2)


def qr_content(summary: Summary, share_url: str | None, limit: int = 900
               ) -> tuple[str, bool]:
    """(what the QR code holds, whether it is a link). ``limit``: characters of text, so the
    code's modules stay large enough for a phone camera at the printed size."""
    if share_url:
        return share_url, True
    return essentials_text(summary, limit=limit), False


def _trimmed(summary: Summary, limit: int) -> Summary:
    items = {name: rows[:limit] for name, rows in summary.items.items()}
    more = {name: summary.more.get(name, 0) + max(0, len(rows) - limit)
            for name, rows in summary.items.items()}
    return replace(summary, items=items, more=more)


def pdf_document(name: str, context: dict) -> weasyprint.Document:
    """``sharing/<name>.html`` laid out with ``sharing/<name>.css``: the page templates hold
    no inline style (the CSP test reads every template), the PDFs get theirs here."""
    html = render_to_string(f"sharing/{name}.html", context)
    css = render_to_string(f"sharing/{name}.css", context)
    return weasyprint.HTML(string=html).render(stylesheets=[weasyprint.CSS(string=css)])


def _context(summary: Summary, share_url: str | None, qr_limit: int = 900) -> dict:
    content, is_link = qr_content(summary, share_url, qr_limit)
    return {"summary": summary, "patient": summary.patient, "qr": qr_data_uri(content),
            "qr_is_link": is_link, "share_url": share_url, "printed": timezone.localdate()}


def summary_pdf(summary: Summary, share_url: str | None = None) -> bytes:
    """One US Letter page, whatever the number of entries: trims the longest sections and
    says how many more there are."""
    for limit in ITEM_LIMITS:
        document = pdf_document("summary_pdf", _context(_trimmed(summary, limit), share_url))
        if len(document.pages) == 1:
            return document.write_pdf()
    document.pages[1:] = []
    return document.write_pdf()


def card_pdf(summary: Summary, share_url: str | None = None) -> bytes:
    """A wallet card (two 3.5 × 2 in panels, folded along the middle) on a Letter page."""
    document = pdf_document("card_pdf", _context(_trimmed(summary, 3), share_url,
                                                   qr_limit=CARD_QR_LIMIT))
    document.pages[1:] = []
    return document.write_pdf()
