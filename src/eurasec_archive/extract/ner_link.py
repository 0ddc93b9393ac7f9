"""The model's mentions linked to the authority files and merged within a document.

The authority files link and canonicalize, they do not gate: a mention they know becomes its
canonical entry ("Сергея Лаврова" -> "Sergey Lavrov", "ОДКБ" -> the CSTO, "в Белоруссии" ->
"Belarus"); one they do not know stays an entity under its nominative. Within one document the
variants of one entity become one: a surname alone joins the full name it shortens ("Обама" ->
"Барак Обама"), an acronym joins the name whose initials it spells ("ФСБ" -> "Федеральная служба
безопасности", as its acronym), case forms of one name are one name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from eurasec_archive.authorities import load_json, organizations, outlets, places
from eurasec_archive.extract.ner import (
    Mention,
    find_mentions,
    is_common_word,
    is_name_token,
    is_no_name,
    joined_places,
    morph,
    not_person_words,
    particle_prefix,
)
from eurasec_archive.extract.ner_bodies import (  # noqa: F401 (without_members also imported from here)
    adjective_bodies,
    body_before,
    no_organization,
    not_a_body,
    unit_before,
    with_topic,
    without_legal_form,
    without_members,
    without_thing,
)
from eurasec_archive.extract.ner_chains import (
    ACRONYM,
    after_quote,
    around_known,
    branch_for,
    extends,
    known_parts,
    named_after,
    part_before,
    with_complement,
    with_place,
    with_seat,
)
from eurasec_archive.extract.ner_kinds import kind_named, wiki_quoted
from eurasec_archive.extract.ner_leaders import leader_body
from eurasec_archive.extract.ner_local import local_bodies
from eurasec_archive.extract.ner_merge import (  # noqa: F401 (also imported from here)
    SMALL_WORDS,
    contains_words,
    dedupe_names,
    initials,
    is_address,
    merge_organizations,
    merge_people,
    resolve_people,
    same_surname,
)
from eurasec_archive.extract.ner_national import country_mentions, named_bodies, national_bodies, resolve_bare_bodies
from eurasec_archive.extract.ner_people import is_person_name, latin_without_given_name  # noqa: F401 (also imported from here)
from eurasec_archive.extract.ner_places import is_no_place, names_person
from eurasec_archive.extract.nominative import is_place_name
from eurasec_archive.extract.organizations import media_outlet
from eurasec_archive.extract.people import authority_person
from eurasec_archive.extract.person_names import as_woman_if_named_so
from eurasec_archive.extract.russian import is_cyrillic, name_keys
from eurasec_archive.models import Organization

NER_LANGUAGES = ("ru", "uk", "be")


@dataclass
class DocumentEntities:
    """What the model found in one document, linked and merged."""

    people: list[str] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    organization_spans: list[tuple[int, int]] = field(default_factory=list)
    person_spans: list[tuple[int, int]] = field(default_factory=list)  # full names ("Джордж Вашингтон")


def _keys_index(names: list[tuple[str, str]]) -> dict:
    """(alias, canonical) pairs -> {casefolded alias or Cyrillic case-form key: canonical}."""
    index: dict = {}
    for alias, canonical in names:
        index.setdefault(alias.casefold(), canonical)
        if is_cyrillic(alias) and not alias.isupper():
            for key in name_keys(alias):
                index.setdefault(key, canonical)
    return index


def _lookup(index: dict, name: str):
    hit = index.get(name.casefold())
    if hit is None and is_cyrillic(name) and not name.isupper():
        hit = next((index[k] for k in name_keys(name) if k in index), None)
    return hit


@cache
def _place_index() -> dict:
    return _keys_index([(alias, canonical) for alias, (canonical, _kind) in places().items()])


@cache
def _organization_index() -> dict:
    pairs = []
    for e in organizations():
        pairs.extend((n, e) for n in (e.name, *e.aliases))
        pairs.extend((a, e) for a in filter(None, (e.acronym, *e.acronym_aliases)))
    return _keys_index(pairs)


@cache
def _not_entities() -> frozenset[str]:
    """Common nouns the model sometimes tags as names ("СМИ": the media)."""
    return frozenset(w.casefold() for w in load_json("organization_heads.json").get("not_entities", []))


def _known_organization(name: str) -> bool:
    return _lookup(_organization_index(), name) is not None


def link_place(name: str) -> str:
    """The canonical place for a nominative name, or the name itself."""
    return _lookup(_place_index(), name) or name


def link_organization(name: str) -> Organization:
    """The authority's organization for a name or acronym, or the name itself (an acronym as its
    own acronym)."""
    entry = _lookup(_organization_index(), name)
    if entry is not None:
        return Organization(entry.name, entry.acronym)
    return _of_country_adjective(name) or Organization(name, name if ACRONYM.match(name) else None)


@cache
def _country_adjectives() -> dict[str, str]:
    return load_json("places.json").get("ru_country_adjectives", {})


def _of_country_adjective(name: str) -> Organization | None:
    """"Российский МИД" is the body the authority names "МИД России" (a country's adjective,
    places.json ``ru_country_adjectives``, before a national body's words), or None."""
    first, _, rest = name.partition(" ")
    if not rest or not is_cyrillic(first):
        return None
    lemma = next((p.normal_form for p in morph().parse(first.lower()) if p.tag.POS == "ADJF"), None)
    country = _country_adjectives().get(lemma)
    return dict(_national_bodies().get(rest.casefold(), [])).get(country) if country else None


def _is_person(m: Mention) -> bool:
    tokens = m.normal.split()
    if any(t.casefold() in not_person_words() for t in tokens):
        return False  # "Председатель Правления", "Совета Федерации"
    if any(c.isdigit() for c in m.normal) or _is_outlet(m.normal, m.text):
        return False  # "Формулы-1"; "Agence France-Presse" is an outlet
    if latin_without_given_name(m.normal):
        return False
    if len(tokens) == 1 and (is_no_name(tokens[0]) or m.initial and is_common_word(tokens[0])) and \
            not authority_person(m.normal):
        return False  # "Подана", "Царицыно"; "Супруга" capitalized at a sentence start
    if len(tokens) > 1 and any(_is_adjectives(t) for t in tokens) and \
            all(is_common_word(t) or _is_adjectives(t) for t in tokens) and not authority_person(m.normal):
        return False  # "Папа Римский", "Патриарх Болгарский": a title and its see, no name
    if _lookup(_place_index(), m.normal) or _lookup(_place_index(), m.text):
        return False  # "Южной Кореи": a place the authority knows
    return any(t[:1].isupper() or particle_prefix(t) for t in tokens) and all(is_name_token(t) for t in tokens) and \
        m.normal.casefold() not in _not_entities()


@cache
def _heads_list(key: str) -> frozenset[str]:
    return frozenset(load_json("organization_heads.json").get(key, []))


def _is_facility(name: str) -> bool:
    """A street, building or site ("Манежная площадь", "Новодевичье кладбище", "Аэропорт Домодедово")."""
    from eurasec_archive.extract.nominative import morph

    heads = _heads_list("ru_facility_heads")
    # a lower-case noun after a hyphen is the head as well ("Гайд-парк"; not the town "Менло-Парк")
    words = [part for w in name.split() for part in [w, *w.split("-")[1:2]] if part == w or part.islower()]
    return any(is_cyrillic(w) and any(p.normal_form in heads for p in morph().parse(w)[:1]) for w in words)


def _is_adjectives(name: str) -> bool:
    """Adjectives alone ("Евразийскую", "Российская") name no entity."""
    from eurasec_archive.extract.ner import morph

    return all(is_cyrillic(w) and any(p.tag.POS in ("ADJF", "PRTF") for p in morph().parse(w)[:1])
               for w in name.split())


def _generic(name: str) -> bool:
    """A head noun alone ("Правительство", "Совет", "Суд") or a document ("Евразийская хартия")."""
    words = name.split()
    heads = _generic_heads()
    return (len(words) == 1 and words[0].casefold() in heads["alone"]) or \
        any(w.casefold() in heads["documents"] for w in words)


@cache
def _generic_heads() -> dict[str, frozenset[str]]:
    data = load_json("organization_heads.json")
    alone = {w.casefold() for w in data["heads"]} | {w.casefold() for w in data.get("ru_generic", [])}
    return {"alone": frozenset(alone), "documents": frozenset(w.casefold() for w in data.get("ru_documents", []))}


def _is_outlet(*names: str) -> bool:
    return any(n.casefold() in outlets() for n in names)


def overlaps(start: int, end: int, spans) -> bool:
    return any(s < end and start < e for s, e in spans)


def russian_entities(text: str, language: str = "ru", known_spans=()) -> DocumentEntities:
    """People, organizations and places the model finds in a Russian ``text``, linked and merged
    (another Cyrillic ``language``: names as written, not put in the Russian nominative).
    ``known_spans``: where the rules found an authority organization's name, which wins."""
    found = DocumentEntities()
    people, orgs, places_, bodies = [], [], [], []
    known_place = lambda name: _lookup(_place_index(), name) is not None  # noqa: E731
    mentions = joined_places(find_mentions(text, nominative=language == "ru"), text, known_place)
    named_inside = {m.normal for m in mentions if m.kind == "place" and not m.initial}  # capitalized mid-sentence
    for m in mentions:
        end = m.start + len(m.text)
        if m.normal.casefold() in _not_entities() or m.text.casefold() in _not_entities():
            continue
        if m.kind == "person":
            if _is_person(m):
                normal = as_woman_if_named_so(m.text, m.normal, text)  # "Евгения Медведева … Медведевой"
                people.append(authority_person(normal) or authority_person(m.text) or normal)
                body = leader_body(text, m.start, m.text)  # "правительства Немцовой"
                if body is not None and not overlaps(body[0], end, known_spans):
                    bodies.append((body[0], end, link_organization(body[1])))
                    found.organization_spans.append((body[0], end))
                if len(m.text.split()) >= 2:
                    found.person_spans.append((m.start, end))
        elif m.kind == "organization":
            if overlaps(m.start, end, known_spans) and not around_known(m, known_spans):
                if part_before(orgs, text, m, _known_organization):  # "Департамент информации и печати" + "МИД России"
                    end = max([end] + [e for s, e in known_spans if s < end and m.start < e])
                    end = after_quote(text, orgs[-1][1], end)
                    orgs[-1] = (orgs[-1][0], end, with_place(orgs[-1][2], text[orgs[-1][1]:end].strip(), link_organization))
                    found.organization_spans.append(orgs[-1][:2])
                    continue
                end = max([end] + [e for s, e in known_spans if s < end and m.start < e])  # "МИД" of "МИД России"
                unit = unit_before(text, m.start, text[m.start:end])  # "комитет Госдумы": a part of a known body
                if unit is not None and not overlaps(unit[0], m.start, known_spans):
                    orgs[:] = [o for o in orgs if not unit[0] <= o[0] < m.start]  # the model's "Коллегия" of it
                    orgs.append((unit[0], end, link_organization(unit[1])))
                    found.organization_spans.append((unit[0], end))
                continue
            name, acronym = without_members(without_legal_form(m.normal)), m.aside
            name = without_thing(re.sub(r"\s*«\s*»", "", name), lambda n: _lookup(_organization_index(), n) is not None)
            honoured = named_after(text, m)
            if honoured:  # "Театра им. Йозефа Бойса": the name is part of the body's name
                head = re.sub(r"\s+(?:им\.?|имени)$", "", name)
                name, end = f"{head} {honoured[0]} {honoured[1]}", honoured[2]
            media = media_outlet(name, m.text)
            if media:  # "сообщает Интерфакс": an outlet named in the text is an organization too
                orgs.append((m.start, end, Organization(media)))
                found.organization_spans.append((m.start, end))
                continue
            if _generic(name) or _is_adjectives(name) or no_organization(name) or not_a_body(name, m.before):
                continue
            org = link_organization(m.text if ACRONYM.match(m.text) else name)
            if org.acronym is None and acronym and ACRONYM.match(acronym):
                org = Organization(org.name, acronym)
            part = part_before(orgs, text, m, _known_organization)
            unit = None if part else unit_before(text, m.start, m.text)
            if part:  # "ГУ" + "МВД": one body, a part of the next ("пресс-служба ГУ" + "МВД": the "ГУ" in it too)
                end, last = after_quote(text, orgs[-1][1], end), orgs[-1][1]
                orgs[:] = [(s, end, with_place(o, text[last:end].strip(), link_organization)) if e == last else (s, e, o)
                           for s, e, o in orgs]
                found.organization_spans.append(orgs[-1][:2])
            if unit is not None and not overlaps(unit[0], end, known_spans):
                # "пресс-службу МВД": the part is named, and the body whose part it is stays named too
                orgs[:] = [o for o in orgs if not unit[0] <= o[0] < m.start]  # the model's "Коллегия" of it
                orgs.append((m.start, end, org))
                start, org = unit[0], link_organization(unit[1])
            else:
                start = m.start
            orgs.append((start, end, org))
            found.organization_spans.append((start, end))
        elif not overlaps(m.start, end, known_spans) and (not _is_adjectives(m.normal) or is_place_name(m.normal)):
            in_name = extends(orgs, text, m, _known_organization)
            # the body, and a part named before it that ends with it ("ГУ МВД" + "России")
            last, after = (orgs[-1][1], orgs[-1][2]) if orgs else (0, None)
            if in_name:  # "Совета муфтиев России": the place is part of the name, not a place there
                orgs[:] = [(s, end, with_place(o, m.text, link_organization)) if e == last else (s, e, o)
                           for s, e, o in orgs]
                found.organization_spans[-1] = (orgs[-1][0], end)
            elif branch_for(orgs, text, m):  # "МВД по Башкирии": a body's branch for a region
                gap, first = text[last:m.start], min(s for s, e, _ in orgs if e == last)  # the part's branch, not its body's
                orgs[:] = [(s, end, Organization(f"{o.name}{gap}{m.text}", o.acronym if o.acronym != o.name else None))
                           if (s, e) == (first, last) else (s, e, o) for s, e, o in orgs]
                found.organization_spans[-1] = (orgs[-1][0], end)
            body = None if in_name else body_before(text, m.start)
            if body is not None:  # "правительства Китая": the body of a place is an organization
                start, head = body
                if not overlaps(start, end, known_spans):
                    bodies.append((start, end, link_organization(f"{head} {m.text}")))
                    unit = unit_before(text, start, text[start:end])  # "аппарат правительства России"
                    if unit is not None and not overlaps(unit[0], start, known_spans):
                        bodies.append((unit[0], end, link_organization(unit[1])))
                    found.organization_spans.append((unit[0] if unit else start, end))
            entry = _lookup(_organization_index(), m.normal)
            if entry is not None:  # "Евросоюз", "ЕС": a body the model took for a place
                orgs.append((m.start, end, Organization(entry.name, entry.acronym)))
            elif m.normal.casefold() in {s.casefold() for s in _heads_list("ru_seats")}:  # "Кремль заявил": the body the building houses
                # stays named inside the part of it the text names ("пресс-служба Кремля")
                (bodies if body is not None else orgs).append((m.start, end, Organization(m.normal)))
            elif _is_facility(m.normal) or not (known_place(m.normal) or known_place(m.text)) and \
                    is_no_place(m, named_inside, text):
                continue  # "Манежная площадь": a site, no country, city or region; "ул. Аккуратова", "Теги"
            # a place inside a body's name is no place of its own there ("Совет муфтиев России"); a
            # country's acronym after a body names whose body it is, as "правительства Китая" does
            elif not in_name or ACRONYM.match(m.text) or ACRONYM.match(after.name.split()[-1]):  # "ФСБ России"
                places_.append(link_place(m.normal) if _lookup(_place_index(), m.normal) else
                               link_place(m.text) if _lookup(_place_index(), m.text) else m.normal)
    found.people = [p for p in merge_people(people) if not is_address(p, people)]
    for part in known_parts(text, known_spans, orgs, link_organization):  # "Комитет Госдумы" the model missed
        orgs.append(part)
        found.organization_spans.append(part[:2])
    place_mentions = [(m.start, m.text, m.normal) for m in mentions if m.kind == "place"]
    kind = lambda name: places().get(_lookup(_place_index(), name) or "", ("", None))[1]  # noqa: E731
    # "японского правительства", "Пресненского суда Москвы", "газеты «USA Today»" (not inside a name the model found)
    for start, end, name in adjective_bodies(text) + local_bodies(text, place_mentions, kind) + kind_named(text) + \
            wiki_quoted(text):
        if not overlaps(start, end, known_spans) and not any(s <= start and end <= e for s, e, _ in orgs):
            media = media_outlet(name)  # "газеты «Известия»": the outlet's canonical name
            bodies.append((start, end, Organization(media) if media else link_organization(name)))
            found.organization_spans.append((start, end))
    # "МИД" inside "МИД Японии": the body of the place is the organization
    spans = sorted(bodies + [o for o in orgs if not any(b[0] <= o[0] and o[1] <= b[1] for b in bodies)])
    spans = [with_seat(text, with_complement(text, with_topic(text, s)), place_mentions) for s in spans]
    # a bare "МИД" is the body of the country the text ties it to, if any (ner_national)
    known = [(s, e, link_organization(text[s:e])) for s, e in known_spans]
    spans = resolve_bare_bodies(text, spans, named_bodies(spans + known, link_place),
                                country_mentions(mentions, lambda n: _lookup(_place_index(), n)), link_place)
    found.organizations = merge_organizations([org for _, _, org in spans])
    # "Махамой" beside "Джон Махама": the person the model read as a place once (not a known place)
    found.places = [p for p in dedupe_names(places_) if known_place(p) or not names_person(p, found.people)]
    return found


def with_rules(rule_people: list[str], rule_orgs: list[Organization], rule_places: list[str],
               model: DocumentEntities) -> tuple[list[str], list[Organization], list[str]]:
    """The rule extractors' findings (authority phrases, inline acronym definitions, which win)
    joined with the model's, one entry per entity. A person the rules found by a given name
    alone counts only where the authority or the model agrees: the rules glue neighbours
    ("Чувашии Иван Моторин") that the model keeps apart."""
    people = [p for p in rule_people if authority_person(p) or p in model.people]
    people = resolve_people(people + [p for p in model.people if p not in people])
    people = [p for p in people if not is_address(p, people)]
    places_ = dedupe_names(rule_places + model.places)
    orgs = merge_organizations(rule_orgs + model.organizations)
    return people, orgs, places_


def _national_bodies() -> dict[str, list[tuple[str, Organization]]]:
    return national_bodies(link_place)


