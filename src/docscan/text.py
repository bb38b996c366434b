"""Shared text predicates (words, indentation, list items, fences, adornments, capitals, title-like
lines, fragment ends, previews); no single entry point: every analysis imports what it needs.

One home for each rule so "what counts as a list item" or "what looks like a title" means the same
in blocks, the split, the outline and the formats. Thresholds that differ by purpose stay with the
caller as named constants (e.g. the ALL-CAPS share that makes a heading vs the one that title-cases
a piece for spaCy); the measurement (`caps_share`) is shared.
"""

from __future__ import annotations

import re

__all__ = [
    "CLOSERS",
    "FRAGMENT_END",
    "MAX_HEADING_CHARS",
    "MAX_HEADING_WORDS",
    "PREVIEW_CHARS",
    "STRONG_START",
    "caps_share",
    "indent",
    "is_adornment",
    "is_all_caps",
    "is_fence",
    "is_link_definition",
    "is_list_item",
    "is_title_like",
    "preview",
    "split_lines",
    "strip_closers",
    "underlines",
    "word_count",
    "words",
]

# A heading is short: longer lines are prose even when unpunctuated (bench/headings.py, 2026-11-29).
MAX_HEADING_WORDS = 14
MAX_HEADING_CHARS = 100
# Region hint a format sets on a paragraph that opens in bold (`**Label:** text`): a style the
# outline reads as a lead-in label, whatever the markup that made it.
STRONG_START = "strong-start"
# Report previews: one line of at most this many characters.
PREVIEW_CHARS = 80
# ALL CAPS: at least this share of the letters upper case, and at least this many letters (a
# two-letter acronym is not a shouted heading) (bench/headings.py, 2026-11-29).
ALL_CAPS_SHARE = 0.9
ALL_CAPS_MIN_LETTERS = 4

