from django.urls import path

from recordright.patients import views

app_name = "patients"
urlpatterns = [
    path("", views.patient_list, name="list"),
    path("add/", views.patient_add, name="add"),
    path("<int:patient_id>/", views.patient_detail, name="detail"),
    path("<int:patient_id>/edit/", views.patient_edit, name="edit"),
    path("<int:patient_id>/invite/", views.patient_invite, name="invite"),
    path("<int:patient_id>/access/<int:access_id>/remove/", views.access_remove,
         name="access-remove"),
    path("<int:patient_id>/access/<int:access_id>/document/", views.authority_document,
         name="authority-document"),
    path("<int:patient_id>/log/", views.audit_log, name="audit"),
    path("<int:patient_id>/log.csv", views.audit_log_csv, name="audit-csv"),
    path("invitations/<str:token>/", views.invitation_accept, name="accept"),
]
