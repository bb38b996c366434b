"""Headings, their levels and paragraph lead-in labels; entry point: `detect_sections`.

Evidence, strongest first. Markup decides when the document has it: Markdown ATX and setext
headings outside code fences, reStructuredText adornments (level by order of first appearance);
once a document marks its headings, unmarked lines are not headings. Without markup a line is
judged by what real plain-text documents show: numbering (`2.1 Scope`, depth = level) that is
consistent across the document, chapter words (`CHAPTER IV`), entries of a table of contents
(the contents lines themselves are not headings; a later line repeating an entry is), a short
title-like line standing alone above prose (or above a table or a list of quantities), a long one
(15-20 words, no sentence punctuation) above a paragraph, column 0 in a document whose prose is
indented.
Against it: indentation deeper than the prose (code, quotes, captions, letters), list markers,
front matter fields (`PEP: 8`, `Date: 12 March 2026`), lines repeated many times (page furniture,
link labels), a caption (`Figure 3: ...`), bylines and who posted a comment, a sentence ending or
a sentence fragment, a line inside a wrapped paragraph. Levels of unnumbered headings follow the
order in which their visual styles first appear (as reStructuredText does), refined by stacking
(a heading directly under another is its child), well-known top-level section names and names
that recur (subsection names).
Lead-ins are paragraphs that open with a short `Label:`; they become sub-sections one level
below the current heading. Only main-text blocks are considered.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .blocks import block_regions, visible_text
from .model import Block, Document, Region, RegionKind, Section, SectionKind
from .pagelayout import _FUNCTION as _FUNCTION_WORDS  # the closed class of English function words
from .pagelayout import content_words, is_byline_or_date, shares_vocabulary
from .text import (
    FRAGMENT_END,
    MAX_HEADING_CHARS,
    MAX_HEADING_WORDS,
    STRONG_START,
    indent,
    is_adornment,
    is_all_caps,
    is_fence,
    is_link_definition,
    is_list_item,
    is_title_like,
    strip_closers,
    underlines,
    word_count,
    words,
)

__all__ = [
    "count_words", "detect_sections", "heading_verdicts", "lead_in_label", "lead_in_verdict", "style_evidence"
]  # fmt: skip

# A lead-in label has at most this many words (the corpus gold uses the same bound for bold labels).
MAX_LABEL_WORDS = 8
# The text after a lead-in label must read as prose: at least this many words, unless the
# paragraph is a one-line `Label: value.` whose value cannot be a subtitle.
MIN_LEADIN_BODY_WORDS = 5
# A block with at least this many words reads as a paragraph (bench/headings.py, 2026-11-29).
MIN_PROSE_WORDS = 8
# At most this many short lines in a row can be headings stacked above prose (title, section,
# subsection) at the top of a document, one fewer further down; a longer run of short lines is a
# list, an address or a table (bench/headings.py, 2026-11-29).
MAX_HEADING_STACK = 3
# Once a document marks this many headings with markup, unmarked lines are not headings.
MIN_MARKUP_HEADINGS = 2
# A document with this many chapter-word headings, or numbered headings that go down to
# sub-levels, has an explicit scheme; a line that only looks like a heading then needs
# corroboration (TOC entry, column 0 above indented prose) (bench/headings.py, 2026-11-29).
MIN_SCHEME_HEADINGS = 3
# A table of contents is read for at most this many lines after its `Contents` line.
MAX_TOC_LINES = 2000
# An untitled table of contents: a run of at least this many short lines, at least this many of
# whose entries recur further down above prose (headings/web getpocket-tos: 30 entries, 27 recur).
MIN_UNTITLED_TOC_ENTRIES = 3
# A short line that occurs this many times is page furniture or a repeated label, not a heading.
MAX_REPEATS = 3

_ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
# HTML headings left in Markdown or scraped text.
_HTML_H = re.compile(r"^\s*<h([1-6])\b[^>]*>(.*?)</h\1>\s*$", re.I)
# AsciiDoc and wiki-style section titles: `= Title`, `== Section` (plain text only).
_EQ_TITLE = re.compile(r"^(={1,6})\s+(\S.*?)(?:\s+=+)?\s*$")
_NUMBERED = re.compile(
    r"^(?P<num>(?:(?:Appendix|APPENDIX|Annex|ANNEX)\s+[A-Z](?:\.\d{1,2}){0,5}|\d{1,2}(?:\.\d{1,2}){0,5}"
    r"|[A-Z](?:\.\d{1,2}){1,5}|[IVXLC]{1,7}(?=\.\s)))"
    r"(?P<dot>[.)]?)(?P<sep>\s+)(?P<title>\S.*)$"
)
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|first|second|third|fourth|fifth|sixth|seventh|"
    "eighth|ninth|tenth|eleventh|twelfth|last|the"
)
_CHAPTER = re.compile(
    r"^(VOLUME|BOOK|PART|CHAPTER|Volume|Book|Part|Chapter|ACT|Act|SCENE|Scene)\s+"
    rf"([IVXLCDM]+|\d+|(?i:{_NUMBER_WORDS}))\b[.:]?",
)
# Page furniture: "Page 3", "- 12 -", "[Page 5]".
_PAGE = re.compile(r"^\W*(page\s+)?\d{1,4}\W*$|\[page\s+\d+\]", re.I)
_CHAPTER_RANK = {"volume": 1, "book": 2, "part": 2, "act": 2, "chapter": 3, "scene": 4}
# The prose starts on the label's line: `Term:` alone above an indented body is a definition list.
_LEADIN = re.compile(r"^\s*([A-Z][^:\n]{0,80}?)\s*:[ \t]+(\S.*)", re.S)
_FIELD = re.compile(r"^(?:[-*]\s+)?[A-Z][\w()/.-]*(?: [\w()/.-]+){0,3}:(\s+\S|\s*$)")
_CAPTION = re.compile(r"^(Figure|Fig|Table|Listing|Image|Photo|Exhibit|Chart|Source|Credit)s?(\.|\b)", re.I)
# Admonitions flag a remark rather than name a topic (the reStructuredText admonition names).
_ADMONITION = re.compile(
    r"^(note|notes|warning|caution|tip|hint|important|attention|danger|error|see also|todo|update|ps|p\.s)\b", re.I
)
# Openers that end in a colon but introduce a clause, not a label.
_DISCOURSE = frozenset(
    ["in short", "in summary", "in conclusion", "for example", "for instance", "in other words", "that is",
     "in particular", "note that", "in addition", "however", "therefore", "finally", "first", "second"]
)  # fmt: skip
# A lead-in body shorter than this must end like a sentence (or be a code value); a shorter
# unpunctuated line is a heading or a link title (bench/headings.py, 2026-11-29).
MIN_OPEN_BODY_WORDS = 12
_CONTENTS = re.compile(r"^\s*(table\s+of\s+)?contents\.?\s*:?\s*$", re.I)
_NUM_PREFIX = re.compile(
    r"^(appendix\s+[a-z]\.?\s*|(\d+|[a-z]|[ivxlcdm]+)(\.\d+)*\.?\s+|(chapter|book|part|volume)\s+\S+\.?\s*)", re.I
)
_PAGE_REF = re.compile(r"(\s*\.{2,}\s*|\s{2,})\d{1,4}\s*$")
_CODEISH = re.compile(r"[{};]\s*$|^\s*(def|class|fn|let|var|const|import|from|return|if|for|while)\s|\s=\s|=>|::|^\$ ")
_TERMINAL = ".,;:!"
_LABEL_STOP = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "added",
        "wrote",
        "asked",
        "warned",
        "noted",
        "explained",
        "argued",
        "replied",
        "writes",
        "according",
        "is",
        "are",
        "was",
        "were",
        "be",
    ]
)
# Words that open a sentence running on through the colon ("Among its key findings: ...").
# Articles are not among them: "The key distinction:" labels (bench/headings.py, 2026-11-30).
_OPENERS = frozenset(
    ["among", "after", "before", "during", "here", "below", "above", "following", "of", "in", "for", "at", "on",
     "with", "from", "by", "to", "as"]
)  # fmt: skip
# A phrase opening with one of _OPENERS of at most this many words over a capitalised sentence is a
# label ("By the numbers: The ...", "In brief: Use fell ..."); "Among its key findings:" has four.
MAX_OPENER_LABEL_WORDS = 3
# A sentence-case label of at least this many words over a lower-case continuation is one sentence
# (every gold lead-in of headings/ with a lower-case body has a one- or two-word label).
MIN_RUN_ON_WORDS = 3
# A label does not open with a pronoun: "It works like this:" is a sentence.
_PRONOUN_START = frozenset(["he", "she", "they", "we", "i", "it", "this", "that", "there", "you"])  # fmt: skip


def count_words(text: str) -> int:
    """Words in a text (`text.word_count`; kept here for callers of the outline)."""
    return word_count(text)


@dataclass(frozen=True, slots=True)
class _Label:
    """A `Label: body` candidate, with what the label rules look at."""

    text: str
    label: str
    body: str
    words: tuple[str, ...]
    lowered: tuple[str, ...]  # words lower-cased, possessives and dots cut
    titled: bool  # every word after the first capitalised (or not a word)


# A label rule: (name, fires). The first rule that fires rejects the label, naming why.
_LabelRule = tuple[str, Callable[[_Label], bool]]


def _capitalised_share_low(c: _Label) -> bool:
    content = [w for w in c.words if len(w) > 3]
    capitalised = sum(1 for w in content if w[:1].isupper())
    return len(c.words) > 4 and bool(content) and capitalised < 0.5 * len(content)


def _pronoun_start(c: _Label) -> bool:
    # "This Week: ..." names a topic; "This works like this: ..." is a sentence
    return c.lowered[0] in _PRONOUN_START and not (c.lowered[0] == "this" and len(c.words) > 1 and c.titled)


def _unfinished_value(c: _Label) -> bool:
    value = c.body.strip()
    return count_words(value) < MIN_OPEN_BODY_WORDS and value[-1:] not in '.!?:)"”’' and not _code_value(value)


def _sentence_opener(c: _Label) -> bool:
    """A sentence runs on through the colon ("Among its key findings: households ..."). A short
    phrase over a sentence of its own ("By the numbers: The trial will cost ...") names what the
    paragraph gives, as a label does."""
    if not (len(c.words) > 1 and c.lowered[0] in _OPENERS and not c.titled):
        return False
    return not (len(c.words) <= MAX_OPENER_LABEL_WORDS and c.body.lstrip("\"“‘'*_ ")[:1].isupper())


def _runs_on(c: _Label) -> bool:
    """A sentence-case phrase of several words over a lower-case continuation ("Small changes add
    up: a typical household can ...") is one sentence; a one- or two-word label ("Question: should
    we ...") or a numbered one ("Check 1") still labels."""
    later = [w for w in c.words[1:] if len(w) > 3]
    return (
        len(c.words) >= MIN_RUN_ON_WORDS
        and bool(later)
        and not any(w[:1].isupper() for w in later)  # "Background and Motivation" is capitalised
        and not any(ch.isdigit() for ch in c.label)
        and c.body.lstrip()[:1].islower()
    )


LABEL_RULES: tuple[_LabelRule, ...] = (
    ("too long or too short", lambda c: len(c.words) > MAX_LABEL_WORDS or len(c.label) < 2),
    # "Date created : 2015-05-12", "Price: $40": a field with a value, no prose to label
    ("value is a bare number or date", lambda c: _bare_value(c.body) or _date_value(c.body)),
    (
        "short value that reads as a subtitle",
        lambda c: count_words(c.body) < MIN_LEADIN_BODY_WORDS and not _short_value_ok(c.text, c.body),
    ),
    (
        "clause punctuation or a link",
        lambda c: _clause_punctuation(c.label) or c.label.endswith(("http", "https")),
    ),
    # the colon sits inside a parenthesis, a link or a code span
    (
        "colon inside brackets or code",
        lambda c: c.label.count("(") != c.label.count(")") or c.label.count("`") % 2 == 1,
    ),
    # "Joel Mokyr (2011) – The Enlightened Economy: ..." cites; "Actor(s):" labels
    ("citation", lambda c: ("(" in c.label or ")" in c.label) and len(c.words) > 3),
    (
        "admonition",
        lambda c: bool(_ADMONITION.match(c.label)) and not _flagged_paragraph(c.label, list(c.words), c.body),
    ),
    ("open emphasis", lambda c: c.label.count("_") % 2 == 1 or c.label.count("*") % 2 == 1),
    # a version number (protocol text), a caption, or a sentence before the colon
    (
        "version number, caption or sentence",
        lambda c: bool(
            re.search(r"\d\.\d", c.label) or _CAPTION.match(c.label) or re.search(r"[\w)]\.\s+[A-Z]", c.label)
        ),
    ),
    ("reporting verb", lambda c: any(w in _LABEL_STOP for w in c.lowered)),
    ("pronoun", _pronoun_start),
    ("discourse opener", lambda c: " ".join(c.lowered) in _DISCOURSE),
    ("sentence opener", _sentence_opener),
    # "Think of it as: ...", "The reason is that: ...": a name does not end on a function word
    ("ends on a function word", lambda c: len(c.words) > 1 and c.lowered[-1] in FRAGMENT_END),
    # "Small changes add up: a typical household can ...": one sentence running on through the colon
    ("sentence running through the colon", _runs_on),
    ("not capitalised like a title", _capitalised_share_low),
    ("value neither a sentence nor code", _unfinished_value),
)


# A comma before a date or a number in a label ("Update, 3 May", "Session 2, Day 1") dates or
# numbers it; it does not join two clauses.
_DATED = re.compile(r",\s*(?=[^,;]*\d)[\w.-]+(?:\s+[\w.-]+){0,2}\s*$")


def _clause_punctuation(label: str) -> bool:
    """A comma or semicolon joining clauses, or quotes and brackets of a link. A semicolon inside
    a word ("TL;DR") joins no clauses, and a comma before a date or a number ("Update, 3 May")
    qualifies the label."""
    if any(ch in label for ch in '"“”[]'):
        return True
    core = _DATED.sub("", label)
    return bool(re.search(r"[,;](\s|$)", core))


def lead_in_verdict(text: str) -> tuple[tuple[str, int] | None, str]:
    """The label of a `Label: prose...` paragraph and the offset where its prose starts (or None),
    with the named rule that rejected it ("" when accepted or when there is no `Label:` shape).

    A label is a short name for what follows, so it carries no clause punctuation, no reporting
    verb ("He said:") and, when longer than three words, reads capitalised like a title.
    `LABEL_RULES` lists every check in order."""
    m = _LEADIN.match(text)
    if not m:
        return None, ""
    label, body = m.group(1).strip(), m.group(2)
    words = tuple(label.split())
    if not words:
        return None, ""
    c = _Label(
        text=text,
        label=label,
        body=body,
        words=words,
        lowered=tuple(w.lower().replace("’", "'").split("'")[0].strip(".") for w in words),
        titled=all(w[:1].isupper() or not w[:1].isalpha() for w in words[1:]),
    )
    for name, fires in LABEL_RULES:
        if fires(c):
            return None, name
    return (label, m.start(2)), ""


def lead_in_label(text: str) -> tuple[str, int] | None:
    """The label of a `Label: prose...` paragraph and the offset where its prose starts."""
    return lead_in_verdict(text)[0]


_PARENTHESIS = re.compile(r"\s*\([^()]*\)")


def _flagged_paragraph(label: str, words: list[str], body: str) -> bool:
    """`NOTE: <a sentence>`, `Note: Developers can ...`, `Update (May 3): The council ...`,
    `Update, 3 May: ...`: an admonition word over a paragraph of prose labels that paragraph,
    when it is shouted in capitals or the prose after it starts a sentence of its own. A remark
    that runs on in lower case ("Note: it remains possible to ...", read "note that ...") flags
    a clause, not a paragraph: allowing those too added 3 false lead-ins in the PEPs and drafts
    of headings/ (bench/headings.py, 2026-11-30); an admonition on a line of its own has no
    prose to label."""
    core = _DATED.sub("", _PARENTHESIS.sub("", label)).split()
    if len(core) != 1 or len(core[0]) <= 2 or count_words(body) < MIN_LEADIN_BODY_WORDS:
        return False
    first = body.lstrip("\"“‘'*_ ")[:1]
    return core[0].isupper() or first.isupper()


def _bare_value(value: str) -> bool:
    """A value with digits and no word of two letters or more (code in backticks is a value of its own)."""
    v = value.strip()
    return bool(v) and v[:1] != "`" and not re.search(r"[^\W\d_]{2}", v) and any(ch.isdigit() for ch in v)


def _date_value(value: str) -> bool:
    """A value that is a date and nothing more ("12 March 2026", "May 3, 2025, 10:00")."""
    v = value.strip()
    m = _DATE.match(v)
    return m is not None and not re.search(r"[^\W\d_]{2}", _TIME_OF_DAY.sub("", v[m.end() :]))


def _code_value(value: str) -> bool:
    return value[:1] in "`$0123456789"


def _short_value_ok(text: str, body: str) -> bool:
    """A one-line `Label: value` with a short value is a lead-in when the value cannot be read as
    a subtitle: it ends a sentence, starts in lower case, or is code or a number."""
    if "\n" in text.strip() or (count_words(body) < 1 and not body.strip()):
        return False
    b = body.strip()
    return b[-1:] in ".!?" or b[:1].islower() or _code_value(b)


def _norm(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).replace("’", "'")
    t = re.sub(r"[`*_#=]", "", t)
    return re.sub(r"\s+", " ", t).strip().lower().rstrip(".: ")


def _norm_key(text: str) -> str:
    """A title with its numbering removed, for matching body lines to contents entries."""
    t = _norm(_PAGE_REF.sub("", text))
    return _NUM_PREFIX.sub("", t).strip()


@dataclass(frozen=True, slots=True)
class _Candidate:
    block: int
    line: int
    title: str
    scheme: str  # "markup", "numbered", "chapter", "style"
    level: int  # markup level, numbering depth, chapter rank; 0 for style
    signature: tuple[object, ...] = ()
    rule: str = ""  # the named rule that made it a heading (shown by --explain)


class _Doc:
    """Document-wide evidence computed once: lines, prose indentation, front matter, the table of
    contents, repeated lines, code blocks, and each main block's neighbours."""

    def __init__(self, doc: Document, blocks: tuple[Block, ...], main: tuple[int, ...]) -> None:
        self.doc = doc
        self.blocks = blocks
        self.main = main
        self.lines = doc.text.split("\n")
        self.pos = {b: k for k, b in enumerate(main)}
        # what the format says each block is; plain text says nothing and layout decides
        self.regions = block_regions(doc, blocks)
        self.marked = bool(doc.regions)
        kinds = {i: r.kind for i in main if (r := self.regions[i]) is not None}
        # regions add to the layout evidence, they do not replace it: a `.txt` file read as
        # Markdown still has its link-definition lines and fences seen as such
        self.code = {i for i in main if kinds.get(i) is RegionKind.CODE or is_fence(blocks[i].text.lstrip())}
        self.linkdef = {
            i
            for i in main
            if kinds.get(i) is RegionKind.OTHER or all(is_link_definition(x) for x in blocks[i].text.split("\n"))
        }
        self.decor = {i for i in main if _is_decoration(blocks[i].text)}
        self.invisible = self.linkdef | self.decor
        self.prose_indent = self._prose_indent()
        self.front = self._front_matter() | {i for i in main if kinds.get(i) is RegionKind.FRONT_MATTER}
        self.toc_lines, self.toc_keys = self._contents()
        if not self.toc_keys:
            self.toc_lines, self.toc_keys = self._untitled_contents()
        counts = Counter(_norm(x) for x in self.lines if x.strip() and len(x) <= MAX_HEADING_CHARS)
        self.repeated = {k for k, n in counts.items() if n >= MAX_REPEATS}
        # link rows ("Article PubMed Google Scholar") vary at the front and repeat at the end
        tails = Counter(" ".join(k.split()[-2:]) for k in counts.elements() if len(k.split()) >= 2)
        self.repeated_tails = {k for k, n in tails.items() if n >= MAX_REPEATS + 1}
        self.credit_lines = _credit_lines(self.lines, main, blocks)
        self.skip = self.code | self.linkdef | self.decor | self.front
        self.first_prose = next((k for k, i in enumerate(main) if self.is_prose(i)), len(main))
        self.question_headings = 0  # questions taken as headings so far, top down (style rules)
        self.long_titles = 0  # long titles (`_long_title`) taken as headings so far, top down
        # the drawing of the heading over a list whose one-line items follow, until another heading
        # or a paragraph of several lines (style rules, top down)
        self.list_head: str | None = None
        # how the headings above prose are drawn ("title", "sentence", "caps"), counted as they are
        # taken: a line drawn like them, next to a list drawn otherwise, heads or follows that list
        self.head_drawings: Counter[str] = Counter()

    def _prose_indent(self) -> int:
        """The indentation most prose lines share (0 in most text, 3 in RFCs)."""
        votes: Counter[int] = Counter()
        for i in self.main:
            if i in self.code:
                continue
            for line in self.blocks[i].text.split("\n"):
                if count_words(line) >= MIN_PROSE_WORDS and not is_list_item(line):
                    votes[indent(line)] += 1
        return votes.most_common(1)[0][0] if votes else 0

    def _front_matter(self) -> set[int]:
        """Header fields at the top (`PEP: 8`, `- Start Date: ...`, an RFC's header block, YAML)."""
        out: set[int] = set()
        first = next((k for k, x in enumerate(self.lines) if x.strip()), None)
        if first is None:
            return out
        if self.lines[first].strip() == "---":
            end = next((k for k in range(first + 1, len(self.lines)) if self.lines[k].strip() == "---"), None)
            run = range(first, end + 1) if end is not None else range(0)
        else:
            end = first
            while end < len(self.lines) and self.lines[end].strip():
                end += 1
            run = range(first, end)
            # every line is a field, a two-column header line, or an indented continuation
            fields = 0
            for k in run:
                x = self.lines[k]
                if _FIELD.match(x.strip()) or _two_columns(x):
                    fields += 1
                elif not (fields and indent(x) > 0):
                    return out
            if fields < 2:
                return out
        lines = {k + 1 for k in run}
        for i in self.main:
            if self.blocks[i].start_line in lines:
                out.add(i)
        return out

    def _contents(self) -> tuple[set[int], set[str]]:
        """Lines of a table of contents (after a `Contents` line) and their normalised titles.

        The contents run ends at the first prose, at a long gap, or where a line repeats the
        first entry (the body's first heading)."""
        toc: set[int] = set()
        keys: set[str] = set()
        for k, line in enumerate(self.lines):
            if not _CONTENTS.match(line) or k > 0.5 * len(self.lines):
                continue
            first_key = ""
            blanks = 0
            j = k + 1
            entries = 0
            entry_indent = next((indent(x) for x in self.lines[k + 1 : k + 10] if x.strip()), 0)
            while j < min(len(self.lines), k + MAX_TOC_LINES):
                x = self.lines[j]
                if not x.strip():
                    blanks += 1
                    if blanks >= 3 and entries:
                        break
                    j += 1
                    continue
                key = _norm_key(x)
                if entries and (key == first_key or count_words(x) > MAX_HEADING_WORDS + 4):
                    break
                if entries and blanks and indent(x) < entry_indent:
                    break  # back at a shallower indentation after a gap: the body
                blanks = 0
                if not first_key:
                    first_key = key
                entries += 1
                toc.add(j + 1)
                if key:
                    keys.add(key)
                j += 1
            if entries >= 3:
                break
            toc.clear()
            keys.clear()
        return toc, keys

    def _untitled_contents(self) -> tuple[set[int], set[str]]:
        """A table of contents with no `Contents` line (a page's "on this page" links): a run of
        short one-line blocks whose entries recur further down, each above prose. The run's lines
        are then contents lines, and the lines that repeat its entries are its headings. One pass
        over the blocks, whatever the number of runs."""
        runs: list[list[int]] = [[]]
        last_above_prose: dict[str, int] = {}  # key -> last position of a one-line block above prose
        for k, i in enumerate(self.main):
            b = self.blocks[i]
            if b.start_line != b.end_line:
                if runs[-1]:
                    runs.append([])
                continue
            if not is_title_like(self.lines[b.start_line - 1]):
                if runs[-1]:
                    runs.append([])
                continue
            if k + 1 < len(self.main) and self.is_prose(self.main[k + 1]):
                last_above_prose[_norm_key(b.text)] = k
            if not self.is_prose(i):
                runs[-1].append(i)
            elif runs[-1]:
                runs.append([])
        for run in runs:
            if len(run) < MIN_UNTITLED_TOC_ENTRIES:
                continue
            end = self.pos[run[-1]]
            keys = {_norm_key(self.blocks[i].text) for i in run}
            found = {key for key in keys if last_above_prose.get(key, -1) > end}
            if len(found) >= MIN_UNTITLED_TOC_ENTRIES:
                return {self.blocks[i].start_line for i in run}, found
        return set(), set()

    def prev_block(self, i: int) -> int | None:
        k = self.pos[i] - 1
        while k >= 0 and self.main[k] in self.invisible:
            k -= 1
        return self.main[k] if k >= 0 else None

    def next_block(self, i: int) -> int | None:
        k = self.pos[i] + 1
        while k < len(self.main) and self.main[k] in self.invisible:
            k += 1
        return self.main[k] if k < len(self.main) else None

    def blank_before(self, line: int) -> int:
        """How many blank lines precede a 1-based line (a document start counts as many)."""
        n, k = 0, line - 2
        while k >= 0 and not self.lines[k].strip():
            n += 1
            k -= 1
        return n if k >= 0 else 9

    def blank_after(self, line: int) -> bool:
        k = line
        while k < len(self.lines) and is_link_definition(self.lines[k]):
            k += 1
        return k >= len(self.lines) or not self.lines[k].strip()

    def is_prose(self, i: int, strict: bool = True) -> bool:
        """A paragraph. Strictly, a one-line block must also end like a sentence (or be longer than
        a heading): a long unpunctuated line is a link title or caption, which no heading sits on."""
        b = self.blocks[i]
        if i in self.code or i in self.front:
            return False
        n = count_words(b.text)
        sentence = strip_closers(b.text)[-1:] in ".!?:;"
        if strict and b.end_line == b.start_line and n <= MAX_HEADING_WORDS and not sentence:
            return False  # an unpunctuated short line is a title, a caption or a link, not prose
        return n >= MIN_PROSE_WORDS or (n >= 3 and not is_list_item(b.text) and (b.end_line > b.start_line or sentence))


# "Understanding Queues by Jane Roe": a link to a piece and its author, as newsletters and link
# roundups list them; "... by Mail User Agents" (an RFC heading) is one line, not a habit.
_BY_AUTHOR = re.compile(
    r"\S\s+by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)+(?:\s+(?:of|at|for)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)?\s*$"
)
# The same credit with "from" (a tool or a piece from its maker), trusted only in a credit's slot.
_FROM_MAKER = re.compile(_BY_AUTHOR.pattern.replace(r"\s+by\s+", r"\s+from\s+", 1))
# A document that ends at least this many of its one-line blocks with "by Author" lists credits
# (headings/web indieiosfocus: 9 such lines; no other document of headings/ has more than 2).
MIN_CREDIT_LINES = 3


def _credit_lines(lines: list[str], main: tuple[int, ...], blocks: tuple[Block, ...]) -> set[int]:
    """Line numbers of one-line blocks that credit an author ("Title by Jane Roe"), when the
    document does so as a habit: link titles of a roundup, never its headings or its prose."""
    found = {
        b.start_line
        for i in main
        if (b := blocks[i]).start_line == b.end_line
        and len(lines[b.start_line - 1]) <= MAX_PAGE_TITLE_CHARS
        and _BY_AUTHOR.search(lines[b.start_line - 1].strip())
    }
    if len(found) < MIN_CREDIT_LINES:
        return set()
    # where the habit is established, "Tempura from Bending Spoons" in a credit's slot (a one-line
    # block right under an item's paragraph) credits its maker the same way (headings/web
    # indieiosfocus; "... from CONTINUATION." in a changelog has no habit around it)
    for k in range(1, len(main)):
        b, pb = blocks[main[k]], blocks[main[k - 1]]
        line, above = lines[b.start_line - 1].strip(), pb.text.strip()
        if (
            b.start_line == b.end_line
            and len(line) <= MAX_PAGE_TITLE_CHARS
            and _FROM_MAKER.search(line)
            and count_words(above) >= MIN_PROSE_WORDS
            and strip_closers(above)[-1:] in ".!?"
        ):
            found.add(b.start_line)
    return found


def _two_columns(line: str) -> bool:
    """An RFC-style header line: two fields separated by a wide gap."""
    return bool(re.search(r"\S\s{6,}\S", line))


def _is_decoration(text: str) -> bool:
    """HTML comments and bare anchors/tags: invisible structure, neither heading nor prose."""
    s = text.strip()
    return bool(re.fullmatch(r"(<!--.*?-->|<[^>\n]*>\s*(</[^>\n]*>)?)", s, re.S))


def _markup_candidates(d: _Doc) -> list[_Candidate]:
    """Headings the author marked. In a marked-up format, its heading regions (the format decided,
    levels included). In plain text, lines that layout alone marks: `# Title`, HTML `<hN>`,
    AsciiDoc `= Title`, and a title underlined (and perhaps overlined) by a punctuation run, with
    levels by order of first appearance of each underline style; never inside code, front matter
    or indented deeper than the prose."""
    if d.marked:
        return _region_candidates(d)
    out: list[_Candidate] = []
    styles: list[tuple[str, bool]] = []
    for i in d.main:
        if i in d.code or i in d.front:
            continue
        b = d.blocks[i]
        lines = b.text.split("\n")
        m = _ATX.match(lines[0])
        if m and len(lines) == 1 and m.group(2).strip() and not indent(lines[0]):
            out.append(_Candidate(i, b.start_line, m.group(2).strip(), "markup", len(m.group(1)), rule="hash title"))
            continue
        m = _HTML_H.match(b.text)
        inner = re.sub(r"<[^>]+>", "", m.group(2)).strip() if m else ""
        if m and inner:
            out.append(_Candidate(i, b.start_line, inner, "markup", int(m.group(1)), rule="html heading tag"))
            continue
        m = _EQ_TITLE.match(lines[0])
        if m and len(lines) == 1:
            out.append(_Candidate(i, b.start_line, m.group(2).strip(), "markup", len(m.group(1)), rule="equals title"))
            continue
        if 2 <= len(lines) <= 3 and underlines(lines[-2], lines[-1]):
            over = len(lines) == 3 and is_adornment(lines[0])
            if len(lines) == 3 and not over:
                continue
            title = lines[1] if over else lines[0]
            if indent(title) > d.prose_indent:
                continue
            char = lines[-1].strip()[0]
            if is_list_item(title) or char == "`":
                continue
            style = (char, over)
            if style not in styles:
                styles.append(style)
            level = styles.index(style) + 1
            rule = "overlined title" if over else "underlined title"
            out.append(_Candidate(i, b.start_line + (1 if over else 0), title.strip(), "markup", level, rule=rule))
    return out


def _visible_title(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The visible spans joined as a reader reads them: adjacent spans run together (`C` + `# tips`),
    spans on different lines are separated by a space."""
    parts: list[str] = []
    prev = -1
    for lo, hi in spans:
        if parts and "\n" in text[prev:lo]:
            parts.append(" ")
        parts.append(text[lo:hi])
        prev = hi
    return " ".join("".join(parts).split())


def _region_candidates(d: _Doc) -> list[_Candidate]:
    """The format's heading regions, titled by what a reader sees (`## C\\# tips` is `C# tips`)."""
    out: list[_Candidate] = []
    rule = f"{d.doc.format} heading"
    for i in d.main:
        r = d.regions[i]
        b = d.blocks[i]
        if r is None or r.kind is not RegionKind.HEADING or b.start_line != r.start_line or i in d.front:
            continue
        # No visible spans means "the lines as they are" (HTML, DOCX and PDF extract plain lines).
        spans = r.visible or ((b.start_char, b.end_char),)
        title = _visible_title(d.doc.text, spans)
        if not title or indent(d.lines[b.start_line - 1]) > d.prose_indent:
            continue  # indented deeper than the prose: a comment in code the format took for a title
        line = d.doc.line_of(spans[0][0])
        out.append(_Candidate(i, line, title, "markup", max(1, r.level), rule=rule))
    return out


def _strong_candidate(d: _Doc, i: int) -> _Candidate | None:
    """A numbered or chapter-word heading line (possibly wrapped onto a second line)."""
    b = d.blocks[i]
    lines = b.text.split("\n")
    first = lines[0]
    if indent(first) > d.prose_indent:
        return None  # indented deeper than the prose: a list item, code or a caption
    text = first.strip()
    if len(lines) == 1:
        m = _CHAPTER.match(text)
        if m and count_words(text) <= MAX_HEADING_WORDS and not text.endswith(","):
            return _Candidate(i, b.start_line, text, "chapter", _CHAPTER_RANK[m.group(1).lower()], rule="chapter word")
    m = _NUMBERED.match(text)
    if not m:
        return None
    title = m.group("title")
    if len(lines) == 2:
        # an RFC wraps a long numbered title onto an indented second line
        cont = lines[1]
        if indent(cont) <= indent(first) or count_words(title + " " + cont) > MAX_HEADING_WORDS + 6:
            return None
        title = title + " " + cont.strip()
        text = text + " " + cont.strip()
    elif len(lines) != 1:
        return None
    if not is_title_like(title) and not (len(lines) == 2 and strip_closers(title)[-1:] not in _TERMINAL):
        return None
    if _byline(text) or re.match(rf"{_MONTH},?\s+\d{{4}}\b", title, re.I):
        return None  # "27. March, 2021 at 18:33": a date, not a section number
    num = m.group("num")
    # "1 Introduction" is a heading only with a clear scheme around it; "3 eggs" is not
    if num.isdigit() and not m.group("dot") and len(m.group("sep")) < 2 and _norm_key(text) not in d.toc_keys:
        return None
    depth = num.split()[-1].count(".") + 1 if num[0].isalpha() and " " in num else num.count(".") + 1
    return _Candidate(i, b.start_line, text, "numbered", depth, rule="section number")


def _numbering_is_scheme(d: _Doc, cands: list[_Candidate]) -> set[int]:
    """Numbered lines that behave like section numbers rather than a numbered list.

    A list puts its items close together and indents their bodies; section numbers spread over
    the document, come with sub-numbers (2 then 2.1) or are listed in the contents."""
    nums = [c for c in cands if c.scheme == "numbered"]
    keep: set[int] = set()
    prefixes = {c.title.split()[0].rstrip(".)") for c in nums}
    parents = Counter(p.rsplit(".", 1)[0] for p in prefixes if "." in p)  # parent -> distinct children
    by_ordinal: dict[int, list[int]] = {}
    for c in nums:
        n = _ordinal(c.title.split()[0].rstrip(".)"))
        if n is not None:
            by_ordinal.setdefault(n, []).append(c.line)
    for k, c in enumerate(nums):
        label = c.title.split()[0].rstrip(".)")
        has_child = label in parents
        parent = label.rsplit(".", 1)[0] if "." in label else ""
        has_parent = bool(parent) and (parent in prefixes or parents[parent] >= 2)
        in_toc = _norm_key(c.title) in d.toc_keys
        nb = d.next_block(c.block)
        body_indented = (
            nb is not None
            and indent(d.blocks[nb].text.split("\n")[0]) > indent(d.lines[c.line - 1])
            and indent(d.blocks[nb].text.split("\n")[0]) > d.prose_indent
        )
        if body_indented and not in_toc:
            continue
        # other list items within three lines make it an item of that list
        window = range(max(0, c.line - 4), min(len(d.lines), c.line + 3))
        near = any(_same_list(d.lines[j], d.lines[c.line - 1]) for j in window if j != c.line - 1) or any(
            o is not c and abs(o.line - c.line) <= 3 for o in nums[max(0, k - 1) : k + 2]
        )
        alone = d.blank_before(c.line) >= 1 and d.blank_after(c.line + c.title.count("\n"))
        above_prose = nb is not None and d.is_prose(nb)
        # I, II, III or 1, 2, 3 spread over the text, each above prose: a sequence of sections
        n = _ordinal(label)
        spread = (
            n is not None
            and not near
            and any(abs(line - c.line) > 3 for m in (n - 1, n + 1) for line in by_ordinal.get(m, ()))
        )
        if in_toc or has_child or has_parent or ((alone or spread) and not near and above_prose):
            keep.add(c.block)
    return keep


_BULLET = re.compile(r"^\s*[-*+•–]\s")


def _same_list(line: str, numbered: str) -> bool:
    """A list item near a numbered line that may make it an item of the same list: a numbered or
    lettered item, or a bullet indented deeper (its sub-item). A bullet at the numbered line's own
    column or shallower closes a different list ("- metered homes ..." above "2. Methods")."""
    if not is_list_item(line):
        return False
    return not _BULLET.match(line) or indent(line) > indent(numbered)


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _ordinal(label: str) -> int | None:
    """1 for "1" or "I"; None for multi-part numbers and anything else."""
    if label.isdigit():
        return int(label)
    if label and all(ch in _ROMAN for ch in label):
        values = [_ROMAN[ch] for ch in label]
        return sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0], strict=True))
    return None


