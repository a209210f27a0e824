from django.urls import path

from recordright.accounts import views

app_name = "accounts"
urlpatterns = [
    path("settings/", views.account_settings, name="settings"),
    path("signer/", views.signer, name="signer"),
]
