"""``{% once_token %}``: the hidden one-time token for a form without a Django form class."""

from django import template

from recordright.web.once import FIELD, TokenInput, new_token, token_of

register = template.Library()


@register.simple_tag(takes_context=True)
def once_token(context) -> str:
    request = context.get("request")
    # A page shown again after a refused post keeps the token it was sent with.
    token = (token_of(request) if request is not None and request.method == "POST" else "")
    # The same input as a Django form's (web.once.TokenInput: never shown, not type=hidden).
    return TokenInput().render(FIELD, token or new_token())
