from django.urls import path

from recordright.closed_practices import views

app_name = "closed_practices"
STEP = "<int:patient_id>/<int:search_id>/steps/<int:step_id>/"
urlpatterns = [
    path("new/", views.closed_new, name="new"),
    path("from-request/<int:request_id>/", views.closed_from_request, name="from-request"),
    path("<int:patient_id>/", views.closed_list, name="list"),
    path("<int:patient_id>/<int:search_id>/", views.closed_detail, name="detail"),
    path(STEP, views.closed_step, name="step"),
    path(f"{STEP}letter/", views.closed_letter, name="letter"),
    path(f"{STEP}letter/pdf/", views.closed_letter_pdf, name="letter-pdf"),
    path(f"{STEP}recipient/", views.closed_recipient, name="recipient"),
    path(f"{STEP}found/", views.closed_found, name="found"),
]
