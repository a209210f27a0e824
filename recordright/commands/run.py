"""``recordright run``: migrate, then serve the app and run the background worker together."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time

from recordright import config
from recordright.commands import setup_django
from recordright.startup import Prepared


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "run", help="start the web app and the background worker",
        description="Apply database migrations, then start the web server and the background "
                    "worker (reminders, imports) together. Stop with Ctrl-C.")
    parser.add_argument("--host", default=config.env_str("RECORDRIGHT_HOST", "127.0.0.1"),
                        help="address to listen on (default 127.0.0.1: this computer only)")
    parser.add_argument("--port", type=int, default=config.env_int("RECORDRIGHT_PORT", 8000))
    parser.add_argument("--no-worker", action="store_true",
                        help="do not start the background worker")
    parser.add_argument("--web-workers", type=int, default=2,
                        help="web server processes (default 2)")
    parser.set_defaults(func=run)


def _announce_key(prepared: Prepared) -> None:
    if prepared.key_file is None:
        print("Encryption key: taken from RECORDRIGHT_KEY.")
        return
    if prepared.created:
        print(f"Encryption key: created {prepared.key_file}")
    else:
        print(f"Encryption key: {prepared.key_file}")
    print("  Back this file up somewhere safe and apart from the data. Without it the records")
    print("  in the data directory cannot be read by anyone, including you.")


def prepare() -> None:
    """Create the key on the first run, migrate, and check the configuration."""
    prepared = setup_django()
    _announce_key(prepared)
    print(f"Data directory: {config.data_dir()}")
    from django.core.management import call_command

    call_command("check", fail_level="ERROR")
    call_command("migrate", interactive=False, verbosity=0)
    # The shared login-lockout store (settings.CACHES); a no-op when it exists.
    call_command("createcachetable", verbosity=0)


def _offer_demo() -> None:
    """On an empty instance, offer a demo account (only when someone can answer)."""
    from django.contrib.auth import get_user_model

    if get_user_model().objects.exists():
        return
    print("This instance has no accounts yet. Create yours on the sign-up page.")
    if not sys.stdin.isatty():
        print("  To explore first, run '.venv/bin/recordright demo' for a demo account with")
        print("  synthetic patients.")
        return
    answer = input("Create a demo account with synthetic patients to look around? [y/N] ")
    if answer.strip().lower() in {"y", "yes"}:
        from recordright.commands import demo

        password = secrets.token_urlsafe(12)
        demo.create_demo(password)
        print(f"  Demo account: {demo.DEMO_EMAIL}  password: {password}")


def web_server_command(host: str, port: int, workers: int) -> list[str]:
    return [sys.executable, "-m", "gunicorn", "recordright.wsgi:application",
            "--bind", f"{host}:{port}", "--workers", str(workers), "--threads", "4",
            # gunicorn 25+ opens a control socket in ~/.gunicorn (shared by every instance of
            # the user, e.g. root's); this command supervises the server, so none is needed.
            "--no-control-socket",
            "--access-logfile", "-", "--access-logformat",
            '%(t)s "%(m)s %(U)s" %(s)s',  # path only: query strings may hold search terms
            # Tokens in paths (invitations, calendar feeds, reset links) are redacted.
            "--logger-class", "recordright.web.gunicorn_logger.RedactingLogger"]


WILDCARD_HOSTS = {"0.0.0.0", "::", "[::]", ""}  # noqa: S104 (recognised, not bound)


def own_address(host: str, port: int) -> str:
    """The address this server answers on, for links, when none is configured: its own
    scheme (plain HTTP: TLS belongs to a proxy in front, which sets RECORDRIGHT_SITE_URL),
    host and port. Listening on every address, the first allowed host name stands in."""
    if host in WILDCARD_HOSTS:
        allowed = [name for name in config.env_list("RECORDRIGHT_ALLOWED_HOSTS", [])
                   if name not in ("*",) and not name.startswith(".")]
        host = allowed[0] if allowed else "127.0.0.1"
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address
    return f"http://{host}:{port}"


def use_own_address(host: str, port: int) -> str:
    """Set RECORDRIGHT_SITE_URL for this process and its children unless configured; the
    address links will use."""
    configured = config.env_str("RECORDRIGHT_SITE_URL", "").rstrip("/")
    os.environ["RECORDRIGHT_SITE_URL"] = configured or own_address(host, port)
    return os.environ["RECORDRIGHT_SITE_URL"]


def note_address(site: str) -> None:
    """Note the address in the data folder (made by prepare()) for commands run beside the
    server: 'recordright remind' from cron links to where the app really is."""
    config.site_address_file().write_text(site + "\n", encoding="utf-8")


def run(args) -> int:
    site = use_own_address(args.host, args.port)  # before Django reads its settings
    prepare()
    note_address(site)
    _offer_demo()
    url = f"http://{args.host}:{args.port}/"
    print(f"Links in emails and the calendar feed start with {site} "
          "(set RECORDRIGHT_SITE_URL to change it).")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "recordright.settings"}
    processes = [subprocess.Popen(web_server_command(args.host, args.port, args.web_workers),
                                  env=env)]
    if not args.no_worker:
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "recordright", "manage", "worker"], env=env))
    print(f"\nrecordright is running at {url}  (Ctrl-C to stop)\n", flush=True)
    return _supervise(processes)


def _supervise(processes: list[subprocess.Popen]) -> int:
    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    code = 0
    while not stopping:
        for process in processes:
            if process.poll() is not None:
                print(f"A recordright process stopped (exit {process.returncode}); "
                      "stopping the others.", file=sys.stderr)
                code = process.returncode or 1
                stopping = True
        time.sleep(0.5)
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    return code
