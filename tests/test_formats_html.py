"""HTML input: visible text only, blocks and regions from the markup, encodings, chrome as furniture."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from docscan.batch import discover
from docscan.cli import app
from docscan.errors import EmptyDocumentError
from docscan.formats import detect
from docscan.formats.html import FORMAT as HTML
from docscan.loading import decode_bytes
from docscan.model import Document, RegionKind

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Harbor news &amp; notes</title>
<meta name="author" content="Ana Lopez"><style>p { color: red }</style>
<script>var hidden = "<p>not text</p>";</script></head>
<body>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/about">About</a></li></ul></nav></header>
<main><article>
<h1>Harbor committee approves repairs</h1>
<p>The harbor committee met on Tuesday &amp; agreed to fund the <a href="/b">bridge</a> repairs
   before winter &mdash; a decision &eacute;lus long awaited.</p>
<h2>What changes</h2>
<ul><li>New railings on the north pier</li><li>A second ferry ramp</li></ul>
<table><tr><th>Year</th><th>Ships</th></tr><tr><td>2023</td><td>41</td></tr></table>
<blockquote>We waited ten years for this.</blockquote>
<figure><img src="x.jpg"><figcaption>The north pier in March.</figcaption></figure>
<pre>line one
  line two</pre>
<template><p>template text</p></template><noscript>Enable JavaScript</noscript>
<div hidden>hidden text</div><div aria-hidden="true">aria hidden text</div>
<p style="display: none">display none text</p><span class="sr-only">screen reader text</span>
<div class="post-share-buttons"><a href="/s">Share on a network</a></div>
</article></main>
<footer><p>Copyright the harbor paper</p></footer>
</body></html>
"""


def load(data: bytes | str, suffix: str = ".html") -> Document:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return decode_bytes(raw, path=f"page{suffix}", suffix=suffix)


def region_at(doc: Document, needle: str) -> tuple[RegionKind, int, str, float, tuple[str, ...]]:
    lines = doc.text.split("\n")
    for r in doc.regions:
        if needle in "\n".join(lines[r.start_line - 1 : r.end_line]):
            return r.kind, r.level, r.landmark, r.link_share, r.hints
    raise AssertionError(f"{needle!r} not in any region")


def test_visible_text_only_with_references_decoded() -> None:
    doc = load(PAGE)
    assert doc.format == "html"
    for gone in ("not text", "color: red", "template text", "Enable JavaScript", "hidden text",
                 "aria hidden text", "display none text", "screen reader text", "Harbor news"):
        assert gone not in doc.text
    assert "met on Tuesday & agreed to fund the bridge repairs before winter — a decision élus long awaited." in doc.text


def test_one_block_per_element_with_blank_lines_between() -> None:
    doc = load(PAGE)
    blocks = doc.text.rstrip("\n").split("\n\n")
    assert blocks[:4] == ["Home", "News", "About", "Harbor committee approves repairs"]
    assert "Year\tShips" in blocks and "2023\t41" in blocks
    assert "line one\n  line two" in blocks  # preformatted text keeps its lines
    assert doc.text.endswith("\n") and "\n\n\n" not in doc.text
    for r in doc.regions:  # regions and blocks agree line for line
        assert doc.text.split("\n")[r.start_line - 1].strip()


@pytest.mark.parametrize(
    ("needle", "kind", "level"),
    [
        ("Harbor committee approves repairs", RegionKind.HEADING, 1),
        ("What changes", RegionKind.HEADING, 2),
        ("New railings", RegionKind.LIST, 0),
        ("Year\tShips", RegionKind.TABLE, 0),
        ("We waited ten years", RegionKind.QUOTE, 0),
        ("The north pier in March.", RegionKind.CAPTION, 0),
        ("line one", RegionKind.CODE, 0),
        ("met on Tuesday", RegionKind.PROSE, 0),
    ],
)
def test_region_kinds_and_heading_levels(needle: str, kind: RegionKind, level: int) -> None:
    got_kind, got_level, *_ = region_at(load(PAGE), needle)
    assert (got_kind, got_level) == (kind, level)


def test_markup_evidence_landmarks_hints_link_share_and_furniture() -> None:
    doc = load(PAGE)
    kind, _, landmark, share, _ = region_at(doc, "Home")
    assert (kind, landmark, share) == (RegionKind.FURNITURE, "nav", 1.0)
    kind, _, landmark, _, _ = region_at(doc, "Copyright the harbor paper")
    assert (kind, landmark) == (RegionKind.FURNITURE, "footer")
    kind, _, _, share, hints = region_at(doc, "Share on a network")
    assert kind is RegionKind.FURNITURE and "share" in hints and share == 1.0
    _, _, landmark, share, _ = region_at(doc, "met on Tuesday")
    assert landmark == "article" and 0 < share < 0.1


