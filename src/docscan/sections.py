"""Headings, their levels and paragraph lead-in labels; entry point: `detect_sections`.

Evidence, strongest first: markup (Markdown ATX and setext, reStructuredText adornments),
numbering (`2.1 Scope`, depth = level), chapter words (`CHAPTER IV`), then style: an ALL-CAPS
line or a short title-like line standing alone as its own block. Lead-ins are paragraphs that
open with a short `Label:`; they become sub-sections one level below the current heading.
Only main-text blocks are considered: set-aside content never shapes the outline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blocks import is_adornment
from .model import Block, Document, Markup, Section, SectionKind

__all__ = ["HeadingCandidate", "count_words", "detect_sections", "lead_in_label"]

# A heading is short: longer lines are prose even when unpunctuated.
MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 100
# A lead-in label has at most this many words (the corpus gold uses the same bound for bold labels).
MAX_LABEL_WORDS = 8
# The text after a lead-in label must read as prose: at least this many words.
MIN_LEADIN_BODY_WORDS = 5

_WORDS = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)
_ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_NUMBERED = re.compile(r"^\s{0,3}((?:\d{1,2}|[A-Z])(?:\.\d{1,2}){0,5})(\.?)\s+(\S.*)$")
_CHAPTER = re.compile(
    r"^\s*(VOLUME|BOOK|PART|CHAPTER|Volume|Book|Part|Chapter|ACT|Act|SCENE|Scene)\s+"
    r"([IVXLCDM]+|\d+|[A-Z][a-z]+|[A-Z]+)\b[.:]?",
)
_CHAPTER_RANK = {"volume": 1, "book": 2, "part": 2, "act": 2, "chapter": 3, "scene": 4}
_LEADIN = re.compile(r"^\s*([A-Z0-9][^:\n]{0,80}?)\s*:\s+(\S.*)", re.S)
_TERMINAL = ".,;:!"
_LABEL_STOP = frozenset(
    ["said", "says", "say", "told", "added", "wrote", "asked", "warned", "noted", "explained", "argued", "replied", "writes", "according", "he", "she", "they", "we", "i", "it", "this", "that", "there"]
)


@dataclass(frozen=True, slots=True)
class HeadingCandidate:
    block: int
    line: int
    title: str
    level: int | None  # None: style-based, level decided from context
    strength: str


def count_words(text: str) -> int:
    return len(_WORDS.findall(text))


def lead_in_label(text: str) -> tuple[str, int] | None:
    """The label of a `Label: prose...` paragraph and the offset where its prose starts."""
    m = _LEADIN.match(text)
    if not m:
        return None
    label, body = m.group(1).strip(), m.group(2)
    words = label.split()
    if not words or len(words) > MAX_LABEL_WORDS or count_words(body) < MIN_LEADIN_BODY_WORDS:
        return None
    if any(ch in label for ch in ",;\"“”()[]") or label.endswith(("http", "https")):
        return None
    lowered = [w.lower().strip(".'’") for w in words]
    if any(w in _LABEL_STOP for w in lowered):
        return None
    content = [w for w in words if len(w) > 3]
    capitalised = sum(1 for w in content if w[:1].isupper())
    if len(words) > 3 and content and capitalised < 0.5 * len(content):
        return None
    return label, m.start(2)


def _is_title_like(text: str) -> bool:
    s = text.strip()
    if "\n" in s or not s or len(s) > MAX_HEADING_CHARS:
        return False
    if s[-1] in _TERMINAL or s.startswith(("-", "*", "•", "(", "[", "|", ">", "http")):
        return False
    if not (s[0].isupper() or s[0].isdigit()):
        return False
    words = s.split()
    if len(words) > MAX_HEADING_WORDS:
        return False
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 3


def _is_all_caps(text: str) -> bool:
    s = text.strip()
    letters = [c for c in s if c.isalpha()]
    return (
        len(letters) >= 4
        and sum(c.isupper() for c in letters) >= 0.9 * len(letters)
        and len(s.split()) <= MAX_HEADING_WORDS
        and "\n" not in s
    )


def _candidates(doc: Document, blocks: tuple[Block, ...], main: tuple[int, ...]) -> list[HeadingCandidate]:
    out: list[HeadingCandidate] = []
    adornment_styles: list[tuple[str, bool]] = []
    wrapped_doc = any(b.end_line > b.start_line for b in blocks)
    for i in main:
        b = blocks[i]
        lines = b.text.split("\n")
        first = lines[0]
        m = _ATX.match(first)
        if m and len(lines) == 1 and (doc.markup is Markup.MARKDOWN or m.group(1) != "#" or True):
            out.append(HeadingCandidate(i, b.start_line, m.group(2), len(m.group(1)), "markup"))
            continue
        if 2 <= len(lines) <= 3 and is_adornment(lines[-1]):
            over = len(lines) == 3 and is_adornment(lines[0])
            title_line = lines[1] if over else lines[0]
            char = lines[-1].strip()[0]
            if doc.markup is Markup.MARKDOWN and not over and char in "=-":
                level = 1 if char == "=" else 2
            else:
                style = (char, over)
                if style not in adornment_styles:
                    adornment_styles.append(style)
                level = adornment_styles.index(style) + 1
            out.append(
                HeadingCandidate(i, b.start_line + (1 if over else 0), title_line.strip(), level, "markup")
            )
            continue
        if len(lines) != 1:
            continue
        text = first.strip()
        m = _CHAPTER.match(text)
        if m and count_words(text) <= MAX_HEADING_WORDS:
            out.append(HeadingCandidate(i, b.start_line, text, -_CHAPTER_RANK[m.group(1).lower()], "chapter"))
            continue
        m = _NUMBERED.match(first)
        if m and _is_title_like(m.group(3)) and (m.group(2) or "." in m.group(1) or wrapped_doc):
            if not m.group(1).isalpha() or m.group(2):
                depth = m.group(1).count(".") + 1
                out.append(HeadingCandidate(i, b.start_line, text, depth, "numbered"))
                continue
        if _is_all_caps(text) and _is_title_like(text.rstrip(".")):
            out.append(HeadingCandidate(i, b.start_line, text, None, "caps"))
            continue
        if _is_title_like(text) and _stands_alone(blocks, main, i) and not _after_short_line(blocks, main, i, out):
            out.append(HeadingCandidate(i, b.start_line, text, None, "style"))
    return out


def _stands_alone(blocks: tuple[Block, ...], main: tuple[int, ...], i: int) -> bool:
    """A title-like line is a heading only when prose follows it: the next main block is longer
    and reads as a paragraph. This rejects runs of short lines (lists, tables, credits)."""
    pos = main.index(i)
    if pos + 1 >= len(main):
        return False
    nxt = blocks[main[pos + 1]].text.strip()
    if _is_title_like(nxt) and lead_in_label(nxt) is None:
        return False
    return count_words(nxt) >= 8


def _after_short_line(
    blocks: tuple[Block, ...], main: tuple[int, ...], i: int, found: list[HeadingCandidate]
) -> bool:
    """The last of a run of short lines (a list, an address, credits) is not a heading; a short
    line right after an explicit heading (a subtitle, a dateline) does not count against it."""
    pos = main.index(i)
    if pos == 0:
        return False
    prev = main[pos - 1]
    if found and found[-1].block == prev and found[-1].strength != "style":
        return False
    text = blocks[prev].text.strip()
    return _is_title_like(text) and count_words(text) <= MAX_HEADING_WORDS and lead_in_label(text) is None


def detect_sections(
    doc: Document, blocks: tuple[Block, ...], main: tuple[int, ...]
) -> tuple[Section, ...]:
    """Outline of the main text: headings with levels, and lead-ins one level below them."""
    cands = _candidates(doc, blocks, main)
    explicit = [c.level for c in cands if c.level is not None and c.level > 0]
    top = min(explicit) if explicit else 1
    # chapter words get levels after the explicit ones, by their rank
    chapter_ranks = sorted({-c.level for c in cands if c.level is not None and c.level < 0})
    heading_blocks = {c.block for c in cands}
    first_main = main[0] if main else -1
    has_title = bool(cands) and cands[0].block == first_main and cands[0].level is None
    levels: dict[int, int] = {}
    for c in cands:
        if c.level is None:
            if has_title and c.block == first_main:
                levels[c.block] = 1
            else:
                levels[c.block] = top + (1 if has_title and not explicit else 0)
        elif c.level < 0:
            levels[c.block] = top + chapter_ranks.index(-c.level) + (1 if has_title else 0)
        else:
            levels[c.block] = c.level
    raw: list[tuple[int, int, str, SectionKind, int]] = []  # (block, level, title, kind, line)
    current_level = 0
    main_set = set(main)
    cand_by_block = {c.block: c for c in cands}
    for i in main:
        if i in heading_blocks:
            c = cand_by_block[i]
            current_level = levels[i]
            raw.append((i, levels[i], c.title, SectionKind.HEADING, c.line))
            continue
        found = lead_in_label(blocks[i].text)
        if found is not None:
            raw.append((i, current_level + 1 if current_level else 1, found[0], SectionKind.LEAD_IN, blocks[i].start_line))
    sections: list[Section] = []
    for k, (i, level, title, kind, line) in enumerate(raw):
        end_block = _section_end(raw, k, blocks, main_set)
        span = [j for j in range(i, end_block + 1) if j in main_set and j not in heading_blocks]
        words = sum(count_words(blocks[j].text) for j in span)
        last = blocks[end_block]
        sections.append(
            Section(
                title=title,
                level=level,
                kind=kind,
                start_line=line,
                end_line=last.end_line,
                start_char=blocks[i].start_char,
                end_char=last.end_char,
                words=words,
                heading_block=i,
            )
        )
    return tuple(sections)


def _section_end(
    raw: list[tuple[int, int, str, SectionKind, int]], k: int, blocks: tuple[Block, ...], main: set[int]
) -> int:
    """Last main block before the next section that closes this one."""
    _, level, _, kind, _ = raw[k]
    for j in range(k + 1, len(raw)):
        nb, nlevel, _, nkind, _ = raw[j]
        closes = nlevel <= level or kind is SectionKind.LEAD_IN or (nkind is SectionKind.HEADING and nlevel <= level)
        if closes:
            prev = [m for m in main if m < nb]
            return prev[-1] if prev else raw[k][0]
    return max(main) if main else raw[k][0]
