"""The file store: every file recordright keeps, encrypted and streamed (docs/file-format.md).

- ``format``: the encrypted format itself (pure Python): ``encrypt_stream``, ``decrypt_stream``,
  ``DecryptingReader`` and the ``FileStoreError`` exceptions.
- ``store``: where files live and how they follow their row's transaction: ``save_stream``,
  ``open_plain``, ``delete``, ``delete_on_commit``, ``exists``, ``verify``, ``EncryptedStorage``.
- ``fields``: ``EncryptedFileField``, a FileField on the store that keeps the file's SHA-256.
- ``registry``: who names stored files (``register``, ``register_source``), for
  ``recordright check`` (``checks``) and for deleting a file with its row.
"""
