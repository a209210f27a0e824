"""Render docs/rules.md from the data files, so the documentation cannot drift from the law
the engine applies (tests/rules/test_docs.py fails when the file is out of date)."""

from __future__ import annotations

from recordright.rules.law import RULES, load_json
from recordright.rules.states import encoded_states, raw_state

STATUS = {"A": "verified (deadline and fee)", "B": "fee rule verified; no state day count, "
          "federal 30 days applies", "C": "partly verified: not encoded",
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


def _states() -> list[str]:
    out = ["## States", "",
           "Where a state's deadline is shorter or its fee lower, the patient gets it; a longer "
           "state deadline or a state-allowed search/handling fee does not apply to a patient's "
           "own request (45 CFR 160.203). C, U and unlisted codes get the federal rule and a "
           "`state_law_not_encoded` note.", "",
           "| State | Status | Statute | Sources | Checked |", "|---|---|---|---|---|"]
    statuses = encoded_states()
    for code, status in statuses.items():
        s = raw_state(code)
        out.append(f"| {code} {s['name']} | {status}: {STATUS[status]} | {_cell(s['statute'])} "
                   f"| {_cell(s['sources'])} | {s['checked']} |")
    for code, status in statuses.items():
        s = raw_state(code)
        if status not in ("A", "B"):
            continue
        out += ["", f"### {code} {s['name']} ({status})", ""]
        if s["note"]:
            out += [_cell(s["note"]), ""]
        out += ["| Figure | Applies to | Rule | Citation | Source | Checked |",
                "|---|---|---|---|---|---|"]
        for d in s["deadlines"]:
            copy = ", ".join(d["copy"]) if d["copy"] else "all requests"
            out.append(f"| `{d['id']}` deadline | {', '.join(d['holder_types'])}; {copy} | "
                       f"{d['days']} {d['basis']} days"
                       f"{EXTENSION[d['extension']].format(n=d['extension_days'])}"
                       f": {_cell(d['summary'])} | {_cell(d['citation'])} | "
                       f"{_cell(d['source'])} | {d['checked']} |")
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
            out.append(f"| complaint route | all | {_cell(r['name'])}: {_cell(r['summary'])} "
                       f"| {_cell(r['citation'])} | {_cell(r['source'])} | {r['checked']} |")
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
        "time; no roll-over for weekends); business days = Monday to Friday except US federal "
        "holidays, observed dates included (`holidays` library, US calendar, no state "
        "subdivision); the day of receipt is never counted. An extension's stated date is "
        "capped at day 60 (access) or day 90 (amendment, accounting) and never shortens the "
        "base deadline. The OCR complaint window runs 180 days from the day after a missed "
        "deadline, the date of a denial, the date of a fee quote, or the date of another act.",
        "",
    ]
    return "\n".join(lines + _federal() + [""] + _states()) + "\n"
