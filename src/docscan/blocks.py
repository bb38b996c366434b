"""Text to paragraph blocks with line numbers and offsets; entry point: `split_blocks`.

Where the format knows the structure (`Document.regions`), blocks follow it: every heading, code
block, list item, table row and piece of markup is one block, and only prose regions are cut
into paragraphs by layout. Plain text has no regions; its layout decides. Two layouts occur in
the wild and often in one file: one paragraph per line (scraped web text) and hard-wrapped
paragraphs separated by blank lines (RFCs, e-books). A run of non-blank lines is one wrapped
paragraph only when its lines look wrapped (similar, bounded lengths); otherwise every line is
its own block. Lines that layout alone marks as structure (a `#` title, an underlined title, a
fence after a blank line) start a block of their own, so a heading is never glued onto the
paragraph below it. `visible_text` and `block_kinds` give the later steps what a reader sees of
a block and what the format says it is.
"""

from __future__ import annotations

import itertools
import re
import statistics
from bisect import bisect_right

from .model import Block, Document, Region, RegionKind
from .text import is_adornment, is_fence, is_link_definition, underlines

__all__ = [
    "block_kinds",
    "block_regions",
    "is_adornment",
    "is_link_definition",
    "split_blocks",
    "underlines",
    "visible_text",
]

# Hard-wrapped prose rarely exceeds this width (72-80 is the convention; 100 leaves room for
# indentation and long URLs); a run whose lines are longer is one paragraph per line.
WRAP_MAX = 100
# In a wrapped paragraph, all lines but the last fill most of the wrap width.
WRAP_FILL = 0.55
_ATX = re.compile(r"^ {0,3}#{1,6}(\s|$)")
# A run of lines is one paragraph when at least this share of its line breaks fall inside a
# sentence (bench/headings.py, 2026-11-29: ragged hand-wrapped paragraphs in PEPs and RFC drafts).
CONTINUED_SHARE = 0.5
# A heading glued onto the paragraph below it has few words; more is the paragraph's first line.
PEEL_MAX_WORDS = 8
# Bullets and `1.`/`a)` markers that start a line of a list. Narrower than `text.is_list_item`
# (no `A)`, `(iv)`, `–`): with the wider one, wrapped lines opening "A. Smith" or "(see" read as
# list lines and 30 wrapped paragraphs fell apart (bench/headings.py, 2026-11-30).
_LIST_ITEM = re.compile(r"^\s*([-*+•]|\d+[.)]|[a-z][.)])\s+\S")
# A line that breaks after one of these words continues on the next: its sentence is not over.
# Narrower than `text.FRAGMENT_END` (a heading can end on "was" or "their"; a wrapped line that
# does is less telling), and the benches agree.
_CONTINUES_AFTER = frozenset(
    ["a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "but", "as", "is",
     "are", "its"]
)  # fmt: skip
# Regions whose lines are cut into paragraphs by layout; every other region is one block.
_LAYOUT_KINDS = frozenset([RegionKind.PROSE, RegionKind.QUOTE])


def split_blocks(doc: Document) -> tuple[Block, ...]:
    """Paragraph blocks in document order, each with 1-based lines and character offsets."""
    lines = doc.text.split("\n")
    if lines and lines[-1] == "" and doc.text.endswith("\n"):
        lines.pop()
    spans: list[tuple[int, int]] = []  # 0-based inclusive line ranges
    if doc.regions:
        _region_spans(doc.regions, lines, spans)
    else:
        _layout_spans(lines, 0, len(lines), spans)
    spans.sort()
    starts = doc.line_starts
    blocks: list[Block] = []
    for first, last in spans:
        start = starts[first]
        end = starts[last] + len(lines[last])
        blocks.append(
            Block(
                index=len(blocks),
                start_line=first + 1,
                end_line=last + 1,
                start_char=start,
                end_char=end,
                text=doc.text[start:end],
            )
        )
    return tuple(blocks)


