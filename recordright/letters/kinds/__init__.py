"""One module per letter kind, each defining ``KIND`` (a ``base.LetterKind``)."""
