"""Markdown (CommonMark with tables and front matter) to regions; entry point: `FORMAT`.

markdown-it-py (installed with rich) parses the block structure, so what CommonMark says is a
heading, a fence or an HTML comment is what docscan reads: a four-backtick fence holding a
three-backtick line is one code block, and `# x` inside `<!-- -->` is a comment. markdown-it
gives line ranges, not character positions, so the visible spans of a line are found here by a
small inline scanner (escapes, code spans, links and images, autolinks, HTML tags, emphasis).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Region, RegionKind
from ..text import STRONG_START, split_lines
from .plain import MarkupFormat, Span, visible_spans

if TYPE_CHECKING:
    from markdown_it.token import Token

__all__ = ["FORMAT", "inline_spans", "regions"]

_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_FRONT_END = ("---", "...")
# YAML front matter longer than this many lines is not front matter but a document that opens with
# a thematic break.
MAX_FRONT_MATTER_LINES = 200
_ATX = re.compile(r"#{1,6}(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"(?:[ \t]+#+)?[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}> ?")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_HTML_HEADING = re.compile(r"\s*<h([1-6])\b[^>]*>(.*?)</h\1>\s*$", re.I | re.S)
_SPECIAL = re.compile(r"[\\`\[*_<]")
_INLINE = re.compile(
    r"(?P<esc>\\[!-/:-@\[-`{-~])"
    r"|(?P<code>(?P<ticks>`+)(?P<body>.+?)(?<!`)(?P=ticks)(?!`))"
    r"|(?P<link>!?\[(?P<text>[^\]\n]*)\](?:\([^)\n]*\)|\[[^\]\n]*\]))"
    r"|(?P<auto><(?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*|[\w.+-]+@[\w.-]+)>)"
    r"|(?P<html><!--.*?-->|</?[A-Za-z][\w-]*(?:\s[^<>\n]*)?/?>)"
    r"|(?P<star>\*+)"
    r"|(?P<under>(?<![^\W_])_+|_+(?![^\W_]))"
)


def inline_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of `text[start:end]` a reader sees once inline Markdown is rendered: escapes
    lose their backslash, code spans and link texts keep their content, URLs, tags and emphasis
    marks disappear. A `*` between spaces (`2 * 3`) is text."""

    def shown(m: re.Match[str]) -> list[Span]:
        if m.lastgroup == "esc":
            return [(m.start() + 1, m.end())]
        if m.group("code") is not None:
            lo, hi = m.start("body"), m.end("body")
            if hi - lo > 2 and text[lo] == " " and text[hi - 1] == " ":
                lo, hi = lo + 1, hi - 1  # CommonMark strips one space on each side
            return [(lo, hi)]
        if m.group("link") is not None:
            return inline_spans(text, m.start("text"), m.end("text"))
        if m.group("star") is not None:
            before = text[m.start() - 1] if m.start() > start else " "
            after = text[m.end()] if m.end() < end else " "
            if before.isspace() and after.isspace():
                return [(m.start(), m.end())]
        return []

    return visible_spans(text, start, end, _SPECIAL, _INLINE, shown)


class _Builder:
    """Regions for one text: line offsets, and visible spans per line after container markers."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines, self.starts = split_lines(text)
        self.regions: list[Region] = []

    def content(self, k: int, *, quote: int, item: bool) -> int:
        """Offset where line k's text starts, after `>` quote markers and an item's bullet."""
        line = self.lines[k]
        pos = 0
        for _ in range(quote):
            m = _QUOTE.match(line, pos)
            if not m:
                break
            pos = m.end()
        if item:
            m = _ITEM.match(line, pos)
            if m:
                pos = m.end()
        while pos < len(line) and line[pos] in " \t":
            pos += 1
        return self.starts[k] + pos

    def add(
        self,
        kind: RegionKind,
        first: int,
        last: int,
        *,
        level: int = 0,
        quote: int = 0,
        item_line: int = -1,
        visible: bool = True,
    ) -> None:
        """A region over 0-based lines first..last; its visible spans follow the inline markup."""
        spans: list[tuple[int, int]] = []
        if visible:
            for k in range(first, last + 1):
                lo = self.content(k, quote=quote, item=k == item_line)
                hi = self.starts[k] + len(self.lines[k])
                spans.extend(inline_spans(self.text, lo, hi))
        self.regions.append(Region(kind, first + 1, last + 1, level=level, visible=tuple(spans)))

    def strong_start(self, k: int, *, quote: int, item: bool) -> bool:
        """Line k's text opens with strong emphasis (`**Label:**`) that closes on the line."""
        lo = self.content(k, quote=quote, item=item)
        line_end = self.starts[k] + len(self.lines[k])
        mark = self.text[lo : lo + 2]
        return mark in ("**", "__") and self.text.find(mark, lo + 3, line_end) != -1

    def heading(self, tok: Token, first: int, last: int, quote: int) -> None:
        level = int(tok.tag[1:])
        if tok.markup.startswith("#"):
            lo = self.content(first, quote=quote, item=False)
            line_end = self.starts[first] + len(self.lines[first])
            m = _ATX.match(self.text, lo, line_end)
            lo = m.end() if m else lo
            seg = self.text[lo:line_end]
            close = _ATX_CLOSE.search(seg)
            hi = lo + (close.start() if close else len(seg))
            spans = inline_spans(self.text, lo, hi)
            self.regions.append(Region(RegionKind.HEADING, first + 1, last + 1, level=level, visible=tuple(spans)))
            return
        # setext: the title lines, not the underline
        spans = []
        for k in range(first, last):
            lo = self.content(k, quote=quote, item=False)
            spans.extend(inline_spans(self.text, lo, self.starts[k] + len(self.lines[k].rstrip())))
        self.regions.append(Region(RegionKind.HEADING, first + 1, last + 1, level=level, visible=tuple(spans)))

    def html(self, first: int, last: int) -> None:
        """An HTML block: a lone `<hN>` element is a heading; anything else (comments, tags) is
        markup a reader does not see as text."""
        lo = self.starts[first]
        hi = self.starts[last] + len(self.lines[last])
        m = _HTML_HEADING.match(self.text, lo, hi)
        if m and re.sub(r"<[^>]+>", "", m.group(2)).strip():
            spans = _html_text_spans(self.text, m.start(2), m.end(2))
            self.regions.append(
                Region(RegionKind.HEADING, first + 1, last + 1, level=int(m.group(1)), visible=tuple(spans))
            )
        else:
            self.regions.append(Region(RegionKind.OTHER, first + 1, last + 1))

    def fill_gaps(self) -> None:
        """Non-blank lines no block token covers (link reference definitions) are markup."""
        covered = [False] * len(self.lines)
        for r in self.regions:
            for k in range(r.start_line - 1, r.end_line):
                covered[k] = True
        k = 0
        while k < len(self.lines):
            if covered[k] or not self.lines[k].strip():
                k += 1
                continue
            j = k
            while j + 1 < len(self.lines) and not covered[j + 1] and self.lines[j + 1].strip():
                j += 1
            self.regions.append(Region(RegionKind.OTHER, k + 1, j + 1))
            k = j + 1
        self.regions.sort(key=lambda r: (r.start_line, r.end_line))


