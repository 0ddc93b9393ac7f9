"""English people named by a common given name the regional list does not hold (given_names_en.json).

Behaviours from error analysis on CoNLL-2003 valid; the sentences here are written for the tests.
"""

from eurasec_archive.extract import extract_metadata
from eurasec_archive.extract.people import find_person_runs
from eurasec_archive.normalize import normalize_text


def _broad(text: str) -> list[str]:
    return [name for _, _, name in find_person_runs(text, broad=True)]


def test_a_run_opening_with_a_common_english_given_name_is_a_person():
    assert _broad("Top seed Pete Sampras beat Todd Martin in straight sets.") == ["Pete Sampras", "Todd Martin"]
    assert _broad("Top seed Pete Sampras beat Todd Martin in straight sets.".replace("Pete", "Zzpete")) == \
        ["Todd Martin"]
    assert [name for _, _, name in find_person_runs("Top seed Pete Sampras beat Todd Martin.")] == []


def test_months_places_nationalities_and_bodies_are_no_given_names():
    assert _broad("Trading in June Comelf shares and the San Diego Padres game.") == []
    assert _broad("Officials of Roosevelt Financial Group Inc met German Defence staff in Virginia Beach.") == []


def test_the_people_field_reads_them_and_the_speakers_stay_as_before():
    text = ("LONDON (Reuters) - Glenn Hoddle named his squad on Friday.\n\n"
            "\"We are ready,\" said Glenn Hoddle.\n")
    meta = extract_metadata(normalize_text(text), "hoddle.txt")
    assert "Glenn Hoddle" in meta["people"]
