"""Russian and Latin name forms: given names in any case form, the nominative of a person's name
(every word: "Сергея Шойгу" -> "Сергей Шойгу", particles kept: "Усамы бин Ладена" -> "Усама бин
Ладен"; foreign names by the endings of their case), patronymics. Read by the people pass (people.py),
the model's mentions (ner.py), the speakers and the entity merging."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from eurasec_archive.authorities import load_json
from eurasec_archive.extract.nominative import _VOWELS, _cased, _inflect, known_word, morph
from eurasec_archive.extract.russian import is_cyrillic, nominative_surname, stems

_INITIAL = re.compile(r"^[A-ZА-ЯЁ]\.")
_NAME_TAGS = {"Name", "Surn", "Patr"}
_PATRONYMIC = re.compile(r"(?:ovich|evich|yevich|ovna|evna|yevna|ович|евич|ьич|овн|евн)[а-яё]{0,3}$")

@cache
def given_names() -> frozenset[str]:
    """The given names of authority/given_names.json, as listed (the nominative)."""
    return frozenset(load_json("given_names.json")["given_names"])


@cache
def name_particles() -> frozenset[str]:
    """Lower-case words inside a person's name ("эль", "бин", "де"), from given_names.json."""
    return frozenset(load_json("given_names.json").get("name_particles", []))


def particle_prefix(token: str) -> str:
    """"эль-" of "эль-Масри", "д’" of "д’Артуа", "" for a token without a lower-case particle prefix."""
    for mark in "-’'":
        head, dash, rest = token.partition(mark)
        if dash and rest[:1].isupper() and (head in name_particles() or head + dash in name_particles()):
            return head + dash
    return ""


@cache
def _given_by_stem() -> dict[str, tuple[str, ...]]:
    """Any case form's stem of a Cyrillic given name -> the given names it may be a form of
    ("александр": Александр, Александра), in sorted order."""
    index: dict[str, set[str]] = {}
    for name in given_names():
        if is_cyrillic(name):
            for s in stems(name):
                index.setdefault(s, set()).add(name)
    return {s: tuple(sorted(names)) for s, names in index.items()}


@lru_cache(maxsize=8192)
def nominative_given(token: str) -> str | None:
    """The given name ``token`` is a form of ("Сергея" -> "Сергей"), or None. When its stems fit
    several names ("Александром": Александр, Александра), the one pymorphy3 reads the word as,
    else the one of the longest stem, else the first in alphabetical order: never the order of a
    set, which changes with the process's hash seed."""
    if token in given_names():
        return token
    if not is_cyrillic(token):
        return None
    index = _given_by_stem()
    found = sorted((-len(s), name) for s in stems(token) for name in index.get(s, ()))
    if not found:
        return None
    names = {name for _, name in found}
    if len(names) > 1:
        for p in morph().parse(token.lower()):
            if "Name" in p.tag and (n := p.normal_form[:1].upper() + p.normal_form[1:]) in names:
                return n
    return found[0][1]


def _given_reading(token: str) -> str | None:
    """The listed given name a word alone is a case form of, where the dictionary reads it so too
    ("Марину" -> "Марина"; "Алекс" is no form of "Алексей")."""
    given = nominative_given(token)
    if given is None or given == token:
        return given
    return given if any("Name" in p.tag and p.normal_form == given.lower() for p in morph().parse(token.lower())) else None


@cache
def _male_ending_in_a() -> frozenset[str]:
    return frozenset(load_json("given_names.json").get("male_ending_in_a", []))


def _is_female(given: str) -> bool:
    return given[-1:] in ("а", "я") and given not in _male_ending_in_a()


def nominative_name(name: str) -> str:
    """A Russian name in the nominative ("Игоря Назарука" -> "Игорь Назарук"); other names
    come back unchanged. A given name in the nominative means the whole name is in it
    ("Сергей Шойгу" stays as written)."""
    tokens = name.split()
    if not is_cyrillic(name) or len(tokens) < 2:
        return name
    given = nominative_given(tokens[0])
    if not given:
        # unknown names: only the unambiguous masculine instrumental ("с Ли Хунчжуном")
        return " ".join(_strip_instrumental(t) for t in tokens)
    if given == tokens[0]:
        return name
    female = _is_female(given)
    middle = [_nominative_patronymic(t, female) for t in tokens[1:-1]]
    last = tokens[-1] if _INITIAL.match(tokens[-1]) else nominative_surname(tokens[-1], female)
    return " ".join([given, *middle, last])


