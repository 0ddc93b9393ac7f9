"""The correct metadata of each seed document, stated once per seed (issue: metadata extraction).

Each test runs the real normalizer and extractor over the seed file as the importer does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eurasec_archive.extract import extract_metadata
from eurasec_archive.extract.unknown import unknown_entities
from eurasec_archive.normalize import normalize_text

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def metadata(name: str) -> dict:
    path = SEEDS / name
    return extract_metadata(normalize_text(path.read_text("utf-8")), path.name)


def speakers(meta: dict) -> dict[str, str | None]:
    return {s.name: s.role for s in meta["speakers"]}


def organizations(meta: dict) -> dict[str, str | None]:
    return {o.name: o.acronym for o in meta["organizations"]}


def test_seed_000_news_by_lavrov_citing_sputnik():
    meta = metadata("000_937aebef08243a90.txt")
    assert (meta["date"], meta["date_precision"], meta["date_source"]) == ("2025-06-09", "day", "header")
    assert meta["outlet"] == "news.by"
    assert meta["cited_outlets"] == ["Sputnik Belarus"]
    assert meta["title"].startswith("The concept of Eurasian security is one of the main foreign policy")
    assert "http" not in meta["title"] and "webp" not in meta["title"]
    assert speakers(meta) == {"Sergey Lavrov": "Russian Foreign Minister"}
    direct = [(q.speaker, q.paragraph, q.cue) for q in meta["quotes"] if q.direct]
    assert direct == [("Sergey Lavrov", "p3", "said"), ("Sergey Lavrov", "p5", "stressed")]
    # "…, said Russian Foreign Minister Sergey Lavrov", "He recalled that …", "According to him, …"
    reported = [(q.speaker, q.paragraph, q.cue) for q in meta["quotes"] if not q.direct]
    assert reported == [("Sergey Lavrov", "p1", "said"), ("Sergey Lavrov", "p2", "recalled"),
                        ("Sergey Lavrov", "p6", "According to")]
    assert meta["quotes"][-1].text.startswith("discussions on how to build equal and indivisible security")
    assert meta["people"] == ["Sergey Lavrov", "Maxim Ryzhenkov"]
    assert set(organizations(meta)) == {
        "United Nations", "Shanghai Cooperation Organisation", "BRICS", "European Union",
        "Association of Southeast Asian Nations", "Commonwealth of Independent States", "Eurasian Economic Union",
        "Sputnik Belarus"}  # an outlet the text cites is an organization too
    assert {"Minsk", "Moscow", "Geneva", "Belarus", "Russia", "Eurasia"} <= set(meta["places"])


def test_seed_001_undated_article_with_warsaw_treaty_wto():
    meta = metadata("001_eef66c77e6030273.txt")
    # 17 January 1935, 29 February 2024, 14 June 2024 are events, not the publication date
    assert (meta["date"], meta["date_precision"], meta["date_source"]) == (None, None, "none")
    assert meta["outlet"] is None
    assert meta["cited_outlets"] == []
    assert meta["title"] and "http" not in meta["title"]
    # the 1935 epigraph is quoted, but Litvinov is no speaker of this essay
    # the essay calls him "President of Russia" and its pull quotes "President of the Russian Federation"
    assert set(speakers(meta)) == {"Vladimir Putin"}
    assert speakers(meta)["Vladimir Putin"] in ("President of Russia", "President of the Russian Federation")
    draft = normalize_text((SEEDS / "001_eef66c77e6030273.txt").read_text("utf-8"))
    assert [p.kind for p in draft.paragraphs[:3]] == ["epigraph", "epigraph", "paragraph"]
    epigraph = meta["quotes"][0]
    assert (epigraph.speaker, epigraph.paragraph, epigraph.epigraph) == ("Maxim Litvinov", "p1", True)
    assert not any(q.epigraph for q in meta["quotes"][2:])
    quoted = {q.speaker for q in meta["quotes"]}
    assert {"Maxim Litvinov", "Vladimir Putin"} <= quoted
    orgs = organizations(meta)
    # defined inline as "Warsaw Treaty Organization (WTO)": context beats the authority file
    assert orgs["Warsaw Treaty Organization"] == "WTO"
    assert "World Trade Organization" not in orgs
    assert {"League of Nations", "Organization for Security and Co-operation in Europe",
            "North Atlantic Treaty Organization", "Collective Security Treaty Organization",
            "Gulf Cooperation Council", "Union State of Belarus and Russia"} <= set(orgs)
    assert meta["people"][:2] == ["Maxim Litvinov", "Vladimir Putin"]
    assert len(meta["people"]) == len(set(meta["people"]))


def test_seed_002_header_date_without_outlet_two_ministers():
    meta = metadata("002_e00304c3316c58ce.txt")
    assert (meta["date"], meta["date_precision"], meta["date_source"]) == ("2025-11-24", "day", "header")
    assert meta["outlet"] is None
    assert meta["title"] == "A meeting of the boards of the Belarusian and Russian Foreign Ministries is taking place in Moscow"
    assert speakers(meta) == {
        "Sergey Lavrov": "Russian Foreign Minister",
        "Maxim Ryzhenkov": "Belarusian Foreign Minister",
    }
    # "Sergey Lavrov, Russian Foreign Minister:" captions the quote: the quote's attribution, no paragraph
    draft = normalize_text((SEEDS / "002_e00304c3316c58ce.txt").read_text("utf-8"))
    assert not any(p.text.endswith("Russian Foreign Minister:") for p in draft.paragraphs)
    caption = draft.paragraphs[2]
    assert (caption.kind, caption.attribution) == ("quote", "Sergey Lavrov, Russian Foreign Minister")
    assert [(q.speaker, q.paragraph) for q in meta["quotes"] if q.direct] == [
        ("Sergey Lavrov", "p3"), ("Maxim Ryzhenkov", "p5"), ("Maxim Ryzhenkov", "p5")]
    # "Alexander Grigoryevich Lukashenko's", "Vladimir Vladimirovich Putin's" resolve to the authority
    assert meta["people"] == ["Sergey Lavrov", "Alexander Lukashenko", "Vladimir Putin", "Maxim Ryzhenkov"]
    assert set(organizations(meta)) == {
        "Collective Security Treaty Organization", "Shanghai Cooperation Organisation", "BRICS"}


def test_seed_003_on_tuesday_is_no_date_and_reported_speech():
    meta = metadata("003_8b59aea7c0c4b4aa.txt")
    assert (meta["date"], meta["date_source"]) == (None, "none")
    assert meta["outlet"] is None
    assert meta["cited_outlets"] == ["BelTA", "TASS"]
    # "Minister Ryzhenkov noted", "Minister Choe criticized", "She emphasized"
    # "North Korea dispatched its Foreign Minister, Choe Son-hui": the role keeps its country
    assert speakers(meta) == {"Maxim Ryzhenkov": "Belarusian Foreign Minister",
                              "Choe Son-hui": "North Korean Foreign Minister"}
    assert [(q.speaker, q.cue, q.direct) for q in meta["quotes"]] == [
        ("Maxim Ryzhenkov", "noted", False), ("Choe Son-hui", "criticized", False), ("Choe Son-hui", "emphasized", False)]
    assert meta["people"] == ["Maxim Ryzhenkov", "Sergey Lavrov", "Choe Son-hui"]
    assert organizations(meta) == {"BelTA": None, "TASS": None}  # the outlets it cites, nothing else
    assert {"North Korea", "Iran", "Myanmar", "Minsk", "United States"} <= set(meta["places"])


def test_seed_004_title_line_and_no_commenters_as_people():
    meta = metadata("004_9311060f705e9724.txt")
    assert meta["title"] == "Russian Foreign Minister Lavrov Addresses 3rd Minsk International Conference on Eurasian Security"
    assert (meta["date"], meta["date_source"]) == (None, "none")
    assert meta["outlet"] is None
    assert speakers(meta) == {"Sergey Lavrov": "Russian Foreign Minister"}
    # the conference's stated aim is quoted with no source: kept, unattributed, not given to Lavrov
    (aim,) = [q for q in meta["quotes"] if q.speaker != "Sergey Lavrov"]
    assert (aim.speaker, aim.cue, aim.text.startswith("frank and inclusive discussion")) == (None, None, True)
    assert len([q for q in meta["quotes"] if q.direct and q.speaker]) == 4
    assert meta["people"] == ["Sergey Lavrov", "Donald Trump", "Maxim Ryzhenkov", "Choe Son-hui", "Alexander Lukashenko"]
    for commenter in ("Katchuka", "KittyKat", "Eugene Alta", "Bella Ciao", "Comandante"):
        assert commenter not in meta["people"]
    assert set(organizations(meta)) == {
        "North Atlantic Treaty Organization", "Union State of Belarus and Russia", "Collective Security Treaty Organization",
        "Commonwealth of Independent States", "Shanghai Cooperation Organisation", "European Union"}


@pytest.mark.parametrize("text, name", [
    ("По словам Сергея Лаврова, идея хартии получила поддержку.", "Sergey Lavrov"),
    ("«Мы готовы к диалогу», — заявил Игорь Назарук. Игоря Назарука поддержали.", "Игорь Назарук"),
    ("«Мы ждем делегации», — сказал Александр Вольфович. По словам Александра Вольфовича, угрозы растут.",
     "Александр Вольфович"),
])
def test_russian_case_forms_resolve_to_the_nominative(text, name):
    meta = extract_metadata(normalize_text(text))
    assert [s.name for s in meta["speakers"]] == [name]
    assert meta["people"] == [name]


def test_people_are_listed_once_however_often_named():
    meta = metadata("001_eef66c77e6030273.txt")
    assert meta["people"].count("Vladimir Putin") == 1


def test_unknown_entities_lists_what_authority_files_lack():
    text = ("Temur Umarov, a fellow at the Carnegie Russia Eurasia Center, said the CSTO and the "
            "Quadrilateral Working Group (QWG) should meet. Lavrov agreed.")
    meta = extract_metadata(normalize_text(text))
    meta["paragraphs"] = normalize_text(text).paragraphs
    rows = unknown_entities([meta, meta])
    assert {"kind": "person", "name": "Temur Umarov", "count": 2} in rows
    assert {"kind": "organization", "name": "Quadrilateral Working Group", "count": 2} in rows
    assert {"kind": "acronym", "name": "QWG", "count": 2} in rows
    assert not any(r["name"] in ("CSTO", "Carnegie Russia Eurasia Center") for r in rows)


def test_quotes_do_not_keep_the_comma_of_the_reporting_sentence():
    from eurasec_archive.extract.speakers import extract_speakers_and_quotes
    from eurasec_archive.normalize import normalize_text

    draft = normalize_text('"We will keep working on the text of the charter together," '
                           "said Foreign Minister Ivan Petrov.\n")
    _, quotes = extract_speakers_and_quotes(draft.paragraphs, ["Ivan Petrov"])
    assert [q.text for q in quotes] == ["We will keep working on the text of the charter together"]