def test_a_chrome_named_wrapper_holding_the_article_is_not_furniture() -> None:
    page = ("<html><body><div class='layout-with-sidebar'><h1>Title of the piece</h1>"
            "<p>The body of the article is here.</p></div>"
            "<div class='sidebar'><p>Popular this week</p></div></body></html>")
    doc = load(page)
    assert region_at(doc, "The body of the article")[0] is RegionKind.PROSE
    assert region_at(doc, "Popular this week")[0] is RegionKind.FURNITURE


def test_a_run_of_link_only_blocks_with_its_title_is_furniture() -> None:
    links = "".join(f"<p><a href='/{i}'>Another story number {i}</a></p>" for i in range(4))
    page = f"<html><body><p>One paragraph of the article, with a <a href='/x'>link</a>.</p><h3>More stories</h3>{links}</body></html>"
    doc = load(page)
    assert region_at(doc, "One paragraph")[0] is RegionKind.PROSE
    assert region_at(doc, "More stories")[0] is RegionKind.FURNITURE
    assert region_at(doc, "Another story number 3")[0] is RegionKind.FURNITURE


def test_metadata_title_author_language() -> None:
    meta = dict(load(PAGE).metadata)
    assert meta == {"title": "Harbor news & notes", "author": "Ana Lopez", "language": "en"}


@pytest.mark.parametrize(
    ("data", "encoding", "word"),
    [
        ('<html><head><meta charset="windows-1252"></head><body><p>caf\xe9 \x93quoted\x94</p></body></html>'.encode("latin-1"),
         "cp1252 (declared)", "café “quoted”"),
        ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head><body><p>na\xefve</p>'.encode("latin-1"),
         "cp1252 (declared)", "naïve"),
        ("<html><body><p>déjà vu</p></body></html>".encode("utf-16"), "utf-16 (BOM)", "déjà vu"),
        ("<html><body><p>plain café</p></body></html>".encode(), "utf-8", "plain café"),
        (b"<html><body><p>caf\xe9 au lait</p></body></html>", "cp1252 (not utf-8)", "café au lait"),
    ],
    ids=["meta-charset", "http-equiv", "utf16-bom", "utf8", "undeclared-cp1252"],
)
def test_declared_or_sniffed_encoding_is_honoured(data: bytes, encoding: str, word: str) -> None:
    doc = load(data)
    assert doc.encoding == encoding
    assert word in doc.text


@pytest.mark.parametrize(
    ("head", "suffix", "name"),
    [
        (b"<!DOCTYPE html><html><body><p>x</p>", "", "html"),
        (b"\n  <html><body>x</body></html>", ".txt", "html"),
        (b"<div><p>one</p><p>two</p><a href=x>three</a><br></div>", "", "html"),
        (b"%PDF-1.7\n", ".html", "pdf"),
        (b"<style>\n" + b"  .grid { display: grid; gap: 10px; }\n" * 400 + b"</style><!doctype html>", "", "html"),
        (b"<!doctype html><html><body><p>saved as pdf by mistake</p>", ".pdf", "html"),
    ],
)
def test_detected_by_content_not_suffix(head: bytes, suffix: str, name: str) -> None:
    assert detect(head, suffix).name == name


def test_markdown_with_a_few_tags_is_not_html() -> None:
    head = b"# Title\n\nSome text with a <br> break and <b>bold</b>.\n\nMore prose follows here at length.\n" * 3
    assert HTML.sniff(head, ".md") == 0
    assert HTML.sniff(head, "") == 0


def test_a_page_of_only_script_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EmptyDocumentError, match="no visible text"):
        load("<html><head><script>document.write('hi')</script></head><body><script>x()</script></body></html>")
    p = tmp_path / "app.html"
    p.write_text("<!doctype html><html><body><div id=root></div><script src=app.js></script></body></html>")
    result = CliRunner().invoke(app, ["scan", str(p)])
    assert result.exit_code == 3
    assert result.stderr.startswith(f"error: {p}: has no visible text") and "hint:" in result.stderr
    assert "Traceback" not in result.stderr


