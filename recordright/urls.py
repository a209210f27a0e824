from django.contrib import admin
from django.urls import include, path

from recordright.requests.dashboard import dashboard

urlpatterns = [
    path("", include("recordright.web.urls")),
    path("today/", dashboard, name="dashboard"),
    path("accounts/", include("recordright.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("patients/", include("recordright.patients.urls")),
    path("providers/", include("recordright.providers.urls")),
    path("requests/", include("recordright.requests.urls")),
    path("letters/", include("recordright.letters.urls")),
    path("reminders/", include("recordright.reminders.urls")),
    path("directory/", include("recordright.providers.directory_urls")),
    # The guide kept its addresses when it became its own app.
    path("directory/closed/", include("recordright.closed_practices.urls")),
    path("vault/", include("recordright.vault.urls")),
    path("share/", include("recordright.sharing.urls")),
    path("admin/", admin.site.urls),
]

# Error pages with the site's navigation (recordright.web.views).
handler400 = "recordright.web.views.bad_request"
handler403 = "recordright.web.views.permission_denied"
handler404 = "recordright.web.views.page_not_found"
handler500 = "recordright.web.views.server_error"