def _strip_instrumental(token: str) -> str:
    m = re.match(r"^(.{3,}[бвгджзклмнпрстфхцчшщ])(?:ом|ем|ым)$", token)
    return m.group(1) if m else token


def _nominative_patronymic(token: str, female: bool) -> str:
    m = re.match(r"^(.*?(?:ович|евич|ьич|овн|евн))", token)
    if not m:
        return token
    return m.group(1) + ("а" if m.group(1).endswith("н") else "")


def is_patronymic(token: str) -> bool:
    """A patronymic is a given name plus -ovich/-ovna ("Vladimirovich", "Сергеевич"); a
    surname with the same ending ("Вольфович", "Shushkevich") is not."""
    m = _PATRONYMIC.search(token)
    if not m:
        return False
    root = token[:m.start()]
    return any(nominative_given(r) for r in (root, root + "й", root + "ь", root + "y", root + "i")) or \
        root.rstrip("y") in given_names()


_FEMININE_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын)а$")


def as_woman_if_named_so(written: str, normal: str, text: str) -> str:
    """"Евгения Медведева" is a woman's name in the nominative or a man's in the genitive: the
    nominative ``normal`` read it as the man's ("Евгений Медведев"); where ``text`` also writes
    the surname in a woman's oblique form ("Медведевой"), the name as written is hers."""
    words, out = written.split(), normal.split()
    if len(words) < 2 or len(words) != len(out) or not _FEMININE_SURNAME.search(words[-1]) or \
            out[-1] != words[-1][:-1] or words[0][-1:] not in ("а", "я") or out[0] == words[0]:
        return normal
    if not any("Name" in p.tag and p.tag.gender == "femn" and p.tag.case == "nomn" for p in morph().parse(words[0])):
        return normal  # "Нурсултана Назарбаева" beside "Дариги Назарбаевой": no woman's given name
    if re.search(rf"(?<![\w-]){re.escape(words[-1][:-1])}ой(?![\w-])", text):
        return written
    return normal


_RU_SURNAME = r"(?:ов|ев|ёв|ин|ын|ск|цк)(?:а|у|ым|ом|е|ой|ую|ого|ому|им)$"
_OBLIQUE_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын|ск|цк)(?:ого|ому|ым|ом|у|е)$|(?:ск|цк)ой$")
_NOMINATIVE_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын|ский|цкий)$")
# no genitive of a man's surname ends so: -у, -ю, -о, -э, or -и not after к, г, х, a sibilant or и
_INDECLINABLE = re.compile(r"(?:[уюоэ]|[^кгхжшчщиИ]и)$")
_INITIALS = re.compile(r"^((?:[А-ЯЁ]\.\s?){1,2})\s*(\S+)$")


