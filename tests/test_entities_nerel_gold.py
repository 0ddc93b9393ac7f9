"""bench/entities_nerel_gold.py: the NEREL regions the shared gold lacks are added as it groups places."""

import importlib.util
import json
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "entities_nerel_gold.py"


def _module():
    spec = importlib.util.spec_from_file_location("bench_entities_nerel_gold", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TEXT = "Губернатор Калининградской области посетил Флориду. Правительство Калининградской области и Техас."


def _ann() -> str:
    def at(word, nth=0):
        start = -1
        for _ in range(nth + 1):
            start = TEXT.index(word, start + 1)
        return start, start + len(word)

    s1, e1 = at("Калининградской области")
    s2, e2 = at("Флориду")
    s3, e3 = at("Калининградской области", 1)
    s4, e4 = at("Правительство Калининградской области")
    s5, e5 = at("Техас")
    return "\n".join([
        f"T1\tSTATE_OR_PROVINCE {s1} {e1}\tКалининградской области",
        f"T2\tSTATE_OR_PROVINCE {s2} {e2}\tФлориду",
        f"T3\tSTATE_OR_PROVINCE {s3} {e3}\tКалининградской области",
        f"T4\tORGANIZATION {s4} {e4}\tПравительство Калининградской области",
        f"T5\tSTATE_OR_PROVINCE {s5} {e5}\tТехас",
        "N1\tReference T1 Wikidata:Q1749\tКалининградская область",
        "N2\tReference T2 Wikidata:Q812\tФлорида",
        "N3\tReference T3 Wikidata:Q1749\tКалининградская область",
        "N5\tReference T5 Wikidata:NULL\tнет данных",
    ]) + "\n"


def test_regions_are_added_grouped_by_wikidata_and_not_inside_a_body(tmp_path):
    split, ann_dir = tmp_path / "split", tmp_path / "ann"
    (split / "gold").mkdir(parents=True)
    (split / "txt").mkdir()
    ann_dir.mkdir()
    (split / "txt" / "1_text.txt").write_text(TEXT, "utf-8")
    florida = {"type": "places", "keys": ["Флорида"], "mentions": ["Флорида"], "wikidata": "Wikidata:Q812"}
    gold = {"id": "1_text", "file": "1_text.txt", "entities": [florida]}
    (split / "gold" / "1_text.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    (ann_dir / "1_text.ann").write_text(_ann(), "utf-8")

    added = _module().with_regions(split, ann_dir, tmp_path / "out")

    entities = json.loads((tmp_path / "out" / "gold" / "1_text.json").read_text("utf-8"))["entities"]
    by_id = {e["wikidata"]: e for e in entities}
    assert added == 2  # the oblast and Texas; Florida was already an entity
    # the oblast's second mention is inside the government's span: left out, the first one kept
    assert by_id["Wikidata:Q1749"] == {"type": "places", "keys": ["Калининградская область"],
                                       "mentions": ["Калининградской области"], "wikidata": "Wikidata:Q1749"}
    assert by_id["Wikidata:Q812"]["mentions"] == ["Флорида", "Флориду"]
    assert by_id[None] == {"type": "places", "keys": [], "mentions": ["Техас"], "wikidata": None}
    assert (tmp_path / "out" / "txt" / "1_text.txt").read_text("utf-8") == TEXT
