"""A realistic synthetic corpus for the benchmark, drawn from the seeds' distributions.

``generate(n, out_dir, seed)`` writes ``n`` plain-text files in the seed format (a header
line `` date YYYY-MM-DD <outlet>``, a title, paragraphs). The text is a word-bigram walk over
the seeds (so phrases such as "Eurasian security" recur as they do in real news), broken by
draws from a Zipfian vocabulary: the seeds' words ranked by frequency plus a synthetic tail of
rare words (real archives have a long tail the five seeds cannot supply). People, outlets,
organizations and places come from the authority files, with Zipfian popularity, and people
speak in attributed quotes so that the importer's speaker extraction sees them. About 10% of
documents are Russian, walked over a small Russian text written for this purpose.
"""

from __future__ import annotations

import json
import random
import re
from bisect import bisect
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate, pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
AUTHORITY = ROOT / "src" / "eurasec_archive" / "authority"
_WORD = re.compile(r"[A-Za-zА-Яа-яЁё][\w’'-]*|[.,;:]")

# the seeds are all English; this is the Russian the generator walks over (~10% of documents)
RUSSIAN_SOURCE = """
Министр иностранных дел России Сергей Лавров заявил, что концепция евразийской безопасности
остается одной из главных внешнеполитических инициатив России и Беларуси. Он напомнил, что
Минск провел две международные конференции по евразийской безопасности. Евразийская хартия
многообразия и многополярности в двадцать первом веке должна стать программным документом.
Архитектура безопасности в Евразии должна быть неделимой и равной для всех государств без
исключения на основе принципов Устава ООН. Министр иностранных дел Беларуси Максим Рыженков
подчеркнул, что страны Союзного государства действуют согласованно. Организация Договора о
коллективной безопасности и Шанхайская организация сотрудничества играют важную роль в
обеспечении региональной стабильности. Президент Беларуси Александр Лукашенко отметил, что
Запад пытается сорвать диалог о новой системе безопасности. Президент России Владимир Путин
предложил начать работу над контуром равной и неделимой безопасности в Евразии. Эксперты
считают, что конференция в Минске открыла новую страницу в обсуждении евразийской хартии.
Стороны обсудили вопросы экономического сотрудничества, транспортных коридоров и энергетики.
Делегации Китая, Ирана, Индии и Казахстана приняли участие в пленарном заседании форума.
Официальный представитель МИД России Мария Захарова сообщила, что встреча прошла в
конструктивной атмосфере. Участники договорились продолжить консультации на уровне экспертов.
"""

RUSSIAN_OUTLETS = ["tass.ru", "belta.by", "ria.ru", "interfax.ru", "kommersant.ru", "iz.ru"]
RUSSIAN_SPEAKERS = ["Сергей Лавров", "Максим Рыженков", "Мария Захарова", "Александр Лукашенко",
                    "Владимир Путин", "Дмитрий Песков"]
EN_TITLE_ROLES = {
    "Sergey Lavrov": "Russian Foreign Minister", "Maxim Ryzhenkov": "Belarusian Foreign Minister",
    "Vladimir Putin": "Russian President", "Alexander Lukashenko": "Belarusian President",
    "Maria Zakharova": "Russian Foreign Ministry Spokeswoman",
}


def _zipf_weights(n: int, s: float = 1.07) -> list[float]:
    return list(accumulate(1.0 / (r ** s) for r in range(1, n + 1)))


class Zipf:
    """Draws from ``values`` with probability proportional to 1/rank^s."""

    def __init__(self, values: list, s: float = 1.07):
        self.values = values
        self.cum = _zipf_weights(len(values), s)

    def draw(self, rng: random.Random):
        return self.values[bisect(self.cum, rng.random() * self.cum[-1])]


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text)


class Language:
    """A bigram walk over a source text, interrupted by Zipfian vocabulary draws."""

    def __init__(self, source: str, tail: int, rng: random.Random):
        toks = _tokens(source)
        self.follow: dict[str, list[str]] = defaultdict(list)
        for a, b in pairwise(toks):
            self.follow[a].append(b)
        counts = Counter(t.lower() for t in toks if t.isalpha())
        ranked = [w for w, _ in counts.most_common()]
        self.vocab = Zipf(ranked + _rare_words(tail, rng, cyrillic=not ranked[0].isascii()))
        self.starts = [t for t in toks if t[:1].isupper()] or toks

    def sentence(self, rng: random.Random, length: int) -> str:
        w = rng.choice(self.starts)
        out = [w]
        while len(out) < length:
            nxt = self.follow.get(w)
            if nxt and rng.random() < 0.8:
                w = rng.choice(nxt)
            else:
                w = self.vocab.draw(rng)
            if w in ".;:" and len(out) < length - 1:
                w = ","
            if w == "," and out[-1] == ",":
                continue
            out.append(w)
        text = " ".join(out).replace(" ,", ",").strip(" ,.;:")
        return text[:1].upper() + text[1:] + "."


