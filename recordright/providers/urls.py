from django.urls import path

from recordright.providers import views

app_name = "providers"
urlpatterns = [
    path("", views.provider_list, name="list"),
    path("add/", views.provider_add, name="add"),
    path("<int:provider_id>/edit/", views.provider_edit, name="edit"),
]
