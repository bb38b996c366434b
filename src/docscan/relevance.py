"""Which blocks do not belong to the main text; entry point: `split_unrelated`.

A stretch of one to `MAX_RUN` consecutive blocks is set aside when the evidence that it was pasted
in from elsewhere reaches `THRESHOLD`. Evidence is a log-likelihood ratio (positive: unrelated)
summed from signals the document itself provides, so it carries over to documents never seen:

- lexical cohesion: each content word of the stretch recurs in the rest of the document (in one
  block or several) or does not. How often that happens to a paragraph of *this* document is
  measured on its own blocks; how often it happens by chance to foreign text grows with the rest's
  vocabulary. Names count separately, and so does whether the stretch uses any of the document's
  central words. A pasted story of three paragraphs is judged against the rest with all three
  removed, so it cannot vouch for itself;
- the gap: in the middle, the blocks on either side sharing words with each other but not with the
  stretch (TextTiling's cue that one text was interrupted);
- page furniture: newsletter, cookie, share, copyright ... phrasing (`data/boilerplate.json`),
  counted only when the rest of the document does not use it too;
- register: second person (or an opening call to action: "Discover ...", "Join ..."), first
  person, exclamations and cooking words the rest lacks (a recipe teaser or a sign-up prompt
  addresses the reader; an article reports);
- position and discourse: insertions cluster at the start and the end, are rarer in the middle of
  a long document, and do not open by referring back ("It said"), answer a colon above, sit right
  under the document's title (its lead), or follow the document's own "Label: text" layout (a
  "Label: value" field line included);
- layout: in a document that is one article (not headed sections), text above its title at the
  start, and headlines with no text under them at the end, belong to the page around it.
Hard limits keep real text whole: every block of a stretch must lean unrelated on its own (or
cohere more with the stretch than with the rest, or be a neutral paragraph beside furniture); a
stretch never cuts a list, never holds code, and in a document of headed sections never holds a
heading nor, on vocabulary alone, the text right under one; documents with too little prose to
show their own cohesion lose lines only to strong cues. Large documents are judged against a
window of neighbouring blocks, which keeps the work linear in their length. `--explain` shows
every term (`TERMS`, by name) for every block.

A whole web page saved as text (menus, link lists and footers around an article) is a different
case: `pagelayout.page_layout` recognises it by its shape and finds the article as the densest run
of prose; its verdicts name the layout rule that decided each block, and every set-aside segment
carries a category (navigation, comments, ...).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from .blocks import is_adornment
from .model import Block, BlockVerdict, Document, Segment, SegmentKind, Split
from .pagelayout import CUE_CATEGORY, OTHER, OTHER_ARTICLE, PageLayout, markup_furniture, page_layout, region_cues
from .text import REPORTING_VERBS

__all__ = ["THRESHOLD", "keep_whole", "preview", "split_unrelated"]

# Minimum evidence (log-likelihood ratio, unrelated vs main) to set a stretch aside. Set on
# ../shared/corpus with `python bench/segments.py ../shared/corpus` (bench/segments.md): the lowest
# value that leaves the clean segments documents and the newswire documents untouched.
THRESHOLD = 4.0
# Extra evidence demanded when the rest of the document has fewer than `MIN_CONTEXT_BLOCKS`
# substantial blocks: its own cohesion cannot be measured, so lexical evidence is weak.
SHORT_DOC_PENALTY = 3.0
MIN_CONTEXT_BLOCKS = 3
# A block with at least this many content word types is "substantial" (enough to measure cohesion).
SUBSTANTIAL_TYPES = 5
# Evidence each block of a stretch must carry on its own (titles: `TITLE_MIN`).
BLOCK_MIN = 0.5
TITLE_MIN = -0.5
# Stretches longer than this many blocks are not considered one insertion.
MAX_RUN = 4
# Never set aside more than this share of a document's words: beyond it the "main text" is in doubt.
MAX_SHARE = 0.6
# Lexical evidence is tempered by this factor: words of one paragraph are not independent draws.
LEX_SCALE = 0.6
# A word of foreign text recurs in a rest of V word types with probability 1 - exp(-V / CHANCE_VOCAB).
# Measured on segments/dev: inserted text found about 4% of its types in a rest of ~130 types.
CHANCE_VOCAB = 3300.0
# ... but never less than this: everyday words missing from common_words.txt recur anywhere.
CHANCE_MIN = 0.05
# Lexical evidence counts at most this many word types' worth (a long stretch of a novel with its
# own scene is not more foreign for being long).
MAX_EFFECTIVE_TYPES = 40
# A foreign name recurs by chance less often than a common content word (segments/dev: ~1% vs ~4%).
NAME_CHANCE = 0.3
# Of those chance recurrences, this share is in two or more blocks (segments/dev: about a quarter).
CHANCE_SPREAD = 0.25
# A word in at least this share of the blocks around a stretch is central to the document. How
# often a paragraph of this document uses one is measured on the document (within these bounds);
# pasted text does by chance (segments/dev: 86% of genuine paragraphs, 11% of inserted ones).
CENTRAL_SHARE = 0.4
ANCHORED_MIN, ANCHORED_MAX = 0.3, 0.9
ANCHORED_CHANCE = 0.11
# Bounds for the document's own recurrence rates (a paragraph of this document recurs ...).
REL_MIN, REL_MAX = 0.12, 0.85
# Prior evidence for stretches at the start or the end of the document (where insertions cluster).
EDGE_EVIDENCE = 1.0
# Furniture cues of several blocks add up to at most this.
CUE_MAX = 10.0
# Register evidence: second person / first person singular (outside quotations) / exclamations /
# cooking words, where the rest of the document lacks them.
YOU_EVIDENCE = 1.5
EXCLAIM_EVIDENCE = 1.0
ME_EVIDENCE = 1.0
FOOD_EVIDENCE = 1.0
FOOD_MAX = 4
# The rest "uses" a register when its rate is at least this share of the stretch's rate.
REGISTER_SHARE = 0.25
# A block whose tokens are at least this share numbers is a data row (scores, tables, listings):
# names and figures, not vocabulary, so word cohesion says nothing about it or against it.
DATA_ROW_SHARE = 0.2
# A block of at least this many words that ends a sentence is prose, the text cohesion is measured on.
PROSE_WORDS = 8
# Documents of up to this many blocks are searched in rounds, one stretch per round, at most
# MAX_ROUNDS stretches.
ROUND_BLOCKS = 200
MAX_ROUNDS = 3
# Documents of up to this many blocks (a news article) carry no length prior; beyond it a stretch
# in the middle needs log(blocks / TYPICAL_BLOCKS) more evidence. Edge stretches are exempt.
TYPICAL_BLOCKS = 12
# A document with at least SECTIONED headings (short lines over prose, after its first line) is
# made of sections: its headings are never set aside (unless a heading is furniture) and the body
# under a kept heading loses SECTION_EVIDENCE.
SECTIONED = 3
SECTION_EVIDENCE = -4.0
# Evidence against a stretch with a "Label: text" paragraph when at least LAYOUT_SIBLINGS
# paragraphs of the rest open the same way (the document's own layout, not a pasted block).
LAYOUT_EVIDENCE = -3.0
LAYOUT_SIBLINGS = 1
# Evidence from the lexical gap around a stretch in the middle (neighbours sharing >= 3 more words
# with each other than with it, 1-2 more, none more). segments/dev: a gap of 3+ around 67% of
# inserted stretches and 11% of genuine paragraphs; none around 10% and 66%.
BRIDGE_STRONG = 1.5
BRIDGE_WEAK = 0.5
BRIDGE_NONE = -1.0
# Evidence against a stretch whose first block refers back to the text above it ("It said"), or
# that follows a block ending with a colon (which announces it).
CONTINUES_EVIDENCE = -2.0
# Evidence against a stretch that opens right under the document's title (its first block, kept):
# the title announces the text below it, the article's lead. segments/dev cannot set the weight:
# its splicer never put text there (0 of 193 documents). Taken as the edge's weight reversed
# (`EDGE_EVIDENCE`): at -2.0 (a colon's) a newsletter prompt under a title stayed in the audit
# fixtures (tests/test_relevance_audit.py); at -1.0 a first-person lead with names of its own
# stays and the prompt still goes.
LEAD_EVIDENCE = -EDGE_EVIDENCE
# Evidence for a stretch at the start of a document with fewer than SECTIONED headings that ends
# right above its title (a title-like line over prose): an article opens with its title, so text
# above it came from the page around it. And for a run of title-like lines at the end with no text
# under them (headlines of other stories). segments/dev, ner and headings: no clean, newswire or
# book/RFC/web opening above a title-like line over prose reaches the threshold with it.
ABOVE_TITLE_EVIDENCE = 1.0
BODILESS_EVIDENCE = 1.0
# Evidence for a stretch at the start or the end whose names are strangers to the document: a chain
# of paragraphs linked by names of their own (each shares a name with another), at least
# FOREIGN_NAMES_MIN distinct names, none of which occurs in the rest. An article's paragraphs carry
# its people and places on; a pasted story carries its own. segments/dev and ner/: such a chain of
# 2-4 paragraphs at the start or the end is 27 % of inserted stretches and 1.3 % of genuine ones
# (clean and host; 1.6 % with newswire), log(0.27 / 0.015) ~ 2.9; taken as 2.5 because the lexical
# term already counts each unseen name.
FOREIGN_CHAIN_EVIDENCE = 2.5
FOREIGN_NAMES_MIN = 2
# Large documents: each stretch is compared with this many blocks on either side.
WINDOW = 40
PREVIEW_CHARS = 80

_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*")
_SENT_START = re.compile(r"(^|[.!?:;\"“”(]\s*)$")
_QUOTED = re.compile(r'"[^"\n]*(?:"|$)|“[^”\n]*(?:”|$)')
_LIST_MARKER = re.compile(r"([-*•–]|\d{1,3}[.)])\s+\S")
_FENCE = re.compile(r"^\s*(```|~~~)")
_SENTENCE_END = frozenset(".!?\"”’')…")
_PROSE_END = re.compile(r"\w{3,}[.!?][\"”’')]*\s*$")
_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")
_CONTINUATIONS = frozenset(
    {"it", "he", "she", "they", "his", "her", "its", "their"} | {"but", "and", "also", "however", "meanwhile", "yet"}
)
_LEAD_IN = re.compile(r"[A-Z][\w'’-]*(?: [\w'’&-]+){0,4}: \S")
# "Mr Smith said: ..." opens like a "Label: text" paragraph but is attribution, not layout: a label
# ending in a reporting verb is speech (the same closed class `sections.py` keeps out of lead-ins).
_REPORTING = REPORTING_VERBS
_PERSON = re.compile(r"\b(?:i|me|my|mine|myself|you|your|yours|yourself)\b(?:['’](?:m|ve|d|ll|re))?", re.I)
# A paragraph that opens with one of these verbs in the imperative ("Discover our ...", "Join ...")
# speaks to the reader as "you" does: a call to action, not a report.
_CALL_TO_ACTION = frozenset(
    {"discover", "explore", "learn", "join", "try", "shop", "order", "download", "subscribe", "browse"}
    | {"sign", "follow", "share", "click", "visit", "register", "claim", "grab", "unlock", "enjoy"}
)
_IMPERATIVE = re.compile(r"\W*([A-Z][a-z]+)\s+(?:[a-z]|[A-Z][a-z]+\s+[a-z])")
# Speech attributed to a pronoun ("... ," he told the paper; said she): with no name in the
# paragraph, its speaker was named in the text around it, so the paragraph continues that text.
# segments/dev: 6 of 1,051 genuine prose paragraphs, none of 194 inserted ones.
_VERB = "|".join(sorted(_REPORTING))
_PRONOUN_SPEAKER = re.compile(rf"\b(?:(?:he|she|they)\s+(?:{_VERB})|(?:{_VERB})\s+(?:he|she))\b", re.I)
_ME = frozenset({"i", "i'm", "i've", "i'd", "i'll", "my", "me", "mine", "myself"})
_YOU = frozenset({"you", "your", "you're", "you'll", "you've", "you'd", "yours", "yourself"})


@dataclass(frozen=True, slots=True)
class _Cue:
    kind: str
    weight: float
    max_words: int
    # Substrings one of which the lower-cased block must contain before `pattern` is tried, as
    # one alternation (a single C-level search per block instead of a Python loop per needle).
    needles: re.Pattern[str] | None
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    text = resources.files("docscan").joinpath("data/common_words.txt").read_text("utf-8")
    words: set[str] = set()
    for line in text.splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


@lru_cache(maxsize=1)
def _furniture() -> tuple[tuple[_Cue, ...], frozenset[str]]:
    data = json.loads(resources.files("docscan").joinpath("data/boilerplate.json").read_text("utf-8"))
    cues = tuple(
        _Cue(
            p["kind"],
            float(p["weight"]),
            int(p.get("max_words", 10_000)),
            re.compile("|".join(map(re.escape, p["needles"]))) if p.get("needles") else None,
            re.compile(p["re"], re.I | re.M),
        )
        for p in data["patterns"]
    )
    return cues, frozenset(data["cooking_words"])


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in ("ingly", "ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "es", "ed", "ly", "s"):
        if len(w) - len(suffix) >= 4 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def _unquoted(text: str) -> str:
    """The text outside quotations. A quotation may run on from the paragraph above (it then
    closes here without opening) or on into the next one (it opens here without closing)."""
    if text.count('"') % 2 and not text.lstrip().startswith('"'):
        text = text[text.index('"') + 1 :]
    return _QUOTED.sub(" ", text)


def _marker(text: str) -> str:
    """The list marker a block opens with ("-", "*", "•", "1." as "n."), or ""."""
    m = _LIST_MARKER.match(text)
    if not m:
        return ""
    return "n" + m.group(1)[-1] if m.group(1)[0].isdigit() else m.group(1)


def _labelled(text: str) -> bool:
    """Does the paragraph open with a "Label: " (not a speaker: "He added: ...")?"""
    m = _LEAD_IN.match(text)
    if not m:
        return False
    label = text[: text.index(":")].split()
    return label[-1].lower() not in _REPORTING


def _shouting(text: str) -> bool:
    """Mostly capital letters: a newswire headline, where capitals do not mark names."""
    if len(text) > 160:  # longer than a headline: only all capitals counts
        return text.isupper()
    letters = sum(map(str.isalpha, text))
    return letters > 0 and sum(map(str.isupper, text)) > 0.6 * letters


@dataclass(frozen=True, slots=True, kw_only=True)
class _Profile:
    """What the judgement needs from one block, computed once: its content word types and names,
    its furniture cue, its register counts and its layout (title, data row, prose, list item).
    Keyword-only, so a new field can never shift the others."""

    types: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    n_words: int = 0
    cue: float = 0.0
    cue_kind: str = ""
    title_like: bool = False
    you: int = 0
    me: int = 0
    exclaims: int = 0
    food: int = 0
    data_row: bool = False
    prose: bool = False
    continues: bool = False
    labelled: bool = False
    field: bool = False
    announces: bool = False
    marker: str = ""
    code: bool = False
    headline: bool = False


def _furniture_cue(text: str, n_words: int) -> tuple[float, str]:
    """The strongest furniture cue of `data/boilerplate.json` the block carries (weight, kind)."""
    cue, kind = 0.0, ""
    lowered = text.lower()
    for c in _furniture()[0]:
        if (
            c.weight > cue
            and n_words <= c.max_words
            and (c.needles is None or c.needles.search(lowered))
            and c.pattern.search(text)
        ):
            cue, kind = c.weight, c.kind
    return cue, kind


def _block_cue(block: Block) -> tuple[float, str]:
    """`_profile(block)`'s cue without the rest of the profile: all a whole page's layout needs of
    each block, so a page pays for full profiles only when it turns out not to be a page (and
    then the profile takes this cue instead of finding it again)."""
    if _FENCE.match(block.text):
        return 0.0, ""
    return _furniture_cue(block.text, len(_WORD.findall(block.text)))


def _profile(block: Block, cue_found: tuple[float, str] | None = None) -> _Profile:
    if _FENCE.match(block.text):
        # code is the document's own material and has no prose vocabulary to judge
        return _Profile(code=True)
    common = _common_words()
    cooking = _furniture()[1]
    types: set[str] = set()
    names: set[str] = set()
    text = block.text
    shouting = _shouting(text)
    n = food = 0
    # a quoted speaker addressing someone is reporting, not the page addressing its reader
    you = me = 0
    for m in _PERSON.finditer(_unquoted(text)):
        w = m.group().lower().replace("’", "'")
        you += w in _YOU
        me += w in _ME
    imperative = _IMPERATIVE.match(text)
    if imperative and imperative.group(1).lower() in _CALL_TO_ACTION:
        you += 1
    for m in _WORD.finditer(text):
        tok = m.group()
        n += 1
        low = tok.lower().replace("’", "'")
        if low in cooking or low.rstrip("s") in cooking:
            food += 1
        if low in common or len(low) < 3:
            continue
        stem = _stem(tok)
        types.add(stem)
        if not shouting and tok[0].isupper() and not _SENT_START.search(text[max(0, m.start() - 3) : m.start()]):
            names.add(stem)
    cue, kind = cue_found if cue_found is not None else _furniture_cue(text, n)
    stripped = "\n".join(line for line in text.strip().splitlines() if not is_adornment(line)).strip()
    title_like = (
        "\n" not in stripped and n <= 14 and len(stripped) <= 100 and (shouting or stripped[-1:] not in ".!?,;:")
    )
    numbers = len(_NUMBER.findall(text))
    data_row = numbers >= DATA_ROW_SHARE * (n + numbers) and numbers >= 2
    # cohesion is measured against sentences: field lists and table rows share names, not words
    prose = not data_row and n >= PROSE_WORDS and len(types) >= SUBSTANTIAL_TYPES and stripped[-1:] in _SENTENCE_END
    opening = _WORD.search(text)
    continues = bool(opening) and opening.group().lower() in _CONTINUATIONS  # type: ignore[union-attr]
    # a nameless paragraph whose speaker is "he" or "she" leans on the text that named them
    continues = continues or (not names and bool(_PRONOUN_SPEAKER.search(text)))
    return _Profile(
        types=frozenset(types),
        names=frozenset(names),
        n_words=n,
        cue=cue,
        cue_kind=kind,
        title_like=title_like,
        you=you,
        me=me,
        exclaims=text.count("!"),
        food=food,
        data_row=data_row,
        prose=prose,
        continues=continues,
        labelled=prose and _labelled(stripped),
        field=not prose and "\n" not in stripped and _labelled(stripped),
        announces=stripped.endswith(":"),
        marker=_marker(stripped),
        headline=title_like or ("\n" not in stripped and n <= 14 and len(stripped) <= 100 and stripped[-1:] == "?"),
    )


@dataclass(frozen=True, slots=True)
class _Rates:
    """The document's own habits, measured once: how often a word type of one of its paragraphs
    recurs in the rest (in two or more blocks, in one), how often a name does, how often a
    paragraph uses a central word; how many prose blocks, blocks and headings it has."""

    spread: float
    once: float
    name: float
    anchored: float
    context_blocks: int
    blocks: int
    headings: int


@dataclass(frozen=True, slots=True)
class _Evidence:
    """A stretch's evidence: the total and each named term (`TERMS`), with what the reason needs."""

    total: float
    terms: tuple[tuple[str, float], ...]
    recurring: float
    types: int
    kind: str

    def term(self, name: str) -> float:
        return next(v for k, v in self.terms if k == name)

    @property
    def lexical(self) -> float:
        return self.term("lexical")

    @property
    def cue(self) -> float:
        return self.term("boilerplate_cue")

    @property
    def register(self) -> float:
        return self.term("register")

    @property
    def position(self) -> float:
        return self.term("position")

    @property
    def layout(self) -> float:
        return self.term("layout")

    def features(self, rates: _Rates) -> dict[str, float]:
        return {
            "evidence": self.total,
            **dict(self.terms),
            "recurring_share": self.recurring,
            "doc_recurring_share": rates.spread + rates.once,
            "word_types": float(self.types),
        }


