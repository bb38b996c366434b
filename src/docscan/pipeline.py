"""Wires the analyses in one direction; entry points: `analyze_text`, `analyze_path`, `analyze_many`.

load -> blocks -> split unrelated -> sections -> nlp (spaCy, once) -> entities, readability.
The work before spaCy (`prepare`) and after it (`finish`) is separate so a batch can send the
pieces of many documents through one `nlp.pipe` call.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from . import nlp
from .blocks import split_blocks
from .entities import build_entities
from .errors import DocscanError, InputError
from .loading import decode_bytes, load_path
from .model import (
    Block,
    Document,
    ErrorInfo,
    Markup,
    Options,
    Passage,
    Piece,
    PieceAnalysis,
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
from .relevance import keep_whole, preview, split_unrelated
from .sections import detect_sections, lead_in_label

__all__ = ["Options", "analyze_document", "analyze_many", "analyze_path", "analyze_text", "failure"]

# The hardest paragraphs listed in the report: how many, and the shortest paragraph considered.
HARDEST_PARAGRAPHS = 3
MIN_HARD_PARAGRAPH_WORDS = 30
# Documents longer than this (characters) are analyzed whole, without the unrelated-content split.
MAX_SPLIT_CHARS = 2_000_000
_RST_INLINE = re.compile(
    r"`([^`<]+?)\s*<[^>]+>`__?|``([^`]+)``|:[\w:+-]+:`([^`<]+?)(?:\s*<[^>]+>)?`|\*\*([^*]+)\*\*|`([^`]+)`_{0,2}"
)
_CODE_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_MD_INLINE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|`([^`]*)`|(\*\*|__)(.+?)\3|<[^>\n]+>")


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
    """Analyze a string (library use); the checks for files (empty, binary) apply.

    Offsets index `text` itself (after newlines are normalised to LF, as for files): a leading
    U+FEFF is kept, since the byte-order mark added here is the one the decoder strips, and lone
    surrogates, which no encoding can carry (nor the JSON output), become U+FFFD one for one,
    with a warning in `document.warnings`."""
    import codecs
    import hashlib

    clean, lone = re.subn("[\ud800-\udfff]", "\ufffd", text)
    data = clean.encode("utf-8")
    doc = decode_bytes(codecs.BOM_UTF8 + data, path=path)
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
    pieces: list[Piece] = []
    prose: list[int] = []
    plain: list[str] = []
    for i in split.main_blocks:
        block = blocks[i]
        if _is_code(block, blocks[i - 1] if i else None, doc.markup):
            continue
        if i in headings:
            pieces.append(_heading_piece(doc, block, headings[i]))
            continue
        text = _plain(block.text, doc.markup)
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


def _heading_piece(doc: Document, block: Block, section: Section) -> Piece:
    """The heading's title alone (no markup, no underline), title-cased when ALL CAPS so the
    model sees ordinary capitalisation; the same length keeps offsets exact."""
    line_start = doc.line_starts[section.start_line - 1]
    line_end = doc.text.find("\n", line_start)
    line = doc.text[line_start : line_end if line_end != -1 else len(doc.text)]
    at = line.find(section.title)
    text, offset = (section.title, line_start + at) if at >= 0 else (line, line_start)
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.8 * len(letters):
        titled = text.title()
        if len(titled) == len(text):
            text = titled
    return Piece(text, offset, block.index, False)


def _plain(text: str, markup: Markup) -> str:
    """Block text for spaCy and the prose statistics: wrapped lines joined, inline markup of
    Markdown or reStructuredText blanked out around the words a reader sees. Every replacement
    keeps the length, so offsets still index the document."""
    text = text.replace("\n", " ")
    if markup is Markup.MARKDOWN:
        text = _MD_INLINE.sub(_keep_visible, text)
    elif markup is Markup.RST:
        text = _RST_INLINE.sub(_keep_visible, text)
    return text


def _keep_visible(m: re.Match[str]) -> str:
    """The first non-empty group is what a reader sees; the rest of the match becomes spaces."""
    whole = m.group(0)
    visible = next((g for g in m.groups() if g and not set(g) <= set("*_`")), None)
    if visible is None:
        return " " * len(whole)
    at = whole.find(visible)
    return " " * at + visible + " " * (len(whole) - at - len(visible))


def _is_code(block: Block, previous: Block | None, markup: Markup) -> bool:
    """Code and markup-only blocks stay out of the prose: fenced code, and in reStructuredText
    directives, comments and link targets (`.. x::`, `..`), and the indented literal block
    announced by a paragraph ending in `::`."""
    if _CODE_FENCE.match(block.text):
        return True
    if markup is not Markup.RST:
        return False
    if block.text.startswith(".."):
        return True
    return (
        previous is not None
        and previous.text.rstrip().endswith("::")
        and block.text[:1] in " \t"
    )


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
