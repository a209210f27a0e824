from django.urls import path

from recordright.sharing import public, views

app_name = "sharing"
urlpatterns = [
    path("patients/<int:patient_id>/summary/", views.summary, name="summary"),
    path("patients/<int:patient_id>/summary.pdf", views.summary_pdf, name="summary-pdf"),
    path("patients/<int:patient_id>/ips.json", views.ips_json, name="ips"),
    path("patients/<int:patient_id>/packet/", views.packet_view, name="packet"),
    path("patients/<int:patient_id>/links/", views.share_links, name="links"),
    path("patients/<int:patient_id>/links/<int:link_id>/revoke/", views.revoke, name="revoke"),
    # Public: the secret in the path is the key (see public.py).
    path("s/<str:token>/", public.open_link, name="open"),
    path("s/<str:token>/manifest", public.manifest, name="manifest"),
    path("s/<str:token>/<str:name>", public.shared_file, name="file"),
]
