"""The request page's "If the office has closed" section (requests/detail.html loads it).

A template tag, so that the requests app links to the guide without importing it: the
guide sits above requests.
"""

from __future__ import annotations

from django import template

from recordright.closed_practices.tracking import request_hint

register = template.Library()


@register.inclusion_tag("closed_practices/_request_section.html")
def closed_practice_section(req, link):
    return {"req": req, "link": link, "cp": request_hint(req)}
