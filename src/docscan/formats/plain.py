"""Plain text: decoded bytes and no regions (layout evidence decides); entry point: `FORMAT`.

Also the home of what the text formats share: sniff scores and the markup cues they are computed
from, so Markdown and reStructuredText are weighed against each other in one place.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Extracted, Region

__all__ = ["CONTENT_SCORE", "FORMAT", "PLAIN_SCORE", "SUFFIX_SCORE", "markup_cues", "text_sniff", "visible_spans"]

# Sniff scores of the text formats. Plain text (1) takes whatever no format claims; counted markup
# cues (3) decide for `.txt` and suffix-less files. A markup suffix (4) outweighs the cues of the
# other markup: the cues are weak (bullets and punctuation lines occur in both), and on the corpus
# five `.rst` PEPs show more "Markdown" bullets than adornments (bench/headings.py, 2026-11-30).
# A binary signature (HTML, PDF, DOCX) should score above both.
CONTENT_SCORE = 3
SUFFIX_SCORE = 4
PLAIN_SCORE = 1
# A text is marked up when it shows at least this many cues of one markup and more of it than of
# the other (the detector loading.py used before the format registry, same numbers).
MIN_CUES = 3

Span = tuple[int, int]


def visible_spans(
    text: str, start: int, end: int, special: re.Pattern[str], inline: re.Pattern[str],
    shown: Callable[[re.Match[str]], list[Span]],
) -> list[Span]:
    """The spans of `text[start:end]` a reader sees once a markup's inline syntax is rendered:
    the text between the markup's `inline` matches as it is, and of each match what `shown` says
    is visible (Markdown and reStructuredText differ only there)."""
    if end <= start:
        return []
    if not special.search(text, start, end):
        return [(start, end)]  # most lines of prose carry no inline markup at all
    out: list[Span] = []
    pos = start
    for m in inline.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        out.extend(shown(m))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    return [(a, b) for a, b in out if b > a]


_MD_CUES = re.compile(r"^(#{1,6} \S|```|\* \S|- \S|\[[^\]]+\]\([^)]+\))", re.M)
_RST_CUES = re.compile(r"^(\.\. [a-z-]+::|[=\-~^\"'`#*+]{4,}\s*$)", re.M)


def markup_cues(head: bytes) -> tuple[int, int]:
    """How many Markdown and reStructuredText cues the start of a file shows (line starts: ATX
    headings, fences, bullets, inline links; directives and adornment lines)."""
    sample = head.decode("utf-8", errors="ignore")
    return len(_MD_CUES.findall(sample)), len(_RST_CUES.findall(sample))


def text_sniff(head: bytes, suffix: str, *, markdown: bool, suffixes: tuple[str, ...]) -> int:
    """The sniff score of Markdown (`markdown=True`) or reStructuredText for these bytes."""
    md, rst = markup_cues(head)
    mine, other = (md, rst) if markdown else (rst, md)
    score = CONTENT_SCORE if mine >= MIN_CUES and mine > other else 0
    return score + (SUFFIX_SCORE if suffix in suffixes else 0)


class _Plain:
    """Text without markup: the analyses read its layout (blank lines, indentation, underlines)."""

    name = "plain"
    suffixes: tuple[str, ...] = (".txt", ".text")

    def sniff(self, head: bytes, suffix: str) -> int:
        return PLAIN_SCORE

    def extract(self, data: bytes, *, path: str) -> Extracted:
        from ..loading import decode_text  # loading imports the registry; import on use

        text, encoding = decode_text(data, path=path)
        return Extracted(text=text, encoding=encoding)


FORMAT = _Plain()


class MarkupFormat:
    """A text format whose structure comes from its markup (Markdown, reStructuredText): decoded
    like plain text, sniffed by its markup cues, regions from its own reader."""

    def __init__(
        self, name: str, suffixes: tuple[str, ...], *, markdown: bool, read: Callable[[str], tuple[Region, ...]]
    ) -> None:
        self.name = name
        self.suffixes = suffixes
        self._markdown = markdown
        self._read = read

    def sniff(self, head: bytes, suffix: str) -> int:
        return text_sniff(head, suffix, markdown=self._markdown, suffixes=self.suffixes)

    def extract(self, data: bytes, *, path: str) -> Extracted:
        from ..loading import decode_text

        text, encoding = decode_text(data, path=path)
        return Extracted(text=text, encoding=encoding, regions=self._read(text))
