from django.urls import path

from recordright.letters import views

app_name = "letters"
urlpatterns = [
    path("", views.kind_list, name="index"),
    path("sample/<slug:kind_id>.pdf", views.sample_pdf, name="sample_pdf"),
    path("sample/<slug:kind_id>/", views.sample_html, name="sample_html"),
    path("signature/", views.signature, name="signature"),
    path("signature/drawing.png", views.signature_drawing, name="signature_drawing"),
]
