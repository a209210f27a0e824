from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from recordright.accounts.forms import ProfileForm


@login_required
def account_settings(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your account details are saved."))
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})
