"""``recordright remind``: email each user what is due today (the worker runs it daily too)."""

from __future__ import annotations

import argparse
from datetime import date

from recordright.commands import open_database

SKIP_WORDS = {
    "inactive": "account is inactive",
    "no_email": "no email address",
    "demo_account": "demo account (name it with --user to include it)",
    "reminders_off": "reminders are switched off",
    "email_not_verified": "email address not verified",
    "already_sent": "already sent today",
    "nothing_due": "nothing due",
}


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date in the form YYYY-MM-DD, e.g. 2026-12-22") from exc


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "remind", help="email each user what is due (run daily, e.g. from cron)",
        description="Send each user with reminders on one email listing what is overdue, due "
                    "soon, or new. Safe to run more than once a day: nobody gets two emails for "
                    "the same day. The background worker runs this daily by itself.")
    parser.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD",
                        help="act as if today were this date (default: today)")
    parser.add_argument("--dry-run", action="store_true",
                        help="print what would be sent, send nothing, change nothing")
    parser.add_argument("--user", metavar="EMAIL", help="only this account")
    parser.set_defaults(func=run)


def run(args) -> int:
    open_database()
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from recordright.reminders.service import run_reminders

    if args.date and args.date > timezone.localdate() and not args.dry_run:
        # Sending a future day's email now would use up that day's one email.
        print(f"{args.date.isoformat()} is in the future: use it with --dry-run to preview.")
        return 2
    if args.user and not get_user_model().objects.filter(email__iexact=args.user).exists():
        print(f"No account with the email {args.user}.")
        return 2
    report = run_reminders(args.date, dry_run=args.dry_run, only_email=args.user)
    print_report(report, verbose=args.dry_run or bool(args.user))
    return 1 if report.count("failed") else 0


def print_report(report, verbose: bool) -> None:
    for outcome in report.outcomes:
        if outcome.status in ("sent", "would_send", "failed"):
            verb = {"sent": "Sent to", "would_send": "Would send to",
                    "failed": "FAILED to send to"}[outcome.status]
            print(f"{verb} {outcome.email}: {len(outcome.reminders)} item(s)")
            for reminder in outcome.reminders if report.dry_run else []:
                print(f"  - {reminder.text}\n    {reminder.link}")
        elif verbose:
            print(f"Skipped {outcome.email}: {SKIP_WORDS.get(outcome.status, outcome.status)}")
    sent = report.count("would_send" if report.dry_run else "sent")
    what = "would be sent" if report.dry_run else "sent"
    print(f"{report.day.isoformat()}: {sent} reminder email(s) {what}, "
          f"{report.count('failed')} failed, {len(report.outcomes)} account(s) checked.")
