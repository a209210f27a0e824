"""One importer per kind of file, all with the same shape (``base.Importer``)."""
