"""Which blocks do not belong to the main text; entry point: `split_unrelated`.

Evidence, all computed from the document itself:
- lexical cohesion: how much of a stretch's content vocabulary (stemmed, common words removed)
  and of its names (capitalised words) recurs in the rest of the document;
- boilerplate cues: phrases of page furniture (newsletter, cookie, share bar, copyright), from
  `data/boilerplate.json`;
- position: inserted material clusters at the start and the end.
Stretches of one to `MAX_RUN` consecutive blocks are judged against the rest of the document with
the stretch removed, so a pasted story of three paragraphs cannot vouch for itself. A short
title-like block is judged with the block below it, never on its own length.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .model import Block, BlockVerdict, Document, Segment, SegmentKind, Split

__all__ = ["THRESHOLD", "split_unrelated"]

# Decision threshold on the unrelatedness score (0..1). Set on ../shared/corpus/segments/dev with
# `python bench/segments.py ../shared/corpus` (see README, benchmark section).
THRESHOLD = 0.62
# Stretches longer than this many blocks are not considered one insertion.
MAX_RUN = 4
# Never set aside more than this share of a document's words: beyond it the "main text" is in doubt.
MAX_SHARE = 0.4
# Documents with fewer content blocks than this are left whole unless a boilerplate cue is strong.
MIN_BLOCKS = 4
# A block with fewer content words than this carries too little vocabulary to judge by cohesion.
MIN_CONTENT_WORDS = 4
PREVIEW_CHARS = 80

_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*")
_SENT_START = re.compile(r"(^|[.!?:;\"“”]\s+)$")


@dataclass(frozen=True, slots=True)
class _Cue:
    kind: str
    weight: float
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
def _cues() -> tuple[_Cue, ...]:
    data = json.loads(resources.files("docscan").joinpath("data/boilerplate.json").read_text("utf-8"))
    return tuple(
        _Cue(p["kind"], float(p["weight"]), re.compile(p["re"], re.I | re.M)) for p in data["patterns"]
    )


def _stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    for suffix in ("ingly", "ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "es", "ed", "ly", "s"):
        if len(w) - len(suffix) >= 4 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


@dataclass(frozen=True, slots=True)
class _Profile:
    words: Counter[str]
    names: frozenset[str]
    n_words: int
    cue: float
    cue_kind: str
    title_like: bool


def _profile(block: Block) -> _Profile:
    common = _common_words()
    words: Counter[str] = Counter()
    names: set[str] = set()
    text = block.text
    n = 0
    for m in _WORD.finditer(text):
        tok = m.group()
        n += 1
        low = tok.lower()
        if low in common or len(low) < 3:
            continue
        words[_stem(tok)] += 1
        if tok[0].isupper() and not _SENT_START.search(text[max(0, m.start() - 3) : m.start()]):
            names.add(low)
    cue, kind = 0.0, ""
    for c in _cues():
        if c.weight > cue and c.pattern.search(text):
            cue, kind = c.weight, c.kind
    stripped = text.strip()
    title_like = (
        "\n" not in stripped
        and n <= 14
        and len(stripped) <= 100
        and stripped[-1:] not in ".!,;:"
    )
    return _Profile(words, frozenset(names), n, cue, kind, title_like)


def _cosine(a: Counter[str], b: Counter[str], idf: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(math.sqrt(a[w]) * math.sqrt(b[w]) * idf.get(w, 1.0) ** 2 for w in a if w in b)
    na = math.sqrt(sum(a[w] * idf.get(w, 1.0) ** 2 for w in a))
    nb = math.sqrt(sum(b[w] * idf.get(w, 1.0) ** 2 for w in b))
    return dot / (na * nb) if na and nb else 0.0


def split_unrelated(doc: Document, blocks: tuple[Block, ...], *, enabled: bool = True) -> Split:
    """Partition blocks into main text and set-aside segments, with a verdict for every block."""
    if not blocks:
        return Split((), (), ())
    profiles = [_profile(b) for b in blocks]
    flagged: dict[int, tuple[float, str, dict[str, float]]] = {}
    verdict_info: list[tuple[float, str, dict[str, float]]] = [(0.0, "", {}) for _ in blocks]
    if enabled:
        verdict_info, flagged = _judge(blocks, profiles)
    verdicts = tuple(
        BlockVerdict(
            block=b.index,
            start_line=b.start_line,
            end_line=b.end_line,
            score=round(verdict_info[b.index][0], 3),
            threshold=THRESHOLD,
            unrelated=b.index in flagged,
            reason=verdict_info[b.index][1],
            features=tuple((k, round(v, 3)) for k, v in verdict_info[b.index][2].items()),
        )
        for b in blocks
    )
    segments = _segments(blocks, flagged, verdict_info)
    main = tuple(b.index for b in blocks if b.index not in flagged)
    return Split(segments, main, verdicts)


def _judge(
    blocks: tuple[Block, ...], profiles: list[_Profile]
) -> tuple[list[tuple[float, str, dict[str, float]]], dict[int, tuple[float, str, dict[str, float]]]]:
    n = len(blocks)
    # Within-document inverse frequency: words spread over many blocks are the document's topic
    # words and count more for cohesion than words confined to one block.
    df: Counter[str] = Counter()
    for p in profiles:
        df.update(set(p.words))
    content_blocks = sum(1 for p in profiles if len(p.words) >= MIN_CONTENT_WORDS) or 1
    idf = {w: 1.0 + math.log(content_blocks / c) if c < content_blocks else 0.5 for w, c in df.items()}
    total_words = sum(p.n_words for p in profiles) or 1
    total: Counter[str] = Counter()
    for p in profiles:
        total.update(p.words)
    name_df: Counter[str] = Counter()
    for p in profiles:
        name_df.update(p.names)

    def stretch_score(lo: int, hi: int) -> tuple[float, dict[str, float]]:
        """Unrelatedness of blocks[lo:hi] judged against everything outside it."""
        inner: Counter[str] = Counter()
        names: set[str] = set()
        inner_names: Counter[str] = Counter()
        for p in profiles[lo:hi]:
            inner.update(p.words)
            names |= p.names
            inner_names.update(p.names)
        rest = total - inner
        cos = _cosine(inner, rest, idf)
        shared_vocab = sum(1 for w in inner if rest[w] > 0) / max(1, len(inner))
        outside_names = {w for w in names if name_df[w] - inner_names[w] > 0}
        name_overlap = len(outside_names) / len(names) if names else 0.5
        cue = max(p.cue for p in profiles[lo:hi])
        position = 1.0 if lo == 0 or hi == n else 0.0
        cohesion = min(1.0, cos / 0.25)
        score = (
            0.55 * (1.0 - cohesion)
            + 0.2 * (1.0 - min(1.0, shared_vocab / 0.6))
            + 0.15 * (1.0 - name_overlap)
            + 0.1 * position
        )
        score = max(score, cue) if cue >= 0.8 else min(1.0, score + 0.5 * cue)
        feats = {
            "cosine_to_rest": cos,
            "shared_vocabulary": shared_vocab,
            "shared_names": name_overlap,
            "boilerplate_cue": cue,
            "at_edge": position,
        }
        return score, feats

    info: list[tuple[float, str, dict[str, float]]] = []
    for i in range(n):
        s, f = stretch_score(i, i + 1)
        info.append((s, _reason(profiles[i], f), f))
    if n < MIN_BLOCKS or content_blocks < MIN_BLOCKS:
        # too little text to judge cohesion: only page furniture is set aside
        flagged = {
            i: info[i] for i in range(n) if profiles[i].cue >= 0.8 and profiles[i].n_words <= 60
        }
        return info, flagged

    flagged: dict[int, tuple[float, str, dict[str, float]]] = {}
    candidates: list[tuple[float, int, int, dict[str, float]]] = []
    for lo in range(n):
        for hi in range(lo + 1, min(n, lo + MAX_RUN) + 1):
            words = sum(len(p.words) for p in profiles[lo:hi])
            if words < MIN_CONTENT_WORDS and max(p.cue for p in profiles[lo:hi]) < 0.8:
                continue
            if sum(p.n_words for p in profiles[lo:hi]) > MAX_SHARE * total_words:
                continue
            s, f = stretch_score(lo, hi)
            if s >= THRESHOLD:
                candidates.append((s, lo, hi, f))
    candidates.sort(key=lambda c: (-c[0], c[2] - c[1]))
    for s, lo, hi, f in candidates:
        if any(i in flagged for i in range(lo, hi)):
            continue
        # each block of a stretch must itself look unrelated or be a title over it
        if not all(info[i][0] >= THRESHOLD - 0.15 or profiles[i].title_like for i in range(lo, hi)):
            continue
        for i in range(lo, hi):
            flagged[i] = (s, _reason(profiles[i], f), f)
    _attach_titles(blocks, profiles, flagged, info)
    return info, flagged


def _attach_titles(
    blocks: tuple[Block, ...],
    profiles: list[_Profile],
    flagged: dict[int, tuple[float, str, dict[str, float]]],
    info: list[tuple[float, str, dict[str, float]]],
) -> None:
    """A title-like block directly above a set-aside stretch goes with it when it shares no
    vocabulary with the block below the stretch (a heading belongs to its own section)."""
    for i in sorted(flagged):
        j = i - 1
        if j < 0 or j in flagged or not profiles[j].title_like:
            continue
        below = profiles[i].words
        title = profiles[j].words
        if title and sum(1 for w in title if w in below) >= 1:
            flagged[j] = (flagged[i][0], "title of the set-aside text below it", flagged[i][2])


def _reason(p: _Profile, f: dict[str, float]) -> str:
    if p.cue >= 0.5 and p.cue_kind:
        lead = {
            "newsletter": "newsletter or sign-up prompt",
            "cookie": "cookie notice",
            "privacy": "privacy or terms notice",
            "legal": "copyright line",
            "share": "share bar",
            "social": "social-media prompt",
            "comments": "comments widget",
            "related": "related-content list",
            "navigation": "navigation link",
            "advertisement": "advertisement",
            "byline": "publishing metadata",
            "account": "account prompt",
            "download": "app promotion",
            "promotion": "promotional teaser",
        }.get(p.cue_kind, p.cue_kind)
        return f"{lead}; shares {f['shared_vocabulary']:.0%} of its vocabulary with the rest"
    return (
        f"off-topic: cosine {f['cosine_to_rest']:.2f} to the rest of the document, "
        f"{f['shared_vocabulary']:.0%} of its vocabulary and {f['shared_names']:.0%} of its names recur"
    )


def _segments(
    blocks: tuple[Block, ...],
    flagged: dict[int, tuple[float, str, dict[str, float]]],
    info: list[tuple[float, str, dict[str, float]]],
) -> tuple[Segment, ...]:
    """Consecutive blocks of the same kind become one segment; main segments score 1 - max."""
    out: list[Segment] = []
    i = 0
    while i < len(blocks):
        unrelated = i in flagged
        j = i
        while j + 1 < len(blocks) and ((j + 1) in flagged) == unrelated:
            if unrelated and flagged[j + 1][1] != flagged[i][1] and blocks[j + 1].start_line > blocks[j].end_line + 2:
                break
            j += 1
        first, last = blocks[i], blocks[j]
        if unrelated:
            score = max(flagged[k][0] for k in range(i, j + 1))
            reason = flagged[i][1]
        else:
            score = max(info[k][0] for k in range(i, j + 1))
            reason = "main text"
        preview = " ".join(first.text.split())
        if len(preview) > PREVIEW_CHARS:
            preview = preview[: PREVIEW_CHARS - 1].rstrip() + "…"
        out.append(
            Segment(
                kind=SegmentKind.UNRELATED if unrelated else SegmentKind.MAIN,
                start_line=first.start_line,
                end_line=last.end_line,
                start_char=first.start_char,
                end_char=last.end_char,
                score=round(score, 3),
                reason=reason,
                preview=preview,
            )
        )
        i = j + 1
    return tuple(out)