def _style_candidates(d: _Doc, taken: set[int], why: dict[int, str] | None = None) -> list[_Candidate]:
    """Unmarked, unnumbered lines that stand alone above prose (`why`, when given, collects the
    named rule that decided each line, by line number)."""
    out: list[_Candidate] = []
    accepted = set(taken)
    for i in taken:
        _count_drawing(d, i)
    for i in d.main:
        b = d.blocks[i]
        if i in taken or i in d.code or b.end_line != b.start_line:
            d.list_head = None  # a heading or a paragraph of several lines ends a list's region
        if i in taken or i in d.skip or i in d.code:
            continue
        if b.end_line != b.start_line:
            continue
        line = d.lines[b.start_line - 1]
        if b.start_line in d.toc_lines:
            if why is not None:
                why[b.start_line] = CONTENTS_LINE_RULE
            continue
        ok, rule, sig = style_evidence(d, i, line, accepted)
        if why is not None:
            why[b.start_line] = rule
        if ok:
            accepted.add(i)
            d.question_headings += line.rstrip().endswith("?")
            d.long_titles += rule in (LONG_TITLE_RULE, LONG_SIBLING_RULE)
            _count_drawing(d, i)
            d.list_head = _drawing(_clean_title(line)) if rule == HEADS_LIST_RULE else None
            out.append(_Candidate(i, b.start_line, _clean_title(line), "style", 0, sig, rule=rule))
    return out


