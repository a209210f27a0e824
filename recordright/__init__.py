"""recordright: get your medical records, with the law on your side."""

__version__ = "0.1.0"
