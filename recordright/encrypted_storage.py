"""Kept only because the first migrations name ``encrypted_storage`` from here.

Files are stored by ``recordright.filestore.store``; import from there.
"""

from recordright.filestore.store import EncryptedStorage, encrypted_storage

__all__ = ["EncryptedStorage", "encrypted_storage"]
