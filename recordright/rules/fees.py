"""Fees, 45 CFR 164.524(c)(4) with HHS guidance, Ciox v. Azar, state caps; and the accounting
fee rule of 164.528(c)(2)."""

from __future__ import annotations

from recordright.rules.case import Event
from recordright.rules.context import Ctx
from recordright.rules.findings import Finding, NextStep, finding, human_date, money, step
from recordright.rules.states import StateFee

EXCLUDED = {"search_retrieval": "search and retrieval", "verification": "verification",
            "handling": "handling", "certification": "certification",
            "other": "other charges not listed in (c)(4)"}


def assess_fees(ctx: Ctx) -> tuple[list[Finding], list[NextStep]]:
    found: list[Finding] = []
    for quote in ctx.events("fee_quote"):
        if ctx.case.right == "accounting":
            found.extend(_accounting_fee(ctx, quote))
        elif ctx.case.right == "amendment":
            continue  # 164.526 provides no fee; nothing to measure a quote against
        elif ctx.third_party:
            found.extend(_third_party_fee(ctx, quote))
        else:
            found.extend(_access_fee(ctx, quote))
    if any(f.severity == "violation" for f in found):
        # Not even beside a violation in another quote: the report reads them together.
        found = [f for f in found if f.code != "flat_fee_not_a_cap"]
    steps = []
    if any(f.severity == "violation" for f in found):
        steps.append(step("dispute_fee", ctx.as_of,
                          "Write to the holder disputing the fee, naming each charge the law "
                          "does not allow, and ask for a corrected quote. Do not let the "
                          "dispute hold up the records: the deadline keeps running."))
    return found, steps


def _access_fee(ctx: Ctx, quote: Event) -> list[Finding]:
    req = ctx.case.request
    when = human_date(quote.on)
    out: list[Finding] = []

    def bad(rule_id: str, why: str, **extra) -> None:
        out.append(finding("fee_not_permitted", "violation", rule_id,
                           f"Fee quoted {when} ({money(quote.amount)}): {why}",
                           knew_on=quote.on, **extra))

    if req.copy == "inspection" and quote.amount > 0:
        bad("access.fee.inspection", "no fee may be charged for inspecting records.")
    comps = set(quote.components)
    excluded = [EXCLUDED[c] for c in quote.components if c in EXCLUDED]
    if excluded:
        bad("access.fee.excluded", f"it includes {', '.join(excluded)}, which may not be "
            "charged for your own copy even if state law allows it.", components=excluded)
    electronic = req.maintained_electronically is True
    if "per_page" in comps and electronic:
        bad("access.fee.per_page_electronic", "a per-page fee is not allowed for records kept "
            "electronically.")
    if "postage" in comps and req.delivery not in (None, "mail", "portable_media"):
        bad("access.fee.postage", "postage may be charged only when you asked for the copy to "
            "be mailed.")
    if "media" in comps and req.delivery != "portable_media":
        bad("access.fee.media", "you did not ask for portable media, and you cannot be made to "
            "buy it.")
    if "supplies" in comps and req.copy == "electronic" and req.delivery not in (
            None, "portable_media", "mail"):
        bad("access.fee.supplies", "supplies may be charged only for a paper copy or for "
            "portable media you asked for.")
    if "summary" in comps and not req.summary_agreed:
        bad("access.fee.summary", "a summary fee is allowed only if you agreed in advance to a "
            "summary and its fee.")
    if quote.disclosed_in_advance is False:
        out.append(finding("fee_not_disclosed_in_advance", "violation", "access.fee.in_advance",
                           f"The fee of {money(quote.amount)} was not told to you in advance.",
                           knew_on=quote.on))
    out.extend(_state_caps(ctx, quote))
    # The "$6.50 is not a cap" reassurance belongs only beside a fee nothing else is wrong with:
    # next to an actual violation it would read as excusing it.
    flawed = any(f.severity == "violation" for f in out)
    if req.copy == "electronic" and electronic and quote.amount > 6.5 and not flawed:
        out.append(finding("flat_fee_not_a_cap", "info", "access.fee.flat_650",
                           f"{money(quote.amount)} is more than $6.50. That is not by itself "
                           "unlawful: $6.50 is an optional flat fee, not a cap. The holder may "
                           "charge actual or average allowable labor, supplies and postage, "
                           "and must be able to show how it calculated the fee."))
    return out


