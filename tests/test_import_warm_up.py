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
