"""The "Send it" form of a letter: send it from this site, or record how you sent it.

Sending from this site is offered only when it can really go (``sending.can_email`` /
``can_fax``); otherwise the form offers only the ways a person sends a letter themselves.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from recordright.patients.forms import DATE_WIDGET
from recordright.requests import sending

FROM_THIS_SITE = [("email", _lazy("Email it now from this site")),
                  ("fax", _lazy("Fax it now through this site's fax service"))]
MYSELF = [("mail", _lazy("I mailed it")),
          ("own_email", _lazy("I emailed it myself, from my own email")),
          ("own_fax", _lazy("I faxed it myself")),
          ("in_person", _lazy("I handed it in at the office")),
          ("portal", _lazy("I sent it through their patient portal"))]


class SendForm(forms.Form):
    how = forms.ChoiceField(choices=FROM_THIS_SITE + MYSELF, widget=forms.RadioSelect,
                            label=_lazy("How does it go?"))
    to_address = forms.EmailField(required=False, label=_lazy("Send to this email address"))
    fax_number = forms.CharField(required=False, max_length=40,
                                 label=_lazy("Send to this fax number"))
    mailed_on = forms.DateField(required=False, widget=DATE_WIDGET,
                                label=_lazy("Date you sent it or handed it in"))
    certified = forms.BooleanField(required=False, label=_lazy("Sent by certified mail"))
    tracking_number = forms.CharField(required=False, max_length=60,
                                      label=_lazy("Certified-mail number"))
    delivered_on = forms.DateField(required=False, widget=DATE_WIDGET,
                                   label=_lazy("Delivery date (from the tracking page), if known"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_email, self.can_fax = sending.can_email(), sending.can_fax()
        offered = [(value, label) for value, label in FROM_THIS_SITE
                   if (value == "email" and self.can_email) or (value == "fax" and self.can_fax)]
        # Only the ways that can work are shown; the others are refused in clean().
        self.fields["how"].widget.choices = offered + MYSELF
        if not offered:
            self.fields["how"].label = _("How did you send it?")
        if not self.can_fax:
            del self.fields["fax_number"]

    @property
    def sends_from_this_site(self) -> bool:
        return self.can_email

    def clean(self):
        cleaned = super().clean()
        how = cleaned.get("how")
        if how == "email" and not self.can_email or how == "fax" and not self.can_fax:
            self.add_error("how", _("This site cannot send it: no mail server is set up. "
                                    "Download the PDF, send it yourself, and record how."))
        elif how == "email" and not cleaned.get("to_address"):
            self.add_error("to_address", _("Enter the email address to send to."))
        elif how == "fax" and not any(ch.isdigit() for ch in cleaned.get("fax_number", "")):
            self.add_error("fax_number", _("Enter the fax number to send to."))
        elif how in sending.MYSELF_CHANNELS:
            self._check_dates(cleaned, how)
        return cleaned

    def _check_dates(self, cleaned, how: str) -> None:
        today = timezone.localdate()
        sent, delivered = cleaned.get("mailed_on"), cleaned.get("delivered_on")
        if not sent:
            self.add_error("mailed_on", _("Enter the date you sent it."))
        elif sent > today:
            self.add_error("mailed_on", _("This date is in the future. Record it once the "
                                          "letter is on its way."))
        if how != "mail":
            return
        if delivered and delivered > today:
            self.add_error("delivered_on", _("This date is in the future."))
        elif delivered and sent and delivered < sent:
            self.add_error("delivered_on", _("The delivery date is before the date you "
                                             "mailed it."))
