"""Metadata extraction: one module per kind of metadata, pure functions of text.

``extract_metadata(draft)`` runs them all in order and returns a dict of item fields.
"""

from __future__ import annotations

from eurasec_archive.extract.bodies_en import acronym_bodies, named_bodies
from eurasec_archive.extract.dates import extract_date
from eurasec_archive.extract.language import detect_language
from eurasec_archive.extract.ner_link import (
    NER_LANGUAGES,
    is_person_name,
    merge_organizations,
    overlaps,
    russian_entities,
    with_rules,
)
from eurasec_archive.extract.organizations import extract_organizations, organization_spans, outlet_organizations
from eurasec_archive.extract.outlets import canonical_outlet, extract_cited_outlets, outlet_from_text
from eurasec_archive.extract.people import extract_people, names_common_given_name
from eurasec_archive.extract.people_en import context_people
from eurasec_archive.extract.places import extract_places
from eurasec_archive.extract.places_en import capitals_places, gazetteer_places, outside_people
from eurasec_archive.extract.speakers import extract_speakers_and_quotes
from eurasec_archive.extract.teams_en import table_teams
from eurasec_archive.extract.titles import extract_title, title_source
from eurasec_archive.normalize import Draft
from eurasec_archive.text import is_url


def extract_metadata(draft: Draft, filename: str = "") -> dict:
    """All metadata fields of an item from a normalized draft."""
    paragraphs = draft.paragraphs
    text = "\n".join(p.text for p in paragraphs)
    # pull-quote and epigraph attributions name people, bodies and places too
    entity_text = "\n".join(filter(None, [draft.title if draft.title and not is_url(draft.title) else None,
                                          *(t for p in paragraphs for t in (p.text, p.attribution))]))
    date, precision, date_source = extract_date(draft)
    first = next((p.text for p in paragraphs if p.kind == "paragraph"), "")
    # the page's own statement of its publisher first; a text alone says it in its dateline
    outlet = canonical_outlet(draft.header_outlet or draft.meta.get("sitename")
                              or draft.meta.get("hostname")) or outlet_from_text(first, draft.title)
    language = detect_language(text)
    people = extract_people(paragraphs)
    organizations = extract_organizations(entity_text)
    known = organization_spans(entity_text)
    model = russian_entities(entity_text, language, known) if language in NER_LANGUAGES else None
    # English and the rest: bodies named by a head noun ("the Commerce Department")
    bodies = [] if model else [(s, e, o) for s, e, o in named_bodies(entity_text) + acronym_bodies(entity_text)
                               if not overlaps(s, e, known)]
    if language == "en":  # teams of results tables ("Swindon 2 Norwich 1"), no places
        bodies += [(s, e, o) for s, e, o in table_teams(entity_text) if not overlaps(s, e, known)]
    # no place inside a body's name or a person's ("Джордж Вашингтон")
    places = extract_places(entity_text, inside=model.organization_spans + model.person_spans if model else
                            [(s, e) for s, e, _ in bodies])
    if model:
        people, organizations, places = with_rules(people, organizations, places, model)
    else:
        organizations = merge_organizations(organizations + [o for _, _, o in bodies])
    # outlets the text names ("сообщает Интерфакс", "told Reuters") are organizations as well
    cited = extract_cited_outlets(text)
    organizations = merge_organizations(organizations + outlet_organizations(cited, first))
    listed = people
    if not model and names_common_given_name(paragraphs):  # names opening with a common English given name
        people = people + [p for p in extract_people(paragraphs, broad=True) if p not in people]
    speakers, quotes = extract_speakers_and_quotes(paragraphs, people, frozenset(people) - frozenset(listed))
    for s in speakers:
        if s.name not in people and (not model or is_person_name(s.name, people, organizations)):
            people.append(s.name)  # but "Перу Мартин Вискарра" is the model's "Мартин Вискарра"
    if language == "en":  # people no list names, read by their context ("Robert Allenby (Australia)")
        people = people + context_people(paragraphs, people, [o.name for o in organizations])
        # the gazetteer's cities, states and countries the places authority lacks ("in Milwaukee")
        inside = known + [(s, e) for s, e, _ in bodies]
        places = places + [p for p in gazetteer_places(entity_text, inside, people) if p not in places]
        places = outside_people(places + [p for p in capitals_places(entity_text) if p not in places],
                                entity_text, people)
    authors = [a.strip() for a in (draft.meta.get("author") or "").split(";") if a.strip()]
    return {
        "title": extract_title(draft, filename),
        "title_source": title_source(draft),
        "date": date,
        "date_precision": precision,
        "date_source": date_source,
        "outlet": outlet,
        "language": language,
        "speakers": speakers,
        "quotes": quotes,
        "people": people,
        "organizations": organizations,
        "places": places,
        "cited_outlets": [o for o in cited if o != outlet],
        "authors": authors,
    }
