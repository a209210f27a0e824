"""The reading pages' URLs (included from vault/urls.py, under the vault's namespace)."""

from django.urls import path

from recordright.vault import read_views

urlpatterns = [
    path("<int:patient_id>/timeline/", read_views.timeline_view, name="timeline"),
    path("<int:patient_id>/category/<slug:category>/", read_views.category_view,
         name="category"),
    path("<int:patient_id>/labs/", read_views.labs_view, name="labs"),
    path("<int:patient_id>/search/", read_views.search_view, name="search"),
    path("<int:patient_id>/entry/<int:entry_id>/", read_views.entry_view, name="entry"),
    path("<int:patient_id>/entry/<int:entry_id>/correct/", read_views.amend_view, name="amend"),
    path("<int:patient_id>/document/<int:document_id>/", read_views.document_view,
         name="document"),
    path("<int:patient_id>/document/<int:document_id>/original/", read_views.document_file,
         name="document-file"),
    path("request/<int:request_id>/", read_views.request_records_view,
         name="request-records"),
]