# Verbs that report speech ("Ann Riley said", "He added: ..."): the word before them is a
# speaker, and a "Label:" ending in one is an attribution, not a label.
REPORTING_VERBS = frozenset(
    {"said", "says", "say", "told", "tells", "added", "adds", "wrote", "writes", "asked", "asks", "warned"}
    | {"noted", "explained", "argued", "replied", "insisted", "stressed", "continued", "concluded"}
)
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)
# Bullets (`-`, `*`, `+`, `•`, `–`), `1.`/`1)`, `a.`/`A)` and `(iv)` markers followed by text.
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•–]|\d{1,3}[.)]|[a-zA-Z][.)]|\(\w{1,3}\))\s+\S")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_ADORN = re.compile(r"^([=\-~^\"'`#*+:._])\1{2,}\s*$")
_LINK_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*\S+(\s+[\"'(].*)?\s*$")
CLOSERS = "\"'”’)]»*_`"
_TERMINAL = ".,;:!"
# Bullets, quotes, tables, links, markup and reStructuredText directives open no heading.
_NOT_HEADING_START = (
    "-", "*", "•", "(", "[", "|", ">", "<", "{", "http", "+", "=", "/", "$", "#", "~", "…", "!", ".. ", "__ "
)  # fmt: skip
# Headings and finished sentences do not end on an article, preposition or conjunction; a line
# of wrapped prose often does (its sentence goes on below).
FRAGMENT_END = frozenset(
    ["a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "but", "nor", "as",
     "is", "are", "was", "were", "be", "its", "their", "our", "your", "his", "her", "which", "who", "whose", "than",
     "into", "onto", "via", "per"]
)  # fmt: skip
_IDENTIFIER_HEAD = re.compile(r"\w[_.(]\w|\w\(\)|_")


def split_lines(text: str) -> tuple[list[str], list[int]]:
    """The lines of a text (a final newline ends the last line, it opens none) and the offset
    each starts at, so a format can map its line-based view back to document offsets."""
    lines = text.split("\n")
    if lines and lines[-1] == "" and text.endswith("\n"):
        lines.pop()
    starts: list[int] = []
    at = 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    return lines, starts


def words(text: str) -> list[str]:
    """Words as a reader counts them: letters and digits, with inner apostrophes, dots and hyphens
    (`don't`, `U.S`, `well-known`) kept in one word; punctuation and markup are not words."""
    return _WORD.findall(text)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def indent(line: str) -> int:
    """Leading whitespace width, tabs counted as 4 columns."""
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


def is_list_item(line: str) -> bool:
    """A line that opens a list item: a bullet, `1.`, `a)` or `(iv)` marker followed by text."""
    return bool(_LIST_ITEM.match(line))


def is_fence(line: str) -> bool:
    """A Markdown-style code fence line (three backticks or tildes, at most 3 spaces in)."""
    return bool(_FENCE.match(line))


def is_adornment(line: str) -> bool:
    """A setext/reStructuredText underline or overline: one punctuation character repeated."""
    s = line.strip()
    return bool(_ADORN.match(s)) and len(s) >= 3


def underlines(title: str, adornment: str) -> bool:
    """`adornment` underlines `title` (setext or reStructuredText): a punctuation run about as long
    as the title, at the title's indentation. An indented `...` under code is an ellipsis."""
    return (
        is_adornment(adornment)
        and not is_adornment(title)
        and indent(adornment) == indent(title)
        and len(adornment.strip()) >= max(3, len(title.strip()) - 2)
    )


def is_link_definition(line: str) -> bool:
    """A Markdown link reference definition (`[summary]: #summary`): invisible in the rendered
    text, so it is neither prose nor part of the heading above it."""
    return bool(_LINK_DEF.match(line))


def caps_share(text: str) -> float:
    """Share of letters that are upper case (0.0 for a text without letters)."""
    letters = sum(map(str.isalpha, text))  # map over str methods: this runs on every line
    return sum(map(str.isupper, text)) / letters if letters else 0.0


def is_all_caps(text: str) -> bool:
    """Shouted like a heading (`INTRODUCTION`): enough letters, nearly all upper case."""
    return sum(map(str.isalpha, text)) >= ALL_CAPS_MIN_LETTERS and caps_share(text) >= ALL_CAPS_SHARE


def strip_closers(s: str) -> str:
    """The text without closing quotes, brackets and emphasis marks, so its real last character shows."""
    return s.rstrip(CLOSERS + " ")


def ends_fragment(word: str) -> bool:
    """A line ending on this word breaks a phrase (an article, preposition or conjunction)."""
    return word in FRAGMENT_END


def is_title_like(text: str) -> bool:
    """Short, not a sentence, not a list item or a link: what a heading line looks like."""
    s = text.strip()
    if "\n" in s or not s or len(s) > MAX_HEADING_CHARS:
        return False
    core = strip_closers(s)
    if not core or core[-1] in _TERMINAL:
        return False
    if s.startswith(_NOT_HEADING_START):
        return False
    first = s.lstrip("`'\"“‘_")[:1]
    if not (first.isupper() or first.isdigit()):
        head = s.split()[0]
        # an identifier heading (`bdist_rpm`, ``inspect.Buffer``) is fine; a lower-case word is prose
        if not (s[0] == "`" or _IDENTIFIER_HEAD.search(head.rstrip(".,:;"))):
            return False
    parts = s.split()
    if len(parts) > MAX_HEADING_WORDS:
        return False
    last = parts[-1].strip(CLOSERS)
    # "... the" ends a broken line; "What to Look For" capitalises its last word like a title
    if last in FRAGMENT_END and len(parts) > 1:
        return False
    return sum(1 for c in s if c.isalpha()) >= 2


def preview(text: str) -> str:
    """The start of a block on one line, at most PREVIEW_CHARS long, for reports."""
    out = " ".join(text[: PREVIEW_CHARS * 4].split())
    return out if len(out) <= PREVIEW_CHARS else out[: PREVIEW_CHARS - 1].rstrip() + "…"
