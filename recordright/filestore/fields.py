"""``EncryptedFileField``: a FileField on the store that keeps its file's SHA-256 in the row.

Saving a file into the field streams it into the store (encrypted, removed again if the
transaction rolls back); replacing or deleting it removes the old file once the change commits,
so no file outlives the row that names it.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from django.db import models
from django.db.models.fields.files import FieldFile

from recordright.filestore import store


class EncryptedFieldFile(FieldFile):
    def save(self, name, content, save=True) -> None:
        previous = self.name if self._committed and store.is_store_name(self.name) else ""
        name = self.field.generate_filename(self.instance, name)
        if getattr(content, "seekable", lambda: False)():
            content.seek(0)
        stored = store.save_stream(content, str(PurePosixPath(name).parent))
        self.name = stored.name
        setattr(self.instance, self.field.attname, self.name)
        self._set_sha256(stored.sha256)
        self._committed = True
        if previous:
            store.delete_on_commit(previous)
        if save:
            self.instance.save()

    save.alters_data = True

    def delete(self, save=True) -> None:
        if not self:
            return
        if hasattr(self, "_file"):
            self.close()
            del self.file
        if store.is_store_name(self.name):
            store.delete_on_commit(self.name)
        self.name = None
        setattr(self.instance, self.field.attname, self.name)
        self._set_sha256("")
        self._committed = False
        if save:
            self.instance.save()

    delete.alters_data = True

    def _set_sha256(self, value: str) -> None:
        if self.field.sha256_field:
            setattr(self.instance, self.field.sha256_field, value)


class EncryptedFileField(models.FileField):
    """A file stored encrypted; ``sha256_field`` names the row's column for its checksum."""

    attr_class = EncryptedFieldFile

    def __init__(self, verbose_name=None, name=None, upload_to="", storage=None,
                 sha256_field: str = "", **kwargs) -> None:
        super().__init__(verbose_name, name, upload_to=upload_to,
                         storage=storage or store.encrypted_storage, **kwargs)
        self.sha256_field = sha256_field

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("storage") is store.encrypted_storage:
            del kwargs["storage"]
        if self.sha256_field:
            kwargs["sha256_field"] = self.sha256_field
        return name, path, args, kwargs
