"""The document's printed attributions: pull quotes and epigraphs with the name printed under
them, and a document that says on its first line whose statement it carries (moved out of
speakers.py)."""

from __future__ import annotations

from eurasec_archive.authorities import speech_verbs
from eurasec_archive.extract.people import PeopleResolver
from eurasec_archive.extract.speaker_document import Mentions
from eurasec_archive.extract.speaker_names import NAME_RUN, person_part
from eurasec_archive.extract.speaker_roles import attribution_role, role_after
from eurasec_archive.models import Paragraph, Quote


def block_quote(p: Paragraph, resolver: PeopleResolver, add) -> Quote:
    """A pull quote or epigraph with its printed attribution; an epigraph's author is quoted
    but is not a speaker of the document."""
    epigraph = p.kind == "epigraph"
    text = unquoted(p.text)
    if p.attribution:
        m = Mentions(p.attribution, resolver)
        found = [(e, name, role) for _, e, name, role in m.items[:1]]
        if not found:  # a name no list knows: "Aigerim Nurlanova, Kazakh Deputy Foreign Minister"
            for run in NAME_RUN.finditer(p.attribution):
                name, titled, lead = person_part(run.group(0))
                if len(name.split()) >= 2:
                    found = [(run.end(), name, lead or None)]
                    break
        signed = p.attribution.startswith(("—", "–", "―"))
        if found and signed:  # the signature's name is the whole of it, as signed ("Oscar P. Quintero")
            whole = p.attribution.lstrip("—–― ").split(",")[0].strip().rstrip(".")
            if whole.endswith(found[0][1].split()[-1]) and len(whole.split()) <= 4:
                found = [(found[0][0], resolver.resolve(whole) or whole, found[0][2])]
        if found:
            e, name, role = found[0]
            role = role or role_after(p.attribution, e) or attribution_role(p.attribution)
            if not epigraph:
                # "“…” ― Name": a signed quotation (readers' and posters' words) is the signer's
                # quote, but no report of the person speaking: no speaker by itself
                add(name, role, speaks=not signed)
            return Quote(text=text, speaker=name, paragraph=p.id, cue=None, direct=True, epigraph=epigraph)
    return Quote(text=text, speaker=None, paragraph=p.id, cue=None, direct=True, epigraph=epigraph)


def unquoted(text: str) -> str:
    """A quote paragraph's words without the marks around the whole of it."""
    t = text.strip()
    for a, b in (("“", "”"), ("«", "»"), ('"', '"')):
        if t.startswith(a) and t.endswith(b) and b not in t[1:-1]:
            return t[1:-1].strip()
    return text


def statement_author(paragraphs: list[Paragraph], resolver: PeopleResolver) -> tuple[str, str | None] | None:
    """The speaker of a document whose opening line says whose words it carries: "Statement
    by …", "Комментарий официального представителя МИД России М.В.Захаровой" (markers in
    authority/speech_verbs.json)."""
    if not paragraphs:
        return None
    first = paragraphs[0].text
    markers = speech_verbs().get("statement_openers", [])
    possessives = speech_verbs().get("statement_possessives", [])
    if len(first) > 300 or not (any(first.startswith(m) for m in markers)
                                or any(m in first for m in possessives)):
        return None
    items = Mentions(first, resolver).items
    return (items[0][2], items[0][3]) if items else None