@dataclass(frozen=True, slots=True)
class _Line:
    """One unmarked line under judgement, with what several style rules look at."""

    i: int
    line: str
    text: str
    ind: int
    start: int  # 1-based line number
    before: int  # blank lines above (a document start counts as many)
    after: bool  # a blank line (or the end) below
    nb: int | None  # the next visible main block
    accepted: set[int]  # blocks already taken as headings above (grows as the scan goes)


# A style rule: (name, verdict, fires). The first rule that fires decides, with its verdict; a line
# no rule stops is a heading by the last rule, "title-like line above prose".
_StyleRule = tuple[str, bool, Callable[[_Doc, _Line], bool]]


def _furniture(d: _Doc, c: _Line) -> bool:
    key = _norm(c.text)
    repeated = key in d.repeated or " ".join(key.split()[-2:]) in d.repeated_tails
    # a repeated section name ("Specification") stands apart with blank lines; furniture does not
    return repeated and not (c.before and c.after)


_CREDIT = re.compile(
    r"^(Photo|Image|Picture|Illustration|Credit|Source|Video|Caption)s?\b\s*(:|by\b|credit\b|\d)", re.I
)
# "By" alone or before a name; "Posted/Published/Updated/Written [by|on] Name-or-date".
_BYLINE = re.compile(
    r"^(by$|by\s+[A-Z]|authors?\s*:\s|(posted|published|updated|written|reviewed|edited)\s+(by|on|at)\s)", re.I
)
# A time of day ("at 10:25 pm", "18:33"): a post's or a comment's timestamp ("Jane June 28, 2015
# at 10:25 pm"), which no heading of headings/ carries.
_TIME_OF_DAY = re.compile(r"\b\d{1,2}:\d{2}\s*([ap]\.?m\b\.?)|\bat\s+\d{1,2}:\d{2}\b", re.I)
_DASHES = "—–―"
_WEB_ADDRESS = re.compile(r"https?://|\bwww\.\w", re.I)
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    rf"^\W*(\w+day,?\s+)?({_MONTH}\s+\d{{1,2}}(st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})\b", re.I
)
_SENTENCE_BREAK = re.compile(r"[a-z]{2}[.!?][\"”’)]?\s+[\"“(]?[A-Z(]")
# Two link or button labels run together by the scrape ("Cite this articleReuse our work freely"):
# a lower-case word with a capitalised one glued on (no gold heading of headings/ has one; an
# identifier in backticks is code, "iPhone" or "eBay" has one lower-case letter in front).
_GLUED_LABELS = re.compile(r"(?<![\w`])[a-z]{4,}[A-Z][a-z]{2,}")
# A line that opens with a connective and a comma ("Also, how ...?", "However, ...") goes on
# from the sentence above it; a heading starts afresh (no gold heading of headings/ opens so).
_CONNECTIVE = re.compile(
    r"^(also|however|moreover|furthermore|besides|additionally|anyway|therefore|thus|hence|meanwhile|instead"
    r"|otherwise|so|but|and|then|plus)\s*,",
    re.I,
)
# A byline or date line is short (a name or two, a date, a time).
MAX_BYLINE_WORDS = 12


