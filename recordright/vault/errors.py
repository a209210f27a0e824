"""Errors the vault's readers raise: one plain message per file, safe to show to the user."""

from __future__ import annotations


class UnreadableDocument(Exception):
    """A file the vault could not read. The message is a plain sentence for the person who
    imported the file (it never carries the file's health data)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
