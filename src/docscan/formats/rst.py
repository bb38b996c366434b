"""reStructuredText to regions, hand-written (no docutils); entry point: `FORMAT`.

What the analyses need is the block structure, not a rendering: section titles with their levels
(by order of first appearance of each adornment style, as docutils assigns them), explicit markup
(directives, comments, targets, footnotes) with their indented bodies, `::` literal blocks,
field lists and an RFC 822 header (PEPs) as front matter, list items, block quotes, tables and
doctest blocks. A directive's body is read by what the directive is: the body of `code-block`
is code and never reaches spaCy or readability, an admonition's body is prose, a figure's is a
caption, anything unknown is markup. Inline markup (roles, literals, references, emphasis) is
left out of the visible spans.
"""

from __future__ import annotations

import re

from ..model import Region, RegionKind
from ..text import STRONG_START, indent, is_adornment, split_lines, underlines
from .plain import MarkupFormat, Span, visible_spans

__all__ = ["FORMAT", "inline_spans", "regions"]

_SUFFIXES = (".rst", ".rest")
_DIRECTIVE = re.compile(r"\.\.[ \t]+(?:\|[^|]+\|[ \t]+)?([\w:.+-]+)::(?:[ \t]+|$)")
_EXPLICIT = re.compile(r"\.\.(?:[ \t]|$)")
_FIELD = re.compile(r":[^:\s][^:\n]*:(?:[ \t]|$)")
_OPTION = re.compile(r"\s+:[\w-]+:(?:[ \t]|$)")
_HEADER_FIELD = re.compile(r"[A-Z][\w-]*(?: [\w-]+){0,3}:(?:[ \t]|$)")
_BULLET = re.compile(r"(?:[-*+•‣⁃]|\d{1,3}[.)]|#[.)]|[a-zA-Z][.)]|\(\w{1,3}\))[ \t]+\S")
_GRID_BORDER = re.compile(r"\+[-=+]+\+\s*$")
_SIMPLE_BORDER = re.compile(r"=+(?: +=+)+\s*$")
# Directives whose body is code or data: never prose.
CODE_DIRECTIVES = frozenset(
    ["code", "code-block", "sourcecode", "literalinclude", "math", "highlight", "raw", "productionlist",
     "doctest", "testcode", "testoutput", "testsetup", "testcleanup", "parsed-literal", "ipython",
     "jupyter-execute", "graphviz", "digraph", "graph", "mermaid", "uml", "literal"]
)  # fmt: skip
# Directives whose body is ordinary text of the document (docutils admonitions and body elements).
PROSE_DIRECTIVES = frozenset(
    ["note", "warning", "tip", "hint", "important", "caution", "danger", "error", "attention", "admonition",
     "seealso", "topic", "sidebar", "epigraph", "pull-quote", "highlights", "compound", "container",
     "deprecated", "versionadded", "versionchanged", "only", "abstract"]
)  # fmt: skip
TABLE_DIRECTIVES = frozenset(["table", "list-table", "csv-table"])
CAPTION_DIRECTIVES = frozenset(["figure"])
# A header of at least this many `Name: value` lines at the top is front matter (a PEP header).
MIN_HEADER_FIELDS = 2

_SPECIAL = re.compile(r"[\\`*\[_]")
_INLINE = re.compile(
    r"(?P<esc>\\.)"
    r"|``(?P<lit>[^`]+?)``"
    r"|:[\w:+.-]+:`(?P<role>[^`<]*?)\s*(?:<[^>`]*>)?`"
    r"|`(?P<ref>[^`<]*?)\s*(?:<[^>`]*>)?`(?:__?|:[\w:+.-]+:)?"
    r"|\*\*(?P<strong>[^*]+?)\*\*"
    r"|(?<![\w*])\*(?P<em>[^*\s][^*]*?)\*(?![\w*])"
    r"|(?P<fn>[ \t]?\[(?:#[\w-]*|\*|\d+|[\w-]+)\]_)"
    r"|\b(?P<word>[^\W_][\w.-]*?[^\W_]|[^\W_])__?(?![\w])"
)


