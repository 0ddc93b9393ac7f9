"""Entities read by the model, not only by our lists: nominatives, linking, non-gating, merging,
language detection and transliteration, on short sentences written for these tests."""

from __future__ import annotations

import json

import pytest

from eurasec_archive.extract import extract_metadata
from eurasec_archive.extract.language import detect_language
from eurasec_archive.extract.ner import nominative_person, nominative_phrase
from eurasec_archive.extract.ner_link import merge_organizations, resolve_people, russian_entities
from eurasec_archive.models import Organization
from eurasec_archive.normalize import normalize_text
from eurasec_archive.transliteration import latin_variants, match_key, transliterate


def _meta(text: str) -> dict:
    return extract_metadata(normalize_text(text), "t.txt")


def _org_names(meta: dict) -> list[str]:
    return [o.name for o in meta["organizations"]]


# --- the nominative -------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "nominative"), [
    ("Сергея Шойгу", "Сергей Шойгу"),
    ("Марии Захаровой", "Мария Захарова"),
    ("Владимиром Путиным", "Владимир Путин"),
    ("Ивана Моторина", "Иван Моторин"),
    ("Сергея Рябкова", "Сергей Рябков"),
    ("Александра Вишневского", "Александр Вишневский"),
])
def test_person_names_are_put_in_the_nominative(written, nominative):
    assert nominative_person(written) == nominative


@pytest.mark.parametrize(("written", "nominative"), [
    ("Государственной думы", "Государственная дума"),
    ("Министерства иностранных дел", "Министерство иностранных дел"),
    ("Палаты представителей", "Палата представителей"),
    ("Белом доме", "Белый дом"),
    ("Нижнем Новгороде", "Нижний Новгород"),
    ("японского МИДа", "Японский МИД"),
])
def test_organization_and_place_heads_are_put_in_the_nominative(written, nominative):
    assert nominative_phrase(written) == nominative


# --- non-gating and linking ------------------------------------------------------------------

def test_an_unknown_person_organization_and_place_are_entities_in_the_nominative():
    meta = _meta("Глава администрации Урюпинска Пётр Самойленко встретился с директором "
                 "Новоуральского машиностроительного завода. Встреча прошла в Урюпинске.")
    assert "Пётр Самойленко" in meta["people"]
    assert "Урюпинск" in meta["places"]
    assert meta["language"] == "ru"


def test_a_regional_genitive_is_not_glued_to_a_name():
    meta = _meta("Министр здравоохранения Чувашии Иван Моторин провёл совещание в Чебоксарах.")
    assert "Иван Моторин" in meta["people"]
    assert not any("Чуваш" in p for p in meta["people"])


def test_known_entities_link_to_the_authority_canonical_names():
    meta = _meta("Министр иностранных дел России Сергей Лавров прибыл в Минск на заседание ОДКБ. "
                 "Лавров встретился с коллегами из Белоруссии.")
    assert "Sergey Lavrov" in meta["people"]
    assert not any(p.startswith("Лавров") for p in meta["people"])  # the surname alone is the same man
    assert "Collective Security Treaty Organization" in _org_names(meta)
    assert {"Minsk", "Belarus"} <= set(meta["places"])


def test_titles_and_bodies_are_not_people():
    meta = _meta("Председатель Правления банка выступил в Совете Федерации. Сенаторы его поддержали.")
    assert not any("Председатель" in p or "Совет" in p for p in meta["people"])


def test_an_acronym_defined_in_the_document_wins_over_the_authority():
    meta = _meta("The Warsaw Treaty Organization (WTO) was dissolved in 1991. The WTO had six members.")
    assert "Warsaw Treaty Organization" in _org_names(meta)
    assert "World Trade Organization" not in _org_names(meta)


# --- merging -----------------------------------------------------------------------------------

def test_surnames_and_case_forms_of_one_person_are_one_entity():
    people = resolve_people(["Пётр Самойленко", "Петра Самойленко", "Самойленко"])
    assert people == ["Пётр Самойленко"]


def test_an_acronym_joins_the_full_name_it_spells():
    orgs = merge_organizations([Organization("Федеральная служба безопасности"), Organization("ФСБ", "ФСБ")])
    assert orgs == [Organization("Федеральная служба безопасности", "ФСБ")]