def _credit(text: str) -> bool:
    """A figure caption ("Figure 3 ...") or a photo credit ("Photo: ...", "Image by ...")."""
    return bool((_CAPTION.match(text) and re.match(r"^\S+\s+\d", text)) or _CREDIT.match(text))


# A quotation closed by its punctuation and followed by who said it, in lower case: “..., ” she said.
_SAID = re.compile(r"^[\"“‘«][^\"“”«»]{2,}[,?!.…][\"”’»]\s+[a-z]")


def _quoted(text: str, apart: bool) -> bool:
    """A line that is one quotation (“We will build it together”) or a quotation and who said it
    (“We will build it,” she said): dialogue or a pull quote. A quoted question standing apart
    with blank lines stays possible: FAQ headings quote the reader's question (headings/leadin);
    in a page dump, one paragraph per line, it is dialogue like the rest."""
    s = text.strip()
    if _SAID.match(s):
        return True
    return len(s) > 2 and s[0] in '"“‘«' and s[-1] in '"”’»' and not (s[-2] == "?" and apart) and word_count(s) > 1


def _byline(text: str) -> bool:
    """Who wrote it and when ("By Jane Roe", "Author: Jane Roe", "Published on May 3, 2025",
    "Jane June 28, 2015 at 10:25 pm")."""
    return word_count(text) <= MAX_BYLINE_WORDS and bool(
        _BYLINE.match(text) or _DATE.match(text) or _TIME_OF_DAY.search(text)
    )


