"""Where did the records of a closed practice go? An inquiry to whoever may know.

Sent to a successor practice, a medical society, a medical board or a hospital. It is
not itself a request with a deadline: it asks where to direct one. It mentions the
right of access, and that a covered entity that knows where the records are must say
so (45 CFR 164.524(d)(3)). A medical society or board is not a covered entity, so the
letter only asks it for help.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from recordright.letters.context import LetterContext
from recordright.letters.kinds.base import LetterKind

# LetterContext.extra keys this kind reads.
DOCTOR, NPI, PRACTICE, UNTIL, WHAT_HAPPENED = ("doctor", "npi", "practice_address", "until",
                                               "what_happened")


def check(context: LetterContext) -> list[str]:
    if not str(context.extra.get(DOCTOR, "")).strip():
        return [_("The name of the doctor or practice whose records you are looking for.")]
    return []


def extra_context(context: LetterContext) -> dict:
    extra = context.extra
    return {"doctor": extra.get(DOCTOR, ""), "doctor_npi": extra.get(NPI, ""),
            "practice": extra.get(PRACTICE, ""), "until": extra.get(UNTIL, ""),
            "what_happened": extra.get(WHAT_HAPPENED, "")}


KIND = LetterKind(
    id="records_location_inquiry",
    title=_lazy("Where are the records of a closed practice?"),
    when=_lazy("When a doctor retired, moved or died, or the practice closed or was sold: "
               "asks a successor practice, a medical society, the medical board or a hospital "
               "who now keeps the records, so you know where to send your request."),
    template="letters/kinds/records_location_inquiry.html",
    citations=("access.scope", "access.denial.elsewhere"),
    applies_to=("access",),
    check=check,
    extra_context=extra_context,
)
