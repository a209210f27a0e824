"""Plain words everywhere (issue 14, item 7): an owner with a rich, demo-like account walks
every page reachable from every route, and no page shows the app's internal vocabulary
(codes with underscores, raw stored values, "engine")."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urldefrag

import pytest
from django.db.models import TextChoices
from django.test import Client
from django.urls import reverse

from recordright.letters.registry import all_kinds
from recordright.requests.choices import Status
from tests.plain import dataset
from tests.plain.visible import problems, raw_values, visible_pieces
from tests.security.test_every_view import ALLOWED_NAMESPACES, ROUTES, url_patterns

pytestmark = [pytest.mark.django_db, pytest.mark.slow]



def vocabularies() -> list[type[TextChoices]]:
    """Every closed vocabulary of the app (its TextChoices, wherever they live)."""
    found, todo = [], list(TextChoices.__subclasses__())
    while todo:
        vocabulary = todo.pop()
        todo += vocabulary.__subclasses__()
        if vocabulary.__module__.startswith("recordright."):
            found.append(vocabulary)
    return found


# Pages that are not for a person's eyes, or that end the session.
SKIP = re.compile(r"^/(admin|static|media)/|/logout/|\.(pdf|csv|ics|zip|json)$|/pdf/$|"
                  r"/csv/$|/file/$|/download/$|/feed/")
NO_LOGIN = {"reminders:feed", "patients:accept", "account_confirm_email",
            "account_reset_password_from_key", "sharing:open", "sharing:file",
            "sharing:manifest"}
LIMIT = 700


def start_urls(graph) -> list[str]:
    urls = []
    for name, namespace, params in url_patterns():
        if name is None or (namespace and namespace[0] in ALLOWED_NAMESPACES):
            continue
        if not params:
            urls.append(reverse(name))
        elif name in ROUTES and ROUTES[name].get:
            urls.append(reverse(name, kwargs=ROUTES[name].kwargs(graph)))
    urls += [reverse("letters:sample_html", args=[kind.id]) for kind in all_kinds()]
    return urls


def walk(client: Client, urls: list[str]) -> dict[str, list[str]]:
    """Every HTML page reachable by links from ``urls``: url -> problems on it."""
    seen, queue, found = set(), deque(urls), {}
    raw = raw_values(vocabularies(), {})
    while queue and len(seen) < LIMIT:
        url = urldefrag(queue.popleft())[0]
        if url in seen or SKIP.search(url.split("?")[0]) or "logout" in url:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        bad = problems(visible_pieces(html), raw)
        if bad:
            found[url] = bad
        for link in re.findall(r'href="(/[^"]*)"', html):
            queue.append(link.replace("&amp;", "&"))
    assert len(seen) > 60, f"the walk reached only {len(seen)} pages"
    return found


def test_every_status_the_engine_gives_has_words():
    """docs/case-format.md lists the statuses; each has a label (draft is the app's own)."""
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / "case-format.md").read_text()
    row = next(line for line in doc.splitlines() if line.startswith("| `status` |"))
    listed = set(re.findall(r"`([a-z_]+)`", row.split("|")[2]))
    assert listed and listed | {"draft"} == set(Status.values)


def test_no_page_shows_internal_vocabulary(make_user):
    owner, graph = dataset.build(make_user)
    client = Client()
    client.force_login(owner)
    found = walk(client, start_urls(graph))
    report = "\n".join(f"{url}:\n  " + "\n  ".join(sorted(set(bad))[:12])
                       for url, bad in sorted(found.items()))
    assert not found, f"internal vocabulary on {len(found)} pages:\n{report}"