_FIELD_NAME = re.compile(r"^[A-Z][\w'’ -]{0,30}?\s*:\s*(\S.*)$")


def _dated_field(text: str) -> bool:
    """`Name: value` whose value is a date or a bare number: a record's field (meeting minutes, a
    recipe card, a form), which names nothing that text under it is about."""
    m = _FIELD_NAME.match(text)
    return m is not None and (bool(_DATE.match(m.group(1))) or _bare_value(m.group(1)))


def _over_timestamp(d: _Doc, c: _Line) -> bool:
    """A short line right above a date with a time of day ("Ana Silva" over "April 3, 2026 at
    9:15 am"), or above any date right under the document's first line (the headline, a byline,
    its date): who posted the piece or a comment and when, not a section of the text."""
    if c.nb is None or c.after or word_count(c.text) > MENU_ENTRY_WORDS:
        return False
    b = d.blocks[c.nb]
    line = d.lines[b.start_line - 1]
    if b.start_line != b.end_line or not _byline(line.strip()):
        return False
    first = next((i for i in d.main if i not in d.invisible), None)
    return bool(_TIME_OF_DAY.search(line)) or (d.prev_block(c.i) == first and first is not None)


def _label_line(d: _Doc, c: _Line) -> bool:
    """`Label: text` is a lead-in unless the text reads as a subtitle or the line stands apart."""
    label = lead_in_label(c.text)
    if label is None:
        return False
    value = c.text[label[1] :].strip()
    pure = re.fullmatch(r"`[^`]+`|[\d$]\S*", value) is not None
    return pure or value.endswith("?") or not (_subtitle(c.text) or (c.before and c.after))


def _introduces_indented(d: _Doc, c: _Line) -> bool:
    """A definition-list term or the line introducing a quote: the next line is indented deeper."""
    assert c.nb is not None
    nxt_line = d.lines[d.blocks[c.nb].start_line - 1]
    return indent(nxt_line) > max(c.ind, d.prose_indent) and c.nb not in d.code


def _stack(d: _Doc, c: _Line) -> tuple[list[int], int | None, int]:
    """The run of short title-like lines starting here, the block after it, and the longest run
    that can still be headings stacked above prose (title, section, subsection)."""
    stack = [c.i]
    j: int | None = c.nb
    # blank lines around every line of a stack show it was laid out as headings, not as a list
    limit = MAX_HEADING_STACK if d.pos[c.i] < d.first_prose or (c.before and c.after) else MAX_HEADING_STACK - 1
    if c.before and c.after and j is not None and _tight_run(d, j):
        return stack, j, limit  # a lone line over lines set close together: their heading, not one of them
    while j is not None and not d.is_prose(j) and len(stack) <= limit:
        jl = d.lines[d.blocks[j].start_line - 1]
        if d.blocks[j].end_line != d.blocks[j].start_line or not is_title_like(jl) or j in d.code:
            break
        stack.append(j)
        j = d.next_block(j)
    return stack, j, limit


# Link rows and footers join their entries with spaced dashes ("Archive – RSS – Impressum"); a
# long heading has at most one ("These two goals belong together – we should ...").
_SPACED_DASH = re.compile(r"\s[-–—|]\s")


def _long_title(d: _Doc, c: _Line) -> bool:
    """A heading longer than MAX_HEADING_WORDS (up to MAX_PAGE_TITLE_WORDS): a line of its own,
    no sentence punctuation (no end mark, no question unless it follows question headings, at
    most one comma and no semicolon, no sentence inside, no ellipsis), not ending on a function
    word, no credit or reported speech, right above a paragraph that starts afresh and ends like
    a sentence (standing apart with blank lines where the document has them), below the first
    paragraph. Captions end with a full stop, teasers sit above the next teaser, a standfirst
    above the first paragraph (headings/web ourworldindata: 4 such gold headings, 2 found; the
    outline of pages/dev gains 4 such lines, a headline, a series title, a teaser and a label
    line, where the first version of this rule took 68, mostly teasers the split keeps)."""
    s = c.text
    words = s.split()
    longest = MAX_SIBLING_TITLE_WORDS if d.long_titles else MAX_PAGE_TITLE_WORDS
    if not (MAX_HEADING_WORDS < len(words) <= longest and len(s) <= MAX_PAGE_TITLE_CHARS):
        return False
    if not s[:1].isupper() or strip_closers(s)[-1:] in _TERMINAL or s[-1:] in '"”’)':
        return False
    if s.endswith("?") and not (c.before and c.after and d.question_headings):
        # a long question is a sentence, unless it stands apart under question headings (an FAQ)
        return False
    if len(re.findall(r",\s", s)) > 1 or re.search(r";\s", s) or _SENTENCE_BREAK.search(s):
        return False
    if len(_SPACED_DASH.findall(s)) > 1:
        return False
    if words[-1].lower() in FRAGMENT_END or s.startswith(_NOT_HEADING_START_LONG):
        return False
    if _LONG_NOT_TITLE.search(s) or _BY_AUTHOR.search(s) or any(w.lower() in _REPORTING for w in words):
        return False
    apart_layout = c.before > 0 or c.after
    if c.nb is None or not d.is_prose(c.nb) or (apart_layout and not (c.before > 0 and c.after)):
        return False
    if d.pos[c.i] <= d.first_prose:  # a long line counts as prose itself
        return False  # above the first paragraph, under the title: a standfirst that sums up the piece
    # the paragraph under it starts afresh and ends like a sentence: a teaser list's next teaser
    # does not end so, and a hard-wrapped paragraph's next line goes on in lower case
    body = d.blocks[c.nb].text.strip()
    return body.lstrip("\"“‘'(")[:1].isupper() and strip_closers(body)[-1:] in ".!?:"


# Not a long title: an ellipsis (a teaser's "... after the pair get a new pup"), a sentence opening
# with a coordinating conjunction ("And we couldn't help but wonder"), a credit ("... by Jane Roe").
_LONG_NOT_TITLE = re.compile(r"\.\s?\.\s?\.|…|^(and|but|or|so|yet|nor)\b", re.I)
# Reporting verbs (the closed class of _LABEL_STOP without the copulas): a long line that reports
# what someone said is a caption or a standfirst ("Ex-minister says the world will buy ...").
_REPORTING = _LABEL_STOP - {"is", "are", "was", "were", "be"}
_NOT_HEADING_START_LONG = ("-", "*", "•", "(", "[", "|", ">", "<", "{", "http", "+", "=", "/", "$", "#", "~")


def _tight_run(d: _Doc, j: int) -> bool:
    """Block j and the next are one-line blocks set right under each other, no blank line between,
    both rows of a table (cells apart by a tab or a wide gap) or both opening with a number: a
    table or a list of quantities without markers ("1 cup barley", "2 lemons"), laid out
    differently from a heading standing apart with blank lines above them. A run of plain short
    lines is not enough: page menus and link lists under a section name look the same (pages/dev:
    allowing them outlined 30 menu and "Reply" lines)."""
    b = d.blocks[j]
    k = d.next_block(j)
    if b.start_line != b.end_line or k is None or j in d.code or d.is_prose(j):
        return False
    bk = d.blocks[k]
    if bk.start_line != b.end_line + 1 or bk.start_line != bk.end_line:
        return False
    rows = [d.lines[b.start_line - 1].strip(), d.lines[bk.start_line - 1].strip()]
    return all(_TABLE_ROW.search(r) for r in rows) or all(r[:1].isdigit() for r in rows)


def _long_run(d: _Doc, c: _Line) -> bool:
    stack, _, limit = _stack(d, c)
    return len(stack) > limit


def _lands_nowhere(d: _Doc, c: _Line) -> bool:
    """The stack does not end on prose (or code under a lone heading, or a list); a lone heading
    standing apart with blank lines may also sit above a list, code or any text but a title."""
    stack, j, _ = _stack(d, c)
    lands = j is not None and (d.is_prose(j) or (j in d.code and len(stack) == 1) or is_list_item(d.blocks[j].text))
    return not lands and not (c.after and c.before and j is not None and len(stack) == 1 and _after_ok(d, j))


def _above(d: _Doc, c: _Line) -> str | None:
    """The short line directly above (no blank line between), when it matters."""
    pb = d.prev_block(c.i)
    if pb is None or pb in d.front or d.is_prose(pb, strict=False) or c.before != 0:
        return None
    return d.lines[d.blocks[pb].start_line - 1]


# Cells of a table row: separated by a tab or a wide gap.
_TABLE_ROW = re.compile(r"\S(?: {4,}|\t)\S")


def _furniture_above(d: _Doc, pb: int) -> bool:
    """The block above is a caption, a credit, a quotation or its attribution, a table row, a web
    address or a furniture line by its own shape or wording: it belongs to the page or to a
    picture, so it neither starts a list with the line under it nor makes that line part of its
    run (a real heading under a photo credit stays one). Bylines and dates are not among them: a
    name or a date goes on under them."""
    b = d.blocks[pb]
    if b.start_line != b.end_line or pb in d.code:
        return False
    line = d.lines[b.start_line - 1]
    text = _clean_title(line)
    return (
        b.start_line in d.credit_lines
        or _credit(text)
        or _quoted(text, False)
        or bool(_TABLE_ROW.search(line.strip()))
        or _furniture_wording(text)
        or bool(_GLUED_LABELS.search(text) or _WEB_ADDRESS.search(text))
        or text[:1] in _DASHES
    )


def _under_nontitle(d: _Doc, c: _Line) -> bool:
    pb = d.prev_block(c.i)
    pl = _above(d, c)
    return (
        pb is not None
        and pl is not None
        and d.blocks[pb].end_line == d.blocks[pb].start_line
        and not is_title_like(pl)
        and pb not in d.code
        and not _furniture_above(d, pb)
    )


def _in_short_list(d: _Doc, c: _Line) -> bool:
    pb = d.prev_block(c.i)
    pl = _above(d, c)
    if pb is None or pl is None or _furniture_above(d, pb):
        return False  # a credit or caption closes what is above; it does not start a list
    if _after_marked_list(d, pb, c.text):
        return False  # "Directions" under the ingredient lines "1 tablespoon oil": not their next item
    return is_title_like(pl) and pb not in c.accepted and _norm(pl) not in d.repeated


def _marked(line: str) -> bool:
    return is_list_item(line) or line.strip()[:1].isdigit()


