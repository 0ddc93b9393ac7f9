"""A body's name the model cuts into pieces, joined again.

The model tags "ФСБ" and the place "России", "ГУ" and "МВД", "Департамент информации и печати" and
"МИД России" apart; the text names one body: an acronym or a name completed by the place after it
in the genitive ("ФСБ России", "Движение общежитий Москвы"), a part of a body right before the
body's name in the genitive ("ГУ МВД", "Ассоциация агентов ФБР"), a body's branch for a region
("МВД по Башкирии"). An acronym stays the body's acronym.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from eurasec_archive.authorities import roles
from eurasec_archive.extract.ner import Mention
from eurasec_archive.extract.ner_bodies import is_genitive_name, opens_body, unit_before
from eurasec_archive.extract.ner_hosts import with_host
from eurasec_archive.extract.ner_merge import SMALL_WORDS
from eurasec_archive.extract.nominative import morph
from eurasec_archive.extract.organizations import media_outlet
from eurasec_archive.extract.russian import is_cyrillic
from eurasec_archive.models import Organization

ACRONYM = re.compile(r"^[A-ZА-ЯЁ][A-ZА-ЯЁ0-9&-]{1,9}$")  # "ФСБ", "G8", "AT&T"


def extends(orgs: list, text: str, place: Mention, known: Callable[[str], bool]) -> bool:
    """The place mention right after the last organization, in an oblique case, completes its
    name ("Движение общежитий" + "Москвы", "ФСБ" + "России"); a name ``known`` knows (the
    authority's) is complete."""
    # a nominative place after a body is no complement ("Совет Россия"); an acronym is indeclinable
    # and completes it as one in the genitive does ("Верховного суда США")
    if not orgs or (place.text == place.normal and not ACRONYM.match(place.text)) or place.before in SMALL_WORDS:
        return False
    start, end, org = orgs[-1]
    gap = text[end:place.start]
    return 0 < len(gap) <= 2 and not gap.strip() and "\n" not in gap and org.acronym in (None, org.name) and not org.name.isascii() and \
        not known(org.name)


def part_before(orgs: list, text: str, m: Mention, known: Callable[[str], bool]) -> bool:
    """The last organization, one space before this one, names a part of it ("ЦК" + "КПСС",
    "Департамент информации и печати" + "МИД России"): this one may stand in the genitive and the
    last is a Cyrillic name that opens as a body's does and that ``known`` (the authority) does not
    know. The kind of body may stand between them, and then the name in any case ("Высшего совета"
    + "партии «" + "Единая Россия")."""
    gap = text[orgs[-1][1]:m.start] if orgs else ""
    kind = gap != " " and _kind_between(gap)
    if not orgs or gap != " " and not kind:
        return False
    org = orgs[-1][2]
    return is_cyrillic(org.name) and org.acronym in (None, org.name) and not known(org.name) \
        and media_outlet(org.name) is None and opens_body(org.name) and (kind or is_genitive_name(m.text))


_KIND_GAP = re.compile(r" ([а-яё]+) [«\"„“]?")
_QUOTES = {"«": "»", "„": "“", "“": "”", "\"": "\""}


def _kind_between(gap: str) -> bool:
    """" партии «", " движения ": the kind of body, in the genitive, between a part and the body's
    name ("Высшего совета" + "партии «Единая Россия»")."""
    m = _KIND_GAP.fullmatch(gap)
    return bool(m) and any(p.tag.case == "gent" for p in morph().parse(m.group(1))) and opens_body(m.group(1))


def after_quote(text: str, start: int, end: int) -> int:
    """``end``, or just after the closing quote of one opened between ``start`` and ``end``."""
    opened = next((q for q in _QUOTES if q in text[start:end]), None)
    close = _QUOTES.get(opened or "", "")
    return end + 1 if close and text[end:end + 1] == close and text[start:end].count(close) < (2 if close == opened else 1) \
        else end


def with_place(org: Organization, place: str, link: Callable[[str], Organization]) -> Organization:
    """The body's name completed by the place after it: "Движение общежитий Москвы"; an acronym
    stays its acronym ("ФСБ" + "России" -> "ФСБ России", ФСБ). ``link``: the authority's linking."""
    linked = link(f"{org.name} {place}")
    return linked if linked.acronym or org.acronym is None else Organization(linked.name, org.acronym)


def branch_for(orgs: list, text: str, place: Mention) -> bool:
    """"МВД по Башкирии", "УФСБ по Пермскому краю": the place right after the last organization
    and "по", in the dative, names the region a body's branch serves (it stays a place too)."""
    gap = text[orgs[-1][1]:place.start] if orgs else ""
    if not _BRANCH_GAP.fullmatch(gap) and not (gap == " и " and " по " in orgs[-1][2].name):  # "по Петербургу и Ленобласти"
        return False
    # "по Пермскому краю", "по Республике Крым": the region's word in the dative, first or last
    words = [w for w in (place.text.split()[0], place.text.split()[-1]) if is_cyrillic(w)]
    return any(p.tag.case == "datv" for w in words for p in morph().parse(w))


_BRANCH_GAP = re.compile(r" по (?:г\. ?|городу )?")  # "ГУ МВД по г. Москве", "УФСБ по городу Москве"


_COMPLEMENT_WORD = re.compile(r"(\s*,\s*|\s+)([а-яё]+(?:-[а-яё]+)*)")
_OBLIQUE = ("gent", "datv", "ablt", "loct")


def with_complement(text: str, span: tuple[int, int, Organization]) -> tuple[int, int, Organization]:
    """A name the model cut inside its genitive words goes on with them ("Союз издателей" + "и
    распространителей печатной продукции", "Зал славы" + "рок-н-ролла", "Комиссия по вопросам" +
    "гражданства"): after a name of lower-case words after its first ending in an oblique case (a
    description the model cut, not a name of capitals: "Правительство Страны восходящего солнца"
    + "точных сведений не имеет" goes on no further), lower-case nouns
    and adjectives in the genitive (after "по" in the dative too), "и" or a comma between them, up to
    the last such noun; a title or a pronoun ends them. A name with an acronym (the authority's, or
    one of its own) is whole."""
    start, end, org = span
    words = org.name.split()
    described = " по " in org.name or all(is_cyrillic(w) and w.islower() for w in words[1:])  # "Комитет Думы по …"
    if org.acronym or len(words) < 2 or not described or not words[-1].islower() or \
            not any(p.tag.case in _OBLIQUE and p.tag.case != "nomn" for p in morph().parse(words[-1])):
        return span
    # a field after "по" goes on in the dative: "по природным ресурсам, собственности и земельным отношениям"
    cases = ("gent", "datv") if " по " in org.name else ("gent",)
    titles = set(roles()["ru_titles"]) | set(roles().get("ru_role_nouns", []))
    pos, last_noun = end, None
    for _ in range(12):
        m = _COMPLEMENT_WORD.match(text, pos)
        if not m or "\n" in m.group(1):
            break
        word = m.group(2)
        if word == "и" and "," not in m.group(1):
            pos = m.end()
            continue
        parses = morph().parse(word)
        if parses[0].tag.POS not in ("NOUN", "ADJF", "PRTF") or not any(p.tag.case in cases for p in parses) or \
                (parses[0].tag.POS == "NOUN" and parses[0].tag.case == "nomn" and "Pltm" not in parses[0].tag) or \
                "Apro" in parses[0].tag or {parses[0].normal_form, parses[0].normal_form.split("-")[0]} & titles:
            break  # "… округа генерал-лейтенанта", "… никаких комментариев": the sentence's words
        pos = m.end()
        if parses[0].tag.POS == "NOUN" or any(p.tag.POS == "NOUN" and p.tag.case == "gent" for p in parses):
            last_noun = pos
    if last_noun is None:
        return span
    return start, last_noun, Organization(f"{org.name}{text[end:last_noun]}")


_NAMED_AFTER = re.compile(r"\s*(им\.|имени)\s+((?:[А-ЯЁ]\.\s?){0,2}[А-ЯЁ][\w-]+(?:\s+[А-ЯЁ][\w-]+){0,2})")


def named_after(text: str, m: Mention) -> tuple[str, str, int] | None:
    """("им.", "Йозефа Бойса", end) when a body's name goes on with the person it is named
    after, which the model leaves out ("Театра им." + "Йозефа Бойса")."""
    end = m.start + len(m.text)
    for marker in ("им.", "имени", "им"):
        if m.text.endswith(" " + marker):
            end -= len(marker)
            break
    hit = _NAMED_AFTER.match(text, end)
    return (hit.group(1), hit.group(2), hit.end()) if hit else None


def around_known(m: Mention, known_spans) -> bool:
    """The model's name of a body opens before an authority's name inside it and names a body of
    its own ("Комитета Госдумы по науке …" around "Госдумы"): it is kept beside the known one,
    whose span alone the rules found."""
    end = m.start + len(m.text)
    inside = [(s, e) for s, e in known_spans if m.start < s and e <= end]
    return bool(inside) and not any(s <= m.start < e for s, e in known_spans) and opens_body(m.normal) and \
        is_cyrillic(m.text.split()[0])


def known_parts(text: str, known_spans, orgs: list, link: Callable[[str], Organization]) -> list:
    """(start, end, organization) of each part of a body the rules found (``known_spans``: the
    authority's names) named right before it where the model found nothing ("Комитет Госдумы",
    "пресс-служба Кремля"); ``orgs``: the spans the model's mentions gave."""
    out = []
    for s, e in sorted(set(known_spans)):
        if any(o[0] < e and s < o[1] for o in orgs + out):
            continue
        unit = unit_before(text, s, text[s:e])
        if unit is not None and not any(unit[0] < ke and s > ks for ks, ke in known_spans if (ks, ke) != (s, e)):
            out.append((unit[0], e, link(unit[1])))
    return out


_MISSION_HEADS = frozenset({"посольство", "генконсульство", "консульство", "постпредство", "представительство",
                            "постоянный представительство"})


def with_seat(text: str, span: tuple[int, int, Organization], places: list[tuple[int, str, str]]
              ) -> tuple[int, int, Organization]:
    """A country's mission goes on with the place it sits in ("Посольство России" + "в Лондоне"):
    a place mention (``places``: start, as written, nominative) right after "в"/"во". A body attached
    to another goes on with it ("Совет" + "при Президенте РФ", ``ner_hosts``)."""
    span = with_host(text, span)
    start, end, org = span
    words = org.name.split()
    if not words or not is_cyrillic(words[0]) or morph().parse(words[0].lower())[0].normal_form not in _MISSION_HEADS:
        return span
    gap = re.match(r" (?:в|во) ", text[end:end + 4])
    place = next(((s, w) for s, w, _ in places if gap and s == end + gap.end()), None)
    if place is None:
        return span
    stop = place[0] + len(place[1])
    return start, stop, Organization(f"{org.name}{text[end:stop]}", org.acronym)