def _region_spans(regions: tuple[Region, ...], lines: list[str], spans: list[tuple[int, int]]) -> None:
    """Blocks along the format's regions; lines no region covers are read by layout."""
    done = 0  # first line not yet assigned
    for r in sorted(regions, key=lambda r: (r.start_line, r.end_line)):
        first, last = r.start_line - 1, min(r.end_line, len(lines)) - 1
        if first < done:
            continue  # nested or overlapping: the outer region already holds these lines
        if first > done:
            _layout_spans(lines, done, first, spans)
        while last > first and not lines[last].strip():
            last -= 1
        if r.kind in _LAYOUT_KINDS:
            _flush([k for k in range(first, last + 1) if lines[k].strip()], lines, spans)
        elif lines[first].strip() or last > first:
            spans.append((first, last))
        done = r.end_line
    if done < len(lines):
        _layout_spans(lines, done, len(lines), spans)


def _layout_spans(lines: list[str], lo: int, hi: int, spans: list[tuple[int, int]]) -> None:
    """Blocks of lines lo..hi-1 from layout alone: blank lines, wrapping, and a backtick fence
    after a blank line holding code (a plain-text convention as much as a Markdown one)."""
    run: list[int] = []
    in_fence = False
    fence_start = 0
    for i in range(lo, hi):
        line = lines[i]
        opens = line.lstrip().startswith("```") and not (lines[i - 1] if i else "").strip()
        if is_fence(line) and (in_fence or opens):
            if in_fence:
                spans.append((fence_start, i))
                in_fence = False
                continue
            _flush(run, lines, spans)
            run = []
            in_fence = True
            fence_start = i
            continue
        if in_fence:
            continue
        if not line.strip():
            _flush(run, lines, spans)
            run = []
        else:
            run.append(i)
    if in_fence:
        spans.append((fence_start, hi - 1))
    _flush(run, lines, spans)


def block_regions(doc: Document, blocks: tuple[Block, ...]) -> tuple[Region | None, ...]:
    """The region holding each block's first line (None for plain text, or where no region
    covers the line); one pass over blocks and regions, both in line order."""
    if not doc.regions:
        return tuple(None for _ in blocks)
    regions = sorted(doc.regions, key=lambda r: (r.start_line, r.end_line))
    out: list[Region | None] = []
    k = 0
    for b in blocks:
        while k < len(regions) and regions[k].end_line < b.start_line:
            k += 1
        r = regions[k] if k < len(regions) else None
        out.append(r if r is not None and r.start_line <= b.start_line else None)
    return tuple(out)


def block_kinds(doc: Document, blocks: tuple[Block, ...]) -> tuple[RegionKind | None, ...]:
    """What the format says each block is (None where it says nothing)."""
    return tuple(r.kind if r is not None else None for r in block_regions(doc, blocks))


def visible_text(doc: Document, block: Block, region: Region | None) -> str:
    """The block's text as a reader sees it, same length (markup blanked to spaces, newlines
    kept), so offsets into it index the document. Without visible spans: the text as it is."""
    if region is None or not region.visible:
        return block.text
    a, z = block.start_char, block.end_char
    spans = region.visible
    # spans ascend; start at the last one opening before the block (a prose region may hold
    # thousands of one-line blocks, so scanning every span for each would be quadratic)
    k = max(0, bisect_right(spans, (a, a)) - 1)
    out: list[str] = []
    pos = a
    while k < len(spans) and spans[k][0] < z:
        lo, hi = max(spans[k][0], a), min(spans[k][1], z)
        k += 1
        if hi <= lo or hi <= pos:
            continue
        lo = max(lo, pos)
        out.append(_blank(doc.text[pos:lo]))
        out.append(doc.text[lo:hi])
        pos = hi
    out.append(_blank(doc.text[pos:z]))
    return "".join(out)


def _blank(text: str) -> str:
    """Markup a reader does not see, as spaces (newlines kept, so lines and offsets hold)."""
    return "".join("\n" if c == "\n" else " " for c in text)


