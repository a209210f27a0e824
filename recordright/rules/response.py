"""When did the holder act? Shared by the three rights: a written denial or the thing asked
for (records, an accounting, an accepted amendment) counts; an oral denial does not."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recordright.rules.case import Event
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
    # The first complete grant that also meets the law's form rules: a paper copy of records
    # kept electronically, when an electronic copy was asked for, is not (164.524(c)(2)(ii)).
    lawful_grant_on: dt.date | None = None


def granted(ctx: Ctx) -> list[Event]:
    """The grant events that count as giving what was asked for. A summary given instead of
    the records without the individual's advance agreement is not access (164.524(c)(2)(iii))."""
    grants = ctx.events(GRANT_EVENT[ctx.case.right])
    if ctx.case.right == "access" and not ctx.case.request.summary_agreed:
        grants = [g for g in grants if not g.summary_only]
    return grants


def partial_denial(ctx: Ctx, denial: Event) -> bool:
    """A denial of part of what was asked: marked partial, or naming only some of the record
    kinds requested (164.524(d)(1): the rest must still be given)."""
    asked = set(ctx.case.request.records)
    return denial.scope == "partial" or bool(denial.records and asked - set(denial.records))


def lawful_form(ctx: Ctx, grant: Event) -> bool:
    """Whether a delivery honours the form the law entitles the individual to: an electronic
    copy of electronically kept records, when one was asked for (164.524(c)(2)(ii))."""
    req = ctx.case.request
    return not (ctx.case.right == "access" and req.copy == "electronic"
                and req.maintained_electronically is True and grant.form == "paper")


def fulfilment(resp: Response, deadline: dt.date | None) -> str | None:
    """`fulfilled`, `fulfilled_late` or `partially_fulfilled` when everything was given, but
    only `fulfilled` when the law was met: a complete delivery that leaves a form violation
    standing (paper for an electronic copy) is `partially_fulfilled`. None if nothing was
    given in full."""
    if resp.complete_grant_on is None:
        return None
    if resp.lawful_grant_on is None:
        return "partially_fulfilled"
    # Timely as before when the first complete delivery was lawful (a written denial in time,
    # reversed later, still answered in time); otherwise the law was met only when cured.
    met = (resp.resolved_on if resp.lawful_grant_on == resp.complete_grant_on
           else resp.lawful_grant_on)
    if deadline is None or met <= deadline:
        return "fulfilled"
    return "fulfilled_late"


def read_response(ctx: Ctx) -> Response:
    grants = granted(ctx)
    denials = [d for d in ctx.events("denial") if d.in_writing]
    complete = next((g.on for g in grants if g.complete), None)
    full_denial = next((d.on for d in denials if not partial_denial(ctx, d)), None)
    partial_on = next((d.on for d in denials if partial_denial(ctx, d)), None)
    first_grant = grants[0].on if grants else None
    combo = max(first_grant, partial_on) if first_grant and partial_on else None
    resolved = min((d for d in (complete, full_denial, combo) if d), default=None)
    firsts = [d for d in (first_grant, denials[0].on if denials else None) if d]
    return Response(
        first_action=min(firsts, default=None),
        resolved_on=resolved,
        complete_grant_on=complete,
        full_denial_on=full_denial,
        partial_grant=bool(grants) and resolved is None,
        partial_denial=partial_on is not None,
        any_grant=bool(grants),
        lawful_grant_on=next((g.on for g in grants if g.complete and lawful_form(ctx, g)),
                             None),
    )
