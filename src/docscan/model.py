"""Immutable records shared by every layer; entry point: the `Report` dataclass.

Everything here is a frozen, slotted dataclass with tuples for collections, so results are cheap
to pickle into and out of worker processes and cannot drift after an analysis produced them.
Positions are always character offsets into the decoded text plus 1-based line numbers.
This module imports nothing third-party and nothing else from docscan.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum


class StrEnum(str, Enum):
    """A str-valued enum that serializes as its plain value (Python 3.10 has no enum.StrEnum)."""

    def __str__(self) -> str:
        return str(self.value)


class SegmentKind(StrEnum):
    MAIN = "main"
    UNRELATED = "unrelated"


class SectionKind(StrEnum):
    HEADING = "heading"
    LEAD_IN = "lead-in"


class EntityGroup(StrEnum):
    COUNTRIES = "countries"
    ORGANIZATIONS = "organizations"
    PEOPLE = "people"
    PLACES = "places"


class Markup(StrEnum):
    PLAIN = "plain"
    MARKDOWN = "markdown"
    RST = "rst"


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


@dataclass(frozen=True, slots=True)
class Options:
    """How to analyze; resolved once by the CLI (or a library caller) and passed down."""

    model: str | None = None
    keep_unrelated: bool = False


@dataclass(frozen=True, slots=True)
class Document:
    """Decoded text plus the facts about the bytes it came from."""

    path: str
    text: str
    encoding: str
    bytes: int
    sha256: str
    markup: Markup = Markup.PLAIN
    line_starts: tuple[int, ...] = ()
    # The input format ("plain", "markdown", "rst", "html", "docx", "pdf") and the structure it
    # gave (formats/base.py); regions are hints, empty when the format knows no structure.
    format: str = "plain"
    regions: tuple[Region, ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()
    # What the reader should know about the decoding: invalid bytes replaced, an encoding guessed.
    warnings: tuple[str, ...] = ()

    @property
    def lines(self) -> int:
        return len(self.line_starts)

    @property
    def characters(self) -> int:
        return len(self.text)

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset (binary search over line starts)."""
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph (or a heading line): the unit that relevance and sections judge."""

    index: int
    start_line: int
    end_line: int
    start_char: int
    end_char: int
    text: str


@dataclass(frozen=True, slots=True)
class BlockVerdict:
    """Why one block was kept or set aside; shown by `--explain`."""

    block: int
    start_line: int
    end_line: int
    score: float
    threshold: float
    unrelated: bool
    reason: str
    features: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class Segment:
    kind: SegmentKind
    start_line: int
    end_line: int
    start_char: int
    end_char: int
    score: float
    reason: str
    preview: str
    # What kind of text an unrelated segment is ("navigation", "comments", ...; relevance's
    # CATEGORIES), "" for main text.
    category: str = ""


def unrelated_lines(segments: Iterable[Segment]) -> set[int]:
    """The 1-based lines of every set-aside segment: what the corpus scorer, the benches and the
    tests compare with a reader's lines."""
    return {i for s in segments if s.kind is SegmentKind.UNRELATED for i in range(s.start_line, s.end_line + 1)}


def unrelated_line_count(segments: Iterable[Segment]) -> int:
    """How many lines were set aside (segments never overlap), for gates, summaries and charts."""
    return sum(s.end_line - s.start_line + 1 for s in segments if s.kind is SegmentKind.UNRELATED)


@dataclass(frozen=True, slots=True)
class Split:
    """The outcome of relevance: which blocks are main text, and the evidence."""

    segments: tuple[Segment, ...]
    main_blocks: tuple[int, ...]
    verdicts: tuple[BlockVerdict, ...]


@dataclass(frozen=True, slots=True)
class Readability:
    """textstat's formulas on one stretch of text; `None` where a score cannot be computed."""

    flesch_reading_ease: float | None
    flesch_kincaid_grade: float | None
    gunning_fog: float | None
    smog_index: float | None
    coleman_liau_index: float | None
    automated_readability_index: float | None
    dale_chall: float | None
    text_standard: str | None
    warnings: tuple[str, ...] = ()
    method: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Passage:
    """A paragraph singled out as one of the hardest to read, so a writer knows where to start."""

    start_line: int
    end_line: int
    start_char: int
    end_char: int
    grade: float
    words: int
    preview: str


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    level: int
    kind: SectionKind
    start_line: int
    end_line: int
    start_char: int
    end_char: int
    words: int = 0
    readability: Readability | None = None
    heading_block: int = -1
    # the named rule that made this a heading or a lead-in (sections.py), shown by --explain
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    start_char: int
    end_char: int
    line: int


@dataclass(frozen=True, slots=True)
class Entity:
    name: str
    group: EntityGroup
    code: str | None
    count: int
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    sections: tuple[str, ...] = ()
    why: tuple[str, ...] = ()  # the rules and evidence that decided the group, for --explain


@dataclass(frozen=True, slots=True)
class Entities:
    countries: tuple[Entity, ...] = ()
    organizations: tuple[Entity, ...] = ()
    people: tuple[Entity, ...] = ()
    places: tuple[Entity, ...] = ()

    def groups(self) -> tuple[tuple[EntityGroup, tuple[Entity, ...]], ...]:
        return (
            (EntityGroup.COUNTRIES, self.countries),
            (EntityGroup.ORGANIZATIONS, self.organizations),
            (EntityGroup.PEOPLE, self.people),
            (EntityGroup.PLACES, self.places),
        )


@dataclass(frozen=True, slots=True)
class RawEntity:
    """One entity span as the NER model saw it, already in document coordinates."""

    label: str
    start_char: int
    end_char: int
    text: str


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of document text handed to the NLP step (a paragraph, a heading, a label-less
    lead-in paragraph). `offset` maps the piece's own offsets back onto the document."""

    text: str
    offset: int
    block: int
    prose: bool


@dataclass(frozen=True, slots=True)
class PieceAnalysis:
    sentences: tuple[tuple[int, int], ...]
    entities: tuple[RawEntity, ...]


@dataclass(frozen=True, slots=True)
class Stats:
    words: int
    sentences: int
    paragraphs: int
    reading_time_seconds: float


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    type: str
    message: str
    hint: str | None


@dataclass(frozen=True, slots=True)
class Gate:
    """One `--fail-if` rule (gates.py parses and checks them): the document fails when
    `metric op threshold` holds."""

    metric: str
    op: str
    threshold: float

    @property
    def text(self) -> str:
        number = int(self.threshold) if self.threshold.is_integer() else self.threshold
        return f"{self.metric}{self.op}{number}"


@dataclass(frozen=True, slots=True)
class GateFailure:
    """A gate a document broke, with the value that broke it."""

    gate: Gate
    value: float


@dataclass(frozen=True, slots=True)
class Report:
    """Everything docscan found in one document, or why it could not look."""

    path: str
    document: Document | None = None
    segments: tuple[Segment, ...] = ()
    verdicts: tuple[BlockVerdict, ...] = ()
    stats: Stats | None = None
    sections: tuple[Section, ...] = ()
    entities: Entities = field(default_factory=Entities)
    readability: Readability | None = None
    hardest: tuple[Passage, ...] = ()
    error: ErrorInfo | None = None
    # The --fail-if gates this document broke; None when no gates were checked (so the JSON can
    # tell "passed" ([]) from "not checked" (no key)).
    gates: tuple[GateFailure, ...] | None = None

    @property
    def ok(self) -> bool:
        return self.error is None
