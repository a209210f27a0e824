from django.urls import path

from recordright.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.search_page, name="search"),
    path("use/", views.use_provider, name="use"),
    path("refresh/<int:provider_id>/", views.refresh_provider, name="refresh"),
    path("import/", views.import_csv, name="import"),
    path("closed/new/", views.closed_new, name="closed-new"),
    path("closed/<int:patient_id>/", views.closed_list, name="closed-list"),
    path("closed/<int:patient_id>/<int:search_id>/", views.closed_detail, name="closed-detail"),
    path("closed/<int:patient_id>/<int:search_id>/steps/<int:step_id>/", views.closed_step,
         name="closed-step"),
    path("closed/<int:patient_id>/<int:search_id>/steps/<int:step_id>/letter/",
         views.closed_letter, name="closed-letter"),
]
