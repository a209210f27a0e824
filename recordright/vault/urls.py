from django.urls import include, path

from recordright.vault import views

app_name = "vault"
urlpatterns = [
    path("<int:patient_id>/", views.documents, name="documents"),
    path("<int:patient_id>/upload/", views.upload, name="upload"),
    path("", include("recordright.vault.urls_read")),
]
