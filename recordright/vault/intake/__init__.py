"""Intake: a file in, a document and its entries out, as a chain of small steps
(``pipeline``), with one importer per kind of file (``importers``)."""
