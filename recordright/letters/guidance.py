"""Plain-language notes for the user interface (not printed in letters).

The requests wizard shows ``THIRD_PARTY_NOTE`` where the user chooses to send the
copy to someone else: after Ciox Health, LLC v. Azar (D.D.C. 2020) the letter still
asks the office to send the copy, but the patient-rate fee limit no longer applies
and only electronic copies of records in an electronic health record must be sent.
"""

from django.utils.translation import gettext_lazy as _

THIRD_PARTY_NOTE = _(
    "You can ask the office to send the copy straight to someone else, such as a new "
    "doctor or a lawyer. Since a 2020 court decision (Ciox Health v. Azar), two limits "
    "apply: the office must do so only for an electronic copy of records it keeps in an "
    "electronic health record, and the low fee limit for patients does not apply, so the "
    "office may charge what state law allows. For a paper copy, or to keep the fee low, "
    "have the copy sent to you and pass it on yourself.")

UNENCRYPTED_EMAIL_NOTE = _(
    "Regular email is not encrypted: someone could read your records on the way. If you "
    "accept that risk, the office must send them by regular email when you ask (HHS "
    "guidance). The letter says that you were told of the risk and accept it.")
