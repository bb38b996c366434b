"""HTML in: the visible text, one block per paragraph, with the markup's evidence; entry point: `FORMAT`.

lxml's HTML parser runs in event mode (a parser *target*): no tree is built, so memory stays at
the input plus the output text however large the page is, and libxml2 decodes character
references and closes implied tags for us. Only what a reader sees becomes text: no script,
style, template, noscript, head, hidden or aria-hidden content. Every heading, paragraph, list
item, table row, quote, caption and preformatted block is one block, blank lines between blocks,
so the format-blind analyses see the same blocks a browser shows. Each block's `Region` carries
its enclosing landmark, the class/id words of its ancestors and its link share; blocks that the
markup itself declares to be page chrome (navigation, site header and footer, sidebars, share
bars, comment sections, forms) are FURNITURE regions, decided after the whole page is read so a
class word on a wrapper that holds the article never sets the article aside.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import EmptyDocumentError, FormatError
from ..model import Extracted, Region, RegionKind

__all__ = ["FORMAT", "HtmlFormat", "sniff_encoding"]

# Elements whose content is never rendered as text in a browser with scripts on.
_SKIP = frozenset(
    {"script", "style", "template", "noscript", "head", "svg", "math", "iframe", "object", "embed",
     "canvas", "select", "datalist", "audio", "video", "map", "button"}
)
# Elements that start and end a block (CSS display: block and friends in the default style sheet).
_BLOCK = frozenset(
    {"address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
     "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
     "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre",
     "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "br", "option", "label"}
)
_CELLS = frozenset({"td", "th"})
_PRE = frozenset({"pre", "textarea", "listing", "plaintext", "xmp"})
# The innermost of these decides a block's kind.
_KIND_OF: dict[str, RegionKind] = {
    **{f"h{n}": RegionKind.HEADING for n in range(1, 7)},
    "p": RegionKind.PROSE, "li": RegionKind.LIST, "dt": RegionKind.LIST, "dd": RegionKind.LIST,
    "td": RegionKind.TABLE, "th": RegionKind.TABLE, "tr": RegionKind.TABLE, "pre": RegionKind.CODE,
    "blockquote": RegionKind.QUOTE, "figcaption": RegionKind.CAPTION, "caption": RegionKind.CAPTION,
}
_LANDMARKS = frozenset({"nav", "header", "footer", "aside", "figure", "form", "main", "article"})
# ARIA roles that mean the same as a landmark element (WAI-ARIA 1.2 landmark roles).
_ROLES: dict[str, str] = {
    "navigation": "nav", "banner": "header", "contentinfo": "footer", "complementary": "aside",
    "main": "main", "article": "article", "search": "form", "form": "form", "figure": "figure",
}
# Utility classes that hide an element from sighted readers (Bootstrap, WordPress, Tailwind,
# HTML5 Boilerplate): their text is for screen readers or is switched on by scripts.
_HIDING_CLASSES = frozenset(
    {"hidden", "hide", "d-none", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text",
     "screen-reader-only", "assistive-text", "invisible"}
)
# Class/id words that name page chrome, the vocabulary readability.js's `unlikelyCandidates` and
# boilerplate removers have used for a decade; a word must be a whole token of a class or id.
CHROME_WORDS = frozenset(
    {"nav", "navbar", "navigation", "menu", "menubar", "breadcrumb", "breadcrumbs", "sidebar", "footer",
     "masthead", "comment", "comments", "share", "sharing", "social", "related", "newsletter", "subscribe",
     "cookie", "cookies", "consent", "promo", "advert", "advertisement", "ads", "sponsored",
     "pagination", "pager", "disqus", "popup", "modal", "signup", "login", "toolbar", "skip"}
    # Around the article rather than of it: bylines and author boxes, post metadata, tag lists,
    # ad slots, calls to action, disclaimers (added on half A of the pages, checked on half B).
    | {"author", "bio", "byline", "meta", "metadata", "tags", "tag", "topics", "ad", "cta", "donate",
       "donation", "disclaimer", "signature", "respond"}
)
# Class/id words that name the main content; a chrome word on the same element loses to them
# ("post-content comments-open" is the article).
CONTENT_WORDS = frozenset({"article", "content", "entry", "post", "story", "body", "main", "text", "blog"})
# Landmarks whose blocks are chrome by themselves (a page-level header or footer; any nav; a
# form), unless the landmark holds the page's h1 or the article (some sites wrap everything).
_CHROME_LANDMARKS = frozenset({"nav", "header", "footer", "aside", "form"})
# A container named chrome by its class holding at least this share of the page's text is a wrapper
# around the article, not chrome (the rule readability.js applies by text length).
MAIN_SHARE = 0.5
# A block is a link when this share of its characters is link text; a run of MIN_LINK_RUN such
# blocks is a link list. Tuned on half A of the pages (bench/formats.py): 3 catches "Trending"
# and "Most viewed" lists, and article text almost never has three link-only paragraphs in a row.
LINK_ONLY_SHARE = 0.9
MIN_LINK_RUN = 3
# The main element holds this share of the page's prose; outside it, short or link-heavy blocks
# (labels, bylines, prompts, teaser links) are chrome. Tuned on half A of the pages: 0.5-0.7
# picked a section of the article, 0.8 and 0.9 the article itself (F1 0.919 -> 0.933; half B
# 0.876 -> 0.903). Prose is a paragraph of MIN_PROSE_WORDS or more with under LINK_PROSE_SHARE
# of it in links.
MAIN_PROSE_SHARE = 0.8
MIN_PROSE_WORDS = 10
LINK_PROSE_SHARE = 0.5
# With fewer paragraphs than this there is no main element to speak of (a short note, a list page).
MIN_MAIN_PARAGRAPHS = 3
# Elements nested deeper than this are treated as part of their parent (real pages nest well under
# 100; libxml2's own XML limit is 256).
MAX_DEPTH = 256
# At most this many class/id words are kept per region (nearest ancestors first): enough for the
# evidence, bounded for pages built from utility classes.
MAX_HINTS = 12
# How much of the input is examined for a <meta charset> (the HTML standard's prescan: 1024
# bytes; real pages put long <head>s before it, so we look further).
CHARSET_PRESCAN = 16_384
# Feed the parser this many characters at a time, so a 50 MB page is never copied whole.
FEED_CHARS = 1 << 20
_WORD = re.compile(r"[a-z][a-z0-9]*")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_CELL = "\ue000"  # a private-use marker for a cell boundary; whitespace collapsing keeps it
_INVISIBLE = dict.fromkeys(map(ord, "\xad\u200b\u200c\u200d\u2060\ufeff"))
# C0 controls other than tab, newline and carriage return: libxml2 refuses them, browsers drop them.
_CONTROLS = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


@dataclass(slots=True)
class _Frame:
    """One open element and what it inherits, so a block's context costs nothing to read."""

    tag: str
    ident: int
    landmark: str = ""
    words: tuple[str, ...] = ()
    kind: RegionKind = RegionKind.PROSE  # from the innermost kind-giving element
    level: int = 0
    chrome: tuple[int, ...] = ()  # ids of the chrome landmarks and chrome-named elements around it
    by_class: tuple[int, ...] = ()  # ids of those named chrome by class/id words only
    in_body: bool = False  # inside an article or main landmark
    hidden: bool = False
    skip: bool = False
    link: bool = False
    pre: bool = False
    row: bool = False  # inside a table row
    path: tuple[int, ...] = ()  # ids of the open elements, outermost first (shared by its blocks)


