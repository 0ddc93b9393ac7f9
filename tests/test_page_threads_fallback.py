"""Saved pages the tuned extraction gets wrong: a <title> never closed, reader-comment threads
left inside the article body by the extractor."""

from __future__ import annotations

from eurasec_archive.importer import parse_document
from eurasec_archive.normalize import normalize_html

ARTICLE = [
    "The premiers met the prime minister at his residence on Friday evening to discuss the economy "
    "and the federal aid package announced on Thursday for the manufacturing and forestry sectors.",
    "They said the meeting gave them a good opportunity to raise their concerns about the slowing "
    "economy, the high dollar and the loss of jobs in the manufacturing towns of the province.",
    "The council chair said it was a productive meeting and that the premiers would prefer to meet "
    "more often, in a setting where they could discuss constructive solutions together.",
    "Critics of the aid package said it was an election platform, and the finance minister said "
    "that the timing of the package would not change whatever the opposition parties decided.",
    "The premiers held a strategy session in the afternoon on how to keep the focus on the economy, "
    "but said afterwards that the discussion over that issue lasted no more than five minutes.",
    "Earlier in the week the provinces had asked for a larger share of the fund, saying that the "
    "sum set aside for the hardest-hit communities would not go far in a single winter.",
]
COMMENTS = [
    "The time has come for the government to start cutting some of the fat from its own budget.",
    "I could not agree more with the last reader; the debt will cripple the province one day.",
    "People are never happy. They want more and more, and nobody asks who is going to pay for it.",
]


def page(body: str, head: str = "<title>Premiers meet the prime minister</title>") -> str:
    return f"<html><head>{head}</head><body><div class='story'>{body}</div></body></html>"


def paras(texts) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def test_page_whose_title_is_never_closed_imports_its_article():
    """A <title> without its end tag swallows the whole page as title text (libxml2 reads to the
    end of the file): the page imported with "no article text found"."""
    html = ("<html><head><title>Premiers meet the prime minister\n<script>var x = 1;</script>"
            "</head><body><h1>Premiers meet the prime minister</h1>" + paras(ARTICLE) + "</body></html>")
    item = parse_document(html.encode(), "premiers.html")
    text = " ".join(p.text for p in item.paragraphs)
    assert all(t in text for t in ARTICLE)
    assert "var x" not in text


def test_thread_opened_by_a_comment_line_goes_to_comments():
    names = ["Stephen B", "Bruce", "Frank @ Toronto"]
    thread = "".join(f"<p>{n}</p><p>{c}</p>" for n, c in zip(names, COMMENTS, strict=True))
    d = normalize_html(page(paras(ARTICLE) + "<p>Comments are now closed for this story</p>" + thread))
    body = [p.text for p in d.paragraphs]
    assert body[-1] == ARTICLE[-1]
    assert not any(c in body for c in COMMENTS) and "Bruce" not in body
    assert [(c.author, c.text) for c in d.comments] == list(zip(names, COMMENTS, strict=True))


def test_paragraphs_signed_by_commenters_go_to_comments():
    signed = [f"{c} Posted by {n} on January 10, 2008 5:{15 + k} PM Report this comment"
              for k, (n, c) in enumerate(zip(["rupert", "Joe", "H"], COMMENTS, strict=True))]
    tail = "<p>You are here: News &gt; Politics</p>"
    d = normalize_html(page(paras(ARTICLE + signed) + tail))
    body = [p.text for p in d.paragraphs]
    assert body[:len(ARTICLE)] == ARTICLE
    assert not any("Posted by" in t for t in body)
    assert [(c.author, c.text) for c in d.comments] == list(zip(["rupert", "Joe", "H"], COMMENTS, strict=True))


def test_a_post_signed_once_by_its_author_stays_whole():
    signed = ARTICLE[-1] + " Posted by Eric Earling at December 29, 2007 12:03 PM | Email This"
    d = normalize_html(page(paras(ARTICLE[:-1] + [signed])))
    assert [p.text for p in d.paragraphs][-1] == signed
    assert d.comments == []


def test_comment_line_before_any_article_text_opens_no_thread():
    d = normalize_html(page("<p>Comments (3)</p>" + paras(ARTICLE)))
    assert [p.text for p in d.paragraphs][-len(ARTICLE):] == ARTICLE