def _after_marked_list(d: _Doc, pb: int, text: str) -> bool:
    """The two lines above, two different items, open with a list marker or a number (a list: its
    items are drawn alike) and this one does not, so it is not that list's next item. One such
    line above is not a list ("731 Market Street" over "San Francisco, CA 94103"; headings/web
    getpocket-tos), nor is a label repeated ("2020 elections" twice over a teaser; pages/dev)."""
    if _marked(text):
        return False
    ppb = d.prev_block(pb)
    if ppb is None:
        return False
    items = [d.lines[d.blocks[j].start_line - 1] for j in (pb, ppb) if d.blocks[j].start_line == d.blocks[j].end_line]
    return len(items) == 2 and all(_marked(x) for x in items) and _norm(items[0]) != _norm(items[1])


def _glued(d: _Doc, c: _Line) -> bool:
    assert c.nb is not None
    return c.before == 0 and not c.after and d.blocks[c.nb].end_line > d.blocks[c.nb].start_line


# A line drawn like the document's headings heads or follows a list only when the document has
# at least this many headings above prose drawn the same way (headings/web substack: 19 Title
# Case headings above "Other Resources"; one look-alike could be a teaser or a caption).
MIN_DRAWN_SIBLINGS = 2
# A list's items, read one by one under its heading or above the next one: at least this many
# (two lines are a byline and a date as often as a list; headings/web substack has 11 under
# "Other Resources").
MIN_LIST_ITEMS = 3
# The heading of a list is at most this share of each item's length in words: "Other Resources"
# (2 words) over links of 5-9 words (headings/web substack); a menu's first entry or a link list
# whose first item is a title are as long as the entries under them.
LIST_HEAD_SHARE = 0.5


def _drawing(text: str) -> str | None:
    """How a line is drawn: "caps" (ALL CAPS), "title" (every content word after the first
    capitalised), "sentence" (none), "mixed" (names in a sentence-case line), or None for one
    word, which could be either. Siblings in a document are drawn alike; a list is drawn unlike
    the heading over it when its items are not drawn the way the headings are."""
    ws = words(text)
    if len(ws) < 2:
        return None
    if is_all_caps(text):
        return "caps"
    content = [w for w in ws[1:] if w[:1].isalpha() and w.lower().replace("’", "'") not in _FUNCTION_WORDS]
    if not content:
        return None
    caps = sum(1 for w in content if w[:1].isupper())
    return "title" if caps == len(content) else "sentence" if caps == 0 else "mixed"


def _count_drawing(d: _Doc, i: int) -> None:
    """Count a heading's drawing when it heads prose (its siblings are judged against these)."""
    b = d.blocks[i]
    nb = d.next_block(i)
    if b.start_line == b.end_line and nb is not None and d.is_prose(nb):
        drawn = _drawing(_clean_title(d.lines[b.start_line - 1]))
        if drawn is not None and drawn != "mixed":
            d.head_drawings[drawn] += 1


def _drawn_like_headings(d: _Doc, c: _Line, over_list: bool = False) -> str | None:
    """The line's drawing when at least MIN_DRAWN_SIBLINGS headings above prose share it, and the
    line stands apart with blank lines where it has any (a line set close to one side belongs
    to that side), or, over a list, has a blank line above and its items set close under it."""
    apart = c.before > 0 and c.after
    if (c.before > 0 or c.after) and not apart and not (over_list and c.before > 0):
        return None
    drawn = _drawing(c.text)
    if drawn is None or drawn == "mixed" or d.head_drawings[drawn] < MIN_DRAWN_SIBLINGS:
        return None
    return drawn


def _item_unlike(d: _Doc, j: int | None, drawn: str) -> str | None:
    """Block j as a list item drawn unlike a heading drawn `drawn`: one short line, not prose,
    not code, of two words or more drawn some other way (its text, or None)."""
    if j is None or j in d.code or d.is_prose(j):
        return None
    b = d.blocks[j]
    if b.start_line != b.end_line:
        return None
    line = d.lines[b.start_line - 1]
    text = _clean_title(line)
    if _FIELD_NAME.match(text) or _byline(text):
        return None  # "Received: 14 June 2023" under "Download citation": a record's fields, not a list
    item = _drawing(text)
    return line.strip() if item is not None and item != drawn else None


def _heads_list(d: _Doc, c: _Line) -> bool:
    """A short line right after a paragraph, drawn like the document's headings, over at least
    MIN_LIST_ITEMS short lines drawn otherwise and each at least twice as long (a link or a name
    list: "Other Resources" over its links): the list's heading, not its first item. A menu's
    entries or a link list of titles are drawn like their first line, so it stays one of them."""
    drawn = _drawn_like_headings(d, c, over_list=True)
    pb = d.prev_block(c.i)
    if drawn is None or pb is None or not d.is_prose(pb):
        return False
    n = word_count(c.text)
    j = c.nb
    for _ in range(MIN_LIST_ITEMS):
        item = _item_unlike(d, j, drawn)
        if item is None or n > LIST_HEAD_SHARE * word_count(item):
            return False
        assert j is not None
        j = d.next_block(j)
    return True


def _follows_list(d: _Doc, c: _Line) -> bool:
    """A line right above a paragraph, drawn like the document's headings, under at least
    MIN_LIST_ITEMS short lines drawn otherwise: the list has ended and this line opens the next
    section. A list's last item is drawn like the items before it, so it stays an item."""
    drawn = _drawn_like_headings(d, c)
    if drawn is None or c.nb is None or not d.is_prose(c.nb):
        return False
    return _items_above(d, c, d.prev_block(c.i), drawn)


def _items_above(d: _Doc, c: _Line, j: int | None, drawn: str) -> bool:
    """MIN_LIST_ITEMS list items drawn unlike `drawn`, from block j upwards, none of them taken
    as a heading already."""
    for _ in range(MIN_LIST_ITEMS):
        if j is None or j in c.accepted or _item_unlike(d, j, drawn) is None:
            return False
        j = d.prev_block(j)
    return True


def _last_item(d: _Doc, c: _Line) -> bool:
    """This line and the MIN_LIST_ITEMS - 1 above it are a list's items drawn one way, and the
    line under it is drawn like the document's headings and sits above prose: this is the list's
    last item, not a heading over the next one (it read as one above a section's heading and
    pushed that heading a level down)."""
    x = c.nb
    if x is None or d.blocks[x].start_line != d.blocks[x].end_line or d.is_prose(x):
        return False
    drawn = _drawing(_clean_title(d.lines[d.blocks[x].start_line - 1]))
    if drawn is None or drawn == "mixed" or d.head_drawings[drawn] < MIN_DRAWN_SIBLINGS:
        return False
    nx = d.next_block(x)
    if nx is None or not d.is_prose(nx):
        return False
    return _items_above(d, c, c.i, drawn)


def _under_list_head(d: _Doc, c: _Line) -> bool:
    """One of the one-line items under a heading over a list ("Other Resources"), drawn unlike
    that heading: a link or a name of the list, even where it is long enough to read as prose
    above it or sits above a one-line paragraph (a link's description)."""
    drawn = _drawing(c.text)
    return d.list_head is not None and drawn is not None and drawn != d.list_head


HEADS_LIST_RULE = "heading over a list drawn unlike it"
FOLLOWS_LIST_RULE = "heading after a list drawn unlike it"

STYLE_RULES: tuple[_StyleRule, ...] = (
    ("deeper than the prose", False, lambda d, c: c.ind > d.prose_indent),
    ("not title-like", False, lambda d, c: not is_title_like(c.text) and not _long_title(d, c)),
    ("list item", False, lambda d, c: is_list_item(c.line)),
    ("looks like code", False, lambda d, c: bool(_CODEISH.search(c.text))),
    # numbered headings are judged as such; "3 eggs" or "60 million ..." is not one
    ("starts with a number", False, lambda d, c: c.text[:1].isdigit()),
    ("caption or credit", False, lambda d, c: _credit(c.text)),
    ("credit line of a link list (title by author)", False, lambda d, c: c.start in d.credit_lines),
    # page numbers, running heads and table rows ("LS(1)    User Commands    LS(1)", tab-separated cells)
    (
        "page number or table row",
        False,
        lambda d, c: bool(_PAGE.search(c.text) or _TABLE_ROW.search(c.line.strip())),
    ),
    ("byline or date", False, lambda d, c: _byline(c.text)),
    ("name over a date (who posted)", False, _over_timestamp),
    # "Date: 12 March 2026", "Servings: 4": a field of a record, not a titled section
    ("field with a date or number", False, lambda d, c: _dated_field(c.text)),
    ("web address", False, lambda d, c: bool(_WEB_ADDRESS.search(c.text))),
    # "— C.J., age 9", "– Jane Roe": who said the quotation above, not a heading
    ("attribution after a dash", False, lambda d, c: c.text[:1] in _DASHES),
    ("quoted speech", False, lambda d, c: _quoted(c.text, bool(c.before and c.after))),
    # "... regimes. (source)": a sentence ends inside the line, so it is prose, not a title
    ("two sentences", False, lambda d, c: bool(_SENTENCE_BREAK.search(c.text))),
    ("opens with a connective", False, lambda d, c: bool(_CONNECTIVE.match(c.text))),
    ("link labels run together", False, lambda d, c: bool(_GLUED_LABELS.search(c.text))),
    ("repeated furniture", False, _furniture),
    ("worded like page furniture", False, lambda d, c: _furniture_wording(c.text)),
    ("nothing below", False, lambda d, c: c.nb is None),
    ("lead-in label", False, _label_line),
    ("column 0 above indented prose", True, lambda d, c: d.prose_indent > 0 and c.ind == 0),
    ("contents entry", True, lambda d, c: _norm_key(c.text) in d.toc_keys or bool(_CONTENTS.match(c.text))),
    ("introduces an indented block", False, _introduces_indented),
    ("item of the list under a heading drawn unlike it", False, _under_list_head),
    (HEADS_LIST_RULE, True, _heads_list),
    ("last item of a list above a heading", False, _last_item),
    ("run of short lines", False, _long_run),
    ("stands above no text", False, _lands_nowhere),
    (FOLLOWS_LIST_RULE, True, _follows_list),
    ("under a short non-title line", False, _under_nontitle),
    ("item of a list of short lines", False, _in_short_list),
    ("first line of a paragraph", False, _glued),
)
STYLE_ACCEPT = "title-like line above prose"
# The same, for a heading of MAX_HEADING_WORDS to MAX_PAGE_TITLE_WORDS words (`_long_title`).
LONG_TITLE_RULE = "long title above a paragraph"
# The same, over MAX_PAGE_TITLE_WORDS words, once a long title has been taken above: siblings are
# drawn alike ("Serve those who ..." then "Grow the number of people who ...").
LONG_SIBLING_RULE = "long title like one above"
# The longest such sibling: headings/web ourworldindata has one of 22 words under one of 16; a
# paragraph line of 25+ words without end punctuation is a teaser or a caption.
MAX_SIBLING_TITLE_WORDS = 24
# A line of a table of contents (titled or not) names a heading further down; it is not one.
CONTENTS_LINE_RULE = "line of a table of contents"


