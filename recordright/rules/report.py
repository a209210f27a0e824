"""Plain-text rendering of a result: what is wrong, why, the citation, what to do, by when."""

from __future__ import annotations

import datetime as dt
import textwrap

STATUS_WORDS = {
    "pending": "waiting for a response (deadline not yet passed)",
    "extended": "waiting; the deadline was validly extended",
    "overdue": "OVERDUE: the deadline passed without a response",
    "fulfilled": "fulfilled on time",
    "fulfilled_late": "fulfilled, but late",
    "partially_fulfilled": "partly fulfilled",
    "denied": "denied",
}
# Plain words for each next-step action (the JSON keeps the stable action codes).
ACTION_WORDS = {
    "wait": "Wait for the answer",
    "send_reminder": "Send a written reminder",
    "request_review": "Ask for a review of the denial",
    "dispute_fee": "Dispute the fee",
    "request_remaining_records": "Ask for the missing records",
    "request_electronic_format": "Ask again for an electronic copy",
    "request_own_copy": "Ask for the copy yourself, or send a signed authorization",
    "file_ocr_complaint": "Complain to the HHS Office for Civil Rights",
    "file_state_complaint": "Complain under state law",
    "seek_court_remedy": "Ask a court for the state-law penalty",
    "submit_statement_of_disagreement": "Send a statement of disagreement",
}
MARK = {"violation": "VIOLATION", "warning": "WARNING", "info": "NOTE"}
WIDTH = 88


def _date(text: str | None) -> str:
    if not text:
        return "no fixed date"
    day = dt.date.fromisoformat(text)
    return f"{day:%B} {day.day}, {day.year}"


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


def render_text(result: dict) -> str:
    """The human-readable report for one result document."""
    lines = []
    head = f"{result.get('source') or 'case'}: right of {result['right']}"
    lines.append(head)
    lines.append("=" * min(len(head), WIDTH))
    status = STATUS_WORDS.get(result["status"], result["status"])
    if result["status"] == "pending" and not result["deadline"]:
        status = "waiting for a response (no HIPAA access deadline applies)"
    lines.append(f"Status:   {status}")
    lines.append(f"Deadline: {_date(result['deadline']) if result['deadline'] else 'none'}")
    findings = result["findings"]
    if findings:
        lines.append("")
        lines.append("What the law says about this request:")
        for f in findings:
            lines.append(_wrap(f"[{MARK[f['severity']]}] {f['message']}", "  "))
            lines.append(_wrap(f"Citation: {f['citation']}", "      "))
    steps = result["next_steps"]
    if steps:
        lines.append("")
        lines.append("What to do next:")
        for n, s in enumerate(steps, 1):
            by = f" (by {_date(s['due'])})" if s["due"] else ""
            label = ACTION_WORDS.get(s["action"], s["action"].replace("_", " "))
            lines.append(_wrap(f"{n}. {label}{by}: {s['message']}", "  "))
    return "\n".join(lines) + "\n"
