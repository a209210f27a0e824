from django.urls import path

from recordright.requests import letter_views, removal_views, views

app_name = "requests"
urlpatterns = [
    path("new/<int:patient_id>/", views.request_new, name="new"),
    path("<int:request_id>/", views.request_detail, name="detail"),
    path("<int:request_id>/events/", views.event_add, name="event-add"),
    path("<int:request_id>/events/<int:event_id>/evidence/", views.evidence_download,
         name="evidence"),
    path("<int:request_id>/remove/", removal_views.request_remove, name="remove"),
    path("<int:request_id>/archive/", removal_views.request_archive, name="archive"),
    path("<int:request_id>/restore/", removal_views.request_restore, name="restore"),
    path("<int:request_id>/delete/", removal_views.request_delete, name="delete"),
    path("<int:request_id>/events/<int:event_id>/remove/", removal_views.event_remove,
         name="event-remove"),
    path("<int:request_id>/events/<int:event_id>/undo/", removal_views.event_undo,
         name="event-undo"),
    path("<int:request_id>/events/<int:event_id>/restore/", removal_views.event_restore,
         name="event-restore"),
    path("<int:request_id>/events/<int:event_id>/delete/", removal_views.event_delete,
         name="event-delete"),
    path("<int:request_id>/records-checked/", views.records_checked, name="records-checked"),
    path("<int:request_id>/kept-electronically/", views.kept_electronically,
         name="kept-electronically"),
    path("<int:request_id>/letters/<slug:kind>/", letter_views.letter_page, name="letter"),
    path("<int:request_id>/letters/<slug:kind>/pdf/", letter_views.letter_pdf, name="letter-pdf"),
    path("<int:request_id>/letters/<slug:kind>/send/", letter_views.letter_send,
         name="letter-send"),
]