_ROOT = _Frame("", -1)


@dataclass(slots=True)
class _Block:
    text: str
    kind: RegionKind
    level: int
    landmark: str
    hints: tuple[str, ...]
    link_share: float
    containers: tuple[int, ...]  # ids of chrome-marked ancestors and chrome landmarks
    in_body_of: bool  # inside an article or main landmark
    path: tuple[int, ...] = ()


@dataclass
class _Collector:
    """The parser target: turns start/data/end events into blocks with their context."""

    stack: list[_Frame] = field(default_factory=list)
    pieces: list[tuple[str, bool]] = field(default_factory=list)
    blocks: list[_Block] = field(default_factory=list)
    title: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    in_title: bool = False
    next_id: int = 0
    # per container id: does it hold the page's h1 or its main landmark?
    holds_main: set[int] = field(default_factory=set)
    chars_in: dict[int, int] = field(default_factory=dict)  # visible characters per class-named container
    chars: int = 0
    open_tags: dict[str, int] = field(default_factory=dict)  # how many of each tag are open

    # --- lxml target interface -----------------------------------------------------------------
    def start(self, tag: object, attrib: Any) -> None:
        name = tag.lower() if isinstance(tag, str) else ""
        attrs: dict[str, str] = dict(attrib) if attrib else {}
        parent = self.stack[-1] if self.stack else _ROOT
        if name in _BLOCK:
            self.flush()
        elif name in _CELLS and parent.row:
            self.pieces.append((_CELL, False))
        frame = _Frame(
            name, self.next_id, parent.landmark, parent.words, parent.kind, parent.level, parent.chrome,
            parent.by_class, parent.in_body, parent.hidden, parent.skip, parent.link, parent.pre, parent.row,
        )
        # Past MAX_DEPTH an element counts as part of its parent: context tuples stay bounded, so
        # a page of 100,000 nested tags costs linear time, not quadratic.
        deep = len(parent.path) >= MAX_DEPTH
        frame.path = parent.path if deep else (*parent.path, frame.ident)
        self.next_id += 1
        if name in _KIND_OF:
            frame.kind = _KIND_OF[name]
            frame.level = int(name[1]) if frame.kind is RegionKind.HEADING else 0
        if name == "tr":
            frame.row = True
        elif name == "title":
            self.in_title = True
        elif name == "meta":
            self._meta(attrs)
        elif name == "html" and attrs.get("lang"):
            self.meta.setdefault("language", attrs["lang"].strip())
        elif name in _SKIP:
            frame.skip = True
        elif name == "a" and "href" in attrs:
            frame.link = True
        elif name in _PRE:
            frame.pre = True
        if (attrs or name == "dialog") and not frame.hidden:
            frame.hidden = _hidden(name, attrs)
        role = (attrs.get("role") or "").strip().lower() if attrs else ""
        landmark = name if name in _LANDMARKS else _ROLES.get(role, "")
        if landmark:
            frame.landmark = landmark
            frame.in_body = frame.in_body or landmark in {"article", "main"}
        if attrs and name not in {"html", "body"}:
            tokens = _class_tokens(attrs)
            if tokens:
                own = tuple(dict.fromkeys(w for t in tokens for w in t))
                frame.words = tuple(dict.fromkeys(own + frame.words))[:MAX_HINTS]
                chrome = any(CHROME_WORDS.intersection(t) for t in tokens)
                content = any(CONTENT_WORDS.intersection(t) and not CHROME_WORDS.intersection(t) for t in tokens)
                if chrome and not content and landmark not in _CHROME_LANDMARKS and not deep:
                    frame.chrome += (frame.ident,)
                    frame.by_class += (frame.ident,)
        if landmark in _CHROME_LANDMARKS and not deep:
            frame.chrome += (frame.ident,)
        if landmark == "main" or name == "h1" or attrs.get("itemprop") == "articleBody":
            self.holds_main.update(parent.chrome)
        self.stack.append(frame)
        self.open_tags[name] = self.open_tags.get(name, 0) + 1

    def end(self, tag: object) -> None:
        name = tag.lower() if isinstance(tag, str) else ""
        if not self.open_tags.get(name):
            return
        if name == "title":
            self.in_title = False
        if name in _BLOCK:
            self.flush()
        while self.stack:
            popped = self.stack.pop().tag
            self.open_tags[popped] -= 1
            if popped == name:
                break

    def data(self, text: str) -> None:
        if self.in_title:
            self.title.append(text)
            return
        top = self.stack[-1] if self.stack else None
        if top is None or top.skip or top.hidden:
            return
        self.pieces.append((text, top.link))

    def comment(self, text: str) -> None:  # comments are not text
        return

    def close(self) -> None:
        self.flush()

    # --- blocks --------------------------------------------------------------------------------
    def flush(self) -> None:
        if not self.pieces:
            return
        pieces, self.pieces = self.pieces, []
        top = self.stack[-1] if self.stack else _ROOT
        raw = "".join(p for p, _ in pieces)
        if top.pre:
            text = "\n".join(line.rstrip() for line in raw.translate(_INVISIBLE).expandtabs(4).split("\n"))
            text = text.strip("\n")
            while "\n\n" in text:  # a blank line inside code would split the block
                text = text.replace("\n\n", "\n")
            if not text.strip():
                return
        else:
            text = " ".join(raw.translate(_INVISIBLE).split())
            if _CELL in text:
                text = "\t".join(c.strip() for c in text.split(_CELL) if c.strip())
            if not text:
                return
        total = sum(len(p.strip()) for p, _ in pieces) or 1
        linked = sum(len(p.strip()) for p, link in pieces if link)
        for i in top.by_class:
            self.chars_in[i] = self.chars_in.get(i, 0) + len(text)
        self.chars += len(text)
        self.blocks.append(
            _Block(
                text=text,
                kind=RegionKind.CODE if top.pre else top.kind,
                level=0 if top.pre else top.level,
                landmark=top.landmark,
                hints=top.words,
                link_share=round(min(1.0, linked / total), 3),
                containers=top.chrome,
                in_body_of=top.in_body,
                path=top.path,
            )
        )

    def _meta(self, attrib: dict[str, str]) -> None:
        key = (attrib.get("name") or attrib.get("property") or attrib.get("itemprop") or "").strip().lower()
        value = (attrib.get("content") or "").strip()
        if not value:
            return
        if key in {"author", "article:author", "dc.creator", "byl"}:
            self.meta.setdefault("author", value)
        elif key in {"article:published_time", "datepublished", "date", "dc.date", "dcterms.created"}:
            self.meta.setdefault("created", value)
        elif key in {"og:title"}:
            self.meta.setdefault("og_title", value)


