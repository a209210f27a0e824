"""The streaming encrypted file store (interim copy: the "filestore" branch replaces it)."""
