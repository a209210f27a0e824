"""A viewer sees only what they can use (issue 14, item 8): no page they may open offers a
form that changes something, since sending it would only be refused."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from tests.security.test_every_view import ROUTES, build_graph

pytestmark = pytest.mark.django_db

FORM = re.compile(r'<form\b[^>]*method="post"[^>]*>', re.IGNORECASE)
ACTION = re.compile(r'action="([^"]*)"')


def test_a_viewer_is_offered_no_form_they_may_not_send(owner, make_user):
    viewer = make_user("dana@example.org", display_name="Dana Viewer")
    graph = build_graph(owner, name="Sam Synthetic", viewer=viewer)
    client = Client()
    client.force_login(viewer)
    offered = []
    for name, route in ROUTES.items():
        if not route.get or route.need != "view":
            continue
        url = reverse(name, kwargs=route.kwargs(graph))
        page = client.get(url)
        if page.status_code != 200 or "text/html" not in page["Content-Type"]:
            continue
        for tag in FORM.findall(page.content.decode()):
            action = ACTION.search(tag)
            action = action.group(1) if action and action.group(1) else url
            try:
                target = resolve(action.split("?")[0].replace("&amp;", "&"))
            except Resolver404:
                continue
            target_route = ROUTES.get(target.view_name)
            if target_route is None or target_route.post is None:
                continue  # logout, or a POST that only reads (a PDF)
            if (target_route.post_need or target_route.need) != "view":
                offered.append((name, target.view_name))
    assert not offered, f"forms a viewer cannot use: {offered}"


def test_a_viewer_opening_a_closed_practice_page_is_told_who_can_start_one(owner, make_user):
    viewer = make_user("dana@example.org", display_name="Dana Viewer")
    graph = build_graph(owner, name="Sam Synthetic", viewer=viewer)
    client = Client()
    client.force_login(viewer)
    page = client.get(reverse("closed_practices:list", args=[graph.patient.pk])).content.decode()
    assert "Dr. Closed Practice" in page  # they see the searches
    assert "Only people who may edit" in page