def style_evidence(d: _Doc, i: int, line: str, accepted: set[int]) -> tuple[bool, str, tuple[object, ...]]:
    """Whether an unmarked line is a heading, the named rule that decided, and the line's visual
    style for levels (ALL CAPS, an anchor line under it).

    A heading is a title-like line no deeper than the prose, above prose (or above a short stack
    of headings that ends on prose), and not the next item of a run of short lines; furniture,
    captions and `Label: text` lines are not headings. Column 0 over indented prose and an entry
    of the contents are enough on their own. `STYLE_RULES` lists every check in order."""
    start = d.blocks[i].start_line
    c = _Line(
        i=i,
        line=line,
        text=_clean_title(line),
        ind=indent(line),
        start=start,
        before=d.blank_before(start),
        after=d.blank_after(start),
        nb=d.next_block(i),
        accepted=accepted,
    )
    anchored = start < len(d.lines) and is_link_definition(d.lines[start])
    sig: tuple[object, ...] = (is_all_caps(c.text), anchored)
    for name, verdict, fires in STYLE_RULES:
        if fires(d, c):
            return verdict, name, sig if verdict else ()
    if is_title_like(c.text):
        return True, STYLE_ACCEPT, sig
    return True, LONG_SIBLING_RULE if word_count(c.text) > MAX_PAGE_TITLE_WORDS else LONG_TITLE_RULE, sig


def _after_ok(d: _Doc, j: int) -> bool:
    """What may follow a heading that stands apart with blank lines: any text but another title."""
    text = d.blocks[j].text.strip()
    return (
        j in d.code
        or bool(is_list_item(text))
        or text.startswith((".. ", "> ", "|"))
        or d.is_prose(j)
        or strip_closers(text)[-1:] in ".!?"  # a one-word answer ("None.") is still text
        or _tight_run(d, j)  # an unmarked list or a table
    )


def _subtitle(text: str) -> bool:
    """`Background: Why a Shared Hub` is a heading with a subtitle: the part after the colon is
    capitalised like a title and has no sentence punctuation."""
    tail = text.partition(":")[2]
    words = [w for w in tail.split() if len(w) > 3]
    return bool(words) and sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


@lru_cache(maxsize=1)
def _top_level_names() -> frozenset[str]:
    data = json.loads(resources.files("docscan").joinpath("data/sections.json").read_text("utf-8"))
    return frozenset(data["top_level_names"])


# Furniture kinds of data/boilerplate.json whose wording never names a section of the text: an
# advertisement slot, share buttons, a sign-up prompt, a comment form, a follow-us line, a cookie
# notice. ("Related" and "recipes" cues are left out: "Related Work" and "Recipes" are sections.)
FURNITURE_KINDS = frozenset({"advertisement", "share", "newsletter", "comments", "social", "cookie"})


@lru_cache(maxsize=1)
def _furniture_patterns() -> tuple[tuple[int, re.Pattern[str]], ...]:
    data = json.loads(resources.files("docscan").joinpath("data/boilerplate.json").read_text("utf-8"))
    return tuple(
        (int(p.get("max_words", 10_000)), re.compile(p["re"], re.I))
        for p in data["patterns"]
        if p["kind"] in FURNITURE_KINDS
    )


def _furniture_wording(text: str) -> bool:
    """A short line worded like page furniture ("Advertisement", "Share this article", "Sign up
    for our newsletter"): what a page puts between paragraphs, never a heading of the article."""
    n = word_count(text)
    return any(n <= most and p.search(text) for most, p in _furniture_patterns())


def _is_top_name(title: str) -> bool:
    return _norm_key(title).replace("’", "'") in _top_level_names()


def _back_matter(c: _Candidate, heads: list[_Candidate]) -> bool:
    """A heading over a list that closes the document (no heading after it) is back matter
    ("Other Resources", "Further reading", like "References"): a section of the whole piece at
    the top section level, not a subsection of the last one (headings/web substack: "Other
    Resources", a level-2 heading after level-3 ones)."""
    return c.rule == HEADS_LIST_RULE and c is heads[-1]


def _levels(d: _Doc, heads: list[_Candidate]) -> dict[int, int]:
    """Levels: markup and numbering give them; chapter words rank; unnumbered styles take levels
    in order of first appearance; a title at the very top sits above everything else."""
    levels: dict[int, int] = {}
    if not heads:
        return levels
    has_num = any(c.scheme == "numbered" for c in heads)
    deep = any(c.scheme == "numbered" and c.level > 1 for c in heads)
    first_num = min((c.line for c in heads if c.scheme == "numbered"), default=0)
    chapter_ranks = sorted({c.level for c in heads if c.scheme == "chapter"})
    first = heads[0]
    title = (
        first.rule == PAGE_TITLE_RULE
        or (
            first.scheme == "style"
            and not d.front
            and not _is_top_name(first.title)  # "Abstract" opens a section, it does not title the document
            and all(j in d.decor or j in d.linkdef for j in d.main[: d.pos[first.block]])
            and len(heads) > 1
        )
    )
    top = 2 if title and len(heads) > 1 else 1
    styles: list[tuple[object, ...]] = []
    for c in heads:
        if c.scheme == "markup" or c.scheme == "numbered":
            levels[c.block] = c.level + (top - 1 if c.scheme == "numbered" else 0)
        elif c.scheme == "chapter":
            levels[c.block] = top + chapter_ranks.index(c.level)
        elif title and c is first:
            levels[c.block] = 1
        elif chapter_ranks or (has_num and deep):
            levels[c.block] = top
        elif has_num:
            # under single-level numbered sections, unnumbered headings are their subsections
            levels[c.block] = top + (1 if c.line > first_num and not _back_matter(c, heads) else 0)
        else:
            if c.signature not in styles:
                styles.append(c.signature)
            levels[c.block] = top + styles.index(c.signature)
    if not has_num and not chapter_ranks:
        _refine_style_levels(d, heads, levels, top, title)
    return levels


def _refine_style_levels(d: _Doc, heads: list[_Candidate], levels: dict[int, int], top: int, title: bool) -> None:
    """Plain-text cues for the depth of unnumbered headings drawn alike.

    A heading directly under another (no text between) is its child, and the headings after it
    drawn the same way are its siblings until a well-known top-level name (References, Rationale,
    ...) returns to the top. A name that recurs (Specification under each feature) is a
    subsection name."""
    counts = Counter(_norm_key(c.title) for c in heads)
    blocks = {c.block for c in heads}
    prev: _Candidate | None = None
    sticky: dict[tuple[object, ...], int] = {}
    outer = top
    # level of the last heading drawn like this one that had another heading right under it
    stack_top: dict[tuple[object, ...], int] = {}
    for c in heads:
        if c.scheme != "style" or (title and c is heads[0]):
            prev = c
            continue
        level = levels[c.block]
        stacked = prev is not None and prev.scheme == "style" and d.next_block(prev.block) == c.block
        opens = d.next_block(c.block) in blocks
        if (_is_top_name(c.title) and counts[_norm_key(c.title)] == 1) or _back_matter(c, heads):
            level = top
            sticky.clear()
        elif stacked:
            assert prev is not None
            if level <= levels[prev.block]:
                level = levels[prev.block] + 1
            sticky[c.signature] = level
        elif opens and c.signature in stack_top:
            # a section name over its first subsection, like the last such pair: a sibling of
            # that pair's section, so a stack never drifts the outline one level deeper each time
            level = stack_top[c.signature]
        elif c.signature in sticky and level < sticky[c.signature]:
            level = sticky[c.signature]
        # the first section right under the page title opens the first such pair too ("News" over
        # its first item under "Weekly Issue 12"; headings/web indieiosfocus, level order B +0.018)
        if opens and (not stacked or (title and prev is heads[0])):
            stack_top[c.signature] = level
        recurs = counts[_norm_key(c.title)] > 1
        if recurs and level <= outer:
            level = outer + 1
        elif not recurs and not (stacked and prev is not None and counts[_norm_key(prev.title)] > 1):
            # a name under a recurring one ("Reply" over each commenter's name) is inside it: taken
            # as the new outer level, it pushed each later pair one level deeper (pages/dev)
            outer = level
        levels[c.block] = level
        prev = c


def _headings(d: _Doc, why: dict[int, str] | None = None) -> list[_Candidate]:
    markup = _markup_candidates(d)
    if len(markup) >= MIN_MARKUP_HEADINGS:
        return markup
    taken = {c.block for c in markup}
    strong = [c for i in d.main if i not in taken and i not in d.skip for c in [_strong_candidate(d, i)] if c]
    strong = [c for c in strong if c.line not in d.toc_lines]
    scheme = _numbering_is_scheme(d, strong)
    strong = [c for c in strong if c.scheme == "chapter" or c.block in scheme]
    taken |= {c.block for c in strong}
    style = _style_candidates(d, taken, why)
    title = _page_title(d, taken, {c.block for c in style})
    if title is not None:
        # what stands above the page's title (a menu the split left) is not the article's outline
        style = [c for c in style if c.line > title.line]
        style.insert(0, title)
    # a short line right under a chapter line is its subtitle, part of that heading
    chapters = {c.block for c in strong if c.scheme == "chapter"}
    style = [c for c in style if d.prev_block(c.block) not in chapters]
    # numbering down to sub-levels (2.1) or chapter words: the author marks every heading, so an
    # unmarked line needs its own evidence; single-level numbers (I, II) leave subsections unnumbered
    chapter_count = sum(1 for c in strong if c.scheme == "chapter")
    deep = any(c.scheme == "numbered" and c.level > 1 for c in strong)
    if chapter_count >= MIN_SCHEME_HEADINGS or (deep and len(strong) >= MIN_SCHEME_HEADINGS):
        first_strong = min(c.line for c in strong)
        style = [c for c in style if c.rule == PAGE_TITLE_RULE or _corroborated(d, c, first_strong) or _top_title(d, c)]
    return sorted(markup + strong + style, key=lambda c: c.line)


PAGE_TITLE_RULE = "page title"
# A page title may be longer than a section heading (news headlines, questions) but not a paragraph
# (web pages of the corpus: at most 15 words; headings/web, 2026-11-30).
MAX_PAGE_TITLE_WORDS = 20
MAX_PAGE_TITLE_CHARS = 160
# The article's prose starts within this many blocks of its title (photo galleries put a dozen
# caption lines in between; headings/web sfgate-1).
PAGE_TITLE_LOOKAHEAD = 30
# The vocabulary a title is checked against: the first this many paragraphs of prose under it.
PAGE_TITLE_PROSE = 8
# A menu: the line and the lines right under it have at most this many words each, and there are at
# least MENU_RUN of them ("Skip to content", "Menu", "Search"); a title is longer or stands alone.
MENU_ENTRY_WORDS = 4
MENU_RUN = 3
# A sentence ends inside the line ("We use cookies. Accept all"): a banner or a teaser, not a title.
_INNER_SENTENCE = re.compile(r"[a-z]{2}[.!?]\s+[A-Z]")


