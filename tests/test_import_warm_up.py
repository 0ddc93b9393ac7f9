"""An import with several parse workers loads the models once, in the importing process, before
forking them (documents.warm_up): each worker used to load the language identifier, the Russian
model and MinHash again (~2 s of CPU each)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT

PROBE = """
import json, sys
from eurasec_archive.documents import warm_up
from eurasec_archive.extract import language, ner
warm_up()
print(json.dumps({"identifier": language._identifier.cache_info().currsize,
                  "russian_model": ner._tagger.cache_info().currsize,
                  "minhash": "datasketch" in sys.modules}))
"""


def test_warm_up_loads_the_language_identifier_the_russian_model_and_minhash():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True,
                         env=dict(os.environ, PYTHONPATH=str(ROOT / "src"))).stdout
    assert json.loads(out.strip().splitlines()[-1]) == {"identifier": 1, "russian_model": 1, "minhash": True}


EMBEDDING_PROBE = """
import json, sys
from navec import Navec
from slovnet import NER
from eurasec_archive.extract import ner
data = ner._natasha_data()
lean = ner._embedding(str(data / ner._NATASHA_EMBEDDING))
full = Navec.load(str(data / ner._NATASHA_EMBEDDING))
text = sys.argv[1]
spans = []
for emb in (lean, full):
    tagger = NER.load(str(data / ner._NATASHA_NER))
    tagger.navec(emb)
    spans.append([(s.start, s.stop, s.type) for s in tagger(text).spans])
print(json.dumps({"same_codes": bool((lean.pq.codes == full.pq.codes).all() and (lean.pq.indexes == full.pq.indexes).all()),
                  "same_vocab": lean.vocab.words == full.vocab.words,
                  "spans": spans, "lean_has_table": hasattr(lean.pq, "ab")}))
"""


def test_the_lean_embedding_reads_as_navecs_own_and_skips_the_table_the_ner_never_reads():
    """ner._embedding loads navec without the pairwise table of Navec.load (~0.8 s of every
    start): the NER's spans on a sentence written for the test are the same with either."""
    text = "Министр иностранных дел Армении Пётр Соколов встретился в Ереване с представителями ОБСЕ."
    out = subprocess.run([sys.executable, "-c", EMBEDDING_PROBE, text], capture_output=True, text=True, check=True,
                         env=dict(os.environ, PYTHONPATH=str(ROOT / "src"))).stdout
    got = json.loads(out.strip().splitlines()[-1])
    assert got["same_codes"] and got["same_vocab"] and not got["lean_has_table"]
    lean, full = got["spans"]
    assert lean == full
    assert {t for _, _, t in lean} >= {"PER", "LOC", "ORG"}
