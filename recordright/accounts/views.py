from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from recordright.accounts.forms import ProfileForm, SignerForm


@login_required
def account_settings(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your account details are saved."))
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return ""


@login_required
def signer(request):
    """The signer's full name, postal address and phone; then back where the user was."""
    back = _safe_next(request)
    form = SignerForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your name and address are saved for your letters."))
        return redirect(back or "accounts:settings")
    return render(request, "accounts/signer.html", {"form": form, "next": back},
                  status=400 if request.method == "POST" else 200)
