"""The format seam: what every input format hands to the format-blind analyses; entry point: `Format`.

A format turns raw bytes into the text every offset indexes, plus `Region`s: which lines are a
heading (and its level), code, a list, a table, front matter, prose, a caption, page furniture,
with the character spans a reader actually sees. Blocks, the split, the outline, the NLP pieces
and readability read regions, never markup, so a new format is one module and one registry line.
Regions are hints: a plain-text format returns none and the analyses fall back to layout evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ..model import StrEnum

__all__ = ["Extracted", "Format", "Region", "RegionKind"]


class RegionKind(StrEnum):
    """What a stretch of lines is, as the format's own structure says."""

    HEADING = "heading"
    PROSE = "prose"
    CODE = "code"
    LIST = "list"  # one region per list item
    TABLE = "table"  # one region per row (cells joined by tabs or spaces in the text)
    QUOTE = "quote"
    FRONT_MATTER = "front-matter"  # header fields, YAML front matter, RST field lists, title pages
    CAPTION = "caption"  # figure captions, photo credits
    FURNITURE = "furniture"  # running page headers/footers, page numbers (PDF), hidden-by-markup chrome
    OTHER = "other"  # markup-only lines: comments, directives, link definitions, adornments


@dataclass(frozen=True, slots=True)
class Region:
    """A run of whole lines of `Document.text` (1-based, inclusive) and what it is.

    `visible` lists the character spans (document offsets, ascending) a reader sees, with markup
    such as `**`, link URLs or heading markers left out; empty means "the lines as they are".
    `landmark` is the enclosing HTML landmark (nav, header, footer, aside, figure, form, main,
    article) or "" when none; `hints` carries class/id words or style names ("sidebar", "share",
    "Heading 2") as evidence for the split; `link_share` is the share of visible characters inside
    links; `page` is the 1-based PDF page (0 when the format has no pages).
    """

    kind: RegionKind
    start_line: int
    end_line: int
    level: int = 0
    visible: tuple[tuple[int, int], ...] = ()
    landmark: str = ""
    hints: tuple[str, ...] = ()
    link_share: float = 0.0
    page: int = 0


@dataclass(frozen=True, slots=True)
class Extracted:
    """A format's output: the text (LF line ends) and the structure it knows about."""

    text: str
    encoding: str
    regions: tuple[Region, ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()  # DOCX/PDF/HTML core properties: title, author, created


class Format(Protocol):
    """One input format. `sniff` looks at content (and the suffix as a tie-breaker) so a mislabelled
    file is still read by the right format; `extract` raises an `InputError` with a hint when the
    bytes are not what the format expects (never a traceback)."""

    name: str  # "plain", "markdown", "rst", "html", "docx", "pdf": the JSON's document.format
    suffixes: tuple[str, ...]  # lower-case, with the dot; folders pick files up by these

    def sniff(self, head: bytes, suffix: str) -> int:
        """0 = not this format; higher = more certain (the registry takes the highest)."""
        ...

    def extract(self, data: bytes, *, path: str) -> Extracted: ...
