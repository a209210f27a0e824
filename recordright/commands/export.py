"""``recordright export``: a patient's International Patient Summary, packet, ZIP of
originals or one-page emergency summary, to a file or to standard output."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from recordright.commands import open_database

FORMATS = {
    "ips": "the International Patient Summary (FHIR R4 document Bundle, JSON)",
    "pdf": "the packet for a new provider (cover, index, summary, every original)",
    "zip": "a ZIP of the original files with manifest.json (name, kind, date, provider, "
           "SHA-256)",
    "summary-pdf": "the one-page emergency summary",
}
DEFAULT_NAMES = {"ips": "patient-summary-ips.json", "pdf": "records-packet.pdf",
                 "zip": "records.zip", "summary-pdf": "emergency-summary.pdf"}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export", help="export a patient's summary (IPS, PDF) or records (packet, ZIP)",
        description="Export a patient's records: " + "; ".join(
            f"{name}: {text}" for name, text in FORMATS.items()) + ".")
    parser.add_argument("--patient", required=True, type=int, metavar="ID", help="the patient")
    parser.add_argument("--format", required=True, choices=list(FORMATS), help="what to write")
    parser.add_argument("--output", metavar="FILE",
                        help="where to write it (default: a file named after the format in "
                             "the current folder; - for standard output)")
    parser.set_defaults(func=run)


def build(patient, fmt: str) -> bytes:
    from recordright.sharing import ips, packet, render
    from recordright.sharing.summary import build as build_summary

    if fmt == "ips":
        return json.dumps(ips.build(patient), indent=1).encode("utf-8") + b"\n"
    if fmt == "pdf":
        return packet.packet_pdf(patient)[0]
    if fmt == "zip":
        return packet.originals_zip(patient)
    return render.summary_pdf(build_summary(patient))


def run(args) -> int:
    open_database()
    from recordright.audit import log as audit_log
    from recordright.audit.models import AuditEntry
    from recordright.patients.models import Patient

    patient = Patient.objects.filter(pk=args.patient).first()
    if patient is None:
        print(f"There is no patient with the id {args.patient}.", file=sys.stderr)
        return 2
    data = build(patient, args.format)
    audit_log.record(None, patient, AuditEntry.Action.EXPORT, f"export ({args.format})",
                     label="command line")
    if args.output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    target = Path(args.output or DEFAULT_NAMES[args.format])
    target.write_bytes(data)
    print(f"Wrote {target} ({len(data):,} bytes).", file=sys.stderr)
    return 0
