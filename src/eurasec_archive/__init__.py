"""eurasec-archive: a searchable archive of documents about Eurasian security."""

__version__ = "0.1.0"
