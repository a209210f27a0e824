"""A view that opts into large uploads spooled encrypted (as the vault's will)."""

import hashlib

from django.http import JsonResponse
from django.urls import include, path
from django.views.decorators.http import require_POST

from recordright.web.upload_spool import EncryptedSpool
from recordright.web.uploads import accepts_uploads

LARGE_LIMIT = 64 * 1024 * 1024


@require_POST
@accepts_uploads(max_bytes=LARGE_LIMIT, spool=EncryptedSpool)
def large_upload(request):
    upload = request.FILES["file"]
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    head = upload.read(16)
    return JsonResponse({"size": upload.size, "sha256": digest.hexdigest(),
                         "head": head.decode("ascii", "replace")})


urlpatterns = [path("large-upload/", large_upload), path("", include("recordright.urls"))]
