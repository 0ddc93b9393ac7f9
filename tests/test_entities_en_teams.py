"""Teams named by the shape of a results table's line (extract/teams_en.py).

The lines are written for the tests, with invented team names beside real city names.
"""

from eurasec_archive.extract import extract_metadata
from eurasec_archive.extract.teams_en import table_teams
from eurasec_archive.normalize import normalize_text


def _teams(text: str) -> list[str]:
    return [o.name for _, _, o in table_teams(text)]


def test_results_fixtures_and_standings_lines_name_teams():
    assert _teams("Zorvan Rovers 2 Quellmark 1 (halftime 1-0)\nTibbard 0 Drezzi 0") == \
        ["Zorvan Rovers", "Quellmark", "Tibbard", "Drezzi"]
    assert _teams("Drezzi Athletic v Tibbard") == ["Drezzi Athletic", "Tibbard"]
    assert _teams("Quellmark 4 3 0 1 5 3 9") == ["Quellmark"]  # played 4 = won 3 + drawn 0 + lost 1


def test_a_line_of_running_text_or_in_capitals_names_no_team():
    assert _teams("Zorvan said 2 people died in Quellmark 1 day later.") == []
    assert _teams("ZORVAN 2 QUELLMARK 1") == []
    assert _teams("Quellmark 4 3 0") == []  # too few numbers for a standings row
    assert _teams("Zorvan Rovers 2 Quellmark 1") == []  # one line of numbers is no table


def test_rows_of_statistics_name_countries_that_stay_places():
    text = ("Military spending, billions of dollars, 2019-2023:\n\n"
            "Russia 61.7 65.9 86.4 109.0 149.0\n\nKazakhstan 12 14 15 17 19 21\n\n"
            "Armenia 6 5 4 3 2 1\n\nBelarus 3 1\n\nGeorgia 2 0\n")
    meta = extract_metadata(normalize_text(text), "spending.txt")
    assert {"Russia", "Kazakhstan", "Armenia", "Belarus", "Georgia"} <= set(meta["places"])
    assert not {"Russia", "Kazakhstan", "Armenia", "Belarus", "Georgia"} & {o.name for o in meta["organizations"]}


def test_a_team_named_after_a_city_is_an_organization_and_no_place_there():
    text = ("SOCCER - ENGLISH LEAGUE RESULTS.\n\nLONDON 1996-08-31\n\n"
            "Results of English league matches on Saturday:\n\n"
            "Swindon 2 Norwich 1\n\nLeeds 0 Zorvan Rovers 3\n")
    meta = extract_metadata(normalize_text(text), "results.txt")
    names = {o.name for o in meta["organizations"]}
    assert {"Swindon", "Norwich", "Leeds", "Zorvan Rovers"} <= names
    assert "Leeds" not in meta["places"] and "Norwich" not in meta["places"]