def _flush(run: list[int], lines: list[str], spans: list[tuple[int, int]]) -> None:
    if not run:
        return
    groups = _structural_split(run, lines)
    for group in groups:
        if len(group) == 1 or _looks_wrapped([lines[i] for i in group]):
            spans.extend(_peel_heading(group, lines))
        else:
            spans.extend((i, i) for i in group)


def _structural_split(run: list[int], lines: list[str]) -> list[list[int]]:
    """Cut a run of lines around headings that markup makes certain."""
    groups: list[list[int]] = []
    current: list[int] = []
    k = 0
    while k < len(run):
        i = run[k]
        line = lines[i]
        nxt = lines[run[k + 1]] if k + 1 < len(run) else None
        prev_adorn = bool(current) and len(current) == 1 and is_adornment(lines[current[0]])
        if _ATX.match(line) or is_link_definition(line):
            groups.extend([current] if current else [])
            groups.append([i])
            current = []
        elif nxt is not None and not is_adornment(line) and underlines(line, nxt):
            # title + underline, possibly preceded by an overline in `current`
            if prev_adorn:
                groups.append([*current, i, run[k + 1]])
            else:
                groups.extend([current] if current else [])
                groups.append([i, run[k + 1]])
            current = []
            k += 2
            continue
        else:
            current.append(i)
        k += 1
    if current:
        groups.append(current)
    return [g for g in groups if g]


def _looks_wrapped(group: list[str]) -> bool:
    if len(group) in (2, 3) and underlines(group[-2], group[-1]):
        return True  # a title with its adornment lines
    body = [len(x.rstrip()) for x in group[:-1]]
    if sum(1 for x in group if _LIST_ITEM.match(x)) >= max(2, len(group) // 2):
        return False
    joints = list(itertools.pairwise(group))
    if sum(1 for a, b in joints if _continues(a, b)) >= CONTINUED_SHARE * len(joints):
        return True  # sentences run across the line ends: one paragraph, however ragged
    if max(body) > WRAP_MAX:
        return False
    widest = max(body)
    filled = sum(1 for n in body if n >= WRAP_FILL * widest)
    return widest >= 30 and filled >= 0.7 * len(body) and statistics.median(body) >= 30


def _continues(line: str, nxt: str) -> bool:
    """The sentence on `line` goes on to `nxt`: it breaks after a comma, an article or preposition,
    or a hyphen, or `nxt` starts in lower case."""
    a, b = line.rstrip(), nxt.strip()
    if not a or not b or _LIST_ITEM.match(nxt) or _indent(nxt) > _indent(line):
        return False  # a deeper indent below starts a body, a quote or code, not the next words
    last = a.split()[-1]  # case kept: a title's capitalised "For" does not continue
    return b[0].islower() or a[-1] in ",-–(" or last in _CONTINUES_AFTER


def _peel_heading(group: list[int], lines: list[str]) -> list[tuple[int, int]]:
    """A short, unpunctuated first line above wrapped text is a heading, not the paragraph's start:
    it has few words, does not end mid-phrase, and the text below starts a new sentence."""
    if len(group) >= 3:
        first = lines[group[0]].strip()
        second = lines[group[1]].strip()
        rest = [len(lines[i].rstrip()) for i in group[1:-1]]
        words = first.split()
        if (
            rest
            and len(first) < 0.5 * statistics.median(rest)
            and first[-1:] not in ".,;:!?"
            and not is_adornment(lines[group[1]])
            and first[:1].isupper()
            and len(words) <= PEEL_MAX_WORDS
            and words[-1] not in _CONTINUES_AFTER
            and second[:1].isupper()
            and _indent(lines[group[0]]) <= _indent(lines[group[1]])
        ):
            return [(group[0], group[0]), (group[1], group[-1])]
    return [(group[0], group[-1])]


def _indent(line: str) -> int:
    """Leading whitespace in characters (a tab is one: hand-wrapped text indents with spaces)."""
    return len(line) - len(line.lstrip())
