"""``recordright remind`` and the worker's daily task."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus

from recordright.cli import main
from recordright.reminders.models import ReminderSent
from recordright.reminders.tasks import send_daily_reminders
from tests.reminders.conftest import TODAY, item

ROOT = Path(__file__).resolve().parents[2]


def test_it_explains_itself_with_help():
    env = {**os.environ, "RECORDRIGHT_KEY": "ab" * 32}
    result = subprocess.run([sys.executable, "-m", "recordright", "remind", "--help"], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    for option in ("--date", "--dry-run", "--user"):
        assert option in result.stdout


@pytest.mark.django_db
def test_it_prints_what_it_would_send_on_a_dry_run(capsys, use_smtp_server, agenda,
                                                   verified_owner, patient):
    agenda.set(verified_owner, [item(patient)])
    assert main(["remind", "--dry-run", "--date", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "Would send to alice@example.org: 1 item(s)" in out
    assert "Sam — Springfield Clinic: the deadline passed on Dec 22, 2025." in out
    assert "2025-12-23: 1 reminder email(s) would be sent" in out
    assert use_smtp_server.messages == []
    assert not ReminderSent.objects.exists()


@pytest.mark.django_db
def test_it_sends_and_then_does_not_send_again(capsys, use_smtp_server, agenda, verified_owner,
                                               patient):
    agenda.set(verified_owner, [item(patient)])
    assert main(["remind", "--date", TODAY.isoformat()]) == 0
    assert main(["remind", "--date", TODAY.isoformat(), "--user", "ALICE@example.org"]) == 0
    out = capsys.readouterr().out
    assert "Sent to alice@example.org: 1 item(s)" in out
    assert "Skipped alice@example.org: already sent today" in out
    assert len(use_smtp_server.wait_for(1)) == 1


@pytest.mark.django_db
def test_it_limits_the_run_to_one_user(capsys, use_smtp_server, agenda, verified_owner, patient,
                                       caregiver):
    from tests.reminders.conftest import verify

    verify(caregiver)
    agenda.set(verified_owner, [item(patient)])
    agenda.set(caregiver, [item(patient)])
    assert main(["remind", "--date", TODAY.isoformat(), "--user", "bob@example.org"]) == 0
    [message] = use_smtp_server.wait_for(1)
    assert message["To"] == "bob@example.org"


@pytest.mark.django_db
def test_it_says_so_for_an_unknown_user(capsys):
    assert main(["remind", "--user", "nobody@example.org"]) == 2
    assert "No account with the email nobody@example.org" in capsys.readouterr().out


@pytest.mark.django_db
def test_it_sends_nothing_for_a_future_date_but_previews_it(capsys, use_smtp_server, agenda,
                                                            verified_owner, patient):
    from datetime import timedelta

    from django.utils import timezone

    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    agenda.set(verified_owner, [item(patient)])
    assert main(["remind", "--date", future]) == 2
    assert "is in the future: use it with --dry-run" in capsys.readouterr().out
    assert main(["remind", "--date", future, "--dry-run"]) == 0
    assert use_smtp_server.messages == [] and not ReminderSent.objects.exists()


def test_it_refuses_a_bad_date_clearly(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["remind", "--date", "12/23/2025"])
    assert exit_info.value.code == 2
    assert "not a date in the form YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.django_db
def test_it_runs_as_the_workers_daily_task(use_smtp_server, agenda, verified_owner, patient):
    daily = [import_string(path) for path in settings.RECORDRIGHT_DAILY_TASKS]
    assert send_daily_reminders in daily
    agenda.set(verified_owner, [item(patient)])
    result = send_daily_reminders.enqueue(TODAY.isoformat())
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"day": "2025-12-23", "dry_run": False, "sent": 1,
                                   "email_not_verified": 1}  # Bob, the caregiver
    assert use_smtp_server.wait_for(1)[0]["To"] == "alice@example.org"


@pytest.mark.django_db
def test_it_runs_the_task_for_today_without_arguments(use_smtp_server, agenda, verified_owner,
                                                      patient):
    agenda.set(verified_owner, [item(patient)])
    result = send_daily_reminders.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value["sent"] == 1
