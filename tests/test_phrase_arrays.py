"""index/phrase_arrays: phrase and proximity counts on hand-made position arrays."""

import numpy as np

from eurasec_archive.index.phrase_arrays import consecutive, within


def occ(*pairs):
    """(docs, positions) arrays from (doc, position) pairs."""
    return (np.array([d for d, _ in pairs], dtype=np.int64), np.array([p for _, p in pairs], dtype=np.int64))


def test_consecutive_counts_each_start_of_the_phrase_per_document():
    # doc 0: "a b x a b" -> two starts; doc 1: "b a" -> none; doc 2: "a x b" -> none; doc 3: "a b" -> one
    a = occ((0, 0), (0, 3), (1, 1), (2, 0), (3, 0))
    b = occ((0, 1), (0, 4), (1, 0), (2, 2), (3, 1))
    docs, freq = consecutive([a, b])
    assert docs.tolist() == [0, 3] and freq.tolist() == [2.0, 1.0]


def test_consecutive_of_three_words_needs_all_three_in_order():
    a, b, c = occ((0, 5), (1, 0)), occ((0, 6), (1, 1)), occ((0, 7), (1, 3))
    docs, freq = consecutive([a, b, c])
    assert docs.tolist() == [0] and freq.tolist() == [1.0]


def test_a_word_with_no_occurrence_empties_the_phrase():
    docs, freq = consecutive([occ((0, 0)), occ()])
    assert docs.tolist() == [] and freq.dtype == np.float32


def test_within_finds_either_order_up_to_the_slop_and_not_across_documents():
    first = occ((0, 10), (1, 0), (2, 5))
    second = occ((0, 7), (1, 9), (3, 5))  # doc 0: 3 before; doc 1: 9 after; doc 3 has no first word
    docs, _ = within(first, second, 3)
    assert docs.tolist() == [0]
    docs, _ = within(first, second, 9)
    assert docs.tolist() == [0, 1]


def test_phrase_of_long_lists_intersects_by_merge_as_by_search():
    """Two words' keys of similar length are intersected by one merge, a short list by binary
    search: the same phrase counts either way (against a set intersection of the pairs)."""
    rng = np.random.default_rng(3)
    for n_a, n_b in ((4_000, 5_000), (40, 6_000)):
        a_pairs = {(int(d), int(p)) for d, p in zip(rng.integers(0, 300, n_a), rng.integers(0, 400, n_a), strict=True)}
        b_pairs = {(int(d), int(p)) for d, p in zip(rng.integers(0, 300, n_b), rng.integers(0, 400, n_b), strict=True)}
        expected: dict[int, int] = {}
        for d, p in a_pairs:
            if (d, p + 1) in b_pairs:
                expected[d] = expected.get(d, 0) + 1
        docs, freq = consecutive([occ(*sorted(a_pairs)), occ(*sorted(b_pairs))])
        assert dict(zip(docs.tolist(), freq.astype(int).tolist(), strict=True)) == expected


def test_a_phrase_does_not_run_from_one_document_into_the_next():
    """The last position a key can hold, then the next document's first word: no phrase."""
    last = (1 << 24) - 1
    docs, _ = consecutive([occ((0, last)), occ((1, 0))])
    assert docs.tolist() == []