def test_model_entities_merge_variants_in_one_document():
    found = russian_entities("Депутат Пётр Самойленко выступил в Урюпинске. Позже Самойленко "
                             "ответил на вопросы журналистов в Урюпинске.")
    assert found.people == ["Пётр Самойленко"]
    assert found.places == ["Урюпинск"]


# --- language ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("code", "text"), [
    ("ru", "Министр иностранных дел заявил, что страна поддерживает диалог о безопасности в Европе."),
    ("uk", "Міністр закордонних справ заявив, що країна підтримує діалог щодо безпеки в Європі."),
    ("be", "Міністр замежных спраў заявіў, што краіна падтрымлівае дыялог аб бяспецы ў Еўропе."),
    ("kk", "Сыртқы істер министрі елдің Еуропадағы қауіпсіздік туралы диалогты қолдайтынын мәлімдеді."),
    ("bg", "Министърът на външните работи заяви, че страната подкрепя диалога за сигурността в Европа."),
    ("sr", "Министар спољних послова изјавио је да земља подржава дијалог о безбедности у Европи."),
    ("en", "The foreign minister said the country supports the dialogue on security in Europe."),
    ("de", "Der Außenminister erklärte, dass das Land den Dialog über die Sicherheit in Europa unterstützt."),
    ("fr", "Le ministre des Affaires étrangères a déclaré que le pays soutient le dialogue sur la sécurité."),
])
def test_language_is_detected_across_the_region(code, text):
    assert detect_language(text) == code


def test_too_little_text_has_no_language():
    assert detect_language("OK 12") == "und"


# --- transliteration ---------------------------------------------------------------------------

@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("Токаев", "Tokayev"), ("Сергей", "Sergey"), ("Ельцин", "Yeltsin"), ("Фёдор", "Fyodor"),
    ("Горбачёв", "Gorbachev"), ("Шойгу", "Shoygu"),
])
def test_transliteration_follows_bgn_pcgn_context_rules(cyrillic, latin):
    assert transliterate(cyrillic) == latin


def test_wire_spellings_are_variants_of_the_same_name():
    assert "Sergei Lavrov" in latin_variants("Сергей Лавров")
    assert "Tokaev" in latin_variants("Токаев")
    assert match_key("Сергей Шойгу") == match_key("Sergei Shoigu") == match_key("Sergey Shoygu")
    assert match_key("Мария Захарова") == match_key("Maria Zakharova")
    assert match_key("Токаев") != match_key("Тукаев")


# --- bodies named by their place ---------------------------------------------------------------

def test_a_government_body_of_a_place_is_an_organization():
    found = russian_entities("Представители правительства Эритреи встретились с делегацией "
                             "Малайзии. Японское правительство промолчало.")
    names = [o.name for o in found.organizations]
    assert "Правительство Эритреи" in names
    assert "Делегация Малайзии" in names
    assert "Японское правительство" in names


def test_a_company_is_named_without_its_legal_form():
    found = russian_entities("Соглашение подписали ОАО «Газпром» и ООО «Северный поток».")
    names = [o.name for o in found.organizations]
    assert "Газпром" in names
    assert not any(n.startswith(("ОАО", "ООО")) for n in names)


def test_given_name_and_patronymic_alone_address_a_person_named_in_full():
    meta = _meta("Министр иностранных дел С.В.Лавров провёл переговоры. «Сергей Викторович, "
                 "спасибо», — сказал его коллега.")
    assert "Sergey Lavrov" in meta["people"]
    assert "Сергей Викторович" not in meta["people"]


# --- one person, one entity: likely variants of known entities -------------------------------

def test_entities_unknown_suggests_the_known_entity_a_new_spelling_is_likely_of(store, tmp_path):
    from click.testing import CliRunner

    from eurasec_archive.cli import main

    doc = tmp_path / "variant.txt"
    doc.write_text(" date 2025-03-04 news.by\n\n"
                   "\"We will meet again,\" said Foreign Minister Sergej Lavrov after talks with "
                   "Foreign Minister Zorbek Quillanov in Minsk.\n")
    store.import_paths(doc)
    result = CliRunner().invoke(main, ["--archive-dir", str(store.root), "entities", "--unknown", "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["name"]: r for r in json.loads(result.output) if r["kind"] == "person"}
    assert rows["Sergej Lavrov"]["variant_of"] == "Sergey Lavrov"
    assert "variant_of" not in rows["Zorbek Quillanov"]
