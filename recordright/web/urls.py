from django.urls import path

from recordright.web import views

urlpatterns = [
    path("", views.home, name="home"),
]