def _hidden(name: str, attrib: dict[str, str]) -> bool:
    if "hidden" in attrib or (attrib.get("aria-hidden") or "").strip().lower() == "true":
        return True
    if name == "dialog" and "open" not in attrib:
        return True
    if name == "input" and (attrib.get("type") or "").lower() == "hidden":
        return True
    style = (attrib.get("style") or "").lower().replace(" ", "")
    if "display:none" in style or "visibility:hidden" in style:
        return True
    classes = (attrib.get("class") or "").lower().split()
    return any(c in _HIDING_CLASSES for c in classes)


def _class_tokens(attrib: dict[str, str]) -> tuple[frozenset[str], ...]:
    """The words of each class name and of the id ("siteFooter__links" gives site, footer, links),
    one set per name, so "post-share-buttons" is a share bar while "post-content comments-open"
    (two names) is the article."""
    names = f"{attrib.get('class') or ''} {attrib.get('id') or ''}".split()
    out = []
    for name in names:
        words = frozenset(_WORD.findall(_CAMEL.sub(" ", name).lower()))
        if words:
            out.append(words)
    return tuple(out)


# --- encoding --------------------------------------------------------------------------------

# The WHATWG Encoding standard maps these labels to windows-1252, as every browser does.
_AS_CP1252 = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii", "us-ascii", "cp819"})


