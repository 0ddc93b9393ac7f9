"""Stories: one text, many reprints. Near-duplicate detection (sentence prints and MinHash
LSH, ``fingerprint``), the decision rule (``cluster``), the persistent store (``store``) and
the paragraph-by-paragraph comparison of two items (``compare``)."""

from eurasec_archive.stories.store import FILENAME, StoryIndex

__all__ = ["FILENAME", "StoryIndex"]