class _Context:
    """Document frequencies of word types over the blocks a stretch is compared with."""

    def __init__(self, profiles: list[_Profile]) -> None:
        self.profiles = profiles
        self.df: Counter[str] = Counter()
        self.labelled = self.words = self.you = self.me = self.exclaims = self.food = self.substantial = self.vocab = (
            self.worded
        ) = 0
        self.cue_kinds: Counter[str] = Counter()

    def add(self, i: int, sign: int = 1) -> None:
        p = self.profiles[i]
        for w in p.types:
            before = self.df[w]
            self.df[w] = before + sign
            self.vocab += (before == 0) - (before + sign == 0)
        self.words += sign * p.n_words
        self.you += sign * p.you
        self.me += sign * p.me
        self.exclaims += sign * p.exclaims
        self.food += sign * p.food
        self.substantial += sign * p.prose
        self.labelled += sign * p.labelled
        self.worded += sign * bool(p.types)
        if p.cue_kind:
            self.cue_kinds[p.cue_kind] += sign


def split_unrelated(doc: Document, blocks: tuple[Block, ...], *, enabled: bool = True) -> Split:
    """Partition blocks into main text and set-aside segments, with a verdict for every block."""
    if not blocks:
        return Split((), (), ())
    found: list[tuple[float, str]] | list[None] = [None] * len(blocks)
    if enabled:
        structure = region_cues(doc.regions, blocks)
        found = [_block_cue(b) for b in blocks]
        cues = [kind or c for (_, kind), c in zip(found, structure, strict=True)]
        # an HTML page's markup has spoken: what it declares chrome goes, what it keeps needs more
        markup = markup_furniture(doc.regions, blocks) if doc.format == "html" else None
        layout = page_layout(blocks, cues, structured=any(structure), markup=markup)
        if layout is not None:
            return _with_declared(doc, blocks, _page_split(blocks, layout))
    profiles = [_profile(b, f) for b, f in zip(blocks, found, strict=True)]
    rates = _doc_rates(profiles)
    single: dict[int, _Evidence] = {}
    flagged = _choose(profiles, rates, single) if enabled else {}
    missing = frozenset(i for i in range(len(blocks)) if i not in single)
    if missing:
        for lo, _, ev, _ in _stretches(profiles, rates, lambda lo, hi: hi == lo + 1 and lo in missing):
            single[lo] = ev
    verdicts = []
    for b in blocks:
        ev = flagged.get(b.index, single[b.index])
        verdicts.append(
            BlockVerdict(
                block=b.index,
                start_line=b.start_line,
                end_line=b.end_line,
                score=round(_squash(ev.total), 3),
                threshold=round(_squash(_threshold(rates)), 3),
                unrelated=b.index in flagged,
                reason=_verdict_reason(ev, b.index in flagged),
                features=tuple((k, round(v, 3)) for k, v in ev.features(rates).items()),
            )
        )
    segments = _segments(blocks, flagged, single)
    main = tuple(b.index for b in blocks if b.index not in flagged)
    split = Split(segments, main, tuple(verdicts))
    return _with_declared(doc, blocks, split) if enabled else split


