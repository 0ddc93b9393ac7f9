"""bench/entities_nerel_people.py: the NEREL people the shared gold splits are joined where the
annotators relate them by ALTERNATIVE_NAME, or a given name alone belongs to one full name."""

import importlib.util
import json
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def _module(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))  # it reads the .ann files with entities_nerel_gold.read_ann
    spec = importlib.util.spec_from_file_location("bench_entities_nerel_people", BENCH / "entities_nerel_people.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


TEXT = ("Нападавший Бенджамин Херман (Benjamin Herman) задержан. Мать, Анна Смирнова, и отец, Игорь Смирнов, "
        "дома. Анна рассказала, что Пётр и Павел уехали.")


def _ann() -> str:
    def at(word):
        start = TEXT.index(word)
        return start, start + len(word)

    spans = ["Бенджамин Херман", "Benjamin Herman", "Анна Смирнова", "Игорь Смирнов", "Анна", "Пётр"]
    lines = []
    for i, word in enumerate(spans, 1):
        s, e = at(word) if word != "Анна" else (TEXT.index("Анна рассказала"), TEXT.index("Анна рассказала") + 4)
        lines.append(f"T{i}\tPERSON {s} {e}\t{word}")
    lines.append("R1\tALTERNATIVE_NAME Arg1:T1 Arg2:T2\t")
    return "\n".join(lines) + "\n"


GOLD = {"id": "1", "file": "1_text.txt", "entities": [
    {"type": "people", "keys": [], "mentions": ["Бенджамин Херман"], "wikidata": None},
    {"type": "people", "keys": [], "mentions": ["Benjamin Herman"], "wikidata": None},
    {"type": "people", "keys": [], "mentions": ["Анна Смирнова"], "wikidata": None},
    {"type": "people", "keys": [], "mentions": ["Игорь Смирнов"], "wikidata": None},
    {"type": "people", "keys": [], "mentions": ["Анна"], "wikidata": None},
    {"type": "people", "keys": [], "mentions": ["Пётр"], "wikidata": None},
    {"type": "places", "keys": [], "mentions": ["Анна"], "wikidata": None},
]}


def test_alternative_names_and_a_given_name_alone_join_their_person(tmp_path, monkeypatch):
    split, ann_dir = tmp_path / "split", tmp_path / "ann"
    (split / "gold").mkdir(parents=True)
    (split / "txt").mkdir()
    ann_dir.mkdir()
    (split / "txt" / "1_text.txt").write_text(TEXT, "utf-8")
    (split / "gold" / "1_text.json").write_text(json.dumps(GOLD, ensure_ascii=False), "utf-8")
    (ann_dir / "1_text.ann").write_text(_ann(), "utf-8")
    joins = _module(monkeypatch).with_person_names(split, ann_dir, tmp_path / "out")
    gold = json.loads((tmp_path / "out" / "gold" / "1_text.json").read_text("utf-8"))
    people = sorted(sorted(e["mentions"]) for e in gold["entities"] if e["type"] == "people")
    assert joins == 2
    assert people == [["Benjamin Herman", "Бенджамин Херман"], ["Анна", "Анна Смирнова"], ["Игорь Смирнов"], ["Пётр"]]
    assert [e["mentions"] for e in gold["entities"] if e["type"] == "places"] == [["Анна"]]  # other types untouched
    assert (tmp_path / "out" / "txt" / "1_text.txt").read_text("utf-8") == TEXT


def test_a_given_name_two_people_share_joins_neither(monkeypatch):
    entities = [{"type": "people", "keys": [], "mentions": m, "wikidata": None}
                for m in (["Анна Смирнова"], ["Анна Петрова"], ["Анну"])]
    joined, joins = _module(monkeypatch).joined_people(entities, [])
    assert joins == 0 and len(joined) == 3


def test_a_declined_given_name_joins_by_the_scorers_word_equality(monkeypatch):
    entities = [{"type": "people", "keys": [], "mentions": m, "wikidata": None} for m in (["Вера Щесных"], ["Веру"])]
    joined, joins = _module(monkeypatch).joined_people(entities, [])
    assert joins == 1 and joined[0]["mentions"] == ["Вера Щесных", "Веру"]