def _page_title(d: _Doc, taken: set[int], styled: set[int]) -> _Candidate | None:
    """The page's title, the level-1 heading of a page dump (one line per paragraph, the next line
    right under it). html-text writes the <title> on line 1, but a dump copied from a browser
    starts with "Skip to content", a cookie banner or a menu, and the split may have set aside
    what stood above the headline; so the title is the first main line, from the top down to the
    first paragraph of prose, that reads as a title (not a sentence, not a list item or a link,
    not too long) and has a title's evidence (`_title_evidence`). A byline, a date or a photo
    credit under it does not change that. `taken` are headings by markup or numbering (none may
    sit above the title), `styled` headings by layout (line 1 among them keeps its own rule, as
    before)."""
    if not d.main or d.front:
        return None
    for k in range(min(max(d.first_prose, 1), PAGE_TITLE_LOOKAHEAD)):
        i = d.main[k]
        b = d.blocks[i]
        if i in d.invisible:
            continue
        if i in taken or i in d.skip or (b.start_line == 1 and i in styled):
            return None
        # line 1 of a page dump has the next line right under it; further down, a page laid out
        # with blank lines between its blocks (a browser's copy) puts one under its headline too
        if b.start_line != b.end_line or (b.start_line == 1 and d.blank_after(1)):
            if k == 0:
                return None
            continue
        text = _clean_title(d.lines[b.start_line - 1])
        if _title_shape(text) and _title_evidence(d, k, text):
            return _Candidate(i, b.start_line, text, "style", 0, (is_all_caps(text), False), rule=PAGE_TITLE_RULE)
    return None


def _title_shape(text: str) -> bool:
    core = strip_closers(text)
    return not (
        not core
        or core[-1] in ".,;:"
        or len(text) > MAX_PAGE_TITLE_CHARS
        or word_count(text) > MAX_PAGE_TITLE_WORDS
        or is_list_item(text)
        or text.startswith(("http", "[", "<", "|", "#", "{"))
        or sum(1 for ch in text if ch.isalpha()) < 2
    )


def _title_evidence(d: _Doc, k: int, text: str) -> bool:
    """Evidence that the k-th main block is the page's title, the same as `pagelayout` reads: it
    names what the prose below it is about (its content words recur there); or it stands right
    above that prose with only bylines and dates between. Never a byline or a date itself, a line
    with a sentence ending inside it (a cookie banner), or the first entry of a menu ("Skip to
    content", "Menu", "Search"). Line 1, where html-text writes the <title>, needs no more than
    that: a title whose words the article does not repeat ("Indie iOS Focus Weekly") may have a
    gallery's captions or a section heading under it (requiring the position there lost
    headings/web sfgate-1's title, half B)."""
    if is_byline_or_date(text) or _INNER_SENTENCE.search(text) or _in_menu(d, k):
        return False
    following = [j for j in d.main[k + 1 : k + 1 + PAGE_TITLE_LOOKAHEAD] if d.is_prose(j)]
    if not following:
        return False  # a menu or a list follows, not an article
    if d.blocks[d.main[k]].start_line == 1:
        return True
    vocabulary: set[str] = set()
    for j in following[:PAGE_TITLE_PROSE]:
        vocabulary |= content_words(d.blocks[j].text)
    if shares_vocabulary(text, vocabulary):
        return True
    between = d.main[k + 1 : d.pos[following[0]]]
    return all(j in d.invisible or is_byline_or_date(d.blocks[j].text) for j in between)


def _in_menu(d: _Doc, k: int) -> bool:
    """The k-th main block starts a run of MENU_RUN or more short one-line blocks (a menu)."""
    for run, j in enumerate(d.main[k:], start=1):
        b = d.blocks[j]
        if b.start_line != b.end_line or word_count(b.text) > MENU_ENTRY_WORDS or d.is_prose(j):
            return False
        if run >= MENU_RUN:
            return True
    return False


_TRAILING_MARKERS = re.compile(r"\s*(\[edit\]|¶|#|§)\s*$")


def _clean_title(line: str) -> str:
    """A heading line without the "[edit]" link or pilcrow anchor web pages put after it."""
    return _TRAILING_MARKERS.sub("", line.strip())


def _top_title(d: _Doc, c: _Candidate) -> bool:
    """The document's first visible block, a title-like line above the numbered sections: the
    document's title, which a numbering scheme does not number ("Annual Report" over "1. Scope")."""
    first = next((i for i in d.main if i not in d.invisible), None)
    return c.block == first and not _is_top_name(c.title)


def _corroborated(d: _Doc, c: _Candidate, first_strong: int) -> bool:
    """With an explicit scheme present, an unnumbered heading needs its own evidence."""
    line = d.lines[c.line - 1]
    if _norm_key(line) in d.toc_keys or _CONTENTS.match(line):
        return True
    return d.prose_indent > 0 and indent(line) == 0


def heading_verdicts(doc: Document, blocks: tuple[Block, ...], main: tuple[int, ...]) -> dict[int, str]:
    """For every unmarked, unnumbered one-line block of the main text, by line number, the named
    style rule that decided whether it is a heading (`STYLE_RULES`; `STYLE_ACCEPT` or
    `LONG_TITLE_RULE` for a heading), so a line left out of the outline can say why as plainly as
    a heading says why it is one. The
    page title is decided afterwards (rule "page title") and may take a line judged otherwise here."""
    why: dict[int, str] = {}
    _headings(_Doc(doc, blocks, main), why)
    return why


def detect_sections(doc: Document, blocks: tuple[Block, ...], main: tuple[int, ...]) -> tuple[Section, ...]:
    """Outline of the main text: headings with levels, and lead-ins one level below them."""
    d = _Doc(doc, blocks, main)
    heads = _headings(d)
    levels = _levels(d, heads)
    by_block = {c.block: c for c in heads}
    raw: list[_Raw] = []
    current_level = 0
    for i in main:
        if i in by_block:
            c = by_block[i]
            current_level = levels[i]
            raw.append(_Raw(i, levels[i], c.title, SectionKind.HEADING, c.line, c.rule))
            continue
        if i in d.skip or i in d.code or blocks[i].start_line in d.toc_lines or blocks[i].start_line in d.credit_lines:
            continue
        text = blocks[i].text
        region = d.regions[i]
        if is_list_item(text) or indent(text.split("\n")[0]) > d.prose_indent:
            continue
        if region is not None and region.kind not in (RegionKind.PROSE, RegionKind.QUOTE):
            continue  # list items, table rows, captions: a label there does not open a section
        found, rule = lead_in_label(text), LEAD_IN_RULE
        strong = region is not None and STRONG_START in region.hints
        if found is None and region is not None and strong and d.blank_before(blocks[i].start_line):
            found, rule = _strong_label(doc.text, visible_text(doc, blocks[i], region), region), STRONG_LABEL_RULE
        if found is not None and not _in_field_run(d, i):
            level = current_level + 1 if current_level else 1
            raw.append(_Raw(i, level, found[0], SectionKind.LEAD_IN, blocks[i].start_line, rule))
    return _build(raw, blocks, main, set(by_block))


LEAD_IN_RULE = "label and colon opening a paragraph"
STRONG_LABEL_RULE = "bold label opening a paragraph"
_STRONG_LABEL = re.compile(r"^\s*([^:\n]{1,80}?)\s*:[ \t]+\S")


def _strong_label(text: str, visible: str, region: Region) -> tuple[str, int] | None:
    """The format says it outright: a paragraph that opens in bold with `Label:` (`**Label:**`
    or `**Label**:`). The label is exactly the bold part, at most MAX_LABEL_WORDS words; the
    offset is where the prose after it starts."""
    m = _STRONG_LABEL.match(visible)
    if not m or not region.visible:
        return None
    label = m.group(1).strip()
    lo, hi = region.visible[0]
    bold = text[lo:hi]
    # the bold run closes right at the colon: `**Label:**` or `**Label**:`, not a bold sentence
    closes = text[hi : hi + 3] if bold.endswith(":") else text[hi : hi + 3].replace(":", "", 1) + ":"
    if not closes.startswith(("**", "__")) or (not bold.endswith(":") and not text[hi:].lstrip("*_").startswith(":")):
        return None
    if label != bold.strip().rstrip(":").strip() or len(label.split()) > MAX_LABEL_WORDS:
        return None
    return label, m.end() - 1


@dataclass(frozen=True, slots=True)
class _Raw:
    block: int
    level: int
    title: str
    kind: SectionKind
    line: int
    rule: str


def _is_field(d: _Doc, i: int | None) -> bool:
    if i is None:
        return False
    b = d.blocks[i]
    found = lead_in_label(b.text) if b.start_line == b.end_line else None
    return found is not None and count_words(b.text[found[1] :]) < MIN_LEADIN_BODY_WORDS


def _in_field_run(d: _Doc, i: int) -> bool:
    """`Received: 3 May` above `Accepted: 9 June`: a run of short fields is metadata, not lead-ins."""
    return _is_field(d, i) and (_is_field(d, d.prev_block(i)) or _is_field(d, d.next_block(i)))


def _build(
    raw: list[_Raw],
    blocks: tuple[Block, ...],
    main: tuple[int, ...],
    heading_blocks: set[int],
) -> tuple[Section, ...]:
    sections: list[Section] = []
    last_main = main[-1] if main else -1
    pos = {b: k for k, b in enumerate(main)}
    words = [0] * (len(main) + 1)  # prefix sums of words over non-heading main blocks
    for k, i in enumerate(main):
        words[k + 1] = words[k] + (0 if i in heading_blocks else count_words(blocks[i].text))
    # each section ends before the next section whose level closes it (a lead-in ends at the next one)
    ends: list[int] = [last_main] * len(raw)
    stack: list[int] = []
    for k, r in enumerate(raw):
        i, level = r.block, r.level
        while stack:
            top = stack[-1]
            tlevel, tkind = raw[top].level, raw[top].kind
            if level <= tlevel or tkind is SectionKind.LEAD_IN:
                stack.pop()
                p = pos[i]
                ends[top] = main[p - 1] if p > 0 else raw[top].block
            else:
                break
        stack.append(k)
    for k, r in enumerate(raw):
        i = r.block
        end_block = max(ends[k], i)
        a, z = pos[i], pos.get(end_block, pos[i])
        total = words[z + 1] - words[a]
        last = blocks[end_block]
        sections.append(
            Section(
                title=r.title,
                level=r.level,
                kind=r.kind,
                start_line=r.line,
                end_line=last.end_line,
                start_char=blocks[i].start_char,
                end_char=last.end_char,
                words=total,
                heading_block=i,
                rule=r.rule,
            )
        )
    return tuple(sections)