class _MetaCharset:
    """A parser target that only looks for <meta charset> / http-equiv Content-Type."""

    def __init__(self) -> None:
        self.charset = ""

    def start(self, tag: object, attrib: dict[str, str]) -> None:
        if self.charset or tag != "meta":
            return
        if attrib.get("charset"):
            self.charset = attrib["charset"].strip()
        elif (attrib.get("http-equiv") or "").lower() == "content-type":
            content = (attrib.get("content") or "").lower()
            if "charset=" in content:
                self.charset = content.split("charset=", 1)[1].split(";")[0].strip(" \"'")

    def close(self) -> str:
        return self.charset


def sniff_encoding(data: bytes) -> tuple[str, str]:
    """(Python codec, how it was chosen): a BOM, else the declared charset, else UTF-8, else cp1252."""
    boms = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
    for bom, codec in boms:
        if data.startswith(bom):
            return codec, f"{codec.replace('-sig', '')} (BOM)"
    declared = _declared_charset(data[:CHARSET_PRESCAN])
    if declared:
        label = declared.lower()
        codec = "cp1252" if label in _AS_CP1252 else label
        try:
            codec = codecs.lookup(codec).name
        except LookupError:
            codec = ""
        # A page declared UTF-16 in a <meta> is ASCII-compatible on the wire: the declaration lies.
        if codec and not codec.startswith("utf-16") and not codec.startswith("utf-32"):
            if codec == "utf-8" and not _valid_utf8(data):
                return "cp1252", "cp1252 (declared utf-8, not valid)"
            return codec, f"{codec} (declared)"
    if _valid_utf8(data):
        return "utf-8", "utf-8"
    return "cp1252", "cp1252 (not utf-8)"