def _html_text_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = start
    for m in re.finditer(r"<[^>]*>", text[start:end]):
        a = start + m.start()
        if a > pos:
            out.append((pos, a))
        pos = start + m.end()
    if pos < end:
        out.append((pos, end))
    return out


def _front_matter(lines: list[str]) -> int:
    """Lines of YAML front matter (`---` ... `---` at the very top), 0 when there is none."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    for k in range(1, min(len(lines), MAX_FRONT_MATTER_LINES)):
        if lines[k].rstrip() in _FRONT_END:
            return k + 1 if k > 1 else 0
    return 0


def regions(text: str) -> tuple[Region, ...]:
    """Every block of a Markdown text as regions in line order (see the module docstring)."""
    from markdown_it import MarkdownIt

    b = _Builder(text)
    front = _front_matter(b.lines)
    source = text
    if front:
        b.regions.append(Region(RegionKind.FRONT_MATTER, 1, front))
        # the parser sees blank lines there, so line numbers stay the document's
        source = "\n" * front + "\n".join(b.lines[front:])
    # block structure only: the inline pass (links, emphasis) is most of markdown-it's time and
    # the visible spans come from `inline_spans`
    md = MarkdownIt("commonmark", {"html": True}).enable("table").disable("inline")
    tokens = md.parse(source)
    containers: list[str] = []
    item_line = -1
    for tok in tokens:
        kind = tok.type
        if kind == "list_item_open":
            containers.append("item")
            item_line = tok.map[0] if tok.map else -1
            continue
        if kind == "blockquote_open":
            containers.append("quote")
            continue
        if kind in ("list_item_close", "blockquote_close"):
            containers.pop()
            continue
        if tok.map is None or tok.nesting == -1:
            continue
        first, last = tok.map[0], tok.map[1] - 1
        while last > first and not b.lines[last].strip():
            last -= 1
        quote = containers.count("quote")
        if kind == "heading_open":
            b.heading(tok, first, last, quote)
        elif kind == "paragraph_open":
            inner = containers[-1] if containers else ""
            region = RegionKind.LIST if inner == "item" else RegionKind.QUOTE if inner == "quote" else RegionKind.PROSE
            b.add(region, first, last, quote=quote, item_line=item_line if region is RegionKind.LIST else -1)
            if b.strong_start(first, quote=quote, item=region is RegionKind.LIST):
                r = b.regions[-1]  # the paragraph opens in bold: a style the outline reads as a label
                b.regions[-1] = Region(r.kind, r.start_line, r.end_line, visible=r.visible, hints=(STRONG_START,))
        elif kind in ("fence", "code_block"):
            b.regions.append(Region(RegionKind.CODE, first + 1, last + 1))
        elif kind == "html_block":
            b.html(first, last)
        elif kind == "hr":
            b.regions.append(Region(RegionKind.OTHER, first + 1, last + 1))
        elif kind == "tr_open":
            b.add(RegionKind.TABLE, first, last, quote=quote)
    b.fill_gaps()
    return tuple(_pipes_hidden(b.text, r) if r.kind is RegionKind.TABLE else r for r in b.regions)


def _pipes_hidden(text: str, region: Region) -> Region:
    """Table cells without the `|` that separate them."""
    spans: list[tuple[int, int]] = []
    for a, z in region.visible:
        pos = a
        for m in re.finditer(r"(?<!\\)\|", text[a:z]):
            if a + m.start() > pos:
                spans.append((pos, a + m.start()))
            pos = a + m.end()
        if pos < z:
            spans.append((pos, z))
    return Region(region.kind, region.start_line, region.end_line, visible=tuple(spans))


# CommonMark with tables; YAML front matter at the top.
FORMAT = MarkupFormat("markdown", _SUFFIXES, markdown=True, read=regions)
