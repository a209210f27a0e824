"""They accepted the correction (45 CFR 164.526(c)): the date is the only fact."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _lazy

from recordright.requests.event_kinds.base import EventKind

KIND = EventKind(type="amendment_accepted", legend=_lazy("If they accepted the correction"))