def _with_declared(doc: Document, blocks: tuple[Block, ...], split: Split) -> Split:
    """The split with what a non-HTML format declares furniture set aside (HTML's is read by the
    page layout itself, which weighs it against the text)."""
    if not doc.regions or doc.format == "html":
        return split
    return _declared_furniture(blocks, split, markup_furniture(doc.regions, blocks), doc.format)


def _declared_furniture(blocks: tuple[Block, ...], split: Split, declared: list[str], fmt: str) -> Split:
    """Blocks the format's own structure declares furniture (a PDF's running headers, footers and
    page numbers, found by repetition across pages) are set aside whatever the words say; the
    rest of the split stands. A document is never set aside whole."""
    marked = {i for i, c in enumerate(declared) if c}
    main = tuple(i for i in split.main_blocks if i not in marked)
    if not marked or not main:
        return split
    reason = f"furniture declared by the {fmt} layout"
    verdicts = tuple(
        replace(
            v, unrelated=True, score=PAGE_SCORE, reason=reason, features=(*v.features, ("furniture_by_markup", 1.0))
        )
        if v.block in marked
        else replace(v, features=(*v.features, ("furniture_by_markup", 0.0)))
        for v in split.verdicts
    )
    # each block's segment: its old one, or a declared-furniture one; neighbours with the same merge
    owner: list[tuple[object, Segment]] = []
    k = 0
    for b in blocks:
        while split.segments[k].end_line < b.start_line:
            k += 1
        old = split.segments[k]
        if b.index in marked:
            seg = replace(old, kind=SegmentKind.UNRELATED, score=PAGE_SCORE, reason=reason, category=declared[b.index])
            owner.append((("declared", declared[b.index]), seg))
        else:
            owner.append((k, old))
    out: list[Segment] = []
    i = 0
    while i < len(blocks):
        j = i
        while j + 1 < len(blocks) and owner[j + 1][0] == owner[i][0]:
            j += 1
        first, last = blocks[i], blocks[j]
        out.append(
            replace(
                owner[i][1],
                start_line=first.start_line,
                end_line=last.end_line,
                start_char=first.start_char,
                end_char=last.end_char,
                preview=preview(first.text),
            )
        )
        i = j + 1
    return Split(tuple(out), main, verdicts)


