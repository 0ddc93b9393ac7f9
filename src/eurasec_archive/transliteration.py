"""Cyrillic -> Latin the way English wire copy spells Russian names: BGN/PCGN with its context rules.

``transliterate("Токаев")`` is "Tokayev" (е after a vowel is "ye"), "Сергей" is "Sergey",
"Ельцин" "Yeltsin", "Фёдор" "Fyodor"; soft and hard signs are dropped, as the wires do.
``latin_variants`` adds the other spellings the wires use for the same letters (Sergei, Yuri,
Alexander, Tokaev), so that a Cyrillic name and any usual English spelling of it meet.
"""

from __future__ import annotations

import re
from itertools import product

_VOWELS = set("аеёиоуыэюяАЕЁИОУЫЭЮЯ")
_SIGNS = set("ьъЬЪ")
_HUSHING = set("жчшщЖЧШЩ")
_PLAIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ж": "zh", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Ukrainian, Belarusian, Kazakh letters, as their own romanizations write them
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "w", "ә": "a", "ғ": "gh", "қ": "q", "ң": "ng",
    "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "ҳ": "h", "ҷ": "j", "ӣ": "i", "ӯ": "u",
}
_CYRILLIC = re.compile("[\u0400-\u04ff]")
# spellings the wires use beside BGN/PCGN: (BGN form, other form)
_ALTERNATIVES = (("iy", "i"), ("yy", "y"), ("ey", "ei"), ("oy", "oi"), ("iya", "ia"), ("ye", "e"), ("ks", "x"),
                 ("yo", "e"), ("kh", "h"))
# what match_key folds, in order: the wires' spellings onto one form
_FOLDS = ((r"x", "ks"), (r"iya", "ia"), (r"ei", "ey"), (r"oi", "oy"), (r"(?:iy|yy|i)\b", "y"),
          (r"(?<=[aeiou])ye", "e"), (r"yo", "e"), (r"ë", "e"))


def _letter(text: str, i: int) -> str:
    c = text[i]
    low = c.lower()
    prev = text[i - 1] if i else ""
    start = not prev.isalpha()
    if low == "е":
        out = "ye" if start or prev in _VOWELS or prev in _SIGNS else "e"
    elif low == "ё":
        # "Фёдор" Fyodor, but "Горбачёв" Gorbachev, as the wires write it
        out = "e" if prev in _HUSHING else "yo"
    elif low in _PLAIN:
        out = _PLAIN[low]
    else:
        return c
    if c != low and out:
        following = text[i + 1] if i + 1 < len(text) else ""
        return out.upper() if following.isupper() and len(out) > 1 else out[0].upper() + out[1:]
    return out


def transliterate(text: str) -> str:
    """``text`` with its Cyrillic letters in Latin (BGN/PCGN, signs dropped); other characters
    as they are: "Сергей Токаев" -> "Sergey Tokayev"."""
    if not _CYRILLIC.search(text):
        return text
    return "".join(_letter(text, i) for i in range(len(text)))


def latin_variants(name: str, limit: int = 16) -> list[str]:
    """The usual Latin spellings of a name, BGN/PCGN first ("Сергей" -> ["Sergey", "Sergei"];
    "Токаев" -> ["Tokayev", "Tokaev"]). A Latin name comes back alone."""
    base = transliterate(name)
    if base == name and not _CYRILLIC.search(name):
        return [name]
    options = []
    for word in base.split():
        forms = {word}
        for old, new in _ALTERNATIVES:
            forms |= {f.replace(old, new) for f in forms if old in f and not f.lower().startswith(old)}
        # a trailing "-iy"/"-yy" is most often written "-y" or "-i" ("Yuriy" -> "Yuri")
        forms |= {f[:-2] + "y" for f in forms if f.endswith(("iy", "yy"))}
        options.append([word] + sorted(forms - {word}))
    out = []
    for combo in product(*options):
        out.append(" ".join(combo))
        if len(out) >= limit:
            break
    return out


def match_key(name: str) -> str:
    """One comparison form for names in any script and spelling: BGN Latin, casefolded, with the
    letters the wires spell differently folded ("Sergei"/"Sergey"/"Сергей" -> "sergey")."""
    key = transliterate(name).casefold()
    for pattern, replacement in _FOLDS:
        key = re.sub(pattern, replacement, key)
    return key