def test_text_command_prints_the_extracted_text(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(app, ["text", str(p)])
    assert result.exit_code == 0
    assert result.stdout == load(PAGE).text


def test_folders_pick_up_html_docx_and_pdf(tmp_path: Path) -> None:
    for name in ("a.html", "b.htm", "c.xhtml", "d.docx", "e.pdf", "f.txt", "g.png"):
        (tmp_path / name).write_bytes(b"x")
    found = sorted(Path(f).name for f in discover([str(tmp_path)]))
    assert found == ["a.html", "b.htm", "c.xhtml", "d.docx", "e.pdf", "f.txt"]


@pytest.mark.model
def test_json_document_text_indexes_every_mention(tmp_path: Path, schema: dict) -> None:
    page = ("<html><head><title>Ports</title></head><body><nav><a href='/'>Home</a></nav><article>"
            "<h1>Ports of the north</h1><p>Maria Lopez of the Harbor Authority visited Norway and Denmark "
            "on Tuesday to sign the ferry agreement.</p><p>The Norwegian government said the ferry between "
            "Oslo and Copenhagen will run again from May.</p></article></body></html>")
    p = tmp_path / "ports.html"
    p.write_text(page, encoding="utf-8")
    result = CliRunner().invoke(app, ["scan", str(p), "--json"])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    jsonschema.validate(record, schema)
    document = record["document"]
    assert document["format"] == "html" and document["metadata"] == {"title": "Ports"}
    text = document["text"]
    assert document["characters"] == len(text) and "<" not in text
    mentions = [m for group in record["entities"].values() for e in group for m in e["mentions"]]
    assert mentions
    for m in mentions:
        assert text[m["start_char"] : m["end_char"]] == m["text"]
        assert text.split("\n")[m["line"] - 1].find(m["text"]) >= 0


@pytest.mark.model
def test_plain_text_json_says_its_format_and_carries_no_text(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("The harbor committee met on Tuesday in Oslo.\n", encoding="utf-8")
    record = json.loads(CliRunner().invoke(app, ["scan", str(p), "--json"]).stdout)
    assert "format" in record["document"] and "text" not in record["document"]


def test_short_lines_outside_the_element_holding_the_prose_are_furniture() -> None:
    body = "".join(
        f"<p>Paragraph {i} of the story tells the reader about the harbor and its long winter repairs.</p>"
        for i in range(8)
    )
    page = (f"<html><body><div><h1>The harbor story</h1><div>{body}</div></div>"
            "<div><p>Sign up today</p><p>A longer paragraph outside the story still reads as prose to a reader "
            "and is left to the split.</p></div></body></html>")
    doc = load(page)
    assert region_at(doc, "The harbor story")[0] is RegionKind.HEADING
    assert region_at(doc, "Paragraph 3 of the story")[0] is RegionKind.PROSE
    assert region_at(doc, "Sign up today")[0] is RegionKind.FURNITURE
    assert region_at(doc, "A longer paragraph outside")[0] is RegionKind.PROSE


def test_a_page_of_deeply_nested_tags_still_loads() -> None:
    n = 20_000
    doc = load("<html><body>" + "<div class='nav-item'>" * n + "<p>deep text here</p>" + "</div>" * n + "</body></html>")
    assert doc.text == "deep text here\n"


# ---- the split on an HTML page: what the markup declares chrome goes, what it keeps stays -------

_SPLIT_NAV = ["Rivers", "Coasts", "Islands", "Harbours", "Lighthouses", "Ferries"]
_SPLIT_ARTICLE = [
    "The harbour board voted on Tuesday to rebuild the old stone pier before the winter storms arrive, "
    "after two years of debate about the cost.",
    "Engineers told the board that the pier has been sinking by a few centimetres every year since the "
    "flood, and that the work cannot wait much longer.",
    "The rebuilt pier will be wider than the old one, so that the ferry and the fishing boats can use it "
    "at the same time without waiting for each other.",
    "Work is due to start in the spring, and the board expects the pier to be closed to the public for "
    "most of the summer while the stones are replaced.",
]
_SPLIT_LIST = ["Stone from the old quarry", "Oak beams for the deck", "Iron rings for the moorings"]
_SPLIT_COMMENT = (
    "I have walked on that pier every morning for thirty years and I am glad that somebody is finally "
    "doing something about it."
)
_SPLIT_PAGE = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Harbour board rebuilds the pier</title></head><body>
<nav><ul>{"".join(f'<li><a href="/{w}">{w}</a></li>' for w in _SPLIT_NAV)}</ul></nav>
<main><article class="story">
<h1>Harbour board rebuilds the old pier</h1>
<div class="info"><p>By Ana Lopez, published March 3, 2024</p></div>
{"".join(f"<p>{p}</p>" for p in _SPLIT_ARTICLE)}
<h2>What the work needs</h2>
<ul>{"".join(f"<li>{x}</li>" for x in _SPLIT_LIST)}</ul>
</article></main>
<section class="comments"><h3>Comments</h3><p>{_SPLIT_COMMENT}</p><p>Good news for the ferry.</p></section>
<footer><p>Contact</p><p>Archive</p><p>Jobs</p></footer>
</body></html>
"""


def _scan_json(tmp_path: Path, html: str, *extra: str) -> dict[str, object]:
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    result = CliRunner().invoke(app, ["scan", str(page), "--json", *extra])
    assert result.exit_code == 0, result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def _set_aside(data: dict[str, object]) -> dict[int, str]:
    """Line number -> category of every set-aside line of a scan's JSON."""
    out: dict[int, str] = {}
    for s in data["segments"]:  # type: ignore[attr-defined]
        if s["kind"] == "unrelated":
            for line in range(s["start_line"], s["end_line"] + 1):
                out[line] = s["category"]
    return out


def _line_of(data: dict[str, object], needle: str) -> int:
    text: str = data["document"]["text"]  # type: ignore[index]
    return next(i for i, x in enumerate(text.split("\n"), start=1) if needle in x)


def test_html_split_sets_aside_declared_chrome_by_category_and_keeps_the_article(tmp_path: Path) -> None:
    data = _scan_json(tmp_path, _SPLIT_PAGE)
    aside = _set_aside(data)
    # the article, its headings and its short list stay: the markup says they are the article,
    # even where the text's shape alone (short lines after the prose) would have read a menu
    for needle in [*_SPLIT_ARTICLE, *_SPLIT_LIST, "Harbour board rebuilds the old pier", "What the work needs"]:
        assert _line_of(data, needle) not in aside, needle
    # what the markup declares chrome goes, with the category its landmark or class words give
    for word in _SPLIT_NAV:
        assert aside.get(_line_of(data, word)) == "navigation", word
    for needle in ("Contact", "Archive", "Jobs"):
        assert aside.get(_line_of(data, needle)) == "navigation", needle
    for needle in ("Comments", _SPLIT_COMMENT, "Good news for the ferry."):
        assert aside.get(_line_of(data, needle)) == "comments", needle
    # a byline outside the article's prose is set aside by its wording though the markup kept it
    assert aside.get(_line_of(data, "By Ana Lopez")) == "byline/date"


def test_html_split_explain_names_the_markup_as_the_evidence(tmp_path: Path) -> None:
    data = _scan_json(tmp_path, _SPLIT_PAGE, "--explain")
    verdicts = {v["start_line"]: v for v in data["explain"]}  # type: ignore[attr-defined]
    nav = verdicts[_line_of(data, "Lighthouses")]
    assert nav["unrelated"] and "furniture by markup" in nav["reason"]
    assert nav["features"]["furniture_by_markup"] == 1.0
    item = verdicts[_line_of(data, "Oak beams for the deck")]
    assert not item["unrelated"] and "kept by the markup" in item["reason"]
    assert item["features"]["furniture_by_markup"] == 0.0


def test_html_page_without_an_article_still_sets_its_chrome_aside(tmp_path: Path) -> None:
    """An index page has no article-like prose: its own list of links stays whole, but the nav and
    footer the markup declares are still page chrome."""
    entries = [f"Walk number {n} along the coast" for n in range(1, 9)]
    html = (
        "<html><body><nav><a href='/'>Home</a> <a href='/maps'>Maps</a></nav><main><h1>All walks</h1><ul>"
        + "".join(f"<li>{e}</li>" for e in entries)
        + "</ul></main><footer><p>About this site</p></footer></body></html>"
    )
    data = _scan_json(tmp_path, html)
    aside = _set_aside(data)
    for needle in [*entries, "All walks"]:
        assert _line_of(data, needle) not in aside, needle
    assert aside.get(_line_of(data, "Home")) == "navigation"
    assert aside.get(_line_of(data, "About this site")) == "navigation"


def test_plain_text_split_does_not_use_the_markup_rules() -> None:
    """The same words saved as text have no markup: the text-shape layout decides alone, so no
    verdict cites the markup."""
    doc = decode_bytes(HTML.extract(_SPLIT_PAGE.encode(), path="p.html").text.encode(), path="p.txt")
    from docscan.blocks import split_blocks
    from docscan.relevance import split_unrelated

    split = split_unrelated(doc, split_blocks(doc))
    assert not any("markup" in v.reason for v in split.verdicts)
    assert not any(name == "furniture_by_markup" for v in split.verdicts for name, _ in v.features)
