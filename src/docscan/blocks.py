"""Text to paragraph blocks with line numbers and offsets; entry point: `split_blocks`.

Two layouts occur in the wild and often in one file: one paragraph per line (scraped web text)
and hard-wrapped paragraphs separated by blank lines (RFCs, e-books, Markdown). A run of
non-blank lines is one wrapped paragraph only when its lines look wrapped (similar, bounded
lengths); otherwise every line is its own block. Structural lines (Markdown headings, setext and
reStructuredText underlines, fenced code) always start a block of their own, so a heading is never
glued onto the paragraph below it.
"""

from __future__ import annotations

import itertools
import re
import statistics

from .model import Block, Document, Markup

__all__ = ["is_adornment", "is_link_definition", "split_blocks", "underlines"]

# Hard-wrapped prose rarely exceeds this width (72-80 is the convention; 100 leaves room for
# indentation and long URLs); a run whose lines are longer is one paragraph per line.
WRAP_MAX = 100
# In a wrapped paragraph, all lines but the last fill most of the wrap width.
WRAP_FILL = 0.55
_ATX = re.compile(r"^ {0,3}#{1,6}(\s|$)")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_ADORN = re.compile(r"^([=\-~^\"'`#*+:._])\1{2,}\s*$")
_LIST_ITEM = re.compile(r"^\s*([-*+•]|\d+[.)]|[a-z][.)])\s+\S")
_LINK_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*\S+(\s+[\"'(].*)?\s*$")
# A run of lines is one paragraph when at least this share of its line breaks fall inside a
# sentence (bench/headings.py, 2026-11-29: ragged hand-wrapped paragraphs in PEPs and RFC drafts).
CONTINUED_SHARE = 0.5
# A heading glued onto the paragraph below it has few words; more is the paragraph's first line.
PEEL_MAX_WORDS = 8
_FRAGMENT_END = frozenset(
    ["a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "but", "as", "is",
     "are", "its"]
)  # fmt: skip


def underlines(title: str, adornment: str) -> bool:
    """`adornment` underlines `title` (setext or reStructuredText): a punctuation run about as long
    as the title, at the title's indentation. An indented `...` under code is an ellipsis."""
    return (
        is_adornment(adornment)
        and not is_adornment(title)
        and _indent(adornment) == _indent(title)
        and len(adornment.strip()) >= max(3, len(title.strip()) - 2)
    )


def is_link_definition(line: str) -> bool:
    """A Markdown link reference definition (`[summary]: #summary`): invisible in the rendered
    text, so it is neither prose nor part of the heading above it."""
    return bool(_LINK_DEF.match(line))


def is_adornment(line: str) -> bool:
    """A setext/reStructuredText underline or overline: one punctuation character repeated."""
    return bool(_ADORN.match(line.strip())) and len(line.strip()) >= 3


def split_blocks(doc: Document) -> tuple[Block, ...]:
    """Paragraph blocks in document order, each with 1-based lines and character offsets."""
    lines = doc.text.split("\n")
    if lines and lines[-1] == "" and doc.text.endswith("\n"):
        lines.pop()
    starts = doc.line_starts
    spans: list[tuple[int, int]] = []  # 0-based inclusive line ranges
    run: list[int] = []
    in_fence = False
    fence_start = 0
    markdown = doc.markup is Markup.MARKDOWN
    for i, line in enumerate(lines):
        if _FENCE.match(line) and (in_fence or _opens_fence(line, lines[i - 1] if i else "", markdown)):
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
        spans.append((fence_start, len(lines) - 1))
    _flush(run, lines, spans)
    spans.sort()
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


def _opens_fence(line: str, previous: str, markdown: bool) -> bool:
    """Backtick fences open code anywhere in Markdown; tildes only after a blank line (elsewhere a
    tilde line under text is a reStructuredText underline). Outside Markdown only a backtick fence
    after a blank line counts."""
    if line.lstrip().startswith("```"):
        return markdown or not previous.strip()
    return markdown and not previous.strip()


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
    return b[0].islower() or a[-1] in ",-–(" or last in _FRAGMENT_END


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
            and words[-1] not in _FRAGMENT_END
            and second[:1].isupper()
            and _indent(lines[group[0]]) <= _indent(lines[group[1]])
        ):
            return [(group[0], group[0]), (group[1], group[-1])]
    return [(group[0], group[-1])]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())
