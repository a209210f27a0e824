"""``recordright audit``: check that nobody edited or removed audit log entries."""

from __future__ import annotations

from recordright.commands import open_database


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "audit", help="check the audit log's hash chain",
        description="The audit log records who saw or changed which patient's data, and "
                    "every sign-in. Each entry is chained to the one before by a SHA-256 hash.")
    sub = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = sub.add_parser(
        "verify", help="report edited or removed entries",
        description="Walk the whole audit log and report every entry that was edited or "
                    "removed. Exit 0 when the log is intact, 1 when it is not.")
    verify.set_defaults(func=verify_log)


def verify_log(args) -> int:
    open_database()
    from recordright.audit.log import verify
    from recordright.audit.models import AuditEntry

    problems = verify()
    if not problems:
        print(f"The audit log is intact: {AuditEntry.objects.count()} entries, none edited "
              "or removed.")
        return 0
    print(f"The audit log was tampered with ({len(problems)} problem(s)):")
    for problem in problems:
        print(f"  - {problem.message}")
    return 1
