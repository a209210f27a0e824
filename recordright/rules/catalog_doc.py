"""Render docs/rules.md from the data files, so the documentation cannot drift from the law
the engine applies (tests/rules/test_docs.py fails when the file is out of date)."""

from __future__ import annotations

from recordright.rules.law import RULES, load_json
from recordright.rules.states import encoded_states, raw_state, state_rule

STATUS = {"A": "verified (deadline and fee)", "B": "fee rule verified; no state day count, "
          "federal 30 days applies", "C": "partly verified: not encoded",
          "C+": "partly verified: only the verified parts encoded",
          "U": "unverified: not encoded"}

EXTENSION = {"none": "", "days": ", ext. to {n} with a delay notice",
             "hipaa": ", extended as HIPAA allows (state adopts 164.524(b))",
             "unquantified": ", written extension allowed (length not encoded)"}


def _cell(text: object) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def _federal() -> list[str]:
    sources = load_json("rules.json")["sources"]
    out = ["## Federal rules", "",
           "| Rule | Citation | Summary | Source | Checked |", "|---|---|---|---|---|"]
    for r in RULES.values():
        out.append(f"| `{r.id}` | {_cell(r.citation)} | {_cell(r.summary)} | "
                   f"{r.source_tag} | {r.checked} |")
    out += ["", "### Sources", ""]
    out += [f"- **{tag}**: {_cell(text)}" for tag, text in sources.items()]
    return out


def _status(code: str, status: str) -> str:
    key = "C+" if status == "C" and state_rule(code).overlay is not None else status
    return f"{status}: {STATUS[key]}"


def _holiday_cell(s: dict) -> str:
    """Which holidays the state's business-day counts skip, and whether that is encoded."""
    if not any(d["basis"] == "business" for d in s["deadlines"]):
        return "no business-day count"
    h = s.get("holidays")
    if h:
        return f"{_cell(h['citation'])}: encoded (checked {h['checked']})"
    return "state holiday law not encoded: US federal holidays used, and the finding says so"


def _deadline_row(d: dict) -> str:
    copy = ", ".join(d["copy"]) if d["copy"] else "all requests"
    unit = d.get("unit") or ("business days" if d["basis"] == "business" else "days")
    kind = "deadline" if d.get("binding", True) else "expectation (not a deadline)"
    return (f"| `{d['id']}` {kind} | {', '.join(d['holder_types'])}; {copy} | "
            f"{d['days']} {unit}"
            f"{EXTENSION[d['extension']].format(n=d['extension_days'])}"
            f": {_cell(d['summary'])} | {_cell(d['citation'])} | "
            f"{_cell(d['source'])} | {d['checked']} |")


def _states() -> list[str]:
    out = ["## States", "",
           "Where a state's deadline is shorter or its fee lower, the patient gets it; a longer "
           "state deadline or a state-allowed search/handling fee does not apply to a patient's "
           "own request (45 CFR 160.203). C, U and unlisted codes get the federal rule and a "
           "`state_law_not_encoded` note; a C state with verified parts (Colorado) is encoded "
           "for those parts only.", "",
           "Business days are counted on the state's own legal holidays where its holiday "
           "statute is encoded (the `holidays` library's subdivision, checked against the "
           "statute and corrected in `states.json`); otherwise on US federal holidays, and the "
           "finding says the state's holidays were not checked.", "",
           "| State | Status | Statute | Holidays (business days) | Sources | Checked |",
           "|---|---|---|---|---|---|"]
    statuses = encoded_states()
    for code, status in statuses.items():
        s = raw_state(code)
        out.append(f"| {code} {s['name']} | {_status(code, status)} | {_cell(s['statute'])} "
                   f"| {_holiday_cell(s)} | {_cell(s['sources'])} | {s['checked']} |")
    for code, status in statuses.items():
        s = raw_state(code)
        if state_rule(code).overlay is None:
            continue
        out += ["", f"### {code} {s['name']} ({status})", ""]
        if s["note"]:
            out += [_cell(s["note"]), ""]
        out += ["| Figure | Applies to | Rule | Citation | Source | Checked |",
                "|---|---|---|---|---|---|"]
        out += [_deadline_row(d) for d in s["deadlines"]]
        h = s.get("holidays")
        if h:
            out.append(f"| holidays | business-day counts | {_cell(h['summary'])} | "
                       f"{_cell(h['citation'])} | {_cell(h['source'])} | {h['checked']} |")
        elif any(d["basis"] == "business" for d in s["deadlines"]):
            out.append("| holidays | business-day counts | Not encoded: US federal holidays "
                       "are used and the finding says so. | - | - | - |")
        for f in s["fees"]:
            flag = "" if f["verified_current"] else " (base amounts, not used to flag)"
            out.append(f"| `{f['id']}` fee ({f['kind']}){flag} | "
                       f"{', '.join(f['holder_types'])}; {', '.join(f['copy'])} | "
                       f"{_cell(f['summary'])} | {_cell(f['citation'])} | "
                       f"{_cell(f['source'])} | {f['checked']} |")
        if s["unpaid_bill"]:
            u = s["unpaid_bill"]
            out.append(f"| unpaid bill | all | Records may not be withheld for an unpaid bill. "
                       f"| {_cell(u['citation'])} | {_cell(u['source'])} | {u['checked']} |")
        for r in s["complaint_routes"]:
            when = (f" (offered only with: {', '.join(r['requires'])})"
                    if r.get("requires") else "")
            out.append(f"| complaint route{when} | all | {_cell(r['name'])}: "
                       f"{_cell(r['summary'])} | {_cell(r['citation'])} | "
                       f"{_cell(r['source'])} | {r['checked']} |")
    return out


def render_rules_markdown() -> str:
    lines = [
        "# The rules the engine applies",
        "",
        "Generated from `recordright/rules/data/rules.json` and `states.json` by "
        "`python tests/rules/gen_rules_doc.py`; do not edit by hand. Every finding the engine "
        "emits cites one of these rules.",
        "",
        "Engine conventions: calendar days for HIPAA (day 30 after receipt is the last day on "
        "time; no roll-over for weekends); business days = Monday to Friday except the legal "
        "holidays of the state whose law sets the deadline where its holiday statute is "
        "encoded (see the Holidays column), otherwise US federal holidays, observed dates "
        "included; the day of receipt is never counted. An extension's stated date is "
        "capped at day 60 (access) or day 90 (amendment, accounting) and never shortens the "
        "base deadline; a valid extension naming a later date is capped, not invalid. The OCR "
        "complaint window runs 180 days from the day after a missed deadline, the date of a "
        "denial, the date of a fee quote, or the date of another act; while records are still "
        "withheld it runs at least from the most recent refusal or unanswered reminder and is "
        "never reported as closed.",
        "",
    ]
    return "\n".join(lines + _federal() + [""] + _states()) + "\n"