def nominative_person(name: str) -> str:
    """A Russian person's name in the nominative, each word; other scripts as written.
    Initials stay ("М.В.Захаровой" -> "М. В. Захарова")."""
    initials = _INITIALS.match(name)
    if initials:
        letters = " ".join(f"{c}." for c in re.findall(r"[А-ЯЁ]", initials.group(1)))
        surname = initials.group(2)
        if is_cyrillic(surname) and surname.endswith(("ой", "ей")):
            surname = nominative_surname(surname, True)  # "Захаровой"; "Лаврова" may be either
        elif is_cyrillic(surname) and not surname.endswith("а"):
            surname = nominative_surname(surname, False)  # "Лавровым"
        return f"{letters} {surname}"
    tokens = name.split()
    if not is_cyrillic(name) or any(not is_cyrillic(t) for t in tokens):
        return name
    if len(tokens) == 3 and is_patronymic(tokens[2]) and any("Name" in q.tag for q in morph().parse(tokens[1])):
        given, patronymic, surname = nominative_person(" ".join(tokens[1:] + tokens[:1])).split()
        if patronymic.endswith(("ич", "на")):  # "Белкиной Ольге Сергеевне": the order of forms and lists
            return f"{surname} {given} {patronymic}"
    if len(tokens) == 1 and (given := _given_reading(name)):
        return given  # "Марину" -> "Марина", a given name used alone (not "Марин")
    if any(t in name_particles() or particle_prefix(t) for t in tokens):
        return _with_particles(tokens)
    if len(tokens) > 1 and tokens[-1].endswith(("ская", "цкая")) and tokens[-1][:1].isupper():
        return name  # "Яна Рудковская": no oblique case of a surname ends so, the name is a nominative
    syllables = _syllable_name(tokens)
    if syllables is not None:
        return syllables
    listed = tokens[0] in given_names() and not (len(tokens) > 1 and _OBLIQUE_SURNAME.search(tokens[-1]))
    if listed or (len(tokens) == 1 and _NOMINATIVE_SURNAME.search(name)):
        return name  # a listed given name as written, or "Рябков": already the nominative
    if len(tokens) > 1 and _nominative_first_name(tokens[0], len(tokens)) and \
            not any(_OBLIQUE_SURNAME.search(t) for t in tokens[1:]):
        return name  # "Хосеп Гвардиола", "Дерек Чисора": a given name in -consonant is a nominative
    analyser = morph()
    parses = [analyser.parse(t) for t in tokens]
    case = gender = None
    # the case and gender of the phrase: from the first word that is a known given name or surname
    for i, ps in enumerate(parses):
        # one person's name: readings in the plural ("Кими" as a plural surname) say nothing
        named = [p for p in ps if _NAME_TAGS & set(p.tag.grammemes) and p.tag.number != "plur"]
        if named and all("Fixd" in p.tag for p in named) and i + 1 < len(tokens):
            # an indeclinable name ("Франсуа", "Уго") reads in every case: the dictionary's surname
            # after it says the case where it reads in no nominative ("Олланда", "Чавеса")
            oblique = _oblique_surname(tokens[i + 1], parses[i + 1], named[0].tag.gender)
            if oblique is not None:
                case, gender = oblique.tag.case, oblique.tag.gender
                break
            if i + 2 == len(tokens) and re.search(rf"[^{_VOWELS}ьй](?:ом|ем)$", tokens[-1]):
                case, gender = "ablt", named[0].tag.gender  # "Хосни Мубараком": no nominative ends so
                break
        if named:
            case, gender = named[0].tag.case, named[0].tag.gender
            break
    if case is None and _plausible_nominative(tokens, parses):
        return name  # no word reads as a name ("Ума Турман": "ум", "турман"): as written
    out = []
    first_case = next((p.tag.case for p in parses[0] if p.tag.POS == "NOUN"), None)
    for token, ps in zip(tokens, parses, strict=True):
        if re.fullmatch(r"[А-ЯЁ]\.", token) or len(token) <= 2 or _foreign_in_i(token):
            out.append(token)
            continue
        in_case = [p for p in ps if case is None or p.tag.case == case]
        pick = [p for p in in_case if gender is None or p.tag.gender in (gender, None) or "ms-f" in p.tag] or in_case
        named = [p for p in pick if _NAME_TAGS & set(p.tag.grammemes)] or pick
        # the case the first word was read in where no word is a known name ("Клиффорда")
        seen = case or (first_case if out and out[0] != tokens[0] else None)
        if token is tokens[-1] and len(tokens) > 1 and seen not in (None, "nomn") and \
                not known_word(token) and not re.search(_RU_SURNAME, token):
            out.append(_foreign_surname(token, seen, gender == "femn"))  # "Берримена", "Зумы", "Фриске"
            continue
        if not named and token is tokens[-1] and case not in (None, "nomn"):
            # a surname the dictionary cannot decline in this case: by its ending ("Моторина"); a
            # man's in -у, -и after a genitive given name does not decline ("Жака Тати", "Джастина Теру")
            out.append(token if gender != "femn" and case in ("gent", "accs") and _INDECLINABLE.search(token)
                       else nominative_surname(token, gender == "femn"))
            continue
        # a word alone read first in the plural and as a singular nominative too ("Рачелет", not "Рачегод");
        # a surname in -ых, -их after a given name does not decline ("Ольги Сытых", not "Сытая")
        if not named or named[0].tag.case in (None, "nomn") or case is None and len(tokens) == 1 and \
                named[0].tag.number == "plur" and any(p.tag.case == "nomn" and p.tag.number == "sing" for p in pick) \
                or len(tokens) > 1 and token is tokens[-1] and token.endswith(("ых", "их")):
            out.append(token)
            continue
        word = _inflect(named[0], {"nomn", "sing"} | ({gender} if gender in ("masc", "femn") else set())) \
            or _inflect(named[0], {"nomn", "sing"})
        if token is tokens[-1] and re.search(_RU_SURNAME, token) and case not in (None, "nomn"):
            word = nominative_surname(token, gender == "femn").lower()  # "Рябкова" -> "Рябков", not "Рябок"
        elif word and len(word) > len(token) and token is tokens[-1]:
            # a guess that grows the surname ("Пашиняна" -> "Пашинянин") is a wrong guess
            word = nominative_surname(token, gender == "femn").lower()
        out.append(_cased(word, token) if word else token)
    return " ".join(out)