def _declared_charset(head: bytes) -> str:
    from lxml import etree

    target = _MetaCharset()
    parser = etree.HTMLParser(target=target)
    parser.feed(head.decode("latin-1"))
    result: str = parser.close()
    return result


def _valid_utf8(data: bytes) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for i in range(0, len(data), FEED_CHARS):
            decoder.decode(data[i : i + FEED_CHARS])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


# --- the format ------------------------------------------------------------------------------

_STRONG_MARKS = (b"<!doctype html", b"<html")
_OPENING_TAGS = (b"<head", b"<body", b"<meta", b"<link", b"<style", b"<script", b"<title", b"<!--", b"<div", b"<p>",
                 b"<table")
_TAG_MARKS = (b"</p>", b"</div>", b"</a>", b"<br", b"</li>", b"</span>", b"</td>", b"<meta ", b"<link ", b"</h")
# Closing tags per KB of the head above which a file without a doctype is HTML (a fragment saved
# by a browser extension); Markdown with inline HTML stays well below it.
MIN_TAGS_PER_KB = 4.0
_TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".rst", ".text"})


class HtmlFormat:
    """HTML and XHTML, by content (doctype, <html>, tag density) with the suffix as tie-breaker."""

    name = "html"
    suffixes: tuple[str, ...] = (".html", ".htm", ".xhtml")

    def sniff(self, head: bytes, suffix: str) -> int:
        sample = head[:8192].lower().lstrip(b"\xef\xbb\xbf \t\r\n")
        if sample.startswith(b"\xff\xfe") or sample.startswith(b"\xfe\xff"):
            sample = head.decode("utf-16", "ignore").encode("ascii", "ignore").lower()
        mine = suffix in self.suffixes
        if any(m in sample for m in _STRONG_MARKS):
            return 90 + 5 * mine
        if suffix in _TEXT_SUFFIXES:
            return 0
        if sample.startswith(_OPENING_TAGS):  # a page whose <!doctype> comes after a long <style>
            return 60 + 5 * mine
        tags = sum(sample.count(m) for m in _TAG_MARKS)
        if tags and tags / max(1, len(sample) / 1024) >= MIN_TAGS_PER_KB:
            return 40 + 5 * mine
        return 30 if mine and b"<" in sample else 0

    def extract(self, data: bytes, *, path: str) -> Extracted:
        from lxml import etree

        codec, encoding = sniff_encoding(data)
        collector = _Collector()
        parser = etree.HTMLParser(target=collector, remove_comments=True, no_network=True, recover=True)
        decoder = codecs.getincrementaldecoder(codec)(errors="replace")
        try:
            for i in range(0, len(data), FEED_CHARS):
                chunk = decoder.decode(data[i : i + FEED_CHARS]).translate(_CONTROLS)
                if chunk:
                    parser.feed(chunk)
            tail = decoder.decode(b"", final=True).translate(_CONTROLS)
            if tail:
                parser.feed(tail)
            parser.close()
        except (etree.LxmlError, ValueError) as exc:
            raise FormatError(
                f"cannot be parsed as HTML ({exc})", path=path, hint="check the file is a web page"
            ) from exc
        if not collector.blocks:
            raise EmptyDocumentError(
                "has no visible text (only markup, scripts or hidden content)",
                path=path,
                hint="a page built by JavaScript has no text until a browser runs it: save it from the browser",
            )
        metadata: dict[str, str] = {}
        title = " ".join("".join(collector.title).split())
        if title or collector.meta.get("og_title"):
            metadata["title"] = title or collector.meta["og_title"]
        for key in ("author", "created", "language"):
            if collector.meta.get(key):
                metadata[key] = collector.meta[key]
        return _assemble(collector, encoding, tuple(metadata.items()))


