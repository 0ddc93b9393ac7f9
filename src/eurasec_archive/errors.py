"""Domain errors. Each carries a message a person can act on; no traceback reaches a user."""


class ArchiveError(Exception):
    """Base class of every error this package raises on purpose."""

    status = 500
    code = "archive_error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def to_json(self) -> dict:
        return {"error": {"code": self.code, "message": self.message, "status": self.status}}


class ImportFailed(ArchiveError):
    """A file could not be imported. ``path`` names the file, the message says why."""

    status = 422
    code = "import_failed"

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class BadQuery(ArchiveError):
    status = 400
    code = "bad_query"


class NotFound(ArchiveError):
    status = 404
    code = "not_found"


class Gone(ArchiveError):
    """The item existed and was deleted; ``tombstone`` says what it was and why."""

    status = 410
    code = "gone"

    def __init__(self, message: str, tombstone: dict):
        super().__init__(message)
        self.tombstone = tombstone


class StorageError(ArchiveError):
    """The archive directory cannot be written or read (disk full, read-only, corrupted)."""

    code = "storage_error"


class ArchiveBusy(ArchiveError):
    """Another writer (import, delete, reindex…) holds the archive's writer lock."""

    status = 503
    code = "archive_busy"


class UnreadableItem(StorageError):
    """An item file exists but cannot be read or parsed (damaged on disk)."""

    status = 503
    code = "unreadable_item"