_SYLLABLE_CASE = re.compile(rf"(?<=[^{_VOWELS}ьй])(?:а|у|ом|е)$|(?<=[^{_VOWELS}ьй])(?:я|ю|ем)$")


def _syllable_name(tokens: list[str]) -> str | None:
    """A Korean, Chinese or Vietnamese name: one-syllable words of at most three letters before a
    last word, which alone declines ("Ким Чен Ына", "Хо Ши Мину"; of two words, after a surname
    of two letters, in -а, -я, -ом, -ем only: "Ли Кэцяна", not "Ли Чжаньшу"): that word in the
    nominative; None for any other name ("Кайл Ортега", "Ия Саввина" are left as they are)."""
    short = 3 if len(tokens) == 3 else 2
    if len(tokens) not in (2, 3) or any(len(t) > short or not t[:1].isupper() or not t.isalpha() for t in tokens[:-1]):
        return None
    last = tokens[-1]
    if not last[:1].isupper() or not last.isalpha() or len(tokens) == 2 and re.search(_RU_SURNAME, last):
        return None  # "Ия Саввина": a Russian woman's name
    if len(tokens) == 2 and known_word(last) and any(p.tag.case == "nomn" for p in morph().parse(last)):
        return None
    m = _SYLLABLE_CASE.search(last)
    if m is None or len(last) - len(m.group(0)) < 2 or len(tokens) == 2 and m.group(0) in ("у", "ю", "е"):
        return None  # "Ли Чжаньшу": a Chinese given name may end in -у
    stem = last[:m.start()]
    soft = m.group(0) in ("я", "ю", "ем")
    return " ".join([*tokens[:-1], stem + ("ь" if soft and stem[-1] not in "жшчщц" else "")])


def _oblique_surname(token: str, parses: list, gender: str | None):
    """The reading of a surname the dictionary knows in an oblique case only, or None."""
    if not known_word(token):
        return None
    surnames = [p for p in parses if "Surn" in p.tag and p.tag.number != "plur"]
    if not surnames or any(p.tag.case == "nomn" for p in surnames):
        return None
    return next((p for p in surnames if p.tag.gender == gender), surnames[0])


def _foreign_surname(token: str, case: str, female: bool) -> str:
    """The nominative of a surname the dictionary does not know, after a given name in ``case``,
    by the endings of that case only: "Клиффорда Берримена", "Джейкоба Зумы", "Михаила Сеспеля",
    "Джулиану Ассанжу", "Ивану Мазепе", "Максимом Виторганом"; any other ending is the nominative
    of an indeclinable name ("Жан-Клода Трише", "Исаму Акасаки", "Жанны Фриске")."""
    def stem_before(ending: str) -> str | None:  # the stem, when a consonant ends it
        if not token.endswith(ending) or len(token) < len(ending) + 2:
            return None
        stem = token[:-len(ending)]
        return stem if stem[-1].lower() not in _VOWELS + "ьй" else None

    def soft(stem: str) -> str:  # "Сеспел" + ь: the stem of "Сеспеля", "Сеспелю", "Сеспелем"
        return stem + ("" if stem[-1].lower() in "жшчщц" else "ь")

    if re.search(r"(?:ск|цк)ая$", token):
        return token  # "Даниела Липницкая": a woman's surname in the nominative
    if female:
        if re.search(rf"[{_VOWELS}]ей$", token):
            return token[:-2] + "я"  # "Флоридой Чантурией"
        for ending, nominative in (("ы", "а"), ("ой", "а"), ("ою", "а")) + \
                ((("у", "а"),) if case == "accs" else (("е", "а"),) if case in ("datv", "loct") else ()):
            if stem_before(ending) is not None:
                return stem_before(ending) + nominative
        return token
    rules = {"gent": (("ы", "а"), ("а", ""), ("я", soft)), "accs": (("ы", "а"), ("у", "а"), ("а", ""), ("я", soft)),
             "datv": (("у", ""), ("ю", soft), ("е", "а")), "ablt": (("ом", ""), ("ем", soft), ("ой", "а")),
             "loct": (("е", ""),)}.get(case, ())
    if case == "gent" and re.search(r"[жшчщкгх]и$", token):
        return token[:-1] + "а"  # "Янеза Янши"
    if case in ("gent", "accs") and _GLIDE_FORM.search(token):
        return token[:-1] + "й"  # "Карзая"
    if case in ("datv", "loct") and re.search(r"[ий]е$", token):
        return token[:-1] + "я"  # "Хуану Пабло Монтойе"
    if case == "datv" and re.search(r"[аеоуя]ю$", token):
        return token[:-1] + "й"  # "Карзаю"
    if case == "ablt" and re.search(r"[аеоу]ем$", token):
        return token[:-2] + "й"  # "Лефроем"
    for ending, nominative in rules:
        stem = stem_before(ending)
        if stem is not None:
            return nominative(stem) if callable(nominative) else stem + nominative
    return token