def inline_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of `text[start:end]` a reader sees: roles, literals and references keep their
    text (not their targets), emphasis loses its asterisks, footnote references disappear."""

    def shown(m: re.Match[str]) -> list[Span]:
        name = m.lastgroup
        if name == "esc":
            return [(m.start() + 1, m.end())] if text[m.start() + 1] not in " \t" else []
        return [(m.start(name), m.end(name))] if name is not None and name != "fn" else []

    return visible_spans(text, start, end, _SPECIAL, _INLINE, shown)


class _Parser:
    """A line-by-line reading of one text; `regions` holds the result in line order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines, self.starts = split_lines(text)
        self.regions: list[Region] = []
        self.styles: list[tuple[str, bool]] = []

    # helpers -----------------------------------------------------------------------------
    def blank(self, k: int) -> bool:
        return not self.lines[k].strip()

    def spans(self, first: int, last: int, *, cut_colons: bool = False) -> tuple[tuple[int, int], ...]:
        out: list[tuple[int, int]] = []
        for k in range(first, last + 1):
            line = self.lines[k]
            lo = self.starts[k] + indent_chars(line)
            hi = self.starts[k] + len(line.rstrip())
            if cut_colons and k == last and line.rstrip().endswith("::"):
                hi -= 2 if line.rstrip()[:-2].endswith((" ", "\t")) or not line.rstrip()[:-2].strip() else 1
            out.extend(inline_spans(self.text, lo, hi))
        return tuple(out)

    def add(self, kind: RegionKind, first: int, last: int, *, level: int = 0, visible: bool = False) -> None:
        spans = self.spans(first, last, cut_colons=kind is not RegionKind.HEADING) if visible else ()
        self.regions.append(Region(kind, first + 1, last + 1, level=level, visible=spans))

    def body_end(self, k: int, base: int, hi: int) -> int:
        """Last line of the indented body that follows line k (lines indented deeper than `base`,
        blank lines included), trailing blank lines left out; k itself when there is none."""
        last = k
        j = k + 1
        while j < hi:
            if self.blank(j):
                j += 1
                continue
            if indent(self.lines[j]) <= base:
                break
            last = j
            j += 1
        return last

    def level(self, style: tuple[str, bool]) -> int:
        if style not in self.styles:
            self.styles.append(style)
        return self.styles.index(style) + 1

    # blocks -------------------------------------------------------------------------------
    def parse(self, lo: int, hi: int, base: int, *, top: bool = False) -> None:
        """Regions for lines lo..hi-1, whose ordinary paragraphs sit at indentation `base`."""
        k = lo
        literal_after = -1  # a paragraph ending in `::` announces an indented literal block
        list_indent = -1
        first_block = top
        while k < hi:
            line = self.lines[k]
            if not line.strip():
                k += 1
                continue
            ind = indent(line)
            stripped = line.strip()
            if literal_after >= 0 and ind > literal_after:
                end = self.body_end(k - 1, literal_after, hi)
                self.regions.append(Region(RegionKind.CODE, k + 1, end + 1))
                literal_after = -1
                k = end + 1
                continue
            literal_after = -1
            if list_indent >= 0 and ind <= list_indent and not _BULLET.match(stripped):
                list_indent = -1
            if first_block and self._header(k, hi):
                first_block = False
                k = self._skip_paragraph(k, hi) + 1
                continue
            first_block = False
            title = self._title(k, hi)
            if title is not None:
                k = title + 1
                continue
            if _EXPLICIT.match(stripped):
                k = self._explicit(k, ind, hi) + 1
                continue
            if _FIELD.match(stripped):
                end = k
                while end + 1 < hi and (
                    _FIELD.match(self.lines[end + 1].strip())
                    or (not self.blank(end + 1) and indent(self.lines[end + 1]) > ind)
                ):
                    end += 1
                self.regions.append(Region(RegionKind.FRONT_MATTER, k + 1, end + 1))
                k = end + 1
                continue
            if _GRID_BORDER.match(stripped) or _SIMPLE_BORDER.match(stripped):
                k = self._table(k, hi) + 1
                continue
            if stripped.startswith(">>>"):
                end = self._skip_paragraph(k, hi)
                self.regions.append(Region(RegionKind.CODE, k + 1, end + 1))
                k = end + 1
                continue
            if is_adornment(stripped):  # a transition
                self.regions.append(Region(RegionKind.OTHER, k + 1, k + 1))
                k += 1
                continue
            if _BULLET.match(stripped):
                end = k
                while (
                    end + 1 < hi
                    and not self.blank(end + 1)
                    and indent(self.lines[end + 1]) > ind
                    and not _BULLET.match(self.lines[end + 1].strip())
                ):
                    end += 1
                self._item(k, end)
                list_indent = ind
                if self.lines[end].rstrip().endswith("::"):
                    literal_after = ind
                k = end + 1
                continue
            end = self._skip_paragraph(k, hi)
            if stripped == "::":
                self.regions.append(Region(RegionKind.OTHER, k + 1, end + 1))
            elif list_indent >= 0 and ind > list_indent:
                self.add(RegionKind.LIST, k, end, visible=True)
            else:
                kind = RegionKind.QUOTE if ind > base else RegionKind.PROSE
                self.add(kind, k, end, visible=True)
                if stripped.startswith("**"):
                    r = self.regions[-1]
                    self.regions[-1] = Region(
                        r.kind, r.start_line, r.end_line, visible=r.visible, hints=(STRONG_START,)
                    )
            if self.lines[end].rstrip().endswith("::"):
                literal_after = ind
            k = end + 1

    def _skip_paragraph(self, k: int, hi: int) -> int:
        end = k
        while end + 1 < hi and not self.blank(end + 1):
            end += 1
        return end

    def _item(self, first: int, last: int) -> None:
        """A list item: its text without the bullet."""
        line = self.lines[first]
        m = _BULLET.match(line.strip())
        lo = self.starts[first] + indent_chars(line) + (m.end() - 1 if m else 0)
        spans = list(inline_spans(self.text, lo, self.starts[first] + len(line.rstrip())))
        if last > first:
            spans.extend(self.spans(first + 1, last, cut_colons=True))
        self.regions.append(Region(RegionKind.LIST, first + 1, last + 1, visible=tuple(spans)))

    def _header(self, k: int, hi: int) -> bool:
        """An RFC 822 header at the top (`PEP: 8`, `Title: ...`, indented continuations)."""
        end = self._skip_paragraph(k, hi)
        fields = 0
        for j in range(k, end + 1):
            line = self.lines[j]
            if _HEADER_FIELD.match(line) or _FIELD.match(line):
                fields += 1
            elif not (fields and indent(line) > 0):
                return False
        if fields < MIN_HEADER_FIELDS:
            return False
        self.regions.append(Region(RegionKind.FRONT_MATTER, k + 1, end + 1))
        return True

    def _title(self, k: int, hi: int) -> int | None:
        """A section title at line k (overline + title + underline, or title + underline): the
        last line of it, after adding the heading region; None when line k is no title."""
        line = self.lines[k]
        if (
            is_adornment(line)
            and k + 2 < hi
            and underlines(self.lines[k + 1].strip(), self.lines[k + 2].strip())
            and self.lines[k + 2].strip()[:1] == line.strip()[:1]
            and self.lines[k + 1].strip()
        ):
            char = line.strip()[0]
            self.add(RegionKind.HEADING, k, k + 2, level=self.level((char, True)), visible=False)
            self._title_spans(k + 1)
            return k + 2
        if (
            k + 1 < hi
            and not is_adornment(line)
            and underlines(line, self.lines[k + 1])
            and (k == 0 or self.blank(k - 1))
            and indent(line) == 0
        ):
            char = self.lines[k + 1].strip()[0]
            self.add(RegionKind.HEADING, k, k + 1, level=self.level((char, False)), visible=False)
            self._title_spans(k)
            return k + 1
        return None

    def _title_spans(self, k: int) -> None:
        """Give the heading region just added the visible spans of its title line k."""
        r = self.regions[-1]
        line = self.lines[k]
        lo = self.starts[k] + indent_chars(line)
        spans = tuple(inline_spans(self.text, lo, self.starts[k] + len(line.rstrip())))
        self.regions[-1] = Region(r.kind, r.start_line, r.end_line, level=r.level, visible=spans)

    def _explicit(self, k: int, ind: int, hi: int) -> int:
        """A directive, comment, target or footnote starting at line k: regions for it and its
        body; returns the body's last line."""
        end = self.body_end(k, ind, hi)
        m = _DIRECTIVE.match(self.lines[k].strip())
        name = m.group(1).lower() if m else ""
        if (
            name.rsplit(":", 1)[-1] in PROSE_DIRECTIVES
            or name in TABLE_DIRECTIVES | CAPTION_DIRECTIVES | CODE_DIRECTIVES
        ):
            name = name.rsplit(":", 1)[-1]
        else:
            self.regions.append(Region(RegionKind.OTHER, k + 1, end + 1))
            return end
        # the directive line and its options (`:linenos:`) are markup
        head = k
        while head + 1 <= end and _OPTION.match(self.lines[head + 1]):
            head += 1
        argument = self.lines[k].strip()[m.end() :].strip() if m else ""
        if name in PROSE_DIRECTIVES and argument and name not in ("admonition", "topic", "sidebar", "only"):
            # `.. note:: text`: the text on the directive line is the body's first paragraph
            line = self.lines[k]
            at = self.starts[k] + line.index(argument, indent_chars(line))
            spans = list(inline_spans(self.text, at, self.starts[k] + len(line.rstrip())))
            last = k
            while last + 1 <= end and not self.blank(last + 1):
                last += 1
            if last > k:
                spans.extend(self.spans(k + 1, last))
            self.regions.append(Region(RegionKind.PROSE, k + 1, last + 1, visible=tuple(spans)))
            head = last
        else:
            self.regions.append(Region(RegionKind.OTHER, k + 1, head + 1))
        body = head + 1
        while body <= end and self.blank(body):
            body += 1
        if body > end:
            return end
        if name in CODE_DIRECTIVES:
            self.regions.append(Region(RegionKind.CODE, body + 1, end + 1))
        elif name in PROSE_DIRECTIVES:
            self.parse(body, end + 1, indent(self.lines[body]))
        elif name in TABLE_DIRECTIVES:
            for j in range(body, end + 1):
                if not self.blank(j):
                    self.add(RegionKind.TABLE, j, j, visible=True)
        else:  # a figure's caption and legend
            self.add(RegionKind.CAPTION, body, end, visible=True)
        return end

    def _table(self, k: int, hi: int) -> int:
        """A grid or simple table: each row line a TABLE region, border lines markup."""
        end = self._skip_paragraph(k, hi)
        for j in range(k, end + 1):
            s = self.lines[j].strip()
            if _GRID_BORDER.match(s) or _SIMPLE_BORDER.match(s) or is_adornment(s):
                self.regions.append(Region(RegionKind.OTHER, j + 1, j + 1))
            else:
                line = self.lines[j]
                spans: list[tuple[int, int]] = []
                for cell in re.finditer(r"[^|]+", line):
                    spans.extend(inline_spans(self.text, self.starts[j] + cell.start(), self.starts[j] + cell.end()))
                self.regions.append(Region(RegionKind.TABLE, j + 1, j + 1, visible=tuple(spans)))
        return end


def indent_chars(line: str) -> int:
    """Characters of leading whitespace (not columns: offsets count characters)."""
    return len(line) - len(line.lstrip())


def regions(text: str) -> tuple[Region, ...]:
    """Every block of a reStructuredText text as regions in line order."""
    p = _Parser(text)
    p.parse(0, len(p.lines), 0, top=True)
    return tuple(sorted(p.regions, key=lambda r: (r.start_line, r.end_line)))


# reStructuredText, read by the hand-written parser above.
FORMAT = MarkupFormat("rst", _SUFFIXES, markdown=False, read=regions)
