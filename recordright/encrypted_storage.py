"""File storage that encrypts every file at rest with a key derived from the master key.

Uploaded evidence and authority documents (a power of attorney, letters of
administration) go through this storage. Files on disk are Fernet tokens
(AES-128-CBC with HMAC-SHA256); names are random, so not even a file name leaks.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

from recordright import keys


@deconstructible
class EncryptedStorage(FileSystemStorage):
    def __init__(self, location=None, base_url=None):
        super().__init__(location=location or settings.MEDIA_ROOT, base_url=None)

    @property
    def _fernet(self) -> Fernet:
        return Fernet(keys.files_fernet_key())

    def get_available_name(self, name, max_length=None):
        folder = PurePosixPath(name).parent
        return super().get_available_name(str(folder / f"{uuid.uuid4().hex}.enc"), max_length)

    def _save(self, name, content):
        content.seek(0)
        token = self._fernet.encrypt(content.read())
        return super()._save(name, ContentFile(token))

    def _open(self, name, mode="rb"):
        with super()._open(name, "rb") as handle:
            plain = self._fernet.decrypt(handle.read())
        return ContentFile(plain, name=name)

    def url(self, name):  # Files are only ever served through access-checked views.
        raise NotImplementedError("Encrypted files have no public URL.")


def encrypted_storage() -> EncryptedStorage:
    return EncryptedStorage()
