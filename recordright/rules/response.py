"""When did the holder act? Shared by the three rights: a written denial or the thing asked
for (records, an accounting, an accepted amendment) counts; an oral denial does not."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recordright.rules.context import Ctx

# The event that grants each right.
GRANT_EVENT = {"access": "records_provided", "amendment": "amendment_accepted",
               "accounting": "records_provided"}


@dataclass(frozen=True)
class Response:
    first_action: dt.date | None  # first grant (even partial) or written denial
    resolved_on: dt.date | None  # when everything asked for was granted or denied in writing
    complete_grant_on: dt.date | None
    full_denial_on: dt.date | None
    partial_grant: bool  # something granted, not all, and the rest not denied in writing
    partial_denial: bool
    any_grant: bool


def read_response(ctx: Ctx) -> Response:
    grants = ctx.events(GRANT_EVENT[ctx.case.right])
    denials = [d for d in ctx.events("denial") if d.in_writing]
    complete = next((g.on for g in grants if g.complete), None)
    full_denial = next((d.on for d in denials if d.scope == "full"), None)
    partial_denial = next((d.on for d in denials if d.scope == "partial"), None)
    first_grant = grants[0].on if grants else None
    combo = max(first_grant, partial_denial) if first_grant and partial_denial else None
    resolved = min((d for d in (complete, full_denial, combo) if d), default=None)
    firsts = [d for d in (first_grant, denials[0].on if denials else None) if d]
    return Response(
        first_action=min(firsts, default=None),
        resolved_on=resolved,
        complete_grant_on=complete,
        full_denial_on=full_denial,
        partial_grant=bool(grants) and resolved is None,
        partial_denial=partial_denial is not None,
        any_grant=bool(grants),
    )
