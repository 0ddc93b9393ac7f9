"""Language of a document's text: ISO 639-1 code, "und" when it cannot be told.

py3langid (a maintained fork of langid.py; its model ships in the wheel) tells apart the
languages of the region in any script: en ru be uk kk ky tg uz hy az ka bg sr mk zh fr de and
some hundred more. The model is loaded once per process, on first use.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import islice

_LETTER = re.compile(r"[^\W\d_]")
_SAMPLE = 1500  # enough to tell the language; the model's time grows with the sample
_MIN_LETTERS = 20
_WORD = re.compile(r"[^\W\d_]+")
# English function words: text dense in them is English, no model needed (most of an archive)
_ENGLISH = frozenset("the of and to in a is that for on with as by was it are be this from at said".split())
_ENGLISH_SHARE = 0.2
# what an archive of Eurasian news is written in; restricting the model to these keeps a short or
# odd text from coming out as a language of a few thousand speakers ("bcl")
_LANGUAGES = ("en ru be uk kk ky tg uz uzs hy az ka bg sr mk zh yue fr de es it pt pl cs sk sl hr bs ro hu el "
              "tr fa ar he ja ko mn lt lv et fi sv no da nl hi ur ps tk tt ba vi th id ms").split()
# codes the model gives beyond ISO 639-1, mapped to what the index knows
_CODES = {"uzs": "uz", "yue": "zh", "wuu": "zh", "ary": "ar", "arz": "ar"}


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages([c for c in _LANGUAGES if c in identifier.nb_classes])
    return identifier


def load_identifier() -> None:
    """Load the model now (an import's warm-up, in a thread of its own)."""
    _identifier()


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` is written in ("ru", "kk", "en"…); "und"
    when it has too few letters to tell."""
    sample = text[:_SAMPLE]
    if next(islice(_LETTER.finditer(sample), _MIN_LETTERS - 1, None), None) is None:
        return "und"  # fewer than _MIN_LETTERS letters (counted no further than that)
    words = _WORD.findall(sample.lower())
    if words and sum(map(_ENGLISH.__contains__, words)) / len(words) >= _ENGLISH_SHARE:
        return "en"
    code, _score = _identifier().classify(sample)
    code = _CODES.get(code, code)
    return "und" if code == "zxx" else code
