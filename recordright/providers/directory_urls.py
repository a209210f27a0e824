"""The "Find a provider" pages: search the directory, use a result, import a list.

They make the user's providers from directory records, so they live here and the
directory stays below every domain app. The URL names keep the ``directory`` namespace
(the site section) so links and bookmarks do not change.
"""

from django.urls import path

from recordright.providers import directory_views as views

app_name = "directory"
urlpatterns = [
    path("", views.search_page, name="search"),
    path("use/", views.use_provider, name="use"),
    path("refresh/<int:provider_id>/", views.refresh_provider, name="refresh"),
    path("import/", views.import_csv, name="import"),
]
