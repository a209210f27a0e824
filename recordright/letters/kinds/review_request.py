"""A request for review of a reviewable denial, 45 CFR 164.524(a)(4) and (d)(4)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _lazy

from recordright.letters.kinds.base import LetterKind, needs_denial

KIND = LetterKind(
    id="review_request",
    title=_lazy("Request for review of the denial of access"),
    when=_lazy("When access was denied because a licensed professional judged it could "
               "cause harm: asks for a review by another licensed professional who took no "
               "part in the decision."),
    template="letters/kinds/review_request.html",
    citations=("access.denial.reviewable", "access.denial.review.request",
               "access.denial.review.procedure", "access.denial.partial"),
    applies_to=("access",),
    check=needs_denial,
)
