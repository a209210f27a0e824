"""Moving files of the first format (one Fernet token per file) into the store's format.

The data migrations of the apps that keep files call ``reencrypt_field``: each Fernet file is
decrypted with the old key derivation (``keys.files_fernet_key``), written again through
``store.save_stream`` (which fills the checksum), and the old file is removed once the migration
commits. Fernet files were limited by the upload size (20 MB by default), so reading one whole is
what the old code did too. A file that cannot be read is left as it is and named in the output;
``recordright check`` keeps reporting it.
"""

from __future__ import annotations

import io
import sys
import uuid
from pathlib import PurePosixPath
from typing import TextIO

from cryptography.fernet import Fernet, InvalidToken

from recordright import keys
from recordright.filestore import format as file_format
from recordright.filestore import store


def is_new_format(name: str) -> bool:
    with store.path_of(name).open("rb") as handle:
        return handle.read(len(file_format.MAGIC)) == file_format.MAGIC


def reencrypt_field(model, field: str, sha256_field: str, out: TextIO | None = None) -> int:
    """Re-encrypt every Fernet file of ``model.field``; fill missing checksums. Returns a count."""
    out = out or sys.stdout
    fernet = Fernet(keys.files_fernet_key())
    moved = 0
    rows = model._default_manager.exclude(**{field: ""}).values_list("pk", field, sha256_field)
    for pk, name, sha256 in list(rows):
        if not store.is_store_name(name) or not store.exists(name):
            out.write(f"  {model._meta.label_lower} {pk}: file {name} is missing, left as is\n")
            continue
        if is_new_format(name):
            if not sha256:
                digest = store.verify(name)
                model._default_manager.filter(pk=pk).update(**{sha256_field: digest.sha256})
            continue
        try:
            plain = fernet.decrypt(store.path_of(name).read_bytes())
        except InvalidToken:
            out.write(f"  {model._meta.label_lower} {pk}: file {name} cannot be decrypted with "
                      f"this key, left as is\n")
            continue
        stored = store.save_stream(io.BytesIO(plain), str(PurePosixPath(name).parent))
        model._default_manager.filter(pk=pk).update(**{field: stored.name,
                                                        sha256_field: stored.sha256})
        store.delete_on_commit(name)
        moved += 1
    return moved


def back_to_fernet(model, field: str, sha256_field: str) -> int:
    """The reverse of ``reencrypt_field``, for unapplying the migration."""
    fernet = Fernet(keys.files_fernet_key())
    moved = 0
    rows = model._default_manager.exclude(**{field: ""}).values_list("pk", field)
    for pk, name in list(rows):
        if not store.is_store_name(name) or not store.exists(name) or not is_new_format(name):
            continue
        with store.open_plain(name) as reader:
            token = fernet.encrypt(reader.read())
        new_name = str(PurePosixPath(name).parent / f"{uuid.uuid4().hex}{store.SUFFIX}")
        store.path_of(new_name).write_bytes(token)
        model._default_manager.filter(pk=pk).update(**{field: new_name, sha256_field: ""})
        store.delete_on_commit(name)
        moved += 1
    return moved
