"""Wires the analyses in one direction; entry points: `analyze_text`, `analyze_path`, `analyze_many`.

load -> blocks -> split unrelated -> sections -> nlp (spaCy, once) -> entities, readability.
The work before spaCy (`prepare`) and after it (`finish`) is separate so a batch can send the
pieces of many documents through one `nlp.pipe` call.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath

from . import nlp
from .blocks import block_regions, split_blocks, visible_text
from .entities import build_entities
from .errors import DocscanError, InputError
from .loading import decode_bytes, load_path
from .model import (
    Block,
    Document,
    ErrorInfo,
    Options,
    Passage,
    Piece,
    PieceAnalysis,
    Region,
    RegionKind,
    Report,
    Section,
    SectionKind,
    Split,
    Stats,
)
from .readability import (
    MIN_SECTION_WORDS,
    grade_of,
    method,
    reading_time_seconds,
    score_readability,
    word_count,
)
from .relevance import keep_whole, split_unrelated
from .sections import detect_sections, lead_in_label
from .text import caps_share, is_fence, preview

__all__ = ["Options", "analyze_document", "analyze_many", "analyze_path", "analyze_text", "failure"]

# The hardest paragraphs listed in the report: how many, and the shortest paragraph considered.
HARDEST_PARAGRAPHS = 3
MIN_HARD_PARAGRAPH_WORDS = 30
# Documents longer than this (characters) are analyzed whole, without the unrelated-content split.
MAX_SPLIT_CHARS = 2_000_000
# An ALL-CAPS heading is title-cased for spaCy when more than this share of its letters are upper
# case (a model trained on ordinary capitalisation reads "UNITED NATIONS REPORT" poorly).
CAPS_TITLE_SHARE = 0.8
# What a format marks as code or as markup only never reaches spaCy or readability.
_NOT_PROSE = frozenset([RegionKind.CODE, RegionKind.OTHER])


@dataclass(frozen=True, slots=True)
class Prepared:
    doc: Document
    blocks: tuple[Block, ...]
    split: Split
    sections: tuple[Section, ...]
    pieces: tuple[Piece, ...]
    prose_blocks: tuple[int, ...]
    prose: tuple[str, ...]  # plain text of each prose block, in the same order, made once


def analyze_text(text: str, *, path: str = "<text>", options: Options | None = None) -> Report:
    """Analyze a string (library use); the checks for files (empty, binary) apply, and a `path`
    with a suffix (`notes.md`) names the format as a file's would.

    Offsets index `text` itself (after newlines are normalised to LF, as for files): a leading
    U+FEFF is kept, since the byte-order mark added here is the one the decoder strips, and lone
    surrogates, which no encoding can carry (nor the JSON output), become U+FFFD one for one,
    with a warning in `document.warnings`."""
    import codecs
    import hashlib
    import re

    suffix = PurePath(path).suffix if not path.startswith("<") else ""
    clean, lone = re.subn("[\ud800-\udfff]", "\ufffd", text)
    data = clean.encode("utf-8")
    doc = decode_bytes(codecs.BOM_UTF8 + data, path=path, suffix=suffix)
    warnings = doc.warnings
    if lone:
        warnings += (f"{lone:,} lone surrogate code point{'s' if lone != 1 else ''} replaced with U+FFFD",)
    doc = replace(doc, encoding="utf-8", bytes=len(data), sha256=hashlib.sha256(data).hexdigest(), warnings=warnings)
    return analyze_document(doc, options or Options())


def analyze_path(path: str, options: Options | None = None) -> Report:
    """Analyze one file; input errors become a failed Report rather than an exception."""
    try:
        doc = load_path(path)
    except InputError as exc:
        return failure(path, exc)
    return analyze_document(doc, options or Options())


def analyze_document(doc: Document, options: Options) -> Report:
    prepared = prepare(doc, options)
    return finish(prepared, nlp.analyze_pieces(prepared.pieces, options.model))


def analyze_many(
    docs: Iterable[Document | Report], options: Options, *, group_chars: int = 200_000
) -> Iterator[Report]:
    """Reports in input order; spaCy sees the pieces of several documents per `nlp.pipe` call.
    Items that are already Reports (failed loads) pass through in their place."""
    pending: list[Prepared | Report] = []
    size = 0
    for item in docs:
        if isinstance(item, Report):
            pending.append(item)
            continue
        prepared = prepare(item, options)
        pending.append(prepared)
        size += len(item.text)
        if size >= group_chars:
            yield from _flush(pending, options)
            pending, size = [], 0
    yield from _flush(pending, options)


def _flush(pending: Sequence[Prepared | Report], options: Options) -> Iterator[Report]:
    pieces = [p for item in pending if isinstance(item, Prepared) for p in item.pieces]
    analyses = nlp.analyze_pieces(pieces, options.model) if pieces else []
    k = 0
    for item in pending:
        if isinstance(item, Report):
            yield item
            continue
        n = len(item.pieces)
        yield finish(item, analyses[k : k + n])
        k += n


def failure(path: str, exc: DocscanError) -> Report:
    return Report(path=path, error=ErrorInfo(exc.kind, exc.message, exc.hint))


def prepare(doc: Document, options: Options) -> Prepared:
    """Everything before spaCy: blocks, the split, the outline, and the pieces spaCy will see."""
    blocks = split_blocks(doc)
    # The split judges a page against itself; a book-length file is not a scraped page, and
    # judging it would cost more than the analysis it protects.
    if len(doc.text) > MAX_SPLIT_CHARS:
        limit = MAX_SPLIT_CHARS // 1_000_000
        split = keep_whole(blocks, f"main text (over {limit} MB: not judged for unrelated content)")
    else:
        split = split_unrelated(doc, blocks, enabled=not options.keep_unrelated)
    sections = detect_sections(doc, blocks, split.main_blocks)
    headings = {s.heading_block: s for s in sections if s.kind is SectionKind.HEADING}
    lead_ins = {s.heading_block for s in sections if s.kind is SectionKind.LEAD_IN}
    regions = block_regions(doc, blocks)
    pieces: list[Piece] = []
    prose: list[int] = []
    plain: list[str] = []
    for i in split.main_blocks:
        block = blocks[i]
        if _is_code(doc, block, regions[i]):
            continue
        if i in headings:
            pieces.append(_heading_piece(doc, block, headings[i], regions[i]))
            continue
        text = visible_text(doc, block, regions[i]).replace("\n", " ")
        prose.append(i)
        plain.append(text.strip())
        offset = block.start_char
        label = lead_in_label(text) if i in lead_ins else None
        if label is not None:
            # The label is structure: spaCy reads it apart from the prose, so it cannot fuse with
            # the first words into one name, and a name found in it ("Leicester:") counts only when
            # the prose confirms it, like a name in a title-case heading.
            at = text.find(label[0])
            if at >= 0:
                pieces.append(Piece(label[0], offset + at, i, False))
            text, offset = text[label[1] :], offset + label[1]
        pieces.append(Piece(text, offset, i, True))
    return Prepared(doc, blocks, split, sections, tuple(pieces), tuple(prose), tuple(plain))


def _heading_piece(doc: Document, block: Block, section: Section, region: Region | None) -> Piece:
    """The heading's title alone (no markup, no underline), title-cased when ALL CAPS so the
    model sees ordinary capitalisation; the same length keeps offsets exact."""
    if region is not None and region.kind is RegionKind.HEADING and region.visible:
        # what the format says a reader sees: markers, escapes and the underline are blanked
        lo = region.visible[0][0]
        hi = region.visible[-1][1]
        masked = visible_text(doc, block, region)
        text, offset = masked[lo - block.start_char : hi - block.start_char].replace("\n", " "), lo
    else:
        line_start = doc.line_starts[section.start_line - 1]
        line_end = doc.text.find("\n", line_start)
        line = doc.text[line_start : line_end if line_end != -1 else len(doc.text)]
        at = line.find(section.title)
        text, offset = (section.title, line_start + at) if at >= 0 else (line, line_start)
    if caps_share(text) > CAPS_TITLE_SHARE:
        titled = text.title()
        if len(titled) == len(text):
            text = titled
    return Piece(text, offset, block.index, False)


def _is_code(doc: Document, block: Block, region: Region | None) -> bool:
    """Code and markup-only blocks stay out of the prose: what the format marks as code or markup
    (fences, `code-block` bodies, `::` literal blocks, comments, directives, link definitions);
    in plain text, a fenced block."""
    if region is not None:
        return region.kind in _NOT_PROSE
    return not doc.regions and is_fence(block.text)


def finish(p: Prepared, analyses: Sequence[PieceAnalysis]) -> Report:
    """Everything after spaCy: entities, readability, stats, per-section scores."""
    doc = p.doc
    raw = [e for a in analyses for e in a.entities]
    prose_ranges = [(pc.offset, pc.offset + len(pc.text)) for pc in p.pieces if pc.prose]
    caps_headings = [
        (pc.offset, pc.offset + len(pc.text))
        for pc in p.pieces
        if not pc.prose and doc.text[pc.offset : pc.offset + len(pc.text)].isupper()
    ]
    entities = build_entities(
        doc,
        raw,
        scope=[(pc.offset, pc.offset + len(pc.text)) for pc in p.pieces],
        sections=p.sections,
        trusted=prose_ranges + caps_headings,
    )
    prose_text = _prose_text(p.prose)
    readability = replace(score_readability(prose_text), method=method())
    sentences = sum(len(a.sentences) for pc, a in zip(p.pieces, analyses, strict=True) if pc.prose)
    stats = Stats(
        words=word_count(prose_text),
        sentences=sentences,
        paragraphs=len(p.prose_blocks),
        reading_time_seconds=reading_time_seconds(prose_text),
    )
    starts = [p.blocks[i].start_char for i in p.prose_blocks]  # ascending: blocks are in order
    sections = tuple(_with_readability(p, s, starts) for s in p.sections)
    return Report(
        path=doc.path,
        document=doc,
        segments=p.split.segments,
        verdicts=p.split.verdicts,
        stats=stats,
        sections=sections,
        entities=entities,
        readability=readability,
        hardest=_hardest(p),
    )


def _hardest(p: Prepared) -> tuple[Passage, ...]:
    """The paragraphs with the highest grade level, hardest first; short ones are left out because
    one long sentence in a short paragraph says little about the text."""
    graded: list[tuple[float, int, int]] = []
    for i, text in zip(p.prose_blocks, p.prose, strict=True):
        words = len(text.split())
        if words < MIN_HARD_PARAGRAPH_WORDS:
            continue
        grade = grade_of(text)
        if grade is not None:
            graded.append((grade, i, words))
    graded.sort(key=lambda g: (-g[0], g[1]))
    out = []
    for grade, i, words in graded[:HARDEST_PARAGRAPHS]:
        b = p.blocks[i]
        out.append(Passage(b.start_line, b.end_line, b.start_char, b.end_char, grade, words, preview(b.text)))
    return tuple(out)


def _prose_text(texts: Iterable[str]) -> str:
    return "\n\n".join(texts)


def _with_readability(p: Prepared, s: Section, starts: Sequence[int]) -> Section:
    if s.words < MIN_SECTION_WORDS:
        return s
    lo, hi = bisect_left(starts, s.start_char), bisect_left(starts, s.end_char)
    return replace(s, readability=score_readability(_prose_text(p.prose[lo:hi])))
