"""Language of a document's text: ISO 639-1 code, "und" when it cannot be told."""

from __future__ import annotations

import re

_CYR = re.compile(r"[а-яёіїєґўА-ЯЁІЇЄҐЎ]")
_LAT = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"[^\W\d_]+")
# the most frequent function words, enough to tell these languages apart
_STOPWORDS = {
    "en": {"the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "by", "was", "it", "are", "be", "this", "from", "at"},
    "ru": {"и", "в", "не", "на", "что", "с", "по", "как", "это", "из", "к", "о", "за", "от", "для", "у", "же", "но"},
    "be": {"і", "ў", "не", "на", "што", "з", "па", "як", "гэта", "да", "ад", "для", "у", "але"},
    "uk": {"і", "в", "не", "на", "що", "з", "по", "як", "це", "до", "від", "для", "у", "але", "та"},
    "de": {"der", "die", "und", "das", "ist", "nicht", "mit", "den", "von", "zu"},
    "fr": {"le", "la", "les", "et", "des", "est", "une", "pour", "dans", "que"},
}


def detect_language(text: str) -> str:
    sample = text[:20000]
    cyr, lat = len(_CYR.findall(sample)), len(_LAT.findall(sample))
    if cyr + lat < 20:
        return "und"
    words = [w.lower() for w in _WORD.findall(sample)]
    candidates = ("ru", "be", "uk") if cyr > lat else ("en", "de", "fr")
    scores = {lang: sum(1 for w in words if w in _STOPWORDS[lang]) for lang in candidates}
    best = max(scores, key=scores.get)
    if scores[best] == 0:
        return candidates[0]
    return best
