"""Language of a document's text: ISO 639-1 code, "und" when it cannot be told.

py3langid (a maintained fork of langid.py; its model ships in the wheel) tells apart the
languages of the region in any script: en ru be uk kk ky tg uz hy az ka bg sr mk zh fr de and
some hundred more. The model is loaded once per process, on first use.
"""

from __future__ import annotations

import re
from functools import cache

_LETTER = re.compile(r"[^\W\d_]")
_SAMPLE = 1500  # enough to tell the language; the model's time grows with the sample
_MIN_LETTERS = 20
# codes the model gives beyond ISO 639-1, mapped to what the index knows
_CODES = {"uzs": "uz", "yue": "zh", "wuu": "zh", "ary": "ar", "arz": "ar"}


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` is written in ("ru", "kk", "en"…); "und"
    when it has too few letters to tell."""
    sample = text[:_SAMPLE]
    if len(_LETTER.findall(sample)) < _MIN_LETTERS:
        return "und"
    code, _score = _identifier().classify(sample)
    code = _CODES.get(code, code)
    return "und" if code == "zxx" else code
