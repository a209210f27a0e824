"""One map from the engine's next steps to letters, used by every place that links a step."""

from __future__ import annotations

import ast
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse

from recordright.letters.registry import (
    DEPENDS_ON_STATUS,
    STEP_LETTERS,
    UnknownStep,
    get_kind,
    kind_for_step,
)
from recordright.requests.agenda import ACTION_TITLES, due_items_for_user, title_for
from recordright.requests.assessment import Assessment
from recordright.requests.letters import kind_for_action
from recordright.requests.timeline import add_event
from recordright.requests.urls_for import APP_ACTIONS, action_url
from recordright.rules.findings import step
from recordright.rules.report import ACTION_WORDS
from recordright.rules.vocab import NEXT_STEP_ACTIONS

RULES = Path(__file__).resolve().parents[2] / "recordright" / "rules"


def _emitted_actions() -> set[str]:
    """Every literal action passed to ``step(...)`` anywhere in the rules package."""
    found = set()
    for path in RULES.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "step"
                    and node.args and isinstance(node.args[0], ast.Constant)):
                found.add(node.args[0].value)
    return found


def test_the_vocabulary_lists_every_action_the_engine_emits():
    emitted = _emitted_actions()
    assert emitted and emitted <= set(NEXT_STEP_ACTIONS)
    with pytest.raises(AssertionError):
        step("invented_action", None, "")


def test_the_registry_maps_exactly_the_engine_actions():
    assert set(STEP_LETTERS) == set(NEXT_STEP_ACTIONS)
    with pytest.raises(UnknownStep):
        kind_for_step({"action": "invented_action"})


@pytest.mark.parametrize("action", NEXT_STEP_ACTIONS)
def test_every_place_handles_every_engine_action(action, today):
    letter = STEP_LETTERS[action]
    if letter is not None:
        assert get_kind(letter).id == letter
    # The request page.
    for status in ("pending", "overdue", "denied"):
        result = Assessment(status=status, deadline=today, next_steps=({"action": action},))
        assert kind_for_action(action, result) == kind_for_step({"action": action},
                                                                 status=status)
    # The command line's report.
    assert action in ACTION_WORDS
    # The dashboard, the reminder email and the calendar: a title and where to act.
    assert action in ACTION_TITLES and "%(holder)s" not in title_for(action, "Clinic")
    url = action_url(7, action)
    if action in DEPENDS_ON_STATUS:
        assert url == reverse("requests:letter", args=[7, "follow-up"])
    elif letter is None:
        assert url == reverse("requests:detail", args=[7]) + "#add-event"
    else:
        assert url == reverse("requests:letter", args=[7, letter])


@pytest.mark.parametrize("action", APP_ACTIONS)
def test_the_apps_own_actions_have_a_title_and_a_place(action):
    assert action in ACTION_TITLES and action_url(7, action).startswith("/requests/7/")


def test_a_holder_that_answered_late_gets_a_reminder_not_a_late_notice(today):
    # The deadline has passed, but the holder has acted (part of the records came): the
    # engine's status is not "overdue", so the letter must not say nothing came.
    answered = Assessment(status="partially_fulfilled", deadline=today - timedelta(days=5),
                          next_steps=({"action": "send_reminder"},))
    assert kind_for_action("send_reminder", answered) == "reminder"
    silent = Assessment(status="overdue", deadline=today - timedelta(days=5),
                        next_steps=({"action": "send_reminder"},))
    assert kind_for_action("send_reminder", silent) == "late_notice"


@pytest.mark.django_db
def test_the_request_page_and_the_dashboard_open_the_same_letter(owner, owner_client,
                                                                  sent_request, today):
    req = sent_request(45, channel="certified_mail")
    add_event(req, type="delivered", on=today - timedelta(days=44), user=owner)
    page = owner_client.get(reverse("requests:detail", args=[req.pk]))
    assert any(step["letter"] == "late_notice" for step in page.context["steps"])
    item = next(i for i in due_items_for_user(owner, today) if i.action == "send_reminder")
    letter = owner_client.get(item.url)
    assert letter.status_code == 200 and letter.context["info"].id == "late_notice"