def _rare_words(n: int, rng: random.Random, cyrillic: bool = False) -> list[str]:
    cons, vow = ("бвгдзклмнпрстфхцчш", "аеиоуыя") if cyrillic else ("bcdfghklmnprstvz", "aeiou")
    seen: set[str] = set()
    out = []
    while len(out) < n:
        w = "".join(rng.choice(cons) + rng.choice(vow) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            out.append(w)
    return out


def _authority():
    people = [p["name"] for p in json.loads((AUTHORITY / "people.json").read_text())]
    # the seed header names the outlet by its domain; the importer maps it to the canonical name
    outlets = [o["domains"][0] for o in json.loads((AUTHORITY / "outlets.json").read_text())
               if o.get("domains")]
    orgs = json.loads((AUTHORITY / "organizations.json").read_text())
    places = json.loads((AUTHORITY / "places.json").read_text())
    place_names = [p[0] for kind in ("countries", "cities", "regions") for p in places[kind]]
    org_names = [o["acronym"] if o.get("acronym") and random.random() < 0.5 else o["name"]
                 for o in orgs]
    return people, outlets, org_names, place_names


def _date(rng: random.Random) -> str | None:
    if rng.random() < 0.05:
        return None
    # skewed towards recent years, as a news archive is
    year = rng.choices([2019, 2020, 2021, 2022, 2023, 2024, 2025], [1, 1, 2, 3, 5, 8, 12])[0]
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


@dataclass
class Document:
    """One generated document: the text of its file and what the generator put in it."""

    number: int
    text: str  # the file's text, in the seed format
    language: str  # "en" or "ru"
    date: str | None
    outlet: str  # as the header names it (a domain)
    title: str
    paragraphs: list[str]  # the body's paragraphs as written (quotes and mentions included)
    quotes: list[tuple[int, str, str, str]] = field(default_factory=list)  # (paragraph, text, speaker, role)

    @property
    def name(self) -> str:
        return f"{self.number:06d}.txt"


def documents(n: int, seed: int = 42) -> Iterator[Document]:
    """The ``n`` documents ``generate`` writes, in order, for a given ``seed``."""
    rng = random.Random(seed)
    random.seed(seed)
    english = Language("\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))),
                       tail=20000, rng=rng)
    russian = Language(RUSSIAN_SOURCE, tail=3000, rng=rng)
    people, outlets, orgs, places = _authority()
    people_z, outlets_z = Zipf(people), Zipf(outlets)
    orgs_z, places_z = Zipf(orgs), Zipf(places)
    ru_speakers, ru_outlets = Zipf(RUSSIAN_SPEAKERS), Zipf(RUSSIAN_OUTLETS)
    for i in range(n):
        is_ru = rng.random() < 0.10
        lang = russian if is_ru else english
        date = _date(rng)
        outlet = ru_outlets.draw(rng) if is_ru else outlets_z.draw(rng)
        title = lang.sentence(rng, rng.randint(5, 11)).rstrip(".")
        paras = []
        for _ in range(max(1, int(rng.lognormvariate(1.6, 0.6)))):
            paras.append(" ".join(lang.sentence(rng, rng.randint(8, 28))
                                  for _ in range(rng.randint(1, 4))))
        # entities: people who speak, organizations and places mentioned
        quotes = []
        for _ in range(rng.randint(0, 3)):
            k = rng.randrange(len(paras))
            if is_ru:
                who = ru_speakers.draw(rng)
                quote = lang.sentence(rng, 12)
                paras[k] += f" «{quote}», — заявил {who}."
                quotes.append((k, quote, who, ""))
            else:
                who = people_z.draw(rng)
                role = EN_TITLE_ROLES.get(who, "")
                quote = lang.sentence(rng, rng.randint(10, 20))
                paras[k] += f' "{quote}" said {role + " " if role else ""}{who}.'
                quotes.append((k, quote, who, role))
        if not is_ru:
            for _ in range(rng.randint(0, 3)):
                k = rng.randrange(len(paras))
                paras[k] += (f" Representatives of the {orgs_z.draw(rng)} met in "
                             f"{places_z.draw(rng)} to discuss {english.vocab.draw(rng)}.")
        head = f" date {date} {outlet}\n\n{title}\n\n" if date else f"{title}\n\n"
        yield Document(i, head + "\n\n".join(paras) + "\n", "ru" if is_ru else "en", date, outlet, title,
                       paras, quotes)


def generate(n: int, out_dir: str | Path, seed: int = 42) -> list[Path]:
    """Write ``n`` documents into ``out_dir`` (created); returns their paths. Deterministic
    for a given ``seed``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc in documents(n, seed):
        path = out / doc.name
        path.write_text(doc.text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    import sys

    for p in generate(int(sys.argv[1]), sys.argv[2])[:3]:
        print(p.read_text()[:800], "\n----")
