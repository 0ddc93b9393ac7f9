"""Regenerate the PDF, DOCX, WARC and WACZ samples under tests/data/ (dev time only).

Needs LibreOffice (``apt-get install libreoffice-writer-nogui``) and wget; CI uses the
committed files and needs neither. The texts are written for these tests (not copied from
any publication). Run: ``python tests/data/make_format_samples.py``.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import shutil
import subprocess
import tempfile
import threading
import zipfile
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

DATA = Path(__file__).parent

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')

BULLETS = ('<text:list-style style:name="Bullets"><text:list-level-style-bullet text:level="1" '
           'text:bullet-char="•"><style:list-level-properties text:space-before="0.6cm" '
           'text:min-label-width="0.5cm"/></text:list-level-style-bullet></text:list-style>')


def fodt(title: str, author: str, created: str, blocks: list, language: str = "en") -> str:
    """A flat ODF text document from (kind, content) blocks: h1/h2 headings, p paragraphs
    (a ``[[note]]`` suffix becomes a footnote), ul lists, table rows, pagebreak."""
    body, notes = [], 0
    for kind, content in blocks:
        if kind in ("h1", "h2"):
            body.append(f'<text:h text:outline-level="{kind[1]}">{escape(content)}</text:h>')
        elif kind == "p":
            text, _, rest = content.partition("[[")
            note, _, after = rest.partition("]]")
            xml = escape(text)
            if note:
                notes += 1
                xml += (f'<text:note text:note-class="footnote"><text:note-citation>{notes}'
                        f'</text:note-citation><text:note-body><text:p>{escape(note)}'
                        '</text:p></text:note-body></text:note>')
            xml += escape(after)
            body.append(f"<text:p>{xml}</text:p>")
        elif kind == "ul":
            items = "".join(f"<text:list-item><text:p>{escape(i)}</text:p></text:list-item>" for i in content)
            body.append(f'<text:list text:style-name="Bullets">{items}</text:list>')
        elif kind == "table":
            width = len(content[0])
            rows = "".join("<table:table-row>" + "".join(
                f"<table:table-cell><text:p>{escape(c)}</text:p></table:table-cell>" for c in row)
                + "</table:table-row>" for row in content)
            body.append(f'<table:table><table:table-column table:number-columns-repeated="{width}"/>'
                        f"{rows}</table:table>")
        elif kind == "pagebreak":
            body.append('<text:p text:style-name="Break"/>')
    lang = "ru" if language == "ru" else "en"
    return (f'<?xml version="1.0" encoding="UTF-8"?><office:document {NS} office:version="1.3" '
            'office:mimetype="application/vnd.oasis.opendocument.text">'
            f"<office:meta><dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator>"
            f"<meta:initial-creator>{escape(author)}</meta:initial-creator>"
            f"<meta:creation-date>{created}</meta:creation-date><dc:date>{created}</dc:date>"
            f"<dc:language>{lang}</dc:language></office:meta>"
            f'<office:styles>{BULLETS}</office:styles><office:automatic-styles>'
            '<style:style style:name="Break" style:family="paragraph"><style:paragraph-properties '
            'fo:break-before="page"/></style:style></office:automatic-styles>'
            f"<office:body><office:text>{''.join(body)}</office:text></office:body></office:document>")


STATEMENT_EN = [
    ("h1", "Joint Statement on the Minsk Conference on Eurasian Security"),
    ("p", "Minsk, 9 June 2025 — The foreign ministers of the participating states met in Minsk for the third "
          "conference on Eurasian security and adopted the following statement after two days of talks."),
    ("h2", "1. Principles"),
    ("p", "The participants reaffirmed that security in Eurasia is indivisible and that no state should "
          "strengthen its own security at the expense of the security of others.[[Final document of the "
          "second Minsk conference, section 2.]]"),
    ("p", "They agreed that dialogue between regional organizations, including the Collective Security "
          "Treaty Organization and the Shanghai Cooperation Organisation, should continue at expert level "
          "between the annual conferences."),
    ("ul", ["respect for sovereignty and territorial integrity;",
            "peaceful settlement of disputes through negotiation;",
            "refusal to place strategic weapons near the borders of other participants."]),
    ("h2", "2. Work programme"),
    ("p", "The ministers instructed their deputies to prepare a draft of a Eurasian Charter of Diversity and "
          "Multipolarity in the Twenty-First Century and to present it at the next meeting. The draft "
          "should be open to comment by academic institutions of the participating states."),
    ("table", [["Body", "Task", "Deadline"],
               ["Expert group", "Draft charter text", "March 2026"],
               ["Deputy ministers", "Review and consultation", "June 2026"],
               ["Ministers", "Adoption", "Autumn 2026"]]),
    ("pagebreak", None),
    ("h2", "3. Confidence-building measures"),
    ("p", "The participants welcomed proposals for advance notification of large military exercises near "
          "shared borders and for a standing hotline between defence ministries.[[Proposal circulated by "
          "the Belarusian delegation on 8 June 2025.]]"),
    *[("p", f"Paragraph {n} of the confidence-building section records the views of the delegations on "
            "transparency, verification and the exchange of military information, and it notes that "
            "several delegations asked for the measures to be reviewed every year by the expert group. "
            "The text is long enough to flow over the page so that paragraphs land on several pages.")
      for n in range(1, 15)],
    ("pagebreak", None),
    ("h2", "4. Next meeting"),
    ("p", "The fourth conference will be held in Minsk in the autumn of 2026. The participants thanked the "
          "Republic of Belarus for its hospitality."),
]

STATEMENT_RU = [
    ("h1", "Заявление для прессы по итогам консультаций"),
    ("p", "Москва, 14 марта 2025 — Заместители министров иностранных дел провели консультации по "
          "вопросам евразийской безопасности и обсудили подготовку Евразийской хартии."),
    ("h2", "Основные итоги"),
    ("ul", ["согласован график работы экспертной группы;",
            "намечены темы следующей конференции в Минске;",
            "подтверждена готовность к диалогу с региональными организациями."]),
    ("p", "Стороны отметили, что безопасность в Евразии неделима.[[Формулировка восходит к документам "
          "ОБСЕ.]] Следующий раунд консультаций пройдёт в Минске."),
    ("table", [["Мероприятие", "Срок"], ["Экспертная группа", "апрель 2025"], ["Конференция", "октябрь 2025"]]),
]


COLUMNS = ('<office:automatic-styles><style:style style:name="Cols" style:family="section">'
           '<style:section-properties><style:columns fo:column-count="2" fo:column-gap="0.8cm"/>'
           '</style:section-properties></style:style></office:automatic-styles>')


def two_columns() -> str:
    """A page set in two columns whose column break falls inside a paragraph."""
    paras = [f"Column paragraph {n} discusses the conference and the charter at some length so that it wraps "
             "over several short lines in a narrow column of text." for n in range(1, 13)]
    paras.append("Column paragraph 13 is the last one and it is longer than the others because it has to make "
                 "the column break fall in the middle of a paragraph, which is what a reader of a two-column "
                 "page sees all the time.")
    body = "".join(f"<text:p>{escape(p)}</text:p>" for p in paras)
    return (f'<?xml version="1.0" encoding="UTF-8"?><office:document {NS} office:version="1.3" '
            f'office:mimetype="application/vnd.oasis.opendocument.text">{COLUMNS}<office:body><office:text>'
            '<text:h text:outline-level="1">Two columns</text:h>'
            f'<text:section text:style-name="Cols" text:name="S1">{body}</text:section>'
            "</office:text></office:body></office:document>")


def convert(source: Path, fmt: str, out_dir: Path) -> Path:
    subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", str(out_dir), str(source)],
                   check=True, capture_output=True)
    return out_dir / f"{source.stem}.{fmt}"


def make_documents(tmp: Path) -> None:
    docs = {
        "minsk_statement_en": fodt("Joint Statement on the Minsk Conference on Eurasian Security",
                                   "Anna Petrova", "2025-06-09T10:00:00", STATEMENT_EN),
        "consultations_ru": fodt("Заявление для прессы по итогам консультаций", "Иван Смирнов",
                                 "2025-03-14T12:00:00", STATEMENT_RU, "ru"),
    }
    for stem, xml in docs.items():
        src = tmp / f"{stem}.fodt"
        src.write_text(xml, "utf-8")
        shutil.copy(convert(src, "pdf", tmp), DATA / "pdf" / f"{stem}.pdf")
        shutil.copy(convert(src, "docx", tmp), DATA / "docx" / f"{stem}.docx")
    src = tmp / "two_columns_en.fodt"
    src.write_text(two_columns(), "utf-8")
    shutil.copy(convert(src, "pdf", tmp), DATA / "pdf" / "two_columns_en.pdf")


def make_bad_files(tmp: Path) -> None:
    from PIL import Image, ImageDraw

    # a scan: one page that is a picture of text, no text layer
    page = Image.new("L", (620, 877), 255)
    ImageDraw.Draw(page).text((60, 80), "Joint Statement (scanned copy)", fill=0)
    page.save(DATA / "bad" / "scanned_statement.pdf", "PDF", resolution=72)
    good = (DATA / "pdf" / "minsk_statement_en.pdf").read_bytes()
    (DATA / "bad" / "truncated.pdf").write_bytes(good[: len(good) // 3])
    # a DOCX whose document.xml expands from ~100 KB to 200 MB
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        with z.open("word/document.xml", "w") as f:
            chunk = b" " * (1 << 20)
            for _ in range(200):
                f.write(chunk)
    (DATA / "bad" / "zip_bomb.docx").write_bytes(buf.getvalue())


PAGES = {
    "index.html": ("Ministry of Foreign Affairs: press centre", None, [
        '<a href="statements/minsk-conference.html">Minsk conference statement</a>',
        '<a href="briefings/briefing-2025-06-10.html">Briefing of 10 June</a>',
        '<a href="docs/minsk_statement_en.pdf">Joint statement (PDF)</a>']),
    "statements/minsk-conference.html": ("Statement by the Ministry on the Minsk conference", "2025-06-09", [
        "<p>The Ministry of Foreign Affairs welcomes the outcome of the third Minsk conference on Eurasian "
        "security, held on 8 and 9 June 2025 with the participation of ministers from across the region.</p>",
        "<h2>Outcome</h2>",
        "<p>The conference adopted a joint statement on the principles of indivisible security and agreed a "
        "work programme for the drafting of a Eurasian Charter of Diversity and Multipolarity.</p>",
        "<p>The Ministry will take part in the expert group that prepares the draft charter and invites "
        "academic institutions to send their comments on the principles before the end of the year.</p>"]),
    "briefings/briefing-2025-06-10.html": ("Briefing by the spokesperson, 10 June 2025", "2025-06-10", [
        "<p>At the weekly briefing the spokesperson answered questions about the Minsk conference and the "
        "next steps in the preparation of the Eurasian Charter.</p>",
        "<blockquote><p>Security in Eurasia cannot be built against anyone; it can only be built "
        "together.</p></blockquote>",
        "<p>Asked about the timetable, the spokesperson said that the expert group would meet for the first "
        "time in the autumn and that its sessions would be open to observers from partner states.</p>"]),
}

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | MFA</title>
{date}<link rel="stylesheet" href="/style.css"></head><body><nav><a href="/index.html">Home</a> ·
<a href="/statements/">Statements</a></nav><main><article><h1>{title}</h1>{body}</article></main>
<footer>© Ministry of Foreign Affairs</footer><img src="/logo.png" alt=""></body></html>"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def make_site(root: Path) -> None:
    for path, (title, date, body) in PAGES.items():
        meta = f'<meta name="article:published_time" content="{date}">' if date else ""
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(PAGE.format(title=title, date=meta, body="\n".join(body)), "utf-8")
    (root / "style.css").write_text("body { font-family: serif; }")
    (root / "docs").mkdir(exist_ok=True)
    shutil.copy(DATA / "pdf" / "minsk_statement_en.pdf", root / "docs" / "minsk_statement_en.pdf")
    from PIL import Image

    Image.new("RGB", (8, 8), (20, 60, 120)).save(root / "logo.png")


def make_warcs(tmp: Path) -> None:
    site = tmp / "site"
    site.mkdir()
    make_site(site)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    try:
        def wget(name: str, *extra: str):
            subprocess.run(["wget", "-q", "--recursive", "--level=2", "--page-requisites", "--no-verbose",
                            "--delete-after", "--no-host-directories", f"--warc-file={tmp / name}",
                            "--warc-cdx", *extra, base + "index.html"], cwd=tmp, check=False)
        wget("crawl1")
        # a second crawl of the unchanged site, deduplicated against the first: revisit records
        wget("crawl2", f"--warc-dedup={tmp / 'crawl1.cdx'}")
    finally:
        server.shutdown()
    shutil.copy(tmp / "crawl1.warc.gz", DATA / "warc" / "mfa_site.warc.gz")
    # both crawls in one file (gzip members concatenate): the second one's pages are revisits
    (DATA / "warc" / "mfa_site_recrawl.warc.gz").write_bytes(
        (tmp / "crawl1.warc.gz").read_bytes() + (tmp / "crawl2.warc.gz").read_bytes())
    make_wacz(tmp / "crawl1.warc.gz", DATA / "warc" / "mfa_site.wacz")
    whole = (tmp / "crawl1.warc.gz").read_bytes()
    raw = gzip.decompress(whole)
    # cut in the middle of the statement page's response record
    (DATA / "bad" / "truncated_record.warc").write_bytes(raw[:raw.find(b"<h2>Outcome</h2>")])


def make_wacz(warc: Path, out: Path) -> None:
    """A WACZ 1.1.1 package around one WARC: archive/, pages/pages.jsonl, datapackage.json."""
    from warcio.archiveiterator import ArchiveIterator

    pages = [{"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}]
    with warc.open("rb") as f:
        for record in ArchiveIterator(f):
            if record.rec_type == "response" and "html" in (record.http_headers.get_header("Content-Type") or ""):
                pages.append({"url": record.rec_headers.get_header("WARC-Target-URI"),
                              "ts": record.rec_headers.get_header("WARC-Date")})
    files = {"archive/data.warc.gz": warc.read_bytes(),
             "pages/pages.jsonl": "\n".join(json.dumps(p) for p in pages).encode() + b"\n"}
    resources = [{"name": Path(p).name, "path": p, "hash": "sha256:" + hashlib.sha256(b).hexdigest(),
                  "bytes": len(b)} for p, b in files.items()]
    package = {"profile": "data-package", "wacz_version": "1.1.1", "title": "MFA press centre",
               "created": "2025-06-11T08:00:00Z", "software": "make_format_samples.py", "resources": resources}
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("archive/data.warc.gz", files["archive/data.warc.gz"], zipfile.ZIP_STORED)
        z.writestr("pages/pages.jsonl", files["pages/pages.jsonl"], zipfile.ZIP_DEFLATED)
        z.writestr("datapackage.json", json.dumps(package, indent=2), zipfile.ZIP_DEFLATED)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as d:
        make_documents(Path(d))
        make_bad_files(Path(d))
        make_warcs(Path(d))
