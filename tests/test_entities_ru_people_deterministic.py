"""A document's metadata does not depend on the process that extracts it: not on the documents
read before it, nor on the hash seed (each import run, and each `eurasec-archive` command, is a
new process with its own seed). A Russian word whose stems fit several given names
("Александром": Александр and Александра share the stem "александр") was given whichever name
the iteration of a frozenset met first, so the same text gave "Александр …" in one import and
"Александра …" in the next."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache

DOCUMENT = """Минск, 12 марта 2024 года

Новости региона

Накануне депутат Иван Соколов принял участие в круглом столе. Кроме того, немногим ранее во \
время встречи с полпредом Александром Беловым Соколов рассказывал о том, что получает угрозы.

По словам Александры Беловой, работа продолжится.
"""

OTHERS = [
    "Москва, 3 мая 2023 года\n\nМинистр иностранных дел России Сергей Лавров заявил, что переговоры "
    "продолжатся. Об этом сообщила официальный представитель МИД Мария Захарова.\n",
    "Астана, 1 июня 2023 года\n\nПрезидент Казахстана Касым-Жомарт Токаев встретился с Александрой "
    "Ивановой и Валерием Петровым. «Мы готовы к диалогу», — сказал Токаев.\n",
    "Sen. Jeff Merkley said on Tuesday that the talks in Minsk would go on, according to Reuters.\n",
]

PROGRAM = """
import json, sys
from eurasec_archive.documents import parse_document
from eurasec_archive.extract.people import nominative_given
document, others = json.loads(sys.stdin.read())

def metadata(text, name):
    item = parse_document(text.encode(), name).to_json()
    item["source"].pop("imported_at")
    return item

fresh = metadata(document, "d.txt")
for k, text in enumerate(others):
    metadata(text, f"o{k}.txt")
after = metadata(document, "d.txt")
words = {w: nominative_given(w) for w in ["Александром", "Александры", "Сергея", "Валерием"]}
print(json.dumps({"fresh": fresh, "after": after, "words": words}, ensure_ascii=False, sort_keys=True))
"""


@cache  # one process per seed serves both tests
def _extract(seed: int) -> dict:
    env = dict(os.environ, PYTHONHASHSEED=str(seed))
    done = subprocess.run([sys.executable, "-c", PROGRAM], input=json.dumps([DOCUMENT, OTHERS]),
                          capture_output=True, text=True, env=env, timeout=300, check=True)
    return json.loads(done.stdout)


def test_a_document_gives_the_same_metadata_fresh_after_other_documents_and_under_any_hash_seed():
    runs = [_extract(seed) for seed in (0, 1, 2, 3)]
    first = runs[0]["fresh"]
    assert "Иван Соколов" in first["people"], "the test document names its people"
    for run in runs:
        assert run["fresh"] == first
        assert run["after"] == first


def test_a_given_name_in_an_oblique_case_is_the_name_it_is_a_form_of_under_any_hash_seed():
    expected = {"Александром": "Александр", "Александры": "Александра", "Сергея": "Сергей",
                "Валерием": "Валерий"}
    for seed in (0, 1, 2, 3):
        assert _extract(seed)["words"] == expected
