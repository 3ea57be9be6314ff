"""One reader per accepted format; each returns a :class:`~..model.Document`."""
