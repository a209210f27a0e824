"""The C-CDA reader: pure Python on hardened lxml, no Django, no I/O beyond the bytes given."""

from recordright.vault.ccda.document import parse_ccda

__all__ = ["parse_ccda"]