def _assemble(c: _Collector, encoding: str, metadata: tuple[tuple[str, str], ...]) -> Extracted:
    parts: list[str] = []
    regions: list[Region] = []
    line = 1
    wrappers = set(c.holds_main) | {i for i, n in c.chars_in.items() if n >= MAIN_SHARE * c.chars}
    listed = _link_lists(c.blocks)
    chrome = {i for i, b in enumerate(c.blocks) if i in listed or any(k not in wrappers for k in b.containers)}
    chrome |= _outside_main(c.blocks, chrome)
    for i, b in enumerate(c.blocks):
        n = b.text.count("\n") + 1
        kind = b.kind
        if i in chrome:
            kind = RegionKind.FURNITURE
        regions.append(
            Region(
                kind=kind,
                start_line=line,
                end_line=line + n - 1,
                level=b.level,
                landmark=b.landmark,
                hints=b.hints,
                link_share=b.link_share,
            )
        )
        parts.append(b.text)
        line += n + 1
    return Extracted(text="\n\n".join(parts) + "\n", encoding=encoding, regions=tuple(regions), metadata=metadata)


def _outside_main(blocks: list[_Block], chrome: set[int]) -> set[int]:
    """Short or link-heavy blocks outside the main element: the deepest element that holds
    `MAIN_PROSE_SHARE` of the page's prose (paragraphs of `MIN_PROSE_WORDS` or more, mostly not
    links, outside chrome). Long prose outside it stays: the split judges it by its words."""
    total = 0.0
    weight: dict[int, float] = {}
    depth: dict[int, int] = {}
    paragraphs = 0
    for i, b in enumerate(blocks):
        if i in chrome or not _prose(b):
            continue
        n = float(len(b.text))
        total += n
        paragraphs += 1
        for d, ident in enumerate(b.path[:-1]):  # the paragraph's containers, not the paragraph
            weight[ident] = weight.get(ident, 0.0) + n
            depth[ident] = d
    if paragraphs < MIN_MAIN_PARAGRAPHS or not weight:
        return set()
    main = max((k for k, w in weight.items() if w >= MAIN_PROSE_SHARE * total), key=lambda k: depth[k])
    return {
        i
        for i, b in enumerate(blocks)
        if main not in b.path and not (b.kind is RegionKind.HEADING and b.level == 1) and not _prose(b)
    }


def _prose(b: _Block) -> bool:
    if b.kind is RegionKind.HEADING or b.link_share >= LINK_PROSE_SHARE:
        return False
    return b.text.count(" ") + 1 >= MIN_PROSE_WORDS


def _link_lists(blocks: list[_Block]) -> set[int]:
    """Blocks in a run of at least `MIN_LINK_RUN` consecutive link-only blocks (a menu, a list of
    related stories, a tag cloud), with the heading right above the run (its title)."""
    out: set[int] = set()
    i = 0
    while i < len(blocks):
        j = i
        while j < len(blocks) and blocks[j].link_share >= LINK_ONLY_SHARE:
            j += 1
        if j - i >= MIN_LINK_RUN:
            out.update(range(i, j))
            if i > 0 and blocks[i - 1].kind is RegionKind.HEADING and blocks[i - 1].link_share < LINK_ONLY_SHARE:
                out.add(i - 1)
        i = max(j, i + 1)
    return out


FORMAT = HtmlFormat()
