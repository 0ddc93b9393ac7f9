"""The extractors' per-paragraph answers are kept for the paragraphs seen last (the speaker
finder asks for the same paragraph's sentences, cues and name runs in several passes): what a
caller gets is its own copy, the kept answers are bounded, and they are what the function
computes afresh."""

from __future__ import annotations

from eurasec_archive.extract.attribution import find_cues
from eurasec_archive.extract.memo import memoized
from eurasec_archive.extract.people import find_person_runs
from eurasec_archive.extract.speaker_names import person_part, sentences

TEXTS = [
    "“It is over. We won,” Sen. Jeff Merkley said on Tuesday. Mr. Smith disagreed, according to Reuters.",
    "Russian Foreign Minister Sergey Lavrov told reporters that the talks in Minsk would go on.",
    "«Мы готовы к диалогу», — заявил министр иностранных дел России Сергей Лавров. По его словам, это важно.",
    "The U.S. Gov. Ed Rendell, said former Pennsylvania Gov. and Democratic National Committee Chairman Ed Rendell.",
]


def test_a_caller_changing_its_cues_does_not_change_the_next_callers():
    text = TEXTS[0]
    first = find_cues(text)
    assert first, "the test text has cues"
    expected = [(c.pos, c.source, c.content) for c in first]
    first[0].pos, first[0].source, first[0].content = 999, "Nobody", None
    first.append(first[0])
    again = find_cues(text)
    assert [(c.pos, c.source, c.content) for c in again] == expected
    assert all(a is not b for a, b in zip(again, find_cues(text), strict=True))


def test_a_caller_changing_its_list_does_not_change_the_next_callers():
    text = TEXTS[1]
    runs = find_person_runs(text)
    assert runs
    runs.clear()
    assert find_person_runs(text) == find_person_runs.__wrapped__(text)
    spans = sentences(TEXTS[0])
    spans.append((0, 1))
    assert sentences(TEXTS[0]) == sentences.__wrapped__(TEXTS[0])


def test_kept_answers_are_the_functions_own():
    for text in TEXTS:
        for _ in range(2):  # the second call is answered from what is kept
            assert sentences(text) == sentences.__wrapped__(text)
            assert find_person_runs(text) == find_person_runs.__wrapped__(text)
            assert find_person_runs(text, broad=True) == find_person_runs.__wrapped__(text, broad=True)
            assert find_cues(text) == find_cues.__wrapped__(text)
            assert person_part("Sen. Jeff Merkley") == person_part.__wrapped__("Sen. Jeff Merkley")


def test_kept_answers_are_bounded():
    calls = []

    @memoized(maxsize=3)
    def words(text):
        calls.append(text)
        return text.split()

    for text in ["a b", "c d", "a b", "e f", "g h", "i j", "a b"]:
        assert words(text) == text.split()
    assert words.cache_info().currsize == 3
    assert calls == ["a b", "c d", "e f", "g h", "i j", "a b"]  # "a b" was kept once, then pushed out