def _third_party_fee(ctx: Ctx, quote: Event) -> list[Finding]:
    req = ctx.case.request
    ehr = req.copy == "electronic" and req.maintained_electronically is not False
    if ehr:
        msg = ("For an electronic copy of an electronic health record sent to a third party, "
               "federal law limits the fee to the holder's labor cost in responding; the "
               "HIPAA patient-rate guidance does not apply (Ciox v. Azar).")
        rid = "access.third_party.ehr"
    else:
        msg = ("A copy sent to a third party is not covered by the HIPAA patient-rate fee limit "
               "(Ciox v. Azar); state law and the holder's terms govern its fee.")
        rid = "access.fee.third_party"
    out = [finding("third_party_fee", "info", rid, msg, also=("access.fee.third_party",))]
    out.extend(_state_caps(ctx, quote))
    return out


def _state_caps(ctx: Ctx, quote: Event) -> list[Finding]:
    overlay = ctx.overlay
    if overlay is None:
        return []
    rules = [r for r in overlay.fees
             if r.applies(ctx.case.holder.type, ctx.case.request.copy, quote.on)]
    if ctx.third_party:
        rules = [r for r in rules if r.third_party]
        if not rules:
            return [finding("state_fee_not_encoded", "info", "access.fee.third_party",
                            f"{overlay.name}'s fee rules for copies sent to a third party have "
                            "not been checked here; check the state statute.",
                            citation=overlay.statute or None, state=ctx.case.state)]
    return [f for r in rules if (f := _one_cap(ctx, quote, r)) is not None]


def _one_cap(ctx: Ctx, quote: Event, r: StateFee) -> Finding | None:
    name = ctx.state_name
    extra = {"state": ctx.case.state, "state_rule": r.id, "checked": r.checked}
    if r.kind in ("hipaa_only", "no_cap", "note"):
        return finding("state_fee_rule", "info", "access.fee.state",
                       f"{name}: {r.summary}", citation=r.citation, **extra)
    if r.kind == "per_page_rate":
        limit = r.tiers[0][2]
        if quote.per_page_rate is not None and quote.per_page_rate > limit:
            return finding("fee_exceeds_state_cap", "violation", "access.fee.state",
                           f"The quote charges {money(quote.per_page_rate)} a page; {name} "
                           f"allows at most {money(limit)} a page. {r.summary}",
                           citation=r.citation, law="state", knew_on=quote.on, **extra)
        return None
    cap = r.cap(quote.pages)
    if cap is None:
        return finding("state_fee_rule", "info", "access.fee.state",
                       f"{name}: {r.summary} (give the number of pages to check the quote "
                       "against it.)", citation=r.citation, **extra)
    charged = quote.amount
    if r.postage == "extra" and quote.postage_amount is not None:
        charged -= quote.postage_amount
    if charged <= cap + 0.005:
        return None
    if not r.verified_current:
        return finding("state_fee_rule", "info", "access.fee.state",
                       f"{name}: {r.summary} These figures are base amounts that are "
                       f"adjusted over time, so the quote ({money(quote.amount)}) is not flagged "
                       f"against them (base maximum {money(cap)}).", citation=r.citation,
                       **extra)
    postage_unknown = (r.postage == "extra" and quote.postage_amount is None
                       and "postage" in quote.components)
    severity = "warning" if (r.per_admission or postage_unknown) else "violation"
    msg = (f"The fee of {money(quote.amount)} is more than {name}'s maximum of {money(cap)}"
           f"{f' for {quote.pages} pages' if quote.pages is not None else ''}. {r.summary}")
    if postage_unknown:
        msg += " (Actual postage may be added to the maximum; the quote does not say how much.)"
    if r.per_admission:
        msg += " (The maximum is per admission; multiply it if the copy covers several.)"
    return finding("fee_exceeds_state_cap", severity, "access.fee.state", msg,
                   citation=f"{r.citation}; 45 CFR 160.203", law="state", knew_on=quote.on,
                   state_maximum=cap, **extra)


def _accounting_fee(ctx: Ctx, quote: Event) -> list[Finding]:
    prior = ctx.case.request.prior_accountings_last_12_months
    if quote.amount <= 0:
        return []
    if prior == 0:
        return [finding("fee_not_permitted", "violation", "accounting.fee",
                        f"A fee of {money(quote.amount)} was quoted on {human_date(quote.on)}, "
                        "but the first accounting in any 12 months is free.", knew_on=quote.on)]
    if prior is None:
        return [finding("accounting_fee_check", "info", "accounting.fee",
                        "The first accounting in any 12 months is free; a fee is allowed only "
                        "for a later one, and only if you were told in advance.")]
    if quote.disclosed_in_advance is False:
        return [finding("fee_not_disclosed_in_advance", "violation", "accounting.fee",
                        f"A fee for a repeat accounting ({money(quote.amount)}) must be told to "
                        "you in advance, with the chance to withdraw or narrow the request.",
                        knew_on=quote.on)]
    return []