_GLIDE_FORM = re.compile(r"[аеоуя]я$")


_OBLIQUE_ENDING = re.compile(r"(?:ом|ем|ём|ой|ей)$")


def _nominative_first_name(token: str, words: int) -> bool:
    """A first word that can only be a nominative: it ends in a consonant, й or ь ("Хосеп",
    "Андрей", "Игорь"), which no oblique case of a man's given name does ("Хосепа", "Андрею",
    "Джорджем"), and no reading of it is a name in another case. Short first words of three or
    more words are left to the dictionary ("Ким Чон Нама": Ким is the surname, indeclinable)."""
    if len(token) < (3 if words == 2 else 4) or not token[:1].isupper() or token[-1:].lower() in _VOWELS or \
            not token.replace("-", "").isalpha():
        return False
    parses = morph().parse(token)
    if _OBLIQUE_ENDING.search(token) and any(p.tag.case == "ablt" for p in parses):
        return False  # "Джорджем", "Грасой"
    lower = token.lower().replace("ё", "е")
    if known_word(token) and not any((_NAME_TAGS | {"Geox"}) & set(p.tag.grammemes) for p in parses) and \
            any(p.tag.case == "nomn" for p in parses):
        return False  # a common noun glued before the name ("Племянник", "Эмир"); not "Марен", "Кайл"
    return not any(_NAME_TAGS & set(p.tag.grammemes) and p.tag.case not in (None, "nomn") and
                   p.tag.number != "plur" and p.normal_form.replace("ё", "е") != lower for p in parses)




def _foreign_in_i(token: str) -> bool:
    """"Джоли", "Вуди", "Тсвангираи": a word the dictionary does not know ending in a single и
    is a foreign name that does not decline; pymorphy's guess ("Джоля") would invent one
    ("Марии", "Берии" are known words and decline; after й, ь, a sibilant or к/г/х the и is a
    genitive's: "Янши" of "Янша", "Арайи" of "Арайя"; -ами, -ями a plural's)."""
    return re.search(r"[^ийьжшчщкгхИ]и$", token) is not None and not token.endswith(("ами", "ями")) \
        and not morph().word_is_known(token.lower())


def _plausible_nominative(tokens: list[str], parses: list) -> bool:
    """No word of the name has a given name's or surname's reading (a foreign name read as
    common words), every word is one the dictionary knows, and the last, the surname, may be
    nominative ("Ума Турман": "турман"): the written form stays. A last word read only in an
    oblique case ("Дева Пателя") is declined as before."""
    words = [(t, ps) for t, ps in zip(tokens, parses, strict=True) if len(t) > 2 and not re.fullmatch(r"[А-ЯЁ]\.", t)]
    if not words or not all(morph().word_is_known(t.lower()) for t, _ in words):
        return not words  # a word the dictionary only guesses at may take any case: no evidence
    return any(p.tag.case == "nomn" for p in words[-1][1])


def _with_particles(tokens: list[str]) -> str:
    """"Халеда эль-Масри" -> "Халед эль-Масри", "Усамы бин Ладена" -> "Усама бин Ладен": the
    words around the particles put in the nominative, the particles as written; a foreign
    surname ending in a vowel + и ("аль-Барадеи") is indeclinable."""
    words, shape = [], []
    for t in tokens:
        prefix = particle_prefix(t)
        if t in name_particles():
            shape.append((t, None))
        else:
            shape.append((prefix, len(words)))
            words.append(t[len(prefix):])
    if not words:
        return " ".join(tokens)
    keep_last = re.search(r"[аеиоуыэюя]и$", words[-1]) is not None
    normal = nominative_person(" ".join(words[:-1] if keep_last else words)).split() + \
        ([words[-1]] if keep_last else [])
    if len(normal) != len(words):
        return " ".join(tokens)
    return " ".join(p if i is None else p + normal[i] for p, i in shape)
