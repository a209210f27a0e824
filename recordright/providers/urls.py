from django.urls import path

from recordright.providers import office_form_views, removal_views, views

app_name = "providers"
urlpatterns = [
    path("", views.provider_list, name="list"),
    path("add/", views.provider_add, name="add"),
    path("<int:provider_id>/edit/", views.provider_edit, name="edit"),
    path("<int:provider_id>/office-forms/", office_form_views.office_forms, name="office-forms"),
    path("<int:provider_id>/office-forms/<int:form_id>/pdf/", office_form_views.office_form_file,
         name="office-form-file"),
    path("<int:provider_id>/office-forms/<int:form_id>/remove/",
         office_form_views.office_form_remove, name="office-form-remove"),
    path("<int:provider_id>/remove/", removal_views.provider_remove, name="remove"),
    path("<int:provider_id>/archive/", removal_views.provider_archive, name="archive"),
    path("<int:provider_id>/restore/", removal_views.provider_restore, name="restore"),
    path("<int:provider_id>/delete/", removal_views.provider_delete, name="delete"),
]
