from django.urls import path

from recordright.patients import removal_views, views

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
    path("<int:patient_id>/remove/", removal_views.patient_remove, name="remove"),
    path("<int:patient_id>/archive/", removal_views.patient_archive, name="archive"),
    path("<int:patient_id>/restore/", removal_views.patient_restore, name="restore"),
    path("<int:patient_id>/delete/", removal_views.patient_delete, name="delete"),
    path("<int:patient_id>/kept/<int:kept_id>/", removal_views.kept_file, name="kept-file"),
    path("<int:patient_id>/kept/<int:kept_id>/delete/", removal_views.kept_file_delete,
         name="kept-delete"),
    path("invitations/<str:token>/", views.invitation_accept, name="accept"),
]
