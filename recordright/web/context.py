from django.conf import settings

from recordright.mail import email_is_configured


def site(request):
    return {"site_url": settings.SITE_URL, "debug": settings.DEBUG,
            "email_configured": email_is_configured()}
