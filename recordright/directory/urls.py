from django.urls import path

from recordright.directory import closed_views, views

app_name = "directory"
STEP = "closed/<int:patient_id>/<int:search_id>/steps/<int:step_id>/"
urlpatterns = [
    path("", views.search_page, name="search"),
    path("use/", views.use_provider, name="use"),
    path("refresh/<int:provider_id>/", views.refresh_provider, name="refresh"),
    path("import/", views.import_csv, name="import"),
    path("closed/new/", closed_views.closed_new, name="closed-new"),
    path("closed/from-request/<int:request_id>/", closed_views.closed_from_request,
         name="closed-from-request"),
    path("closed/<int:patient_id>/", closed_views.closed_list, name="closed-list"),
    path("closed/<int:patient_id>/<int:search_id>/", closed_views.closed_detail,
         name="closed-detail"),
    path(STEP, closed_views.closed_step, name="closed-step"),
    path(f"{STEP}letter/", closed_views.closed_letter, name="closed-letter"),
    path(f"{STEP}letter/pdf/", closed_views.closed_letter_pdf, name="closed-letter-pdf"),
    path(f"{STEP}recipient/", closed_views.closed_recipient, name="closed-recipient"),
    path(f"{STEP}found/", closed_views.closed_found, name="closed-found"),
]
