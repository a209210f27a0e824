"""Reading and saving a user's letter signature.

``signature_for(user)`` is what letter code calls: the typed name (always) and the
drawn PNG (or None). Drawings are re-encoded as a fresh PNG after checking size and
dimensions, so nothing but pixels from the upload is ever stored or printed.
"""

from __future__ import annotations

import io
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from recordright.letters.models import Signature

# A drawn signature is a small picture; anything bigger is a mistake or an abuse.
MAX_SIGNATURE_BYTES = 512 * 1024
MAX_SIDE = 3000


def max_signature_bytes() -> int:
    return min(MAX_SIGNATURE_BYTES, settings.MAX_UPLOAD_BYTES)


def clean_drawing(data: bytes) -> bytes:
    """Check ``data`` is a reasonably small PNG or JPEG and return it as a clean PNG."""
    if len(data) > max_signature_bytes():
        raise ValidationError(_("The signature picture is too large (up to %(kb)s KB). Draw "
                                "it again or use a smaller picture.")
                              % {"kb": max_signature_bytes() // 1024})
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=("PNG", "JPEG"))
        except UnidentifiedImageError as exc:
            raise ValidationError(_("The signature picture could not be read: use a PNG or "
                                    "JPEG picture.")) from exc
        except (OSError, ValueError, Image.DecompressionBombWarning,
                Image.DecompressionBombError) as exc:
            raise ValidationError(_("The signature picture could not be read.")) from exc
        if max(image.size) > MAX_SIDE:
            raise ValidationError(_("The signature picture is too large in size."))
        try:
            image.load()
        except Exception as exc:  # truncated or damaged: Pillow raises several kinds
            raise ValidationError(_("The signature picture could not be read.")) from exc
    out = io.BytesIO()
    image.convert("RGBA").save(out, format="PNG", optimize=True)
    return out.getvalue()


def signature_for(user) -> tuple[str, bytes | None]:
    """(typed name, drawn PNG or None) for letters signed by ``user``."""
    signature = Signature.objects.filter(user=user).first()
    if signature is None:
        return (getattr(user, "display_name", "") or "", None)
    return (signature.typed_name, read_drawing(signature))


def read_drawing(signature: Signature) -> bytes | None:
    if not signature.drawing:
        return None
    with signature.drawing.open("rb") as handle:
        return handle.read()


def id_copy_for(user) -> bytes | None:
    """The signer's copy of their photo ID (a checked PDF, JPEG or PNG), or None."""
    signature = Signature.objects.filter(user=user).first()
    if signature is None or not signature.id_copy:
        return None
    with signature.id_copy.open("rb") as handle:
        return handle.read()


@transaction.atomic
def save_signature(user, *, typed_name: str, drawing: bytes | None = None,
                   remove_drawing: bool = False, id_copy=None,
                   remove_id_copy: bool = False) -> Signature:
    """Store the typed name; replace the drawing if a new one is given (already cleaned).

    ``id_copy`` is an upload already checked by the form (``attachments.problem_with``).
    """
    signature, _created = Signature.objects.get_or_create(user=user,
                                                          defaults={"typed_name": typed_name})
    signature.typed_name = typed_name
    if (drawing is not None or remove_drawing) and signature.drawing:
        signature.drawing.delete(save=False)
    if drawing is not None:
        signature.drawing.save("signature.png", ContentFile(drawing), save=False)
    if (id_copy is not None or remove_id_copy) and signature.id_copy:
        signature.id_copy.delete(save=False)
    if id_copy is not None:
        signature.id_copy.save("id-copy", id_copy, save=False)
    signature.save()
    return signature
