"""``{% once_token %}``: the hidden one-time token for a form without a Django form class."""

from django import template
from django.utils.html import format_html

from recordright.web.once import FIELD, new_token, token_of

register = template.Library()


@register.simple_tag(takes_context=True)
def once_token(context) -> str:
    request = context.get("request")
    # A page shown again after a refused post keeps the token it was sent with.
    token = (token_of(request) if request is not None and request.method == "POST" else "")
    # A text input never shown, not type=hidden: see web.once.TokenInput.
    return format_html('<input type="text" name="{}" value="{}" hidden tabindex="-1" '
                       'aria-hidden="true" class="once-token">', FIELD, token or new_token())
