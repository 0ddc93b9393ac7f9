"""natasha's Russian news NER model (slovnet with navec's embeddings), loaded from the ``natasha``
wheel's data folder once per process, never downloaded."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

_NATASHA_EMBEDDING = "emb/navec_news_v1_1B_250K_300d_100q.tar"
_NATASHA_NER = "model/slovnet_ner_news_v1.tar"


def _natasha_data() -> Path:
    # the data folder of the installed wheel, found without importing natasha (which loads pymorphy2)
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("natasha is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _embedding(path: str):
    """navec's embedding as the NER reads it (its codes and each word's indexes). ``Navec.load``
    also builds, for navec's own ``sim``, every word's norm and each centroid pair's dot
    product, ~0.8 s of CPU at each start that slovnet never reads: skipped here."""
    from navec import navec

    class Codes(navec.PQ):
        def precompute(self):  # norm and ab serve Navec.sim only
            pass

    with navec.Tar(path) as tar:
        meta = navec.Meta.from_file(tar.load(navec.META))
        navec.Meta.check_protocol(meta.protocol)
        vocab = navec.Vocab.from_file(tar.load(navec.VOCAB))
        return navec.Navec(meta, vocab, Codes.from_file(tar.load(navec.PQ_)))


@cache
def _tagger():
    from slovnet import NER

    data = _natasha_data()
    tagger = NER.load(str(data / _NATASHA_NER))
    tagger.navec(_embedding(str(data / _NATASHA_EMBEDDING)))
    # the model's convolutions are BLAS matrix products: one thread each, as import runs one
    # process per core (OpenBLAS's own threads on top made NER 3x slower on 2 busy cores)
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")
    return tagger


russian_model = _tagger  # loaded ahead of the parse workers by documents.warm_up
