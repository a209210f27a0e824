from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("recordright.web.urls")),
    path("accounts/", include("recordright.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("patients/", include("recordright.patients.urls")),
    path("providers/", include("recordright.providers.urls")),
    path("requests/", include("recordright.requests.urls")),
    path("letters/", include("recordright.letters.urls")),
    path("reminders/", include("recordright.reminders.urls")),
    path("directory/", include("recordright.directory.urls")),
    path("vault/", include("recordright.vault.urls")),
    path("share/", include("recordright.sharing.urls")),
    path("admin/", admin.site.urls),
]
