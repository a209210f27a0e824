"""Uploads are checked as their bytes arrive, and never reach the disk as plaintext.

Django's default handlers write any upload above ``FILE_UPLOAD_MAX_MEMORY_SIZE`` to a plain
file in the system temp folder *before* a view can look at its size. Here instead:

1. ``UploadLimitMiddleware`` (before CSRF, which reads the body) refuses a request whose
   ``Content-Length`` is above the view's limit, with a page that says so, without reading it;
2. ``LimitedUploadHandler`` counts every file's bytes while reading: once a file passes the
   limit its bytes are dropped, and the form receives a ``RefusedUpload`` that carries the
   size and the limit for its message (reading it raises ``UploadTooLarge``);
3. bytes are kept in a spool: memory by default (``RECORDRIGHT_MAX_UPLOAD_BYTES`` bounds it),
   or, for a view that opts in with ``@accepts_uploads(max_bytes=..., spool=EncryptedSpool)``,
   encrypted in the data directory (``recordright.web.upload_spool``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from recordright.web.upload_spool import MemorySpool, Spool

MULTIPART_OVERHEAD = 64 * 1024  # boundaries and part headers


class UploadTooLarge(ValueError):
    """A refused upload was read: a form let it through without checking its size."""


@dataclass(frozen=True)
class UploadPolicy:
    max_bytes: int  # largest single file
    spool: Callable[[], Spool] = MemorySpool

    @property
    def max_request_bytes(self) -> int:
        """The whole request: the files, the form's other fields, multipart framing."""
        return self.max_bytes + settings.DATA_UPLOAD_MAX_MEMORY_SIZE + MULTIPART_OVERHEAD


def default_policy() -> UploadPolicy:
    return UploadPolicy(settings.MAX_UPLOAD_BYTES)


def accepts_uploads(*, max_bytes: int, spool: Callable[[], Spool] = MemorySpool):
    """Give a view its own upload limit (and spool). Larger limits need ``EncryptedSpool``."""
    if spool is MemorySpool and max_bytes > settings.MAX_UPLOAD_BYTES:
        raise ImproperlyConfigured("Uploads above RECORDRIGHT_MAX_UPLOAD_BYTES must be spooled "
                                   "encrypted: pass spool=EncryptedSpool.")

    def decorate(view):
        view.upload_policy = UploadPolicy(max_bytes, spool)
        return view
    return decorate


def policy_for(request: HttpRequest) -> UploadPolicy:
    return getattr(request, "upload_policy", None) or default_policy()


class RefusedUpload(UploadedFile):
    """Stands in for a file that passed the limit: its size, no content."""

    refused = True

    def __init__(self, *, field_name: str, name: str, content_type: str, size: int,
                 limit: int):
        super().__init__(None, name, content_type, size)
        self.field_name = field_name
        self.limit = limit

    def open(self, mode=None):
        raise UploadTooLarge(self._message())

    def read(self, *args):
        raise UploadTooLarge(self._message())

    def chunks(self, chunk_size=None):
        raise UploadTooLarge(self._message())

    def multiple_chunks(self, chunk_size=None) -> bool:
        return False

    def close(self) -> None:
        pass

    def _message(self) -> str:
        return f"upload of {self.size} bytes refused (limit {self.limit})"


class LimitedUploadHandler(FileUploadHandler):
    """The only upload handler (settings.FILE_UPLOAD_HANDLERS)."""

    def new_file(self, field_name, file_name, content_type, content_length, charset=None,
                 content_type_extra=None):
        super().new_file(field_name, file_name, content_type, content_length, charset,
                         content_type_extra)
        self.policy = policy_for(self.request)
        self.received = 0
        self.spool: Spool | None = self.policy.spool()
        raise StopFutureHandlers

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:  # keeps the chunk
        self.received += len(raw_data)
        if self.spool is not None and self.received > self.policy.max_bytes:
            self.spool.discard()  # keep counting for the message, keep nothing
            self.spool = None
        if self.spool is not None:
            self.spool.write(raw_data)

    def file_complete(self, file_size: int) -> UploadedFile:
        if self.spool is None:
            return RefusedUpload(field_name=self.field_name, name=self.file_name,
                                 content_type=self.content_type, size=self.received,
                                 limit=self.policy.max_bytes)
        return self.spool.uploaded_file(
            field_name=self.field_name, name=self.file_name, content_type=self.content_type,
            size=self.received, charset=self.charset,
            content_type_extra=self.content_type_extra)

    def upload_interrupted(self) -> None:
        if getattr(self, "spool", None) is not None:
            self.spool.discard()


def too_large(request: HttpRequest, policy: UploadPolicy) -> HttpResponse:
    return render(request, "web/upload_too_large.html", {
        "limit_mb": max(1, policy.max_bytes // (1024 * 1024))}, status=413)


class UploadLimitMiddleware:
    """Refuse an oversized request by its Content-Length, before anything reads the body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        policy = getattr(view_func, "upload_policy", None) or default_policy()
        request.upload_policy = policy
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > policy.max_request_bytes:
            return too_large(request, policy)
        return None
