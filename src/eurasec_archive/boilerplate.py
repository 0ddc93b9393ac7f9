"""The boilerplate authority (``authority/boilerplate.json``), compiled once: the line shapes of
a page's tail, widgets, reader-comment threads and signatures, and of site chrome. Every pattern
matches case-insensitively; the file says where and how each list is used."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources


@cache
def boilerplate_rules() -> dict:
    """The compiled lists: tail, widget, chrome_shapes, comment_markers, comment_signatures
    (lists of patterns) and avatar (comment-author prefixes, a tuple of strings)."""
    data = json.loads(resources.files("eurasec_archive.authority").joinpath(
        "boilerplate.json").read_text("utf-8"))

    def compiled(key: str) -> list[re.Pattern]:
        return [re.compile(p, re.IGNORECASE) for p in data[key]]

    return {
        "tail": compiled("tail_markers"),
        "widget": compiled("widget_lines"),
        "chrome_shapes": compiled("chrome_shapes"),
        "comment_markers": compiled("comment_markers"),
        "comment_signatures": compiled("comment_signatures"),
        "avatar": tuple(data["comment_author_prefixes"]),
    }
