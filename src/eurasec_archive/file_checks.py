"""What the importer notices about a file besides its content: whether its type is one the
README documents (others are skipped, with the reason), and whether an HTML page was cut off
before its end (imported, with a warning on the item and in the report)."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

# the types the README documents (.gz of the text and HTML ones too); the format readers add theirs
DOCUMENTED_SUFFIXES = (".txt", ".html", ".htm")
_CLOSING_TAGS = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…:;\"'»”’)\]]\s*$")
TAIL_CHARS = 16384


def skip_reason(name: str, other_suffixes) -> str | None:
    """Why the file ``name`` is not imported, or None when its type is documented.

    :param other_suffixes: the suffixes the format readers take (.pdf, .docx, .warc, …)
    """
    base = name.lower()
    if base.endswith(".gz"):
        base = base[:-3]
    suffix = PurePosixPath(base).suffix
    documented = sorted({*DOCUMENTED_SUFFIXES, ".html.gz", *other_suffixes})
    if suffix in DOCUMENTED_SUFFIXES or suffix in other_suffixes:
        return None
    kind = f"{suffix} files are" if suffix else "a file without an extension is"
    return f"not a document type the importer reads: {kind} not imported (it reads {', '.join(documented)})"


def truncation_warning(html: str, paragraphs) -> str | None:
    """A warning when an HTML page ends before its end: no closing </body> or </html>, and the
    file stops inside text or a tag, or its last block stops mid-sentence (a download cut
    short, a capture that timed out)."""
    tail = html[-TAIL_CHARS:].rstrip()
    for _ in range(50):  # servers' timing notes after </html>
        if not (tail.endswith("-->") and "<!--" in tail):
            break
        tail = tail[:tail.rfind("<!--")].rstrip()
    if not tail or _CLOSING_TAGS.search(tail):
        return None
    last = paragraphs[-1].text.strip() if paragraphs else ""
    if tail.endswith(">") and (not last or _SENTENCE_END.search(last)):
        return None
    cut = " ".join(tail[-60:].split())
    return f"the page looks truncated: it ends without </body></html>, at “…{cut}”"