def keep_whole(blocks: tuple[Block, ...], reason: str) -> Split:
    """The whole document as main text, unjudged (for inputs too large to be a scraped page)."""
    if not blocks:
        return Split((), (), ())
    first, last = blocks[0], blocks[-1]
    segment = Segment(
        kind=SegmentKind.MAIN,
        start_line=first.start_line,
        end_line=last.end_line,
        start_char=first.start_char,
        end_char=last.end_char,
        score=1.0,
        reason=reason,
        preview=preview(first.text),
    )
    return Split((segment,), tuple(b.index for b in blocks), ())


def preview(text: str) -> str:
    """The start of a block on one line, at most PREVIEW_CHARS long, for reports."""
    preview = " ".join(text[: PREVIEW_CHARS * 4].split())
    return preview if len(preview) <= PREVIEW_CHARS else preview[: PREVIEW_CHARS - 1].rstrip() + "…"


def _verdict_reason(ev: _Evidence, flagged: bool) -> str:
    if flagged:
        return _reason(ev)
    if ev.total > 0:
        return f"kept, below the threshold: {_reason(ev)}"
    return "main text"


def _squash(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


def _threshold(rates: _Rates) -> float:
    return THRESHOLD + (SHORT_DOC_PENALTY if rates.context_blocks < MIN_CONTEXT_BLOCKS + 1 else 0.0)


def _doc_rates(profiles: list[_Profile]) -> _Rates:
    """Pooled leave-one-out recurrence of each block's types, within its window of neighbours."""
    n = len(profiles)
    spread = once = total = named = named_seen = prose = anchored = 0
    ctx = _Context(profiles)
    hi = 0
    for i in range(n):
        while hi < n and hi <= i + WINDOW:
            ctx.add(hi)
            hi += 1
        if i - WINDOW - 1 >= 0:
            ctx.add(i - WINDOW - 1, -1)
        p = profiles[i]
        if len(p.types) < SUBSTANTIAL_TYPES:
            continue
        central = max(2.0, CENTRAL_SHARE * (ctx.worded - 1)) + 1
        prose += 1
        anchored += any(ctx.df[w] >= central for w in p.types)
        for w in p.types:
            c = ctx.df[w] - 1
            if w in p.names:
                named += 1
                named_seen += c >= 1
                continue
            spread += c >= 2
            once += c == 1
            total += 1
    substantial = sum(1 for p in profiles if p.prose)
    headings = sum(1 for i in range(1, n - 1) if profiles[i].title_like and profiles[i + 1].prose)
    name = min(REL_MAX, max(REL_MIN, named_seen / named)) if named >= 3 else REL_MIN
    anchor = min(ANCHORED_MAX, max(ANCHORED_MIN, anchored / prose)) if prose else ANCHORED_MIN
    if not total:
        return _Rates(REL_MIN / 2, REL_MIN / 2, name, anchor, substantial, n, headings)
    s, o = spread / total, once / total
    scale = min(1.0, REL_MAX / (s + o)) if s + o > 0 else 1.0
    s, o = s * scale, o * scale
    if s + o < REL_MIN:
        s, o = REL_MIN * 0.5, REL_MIN * 0.5
    return _Rates(max(s, 0.02), max(o, 0.02), name, anchor, substantial, n, headings)


def _stretches(
    profiles: list[_Profile],
    rates: _Rates,
    wanted: Callable[[int, int], bool],
    excluded: frozenset[int] = frozenset(),
    threshold: float | None = None,
) -> Iterator[tuple[int, int, _Evidence, bool]]:
    """Evidence for each wanted stretch blocks[lo:hi], judged against the blocks around it (a
    window slid along the document, so the work stays linear in its length; blocks already set
    aside vouch for nothing), and whether each of its blocks also leans unrelated on its own
    against that same rest (checked only for stretches that reach `threshold`, when given)."""
    n = len(profiles)
    live = [i for i in range(n) if i not in excluded]
    first, last = (live[0], live[-1]) if live else (0, -1)
    ctx = _Context(profiles)
    top = 0
    for lo in range(n):
        while top < n and top < lo + MAX_RUN + WINDOW:
            if top not in excluded:
                ctx.add(top)
            top += 1
        if lo - WINDOW - 1 >= 0 and lo - WINDOW - 1 not in excluded:
            ctx.add(lo - WINDOW - 1, -1)
        if lo in excluded:
            continue
        hi = lo
        # grow the stretch one block at a time, taking each block out of the rest as it joins
        while hi < min(n, lo + MAX_RUN) and hi not in excluded:
            ctx.add(hi, -1)
            hi += 1
            if not wanted(lo, hi):
                continue
            ev = _evidence(
                profiles[lo:hi],
                ctx,
                rates,
                at_start=lo <= first,
                at_end=hi > last,
                after_heading=lo > 0 and profiles[lo - 1].title_like and lo - 1 not in excluded,
                under_title=lo - 1 == first and profiles[first].title_like,
                announced=lo > 0 and profiles[lo - 1].announces and lo - 1 not in excluded,
                gap=_gap(profiles, lo, hi, excluded),
                layout=_layout(profiles, rates, lo, hi, first, last, excluded),
            )
            chain = ev.term("foreign_names") > 0
            leans = (threshold is None or ev.total >= threshold) and (
                hi - lo == 1 or all(_leans(profiles, lo, hi, j, ctx, rates, chain) for j in range(lo, hi))
            )
            yield lo, hi, ev, leans and not _cuts_list(profiles, lo, hi, excluded) and not _heads_rest(profiles, lo, hi)
        for j in range(lo, hi):
            ctx.add(j)


def _layout(
    profiles: list[_Profile], rates: _Rates, lo: int, hi: int, first: int, last: int, excluded: frozenset[int]
) -> float:
    """Evidence from where blocks[lo:hi] sits in the layout of a document that is not made of
    headed sections: above the document's title at its start, or a run of bodiless headlines at
    its end."""
    if rates.headings >= SECTIONED:
        return 0.0
    n = len(profiles)
    if (
        lo <= first
        and hi + 1 < n
        and hi not in excluded
        and hi + 1 not in excluded
        and profiles[hi].title_like
        and profiles[hi + 1].prose
    ):
        return ABOVE_TITLE_EVIDENCE
    if lo > 0 and hi > last and all(p.headline and p.types for p in profiles[lo:hi]) and not profiles[lo - 1].headline:
        return BODILESS_EVIDENCE
    return 0.0


def _gap(profiles: list[_Profile], lo: int, hi: int, excluded: frozenset[int]) -> int | None:
    """Words the blocks on either side of blocks[lo:hi] share with each other, less the most either
    shares with the stretch; None unless both neighbours are kept prose."""
    if lo == 0 or hi >= len(profiles) or lo - 1 in excluded or hi in excluded:
        return None
    above, below = profiles[lo - 1], profiles[hi]
    if not (above.prose and below.prose):
        return None
    inside = set().union(*(p.types for p in profiles[lo:hi]))
    across, with_stretch = len(above.types & below.types), max(len(inside & above.types), len(inside & below.types))
    if not across and not with_stretch:
        # neighbours that share no word with each other nor with the stretch: the test has no
        # power (loosely linked paragraphs of an essay or a blog post), which is not evidence
        # that the stretch belongs
        return None
    return across - with_stretch


def _heads_rest(profiles: list[_Profile], lo: int, hi: int) -> bool:
    """Does blocks[lo:hi] end with a kicker: a heading-like line right above another one (the
    title)? A kicker ("FOR IMMEDIATE RELEASE", "ANALYSIS") belongs to the title under it and
    does not ride along with a story pasted above it. A run of bodiless headlines (all
    title-like) is judged as a whole. (Any heading-like last line, not only a kicker, cost the
    even half of segments/dev 2 lines of furniture followed by a host paragraph.)"""
    return (
        hi < len(profiles)
        and profiles[hi - 1].title_like
        and profiles[hi].title_like
        and not all(p.title_like for p in profiles[lo:hi])
    )


def _cuts_list(profiles: list[_Profile], lo: int, hi: int, excluded: frozenset[int]) -> bool:
    """Would blocks[lo:hi] cut a list in two? Items with the same marker on both sides of the
    stretch's edge are one list, and a pasted block does not continue the host's list."""
    if lo > 0 and lo - 1 not in excluded and profiles[lo].marker and profiles[lo - 1].marker == profiles[lo].marker:
        return True
    n = len(profiles)
    return (
        hi < n
        and hi not in excluded
        and bool(profiles[hi - 1].marker)
        and profiles[hi].marker == profiles[hi - 1].marker
    )


def _leans(
    profiles: list[_Profile], lo: int, hi: int, j: int, ctx: _Context, rates: _Rates, chain: bool = False
) -> bool:
    """Does block j of the stretch blocks[lo:hi] lean unrelated on its own? Either its own evidence
    against the rest says so, or it is at least neutral and shares more words with the stretch
    than with the rest (a pasted story's paragraphs cohere with each other, not with the host), or
    the stretch's names are strangers to the document (`chain`) and so are all of this block's."""
    p = profiles[j]
    if chain and p.names and not any(ctx.df[w] for w in p.names):
        return True  # a paragraph of the stranger story: it names none of the document's own
    # position is the stretch's evidence, not each block's: a bare number next to an insertion
    # at the end must not ride along with it
    own = _evidence([p], ctx, rates, at_start=False, at_end=False, prior=False).total
    if own >= (TITLE_MIN if p.headline else BLOCK_MIN):
        return True
    if own < 0 and not (p.title_like and j == lo):
        return False
    if p.prose and any(profiles[k].cue and ctx.cue_kinds[profiles[k].cue_kind] == 0 for k in range(lo, hi) if k != j):
        return True  # furniture comes in groups: a neutral paragraph goes with the furniture beside it
    # a heading is judged with its section: it goes with the stretch below it when it shares more
    # words with that stretch than with the rest
    inner = set().union(*(profiles[k].types for k in range(lo, hi) if k != j))
    return len(p.types & inner) > sum(1 for w in p.types if ctx.df[w] > 0)


@dataclass(frozen=True, slots=True)
class _Stretch:
    """What the evidence terms read: the stretch's blocks, the rest they are compared with, the
    document's rates, and where the stretch sits."""

    inside: list[_Profile]
    ctx: _Context
    rates: _Rates
    at_start: bool
    at_end: bool
    prior: bool
    after_heading: bool
    under_title: bool
    announced: bool
    gap: int | None
    layout: float
    types: frozenset[str]


def _recurrence(st: _Stretch) -> tuple[float, int]:
    """The lexical log-likelihood ratio before tempering, and how many word types recur."""
    ctx, rates = st.ctx, st.rates
    chance = max(CHANCE_MIN, 1.0 - math.exp(-ctx.vocab / CHANCE_VOCAB))
    c_spread, c_once = chance * CHANCE_SPREAD, chance * (1 - CHANCE_SPREAD)
    llr_spread = math.log(max(c_spread, 1e-3) / rates.spread)
    llr_once = math.log(max(c_once, 1e-3) / rates.once)
    llr_none = math.log((1.0 - c_spread - c_once) / max(0.05, 1.0 - rates.spread - rates.once))
    c_name = chance * NAME_CHANCE
    llr_name_seen = math.log(max(c_name, 1e-3) / rates.name)
    llr_name_none = math.log((1.0 - c_name) / (1.0 - rates.name))
    names: set[str] = set().union(*(p.names for p in st.inside))
    lexical = 0.0
    recurring = 0
    for w in st.types:
        c = ctx.df[w]
        if w in names:
            lexical += llr_name_seen if c else llr_name_none
            recurring += c > 0
        elif c >= 2:
            lexical += llr_spread
            recurring += 1
        elif c == 1:
            lexical += llr_once
            recurring += 1
        else:
            lexical += llr_none
    return lexical, recurring


def _lexical_term(st: _Stretch) -> float:
    """Whether the stretch's words and names recur in the rest, against this document's own rates,
    and whether it uses any of the document's central words."""
    ctx, rates, types = st.ctx, st.rates, st.types
    lexical, _ = _recurrence(st)
    # words of real text are overdispersed: past a paragraph's worth of types, more of them do not
    # make the evidence stronger in proportion
    lexical *= LEX_SCALE * min(1.0, MAX_EFFECTIVE_TYPES / max(1, len(types)))
    # the document's central words (in a good share of its blocks): a paragraph of the document
    # almost always uses one; a pasted one almost never does
    central = max(2.0, CENTRAL_SHARE * ctx.worded)
    anchored = any(ctx.df[w] >= central for w in types)
    if len(types) >= SUBSTANTIAL_TYPES and ctx.substantial >= MIN_CONTEXT_BLOCKS:
        if anchored:
            lexical += math.log(ANCHORED_CHANCE / rates.anchored)
        else:
            lexical += math.log((1.0 - ANCHORED_CHANCE) / (1.0 - rates.anchored))
    if ctx.substantial < MIN_CONTEXT_BLOCKS or 2 * sum(p.data_row for p in st.inside) >= len(st.inside):
        lexical = min(lexical, 0.0)  # no prose to cohere with: only evidence for belonging counts
    return lexical


def _cue_term(st: _Stretch) -> float:
    """Page-furniture phrasing the rest does not use: every block that looks like furniture adds
    its cue (a sign-up line above a share bar is two pieces of evidence, not one)."""
    cue = sum(p.cue for p in st.inside if p.cue and st.ctx.cue_kinds[p.cue_kind] == 0)
    return min(cue, CUE_MAX)


def _register_counts(st: _Stretch) -> tuple[float, int]:
    """Register evidence (you, me, exclamations, cooking words the rest lacks) and the food count
    that made it (for the recipe kind)."""
    ctx, inside = st.ctx, st.inside
    words = sum(p.n_words for p in inside) or 1
    register = 0.0
    rest_words = max(1, ctx.words)
    you = sum(p.you for p in inside)
    if you and ctx.you / rest_words < REGISTER_SHARE * you / words:
        register += YOU_EVIDENCE
    me = sum(p.me for p in inside)
    if me and ctx.me / rest_words < REGISTER_SHARE * me / words:
        register += ME_EVIDENCE
    exclaims = sum(p.exclaims for p in inside)
    if exclaims and ctx.exclaims / rest_words < REGISTER_SHARE * exclaims / words:
        register += EXCLAIM_EVIDENCE
    food = sum(p.food for p in inside)
    if food and ctx.food / rest_words < REGISTER_SHARE * food / words:
        register += FOOD_EVIDENCE * min(food, FOOD_MAX)
        return register, food
    return register, 0


def _register_term(st: _Stretch) -> float:
    """A reader-addressing, first-person, exclaiming or cooking register the rest lacks."""
    return _register_counts(st)[0]


def _position_term(st: _Stretch) -> float:
    """Position and discourse: edges attract insertions, the middle of a long document does not;
    a "Label:" paragraph like its siblings, the body under a heading of a sectioned document, a
    block announced by a colon or referring back ("It said") belong to the text around them."""
    rates, inside = st.rates, st.inside
    if not st.prior:
        position = 0.0
    elif st.at_start or st.at_end:
        position = EDGE_EVIDENCE
    else:
        # one or two insertions per document: the longer it is, the less likely any one stretch
        # in its middle is one (a novel's chapter with new words is not a pasted story)
        position = -math.log(rates.blocks / TYPICAL_BLOCKS) if rates.blocks > TYPICAL_BLOCKS else 0.0
    if any(p.labelled or p.field for p in inside) and st.ctx.labelled >= LAYOUT_SIBLINGS:
        # paragraphs that open with a "Label: " like several others follow the document's own
        # layout, and so does a one-line "Label: value" field below them (a press release's
        # "Media contact: ..." under its "About ...: ..." paragraph)
        position += LAYOUT_EVIDENCE
    if rates.headings >= SECTIONED and st.after_heading:
        # a document made of headed sections: the body under a heading that stays is that
        # section's own text, with its own vocabulary
        position += SECTION_EVIDENCE
    if st.under_title and rates.headings < SECTIONED:
        # the first paragraph under the document's title is the lead it announces (a document of
        # headed sections has its own, stronger, evidence for the text under a heading)
        position += LEAD_EVIDENCE
    if st.announced:
        # the block above ends with a colon ("... these conditions:"): this is what it announces
        position += CONTINUES_EVIDENCE
    if inside[0].continues and not st.at_start:
        # "It said ...", "But he ...": a block that refers back continues the text above it
        position += CONTINUES_EVIDENCE
    return position


def _bridge_term(st: _Stretch) -> float:
    """TextTiling's gap: the blocks on either side share more words with each other than with the
    stretch between them, so the stretch interrupts one text."""
    if st.gap is None:
        return 0.0
    return BRIDGE_STRONG if st.gap >= 3 else BRIDGE_WEAK if st.gap >= 1 else BRIDGE_NONE


def _chained(inside: list[_Profile]) -> bool:
    """Are the stretch's paragraphs linked by names: at least two name something, and each that
    does shares a name with another?"""
    named = [p.names for p in inside if p.names]
    if len(named) < 2:
        return False
    return all(any(a & b for k, b in enumerate(named) if k != i) for i, a in enumerate(named))


def _foreign_names_term(st: _Stretch) -> float:
    """Names that are strangers to the document, at its start or end: the stretch names at least
    `FOREIGN_NAMES_MIN` people, places or organisations, none of them anywhere in the rest, and its
    paragraphs are a chain linked by those names (at the start, above the article's title). A
    closing paragraph of background brings a new name or two; it rarely brings a cast of its own
    that runs through several paragraphs."""
    if not st.prior or not (st.at_start or st.at_end) or st.ctx.substantial < MIN_CONTEXT_BLOCKS:
        return 0.0  # (a rest of fewer prose blocks is too little to carry the document's own names)
    if st.at_start and not st.at_end and not st.layout:
        # at the start, only text above the article's title: an article's own headline and lead
        # name its subject, and a body of line-ups or quotes may never name it again
        return 0.0
    names: frozenset[str] = frozenset().union(*(p.names for p in st.inside))
    if len(names) < FOREIGN_NAMES_MIN or any(st.ctx.df[w] for w in names):
        return 0.0
    return FOREIGN_CHAIN_EVIDENCE if _chained(st.inside) else 0.0


def _layout_term(st: _Stretch) -> float:
    """Text above a single article's title at its start, or bodiless headlines at its end
    (computed by `_layout`, which sees the blocks around the stretch)."""
    return st.layout


# The evidence, term by term: each is a named log-likelihood ratio (positive: pasted in) that
# `--explain` shows under its name; a stretch's evidence is their sum.
TERMS: tuple[tuple[str, Callable[[_Stretch], float]], ...] = (
    ("lexical", _lexical_term),
    ("boilerplate_cue", _cue_term),
    ("register", _register_term),
    ("position", _position_term),
    ("bridge", _bridge_term),
    ("layout", _layout_term),
    ("foreign_names", _foreign_names_term),
)


def _kind(st: _Stretch) -> str:
    """The kind of furniture the stretch is: its strongest cue the rest lacks, else a recipe when
    cooking words made its register."""
    kind, strongest = "", 0.0
    for p in st.inside:
        if p.cue and st.ctx.cue_kinds[p.cue_kind] == 0 and p.cue > strongest:
            kind, strongest = p.cue_kind, p.cue
    if not kind and _register_counts(st)[1] >= 2:
        kind = "recipe"
    return kind


def _evidence(
    inside: list[_Profile],
    ctx: _Context,
    rates: _Rates,
    *,
    at_start: bool,
    at_end: bool,
    prior: bool = True,
    after_heading: bool = False,
    under_title: bool = False,
    announced: bool = False,
    gap: int | None = None,
    layout: float = 0.0,
) -> _Evidence:
    types = frozenset().union(*(p.types for p in inside))
    st = _Stretch(
        inside, ctx, rates, at_start, at_end, prior, after_heading, under_title, announced, gap, layout, types
    )
    terms = tuple((name, term(st)) for name, term in TERMS)
    total = 0.0
    for _, value in terms:
        total += value
    _, recurring = _recurrence(st)
    return _Evidence(
        total=total,
        terms=terms,
        recurring=recurring / len(types) if types else 0.0,
        types=len(types),
        kind=_kind(st),
    )


def _choose(profiles: list[_Profile], rates: _Rates, single: dict[int, _Evidence]) -> dict[int, _Evidence]:
    """Stretches above the threshold, best first. In a document of ordinary size one stretch is
    taken per round and the rest re-judged without it (a set-aside story no longer vouches for
    the host paragraphs it happened to share words with); large documents take all
    non-overlapping stretches in one round to stay linear. The first round also fills `single`,
    each block's own evidence against the whole rest, for the verdicts."""
    threshold = _threshold(rates)
    total_words = sum(p.n_words for p in profiles) or 1
    prefix = [0]
    for p in profiles:
        prefix.append(prefix[-1] + p.n_words)
    flagged: dict[int, _Evidence] = {}
    # code stays, and so do the headings of a document made of headed sections (its outline),
    # unless a heading itself reads as page furniture
    sectioned = rates.headings >= SECTIONED
    kept = [0]
    for p in profiles:
        kept.append(kept[-1] + (p.code or (sectioned and p.title_like and not p.cue)))
    small = len(profiles) <= ROUND_BLOCKS
    for _ in range(MAX_ROUNDS if small else 1):
        budget = MAX_SHARE * total_words - sum(profiles[i].n_words for i in flagged)
        candidates = []
        for lo, hi, ev, leans in _stretches(
            profiles, rates, _within(prefix, budget, kept), frozenset(flagged), threshold
        ):
            if not flagged and hi == lo + 1:
                single[lo] = ev
            if leans and (ev.cue + ev.register + ev.layout > 0 or _plausible_by_words(profiles, rates, lo, hi)):
                candidates.append((ev.total, lo, hi, ev))
        if not candidates:
            break
        candidates.sort(key=lambda c: (-c[0], c[1]))
        for _, lo, hi, ev in candidates[:1] if small else candidates:
            if any(i in flagged for i in range(lo, hi)):
                continue
            for i in range(lo, hi):
                flagged[i] = ev
    return flagged


def _within(prefix: list[int], budget: float, kept: list[int]) -> Callable[[int, int], bool]:
    """Stretches within the word budget that hold no block that always stays (`kept` counts them
    cumulatively)."""
    return lambda lo, hi: prefix[hi] - prefix[lo] <= budget and kept[hi] == kept[lo]


def _plausible_by_words(profiles: list[_Profile], rates: _Rates, lo: int, hi: int) -> bool:
    """Can new vocabulary alone make this stretch an insertion? Not for a lone heading (short by
    nature), and not for the document's own opening: a stretch that starts with the first line's
    heading is the document's header unless another heading follows it to head the main text; and
    not for the text right under a heading of a document made of headed sections."""
    if all(p.title_like for p in profiles[lo:hi]):
        return False
    if rates.headings >= SECTIONED and lo > 0 and profiles[lo - 1].title_like:
        return False  # the body under a heading of a sectioned document is that section's text
    if lo == 0 and profiles[0].title_like:
        return hi < len(profiles) and profiles[hi].title_like
    return True


_KIND_LEAD = {
    "newsletter": "newsletter or sign-up prompt",
    "cookie": "cookie notice",
    "privacy": "privacy or terms notice",
    "legal": "copyright or licence line",
    "share": "share bar",
    "social": "social-media prompt",
    "comments": "comments widget",
    "related": "related-content list",
    "navigation": "navigation links",
    "advertisement": "advertisement",
    "byline": "publishing metadata",
    "account": "account prompt",
    "download": "app promotion",
    "definition": "dictionary entry",
    "promotion": "promotional teaser",
    "recipe": "recipe-like teaser",
}


def _reason(ev: _Evidence) -> str:
    lead = _KIND_LEAD.get(ev.kind, ev.kind) if ev.kind else "off-topic text"
    parts = [f"{ev.recurring:.0%} of its {ev.types} word types recur in the rest"]
    if ev.cue:
        parts.append("page-furniture phrasing")
    if ev.register:
        parts.append("addresses the reader unlike the rest")
    if ev.position:
        parts.append("at the edge")
    if ev.term("foreign_names"):
        parts.append("its names appear nowhere else")
    return f"{lead}: " + ", ".join(parts)


def _segments(
    blocks: tuple[Block, ...], flagged: dict[int, _Evidence], single: dict[int, _Evidence]
) -> tuple[Segment, ...]:
    """Consecutive blocks with the same verdict (and, when set aside, the same evidence) form a segment."""
    out: list[Segment] = []
    i = 0
    while i < len(blocks):
        unrelated = i in flagged
        j = i
        while j + 1 < len(blocks) and ((j + 1) in flagged) == unrelated:
            if unrelated and flagged[j + 1] is not flagged[i]:
                break
            j += 1
        first, last = blocks[i], blocks[j]
        category = ""
        if unrelated:
            score = _squash(flagged[i].total)
            reason = _reason(flagged[i])
            kind = flagged[i].kind
            prose = any(_PROSE_END.search(blocks[k].text) for k in range(i, j + 1))
            category = CUE_CATEGORY.get(kind, OTHER) if kind else OTHER_ARTICLE if prose else OTHER
        else:
            score = 1.0 - max(_squash(single[k].total) for k in range(i, j + 1))
            reason = "main text"
        shown = preview(first.text)
        out.append(
            Segment(
                kind=SegmentKind.UNRELATED if unrelated else SegmentKind.MAIN,
                start_line=first.start_line,
                end_line=last.end_line,
                start_char=first.start_char,
                end_char=last.end_char,
                score=round(score, 3),
                reason=reason,
                preview=shown,
                category=category,
            )
        )
        i = j + 1
    return tuple(out)


# How sure the page layout is of a block it sets aside or keeps (a page's furniture is rarely in
# doubt once the article's run is found; pages/dev: 0.9+ of the set-aside labelled lines are furniture).
PAGE_SCORE = 0.9


def _page_split(blocks: tuple[Block, ...], layout: PageLayout) -> Split:
    """The split of a whole web page: the article's blocks stay, the page around it is set aside
    by category; each verdict names the rule that decided it."""
    verdicts = []
    for b, role in zip(blocks, layout.roles, strict=True):
        inside = layout.start <= b.index <= layout.end
        verdicts.append(
            BlockVerdict(
                block=b.index,
                start_line=b.start_line,
                end_line=b.end_line,
                score=round(1.0 - PAGE_SCORE if role.keep else PAGE_SCORE, 3),
                threshold=0.5,
                unrelated=not role.keep,
                reason=f"page layout: {role.rule}" + (f" ({role.category})" if role.category else ""),
                features=(
                    ("in_article_run", float(inside)),
                    ("article_start_line", float(blocks[layout.start].start_line)),
                    ("article_end_line", float(blocks[layout.end].end_line)),
                    *(layout.evidence[b.index] if layout.evidence else ()),
                ),
            )
        )
    out: list[Segment] = []
    i = 0
    while i < len(blocks):
        role = layout.roles[i]
        j = i
        while j + 1 < len(blocks) and layout.roles[j + 1].keep == role.keep and (
            role.keep or layout.roles[j + 1].category == role.category
        ):
            j += 1
        first, last = blocks[i], blocks[j]
        if role.keep:
            reason = "main text" if layout.article else "main text: no article-like prose found, the whole page is kept"
        else:
            reason = f"page furniture ({role.category}): {role.rule}"
        out.append(
            Segment(
                kind=SegmentKind.MAIN if role.keep else SegmentKind.UNRELATED,
                start_line=first.start_line,
                end_line=last.end_line,
                start_char=first.start_char,
                end_char=last.end_char,
                score=PAGE_SCORE,
                reason=reason,
                preview=preview(first.text),
                category=role.category,
            )
        )
        i = j + 1
    main = tuple(b.index for b, r in zip(blocks, layout.roles, strict=True) if r.keep)
    return Split(tuple(out), main, tuple(verdicts))
